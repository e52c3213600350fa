import type { Socket } from 'node:net';
import type { PcapStream, RecordBatch, ShowSection } from '../console/engine.js';
import { CommandError, UsageError } from '../console/errors.js';
import type { LocalAccess, LocalLink } from '../console/link.js';
import { FRAME_HEADER, FrameDecoder, FrameError, FrameType, frame, jsonFrame, MAX_CLIENT_FRAME } from './frames.js';
import { PacketOut } from './packet-out.js';
import { MessageError, parseClientMessage, PROTOCOL_VERSION, type ClientMessage, type ServiceMessage, type WireResult } from './messages.js';

/** Output a connection may have queued before its -o/-ou packets and news are dropped (counted and said). */
export const OUT_LIMIT = 1024 * 1024;
/** Past this much queued output the service stops reading the connection's requests until it drains. */
export const OUT_PAUSE = 4 * 1024 * 1024;
/** A stream waits for the client to read once this much of it is queued on the connection (the rest waits, or drops, in the Engine). */
export const STREAM_OUT = 1024 * 1024;
/** A connection that has not said hello by then is closed. */
export const HELLO_MS = 10_000;

export interface ConnectionContext {
  access: LocalAccess;
  log: (line: string) => void;
  /** Told when the connection is gone. */
  onClose: () => void;
  helloMs?: number;
}

interface OpenShow {
  id: number;
  sections: ShowSection[];
  section: number;
  iter: AsyncIterator<RecordBatch> | null;
}

/**
 * One client of the service socket: its session on the Engine, the commands it sends (one
 * at a time), the show it reads (a batch per request, so nothing piles up), and its -o/-ou
 * packets (dropped and counted when the client does not keep up, never queued without bound).
 */
