import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildMissing, haveBuild, pcapdump, pcapdumpJs } from '../support/cli.js';

if (!haveBuild) console.log(buildMissing);
const tmp = mkdtempSync(join(tmpdir(), 'pcapdump-web-program-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `pcapdump service ...` in the background: its log as it grows, and its exit. */
function start(args: string[]): { log: () => string; exited: Promise<number | null>; stop: () => Promise<number | null> } {
  const child = spawn(process.execPath, [pcapdumpJs, '--dir', join(tmp, 'captures'), 'service', '--socket', join(tmp, 'pcapdump.sock'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (log += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    log: () => log,
    exited,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Waits (boundedly) until the log says what `re` matches, or the program ends. */
async function said(svc: ReturnType<typeof start>, re: RegExp): Promise<RegExpExecArray | null> {
  let ended = false;
  void svc.exited.then(() => (ended = true));
  const end = Date.now() + 20_000;
  while (!re.test(svc.log()) && !ended && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return re.exec(svc.log());
}

function get(port: number, path: string): Promise<{ status: number; cookie: string; hsts: boolean }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie'] ?? ''), hsts: 'strict-transport-security' in res.headers }));
    })
      .on('error', reject)
      .end();
  });
}

describe.skipIf(!haveBuild)('pcapdump service --http, the program', () => {
  test('a port taken by someone else: one line, exit 1, and the socket is gone again', async () => {
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const port = (holder.address() as { port: number }).port;
    try {
      const svc = start(['--http', String(port), '--http-plain', '--http-users', join(tmp, 'users')]);
      expect(await svc.exited).toBe(1);
      expect(svc.log().split('\n').filter((l) => l.startsWith('pcapdump: '))).toEqual([`pcapdump: web: cannot listen on 127.0.0.1:${port}: the port is in use`]);
      expect(existsSync(join(tmp, 'pcapdump.sock'))).toBe(false);
    } finally {
      holder.close();
    }
  });

  test('flags typed wrong: one line, exit 2, nothing started', () => {
    const r = pcapdump(['--dir', join(tmp, 'captures'), 'service', '--socket', join(tmp, 'x.sock'), '--http', '0.0.0.0:8080', '--http-plain']);
    expect([r.code, r.stderr]).toEqual([2, 'pcapdump: service: --http-plain only on a loopback address (passwords would cross the network in clear), not 0.0.0.0; drop it for TLS\n']);
    expect(existsSync(join(tmp, 'x.sock'))).toBe(false);
  });

  test('--http-plain on loopback: cookies without Secure, no HSTS; no users yet is said in the log', async () => {
    const users = join(tmp, 'none');
    const svc = start(['--http', '127.0.0.1:0', '--http-plain', '--http-users', users]);
    try {
      const port = Number((await said(svc, /the capture page is at http:\/\/127\.0\.0\.1:(\d+)\//))?.[1]);
      expect(svc.log()).toContain(`web: no users in ${users} yet: add one with pcapdump passwd --file ${users} USER`);
      const res = await get(port, '/api/session');
      expect(res.status).toBe(200);
      expect(res.cookie).toMatch(/^pcapdump-csrf=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/);
      expect(res.hsts).toBe(false);
    } finally {
      expect(await svc.stop()).toBe(0);
    }
  });
});
