import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../src/pcap/bytes.js';
import { openCapture, type CaptureReader, type RecordTest } from '../../src/pcap/reader.js';
import { CaptureFileError, type AsyncByteSource, type PacketView } from '../../src/pcap/types.js';
import { classic } from './build.js';
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

type Drive = (r: CaptureReader, test: RecordTest, o: Outcome) => void;

/** Opens the bytes and lets drive go through them with a recording test; null when they do not open. */
function outcome(data: Buffer, chunkSize: number | undefined, drive: Drive): Outcome | null {
  const { test, seen } = recorder();
  const o: Outcome = { packets: 0, matched: 0, seen: '' };
  let r;
  try {
    r = openCapture(bufferSource(data), 'f', { chunkSize });
  } catch {
    return null;
  }
  try {
    drive(r, test, o);
  } catch (e) {
    if (!(e instanceof CaptureFileError)) throw e;
    o.error = e.message;
  }
  o.seen = seen.join(',');
  return o;
}

/** The reference: next() record by record, the test applied to each. */
const nextLoop =
  (limit: number): Drive =>
  (r, test, o) => {
    for (let p = r.next(); p; p = r.next()) {
      o.packets++;
      if (test(p.buf, p.offset, p.capLen) && ++o.matched === limit) break;
    }
  };

function viaNext(data: Buffer, limit: number, chunkSize?: number): Outcome | null {
  return outcome(data, chunkSize, nextLoop(limit));
}

function viaScan(data: Buffer, limit: number, chunkSize?: number): Outcome | null {
  return outcome(data, chunkSize, (r, test, o) => (r.scan ? r.scan(test, limit, o) : nextLoop(limit)(r, test, o)));
}

/** The bytes, read asynchronously after a turn of the event loop, as fs.read delivers them. */
function asyncSource(data: Buffer, reads: { n: number }): AsyncByteSource {
  const sync = bufferSource(data);
  return (buf, off, len, position) =>
    new Promise((resolve) =>
      setImmediate(() => {
        reads.n++;
        resolve(sync(buf, off, len, position));
      }),
    );
}

async function viaScanAsync(data: Buffer, limit: number, chunkSize?: number): Promise<Outcome | null> {
  const { test, seen } = recorder();
  const o: Outcome = { packets: 0, matched: 0, seen: '' };
  const reads = { n: 0 };
  let r;
  try {
    r = openCapture(bufferSource(data), 'f', { chunkSize, readAhead: asyncSource(data, reads) });
  } catch {
    return null;
  }
  if (!r.scanAsync) return viaNext(data, limit, chunkSize);
  try {
    await r.scanAsync(test, limit, o);
  } catch (e) {
    if (!(e instanceof CaptureFileError)) throw e;
    o.error = e.message;
  }
  o.seen = seen.join(',');
  return o;
}

/** Every packet next() gives (time, lengths, a digest of its bytes) up to `limit`, and the error. */
function packetsVia(data: Buffer, limit: number, chunkSize?: number): { packets: string[]; error?: string } | null {
  let r;
  try {
    r = openCapture(bufferSource(data), 'f', { chunkSize });
  } catch {
    return null;
  }
  const o: { packets: string[]; error?: string } = { packets: [] };
  try {
    for (let p = r.next(); p; p = r.next()) if (o.packets.push(describePacket(p)) === limit) break;
  } catch (e) {
    if (!(e instanceof CaptureFileError)) throw e;
    o.error = e.message;
  }
  return o;
}

function describePacket(p: PacketView): string {
  let sum = 0;
  for (let i = p.offset; i < p.offset + p.capLen; i++) sum = (Math.imul(sum, 31) + p.buf[i]) | 0;
  return `${p.tsSec}.${p.tsNsec} ${p.capLen}/${p.origLen} ${sum}`;
}

/** packetsVia over visitAsync, reading ahead. */
async function packetsViaVisitAsync(data: Buffer, limit: number, chunkSize?: number): Promise<{ packets: string[]; error?: string } | null> {
  let r;
  try {
    r = openCapture(bufferSource(data), 'f', { chunkSize, readAhead: asyncSource(data, { n: 0 }) });
  } catch {
    return null;
  }
  const o: { packets: string[]; error?: string } = { packets: [] };
  if (!r.visitAsync) return packetsVia(data, limit, chunkSize);
  try {
    await r.visitAsync((p) => o.packets.push(describePacket(p)) !== limit);
  } catch (e) {
    if (!(e instanceof CaptureFileError)) throw e;
    o.error = e.message;
  }
  return o;
}

