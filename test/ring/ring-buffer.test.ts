import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../src/ring/ring-buffer.js';

function bytes(n: number, fill: number): Buffer {
  return Buffer.alloc(n, fill);
}

/** [tsSec, capLen, first byte] of each stored packet, oldest first. */
function summary(ring: RingBuffer): number[][] {
  const out: number[][] = [];
  ring.forEach((p) => out.push([p.tsSec, p.capLen, p.capLen > 0 ? p.buf[p.offset] : -1]));
  return out;
}

describe('RingBuffer edge cases', () => {
  it('allocates exactly the size asked for and starts empty', () => {
    const ring = new RingBuffer(1000, 113);
    expect(ring.size).toBe(1000);
    expect(ring.linkType).toBe(113);
    expect([ring.packets, ring.usedBytes, ring.overwritten, ring.dropped, ring.pushed]).toEqual([0, 0, 0, 0, 0]);
    expect(ring.segments()).toEqual([]);
    expect(summary(ring)).toEqual([]);
  });

  it('refuses sizes that are not a whole number of bytes', () => {
    expect(() => new RingBuffer(-1, 1)).toThrow(RangeError);
    expect(() => new RingBuffer(1.5, 1)).toThrow(/whole number/);
    expect(() => new RingBuffer(Number.NaN, 1)).toThrow(RangeError);
  });

  it('fills exactly to the last byte, then overwrites the oldest', () => {
    const ring = new RingBuffer(3 * (16 + 84), 1);
    for (let i = 0; i < 3; i++) expect(ring.push(i, 0, 84, bytes(84, i), 0, 84)).toBe(true);
    expect(ring.usedBytes).toBe(ring.size);
    expect(ring.segments()).toHaveLength(1);
    expect(summary(ring)).toEqual([[0, 84, 0], [1, 84, 1], [2, 84, 2]]);
    expect(ring.push(3, 0, 84, bytes(84, 3), 0, 84)).toBe(true);
    expect(summary(ring)).toEqual([[1, 84, 1], [2, 84, 2], [3, 84, 3]]);
    expect(ring.segments().map((s) => s.length)).toEqual([200, 100]);
    expect([ring.packets, ring.overwritten, ring.pushed]).toEqual([3, 1, 4]);
  });

  it('drops a packet bigger than the ring, never cutting it, and keeps what it had', () => {
    const ring = new RingBuffer(100, 1);
    expect(ring.push(1, 0, 10, bytes(10, 1), 0, 10)).toBe(true);
    expect(ring.push(2, 0, 85, bytes(85, 2), 0, 85)).toBe(false); // 16 + 85 = 101
    expect(summary(ring)).toEqual([[1, 10, 1]]);
    expect([ring.packets, ring.dropped, ring.pushed, ring.overwritten]).toEqual([1, 1, 1, 0]);
    expect(ring.push(3, 0, 84, bytes(84, 3), 0, 84)).toBe(true); // 100: exactly the whole ring
    expect(summary(ring)).toEqual([[3, 84, 3]]);
    expect(ring.usedBytes).toBe(100);
  });

  it('stores a zero-length packet as a bare header with its wire length', () => {
    const ring = new RingBuffer(16, 1);
    expect(ring.push(5, 6, 1514, Buffer.alloc(0), 0, 0)).toBe(true);
    const seen: number[] = [];
    ring.forEach((p) => seen.push(p.tsSec, p.tsNsec, p.capLen, p.origLen, p.offset));
    expect(seen).toEqual([5, 6, 0, 1514, 16]);
    expect(ring.push(7, 0, 60, Buffer.alloc(0), 0, 0)).toBe(true);
    expect(summary(ring)).toEqual([[7, 0, -1]]);
    expect(ring.overwritten).toBe(1);
  });

  it('with a size smaller than a record header, drops everything', () => {
    for (const size of [0, 1, 15]) {
      const ring = new RingBuffer(size, 1);
      expect(ring.push(1, 0, 0, Buffer.alloc(0), 0, 0)).toBe(false);
      expect([ring.packets, ring.dropped, ring.usedBytes]).toEqual([0, 1, 0]);
      expect(ring.segments()).toEqual([]);
    }
  });

  it('leaves the tail gap out of the data and of the segments', () => {
    const ring = new RingBuffer(100, 1);
    ring.push(1, 0, 30, bytes(30, 1), 0, 30); // [0, 46)
    ring.push(2, 0, 30, bytes(30, 2), 0, 30); // [46, 92); 8 bytes left at the end
    ring.push(3, 0, 20, bytes(20, 3), 0, 20); // wraps to [0, 36), overwriting packet 1
    expect(summary(ring)).toEqual([[2, 30, 2], [3, 20, 3]]);
    expect(ring.usedBytes).toBe(46 + 36);
    expect(ring.segments().map((s) => s.length)).toEqual([46, 36]);
    ring.push(4, 0, 0, Buffer.alloc(0), 0, 0); // [36, 52): overwrites packet 2, whose gap dies with it
    expect(summary(ring)).toEqual([[3, 20, 3], [4, 0, -1]]);
    expect(ring.segments().map((s) => s.length)).toEqual([52]);
  });

  it('takes packet bytes from an offset in a larger buffer or plain Uint8Array', () => {
    const ring = new RingBuffer(200, 1);
    const frame = Uint8Array.from([9, 9, 1, 2, 3, 9]);
    ring.push(1, 0, 3, frame, 2, 3);
    ring.push(2, 0, 3, Buffer.from(frame), 2, 3);
    const got: number[][] = [];
    ring.forEach((p) => got.push([...p.buf.subarray(p.offset, p.offset + p.capLen)]));
    expect(got).toEqual([[1, 2, 3], [1, 2, 3]]);
    expect(() => ring.push(3, 0, 3, frame, 4, 3)).toThrow(/outside the 6-byte packet/);
    expect(() => ring.push(3, 0, 3, frame, -1, 3)).toThrow(RangeError);
    expect(ring.pushed).toBe(2);
  });

  it('clear() empties the ring and zeroes its counters', () => {
    const ring = new RingBuffer(50, 1);
    for (let i = 0; i < 5; i++) ring.push(i, 0, 20, bytes(20, i), 0, 20);
    ring.push(9, 0, 99, bytes(99, 9), 0, 99);
    expect(ring.overwritten).toBeGreaterThan(0);
    ring.clear();
    expect([ring.packets, ring.usedBytes, ring.overwritten, ring.dropped, ring.pushed]).toEqual([0, 0, 0, 0, 0]);
    expect(ring.segments()).toEqual([]);
    ring.push(10, 0, 1, bytes(1, 10), 0, 1);
    expect(summary(ring)).toEqual([[10, 1, 10]]);
  });

  it('writes timestamps and lengths as a little-endian ns pcap record', () => {
    const ring = new RingBuffer(64, 1);
    ring.push(0x01020304, 999_999, 0x0a0b0c0d, Buffer.from([0xaa, 0xbb]), 0, 2);
    expect(ring.segments()[0].toString('hex')).toBe('04030201' + '3f420f00' + '02000000' + '0d0c0b0a' + 'aabb');
  });

  it('pushRecords stops at a record cut by the end of the batch', () => {
    const ring = new RingBuffer(1024, 1);
    const chunk = Buffer.alloc(16 + 4 + 16 + 10);
    chunk.writeUInt32LE(4, 8);
    chunk.writeUInt32LE(4, 12);
    chunk.writeUInt32LE(100, 20 + 8); // claims 100 bytes, 10 follow
    expect(ring.pushRecords(chunk, 0, chunk.length)).toBe(1);
    expect([ring.packets, ring.usedBytes]).toEqual([1, 20]);
  });

  it('keeps pushing in constant time when full (a million small packets)', () => {
    const ring = new RingBuffer(64 * 1024, 1);
    const frame = bytes(60, 1);
    const t0 = performance.now();
    for (let i = 0; i < 1_000_000; i++) ring.push(i, 0, 60, frame, 0, 60);
    const ms = performance.now() - t0;
    expect(ring.packets).toBe(Math.floor((64 * 1024) / 76));
    expect(ring.pushed).toBe(1_000_000);
    console.log(`ring push: 1,000,000 packets of 60 bytes in ${ms.toFixed(0)} ms`);
  });
});
