export { runBinary, type BinaryRun } from '../support/referee.js';

/** One record as the referee wrote it; ts is microseconds since the epoch, seconds taken mod 2^32. */
export interface RefRecord {
  us: number;
  capLen: number;
  origLen: number;
  data: Buffer;
}

export interface RefFile {
  linkType: number;
  snapLen: number;
  records: RefRecord[];
}

/**
 * A deliberately separate, naive parser for the canonical files tcpdump writes
 * (classic µs pcap in host order), so the referee does not share code with the reader under test.
 */
export function parseReferencePcap(b: Buffer): RefFile {
  if (b.length < 24) throw new Error(`referee output too short (${b.length} bytes)`);
  const le = b.readUInt32LE(0) === 0xa1b2c3d4;
  if (!le && b.readUInt32BE(0) !== 0xa1b2c3d4) throw new Error('referee output is not µs pcap');
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const records: RefRecord[] = [];
  let o = 24;
  while (o + 16 <= b.length) {
    const cap = u32(o + 8);
    records.push({ us: usOf(u32(o), le ? b.readInt32LE(o + 4) : b.readInt32BE(o + 4)), capLen: cap, origLen: u32(o + 12), data: b.subarray(o + 16, o + 16 + cap) });
    o += 16 + cap;
  }
  if (o !== b.length) throw new Error(`referee output ends inside a record at ${o}`);
  return { linkType: u32(20), snapLen: u32(16), records };
}

/**
 * Seconds (mod 2^32) and a signed µs fraction, which may exceed a second or be negative
 * (libpcap passes both through), as one µs count.
 */
export function usOf(sec: number, usec: number): number {
  const carry = Math.floor(usec / 1e6);
  const s = (((sec + carry) % 0x100000000) + 0x100000000) % 0x100000000;
  return s * 1e6 + (usec - carry * 1e6);
}
