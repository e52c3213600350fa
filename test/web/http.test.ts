import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeUser } from '../../src/web/users.js';
import { frameOf } from '../service/harness.js';
import { nextMessage, PASSWORD, startTestWeb, USER, type Client, type TestWeb } from './harness.js';

let t: TestWeb;

beforeAll(async () => {
  t = await startTestWeb({ loginsPerMinute: 1000 });
});
afterAll(async () => {
  await t?.close();
});

async function loggedIn(): Promise<Client> {
  const c = t.client();
  expect((await c.login()).status).toBe(200);
  return c;
}

/** Each test leaves the Engine as it found it. */
async function clean(c: Client): Promise<void> {
  await c.run('cleanup');
}

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
    await clean(c);
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

describe('commands from the page', () => {
  it('says what the console says, word for word, for a command typed wrong or impossible, and changes nothing', async () => {
    const c = await loggedIn();
    for (const words of [['ipsrc', '192.168.0', 'start', 'fake0'], ['-c', 'x', 'start', 'fake0'], ['-o', '-ou', 'start', 'fake0'], ['strat', 'fake0'], ['start', 'eth9'], ['write', 'fake0', 'x.cap'], ['delete', '../x.cap']]) {
      const r = await c.run(...words);
      const console = await t.engine.run(words).then(
        () => 'ran',
        (e: Error) => ({ error: e.message, kind: e.name === 'UsageError' ? 'usage' : 'command' }),
      );
      expect(r.json(), words.join(' ')).toEqual(console);
      expect(r.status).toBe((console as { kind: string }).kind === 'usage' ? 400 : 409);
    }
    expect(t.engine.status()).toEqual([]);
    expect(t.logs.some((l) => /^audit: session=\d+ face="web" user="tech" from="web 127.0.0.1" event=command command="ipsrc 192.168.0 start fake0" result=usage detail="ipsrc needs an IP address, got \\"192.168.0\\""$/.test(l))).toBe(true);
    expect((await c.run('show')).json()).toEqual({ error: 'show has its own place on the page (GET /api/show)', kind: 'usage' });
    expect((await c.run('help')).json()).toEqual({ error: 'help is a console command', kind: 'usage' });
  });

  it('gives each malformed request one line and changes nothing', async () => {
    const c = await loggedIn();
    const post = (body: string, type = 'application/json') => c.request('/api/run', { method: 'POST', body, headers: { 'content-type': type, 'x-csrf-token': c.csrf } });
    const cases: [Promise<{ status: number; json(): Record<string, unknown> }>, number, RegExp][] = [
      [post('{"words": ["start", '), 400, /^bad request: the body is not valid JSON$/],
      [post('start fake0', 'text/plain'), 415, /^send the body as JSON \(Content-Type: application\/json\)$/],
      [post('{"words": "start fake0"}'), 400, /^bad request: body\/words must be array$/],
      [post('{"words": ["start", 5]}'), 400, /^bad request: body\/words\/1 must be string$/],
      [post('{"words": ["start", "fake0"], "as": "root"}'), 400, /^bad request: body must NOT have additional properties$/],
      [post(JSON.stringify({ words: Array(65).fill('tcp') })), 400, /^bad request: body\/words must NOT have more than 64 items$/],
      [post(JSON.stringify({ words: ['start', 'x'.repeat(20_000)] })), 413, /^request body too large \(at most 16384 bytes\)$/],
      [post('{}'), 400, /^bad request: body must have required property 'words'$/],
      [c.request('/api/show?iface=fake0&then=rm'), 400, /^bad request: querystring must NOT have additional properties$/],
      [c.request('/api/nothing'), 404, /^no such page: GET \/api\/nothing$/],
      [c.request('/api/files/%zz'), 400, /^bad request: '\/api\/files\/%zz' is not a valid url component$/],
      [c.request('/api/run', { method: 'PUT' }), 404, /^no such page: PUT \/api\/run$/],
    ];
    for (const [pending, status, message] of cases) {
      const r = await pending;
      expect(r.status).toBe(status);
      expect(Object.keys(r.json())).toEqual(['error']);
      expect(String(r.json().error)).toMatch(message);
    }
    expect(t.engine.status()).toEqual([]);
  });

  it('shows the buffer as the console\'s text, streamed', async () => {
    const c = await loggedIn();
    expect((await c.run('start', 'fake0')).status).toBe(200);
    t.kind.deliver('fake0', [frameOf(1), frameOf(2), frameOf(3)]);
    const r = await c.request('/api/show?iface=fake0');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    const lines = r.body.toString().trimEnd().split('\n');
    expect(lines[0]).toBe('--- fake0: 3 packets ---');
    expect(lines.slice(1)).toHaveLength(3);
    for (const l of lines.slice(1)) expect(l).toMatch(/^\d\d:\d\d:\d\d\.\d{6} IP 192\.168\.0\.2\.200\d > 10\.0\.0\.1\.5555: UDP, length 100$/);
    const unknown = await c.request('/api/show?iface=fake1');
    expect(unknown.status).toBe(409);
    expect(unknown.json()).toEqual({ error: 'no capture on fake1', kind: 'command' });
    await clean(c);
  });
});

