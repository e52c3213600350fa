import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeUser } from '../../src/web/users.js';
import { loginTo, PASSWORD, startTestWeb, USER, type TestWeb } from './harness.js';

// The login, sessions, CSRF, and the bounds on what a client may make the page hold.
let t: TestWeb;

beforeAll(async () => {
  t = await startTestWeb({ loginsPerMinute: 1000 });
});
afterAll(async () => {
  await t?.close();
});

const loggedIn = () => loginTo(t);

describe('the page and the login', () => {
  it('serves the page with its security headers, over TLS with a certificate valid for 127.0.0.1', async () => {
    const r = await t.client().request('/');
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain('<script type="importmap">');
    expect(r.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(t.logs.some((l) => /^web: TLS certificate made on first start \(self-signed\): .*cert\.pem, valid to \d{4}-\d\d-\d\d, SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(l))).toBe(true);
    const vendor = await t.client().request('/vendor/preact.mjs');
    expect(vendor.status).toBe(200);
    expect(vendor.headers['content-type']).toContain('text/javascript');
  });

  it('logs in with the right password only; a wrong password and an unknown user get the same line', async () => {
    const c = t.client();
    expect(await c.session()).toMatchObject({ user: null });
    const wrong = await c.post('/api/login', { user: USER, password: 'not it at all' });
    const nobody = await c.post('/api/login', { user: 'mallory', password: PASSWORD });
    expect([wrong.status, nobody.status]).toEqual([401, 401]);
    expect(wrong.json()).toEqual({ error: 'wrong user name or password' });
    expect(nobody.json()).toEqual(wrong.json());
    expect(t.logs).toContain('audit: face="web" user="tech" from="web 127.0.0.1" event=login result="failed" detail="wrong password"');
    expect(t.logs).toContain('audit: face="web" user="mallory" from="web 127.0.0.1" event=login result="failed" detail="no such user"');
    const ok = await c.post('/api/login', { user: USER, password: PASSWORD });
    expect(ok.status).toBe(200);
    const cookie = (ok.headers['set-cookie'] as string[]).find((x) => x.startsWith('__Host-pcapdump='));
    expect(cookie).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    expect(cookie).toMatch(/^__Host-pcapdump=[A-Za-z0-9_-]{43};/);
    expect(await c.session()).toMatchObject({ user: USER });
    expect(t.logs).toContain('audit: face="web" user="tech" from="web 127.0.0.1" event=login result="ok"');
  });

  it('without a login, every route but the page and the session is refused, and nothing changes', async () => {
    const c = t.client();
    await c.session();
    const run = await c.run('start', 'fake0');
    expect(run.status).toBe(401);
    expect(run.json()).toEqual({ error: 'not logged in (or the session ended): log in again' });
    expect((await c.request('/api/show')).status).toBe(401);
    writeFileSync(join(t.captureDir, 'secret.cap'), 'x');
    const dl = await c.request('/api/files/secret.cap');
    expect(dl.status).toBe(401);
    expect(dl.body.toString()).not.toContain('x"');
    const ws = c.live();
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
    // A cookie made up by the client is no session either.
    c.cookies.set('__Host-pcapdump', 'A'.repeat(43));
    expect((await c.run('status')).status).toBe(401);
    expect(t.engine.status()).toEqual([]);
  });

  it('refuses a change without the CSRF token, with a stale one, or with another session\'s, and changes nothing', async () => {
    const c = await loggedIn();
    const other = await loggedIn();
    const none = await c.request('/api/run', { method: 'POST', body: JSON.stringify({ words: ['start', 'fake0'] }), headers: { 'content-type': 'application/json' } });
    expect(none.status).toBe(403);
    expect(none.json()).toEqual({ error: 'missing or stale CSRF token: reload the page' });
    expect((await c.post('/api/run', { words: ['start', 'fake0'] }, { 'x-csrf-token': other.csrf })).status).toBe(403);
    const before = t.client();
    await before.session();
    expect((await c.post('/api/run', { words: ['start', 'fake0'] }, { 'x-csrf-token': before.csrf })).status).toBe(403);
    expect((await c.post('/api/logout', {}, { 'x-csrf-token': 'forged' })).status).toBe(403);
    expect(t.engine.status()).toEqual([]);
    const good = await c.run('start', 'fake0');
    expect(good.status).toBe(200);
    expect(good.json()).toEqual({ result: { kind: 'started', iface: 'fake0', device: 'fake0', bpf: '' } });
    await c.run('cleanup');
  });

  it('a login with a planted session cookie gets a fresh session id', async () => {
    const c = await loggedIn();
    const first = c.cookies.get('__Host-pcapdump');
    await c.session();
    const again = await c.post('/api/login', { user: USER, password: PASSWORD });
    expect(again.status).toBe(200);
    expect(c.cookies.get('__Host-pcapdump')).not.toBe(first);
    const stale = t.client();
    stale.cookies.set('__Host-pcapdump', first ?? '');
    expect(await stale.session()).toMatchObject({ user: null });
  });
});

describe('bounds', () => {
  it('rate-limits logins per address before checking the password, and logs it once', async () => {
    const limited = await startTestWeb({ loginsPerMinute: 3 });
    try {
      const c = limited.client();
      await c.session();
      for (let i = 0; i < 3; i++) expect((await c.post('/api/login', { user: USER, password: 'guess ' + i })).status).toBe(401);
      const r = await c.post('/api/login', { user: USER, password: PASSWORD });
      expect(r.status).toBe(429);
      expect(String(r.json().error)).toMatch(/^too many login attempts from 127\.0\.0\.1: try again in \d+ (seconds|minute)/);
      expect((await c.post('/api/login', { user: USER, password: PASSWORD })).status).toBe(429);
      expect(limited.logs.filter((l) => l.includes('result="refused"'))).toEqual(['audit: face="web" user="-" from="web 127.0.0.1" event=login result="refused" detail="more than 3 attempts a minute"']);
      expect(limited.logs.filter((l) => l.includes('event=login result="failed"'))).toHaveLength(3);
    } finally {
      await limited.close();
    }
  });

  it('refuses connections past its limit at once, and takes new ones when others close', async () => {
    const small = await startTestWeb({ connections: 2 });
    const held: TLSSocket[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const s = tlsConnect({ host: '127.0.0.1', port: small.web.port, ca: small.cert });
        await new Promise((resolve) => s.once('secureConnect', resolve));
        held.push(s);
      }
      await expect(small.client().request('/')).rejects.toThrow(/socket hang up|ECONNRESET|disconnected/);
      for (const s of held.splice(0)) s.destroy();
      // The server sees the closes in its own time.
      let status = 0;
      const until = Date.now() + 20_000;
      while (status !== 200 && Date.now() < until) {
        status = await small.client().request('/').then((r) => r.status, () => 0);
        if (status !== 200) await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe(200);
    } finally {
      for (const s of held) s.destroy();
      await small.close();
    }
  });

  it('closes a connection whose request does not arrive in time (a slow or silent client holds nothing)', async () => {
    const quick = await startTestWeb({ headersMs: 300, requestMs: 600 });
    try {
      const s = tlsConnect({ host: '127.0.0.1', port: quick.web.port, ca: quick.cert });
      await new Promise((resolve) => s.once('secureConnect', resolve));
      let said = '';
      s.setEncoding('utf8').on('data', (d: string) => (said += d));
      s.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      await new Promise((resolve) => s.once('close', resolve));
      expect(said).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    } finally {
      await quick.close();
    }
  });

  it('lets no one in while the users file is open to others, and ends a removed user\'s sessions', async () => {
    const c = await loggedIn();
    chmodSync(t.usersFile, 0o666);
    const r = await t.client().login();
    expect(r.status).toBe(503);
    expect(r.json()).toEqual({ error: 'no one can log in now: the users file is broken (the service log says how)' });
    expect(t.logs.some((l) => l.startsWith('web: users file ') && l.endsWith(`group or others may write it; chmod 600 ${t.usersFile}`))).toBe(true);
    chmodSync(t.usersFile, 0o600);
    expect((await c.run('status')).status).toBe(200);
    removeUser(t.usersFile, USER);
    expect((await c.run('status')).status).toBe(401);
  });
});