describe('scan (counting without views) is next() by another road', () => {
  const files = corpusFiles();

  it.skipIf(!haveCorpus)('every classic corpus file: same records, same bytes tested, same error, with and without a limit', async () => {
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
        const expected = viaNext(data, limit, chunk);
        expect(viaScan(data, limit, chunk), `${basename(f)} limit ${limit} chunk ${chunk}`).toEqual(expected);
        expect(await viaScanAsync(data, limit, chunk), `${basename(f)} read ahead, limit ${limit} chunk ${chunk}`).toEqual(expected);
        expect(await packetsViaVisitAsync(data, limit, chunk), `${basename(f)} visitAsync, limit ${limit} chunk ${chunk}`).toEqual(packetsVia(data, limit, chunk));
      }
    }
    expect(scanned).toBeGreaterThan(200);
  });

  it.skipIf(!haveCorpus)('mutated and cut files: same outcome either way', async () => {
    const classic = files.map((f) => readFileSync(f)).filter((d) => d.length > 40 && d.length < 20000 && d.readUInt32BE(0) !== 0x0a0d0d0a);
    await fc.assert(
      fc.asyncProperty(fc.nat(classic.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 8 }), fc.nat(), fc.nat(4), async (which, flips, cut, limit) => {
        const d = Buffer.from(classic[which]);
        // Flips land in the record headers' region more often than chance would put them.
        for (const [at, v] of flips) d[24 + (at % Math.min(d.length - 24, 400))] = v;
        const data = d.subarray(0, 24 + (cut % (d.length - 23)));
        const expected = viaNext(data, limit);
        expect(viaScan(data, limit)).toEqual(expected);
        expect(await viaScanAsync(data, limit, 256)).toEqual(expected);
        expect(await packetsViaVisitAsync(data, limit, 256)).toEqual(packetsVia(data, limit));
      }),
      { numRuns: 1000 },
    );
  });

  it('read ahead over records longer than the room kept for a tail (D-Bus), whole and cut', async () => {
    // Records of 300 000 bytes on D-Bus (link type 231, up to 128 MiB each) with 64 KB chunks:
    // a record's tail never fits the room before the next chunk, and takes a buffer of its own.
    const recs = [300_000, 17, 400_000, 299_999, 5].map((n, i) => ({ sec: i, frac: 0, data: Buffer.alloc(n, i === 2 ? 0x41 : 0x33) }));
    const data = classic({ linkType: 231, snapLen: 0 }, recs);
    for (const cut of [data.length, data.length - 3, 24 + 16 + 300_000 + 16 + 17 + 10, 24 + 16 + 100_000]) {
      for (const limit of [0, 2]) {
        const d = data.subarray(0, cut);
        const expected = viaNext(d, limit, 65536);
        expect(expected).not.toBeNull();
        expect(await viaScanAsync(d, limit, 65536), `cut ${cut} limit ${limit}`).toEqual(expected);
        expect(await packetsViaVisitAsync(d, limit, 65536), `visitAsync cut ${cut} limit ${limit}`).toEqual(packetsVia(d, limit, 65536));
      }
    }
  });

  it('a read under way when the limit is reached is waited for, so the file can be closed', async () => {
    const recs = Array.from({ length: 2000 }, (_, i) => ({ sec: i, frac: 0, data: Buffer.alloc(60, 1) }));
    const data = classic({}, recs);
    const reads = { n: 0 };
    const r = openCapture(bufferSource(data), 'f', { chunkSize: 4096, readAhead: asyncSource(data, reads) });
    const counts = { packets: 0, matched: 0 };
    await r.scanAsync!(() => true, 100, counts);
    const after = reads.n;
    expect(counts).toEqual({ packets: 100, matched: 100 });
    // The read ahead that was started has finished: nothing touches the buffers after this.
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads.n).toBe(after);
  });
});
