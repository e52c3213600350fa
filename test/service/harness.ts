import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../src/console/engine.js';
import { LocalAccess } from '../../src/console/link.js';
import { auditLine } from '../../src/service/audit.js';
import { connectService, type RemoteLink } from '../../src/service/client.js';
import { FrameDecoder, FrameType, jsonFrame, MAX_SERVICE_FRAME, readPacketsHeader } from '../../src/service/frames.js';
import { forEachRecord } from '../../src/pcap/records.js';
import { startService, type RunningService } from '../../src/service/server.js';
import { EtherType, ethernet, ipv4, udp } from '../../samples/frames.js';
import { FakeKind } from '../console/fake-source.js';

export const frameOf = (n: number, size = 100): Buffer =>
  ethernet({
    dst: '02:00:00:00:00:02',
    src: '02:00:00:00:00:01',
    type: EtherType.IPV4,
    payload: ipv4({ src: '192.168.0.2', dst: '10.0.0.1', id: n & 0xffff, payload: udp({ sport: 2000 + (n % 1000), dport: 5555, payload: 'x'.repeat(size) }) }),
  });

export interface TestService {
  dir: string;
  socketPath: string;
  engine: Engine;
  kind: FakeKind;
  service: RunningService;
  logs: string[];
  client(face?: string, user?: string): Promise<RemoteLink>;
  close(): Promise<void>;
}

/** The service in this process over a fake interface fake0, on a socket in a temp dir. */
export async function startTestService(opts: { maxConnections?: number; helloMs?: number } = {}): Promise<TestService> {
  const dir = mkdtempSync(join(tmpdir(), 'pcapdump-svc-'));
  const socketPath = join(dir, 'pcapdump.sock');
  const kind = new FakeKind(['fake0', 'fake1']);
  const engine = new Engine({ config: { captureDir: join(dir, 'captures'), interfaces: { int: 'fake0' } }, kinds: [kind] });
  const logs: string[] = [];
  const log = (l: string) => logs.push(l);
  const access = new LocalAccess(engine, { shared: true, audit: (e) => log(auditLine(e)) });
  const service = await startService({ access, socketPath, log, ...opts });
  const links: RemoteLink[] = [];
  return {
    dir,
    socketPath,
    engine,
    kind,
    service,
    logs,
    client: async (face = 'test', user = 'tech') => {
      const l = await connectService(socketPath, { face, user, from: 'local' });
      links.push(l);
      return l;
    },
    close: async () => {
      for (const l of links) await l.close();
      engine.stopAll();
      await service.close('test over');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A client that speaks the framing by hand: for what a hostile or broken client does. */
export class RawClient {
  readonly socket: Socket;
  received = Buffer.alloc(0);
  readonly messages: Record<string, unknown>[] = [];
  readonly frames: { type: number; length: number }[] = [];
  /** -o/-ou packets received. */
  packets = 0;
  readonly closed: Promise<void>;
  private readonly decoder = new FrameDecoder(MAX_SERVICE_FRAME + 64, (type, payload) => {
    this.frames.push({ type, length: payload.length });
    if (type === FrameType.json) this.messages.push(JSON.parse(payload.toString('utf8')));
    if (type === FrameType.packets) {
      const h = readPacketsHeader(payload);
      this.packets += forEachRecord(payload, h.start, payload.length, { linkType: h.linkType, interfaceId: 0, tsSec: 0, tsNsec: 0, capLen: 0, origLen: 0, buf: payload, offset: 0 }, () => undefined);
    }
  });

  constructor(path: string, read = true) {
    this.socket = connect(path);
    this.socket.on('error', () => undefined);
    if (!read) this.socket.pause();
    this.socket.on('data', (d: Buffer) => {
      this.received = Buffer.concat([this.received, d]);
      if (this.received[0] === 0) this.decoder.push(d);
    });
    this.closed = new Promise((r) => this.socket.on('close', () => r()));
  }

  send(m: object): void {
    this.socket.write(jsonFrame(m));
  }

  hello(): void {
    this.send({ t: 'hello', v: 1, face: 'raw', user: 'raw', from: 'test' });
  }

  async until(what: (c: RawClient) => boolean, ms = 5000): Promise<void> {
    const end = Date.now() + ms;
    while (!what(this)) {
      if (Date.now() > end) throw new Error(`raw client: condition not met; got ${JSON.stringify(this.messages).slice(0, 500)}; text ${JSON.stringify(this.received.toString('utf8', 0, 200))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
