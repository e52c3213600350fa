import { PCAP_RECORD_HEADER } from '../pcap/writer.js';

/** Larger than any record a source makes (libpcap's maximum snaplen plus the header). */
export const MAX_RECORD = PCAP_RECORD_HEADER + 262144;

/**
 * Reassembles classic-pcap records (16-byte little-endian header + data) from a byte
 * stream cut at arbitrary places, and hands over whole records only: runs of complete
 * records straight from the incoming chunk, and a record cut by a chunk edge from one
 * preallocated carry buffer. Nothing is allocated per packet.
 */
export class RecordStream {
  private readonly carry = Buffer.allocUnsafe(MAX_RECORD);
  private carried = 0;
  /** Set when the stream held something that cannot be a record; nothing is delivered after. */
  corrupt: string | null = null;

  constructor(private readonly deliver: (chunk: Buffer, start: number, end: number) => void) {}

  /** Bytes waiting for the rest of their record. */
  get pending(): number {
    return this.carried;
  }

  push(chunk: Buffer): void {
    if (this.corrupt) return;
    let off = 0;
    if (this.carried > 0) {
      off = this.fillCarry(chunk);
      if (off < 0) return;
    }
    const start = off;
    const end = chunk.length;
    while (off + PCAP_RECORD_HEADER <= end) {
      const capLen = chunk.readUInt32LE(off + 8);
      if (!this.sane(capLen)) break;
      if (off + PCAP_RECORD_HEADER + capLen > end) break;
      off += PCAP_RECORD_HEADER + capLen;
    }
    if (off > start) this.deliver(chunk, start, off);
    if (this.corrupt) return;
    if (off < end) {
      chunk.copy(this.carry, 0, off, end);
      this.carried = end - off;
    }
  }

  /** Completes the carried record from the chunk; returns where the chunk's own records start, -1 if it ran out. */
  private fillCarry(chunk: Buffer): number {
    let used = 0;
    if (this.carried < PCAP_RECORD_HEADER) {
      used = Math.min(PCAP_RECORD_HEADER - this.carried, chunk.length);
      chunk.copy(this.carry, this.carried, 0, used);
      this.carried += used;
      if (this.carried < PCAP_RECORD_HEADER) return -1;
    }
    const capLen = this.carry.readUInt32LE(8);
    if (!this.sane(capLen)) return -1;
    const need = PCAP_RECORD_HEADER + capLen - this.carried;
    const take = Math.min(need, chunk.length - used);
    chunk.copy(this.carry, this.carried, used, used + take);
    this.carried += take;
    used += take;
    if (take < need) return -1;
    const len = this.carried;
    this.carried = 0;
    this.deliver(this.carry, 0, len);
    return used;
  }

  private sane(capLen: number): boolean {
    if (PCAP_RECORD_HEADER + capLen <= MAX_RECORD) return true;
    this.corrupt = `record of ${capLen} bytes in the capture stream (at most ${MAX_RECORD - PCAP_RECORD_HEADER})`;
    return false;
  }
}
