import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../src/pcap/bytes.js';
import { openCapture } from '../../src/pcap/reader.js';
import { CaptureFileError } from '../../src/pcap/types.js';
import { corpusFiles, corpusMissing, haveCorpus } from '../support/corpus.js';
import { haveTool, mapLimit } from '../support/referee.js';
import { parseReferencePcap, runBinary } from './referee-pcap.js';

if (!haveCorpus) console.log(corpusMissing);

/** mulberry32: a seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Outcome {
  packets: number;
  error?: string;
}

/**
 * Reads to the end with a bound on iterations: every packet consumes at least
 * 12 bytes, so more packets than bytes/12 + 1 would mean a loop that never ends.
 */
function consume(data: Buffer, name: string, chunkSize?: number): Outcome {
  let packets = 0;
  try {
    const r = openCapture(bufferSource(data), name, { chunkSize });
    const limit = data.length / 12 + 1;
    for (let p = r.next(); p; p = r.next()) {
      if (++packets > limit) throw new Error(`${name}: more packets than bytes allow: a loop`);
      if (p.offset < 0 || p.offset + p.capLen > p.buf.length) throw new Error(`${name}: view outside its buffer`);
    }
    return { packets };
  } catch (e) {
    if (e instanceof CaptureFileError) {
      if (!/^.+: at byte \d+: \S/.test(e.message) || e.message.includes('\n')) throw new Error(`badly worded error: ${e.message}`);
      return { packets, error: e.message };
    }
    throw e; // anything else fails the test, with its stack
  }
}

