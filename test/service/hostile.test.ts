import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Engine } from '../../src/console/engine.js';
import { LocalAccess } from '../../src/console/link.js';
import { auditLine, field } from '../../src/service/audit.js';
import { connectService } from '../../src/service/client.js';
import { frame, FrameType, MAX_CLIENT_FRAME } from '../../src/service/frames.js';
import { startService } from '../../src/service/server.js';
import { ServiceError } from '../../src/service/socket-file.js';
import { FakeKind } from '../console/fake-source.js';
import { frameOf, RawClient, sleep, startTestService, type TestService } from './harness.js';

let svc: TestService;
beforeEach(async () => {
  svc = await startTestService({ maxConnections: 8, helloMs: 300 });
});
afterEach(async () => {
  await svc.close();
});

/** What the Engine holds, without the clock: a refused client must change none of it. */
const state = () => JSON.stringify(svc.engine.status().map(({ elapsedMs, ...s }) => s));

async function captureRunning(): Promise<string> {
  const a = await svc.client();
  await a.run('-size 64 start fake0');
  svc.kind.deliver('fake0', [frameOf(1), frameOf(2)]);
  await a.run('stop fake0');
  return state();
}

describe('bad input on the socket: one clear line, the connection closed, nothing changed', () => {
  test('garbage instead of a hello is answered with one plain line', async () => {
    const before = await captureRunning();
    const raw = new RawClient(svc.socketPath);
    raw.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await raw.closed;
    expect(raw.received.toString()).toBe('pcapdump service: not a pcapdump client (no hello frame); this socket speaks pcapdump\'s own protocol (use the pcapdump command)\n');
    expect(svc.logs).toContain('service: refused a connection: not a pcapdump client (no hello frame)');
    expect(state()).toBe(before);
  });

  test.each([
    ['an over-long frame', () => Buffer.from([0, 0x10, 0, 0, 1]), `protocol error: a frame of 1048576 bytes, over the limit of ${MAX_CLIENT_FRAME}`],
    ['a frame of length 0', () => Buffer.from([0, 0, 0, 0]), 'protocol error: a frame of length 0'],
    ['a frame of an unknown type', () => frame(9, Buffer.from('x')), 'protocol error: a frame of unknown type 9'],
    ['a packets frame from a client', () => frame(FrameType.packets, Buffer.alloc(10)), 'protocol error: a frame of type 2 from a client'],
    ['JSON that does not parse', () => frame(FrameType.json, Buffer.from('{"t":')), 'protocol error: a frame that is not JSON'],
    ['an unknown message', () => frame(FrameType.json, Buffer.from('{"t":"format-disk","id":1}')), 'protocol error: unknown message "format-disk"'],
    ['a run without an id', () => frame(FrameType.json, Buffer.from('{"t":"run","words":["wipe"]}')), 'protocol error: message "run" without a valid id'],
    ['a run whose words are not strings', () => frame(FrameType.json, Buffer.from('{"t":"run","id":1,"words":["wipe",{"x":1}]}')), 'protocol error: run needs words: an array of strings'],
    ['a command of 300 words', () => frame(FrameType.json, Buffer.from(JSON.stringify({ t: 'run', id: 1, words: Array(300).fill('wipe') }))), 'protocol error: a command of 300 words (at most 256)'],
    ['a second hello', () => frame(FrameType.json, Buffer.from('{"t":"hello","v":1,"face":"x","user":"y","from":"z"}')), 'protocol error: a second hello'],
  ])('%s, after hello', async (_what, bytes, message) => {
    const before = await captureRunning();
    const raw = new RawClient(svc.socketPath);
    raw.hello();
    await raw.until((c) => c.messages.some((m) => m.t === 'hello'));
    raw.socket.write(bytes());
    await raw.closed;
    expect(raw.messages.filter((m) => m.t === 'fatal')).toEqual([{ t: 'fatal', message }]);
    expect(svc.logs.filter((l) => l.includes('protocol error'))).toEqual([expect.stringContaining(`: ${message}`)]);
    expect(state()).toBe(before);
  });

  test('an over-long frame is refused on its length, before its bytes are taken in', async () => {
    const raw = new RawClient(svc.socketPath);
    raw.hello();
    await raw.until((c) => c.messages.some((m) => m.t === 'hello'));
    const head = Buffer.alloc(5);
    head.writeUInt32BE(2 ** 31, 0);
    head[4] = 1;
    raw.socket.write(head);
    // A client that goes on sending after the refusal is not read: the connection is closed.
    raw.socket.write(Buffer.alloc(4 * 1024 * 1024));
    await raw.closed;
    expect(raw.messages.at(-1)).toEqual({ t: 'fatal', message: `protocol error: a frame of 2147483648 bytes, over the limit of ${MAX_CLIENT_FRAME}` });
  });

  test('a hello of another protocol version, or none in time, is one plain line', async () => {
    const old = new RawClient(svc.socketPath);
    old.send({ t: 'hello', v: 99, face: 'x', user: 'y', from: 'z' });
    await old.closed;
    expect(old.received.toString()).toMatch(/^pcapdump service: protocol version 99; this service speaks 1; /);
    const silent = new RawClient(svc.socketPath);
    await silent.closed;
    expect(silent.received.toString()).toMatch(/^pcapdump service: no hello within 0\.3 s; /);
  });

  test('a client that disconnects in the middle of a command and of a show leaves the service serving', async () => {
    const before = await captureRunning();
    const raw = new RawClient(svc.socketPath);
    raw.hello();
    raw.send({ t: 'run', id: 1, words: ['show'] });
    raw.send({ t: 'next', id: 1, section: 0 });
    raw.socket.destroy();
    const half = new RawClient(svc.socketPath);
    half.hello();
    half.socket.write(frame(FrameType.json, Buffer.from(JSON.stringify({ t: 'run', id: 1, words: ['status'] }))).subarray(0, 9));
    half.socket.destroy();
    await sleep(100);
    const b = await svc.client();
    expect(await b.status()).toHaveLength(1);
    expect(state()).toBe(before);
  });

  test('more clients than allowed: the extra one gets one line; the others go on', async () => {
    const held = await Promise.all(Array.from({ length: 8 }, () => svc.client()));
    await expect(connectService(svc.socketPath, { face: 't', user: 'u', from: 'f' })).rejects.toThrow('pcapdump service: too many clients (8); try again later');
    expect(await held[0].status()).toEqual([]);
  });

  test('a name with a newline cannot forge an audit line', async () => {
    const a = await svc.client('command', 'eve\naudit: session=99 user="root" event=command command="cleanup" result=ok');
    await a.run(['start', 'x\n\u2028\u001b[2J']).catch(() => undefined);
    const lines = svc.logs.filter((l) => l.includes('eve')).join('\n').split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^audit: session=\d+ face="command" user="eve\\naudit: session=99 user=\\"root\\" event=command command=\\"cleanup\\" result=ok" from="local" event=(open|command)/);
    expect(lines[1]).toContain('command="start x\\n\\u2028\\u001b[2J" result=failed');
    expect(field('a'.repeat(600))).toMatch(/^"a{512}\.\.\.\(88 more\)"$/);
  });
});