export class ServiceConnection {
  private link: LocalLink | null = null;
  private readonly decoder = new FrameDecoder(MAX_CLIENT_FRAME, (type, payload) => this.onFrame(type, payload));
  private readonly helloTimer: NodeJS.Timeout;
  private running = false;
  private show: OpenShow | null = null;
  /** Requests about a show are answered in order. */
  private showQueue: Promise<void> = Promise.resolve();
  private readonly packets: PacketOut;
  private closed = false;
  /** The stream this client reads, if any: its request id. */
  private stream: { id: number; stream: PcapStream } | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly ctx: ConnectionContext,
  ) {
    this.packets = new PacketOut(
      {
        queued: () => socket.writableLength,
        write: (f) => this.write(f),
        sayLost: (count) => this.send({ t: 'lost', count }),
      },
      OUT_LIMIT,
    );
    const helloMs = ctx.helloMs ?? HELLO_MS;
    this.helloTimer = setTimeout(() => this.refuse(`no hello within ${helloMs / 1000} s`), helloMs);
    socket.on('data', (d: Buffer) => this.onData(d));
    socket.on('drain', () => this.onDrain());
    socket.on('error', () => undefined);
    socket.on('close', () => this.onClose());
  }

  /** The service is stopping: say so, and close. */
  bye(reason: string): void {
    this.send({ t: 'bye', reason });
    this.socket.end();
  }

  private who(): string {
    return this.link ? `session ${this.link.id} (${this.link.info.user}, ${this.link.info.face})` : 'a client before hello';
  }

  private onData(d: Buffer): void {
    if (this.closed) return;
    // Before hello the peer has shown nothing of speaking this protocol: a frame length's
    // first byte is 0 (frames are far under 16 MiB); anything else is answered in plain text.
    if (!this.link && this.decoder.pending === 0 && d[0] !== 0) return this.refuse('not a pcapdump client (no hello frame)');
    try {
      this.decoder.push(d);
    } catch (err) {
      if (!(err instanceof FrameError)) throw err;
      this.protocolError(err.message);
    }
  }

  private onFrame(type: number, payload: Buffer): void {
    if (this.closed) return;
    if (type !== FrameType.json) return this.protocolError(`a frame of type ${type} from a client`);
    let m: ClientMessage;
    try {
      m = parseClientMessage(payload);
    } catch (err) {
      if (!(err instanceof MessageError)) throw err;
      return this.protocolError(err.message);
    }
    if (!this.link) {
      if (m.t !== 'hello') return this.refuse(`"${m.t}" before hello`);
      return this.hello(m);
    }
    switch (m.t) {
      case 'hello':
        return this.protocolError('a second hello');
      case 'run':
        return void this.run(m.id, m.words);
      case 'status':
        return this.send({ t: 'status', id: m.id, captures: this.link.engineStatus() });
      case 'names':
        return this.send({ t: 'names', id: m.id, names: this.link.engineNames() });
      case 'stop-streams':
        return void this.link.stopStreams().then((captures) => this.send({ t: 'stopped-streams', id: m.id, captures }));
      case 'next':
        return this.queueShow(() => this.next(m.id, m.section));
      case 'cancel':
        if (this.stream?.id === m.id) return this.stream.stream.stop();
        return this.queueShow(() => this.endShow(m.id));
    }
  }

  private hello(m: Extract<ClientMessage, { t: 'hello' }>): void {
    clearTimeout(this.helloTimer);
    const link = this.ctx.access.openNow({ face: m.face, user: m.user, from: m.from, ...(m.ssh ? { ssh: m.ssh } : {}) });
    this.link = link;
    link.listen({
      packet: (iface, p) => this.packets.packet(iface, p),
      change: (status, mine) => {
        // The packets that led to the change (the count's last one) go first.
        this.packets.flush();
        if (this.socket.writableLength < OUT_LIMIT) this.send({ t: 'change', status, mine });
      },
    });
    this.send({ t: 'hello', v: PROTOCOL_VERSION, pid: process.pid, session: link.id, captureDir: link.captureDir });
  }

  private async run(id: number, words: string[]): Promise<void> {
    const link = this.link;
    if (!link) return;
    if (this.running) return this.send({ t: 'error', id, kind: 'command', message: 'one command at a time: the last one has not finished' });
    this.running = true;
    // A new command means the client is done with any show it was reading.
    this.queueShow(() => this.endShow());
    try {
      const result = await link.run(words);
      let wire: WireResult;
      if (result.kind === 'show') {
        const sections = result.sections;
        this.queueShow(async () => {
          this.show = { id, sections, section: 0, iter: null };
        });
        wire = {
          kind: 'show',
          sections: sections.map(({ iface, device, linkType, packets, shown }) => ({ iface, device, linkType, packets, shown })),
          print: result.print,
          count: result.count,
          filter: result.filter,
        };
      } else if (result.kind === 'stream') {
        const { iface, device, linkType, snapLen, bpf } = result.stream;
        wire = { kind: 'stream', stream: { iface, device, linkType, snapLen, bpf } };
      } else {
        wire = result;
      }
      this.send({ t: 'result', id, result: wire });
      if (result.kind === 'stream') void this.pump(id, result.stream);
    } catch (err) {
      if (err instanceof UsageError) this.send({ t: 'error', id, kind: 'usage', message: err.message });
      else if (err instanceof CommandError) this.send({ t: 'error', id, kind: 'command', message: err.message });
      else {
        this.ctx.log(`service: internal error in ${this.who()}: ${(err as Error)?.stack ?? String(err)}`);
        this.send({ t: 'error', id, kind: 'command', message: `internal error: ${(err as Error)?.message ?? String(err)}` });
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * A stream's bytes to the client as they come, in data frames, then its end. While the
   * client is behind (STREAM_OUT queued) nothing more is taken from the stream, whose
   * queue in the Engine then drops packets and counts them: a slow reader costs bounded
   * memory and never stalls the capture or the service.
   */
  private async pump(id: number, stream: PcapStream): Promise<void> {
    if (this.stream) this.stream.stream.stop();
    this.stream = { id, stream };
    try {
      for (;;) {
        const b = await stream.next();
        if (b === null) break;
        if (this.closed || this.socket.destroyed) return stream.stop();
        const head = Buffer.allocUnsafe(FRAME_HEADER + 4);
        head.writeUInt32BE(1 + 4 + b.length, 0);
        head[4] = FrameType.data;
        head.writeUInt32BE(id, FRAME_HEADER);
        this.socket.cork();
        this.socket.write(head);
        this.socket.write(b);
        this.socket.uncork();
        if (this.socket.writableLength > STREAM_OUT) await this.drained();
      }
      this.send({ t: 'stream-end', id, status: stream.status() });
    } catch (err) {
      stream.stop();
      this.ctx.log(`service: stream for ${this.who()} failed: ${(err as Error)?.message ?? String(err)}`);
    } finally {
      if (this.stream?.stream === stream) this.stream = null;
    }
  }

  /** Resolves when the socket has sent what it holds, or is gone. */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.once('drain', done);
      this.socket.once('close', done);
    });
  }

  private queueShow(step: () => Promise<void>): void {
    this.showQueue = this.showQueue.then(step).catch((err: unknown) => {
      this.ctx.log(`service: show for ${this.who()} failed: ${(err as Error)?.message ?? String(err)}`);
      this.show = null;
    });
  }

  /** One batch of a show's section, or the end of the section: one answer per request. */
  private async next(id: number, section: number): Promise<void> {
    const show = this.show;
    if (!show || show.id !== id || section < show.section || section >= show.sections.length) {
      return this.send({ t: 'section-end', id, section });
    }
    if (section > show.section) {
      await show.iter?.return?.();
      show.iter = null;
      show.section = section;
    }
    show.iter ??= show.sections[section].batches()[Symbol.asyncIterator]();
    const r = await show.iter.next();
    if (this.closed) return;
    if (r.done) {
      show.iter = null;
      show.section++;
      return this.send({ t: 'section-end', id, section });
    }
    const head = Buffer.allocUnsafe(8);
    head.writeUInt32BE(id, 0);
    head.writeUInt32BE(Math.min(r.value.missed, 0xffffffff), 4);
    // frame() copies the records: the ring may overwrite them before the socket sends them.
    this.write(frame(FrameType.show, head, r.value.buf.subarray(r.value.start, r.value.end)));
  }

  private async endShow(id?: number): Promise<void> {
    const show = this.show;
    if (!show || (id !== undefined && show.id !== id)) return;
    this.show = null;
    await show.iter?.return?.();
  }

  private onDrain(): void {
    if (this.socket.isPaused()) this.socket.resume();
    this.packets.drained();
  }

  private send(m: ServiceMessage): void {
    this.write(jsonFrame(m));
  }

  private write(buf: Buffer): void {
    if (this.closed || this.socket.destroyed) return;
    this.socket.write(buf);
    // A client that asks without reading the answers stalls itself, not the service.
    if (this.socket.writableLength > OUT_PAUSE) this.socket.pause();
  }

  /** Before hello: one plain line (the peer may be a person with socat), then close. */
  private refuse(why: string): void {
    if (this.closed) return;
    this.ctx.log(`service: refused a connection: ${why}`);
    this.closed = true;
    this.socket.end(`pcapdump service: ${why}; this socket speaks pcapdump's own protocol (use the pcapdump command)\n`);
    this.closeSoon();
  }

  /** A peer that does not close its end after ours is cut off: it holds nothing of the service's. */
  private closeSoon(): void {
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  /** After hello: one message saying what was wrong, then close. */
  private protocolError(why: string): void {
    if (this.closed) return;
    if (!this.link) return this.refuse(why);
    this.ctx.log(`service: closed ${this.who()}: protocol error: ${why}`);
    this.send({ t: 'fatal', message: `protocol error: ${why}` });
    this.closed = true;
    this.socket.end();
    this.closeSoon();
  }

  private onClose(): void {
    clearTimeout(this.helloTimer);
    this.closed = true;
    this.packets.close();
    this.stream?.stream.stop();
    this.queueShow(() => this.endShow());
    // The session's -o/-ou streams had only this client to go to.
    this.link?.closeNow();
    this.ctx.onClose();
  }
}
