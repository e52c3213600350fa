import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameOf } from '../service/harness.js';
import { loginTo, startTestWeb, type TestWeb } from './harness.js';

// Downloads: only regular files of the capture directory, opened race-free; Range and If-Range.
let t: TestWeb;

beforeAll(async () => {
  t = await startTestWeb();
});
afterAll(async () => {
  await t?.close();
});

const loggedIn = () => loginTo(t);

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
    await c.run('cleanup');
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

