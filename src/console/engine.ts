import type { CaptureSource, SourceKind } from '../capture/source.js';
import { toBpf } from '../filter/index.js';
import { Capture, type PacketSink } from './capture.js';
import type { ConsoleConfig } from './config.js';
import { CommandError, shortWord } from './errors.js';
import { deleteOne, deleteWritten, expandTime, recordInManifest, removeStaleTemps, writeRing, type FileFormat } from './files.js';
import { listCaptureFiles, type CaptureFileInfo } from './listing.js';
import { parseCommand, type CaptureOptions, type Command, type StreamOptions, type TunnelCommand } from './grammar.js';
import { statusOf, type CaptureStatus } from './status.js';
import { excludeConnection, StreamQueue, type SshEndpoints } from './stream.js';
import { pcapFileHeader } from '../pcap/writer.js';
import type { Filter } from '../filter/index.js';
import type { DetailOptions, PrintOptions } from './detail.js';
import { selectFromRing, type ShowSection } from './show.js';

export { eachPacket, SHOW_BATCH_BYTES, type RecordBatch, type ShowSection } from './show.js';

/** A `stream` under way: its pcap bytes (the file header first), taken a chunk at a time. */
export interface PcapStream {
  iface: string;
  device: string;
  linkType: number;
  /** The snap length in the stream's file header. */
  snapLen: number;
  /** The libpcap filter the kernel applies, the session's own SSH connection left out. */
  bpf: string;
  /** The next bytes as soon as there are any; null once the stream has ended. Each chunk is the caller's. */
  next(): Promise<Buffer | null>;
  /** The reader is done (gone, Ctrl-C): the capture stops. Idempotent. */
  stop(): void;
  /** How it stands or ended: packets, the kernel's and the stream's drops, the state. */
  status(): CaptureStatus;
}

/** What the support tunnel says of itself (`tunnel status`, and the answer to enable and disable). */
export interface TunnelStatus {
  state: 'off' | 'connecting' | 'open' | 'reconnecting' | 'expired';
  host?: string;
  port?: number;
  user?: string;
  /** The port the support host listens on for us (its loopback). */
  remotePort?: number;
  hostKey?: string;
  /** When no new session is accepted any more (ms since the epoch). */
  expiresAt?: number;
  /** Sessions open through the tunnel now, and since it was enabled. */
  sessions: number;
  sessionsTotal: number;
  /** The service's own public key, for the support host's authorized_keys. */
  clientKey?: string;
  /** The last thing that went wrong, if the tunnel is not open. */
  problem?: string;
}

/** The support tunnel, as the service provides it; an Engine without one says so. */
export interface TunnelControl {
  run(cmd: TunnelCommand): Promise<TunnelStatus>;
}

export type Result =
  | { kind: 'none' }
  | { kind: 'started'; iface: string; device: string; bpf: string }
  | { kind: 'stream'; stream: PcapStream }
  | { kind: 'tunnel'; action: TunnelCommand['action']; tunnel: TunnelStatus }
  /** endedEarlier: devices whose capture had already ended before this stop (count reached, error, stopped). */
  | { kind: 'stopped'; captures: CaptureStatus[]; endedEarlier: string[] }
  | { kind: 'status'; captures: CaptureStatus[] }
  /**
   * print: how the face prints the packets (tcpdump's -v, -e, -x, -X, -A); count and filter
   * (its libpcap text, '' for none): what chose them, for the face to say.
   */
  | { kind: 'show'; sections: ShowSection[]; print: PrintOptions; count: number; filter: string }
  | { kind: 'written'; iface: string; device: string; path: string; format: FileFormat; packets: number; bytes: number }
  | { kind: 'wiped'; captures: { iface: string; device: string }[] }
  | { kind: 'cleanup'; stopped: string[]; freed: string[]; deleted: string[]; stale: string[] }
  | { kind: 'files'; dir: string; files: CaptureFileInfo[] }
  | { kind: 'deleted'; name: string; dir: string }
  | { kind: 'help' }
  | { kind: 'exit'; unwritten: CaptureStatus[] };

/** What a console session brings to the Engine: where its -o/-ou packets go, and who it is. */
export interface Session {
  sink?: PacketSink;
  /** The SSH connection the session came in on: a stream leaves it out of its capture. */
  ssh?: SshEndpoints;
  /** Who the session is, as status names a stream's reader. */
  who?: string;
}

