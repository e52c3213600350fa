import type { Socket } from 'node:net';
import type { PcapStream, RecordBatch, Result, ShowSection } from '../console/engine.js';
import { CommandError, UsageError } from '../console/errors.js';
import type { EngineLink, LinkEvents, SessionInfo } from '../console/link.js';
import type { CaptureStatus } from '../console/status.js';
import { tokenize } from '../console/tokens.js';
import { forEachRecord } from '../pcap/records.js';
import type { PacketView } from '../pcap/types.js';
import { FrameDecoder, FrameError, FrameType, jsonFrame, MAX_SERVICE_FRAME, readPacketsHeader } from './frames.js';
import { PROTOCOL_VERSION, type ClientMessage, type ServiceMessage, type WireResult } from './messages.js';
import { ServiceUnavailable } from './errors.js';
import { RemoteStream } from './remote-stream.js';

const HELLO_TIMEOUT_MS = 10_000;

type Reply = Extract<ServiceMessage, { id: number }>;

interface Waiter {
  resolve: (m: Reply | { t: 'batch'; batch: RecordBatch }) => void;
  reject: (err: Error) => void;
}

/**
 * A session with the service over its socket. Commands and questions are requests with ids;
 * a `show` comes back as its sections, whose packets are fetched a batch at a time as the
 * face reads them; -o/-ou packets and news arrive as they happen.
 */
export class RemoteLink implements EngineLink {
  readonly shared = true;
  captureDir = '';
  private events: LinkEvents = {};
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter[]>();
  private readonly decoder = new FrameDecoder(MAX_SERVICE_FRAME + 64, (type, payload) => this.onFrame(type, payload));
  private helloDone: ((m: ServiceMessage) => void) | null = null;
  private gone: string | null = null;
  private readonly view: PacketView = { linkType: 0, interfaceId: 0, tsSec: 0, tsNsec: 0, capLen: 0, origLen: 0, buf: Buffer.alloc(0), offset: 0 };
  private firstByte = true;
  /** News that came in right behind a command's answer waits until the face has shown the answer. */
  private held: (() => void)[] | null = null;
  private plain = '';
  /** Streams by request id, made as their answer arrives so that no data frame behind it is missed. */
  private readonly streams = new Map<number, RemoteStream>();

  constructor(
    private readonly socket: Socket,
    private readonly path: string,
  ) {
    socket.on('data', (d: Buffer) => this.onData(d));
    socket.on('error', (err: NodeJS.ErrnoException) => this.end(`the connection to the pcapdump service broke: ${err.code ?? err.message}`));
    socket.on('close', () => this.end(this.plain.trim() || 'the pcapdump service closed the connection'));
  }

  async hello(info: SessionInfo): Promise<void> {
    const reply = await new Promise<ServiceMessage>((resolve, reject) => {
      const t = setTimeout(() => reject(new ServiceUnavailable(`the pcapdump service at ${this.path} did not answer`, 'other')), HELLO_TIMEOUT_MS);
      this.helloDone = (m) => {
        clearTimeout(t);
        resolve(m);
      };
      this.socket.once('close', () => {
        clearTimeout(t);
        reject(new ServiceUnavailable(this.gone ?? 'the pcapdump service closed the connection', 'other'));
      });
      this.send({ t: 'hello', v: PROTOCOL_VERSION, ...info });
    });
    if (reply.t !== 'hello') throw new ServiceUnavailable(reply.t === 'fatal' ? `pcapdump service: ${reply.message}` : `the pcapdump service answered "${reply.t}" to hello`, 'other');
    this.captureDir = reply.captureDir;
  }

  listen(events: LinkEvents): void {
    this.events = events;
  }

  async run(command: string | string[]): Promise<Result> {
    const words = typeof command === 'string' ? tokenize(command) : command;
    const reply = await this.request({ t: 'run', words });
    if (reply.t === 'error') throw reply.kind === 'usage' ? new UsageError(reply.message) : new CommandError(reply.message);
    if (reply.t !== 'result') throw this.unexpected(reply);
    return this.result(reply.id, reply.result);
  }

  async status(): Promise<CaptureStatus[]> {
    const reply = await this.request({ t: 'status' });
    if (reply.t !== 'status') throw this.unexpected(reply);
    return reply.captures;
  }

  async interfaceNames(): Promise<string[]> {
    const reply = await this.request({ t: 'names' });
    if (reply.t !== 'names') throw this.unexpected(reply);
    return reply.names;
  }

  async stopStreams(): Promise<CaptureStatus[]> {
    const reply = await this.request({ t: 'stop-streams' });
    if (reply.t !== 'stopped-streams') throw this.unexpected(reply);
    return reply.captures;
  }