describe('the socket file', () => {
  test('mode 0660; a second service on the same socket is refused and the first goes on', async () => {
    expect(lstatSync(svc.socketPath).mode & 0o777).toBe(0o660);
    const engine = new Engine({ config: { captureDir: svc.dir, interfaces: {} }, kinds: [new FakeKind(['x0'])] });
    await expect(startService({ access: new LocalAccess(engine, { shared: true }), socketPath: svc.socketPath, log: () => undefined })).rejects.toThrow(
      new ServiceError(`a pcapdump service is already running on ${svc.socketPath}`),
    );
    const a = await svc.client();
    expect(await a.status()).toEqual([]);
  });

  test('a socket left by a service that died is replaced; a file that is not a socket is left alone', async () => {
    const stale = join(svc.dir, 'stale.sock');
    // A process that listens and is killed leaves its socket file behind.
    const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(stale)}, () => console.log('up'))`]);
    await new Promise((r) => child.stdout.once('data', r));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(lstatSync(stale).isSocket()).toBe(true);
    const engine = new Engine({ config: { captureDir: svc.dir, interfaces: {} }, kinds: [new FakeKind(['x0'])] });
    const s = await startService({ access: new LocalAccess(engine, { shared: true }), socketPath: stale, log: () => undefined });
    const l = await connectService(stale, { face: 't', user: 'u', from: 'f' });
    expect(await l.interfaceNames()).toEqual(['x0']);
    await l.close();
    await s.close('done');
    expect(existsSync(stale)).toBe(false);

    const plain = join(svc.dir, 'plain.sock');
    writeFileSync(plain, 'keep me');
    const server = createServer();
    await expect(startService({ access: new LocalAccess(engine, { shared: true }), socketPath: plain, log: () => undefined })).rejects.toThrow(`${plain} exists and is not a socket; not replacing it`);
    server.close();
    expect(readFileSync(plain, 'utf8')).toBe('keep me');
  });
});

test('audit lines name the session, face, user, origin, command and result', () => {
  const info = { face: 'ssh', user: 'tech', from: 'ssh 192.0.2.7 port 50000' };
  expect(auditLine({ event: 'open', session: 3, info })).toBe('audit: session=3 face="ssh" user="tech" from="ssh 192.0.2.7 port 50000" event=open');
  expect(auditLine({ event: 'command', session: 3, info, command: 'write int a.cap', result: { kind: 'written', iface: 'int', device: 'eth1', path: '/d/a.cap', format: 'pcap', packets: 5, bytes: 100 } })).toBe(
    'audit: session=3 face="ssh" user="tech" from="ssh 192.0.2.7 port 50000" event=command command="write int a.cap" result=ok detail="wrote 5 packets of int to /d/a.cap"',
  );
});
