import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../src/pcap/bytes.js';
import { openCapture, type RecordTest } from '../../src/pcap/reader.js';
import { CaptureFileError } from '../../src/pcap/types.js';
import { corpusFiles, corpusMissing, haveCorpus } from '../support/corpus.js';

if (!haveCorpus) console.log(corpusMissing);

interface Outcome {
  packets: number;
  matched: number;
  /** What each accepted record's bytes were, to check the test saw what next() gives. */
  seen: string;
  error?: string;
}

/** A test that looks at every byte it is given (odd first byte accepted), and records it. */
function recorder(): { test: RecordTest; seen: string[] } {
  const seen: string[] = [];
  const test: RecordTest = (buf, offset, capLen) => {
    const ok = capLen > 0 && (buf[offset] & 1) === 1;
    if (ok) seen.push(Buffer.from(buf.subarray(offset, offset + capLen)).toString('hex'));
    return ok;
  };
  return { test, seen };
}

function viaNext(data: Buffer, limit: number, chunkSize?: number): Outcome | null {
  const { test, seen } = recorder();
  const o: Outcome = { packets: 0, matched: 0, seen: '' };
  let r;
  try {
    r = openCapture(bufferSource(data), 'f', { chunkSize });
  } catch {
    return null;
  }
  try {
    for (let p = r.next(); p; p = r.next()) {
      o.packets++;
      if (test(p.buf, p.offset, p.capLen) && ++o.matched === limit) break;
    }
  } catch (e) {
    if (!(e instanceof CaptureFileError)) throw e;
    o.error = e.message;
  }
  o.seen = seen.join(',');
  return o;
}

function viaScan(data: Buffer, limit: number, chunkSize?: number): Outcome | null {
  const { test, seen } = recorder();
  const o: Outcome = { packets: 0, matched: 0, seen: '' };
  let r;
  try {
    r = openCapture(bufferSource(data), 'f', { chunkSize });
  } catch {
    return null;
  }
  if (!r.scan) return viaNext(data, limit, chunkSize);
  try {
    r.scan(test, limit, o);
  } catch (e) {
    if (!(e instanceof CaptureFileError)) throw e;
    o.error = e.message;
  }
  o.seen = seen.join(',');
  return o;
}

describe('scan (counting without views) is next() by another road', () => {
  const files = corpusFiles();

  it.skipIf(!haveCorpus)('every classic corpus file: same records, same bytes tested, same error, with and without a limit', () => {
    let scanned = 0;
    for (const f of files) {
      const data = readFileSync(f);
      if (openCapture(bufferSource(data), 'f').scan === undefined) continue;
      scanned++;
      for (const [limit, chunk] of [
        [0, undefined],
        [3, undefined],
        [0, 64],
      ] as const) {
        expect(viaScan(data, limit, chunk), `${basename(f)} limit ${limit} chunk ${chunk}`).toEqual(viaNext(data, limit, chunk));
      }
    }
    expect(scanned).toBeGreaterThan(200);
  });

  it.skipIf(!haveCorpus)('mutated and cut files: same outcome either way', () => {
    const classic = files.map((f) => readFileSync(f)).filter((d) => d.length > 40 && d.length < 20000 && d.readUInt32BE(0) !== 0x0a0d0d0a);
    fc.assert(
      fc.property(fc.nat(classic.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 8 }), fc.nat(), fc.nat(4), (which, flips, cut, limit) => {
        const d = Buffer.from(classic[which]);
        // Flips land in the record headers' region more often than chance would put them.
        for (const [at, v] of flips) d[24 + (at % Math.min(d.length - 24, 400))] = v;
        const data = d.subarray(0, 24 + (cut % (d.length - 23)));
        expect(viaScan(data, limit)).toEqual(viaNext(data, limit));
      }),
      { numRuns: 2000 },
    );
  });
});
