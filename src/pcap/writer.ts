import { MAXIMUM_SNAPLEN } from './snaplen.js';
import type { PacketView } from './types.js';
import { Chunks } from './chunks.js';

export const PCAP_FILE_HEADER = 24;
/** Every classic record starts with this many bytes: ts_sec, ts_frac, caplen, origlen (little-endian here). */
export const PCAP_RECORD_HEADER = 16;

export interface PcapHeaderOptions {
  linkType: number;
  /** Default 262144, libpcap's maximum. */
  snapLen?: number;
  /** Nanosecond timestamps (magic a1b23c4d) instead of microseconds. */
  nanosecond?: boolean;
}

/** The 24-byte classic pcap file header, little-endian, version 2.4. */
export function pcapFileHeader(opts: PcapHeaderOptions): Buffer {
  const h = Buffer.alloc(PCAP_FILE_HEADER);
  h.writeUInt32LE(opts.nanosecond ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  h.writeUInt16LE(2, 4);
  h.writeUInt16LE(4, 6);
  h.writeInt32LE(0, 8); // thiszone
  h.writeUInt32LE(0, 12); // sigfigs
  h.writeUInt32LE(opts.snapLen ?? MAXIMUM_SNAPLEN, 16);
  h.writeUInt32LE(opts.linkType, 20);
  return h;
}

/** Writes one record header at buf[off] in the file layout; tsFrac is µs or ns as the file header says. */
export function writeRecordHeader(buf: Buffer, off: number, tsSec: number, tsFrac: number, capLen: number, origLen: number): void {
  buf.writeUInt32LE(tsSec >>> 0, off);
  buf.writeUInt32LE(tsFrac >>> 0, off + 4);
  buf.writeUInt32LE(capLen >>> 0, off + 8);
  buf.writeUInt32LE(origLen >>> 0, off + 12);
}

/**
 * Classic pcap, little-endian. Records are batched into 1 MiB chunks; each chunk
 * handed to the sink is a fresh Buffer the sink may keep.
 */
export class PcapWriter {
  private readonly out: Chunks;
  private readonly snapLen: number;
  private readonly nano: boolean;

  constructor(
    sink: (chunk: Buffer) => void,
    opts: PcapHeaderOptions,
  ) {
    this.snapLen = opts.snapLen ?? MAXIMUM_SNAPLEN;
    this.nano = opts.nanosecond ?? false;
    this.out = new Chunks(sink);
    const header = pcapFileHeader(opts);
    this.out.used += header.copy(this.out.reserve(header.length), 0);
  }

  /** Packets longer than the snaplen are cut to it; the original length is kept. */
  writePacket(p: PacketView): void {
    const cap = p.capLen > this.snapLen ? this.snapLen : p.capLen;
    const need = PCAP_RECORD_HEADER + cap;
    const b = this.out.reserve(need);
    const o = this.out.used;
    const frac = this.nano ? p.tsNsec : Math.floor(p.tsNsec / 1000);
    writeRecordHeader(b, o, p.tsSec, frac, cap, p.origLen);
    p.buf.copy(b, o + PCAP_RECORD_HEADER, p.offset, p.offset + cap);
    this.out.used += need;
  }

  /** Hands what is buffered to the sink. */
  flush(): void {
    this.out.flush();
  }
}
