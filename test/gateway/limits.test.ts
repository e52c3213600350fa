import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { connect as tcp, type Socket } from 'node:net';
import { join } from 'node:path';
import ssh2, { type ClientChannel, type SFTPWrapper } from 'ssh2';
import { afterEach, describe, expect, test } from 'vitest';
import { dropStartup, parseStartups } from '../../src/gateway/limits.js';
import { haveTool, runAsync } from '../support/referee.js';
import { login, startTestGateway, type TestGateway } from './harness.js';
import { until } from '../support/wait.js';

const usable = haveTool('ssh') && haveTool('ssh-keygen');
if (!usable) console.log('OpenSSH client not installed: gateway limit tests skipped');

describe("MaxStartups' arithmetic (sshd_config's start:rate:full)", () => {
  test('parses as sshd does; a single number is a hard limit', () => {
    expect(parseStartups('10:30:100')).toEqual({ start: 10, rate: 30, full: 100 });
    expect(parseStartups('5')).toEqual({ start: 5, rate: 100, full: 5 });
    for (const bad of ['', '0', '10:0:100', '10:101:100', '10:30:5', '10:30', 'a:b:c', '-1']) expect(parseStartups(bad)).toBeNull();
  });

  test('never below start, rate% at start rising linearly, always at full', () => {
    const s = { start: 10, rate: 30, full: 100 };
    expect(dropStartup(s, 9, 0)).toBe(false);
    expect(dropStartup(s, 10, 0.29)).toBe(true);
    expect(dropStartup(s, 10, 0.31)).toBe(false);
    expect(dropStartup(s, 55, 0.64)).toBe(true); // 30% + 70% * 45/90 = 65%
    expect(dropStartup(s, 55, 0.66)).toBe(false);
    expect(dropStartup(s, 100, 0.999)).toBe(true);
  });
});

/** A TCP connection that says nothing; resolves when the server closes it. */
function idle(port: number, from = '127.0.0.1'): { socket: Socket; closed: Promise<void> } {
  const socket = tcp({ port, host: '127.0.0.1', localAddress: from });
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  return { socket, closed: new Promise((resolve) => socket.once('close', () => resolve())) };
}

/** Waits for a condition the server reaches on its own time (accepting, closing), however loaded the machine. */
const sftpOf = (c: ssh2.Client) => new Promise<SFTPWrapper>((resolve, reject) => c.sftp((e, s) => (e ? reject(e) : resolve(s))));
const shellOf = (c: ssh2.Client) => new Promise<ClientChannel>((resolve, reject) => c.shell(false, (e, ch) => (e ? reject(e) : resolve(ch))));

