import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { Engine } from '../../src/console/engine.js';
import { LocalAccess } from '../../src/console/link.js';
import { auditLine } from '../../src/service/audit.js';
import type { WebLimits } from '../../src/web/app.js';
import { startWeb, type RunningWeb } from '../../src/web/server.js';
import { hashPassword } from '../../src/web/users.js';
import { FakeKind } from '../console/fake-source.js';

export const USER = 'tech';
export const PASSWORD = 'correct horse battery';

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json(): Record<string, unknown>;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A client of the page: HTTPS trusting exactly the page's certificate (name checked), with a cookie jar. */
export class Client {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(
    readonly port: number,
    private readonly ca: Buffer,
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  request(path: string, opts: RequestOptions = {}): Promise<Response> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...opts.headers };
      if (this.cookies.size > 0 && headers.cookie === undefined) headers.cookie = this.cookieHeader();
      const req = request({ host: '127.0.0.1', port: this.port, path, method: opts.method ?? 'GET', headers, ca: this.ca, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          for (const c of res.headers['set-cookie'] ?? []) {
            const [pair] = c.split(';');
            const at = pair.indexOf('=');
            const value = pair.slice(at + 1);
            if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(pair.slice(0, at));
            else this.cookies.set(pair.slice(0, at), value);
          }
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(opts.body);
    });
  }

  /** The first `bytes` (or a little more) of a GET, then the connection is cut, as a dropped download is. */
  partial(path: string, bytes: number): Promise<{ body: Buffer; headers: Record<string, string | string[] | undefined> }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: this.port, path, headers: { cookie: this.cookieHeader() }, ca: this.ca, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        let got = 0;
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          got += c.length;
          if (got >= bytes) {
            req.destroy();
            resolve({ body: Buffer.concat(chunks), headers: res.headers });
          }
        });
        res.on('error', () => undefined);
      });
      req.on('error', (err) => (err.message.includes('aborted') || err.message.includes('socket hang up') ? undefined : reject(err)));
      req.end();
    });
  }

  async session(): Promise<Record<string, unknown>> {
    const r = await this.request('/api/session');
    const body = r.json();
    this.csrf = String(body.csrfToken);
    return body;
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-csrf-token': this.csrf, ...headers } });
  }

  async login(user = USER, password = PASSWORD): Promise<Response> {
    await this.session();
    const r = await this.post('/api/login', { user, password });
    if (r.status === 200) this.csrf = String(r.json().csrfToken);
    return r;
  }

  run(...words: string[]): Promise<Response> {
    return this.post('/api/run', { words });
  }

  /** The live channel, as this client's page would open it. */
  live(origin = `https://127.0.0.1:${this.port}`): WebSocket {
    return new WebSocket(`wss://127.0.0.1:${this.port}/api/live`, { ca: this.ca, headers: { cookie: this.cookieHeader(), origin } });
  }
}

export interface TestWeb {
  dir: string;
  captureDir: string;
  usersFile: string;
  engine: Engine;
  /** Sessions of the same Engine, as the service's other faces open them. */
  access: LocalAccess;
  kind: FakeKind;
  web: RunningWeb;
  logs: string[];
  cert: Buffer;
  client(): Client;
  close(): Promise<void>;
}

let hashed: Promise<string> | null = null;

/** The page in this process over fake interfaces fake0/fake1, TLS with a certificate made in a temp dir. */
export async function startTestWeb(limits: Partial<WebLimits> = {}): Promise<TestWeb> {
  const dir = mkdtempSync(join(tmpdir(), 'pcapdump-web-'));
  const captureDir = join(dir, 'captures');
  mkdirSync(captureDir);
  const usersFile = join(dir, 'users');
  hashed ??= hashPassword(PASSWORD);
  writeFileSync(usersFile, `# test users\n${USER}:${await hashed}\n`, { mode: 0o600 });
  const kind = new FakeKind(['fake0', 'fake1']);
  const engine = new Engine({ config: { captureDir, interfaces: { int: 'fake0' } }, kinds: [kind] });
  const logs: string[] = [];
  const log = (l: string) => logs.push(l);
  const access = new LocalAccess(engine, { shared: true, audit: (e) => log(auditLine(e)) });
  const certFile = join(dir, 'tls', 'cert.pem');
  const web = await startWeb({ access, options: { host: '127.0.0.1', port: 0, usersFile, tls: { certFile, keyFile: join(dir, 'tls', 'key.pem') } }, log, limits });
  const cert = readFileSync(certFile);
  return {
    dir,
    captureDir,
    usersFile,
    engine,
    access,
    kind,
    web,
    logs,
    cert,
    client: () => new Client(web.port, cert),
    close: async () => {
      await web.close('test over');
      engine.stopAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The next message of a live channel that passes `match`, within `ms`. */
export function nextMessage(ws: WebSocket, match: (m: Record<string, unknown>) => boolean, ms = 10_000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.off('message', on);
      reject(new Error('no such message on the live channel'));
    }, ms);
    const on = (data: Buffer) => {
      const m = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
      if (!match(m)) return;
      clearTimeout(timer);
      ws.off('message', on);
      resolve(m);
    };
    ws.on('message', on);
  });
}

/** A client of `t` logged in as the test user. */
export async function loginTo(t: TestWeb): Promise<Client> {
  const c = t.client();
  const r = await c.login();
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${r.body.toString()}`);
  return c;
}
