import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { Engine } from '../../src/console/engine.js';
import { LocalAccess } from '../../src/console/link.js';
import type { ServerLimits } from '../../src/gateway/limits.js';
import type { RateLimits } from '../../src/gateway/rate-limit.js';
import { startGateway, type Gateway } from '../../src/gateway/server.js';
import { FakeKind } from '../console/fake-source.js';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `pcapdump-${prefix}-`));
}

/** A passphrase-less key pair made by OpenSSH's own ssh-keygen; returns the private key path. */
export function keygen(path: string, type: 'ed25519' | 'ecdsa' | 'rsa' = 'ed25519'): string {
  const bits = type === 'rsa' ? ['-b', '2048'] : [];
  execFileSync('ssh-keygen', ['-q', '-t', type, ...bits, '-N', '', '-C', 'test', '-f', path], { stdio: 'ignore' });
  return path;
}

export function publicLine(privateKeyPath: string): string {
  const k = ssh2.utils.parseKey(readFileSync(privateKeyPath));
  if (k instanceof Error) throw k;
  return `${k.type} ${k.getPublicSSH().toString('base64')}`;
}

export { freePort } from '../../bench/sshd.js';

export interface TestGateway {
  gw: Gateway;
  engine: Engine;
  kind: FakeKind;
  root: string;
  captures: string;
  clientKey: string;
  hostKeyFile: string;
  authorizedKeys: string;
  knownHosts: string;
  logs: string[];
  /** OpenSSH client options that trust exactly this gateway and use clientKey. */
  sshOptions(key?: string): string[];
  close(): Promise<void>;
}

/** Our gateway in this process, over an Engine with a fake interface "fake0", on a free loopback port. */
export async function startTestGateway(opts: { limits?: RateLimits; server?: Partial<ServerLimits>; users?: string[] } = {}): Promise<TestGateway> {
  const root = tempDir('gw');
  const captures = join(root, 'captures');
  mkdirSync(captures);
  const clientKey = keygen(join(root, 'client_key'));
  const authorizedKeys = join(root, 'authorized_keys');
  writeFileSync(authorizedKeys, publicLine(clientKey) + ' tech@test\n');
  const hostKeyFile = join(root, 'host_key');
  const kind = new FakeKind(['fake0']);
  const engine = new Engine({ config: { captureDir: captures, interfaces: {} }, kinds: [kind] });
  const logs: string[] = [];
  // root for OpenSSH's clients, tech for fwctl's address books.
  const users = opts.users ?? ['root', 'tech'];
  const gw = await startGateway(new LocalAccess(engine, { shared: true }), {
    host: '127.0.0.1',
    port: 0,
    hostKeyFile,
    authorizedKeysFile: authorizedKeys,
    users,
    limits: opts.limits,
    server: opts.server,
    log: (l) => logs.push(l),
  });
  const knownHosts = join(root, 'known_hosts');
  writeFileSync(knownHosts, `[127.0.0.1]:${gw.port} ${publicLine(hostKeyFile)}\n`);
  return {
    gw,
    engine,
    kind,
    root,
    captures,
    clientKey,
    hostKeyFile,
    authorizedKeys,
    knownHosts,
    logs,
    sshOptions: (key = clientKey) => [
      '-i', key,
      '-o', 'IdentitiesOnly=yes',
      '-o', 'IdentityAgent=none',
      '-o', `UserKnownHostsFile=${knownHosts}`,
      '-o', 'StrictHostKeyChecking=yes',
      '-o', 'BatchMode=yes',
      '-o', 'LogLevel=ERROR',
    ],
    close: async () => {
      engine.stopAll();
      await gw.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** An fwctl address book with one gateway, mydatasource:mygateway. */
/** An ssh2 client logged in to the test gateway as root with its client key. */
export function login(t: TestGateway): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const c = new ssh2.Client();
    c.on('ready', () => resolve(c));
    c.on('error', reject);
    c.connect({ host: '127.0.0.1', port: t.gw.port, username: 'root', privateKey: readFileSync(t.clientKey) });
  });
}

export function addressBook(dir: string, gateway: Record<string, unknown>): string {
  const file = join(dir, 'gateways.json');
  writeFileSync(file, JSON.stringify({ datasources: { mydatasource: { gateways: { mygateway: gateway } } } }, null, 2));
  return file;
}

/** One auth method as ssh2's client sends it (the user name is added). */
export type AuthStep =
  | { type: 'none' }
  | { type: 'password'; password: string }
  | { type: 'publickey'; key: Buffer }
  | { type: 'keyboard-interactive'; prompt: (name: string, instructions: string, lang: string, prompts: unknown[], finish: (answers: string[]) => void) => void };

/**
 * One connection of ssh2's client sending exactly these auth requests, in order, whatever
 * the server says it accepts (OpenSSH's client would not send a password to a key-only
 * server): 'ok' if one got in, 'refused' if none did or the server hung up.
 */
export function attempt(t: TestGateway, username: string, steps: AuthStep[]): Promise<'ok' | 'refused'> {
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    let i = 0;
    let settled = false;
    const done = (r: 'ok' | 'refused') => {
      if (settled) return;
      settled = true;
      client.end();
      resolve(r);
    };
    client.on('ready', () => done('ok'));
    client.on('error', () => done('refused'));
    client.on('close', () => done('refused'));
    client.connect({
      host: '127.0.0.1',
      port: t.gw.port,
      username,
      hostVerifier: () => true,
      authHandler: ((_left: unknown, _partial: unknown, next: (a: unknown) => void) => {
        const step = steps[i++];
        if (!step) return false;
        next({ ...step, username });
        return undefined;
      }) as never,
    });
  });
}