describe('downloads', () => {
  const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

  beforeAll(() => {
    writeFileSync(join(t.captureDir, 'data.bin'), data);
  });

  it('serves a file pcapdump wrote, byte for byte, and audits it', async () => {
    const c = await loggedIn();
    await c.run('start', 'fake0');
    t.kind.deliver('fake0', [frameOf(1), frameOf(2)]);
    expect((await c.run('write', 'fake0', 'two.pcap')).status).toBe(200);
    const r = await c.request('/api/files/two.pcap');
    expect(r.status).toBe(200);
    expect(r.body.equals(readFileSync(join(t.captureDir, 'two.pcap')))).toBe(true);
    expect(r.headers['content-type']).toBe('application/vnd.tcpdump.pcap');
    expect(r.headers['content-disposition']).toBe('attachment; filename="two.pcap"');
    expect(t.logs).toContain(`audit: face="web" user="tech" from="web 127.0.0.1" event=download file="two.pcap" status=200 range="all" size=${r.body.length} bytes=${r.body.length} result="ok"`);
    await clean(c);
  });

  it('resumes a large download cut off part way, with If-Range, to the very same bytes', async () => {
    const c = await loggedIn();
    const big = randomBytes(8 * 1024 * 1024);
    writeFileSync(join(t.captureDir, 'big.pcapng'), big);
    const first = await c.partial('/api/files/big.pcapng', 1024 * 1024);
    expect(first.body.length).toBeLessThan(big.length);
    const rest = await c.request('/api/files/big.pcapng', { headers: { range: `bytes=${first.body.length}-`, 'if-range': String(first.headers.etag) } });
    expect(rest.status).toBe(206);
    expect(rest.headers['content-type']).toBe('application/x-pcapng');
    expect(Buffer.concat([first.body, rest.body]).equals(big)).toBe(true);
    await expect.poll(() => t.logs.some((l) => l.includes('event=download file="big.pcapng" status=200 range="all"') && l.endsWith('result="cut off"')), { timeout: 10_000 }).toBe(true);
  });

  it('never serves anything outside the capture directory, nor a link, a FIFO, a directory or a hidden file', async () => {
    const c = await loggedIn();
    symlinkSync(t.usersFile, join(t.captureDir, 'link.cap'));
    execFileSync('mkfifo', [join(t.captureDir, 'fifo.cap')]);
    mkdirSync(join(t.captureDir, 'sub.cap'));
    writeFileSync(join(t.captureDir, '.hidden.cap'), 'hidden');
    const users = readFileSync(t.usersFile, 'utf8');
    const cases: [string, number, string][] = [
      ['/api/files/..%2Fusers', 400, '"../users" is a path; only files of the capture directory are served'],
      ['/api/files/%2Fetc%2Fpasswd', 400, '"/etc/passwd" is a path; only files of the capture directory are served'],
      ['/api/files/..%5Cusers', 400, '"..\\users" is a path; only files of the capture directory are served'],
      ['/api/files/%2e%2e', 404, 'no file .. in the capture directory'],
      ['/api/files/link.cap', 404, 'link.cap is a symbolic link: only regular files are served'],
      ['/api/files/fifo.cap', 404, 'fifo.cap is not a regular file: only regular files are served'],
      ['/api/files/sub.cap', 404, 'sub.cap is not a regular file: only regular files are served'],
      ['/api/files/.hidden.cap', 404, 'no file .hidden.cap in the capture directory'],
      ['/api/files/.pcapdump-manifest.json', 404, 'no file .pcapdump-manifest.json in the capture directory'],
      ['/api/files/nothing.cap', 404, 'no file nothing.cap in the capture directory'],
      ['/api/files/a%00b', 400, '"a\u0000b" is a path; only files of the capture directory are served'],
    ];
    for (const [path, status, error] of cases) {
      const r = await c.request(path);
      expect(r.status, path).toBe(status);
      expect(r.json(), path).toEqual({ error });
    }
    for (const path of ['/api/files/../users', '/api/files/%2e%2e/users', '/api/files/../../etc/passwd']) {
      const r = await c.request(path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.body.toString()).not.toContain(users.slice(0, 20));
    }
    expect(t.logs.filter((l) => l.includes('event=download') && l.includes('result="refused"')).length).toBeGreaterThanOrEqual(cases.length);
  });

  it('resumes with Range: one range, a suffix, past the end, and the cases served whole', async () => {
    const c = await loggedIn();
    const get = (range?: string, more: Record<string, string> = {}) => c.request('/api/files/data.bin', { headers: { ...(range ? { range } : {}), ...more } });
    const whole = await get();
    const etag = String(whole.headers.etag);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const expectPart = async (range: string, start: number, end: number) => {
      const r = await get(range);
      expect(r.status, range).toBe(206);
      expect(r.headers['content-range'], range).toBe(`bytes ${start}-${end}/1000`);
      expect(r.headers['content-length']).toBe(String(end - start + 1));
      expect(r.body.equals(data.subarray(start, end + 1)), range).toBe(true);
    };
    await expectPart('bytes=0-0', 0, 0);
    await expectPart('bytes=400-', 400, 999);
    await expectPart('bytes=-10', 990, 999);
    await expectPart('bytes=990-5000', 990, 999);
    await expectPart('bytes=0-99,50-199', 0, 199);
    const past = await get('bytes=1000-');
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe('bytes */1000');
    expect(past.json()).toEqual({ error: 'range "bytes=1000-" is past the end of data.bin (1000 bytes)' });
    // A last byte before the first is no byte at all: unsatisfiable, as range-parser (and express) have it.
    expect((await get('bytes=5-2')).status).toBe(416);
    for (const range of ['bytes=abc', 'pages=0-1', 'bytes=0-1,10-11']) {
      const r = await get(range);
      expect(r.status, range).toBe(200);
      expect(r.body.equals(data), range).toBe(true);
    }
    const same = await get('bytes=500-', { 'if-range': etag });
    expect(same.status).toBe(206);
    const changed = await get('bytes=500-', { 'if-range': '"0-0-0"' });
    expect(changed.status).toBe(200);
    expect(changed.body.equals(data)).toBe(true);
    const head = await c.request('/api/files/data.bin', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('1000');
    expect(head.body.length).toBe(0);
    writeFileSync(join(t.captureDir, 'empty.bin'), '');
    expect((await c.request('/api/files/empty.bin')).body.length).toBe(0);
    expect((await c.request('/api/files/empty.bin', { headers: { range: 'bytes=0-' } })).status).toBe(416);
  });
});

describe('the live channel', () => {
  it('tells status and this session\'s -o lines; a capture started on another face shows too', async () => {
    const c = await loggedIn();
    const ws = c.live();
    const hello = await nextMessage(ws, (m) => m.t === 'hello');
    expect(hello).toMatchObject({ user: USER, captures: [], names: ['fake0', 'fake1', 'int'] });
    expect((await c.run('-o', '-c', '3', 'udp', 'start', 'fake0')).status).toBe(200);
    const lines = nextMessage(ws, (m) => m.t === 'lines');
    t.kind.deliver('fake0', [frameOf(7), frameOf(8)]);
    const got = (await lines).lines as { iface: string; text: string }[];
    expect(got.map((l) => l.iface)).toEqual(['fake0', 'fake0']);
    expect(got[0].text).toMatch(/^\d\d:\d\d:\d\d\.\d{6} IP 192\.168\.0\.2\.2007 > 10\.0\.0\.1\.5555: UDP, length 100$/);
    const done = nextMessage(ws, (m) => m.t === 'change');
    t.kind.deliver('fake0', [frameOf(9)]);
    expect(await done).toMatchObject({ t: 'change', mine: true, status: { iface: 'fake0', state: 'count reached', stored: 3 } });
    // Another face (a console session of the same service) starts a capture: the page sees it.
    const seen = nextMessage(ws, (m) => m.t === 'status' && (m.captures as { iface: string }[]).some((s) => s.iface === 'fake1'));
    const console = await t.access.open({ face: 'console', user: 'root', from: 'local' });
    await console.run(['start', 'fake1']);
    await seen;
    await console.close();
    ws.close();
    await clean(c);
  });

  // The bound on what is queued for it is shown in live.test.ts; here, what the page sees.
  it('a page that stops reading loses lines rather than have them queued, and is told how many', async () => {
    const c = await loggedIn();
    const ws = c.live();
    await nextMessage(ws, (m) => m.t === 'hello');
    let received = 0;
    let lost = 0;
    ws.on('message', (d: Buffer) => {
      const m = JSON.parse(d.toString('utf8')) as { t: string; lines?: unknown[]; count?: number };
      if (m.t === 'lines') received += m.lines?.length ?? 0;
      if (m.t === 'lost') lost += m.count ?? 0;
    });
    expect((await c.run('-ou', 'start', 'fake0')).status).toBe(200);
    // The page stops reading: the kernel's buffers fill (a paused reader's receive window does
    // not grow; the sender's is at most tcp_wmem's 4 MiB), then the service's queue for it.
    // 150,000 lines of about 90 bytes are some 13 MiB: well past both.
    const socket = (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    let delivered = 0;
    for (let i = 0; i < 150; i++) {
      t.kind.deliver('fake0', Array.from({ length: 1000 }, (_, k) => frameOf(delivered + k)));
      delivered += 1000;
      await new Promise((r) => setImmediate(r));
    }
    socket.resume();
    // Lines come, then (on the next status tick) the count of those it lost.
    await expect.poll(() => received + lost, { timeout: 20_000 }).toBe(delivered);
    expect(lost).toBeGreaterThan(0);
    ws.close();
    await clean(c);
  });

  it('refuses another site\'s page (Origin) and a login with too many pages open', async () => {
    const c = await loggedIn();
    const evil = c.live('https://evil.example');
    const status = await new Promise<number>((resolve) => evil.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(403);
    const pages = [c.live(), c.live(), c.live(), c.live()];
    await Promise.all(pages.map((p) => nextMessage(p, (m) => m.t === 'hello')));
    const fifth = c.live();
    const code = await new Promise<number>((resolve) => fifth.on('close', (n) => resolve(n)));
    expect(code).toBe(4003);
    for (const p of pages) p.close();
  });

  it('logging out ends the session: its pages are told, its -o stream stops, its cookie is worth nothing', async () => {
    const c = await loggedIn();
    const ws = c.live();
    await nextMessage(ws, (m) => m.t === 'hello');
    expect((await c.run('-o', 'start', 'fake0')).status).toBe(200);
    const closed = new Promise<[number, string]>((resolve) => ws.on('close', (code, reason) => resolve([code, reason.toString()])));
    const cookie = c.cookies.get('__Host-pcapdump');
    expect((await c.post('/api/logout', {})).status).toBe(200);
    expect(await closed).toEqual([4001, 'logged out']);
    expect(t.engine.status().find((s) => s.iface === 'fake0')?.state).toBe('stopped');
    c.cookies.set('__Host-pcapdump', cookie ?? '');
    expect((await c.run('status')).status).toBe(401);
    await t.engine.run(['cleanup']);
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
