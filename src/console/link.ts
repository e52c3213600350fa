import type { PacketView } from '../pcap/types.js';
import type { PacketSink } from './capture.js';
import type { Engine, PcapStream, Result, Session } from './engine.js';
import type { CaptureStatus } from './status.js';
import type { SshEndpoints } from './stream.js';

/** Who is on the other end of a session, as its face knows it: for the audit log. */
export interface SessionInfo {
  /** The way in: console, lines, command (one command from a shell), ssh, ...; what the audit log calls it. */
  face: string;
  user: string;
  /** "local", or the remote end ("ssh 192.0.2.7 port 51234"). */
  from: string;
  /** The SSH connection the session came in on, when it did: a stream leaves it out. */
  ssh?: SshEndpoints;
}

/** What a session is told without asking. Every handler is optional. */
export interface LinkEvents {
  /** A packet of a running -o/-ou capture this session started: one reused view, decode it and let go. */
  packet?(iface: string, p: PacketView): void;
  /** Packets of this session's -o/-ou captures that never reached it: its reader fell behind. */
  lost?(count: number): void;
  /** A capture changed state (stopped, count reached, error); `mine` when this session started it. */
  change?(s: CaptureStatus, mine: boolean): void;
  /** The Engine is gone (the service stopped or the connection broke): the session is over. */
  closed?(reason: string): void;
}

/**
 * One face's session with an Engine: in this process (LocalAccess) or in the service behind
 * its socket (service/client). The ink console, line mode, one command from a shell, and SSH
 * sessions all talk through this, so they work the same on either side.
 */
export interface EngineLink {
  /** The Engine serves other sessions and its buffers outlive this one (a service, a gateway). */
  readonly shared: boolean;
  /** Where `write` puts files. */
  readonly captureDir: string;
  listen(events: LinkEvents): void;
  /** One command, typed (a line) or as words (argv); rejects with UsageError or CommandError. */
  run(command: string | string[]): Promise<Result>;
  status(): Promise<CaptureStatus[]>;
  /** Every name a user may type as IFACE now. */
  interfaceNames(): Promise<string[]>;
  /** Stops the running -o/-ou captures this session started; says what each holds. */
  stopStreams(): Promise<CaptureStatus[]>;
  /** Ends the session: its streams stop, and on an Engine of its own every capture does. */
  close(): Promise<void>;
}

/** How a face gets sessions: the Engine of this process, or the service's. */
export interface EngineAccess {
  /** Where `write` puts files (SFTP serves them). */
  readonly captureDir: string;
  open(info: SessionInfo): Promise<EngineLink>;
}

/** One entry of the audit log, as data; the service turns it into a line. */
export type AuditEvent =
  | { event: 'open'; session: number; info: SessionInfo }
  | { event: 'command'; session: number; info: SessionInfo; command: string; result?: Result; error?: unknown }
  /** The session's -o/-ou streams stopped on its request (Ctrl-C), not by a command. */
  | { event: 'streams-stopped'; session: number; info: SessionInfo; ifaces: string[] }
  /** A `stream` ended: how (its reader left, count or time reached), and what it sent and lost. */
  | { event: 'stream-end'; session: number; info: SessionInfo; status: CaptureStatus; how: string }
  | { event: 'close'; session: number; info: SessionInfo; commands: number };

export interface LocalAccessOptions {
  /** Other sessions use the Engine too: a session that ends stops only its own streams. */
  shared: boolean;
  audit?: (e: AuditEvent) => void;
}

/** Sessions over an Engine in this process. */
export class LocalAccess implements EngineAccess {
  private sessions = 0;

  constructor(
    readonly engine: Engine,
    private readonly opts: LocalAccessOptions,
  ) {}

  get captureDir(): string {
    return this.engine.config.captureDir;
  }

  async open(info: SessionInfo): Promise<EngineLink> {
    return this.openNow(info);
  }

  /** The same as open(), without a turn of the event loop (the service opens one per connection). */
  openNow(info: SessionInfo): LocalLink {
    const id = ++this.sessions;
    this.opts.audit?.({ event: 'open', session: id, info });
    return new LocalLink(this.engine, id, info, this.opts);
  }
}

function commandText(command: string | string[]): string {
  return typeof command === 'string' ? command.trim() : command.join(' ');
}

export class LocalLink implements EngineLink {
  private events: LinkEvents = {};
  private readonly session: Session;
  private readonly unsubscribe: () => void;
  private commands = 0;
  private closed = false;
  /** The streams this session reads: they end with it. */
  private readonly streams = new Set<PcapStream>();

  constructor(
    private readonly engine: Engine,
    readonly id: number,
    readonly info: SessionInfo,
    private readonly opts: LocalAccessOptions,
  ) {
    // The sink is also the session's identity: the Engine tells a session's captures by it.
    const sink: PacketSink = (iface, p) => this.events.packet?.(iface, p);
    this.session = { sink, ssh: info.ssh, who: `${info.user} (${info.face}, ${info.from})` };
    this.unsubscribe = engine.onChange((s, by) => this.events.change?.(s, by === sink));
  }

  get shared(): boolean {
    return this.opts.shared;
  }

  get captureDir(): string {
    return this.engine.config.captureDir;
  }

  listen(events: LinkEvents): void {
    this.events = events;
  }

  async run(command: string | string[]): Promise<Result> {
    const text = commandText(command);
    if (text !== '') this.commands++;
    try {
      const result = await this.engine.run(command, this.session);
      if (text !== '') this.opts.audit?.({ event: 'command', session: this.id, info: this.info, command: text, result });
      if (result.kind === 'stream') return { kind: 'stream', stream: this.keep(result.stream) };
      return result;
    } catch (error) {
      this.opts.audit?.({ event: 'command', session: this.id, info: this.info, command: text, error });
      throw error;
    }
  }

  /** A stream of this session: it ends with the session, and its end is audited. */
  private keep(stream: PcapStream): PcapStream {
    let ended = false;
    const end = (how: string) => {
      if (ended) return;
      ended = true;
      this.streams.delete(kept);
      this.opts.audit?.({ event: 'stream-end', session: this.id, info: this.info, status: stream.status(), how });
    };
    const kept: PcapStream = {
      ...stream,
      next: async () => {
        const b = await stream.next();
        if (b === null) end(stream.status().state);
        return b;
      },
      stop: () => {
        const state = stream.status().state;
        stream.stop();
        end(state === 'running' ? 'reader gone' : state);
      },
    };
    this.streams.add(kept);
    return kept;
  }

  async status(): Promise<CaptureStatus[]> {
    return this.engine.status();
  }

  async interfaceNames(): Promise<string[]> {
    return this.engine.interfaceNames();
  }

  /** status() without waiting: the service answers these at once. */
  engineStatus(): CaptureStatus[] {
    return this.engine.status();
  }

  engineNames(): string[] {
    return this.engine.interfaceNames();
  }

  async stopStreams(): Promise<CaptureStatus[]> {
    const stopped = this.engine.stopStreams(this.session);
    if (stopped.length > 0) {
      this.opts.audit?.({ event: 'streams-stopped', session: this.id, info: this.info, ifaces: stopped.map((s) => s.iface) });
    }
    return stopped;
  }

  async close(): Promise<void> {
    this.closeNow();
  }

  closeNow(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const s of [...this.streams]) s.stop();
    if (this.opts.shared) this.engine.stopStreams(this.session);
    else this.engine.stopAll();
    this.opts.audit?.({ event: 'close', session: this.id, info: this.info, commands: this.commands });
  }
}