export interface EngineOptions {
  config: ConsoleConfig;
  /** Kinds of interface, asked in order (replay names first, so a replay may shadow nothing real). */
  kinds: SourceKind[];
}

/**
 * Known interface names after a message's `head`, as many as keep the line (with the
 * `pcapdump: ` it is printed after) within a console's 80 columns, then how many more.
 */
function withKnown(head: string, names: string[]): string {
  const sorted = [...names].sort();
  if (sorted.length === 0) return `${head}none`;
  const room = 70 - head.length;
  let text = '';
  for (let i = 0; i < sorted.length; i++) {
    const next = text ? `${text}, ${sorted[i]}` : sorted[i];
    const more = `, ... (${sorted.length - i} more)`;
    if (next.length + (i < sorted.length - 1 ? more.length : 0) > room) return i === 0 ? `${head}${sorted.length} names` : `${head}${text}${more}`;
    text = next;
  }
  return head + text;
}

/** `sink` is the session that started the capture, so a shared Engine's sessions can tell theirs. */
type ChangeListener = (c: CaptureStatus, sink: PacketSink | undefined) => void;

/**
 * Captures by interface, and the verbs over them. Returns data; turning it into text
 * is for ui/ and gateway/. One Engine serves every console session of a process.
 */
export class Engine {
  private readonly captures = new Map<string, Capture>();
  private readonly listeners = new Set<ChangeListener>();
  /** Interfaces with a start under way, so two sessions cannot both open one. */
  private readonly opening = new Set<string>();
  /** Running streams: each its own capture, for one reader; several may share an interface. */
  private readonly streams = new Set<Capture>();
  /** The support tunnel (the service sets it). */
  tunnel: TunnelControl | null = null;

  constructor(private readonly opts: EngineOptions) {}

  get config(): ConsoleConfig {
    return this.opts.config;
  }

  /** Called when a capture stops by itself (count reached, error, end of replay) or by a command. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The names offered for IFACE (completion, "known: ..."): aliases, replay names, network
   * interfaces. Pseudo-devices are accepted when typed in full but not offered.
   */
  interfaceNames(): string[] {
    const names = new Set<string>(Object.keys(this.opts.config.interfaces));
    for (const k of this.opts.kinds) for (const n of k.names()) if (!k.unlisted?.(n)) names.add(n);
    return [...names];
  }

  status(): CaptureStatus[] {
    const now = Date.now();
    return [...this.captures.values(), ...this.streams].map((c) => statusOf(c, now));
  }

  /** Parses and runs one typed line (with or without the leading `pcapdump`). */
  async run(line: string | string[], session: Session = {}): Promise<Result> {
    const cmd = parseCommand(line);
    return cmd ? this.execute(cmd, session) : { kind: 'none' };
  }

  async execute(cmd: Command, session: Session = {}): Promise<Result> {
    switch (cmd.verb) {
      case 'start':
        return this.start(cmd.iface, cmd.options, cmd.filter, session.sink);
      case 'stream':
        return this.stream(cmd.iface, cmd.options, cmd.filter, session);
      case 'tunnel':
        if (!this.tunnel) throw new CommandError('the support tunnel is the service\'s: start pcapdump service (systemctl start pcapdump) and run tunnel there');
        return { kind: 'tunnel', action: cmd.tunnel.action, tunnel: await this.tunnel.run(cmd.tunnel) };
      case 'stop':
        return this.stop(cmd.iface);
      case 'status':
        return { kind: 'status', captures: this.status() };
      case 'show':
        return this.show(cmd.iface, cmd.filter, cmd.detail);
      case 'write':
        return this.write(cmd.iface, cmd.file);
      case 'wipe':
        return this.wipe(cmd.iface);
      case 'cleanup':
        return this.cleanup();
      case 'files':
        return { kind: 'files', dir: this.opts.config.captureDir, files: await listCaptureFiles(this.opts.config.captureDir) };
      case 'delete':
        deleteOne(this.opts.config.captureDir, cmd.file);
        return { kind: 'deleted', name: cmd.file, dir: this.opts.config.captureDir };
      case 'help':
        return { kind: 'help' };
      case 'exit':
        return { kind: 'exit', unwritten: this.status().filter((s) => s.unwritten) };
    }
  }

  /** Stops every capture and stream (for shutdown); buffers stay until the process ends. */
  stopAll(): void {
    for (const c of this.captures.values()) c.finish('stopped');
    for (const c of this.streams) c.finish('stopped');
  }

