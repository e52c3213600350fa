// The classic-pcap record header as the ring stores it: little-endian, microseconds.
// Kept here until src/pcap/writer.ts exports the same layout, so the two cannot drift.

export const PCAP_RECORD_HEADER = 16;

/** ts_sec, ts_usec, incl_len, orig_len at `at`; values are stored as unsigned 32-bit. */
export function writeRecordHeader(buf: Buffer, at: number, tsSec: number, tsUsec: number, capLen: number, origLen: number): void {
  buf.writeUInt32LE(tsSec >>> 0, at);
  buf.writeUInt32LE(tsUsec >>> 0, at + 4);
  buf.writeUInt32LE(capLen >>> 0, at + 8);
  buf.writeUInt32LE(origLen >>> 0, at + 12);
}

/** Bytes taken by the record at `at`, header included. */
export function readRecordLength(buf: Buffer, at: number): number {
  return PCAP_RECORD_HEADER + buf.readUInt32LE(at + 8);
}