  async close(): Promise<void> {
    // The face ends the session itself: not news to tell it.
    this.end('this session has ended', false);
    if (this.socket.destroyed) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
      setTimeout(() => {
        this.socket.destroy();
        resolve();
      }, 2000).unref();
    });
  }

  private result(id: number, r: WireResult): Result {
    if (r.kind === 'stream') {
      const stream: PcapStream | undefined = this.streams.get(id);
      if (!stream) throw new CommandError('the pcapdump service answered with a stream this client did not ask for');
      return { kind: 'stream', stream };
    }
    if (r.kind !== 'show') return r;
    const sections: ShowSection[] = r.sections.map((s, index) => ({ ...s, batches: () => this.batches(id, index) }));
    return { kind: 'show', sections, print: r.print, count: r.count, filter: r.filter };
  }

  /** A section's batches, one request each, the next asked for while this one is read. */
  private async *batches(id: number, section: number): AsyncGenerator<RecordBatch> {
    let ahead = this.expect(id, { t: 'next', id, section });
    let done = false;
    try {
      for (;;) {
        const m = await ahead;
        if (m.t !== 'batch') {
          done = true;
          return;
        }
        ahead = this.expect(id, { t: 'next', id, section });
        yield m.batch;
      }
    } finally {
      if (!done) {
        // The face stopped reading: the answer already asked for is let go, and so is the show.
        ahead.catch(() => undefined);
        if (!this.gone) this.send({ t: 'cancel', id });
      }
    }
  }

  private request(m: DistributiveOmit<ClientMessage, 'id'>): Promise<Reply> {
    const id = this.nextId++;
    return this.expect(id, { ...m, id } as ClientMessage) as Promise<Reply>;
  }

  private expect(id: number, m: ClientMessage): Promise<Reply | { t: 'batch'; batch: RecordBatch }> {
    if (this.gone) return Promise.reject(new CommandError(this.gone));
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(id) ?? [];
      list.push({ resolve, reject });
      this.waiting.set(id, list);
      this.send(m);
    });
  }

  private answer(id: number, m: Reply | { t: 'batch'; batch: RecordBatch }): void {
    if ((m.t === 'result' || m.t === 'error') && this.held === null) {
      // The face shows the answer in the promise callbacks that follow; packets and news
      // read in the same chunk would otherwise be shown before it.
      this.held = [];
      setImmediate(() => {
        const held = this.held ?? [];
        this.held = null;
        for (const f of held) f();
      });
    }
    const list = this.waiting.get(id);
    const w = list?.shift();
    if (list && list.length === 0) this.waiting.delete(id);
    w?.resolve(m);
  }

  private unexpected(m: ServiceMessage): Error {
    return new CommandError(`the pcapdump service answered "${m.t}" where this client expected something else`);
  }

  private send(m: ClientMessage): void {
    if (!this.socket.destroyed) this.socket.write(jsonFrame(m));
  }

  private onData(d: Buffer): void {
    // A service that turns a client away before any frame says so in plain text.
    if (this.firstByte) {
      this.firstByte = false;
      if (d[0] !== 0) {
        this.plain = d.toString('utf8', 0, Math.min(d.length, 500)).split('\n')[0];
        this.socket.destroy();
        return;
      }
    }
    try {
      this.decoder.push(d);
    } catch (err) {
      if (!(err instanceof FrameError)) throw err;
      this.end(`the pcapdump service sent something this client cannot read (${err.message})`);
      this.socket.destroy();
    }
  }

  private onFrame(type: number, payload: Buffer): void {
    if (this.held && (type === FrameType.packets || type === FrameType.json)) {
      const copy = type === FrameType.packets ? Buffer.from(payload) : payload;
      if (type === FrameType.packets || !this.isReply(payload)) {
        this.held.push(() => this.onFrame(type, copy));
        return;
      }
    }
    if (type === FrameType.packets) {
      const h = readPacketsHeader(payload);
      this.view.linkType = h.linkType;
      const packet = this.events.packet;
      if (packet) forEachRecord(payload, h.start, payload.length, this.view, (p) => packet(h.iface, p));
      return;
    }
    if (type === FrameType.data) {
      if (payload.length < 4) throw new FrameError('a data frame too short for its header');
      this.streams.get(payload.readUInt32BE(0))?.data(payload.subarray(4));
      return;
    }
    if (type === FrameType.show) {
      if (payload.length < 8) throw new FrameError('a show frame too short for its header');
      const id = payload.readUInt32BE(0);
      this.answer(id, { t: 'batch', batch: { buf: payload, start: 8, end: payload.length, missed: payload.readUInt32BE(4) } });
      return;
    }
    if (type !== FrameType.json) return;
    let m: ServiceMessage;
    try {
      m = JSON.parse(payload.toString('utf8')) as ServiceMessage;
    } catch {
      throw new FrameError('a message that is not JSON');
    }
    if (this.helloDone) {
      const done = this.helloDone;
      this.helloDone = null;
      return done(m);
    }
    switch (m.t) {
      case 'change':
        return this.events.change?.(m.status, m.mine);
      case 'lost':
        return this.events.lost?.(m.count);
      case 'fatal':
        return this.end(`pcapdump service: ${m.message}`);
      case 'bye':
        return this.end(`the pcapdump service stopped (${m.reason})`);
      case 'hello':
        return;
      case 'stream-end': {
        const stream = this.streams.get(m.id);
        this.streams.delete(m.id);
        return stream?.finish(m.status);
      }
      case 'result':
        if (m.result.kind === 'stream') this.streams.set(m.id, this.newStream(m.id, m.result.stream));
        return this.answer(m.id, m);
      default:
        if (typeof (m as { id?: unknown }).id === 'number') this.answer((m as Reply).id, m as Reply);
    }
  }

  private newStream(id: number, head: RemoteStream['head']): RemoteStream {
    return new RemoteStream(head, {
      pause: () => this.socket.pause(),
      resume: () => this.socket.resume(),
      cancel: () => {
        this.streams.delete(id);
        if (!this.gone) this.send({ t: 'cancel', id });
      },
    });
  }

  private isReply(payload: Buffer): boolean {
    // Replies carry an id; news (change, lost, bye, fatal) does not.
    return payload.includes('"id":');
  }

  /** The session is over: every request still waiting fails with the reason, and the face is told once. */
  private end(reason: string, tell = true): void {
    if (this.gone) return;
    this.gone = reason;
    const err = new CommandError(reason);
    for (const list of this.waiting.values()) for (const w of list) w.reject(err);
    this.waiting.clear();
    for (const s of this.streams.values()) s.broken(reason);
    this.streams.clear();
    if (tell) this.events.closed?.(reason);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
