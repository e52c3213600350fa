/**
 * One packet as a reader or a ring delivers it. Producers reuse a single instance
 * and a shared backing buffer (no per-packet allocation): copy what you keep.
 */
export interface PacketView {
  /** Link-layer header type of the interface the packet came from. */
  linkType: number;
  /** Index of the interface within the file (pcapng IDB order; 0 for classic pcap). */
  interfaceId: number;
  /** Seconds since the epoch. */
  tsSec: number;
  /** Nanoseconds within tsSec, 0..999_999_999 (µs files give multiples of 1000). */
  tsNsec: number;
  /** Bytes present in buf, starting at offset. */
  capLen: number;
  /** Length of the packet on the wire. */
  origLen: number;
  /** Backing store: the packet is buf[offset .. offset + capLen). */
  buf: Buffer;
  offset: number;
}

/** What a file says of one capture interface (classic pcap has exactly one). */
export interface InterfaceInfo {
  linkType: number;
  snapLen: number;
  name?: string;
  filter?: string;
}

/**
 * Random-access bytes a reader is given, so that src/pcap does no I/O itself.
 * Returns how many bytes were copied into buf at off (0 at end of data).
 */
export type ByteSource = (buf: Buffer, off: number, len: number, position: number) => number;

/** The same read done on another thread (Node's async fs.read): resolves to the bytes read, 0 at the end. */
export type AsyncByteSource = (buf: Buffer, off: number, len: number, position: number) => Promise<number>;

/** A malformed or unsupported capture file: names the file, the byte offset and what is wrong. */
export class CaptureFileError extends Error {
  constructor(
    readonly file: string,
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`${file}: at byte ${offset}: ${reason}`);
    this.name = 'CaptureFileError';
  }
}