const files = corpusFiles().map((f) => ({ name: f, data: readFileSync(f) }));
const dir = mkdtempSync(join(tmpdir(), 'pcapdump-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!haveCorpus)('hostile input: never an exception other than CaptureFileError, never a hang', () => {
  it('corpus files cut at random offsets agree with tcpdump on the packets before the cut', async () => {
    const rand = rng(2024);
    const cuts = Array.from({ length: 300 }, (_, i) => {
      const f = files[Math.floor(rand() * files.length)];
      const at = Math.floor(rand() * f.data.length);
      return { name: join(dir, `cut${i}-${at}-${basename(f.name)}`), data: f.data.subarray(0, at) };
    });
    const started = Date.now();
    const outcomes = cuts.map((c, i) => consume(c.data, c.name, i % 3 === 0 ? 256 : undefined));
    expect(Date.now() - started).toBeLessThan(20_000);
    let compared = 0;
    const disagree: string[] = [];
    if (haveTool('tcpdump')) {
      await mapLimit(cuts, 2, async (c) => {
        const i = cuts.indexOf(c);
        writeFileSync(c.name, c.data);
        const ref = await runBinary('tcpdump', ['-r', c.name, '-w', '-']);
        rmSync(c.name);
        const refPackets = ref.stdout.length >= 24 ? parseReferencePcap(ref.stdout).records.length : 0;
        const refRefused = ref.code !== 0;
        compared++;
        const ours = outcomes[i];
        if (ours.packets !== refPackets || (ours.error !== undefined) !== refRefused) {
          disagree.push(`${c.name}: ours ${ours.packets} packets${ours.error ? `, then "${ours.error}"` : ''}; tcpdump ${refPackets}${refRefused ? `, then: ${ref.stderr.trim()}` : ''}`);
        }
      });
    }
    const refused = outcomes.filter((o) => o.error).length;
    console.log(`hostile cuts: ${cuts.length} cut files, ${refused} refused with CaptureFileError, ${compared} compared with tcpdump, ${disagree.length} disagree`);
    expect(disagree).toEqual([]);
  });

  it('corpus files with one header byte changed agree with tcpdump', async () => {
    const rand = rng(5);
    // Half from the few pcapng files, whose block structure has more to get wrong.
    const ng = files.filter((f) => f.name.endsWith('.pcapng'));
    const cases = Array.from({ length: 400 }, (_, i) => {
      const pool = i % 2 === 0 && ng.length > 0 ? ng : files;
      const data = Buffer.from(pool[Math.floor(rand() * pool.length)].data);
      const at = Math.floor(rand() * Math.min(200, data.length));
      data[at] = Math.floor(rand() * 256);
      return { name: join(dir, `flip${i}-${at}.pcap`), data };
    });
    const outcomes = cases.map((c) => consume(c.data, c.name));
    let compared = 0;
    let unknownLinkType = 0;
    let shbTrailer = 0;
    const disagree: string[] = [];
    if (haveTool('tcpdump')) {
      await mapLimit(cases, 2, async (c) => {
        const ours = outcomes[cases.indexOf(c)];
        writeFileSync(c.name, c.data);
        const ref = await runBinary('tcpdump', ['-r', c.name, '-w', '-']);
        rmSync(c.name);
        compared++;
        // tcpdump's filter compiler refuses link types it has no code for, before reading a packet;
        // the file itself is well formed, and reading it is the decoder's and filter's business.
        if (/unknown data link type/.test(ref.stderr) && !ours.error) {
          unknownLinkType++;
          return;
        }
        // libpcap reads the first SHB without looking at its trailing length copy; we check every
        // block's, as our brief asks, so a file whose only fault is that copy is refused by us alone.
        if (ours.error && / at byte 0: Section Header Block \(type 168627466\): total length \d+ in header and \d+ in trailer don't match$/.test(ours.error)) {
          shbTrailer++;
          return;
        }
        const refPackets = ref.stdout.length >= 24 ? parseReferencePcap(ref.stdout).records.length : 0;
        if (ours.packets !== refPackets || (ours.error !== undefined) !== (ref.code !== 0)) {
          disagree.push(`${c.name}: ours ${ours.packets} packets${ours.error ? `, then "${ours.error}"` : ''}; tcpdump ${refPackets}, exit ${ref.code}: ${ref.stderr.trim()}`);
        }
      });
    }
    const refused = outcomes.filter((o) => o.error).length;
    console.log(
      `hostile flips: ${cases.length} files with one byte changed, ${refused} refused, ${compared} compared with tcpdump ` +
        `(${unknownLinkType} only tcpdump's filter compiler refuses: unknown link type; ` +
        `${shbTrailer} only we refuse: first SHB's trailing length differs, which libpcap never reads), ${disagree.length} disagree`,
    );
    expect(disagree).toEqual([]);
  });

  it('corpus files with random bytes overwritten, and random bytes behind each magic', () => {
    const rand = rng(99);
    let runs = 0;
    let refused = 0;
    const started = Date.now();
    for (let i = 0; i < 1500; i++) {
      const f = files[Math.floor(rand() * files.length)].data;
      const data = Buffer.from(f);
      const flips = 1 + Math.floor(rand() * 8);
      for (let k = 0; k < flips; k++) {
        // Mostly in the headers, where the lengths are.
        const at = rand() < 0.5 ? Math.floor(rand() * Math.min(96, data.length)) : Math.floor(rand() * data.length);
        data[at] = Math.floor(rand() * 256);
      }
      if (consume(data, `flip${i}.pcap`, i % 4 === 0 ? 128 : undefined).error) refused++;
      runs++;
    }
    const magics = ['a1b2c3d4', 'd4c3b2a1', 'a1b23c4d', '4d3cb2a1', '34cdb2a1', '0a0d0d0a'];
    for (let i = 0; i < 1500; i++) {
      const junk = Buffer.alloc(Math.floor(rand() * 400));
      for (let k = 0; k < junk.length; k++) junk[k] = Math.floor(rand() * 256);
      const head = Buffer.from(magics[i % magics.length], 'hex');
      // For pcapng give it a plausible byte-order magic too, so parsing goes past the first block.
      if (i % magics.length === 5 && junk.length >= 8) junk.writeUInt32LE(0x1a2b3c4d, 4);
      if (consume(Buffer.concat([head, junk]), `junk${i}.pcap`, 64).error) refused++;
      runs++;
    }
    console.log(`hostile bytes: ${runs} mutated or random inputs, ${refused} refused with CaptureFileError, 0 other exceptions, ${Date.now() - started} ms`);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
