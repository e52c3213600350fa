import type { Filter } from '../filter/index.js';

/**
 * What the console asks of a packet source (live interface or replayed file).
 * Sources hand over packets in batches of classic-pcap records, the ring's own
 * layout (16-byte little-endian record header: seconds, nanoseconds, captured length,
 * wire length; then the data), so that a burst costs one call, not one per packet.
 */
export interface SourceEvents {
  /**
   * Records back to back in chunk[start, end). Valid only during the call: copy what you keep.
   * Each record is already cut to the requested snap length; orig_len is the length on the wire.
   */
  records(chunk: Buffer, start: number, end: number): void;
  /** The source stopped by itself: `error` says why (interface gone, file unreadable), or undefined at a clean end. */
  end(error?: string): void;
}

export interface SourceRequest {
  /** Real device name (`eth1`, `lo`, `any`) or replay name. */
  device: string;
  /** libpcap filter text for the kernel; '' for everything. */
  bpf: string;
  /** The same filter parsed, for sources that filter in JavaScript (replay). */
  filter: Filter;
  /** Bytes kept of each packet; 0 for all. */
  snapLen: number;
  promiscuous: boolean;
  events: SourceEvents;
}

export interface SourceStats {
  /**
   * Packets lost before the Capture saw them (the kernel's ring was full while the capture
   * thread waited for JavaScript to take its queue); null when the source cannot tell.
   */
  kernelDrops: number | null;
}

export interface CaptureSource {
  readonly device: string;
  readonly linkType: number;
  /** Idempotent; no events arrive after it returns. */
  stop(): void;
  stats(): SourceStats;
}

/** A kind of interface the Engine can capture on. */
export interface SourceKind {
  /** Names this kind accepts now (devices present, replay names). */
  names(): string[];
  /**
   * Names accepted when typed in full but not offered in completion or lists: libpcap's
   * pseudo-devices (dbus-system, nflog, bluetooth-monitor, ...) that a capture rarely wants.
   */
  unlisted?(name: string): boolean;
  /** Opens a capture; rejects with one clear line (no such device, permission, bad filter). */
  open(req: SourceRequest): Promise<CaptureSource>;
}
