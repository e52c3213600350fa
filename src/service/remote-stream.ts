import type { PcapStream } from '../console/engine.js';
import type { CaptureStatus } from '../console/status.js';

/** Past this much received and not yet taken by the face, the client stops reading the socket. */
export const CLIENT_STREAM_BYTES = 1024 * 1024;

export interface StreamSocket {
  pause(): void;
  resume(): void;
  /** The face stopped reading: the service is told, and its capture stops. */
  cancel(): void;
}

/**
 * A stream of the service, as a face on this side of the socket reads it. What the face has
 * not taken yet is held up to CLIENT_STREAM_BYTES; past that the socket is paused, so the
 * service sees a slow reader and drops packets at its end, where they are counted.
 */
export class RemoteStream implements PcapStream {
  readonly iface: string;
  readonly device: string;
  readonly linkType: number;
  readonly snapLen: number;
  readonly bpf: string;
  private readonly chunks: Buffer[] = [];
  private held = 0;
  private paused = false;
  private ended = false;
  private last: CaptureStatus;
  private waiter: ((b: Buffer | null) => void) | null = null;
  /** Why the stream ended without its end from the service (the connection broke). */
  problem: string | null = null;

  constructor(
    readonly head: { iface: string; device: string; linkType: number; snapLen: number; bpf: string },
    private readonly socket: StreamSocket,
  ) {
    ({ iface: this.iface, device: this.device, linkType: this.linkType, snapLen: this.snapLen, bpf: this.bpf } = head);
    this.last = {
      iface: head.iface,
      device: head.device,
      state: 'running',
      filter: '',
      options: 'stream',
      stored: 0,
      seen: 0,
      overwritten: 0,
      usedBytes: 0,
      sizeBytes: 0,
      kernelDrops: null,
      ringDrops: 0,
      elapsedMs: 0,
      timeLeftMs: null,
      unwritten: false,
      stream: { drops: 0, to: '' },
    };
  }

  /** Bytes from a data frame. The frame's buffer is the decoder's: kept as it is, not copied. */
  data(bytes: Buffer): void {
    if (this.ended) return;
    const w = this.waiter;
    if (w) {
      this.waiter = null;
      w(bytes);
      return;
    }
    this.chunks.push(bytes);
    this.held += bytes.length;
    if (!this.paused && this.held > CLIENT_STREAM_BYTES) {
      this.paused = true;
      this.socket.pause();
    }
  }

  /** The service's end of the stream: what was sent and lost, and how it ended. */
  finish(status: CaptureStatus): void {
    this.last = status;
    this.close();
  }

  broken(reason: string): void {
    this.problem = reason;
    this.close();
  }

  next(): Promise<Buffer | null> {
    const b = this.chunks.shift();
    if (b) {
      this.held -= b.length;
      if (this.paused && this.held <= CLIENT_STREAM_BYTES / 2) {
        this.paused = false;
        this.socket.resume();
      }
      return Promise.resolve(b);
    }
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  stop(): void {
    if (this.ended) return;
    this.close();
    this.chunks.length = 0;
    this.held = 0;
    this.socket.cancel();
  }

  status(): CaptureStatus {
    return this.last;
  }

  private close(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.paused) {
      this.paused = false;
      this.socket.resume();
    }
    const w = this.waiter;
    this.waiter = null;
    w?.(null);
  }
}
