import { existsSync } from 'node:fs';
import { nativeModule, type NativeCapture, type NativeStats } from './native.js';
import type { CaptureSource, SourceKind, SourceRequest, SourceStats } from './source.js';

export interface LiveOptions {
  /** Kernel ring per capture; default 2 MiB, libpcap's and so tcpdump's default. */
  bufferBytes?: number;
  /**
   * Records the capture thread may hold for JavaScript while it is busy (a long `show`, a
   * slow terminal); past it the kernel ring fills and the kernel counts drops. Default 8 MiB.
   */
  queueBytes?: number;
  /**
   * The kernel hands over a partly filled block after this long (TPACKET_V3's block timeout):
   * the delay before a quiet interface's packet reaches -o. Default 20 ms: from about 80 kpps
   * of small frames up a 256 KiB block fills sooner anyway, so the 8 blocks of a 2 MiB ring
   * give the thread as much slack as tcpdump's (1 s timeout) has; below, 8 x 20 ms.
   */
  timeoutMs?: number;
}

export const DEFAULT_BUFFER = 2 * 1024 * 1024;
export const DEFAULT_QUEUE = 8 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 20;

/** Interfaces libpcap can open now. */
export function deviceNames(): string[] {
  try {
    return nativeModule()
      .devices()
      .map((d) => d.name);
  } catch {
    return [];
  }
}

/** A network interface has a /sys/class/net entry; libpcap's pseudo-devices (dbus-system, nflog, ...) do not. */
export function isNetworkInterface(name: string): boolean {
  return /^[A-Za-z0-9_.:@-]{1,15}$/.test(name) && name !== '.' && name !== '..' && existsSync(`/sys/class/net/${name}`);
}

export function liveKind(opts: LiveOptions = {}): SourceKind {
  return { names: deviceNames, unlisted: (name) => name !== 'any' && !isNetworkInterface(name), open: async (req) => LiveSource.open(req, opts) };
}

/**
 * A live capture in this process: libpcap read by a native thread (kernel timestamps,
 * a bounded queue of record chunks), handed to the request's events one batch per call.
 */
export class LiveSource implements CaptureSource {
  private stopped = false;
  private readonly handle: NativeCapture;

  private constructor(private readonly req: SourceRequest, opts: LiveOptions) {
    const events = req.events;
    this.handle = new (nativeModule().Capture)(
      {
        device: req.device,
        filter: req.bpf,
        snaplen: req.snapLen,
        promiscuous: req.promiscuous,
        bufferBytes: opts.bufferBytes ?? DEFAULT_BUFFER,
        queueBytes: opts.queueBytes ?? DEFAULT_QUEUE,
        timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      },
      (buf, end) => {
        if (!this.stopped) events.records(buf, 0, end);
      },
      (error) => {
        if (this.stopped) return;
        this.stopped = true;
        events.end(error);
      },
    );
  }

  /** Opens the device at once (a few ms); throws libpcap's one-line reason. */
  static open(req: SourceRequest, opts: LiveOptions = {}): LiveSource {
    return new LiveSource(req, opts);
  }

  get device(): string {
    return this.req.device;
  }

  get linkType(): number {
    return this.handle.linkType;
  }

  /** Whether the kernel stamps this capture's packets in nanoseconds (else µs, stored as ns). */
  get nanosecond(): boolean {
    return this.handle.nanosecond;
  }

  stop(): void {
    this.stopped = true;
    this.handle.stop();
  }

  /** libpcap's own counters (pcap_stats) and the queue's. */
  nativeStats(): NativeStats {
    return this.handle.stats();
  }

  stats(): SourceStats {
    const s = this.handle.stats();
    return { kernelDrops: s.kernelDrops + s.queueDrops };
  }
}
