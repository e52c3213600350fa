import type { CaptureSource, SourceEvents } from '../capture/source.js';
import type { Filter } from '../filter/index.js';
import type { PacketView } from '../pcap/types.js';
import { PCAP_RECORD_HEADER } from '../pcap/writer.js';
import { RingBuffer } from '../ring/ring-buffer.js';
import type { CaptureOptions } from './grammar.js';
import type { StreamQueue } from './stream.js';

export type CaptureState = 'running' | 'stopped' | 'count reached' | 'time reached' | 'error';

/** Where -o / -ou packets go: the console session that started the capture. */
export type PacketSink = (iface: string, p: PacketView) => void;

/** One interface's capture: options, filter, ring and counters; the Engine owns one per interface. */
export class Capture implements SourceEvents {
  state: CaptureState = 'running';
  error: string | undefined;
  /** Packets the source delivered, stored or not (what -c counts). */
  seen = 0;
  readonly ring: RingBuffer | null;
  readonly startedAt = Date.now();
  stoppedAt: number | null = null;
  source: CaptureSource | null = null;
  /** Hands over what the source delivered before this Capture was made (the Engine sets it). */
  deliverEarly: () => void = () => undefined;
  /** A stream's reader, as status names it (user and where from). */
  streamTo = '';
  /** ring.pushed at the last successful write: a capture is "unwritten" while they differ. */
  private writtenAt = 0;
  private lastKernelDrops: number | null = null;
  private readonly view: PacketView;
  /** -t: ends the capture when its time is up. */
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly iface: string,
    readonly device: string,
    readonly linkType: number,
    readonly options: CaptureOptions,
    readonly filter: Filter,
    readonly bpf: string,
    /** The session -o/-ou lines go to; also how a session finds the streams it started. */
    readonly sink: PacketSink | undefined,
    private readonly onEnd: (c: Capture) => void,
    /** A stream's pcap bytes on their way to its one reader (`stream`); null for a capture into a ring. */
    readonly queue: StreamQueue | null = null,
  ) {
    // -ou shows and keeps nothing, a stream keeps nothing: no buffer at all.
    this.ring = options.output === 'brief-unbuffered' || options.output === 'pcap' ? null : new RingBuffer(options.sizeKB * 1024, linkType);
    this.view = { linkType, interfaceId: 0, tsSec: 0, tsNsec: 0, capLen: 0, origLen: 0, buf: Buffer.alloc(0), offset: 0 };
    if (options.seconds > 0) {
      // Unref'd: a capture's deadline alone must not keep a finished process (-e, a pipe) alive.
      this.timer = setTimeout(() => this.finish('time reached'), options.seconds * 1000);
      this.timer.unref();
    }
  }

  records(chunk: Buffer, start: number, end: number): void {
    const { count, output } = this.options;
    if (output === 'none' && this.ring) {
      this.store(chunk, start, end, count);
      return;
    }
    const view = this.view;
    let off = start;
    while (off + PCAP_RECORD_HEADER <= end && this.state === 'running') {
      const tsSec = chunk.readUInt32LE(off);
      const tsNsec = chunk.readUInt32LE(off + 4);
      const capLen = chunk.readUInt32LE(off + 8);
      const origLen = chunk.readUInt32LE(off + 12);
      const data = off + PCAP_RECORD_HEADER;
      if (data + capLen > end) break;
      this.seen++;
      this.ring?.push(tsSec, tsNsec, origLen, chunk, data, capLen);
      this.queue?.push(chunk, off, capLen);
      if ((output === 'brief' || output === 'brief-unbuffered') && this.sink) {
        view.tsSec = tsSec;
        view.tsNsec = tsNsec;
        view.capLen = capLen;
        view.origLen = origLen;
        view.buf = chunk;
        view.offset = data;
        this.sink(this.iface, view);
      }
      off = data + capLen;
      if (count > 0 && this.seen >= count) this.finish('count reached');
    }
  }

  /** Without -o/-ou the batch goes into the ring in runs (RingBuffer.pushRecords), cut at -c's count. */
  private store(chunk: Buffer, start: number, end: number, count: number): void {
    if (this.state !== 'running' || !this.ring) return;
    let cut = end;
    if (count > 0) {
      let left = count - this.seen;
      for (cut = start; cut + PCAP_RECORD_HEADER <= end && left > 0; left--) cut += PCAP_RECORD_HEADER + chunk.readUInt32LE(cut + 8);
      if (cut > end) cut = end;
    }
    this.seen += this.ring.pushRecords(chunk, start, cut);
    if (count > 0 && this.seen >= count) this.finish('count reached');
  }

  end(error?: string): void {
    if (this.state !== 'running') return;
    this.error = error;
    this.finish(error ? 'error' : 'stopped', true);
  }

  /** Stops the source and settles the state; the buffer stays readable and writable. */
  finish(state: Exclude<CaptureState, 'running'>, sourceEnded = false): void {
    if (this.state !== 'running') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.state = state;
    this.stoppedAt = Date.now();
    if (!sourceEnded) this.source?.stop();
    this.queue?.end();
    // After the stop: a live source's counters are final then.
    this.lastKernelDrops = this.source?.stats().kernelDrops ?? this.lastKernelDrops;
    this.onEnd(this);
  }

  kernelDrops(): number | null {
    if (this.state === 'running' && this.source) return this.source.stats().kernelDrops;
    return this.lastKernelDrops;
  }

  /** Packets in memory that no write has saved since they arrived. */
  get unwritten(): boolean {
    return this.ring !== null && this.ring.packets > 0 && this.ring.pushed !== this.writtenAt;
  }

  markWritten(): void {
    if (this.ring) this.writtenAt = this.ring.pushed;
  }

  elapsedMs(now = Date.now()): number {
    return (this.stoppedAt ?? now) - this.startedAt;
  }
}