  /**
   * Stops the running -o/-ou captures that stream to this session (Ctrl-C, or the session
   * ending: its lines would have nowhere to go). Other sessions' captures go on.
   */
  stopStreams(session: Session): CaptureStatus[] {
    const stopped: CaptureStatus[] = [];
    if (!session.sink) return stopped;
    for (const c of this.captures.values()) {
      if (c.state === 'running' && c.sink === session.sink && c.options.output !== 'none') {
        c.finish('stopped');
        stopped.push(statusOf(c));
      }
    }
    return stopped;
  }

  /**
   * The device an alias names, else the name itself. An own-property test: a name the user
   * types (`toString`, `constructor`) must never reach Object.prototype.
   */
  private deviceOf(name: string): string {
    const aliases = this.opts.config.interfaces;
    return Object.hasOwn(aliases, name) ? aliases[name] : name;
  }

  private resolve(name: string): { device: string; kind: SourceKind } {
    const device = this.deviceOf(name);
    for (const kind of this.opts.kinds) if (kind.names().includes(device)) return { device, kind };
    const via = device === name ? '' : ` (alias of ${device})`;
    throw new CommandError(withKnown(`no interface "${shortWord(name)}"${via}; known: `, this.interfaceNames()));
  }

  /** A capture by the name the user typed: alias or device. */
  private find(name: string): Capture {
    const device = this.deviceOf(name);
    const c = this.captures.get(device);
    if (!c) {
      // Tell "no such interface" apart from "no capture there".
      this.resolve(name);
      throw new CommandError(`no capture on ${name}`);
    }
    return c;
  }

  private async start(iface: string, options: CaptureOptions, filter: Filter, sink?: PacketSink): Promise<Result> {
    const { device, kind } = this.resolve(iface);
    const old = this.captures.get(device);
    if (this.opening.has(device) || old?.state === 'running') throw new CommandError(`${iface} is already capturing: stop ${iface} first`);
    if (old?.unwritten) {
      const n = old.ring?.packets ?? 0;
      throw new CommandError(`${iface} holds ${n} packet${n === 1 ? '' : 's'} not yet written: write ${iface} FILE or wipe ${iface} first`);
    }
    const bpf = toBpf(filter);
    this.opening.add(device);
    try {
      const capture = await this.open(iface, device, kind, options, filter, bpf, sink, null);
      this.captures.set(device, capture);
      capture.deliverEarly();
    } finally {
      this.opening.delete(device);
    }
    return { kind: 'started', iface, device, bpf };
  }

  /**
   * A stream: its own capture on IFACE (beside any capture into a ring there), its packets
   * to the session's reader and nowhere else. Over SSH the session's own connection is left
   * out, or a stream of the interface carrying it would capture itself without end.
   */
  private async stream(iface: string, o: StreamOptions, filter: Filter, session: Session): Promise<Result> {
    const { device, kind } = this.resolve(iface);
    const own = toBpf(filter);
    const bpf = session.ssh ? (own ? `(${own}) and ${excludeConnection(session.ssh)}` : excludeConnection(session.ssh)) : own;
    const options: CaptureOptions = { sizeKB: 0, snapLen: o.snapLen, count: o.count, seconds: o.seconds, output: 'pcap', promiscuous: o.promiscuous };
    const snapLen = o.snapLen || 262144;
    const capture = await this.open(iface, device, kind, options, filter, bpf, undefined, (linkType) => new StreamQueue(pcapFileHeader({ linkType, snapLen, nanosecond: true })));
    const q = capture.queue as StreamQueue;
    capture.streamTo = session.who ?? '';
    this.streams.add(capture);
    capture.deliverEarly();
    const done = () => this.streams.delete(capture);
    return {
      kind: 'stream',
      stream: {
        iface,
        device,
        linkType: capture.linkType,
        snapLen,
        bpf,
        next: async () => {
          const b = await q.next();
          if (b === null) done();
          return b;
        },
        stop: () => {
          capture.finish('stopped');
          done();
        },
        status: () => statusOf(capture),
      },
    };
  }

