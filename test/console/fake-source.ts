import type { CaptureSource, SourceEvents, SourceKind, SourceRequest } from '../../src/capture/source.js';
import { LinkType } from '../../src/pcap/linktype.js';
import { PCAP_RECORD_HEADER, writeRecordHeader } from '../../src/pcap/writer.js';

/** A SourceKind the test drives by hand: deliver() plays packets as a source would. */
export class FakeKind implements SourceKind {
  readonly opened: SourceRequest[] = [];
  private live = new Map<string, { events: SourceEvents; stopped: boolean }>();
  failWith: string | null = null;

  constructor(
    private readonly devices: string[],
    /** Accepted when typed, not offered (libpcap's pseudo-devices). */
    private readonly pseudo: string[] = [],
  ) {}

  names(): string[] {
    return [...this.devices, ...this.pseudo];
  }

  unlisted(name: string): boolean {
    return this.pseudo.includes(name);
  }

  async open(req: SourceRequest): Promise<CaptureSource> {
    if (this.failWith) throw new Error(this.failWith);
    this.opened.push(req);
    const state = { events: req.events, stopped: false };
    this.live.set(req.device, state);
    return {
      device: req.device,
      linkType: LinkType.ETHERNET,
      stop: () => {
        state.stopped = true;
      },
      stats: () => ({ kernelDrops: 3 }),
    };
  }

  isRunning(device: string): boolean {
    const s = this.live.get(device);
    return s !== undefined && !s.stopped;
  }

  /** Sends frames as one batch of records, timestamps 1 ms apart from tsSec. */
  deliver(device: string, frames: Buffer[], tsSec = 1_700_000_000): void {
    const s = this.live.get(device);
    if (!s || s.stopped) throw new Error(`fake: ${device} is not running`);
    const total = frames.reduce((a, f) => a + PCAP_RECORD_HEADER + f.length, 0);
    const chunk = Buffer.alloc(total + 7);
    let off = 7;
    frames.forEach((f, i) => {
      writeRecordHeader(chunk, off, tsSec, i * 1_000_000, f.length, f.length); // i ms, in the records' nanoseconds
      f.copy(chunk, off + PCAP_RECORD_HEADER);
      off += PCAP_RECORD_HEADER + f.length;
    });
    s.events.records(chunk, 7, off);
  }

  fail(device: string, reason: string): void {
    this.live.get(device)?.events.end(reason);
  }
}

/** A kind whose source delivers packets (and may end) while open() is still pending. */
export class EagerKind extends FakeKind {
  constructor(
    devices: string[],
    private readonly frames: Buffer[],
    private readonly endWith?: string,
  ) {
    super(devices);
  }

  override async open(req: SourceRequest): Promise<CaptureSource> {
    const source = await super.open(req);
    this.deliver(req.device, this.frames);
    if (this.endWith !== undefined) req.events.end(this.endWith);
    return source;
  }
}
