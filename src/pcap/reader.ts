import { ClassicReader, CLASSIC_MAGICS } from './classic-reader.js';
import { PcapngReader } from './pcapng-reader.js';
import { CaptureFileError, type AsyncByteSource, type ByteSource, type InterfaceInfo, type PacketView } from './types.js';
import { ByteWindow, DEFAULT_CHUNK, READ_AHEAD_CHUNK, ReadAheadWindow } from './window.js';

export interface CaptureReader {
  readonly format: 'pcap' | 'pcapng';
  /** Interfaces of the current section (classic pcap: exactly one). */
  readonly interfaces: InterfaceInfo[];
  /** byte offset of the next unread byte */
  readonly position: number;
  /**
   * The next packet, or null at a clean end. Returns the same PacketView each call;
   * its bytes are valid until the next call. Throws CaptureFileError on malformed data,
   * after every complete packet before it has been delivered.
   */
  next(): PacketView | null;
  /**
   * Where the format allows it (classic pcap), the fast way to only test packets: runs
   * `test` over the records from here on, as next() would deliver them (same checks, same
   * errors, the same capLen), without a PacketView, adding to `counts`; stops after
   * `limit` accepted ones (0: none). Throws CaptureFileError as next() does, after
   * `counts` took in every complete record before the fault.
   */
  scan?(test: RecordTest, limit: number, counts: ScanCounts): void;
  /** scan(), reading the next chunk while one is tested when the reader was opened with `readAhead`. */
  scanAsync?(test: RecordTest, limit: number, counts: ScanCounts): Promise<void>;
  /**
   * next() for every packet from here on, handed to `visit` until it returns false,
   * reading the next chunk while one is visited when the reader was opened with
   * `readAhead` (classic pcap). Throws what next() throws, and what visit throws.
   */
  visitAsync?(visit: (p: PacketView) => boolean): Promise<void>;
}

/** A test of one record's bytes, buf[offset, offset + capLen) (a compiled filter). */
export type RecordTest = (buf: Uint8Array, offset: number, capLen: number) => boolean;

export interface ScanCounts {
  /** Records read. */
  packets: number;
  /** Records the test accepted. */
  matched: number;
}

export interface OpenOptions {
  /** Bytes read from the source at a time (tests use small ones to cross chunk edges). */
  chunkSize?: number;
  /** The source's reads done asynchronously: scanAsync then reads ahead while it tests. */
  readAhead?: AsyncByteSource;
}

const PCAPNG_SHB = 0x0a0d0d0a;

/** Detects classic pcap or pcapng by the first four bytes and returns a streaming reader. */
export function openCapture(source: ByteSource, name: string, opts: OpenOptions = {}): CaptureReader {
  const chunk = opts.chunkSize ?? (opts.readAhead ? READ_AHEAD_CHUNK : DEFAULT_CHUNK);
  const win = opts.readAhead ? new ReadAheadWindow(source, opts.readAhead, chunk) : new ByteWindow(source, chunk);
  const got = win.fill(4);
  if (got === 0) throw new CaptureFileError(name, 0, 'empty file, not a capture file');
  if (got < 4) throw new CaptureFileError(name, 0, `truncated file header: 4 bytes needed, only ${got} present`);
  const magic = win.buf.readUInt32BE(win.start);
  if (magic === PCAPNG_SHB) return new PcapngReader(win, name);
  if (CLASSIC_MAGICS.has(magic)) return new ClassicReader(win, name);
  throw new CaptureFileError(name, 0, `unknown file format (magic 0x${magic.toString(16).padStart(8, '0')} is neither pcap nor pcapng)`);
}
