import { PCAP_RECORD_HEADER } from '../pcap/writer.js';

/** The bytes a stream may hold for a reader that has not taken them: past this, packets are dropped and counted. */
export const STREAM_QUEUE_BYTES = 4 * 1024 * 1024;
/** What one chunk of a stream holds at most: a service frame carries one whole. */
export const STREAM_CHUNK_BYTES = 256 * 1024;

/** Who is at the other end of an SSH connection a session came in on: its own packets stay out of a stream. */
export interface SshEndpoints {
  clientAddress: string;
  clientPort: number;
  serverAddress: string;
  serverPort: number;
}

/** Node writes an IPv4 peer of a dual-stack socket as ::ffff:a.b.c.d; libpcap's filter wants a.b.c.d. */
function plainAddress(a: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return m ? m[1] : a;
}

/**
 * The libpcap filter that leaves one TCP connection out, as sshdump builds it: both hosts
 * and both ports, so that other connections to the same SSH port are still seen.
 */
export function excludeConnection(e: SshEndpoints): string {
  return `not (host ${plainAddress(e.clientAddress)} and tcp port ${e.clientPort} and host ${plainAddress(e.serverAddress)} and tcp port ${e.serverPort})`;
}

/**
 * The bytes of one pcap stream on their way to a reader that takes them a chunk at a
 * time: records are copied in as the capture delivers them and handed out whole as soon
 * as the reader asks (a live stream is only useful if packets arrive at once). Never more
 * than `limit` bytes wait: a reader that falls behind loses packets, counted in `dropped`,
 * and the capture and the rest of the service go on.
 */
export class StreamQueue {
  dropped = 0;
  /** Records (and the header) handed out or waiting. */
  private chunks: Buffer[] = [];
  private cur: Buffer | null = null;
  private used = 0;
  private queued = 0;
  private ended = false;
  private waiter: ((b: Buffer | null) => void) | null = null;

  constructor(
    header: Buffer,
    private readonly limit = STREAM_QUEUE_BYTES,
  ) {
    this.chunks.push(header);
    this.queued = header.length;
  }

  /** Bytes waiting for the reader. */
  get pending(): number {
    return this.queued;
  }

  /** One record: its 16-byte header from the capture, then capLen bytes of data. */
  push(chunk: Buffer, recordStart: number, capLen: number): void {
    if (this.ended) return;
    const need = PCAP_RECORD_HEADER + capLen;
    if (this.queued + need > this.limit) {
      this.dropped++;
      return;
    }
    if (this.cur === null || this.used + need > this.cur.length) {
      this.seal();
      this.cur = Buffer.allocUnsafe(Math.max(STREAM_CHUNK_BYTES, need));
    }
    chunk.copy(this.cur, this.used, recordStart, recordStart + need);
    this.used += need;
    this.queued += need;
    this.wake();
  }

  /** No more records: the reader gets what is left, then null. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.wake();
  }

  /** The next bytes, as soon as there are any; null once the stream has ended and all was read. The chunk is the caller's. */
  next(): Promise<Buffer | null> {
    const b = this.take();
    if (b !== null || this.ended) return Promise.resolve(b);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  private seal(): void {
    if (this.cur !== null && this.used > 0) this.chunks.push(this.cur.subarray(0, this.used));
    this.cur = null;
    this.used = 0;
  }

  private take(): Buffer | null {
    if (this.chunks.length === 0) this.seal();
    const b = this.chunks.shift() ?? null;
    if (b) this.queued -= b.length;
    return b;
  }

  private wake(): void {
    const w = this.waiter;
    if (!w) return;
    // Resolved on the next turn: a batch of records from one source call goes out as one chunk.
    this.waiter = null;
    queueMicrotask(() => {
      const b = this.take();
      if (b !== null || this.ended) w(b);
      else this.waiter = w;
    });
  }
}
