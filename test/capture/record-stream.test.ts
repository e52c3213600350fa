import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordStream } from '../../src/capture/record-stream.js';
import { writeRecordHeader } from '../../src/pcap/writer.js';
import { splitRecords, type Rec } from './records.js';

function stream(lengths: number[]): Buffer {
  const parts: Buffer[] = [];
  lengths.forEach((len, i) => {
    const r = Buffer.alloc(16 + len);
    writeRecordHeader(r, 0, 1000 + i, i, len, len + 7);
    for (let j = 0; j < len; j++) r[16 + j] = (i * 31 + j) & 0xff;
    parts.push(r);
  });
  return Buffer.concat(parts);
}

function feed(bytes: Buffer, cuts: number[]): { recs: Rec[]; s: RecordStream } {
  const recs: Rec[] = [];
  const s = new RecordStream((c, a, b) => splitRecords(c, a, b, recs));
  let prev = 0;
  for (const cut of [...cuts].sort((a, b) => a - b).concat(bytes.length)) {
    // Fresh buffers, as a socket gives them: a record must not rely on the last chunk surviving.
    s.push(Buffer.from(bytes.subarray(prev, cut)));
    prev = cut;
  }
  return { recs, s };
}

describe('RecordStream', () => {
  it('delivers whole records only, whatever the chunk edges', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (lengths, rawCuts) => {
          const bytes = stream(lengths);
          const { recs, s } = feed(bytes, rawCuts.map((c) => c % (bytes.length + 1)));
          expect(recs.map((r) => r.capLen)).toEqual(lengths);
          expect(recs.map((r) => r.origLen)).toEqual(lengths.map((l) => l + 7));
          expect(Buffer.concat(recs.map((r) => r.data))).toEqual(Buffer.concat(splitRecords(bytes, 0, bytes.length).map((r) => r.data)));
          expect(s.pending).toBe(0);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('cut inside every header byte and every data byte of one record', () => {
    const bytes = stream([5, 40, 0, 9]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const { recs } = feed(bytes, [cut]);
      expect(recs.map((r) => r.capLen)).toEqual([5, 40, 0, 9]);
    }
    // One byte at a time.
    const { recs } = feed(bytes, Array.from({ length: bytes.length }, (_, i) => i));
    expect(recs.map((r) => r.tsUs)).toEqual([1000e6, 1001e6 + 1, 1002e6 + 2, 1003e6 + 3]);
  });

  it('keeps a partial record pending and stops at an impossible length', () => {
    const bytes = stream([100]);
    const { recs, s } = feed(bytes.subarray(0, 50), []);
    expect(recs).toHaveLength(0);
    expect(s.pending).toBe(50);
    const bad = Buffer.concat([stream([3]), Buffer.alloc(16, 0xff)]);
    const out = feed(bad, [20]);
    expect(out.recs.map((r) => r.capLen)).toEqual([3]);
    expect(out.s.corrupt).toMatch(/record of 4294967295 bytes/);
  });
});