describe.skipIf(!usable)("sshd's limits on our gateway", () => {
  let t: TestGateway | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  const status = (g: TestGateway) => runAsync('ssh', ['-p', String(g.gw.port), ...g.sshOptions(), 'root@127.0.0.1', 'status']);

  test('LoginGraceTime: a silent connection and a handshake left hanging are closed; a logged-in one is not', async () => {
    t = await startTestGateway({ server: { loginGraceMs: 1000 } });
    const silent = idle(t.gw.port);
    // A client that stops after the key exchange: it never answers the host key question.
    const stalled = new ssh2.Client();
    const stalledClosed = new Promise<void>((resolve) => stalled.on('close', () => resolve()));
    stalled.on('error', () => undefined);
    stalled.connect({ host: '127.0.0.1', port: t.gw.port, username: 'root', hostVerifier: (_key: Buffer, _verify: (ok: boolean) => void) => undefined } as never);
    const logged = await login(t);
    await Promise.all([silent.closed, stalledClosed]);
    expect(t.logs.filter((l) => /not logged in within 1 s \(LoginGraceTime\): disconnected/.test(l)).length).toBe(2);
    // The logged-in connection outlived the grace time and still works.
    const sftp = await sftpOf(logged);
    await new Promise<void>((resolve, reject) => sftp.readdir('/', (e) => (e ? reject(e) : resolve())));
    logged.end();
    expect(t.gw.unauthenticated()).toBe(0);
  });

  test('MaxStartups 3: a 4th connection not yet logged in is dropped at once, even a legit one; room again when they go', async () => {
    t = await startTestGateway({ server: { maxStartups: { start: 3, rate: 100, full: 3 } } });
    const waiting = [idle(t.gw.port), idle(t.gw.port), idle(t.gw.port)];
    await until(() => t!.gw.unauthenticated() === 3, 30_000, 'connections not logged in: 3');
    const fourth = idle(t.gw.port);
    await fourth.closed;
    expect((await status(t)).code).toBe(255);
    for (const w of waiting) w.socket.destroy();
    await Promise.all(waiting.map((w) => w.closed));
    await until(() => t!.gw.unauthenticated() === 0, 30_000, 'connections not logged in: 0');
    const after = await status(t);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    await t.close();
    const dropped = t.logs.map((l) => /(\d+) connections? dropped past MaxStartups 3:100:3/.exec(l)?.[1]).filter((n) => n !== undefined);
    expect(dropped.reduce((a, n) => a + Number(n), 0)).toBe(2);
  });

  test('PerSourceMaxStartups 2: a third waiting connection from one address is dropped; other addresses still get in', async () => {
    t = await startTestGateway({ server: { perSourceMaxStartups: 2 } });
    const waiting = [idle(t.gw.port, '127.0.0.2'), idle(t.gw.port, '127.0.0.2')];
    await until(() => t!.gw.unauthenticated() === 2, 30_000, 'connections not logged in: 2');
    await idle(t.gw.port, '127.0.0.2').closed;
    const r = await status(t);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(t.gw.unauthenticated()).toBe(2);
    for (const w of waiting) w.socket.destroy();
    await t.close();
    expect(t.logs.some((l) => /1 connection dropped past PerSourceMaxStartups 2 \(from one address\)/.test(l))).toBe(true);
  });

  test('MaxSessions 2: a third session on one connection is refused; one closed makes room', async () => {
    t = await startTestGateway({ server: { maxSessions: 2 } });
    const c = await login(t);
    const a = await shellOf(c);
    await shellOf(c);
    await expect(shellOf(c)).rejects.toThrow(/open failure|prohibited/i);
    expect(t.logs.some((l) => /more than 2 sessions at once refused \(MaxSessions\)/.test(l))).toBe(true);
    const closed = new Promise((r) => a.on('close', r));
    a.resume(); // a channel closes once what it brought has been read
    a.end('exit\n');
    // The client's CLOSE goes out before its next CHANNEL_OPEN: the server sees them in that order.
    await closed;
    const again = await shellOf(c);
    again.resume();
    again.end('exit\n');
    c.end();
  });

  test('SFTP handles are capped per connection, across all its channels', async () => {
    t = await startTestGateway({ server: { maxHandles: 5 } });
    writeFileSync(join(t.captures, 'a.cap'), 'a');
    const c = await login(t);
    const [s1, s2] = [await sftpOf(c), await sftpOf(c)];
    const open = (s: SFTPWrapper) => new Promise<Buffer>((resolve, reject) => s.open('a.cap', 'r', (e, h) => (e ? reject(e) : resolve(h))));
    const held = [await open(s1), await open(s1), await open(s1), await open(s2)];
    const dir = await new Promise<Buffer>((resolve, reject) => s2.opendir('/', (e, h) => (e ? reject(e) : resolve(h))));
    await expect(open(s2)).rejects.toThrow(/too many open handles \(at most 5 per connection/);
    await expect(open(s1)).rejects.toThrow(/too many open handles/);
    await new Promise((r) => s1.close(held[0], r));
    await new Promise((r) => s2.close(dir, r));
    await open(s2);
    await open(s1);
    await expect(open(s2)).rejects.toThrow(/too many open handles/);
    // A second connection has its own allowance.
    const c2 = await login(t);
    await open(await sftpOf(c2));
    c.end();
    c2.end();
  });

  test('SFTP READ past the end, or at an offset of 2^53 and more, is end of file, never bytes from elsewhere', async () => {
    t = await startTestGateway();
    const body = randomBytes(1000);
    writeFileSync(join(t.captures, 'r.cap'), body);
    const c = await login(t);
    const s = await sftpOf(c);
    const h = await new Promise<Buffer>((resolve, reject) => s.open('r.cap', 'r', (e, x) => (e ? reject(e) : resolve(x))));
    const read = (pos: number) =>
      new Promise<Buffer>((resolve, reject) => {
        const buf = Buffer.alloc(100);
        s.read(h, buf, 0, 100, pos, (e, n) => (e ? reject(e) : resolve(buf.subarray(0, n))));
      });
    expect((await read(10)).equals(body.subarray(10, 110))).toBe(true);
    for (const pos of [1000, 5000, 2 ** 53 + 2, 2 ** 60, 2 ** 63, 2 ** 64 - 2048]) expect((await read(pos)).length, `offset ${pos}`).toBe(0);
    c.end();
  });
});
