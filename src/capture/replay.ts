import { compilePredicate, matchesNothing, type Predicate } from '../filter/index.js';
import type { PacketView } from '../pcap/types.js';
import { MAXIMUM_SNAPLEN } from '../pcap/snaplen.js';
import { PCAP_RECORD_HEADER, writeRecordHeader } from '../pcap/writer.js';
import { openCaptureFile, type CaptureFileReader } from './file.js';
import type { CaptureSource, SourceKind, SourceRequest, SourceStats } from './source.js';

/** Two of the largest records a file can hold. */
const BATCH = 2 * (PCAP_RECORD_HEADER + MAXIMUM_SNAPLEN);
/** Packets looked at per turn of the event loop, so a filter that matches nothing cannot hog it. */
const PER_TURN = 4096;
/** Recorded time between the last packet of the file and the first of its next loop. */
const LOOP_GAP_US = 1_000_000;
const NAME = /^[A-Za-z0-9_.:@-]{1,15}$/;

function wallUs(): number {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}

function tsUs(p: PacketView): number {
  return p.tsSec * 1e6 + Math.floor(p.tsNsec / 1000);
}

function message(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/** Opens a replay file and reads its first packet; throws one clear line if either fails. */
function openFirst(file: string): { reader: CaptureFileReader; first: PacketView } {
  const reader = openCaptureFile(file);
  try {
    const first = reader.next();
    if (!first) throw new Error(`${file}: no packets to replay`);
    return { reader, first };
  } catch (e) {
    reader.close();
    throw e;
  }
}

/** For the CLI's --replay flags: every name usable as an interface, every file a capture with packets. */
export function checkReplays(replays: Record<string, string>): void {
  for (const [name, file] of Object.entries(replays)) {
    if (!NAME.test(name) || name === 'any') throw new Error(`--replay ${name}=${file}: NAME must be 1-15 of [A-Za-z0-9_.:@-], not "any"`);
    try {
      openFirst(file).reader.close();
    } catch (e) {
      throw new Error(`--replay ${name}=${file}: ${message(e)}`);
    }
  }
}

/** Virtual interfaces that play capture files (`--replay NAME=FILE`), speed× their recorded pace (0: at once). */
export function replayKind(replays: Record<string, string>, speed: number): SourceKind {
  return {
    names: () => Object.keys(replays),
    open: async (req) => {
      const file = Object.hasOwn(replays, req.device) ? replays[req.device] : undefined;
      if (file === undefined) throw new Error(`no replay interface ${req.device}`);
      return new ReplaySource(file, req, speed);
    },
  };
}

/**
 * Plays a file as if it arrived now: the first packet is stamped with the time it plays,
 * later ones keep their spacing (divided by the speed; at speed 0, as recorded), and at
 * the end the file starts over with timestamps still rising.
 */
export class ReplaySource implements CaptureSource {
  readonly linkType: number;
  private reader: CaptureFileReader;
  private pending: PacketView | null;
  private readonly predicate: Predicate;
  private readonly snapLen: number;
  private readonly startUs = wallUs();
  private readonly firstUs: number;
  /** Recorded time added to this loop's packets. */
  private loopBaseUs = 0;
  private lastOffsetUs = 0;
  private batch = Buffer.allocUnsafe(BATCH);
  private used = 0;
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private stopped = false;
  /** Plays so far (for tests and status). */
  loops = 0;

  constructor(
    private readonly file: string,
    private readonly req: SourceRequest,
    private readonly speed: number,
  ) {
    const { reader, first } = openFirst(file);
    this.reader = reader;
    this.pending = first;
    this.linkType = first.linkType;
    this.firstUs = tsUs(first);
    this.snapLen = req.snapLen > 0 ? req.snapLen : Infinity;
    try {
      this.predicate = compilePredicate(req.filter, this.linkType);
      // What libpcap refuses for a live start, a replay refuses in the same words.
      if (matchesNothing(req.filter, this.linkType)) throw new Error('expression rejects all packets');
    } catch (e) {
      reader.close();
      throw e;
    }
    this.timer = setImmediate(() => this.turn());
  }

  get device(): string {
    return this.req.device;
  }

  private next(): PacketView | null {
    const p = this.reader.next();
    if (p) return p;
    this.reader.close();
    const again = openFirst(this.file);
    this.reader = again.reader;
    this.loopBaseUs = this.lastOffsetUs + LOOP_GAP_US;
    this.loops++;
    this.firstUsOfLoop = tsUs(again.first);
    return again.first;
  }

  private firstUsOfLoop = 0;

  private turn(): void {
    this.timer = null;
    const now = wallUs();
    for (let looked = 0; looked < PER_TURN && !this.stopped; looked++) {
      let p: PacketView | null;
      try {
        p = this.pending ?? this.next();
      } catch (e) {
        this.flush();
        this.fail(message(e));
        return;
      }
      this.pending = p;
      if (p === null) break;
      const recorded = tsUs(p) - (this.loops === 0 ? this.firstUs : this.firstUsOfLoop);
      const offset = this.loopBaseUs + (recorded > 0 ? recorded : 0);
      const playAt = this.startUs + (this.speed > 0 ? Math.floor(offset / this.speed) : 0);
      if (playAt > now) {
        this.flush();
        if (!this.stopped) this.timer = setTimeout(() => this.turn(), Math.max(1, (playAt - now) / 1000));
        return;
      }
      const capLen = p.capLen < this.snapLen ? p.capLen : this.snapLen;
      if (this.used + PCAP_RECORD_HEADER + capLen > this.batch.length) this.flush();
      if (this.stopped) return;
      this.pending = null;
      this.lastOffsetUs = offset;
      if (p.linkType !== this.linkType || !this.predicate(p.buf, p.offset, p.capLen)) continue;
      const stamp = this.speed > 0 ? playAt : this.startUs + offset;
      const sec = Math.floor(stamp / 1e6);
      writeRecordHeader(this.batch, this.used, sec, (stamp - sec * 1e6) * 1000, capLen, p.origLen);
      p.buf.copy(this.batch, this.used + PCAP_RECORD_HEADER, p.offset, p.offset + capLen);
      this.used += PCAP_RECORD_HEADER + capLen;
    }
    this.flush();
    if (!this.stopped) this.timer = setImmediate(() => this.turn());
  }

  private flush(): void {
    if (this.used === 0 || this.stopped) return;
    const n = this.used;
    this.used = 0;
    // Records are valid only during the call, so the batch is reused.
    this.req.events.records(this.batch, 0, n);
  }

  private fail(reason: string): void {
    if (this.stopped) return;
    this.stop();
    this.req.events.end(reason);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
    }
    this.timer = null;
    this.reader.close();
  }

  stats(): SourceStats {
    return { kernelDrops: 0 };
  }
}
