import { describe, expect, it } from 'vitest';
import { openCaptureFile } from '../../src/capture/file.js';
import { CaptureFileError } from '../../src/pcap/types.js';
import { corpusFiles, corpusMissing, haveCorpus } from '../support/corpus.js';
import { haveTool, mapLimit } from '../support/referee.js';
import { parseReferencePcap, runBinary, usOf, type RefRecord } from './referee-pcap.js';

const ready = haveCorpus && haveTool('tcpdump');
if (!haveCorpus) console.log(corpusMissing);

interface Ours {
  records: RefRecord[];
  linkTypes: Set<number>;
  error?: CaptureFileError;
}

function readOurs(path: string): Ours {
  const records: RefRecord[] = [];
  const linkTypes = new Set<number>();
  const r = openCaptureFile(path);
  try {
    for (let p = r.next(); p; p = r.next()) {
      linkTypes.add(p.linkType);
      records.push({
        us: usOf(p.tsSec >>> 0, Math.floor(p.tsNsec / 1000)),
        capLen: p.capLen,
        origLen: p.origLen,
        data: Buffer.from(p.buf.subarray(p.offset, p.offset + p.capLen)),
      });
    }
    return { records, linkTypes };
  } catch (e) {
    if (e instanceof CaptureFileError) return { records, linkTypes, error: e };
    throw e;
  } finally {
    r.close();
  }
}

/** Returns a description of the first difference, or null. */
function firstDifference(ours: RefRecord[], ref: RefRecord[]): string | null {
  const n = Math.min(ours.length, ref.length);
  for (let i = 0; i < n; i++) {
    const a = ours[i];
    const b = ref[i];
    if (a.us !== b.us) return `packet ${i + 1}: time ${a.us} µs, tcpdump ${b.us}`;
    if (a.capLen !== b.capLen || a.origLen !== b.origLen) return `packet ${i + 1}: lengths ${a.capLen}/${a.origLen}, tcpdump ${b.capLen}/${b.origLen}`;
    if (!a.data.equals(b.data)) return `packet ${i + 1}: bytes differ`;
  }
  return null;
}

describe.skipIf(!ready)('corpus: every tcpdump test capture, against tcpdump -r FILE -w -', () => {
  it('reads what tcpdump reads, refuses only what tcpdump refuses', async () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThan(400);
    let full = 0;
    let refused = 0;
    let packets = 0;
    const mismatches: string[] = [];
    await mapLimit(files, 2, async (file) => {
      const ref = await runBinary('tcpdump', ['-r', file, '-w', '-']);
      const refStderr = ref.stderr
        .split('\n')
        .filter((l) => l && !l.startsWith('reading from file'))
        .join('\n');
      const refErr = ref.code !== 0 || refStderr !== '';
      const refFile = ref.stdout.length >= 24 ? parseReferencePcap(ref.stdout) : null;
      const ours = readOurs(file);
      const refRecords = refFile?.records ?? [];
      const diff = firstDifference(ours.records, refRecords);
      packets += Math.min(ours.records.length, refRecords.length);
      if (diff) mismatches.push(`${file}: ${diff}`);
      if (ours.error) {
        refused++;
        if (!refErr) mismatches.push(`${file}: we refuse (${ours.error.message}) but tcpdump reads it`);
        else if (ours.records.length !== refRecords.length) mismatches.push(`${file}: ${ours.records.length} packets before our error, tcpdump ${refRecords.length}`);
        expect(ours.error.message).toContain(file);
        expect(ours.error.message).toMatch(/at byte \d+: \S/);
      } else {
        full++;
        if (refErr) mismatches.push(`${file}: we read it, tcpdump says: ${refStderr}`);
        else if (ours.records.length !== refRecords.length) mismatches.push(`${file}: ${ours.records.length} packets, tcpdump ${refRecords.length}`);
        if (refFile && ours.linkTypes.size === 1 && !ours.linkTypes.has(refFile.linkType & 0x03ffffff)) {
          // tcpdump keeps the FCS flags of the top 6 bits; the link type is below them.
          mismatches.push(`${file}: link type ${[...ours.linkTypes][0]}, tcpdump ${refFile.linkType & 0x03ffffff}`);
        }
      }
    });
    console.log(
      `corpus: ${files.length} files: ${full} read fully, ${refused} refused (tcpdump refuses them too); ` +
        `${packets} packets compared (time µs, caplen, origlen, bytes) with tcpdump -w -, ${mismatches.length} mismatches`,
    );
    expect(mismatches).toEqual([]);
  });
});