  /** Opens a source for a capture (into a ring, or a stream's queue made once the link type is known). */
  private async open(
    iface: string,
    device: string,
    kind: SourceKind,
    options: CaptureOptions,
    filter: Filter,
    bpf: string,
    sink: PacketSink | undefined,
    makeQueue: ((linkType: number) => StreamQueue) | null,
  ): Promise<Capture> {
    let capture: Capture | undefined;
    // A source may deliver before open() has resolved (the live worker's record pipe can be
    // read before its "ready" message): keep those packets and the end, if any, for the Capture.
    const early: Buffer[] = [];
    let earlyEnd: { error?: string } | undefined;
    let source: CaptureSource;
    try {
      source = await kind.open({
        device,
        bpf,
        filter,
        snapLen: options.snapLen,
        promiscuous: options.promiscuous,
        events: {
          records: (chunk, start, end) => {
            if (capture) capture.records(chunk, start, end);
            else early.push(Buffer.from(chunk.subarray(start, end)));
          },
          end: (error) => {
            if (capture) capture.end(error);
            else earlyEnd = { error };
          },
        },
      });
    } catch (err) {
      throw new CommandError(`${makeQueue ? 'stream' : 'start'} ${iface}: ${(err as Error).message}`);
    }
    const made = new Capture(iface, device, source.linkType, options, filter, bpf, sink, (c) => this.changed(c), makeQueue?.(source.linkType) ?? null);
    capture = made;
    made.source = source;
    // What arrived before the Capture existed goes in once the caller has filed it.
    made.deliverEarly = () => {
      made.deliverEarly = () => undefined;
      for (const chunk of early) made.records(chunk, 0, chunk.length);
      if (earlyEnd) made.end(earlyEnd.error);
    };
    return made;
  }

  private changed(c: Capture): void {
    const s = statusOf(c);
    for (const l of this.listeners) l(s, c.sink);
  }

  /**
   * Stopping a capture that already ended (count reached, an error, an earlier stop) is not
   * a mistake: the technician is told how it ended and what it holds, as for a fresh stop.
   */
  private stop(iface?: string): Result {
    const targets = iface === undefined ? [...this.captures.values()].filter((c) => c.state === 'running') : [this.find(iface)];
    const endedEarlier = targets.filter((c) => c.state !== 'running').map((c) => c.device);
    for (const c of targets) c.finish('stopped');
    return { kind: 'stopped', captures: targets.map((c) => statusOf(c)), endedEarlier };
  }

  private show(iface: string | undefined, filter: Filter, detail: DetailOptions): Result {
    const list = iface === undefined ? [...this.captures.values()] : [this.find(iface)];
    const sections: ShowSection[] = [];
    for (const c of list) {
      const ring = c.ring;
      if (!ring) {
        if (iface !== undefined) throw new CommandError(`${iface} keeps no packets (started with -ou)`);
        continue;
      }
      const packets = ring.packets;
      const { shown, batches } = selectFromRing(ring, c.iface, filter, detail.count);
      sections.push({ iface: c.iface, device: c.device, linkType: ring.linkType, packets, shown, batches });
    }
    return { kind: 'show', sections, print: detail.print, count: detail.count, filter: toBpf(filter) };
  }

  private write(iface: string, file: string): Result {
    const c = this.find(iface);
    if (!c.ring) throw new CommandError(`${iface} keeps no packets (started with -ou): nothing to write`);
    const dir = this.opts.config.captureDir;
    const name = expandTime(file, new Date());
    const w = writeRing({ dir, name, ring: c.ring, device: c.device, snapLen: c.options.snapLen || 262144, bpf: c.bpf });
    recordInManifest(dir, name);
    c.markWritten();
    return { kind: 'written', iface, device: c.device, ...w };
  }

  private wipe(iface?: string): Result {
    const list = iface === undefined ? [...this.captures.values()] : [this.find(iface)];
    for (const c of list) {
      c.finish('stopped');
      this.captures.delete(c.device);
    }
    return { kind: 'wiped', captures: list.map((c) => ({ iface: c.iface, device: c.device })) };
  }

  private cleanup(): Result {
    const stopped: string[] = [];
    const freed: string[] = [];
    for (const c of this.streams) {
      stopped.push(c.iface);
      c.finish('stopped');
    }
    for (const c of this.captures.values()) {
      if (c.state === 'running') stopped.push(c.iface);
      c.finish('stopped');
      freed.push(c.iface);
    }
    this.captures.clear();
    const dir = this.opts.config.captureDir;
    return { kind: 'cleanup', stopped, freed, deleted: deleteWritten(dir), stale: removeStaleTemps(dir) };
  }

  /** Temp files of writes that a killed pcapdump left in the capture dir: removed, named. */
  removeStaleTemps(): string[] {
    return removeStaleTemps(this.opts.config.captureDir);
  }
}
