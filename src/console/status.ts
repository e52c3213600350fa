import { formatFilter } from '../filter/index.js';
import type { Capture, CaptureState } from './capture.js';
import type { CaptureOptions } from './grammar.js';

/** One row of `status`: everything a technician asks of a capture, as data. */
export interface CaptureStatus {
  iface: string;
  device: string;
  state: CaptureState;
  error?: string;
  filter: string;
  options: string;
  stored: number;
  seen: number;
  overwritten: number;
  usedBytes: number;
  sizeBytes: number;
  /** Packets the kernel dropped before we read them; null where the source cannot tell. */
  kernelDrops: number | null;
  /** Packets too big to ever fit the ring. */
  ringDrops: number;
  elapsedMs: number;
  /** Until -t stops a running capture; null without -t or once stopped. */
  timeLeftMs: number | null;
  unwritten: boolean;
  /** A `stream`: pcap to one reader, nothing stored. */
  stream?: {
    /** Packets dropped because the reader fell behind (the queue was full). */
    drops: number;
    /** Who reads it: the session's user and where from. */
    to: string;
  };
}

/** The options as the user would type them again. */
export function formatOptions(o: CaptureOptions): string {
  const parts = o.output === 'pcap' ? ['stream'] : [`-size ${o.sizeKB}`];
  if (o.snapLen) parts.push(`-s ${o.snapLen}`);
  if (o.count) parts.push(`-c ${o.count}`);
  if (o.seconds) parts.push(`-t ${o.seconds}`);
  if (o.output === 'brief') parts.push('-o');
  if (o.output === 'brief-unbuffered') parts.push('-ou');
  if (o.promiscuous) parts.push('-p');
  return parts.join(' ');
}

export function statusOf(c: Capture, now = Date.now()): CaptureStatus {
  const ring = c.ring;
  const s: CaptureStatus = {
    iface: c.iface,
    device: c.device,
    state: c.state,
    error: c.error,
    filter: formatFilter(c.filter),
    options: formatOptions(c.options),
    stored: ring?.packets ?? 0,
    seen: c.seen,
    overwritten: ring?.overwritten ?? 0,
    usedBytes: ring?.usedBytes ?? 0,
    sizeBytes: ring?.size ?? 0,
    kernelDrops: c.kernelDrops(),
    ringDrops: ring?.dropped ?? 0,
    elapsedMs: c.elapsedMs(now),
    timeLeftMs: c.state === 'running' && c.options.seconds > 0 ? Math.max(0, c.startedAt + c.options.seconds * 1000 - now) : null,
    unwritten: c.unwritten,
  };
  if (c.queue) s.stream = { drops: c.queue.dropped, to: c.streamTo };
  return s;
}
