import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameOf } from '../service/harness.js';
import { loginTo, nextMessage, startTestWeb, USER, type Client, type TestWeb } from './harness.js';

// Commands from the page (the console's grammar and errors), show, and the live channel.
let t: TestWeb;

beforeAll(async () => {
  t = await startTestWeb();
});
afterAll(async () => {
  await t?.close();
});

const loggedIn = () => loginTo(t);

/** Each test leaves the Engine as it found it. */
async function clean(c: Client): Promise<void> {
  await c.run('cleanup');
}

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
    // show's options and filter as at the console: the last 2 packets, -v's line.
    const two = await c.request(`/api/show?iface=fake0&detail=${encodeURIComponent('-c 2 -v udp port 5555')}`);
    expect(two.status).toBe(200);
    const twoLines = two.body.toString().trimEnd().split('\n');
    expect(twoLines[0]).toMatch(/^--- fake0: /);
    expect(twoLines.filter((l) => /^\d\d:\d\d:\d\d\.\d{6} IP \(tos 0x0, ttl/.test(l))).toHaveLength(2);
    const atConsole = await t.engine.run('show fake0 -c 2 -v udp port 5555');
    expect(atConsole.kind).toBe('show');
    for (const [detail, message] of [
      ['-c zero', /^show: -c needs a packet count/],
      ['-q', /^show: unknown option "-q"/],
      ['tcp port', /port/],
      ['"unbalanced', /quote/],
    ] as const) {
      const bad = await c.request(`/api/show?iface=fake0&detail=${encodeURIComponent(detail)}`);
      expect(bad.status).toBe(400);
      expect(bad.json().kind).toBe('usage');
      expect(String(bad.json().error)).toMatch(message);
    }
    const unknown = await c.request('/api/show?iface=fake1');
    expect(unknown.status).toBe(409);
    expect(unknown.json()).toEqual({ error: 'no capture on fake1', kind: 'command' });
    await clean(c);
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

