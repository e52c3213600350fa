import { describe, expect, test } from 'vitest';
import { RingBuffer } from '../../src/ring/ring-buffer.js';
import { PCAP_RECORD_HEADER } from '../../src/pcap/writer.js';

/** A packet that says which one it is: its number in the first 4 bytes, then filler of varying length. */
function packet(seq: number): Buffer {
  const b = Buffer.alloc(4 + ((seq * 37) % 300));
  b.writeUInt32LE(seq, 0);
  return b;
}

function seqsIn(buf: Buffer, start: number, end: number): number[] {
  const out: number[] = [];
  for (let at = start; at < end; ) {
    const capLen = buf.readUInt32LE(at + 8);
    out.push(buf.readUInt32LE(at + PCAP_RECORD_HEADER));
    at += PCAP_RECORD_HEADER + capLen;
  }
  return out;
}

describe('RingBuffer.readAt: reading a ring that goes on filling', () => {
  test('every record from the start up to `until` is read once, in order, or counted as missed', () => {
    let rnd = 12345;
    const next = () => (rnd = (rnd * 1103515245 + 12345) & 0x7fffffff);
    for (let round = 0; round < 200; round++) {
      const ring = new RingBuffer(2000 + (next() % 6000), 1);
      let pushed = 0;
      const push = (n: number) => {
        for (let i = 0; i < n; i++) {
          const p = packet(pushed++);
          ring.push(0, 0, p.length, p, 0, p.length);
        }
      };
      push(next() % 80);
      let cursor = ring.oldest();
      const first = cursor.seq;
      const until = ring.pushed;
      const seen: number[] = [];
      let missed = 0;
      let expected = first;
      for (let guard = 0; guard < 10_000; guard++) {
        const r = ring.readAt(cursor, until, 1 + (next() % 700));
        missed += r.missed;
        if (r.records === 0 && r.missed === 0) break;
        const got = seqsIn(r.buf, r.start, r.end);
        expect(got).toHaveLength(r.records);
        // The gap before a batch is exactly what it says it missed.
        if (got.length > 0) expect(got[0]).toBe(expected + r.missed);
        expected = got.length > 0 ? got[got.length - 1] + 1 : expected + r.missed;
        seen.push(...got);
        cursor = r.next;
        // Between two reads the capture runs on: sometimes a little, sometimes past a whole ring.
        push(next() % 3 === 0 ? next() % 120 : 0);
      }
      // Each record once, in order, none past `until`; what is not there was overwritten first.
      expect(seen.every((s, i) => i === 0 || s > seen[i - 1])).toBe(true);
      expect(seen.every((s) => s >= first && s < until)).toBe(true);
      expect(seen.length + missed).toBe(until - first);
    }
  });

  test('a ring that does not change is read whole, a batch at a time, in record order', () => {
    const ring = new RingBuffer(64 * 1024, 1);
    for (let i = 0; i < 2000; i++) {
      const p = packet(i);
      ring.push(0, 0, p.length, p, 0, p.length);
    }
    const until = ring.pushed;
    let cursor = ring.oldest();
    const seen: number[] = [];
    for (;;) {
      const r = ring.readAt(cursor, until, 4096);
      if (r.records === 0) break;
      expect(r.missed).toBe(0);
      seen.push(...seqsIn(r.buf, r.start, r.end));
      cursor = r.next;
    }
    expect(seen).toEqual(Array.from({ length: ring.packets }, (_, i) => 2000 - ring.packets + i));
  });
});
