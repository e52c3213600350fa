import { appendFileSync, chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fingerprint } from '../../src/gateway/authorized-keys.js';
import { GatewayError } from '../../src/gateway/errors.js';
import { loadHostKey } from '../../src/gateway/host-key.js';
import { FailureLimiter } from '../../src/gateway/rate-limit.js';
import { haveTool, run, runAsync } from '../support/referee.js';
import { attempt, keygen, publicLine, startTestGateway, tempDir, type TestGateway } from './harness.js';

const usable = haveTool('ssh') && haveTool('ssh-keygen');
if (!usable) console.log('OpenSSH client not installed: authentication tests skipped');

describe('host key file', () => {
  test('made on first start as ed25519, mode 0600, and kept', () => {
    const dir = tempDir('hk');
    const file = join(dir, 'host_key');
    const first = loadHostKey(file);
    expect(first.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadHostKey(file);
    expect(again.created).toBe(false);
    expect(again.key.equals(first.key)).toBe(true);
    // OpenSSH reads it as an ed25519 key.
    const fp = run('ssh-keygen', ['-l', '-f', file]);
    expect(fp.stdout).toMatch(/ED25519/);
  });

  test('a key file group or others may read is refused, in one line naming the mode', () => {
    const dir = tempDir('hk');
    const file = join(dir, 'host_key');
    loadHostKey(file);
    chmodSync(file, 0o644);
    expect(() => loadHostKey(file)).toThrow(GatewayError);
    expect(() => loadHostKey(file)).toThrow(/permissions 0644 are too open.*chmod 600/);
  });

  test('a file that is not a private key is refused', () => {
    const dir = tempDir('hk');
    const file = join(dir, 'host_key');
    writeFileSync(file, 'hello\n', { mode: 0o600 });
    expect(() => loadHostKey(file)).toThrow(/not a usable private key/);
  });
});

describe('failure limiter', () => {
  test('blocks after maxFailures within the window, and lets go after blockMs', () => {
    let now = 0;
    const l = new FailureLimiter({ maxFailures: 3, windowMs: 1000, blockMs: 5000 }, () => now);
    expect(l.fail('a')).toBe(false);
    now = 2000; // the first failure is out of the window
    expect(l.fail('a')).toBe(false);
    expect(l.fail('a')).toBe(false);
    expect(l.isBlocked('a')).toBe(false);
    expect(l.fail('a')).toBe(true);
    expect(l.isBlocked('a')).toBe(true);
    expect(l.isBlocked('b')).toBe(false);
    now = 7001;
    expect(l.isBlocked('a')).toBe(false);
  });
});

describe.skipIf(!usable)('public-key authentication with OpenSSH clients', () => {
  let t: TestGateway | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const ssh = (g: TestGateway, key: string, extra: string[] = []) =>
    runAsync('ssh', ['-p', String(g.gw.port), ...g.sshOptions(key), ...extra, 'root@127.0.0.1', 'pcapdump status']);

  test('an unknown client key is refused and logged with its fingerprint', async () => {
    t = await startTestGateway();
    const stranger = keygen(join(t.root, 'stranger'));
    const r = await ssh(t, stranger);
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/Permission denied \(publickey\)/);
    const fp = run('ssh-keygen', ['-l', '-E', 'sha256', '-f', stranger + '.pub']).stdout.split(' ')[1];
    expect(t.logs.some((l) => l.includes('127.0.0.1') && l.includes('"root"') && l.includes(fp))).toBe(true);
    expect(fingerprint(Buffer.from(publicLine(stranger).split(' ')[1], 'base64'))).toBe(fp);
    // The right key still gets in.
    expect((await ssh(t, t.clientKey)).code).toBe(0);
  });

  test('ecdsa and rsa (rsa-sha2-256 and -512) keys are accepted; ssh-rsa with SHA-1 is refused', async () => {
    t = await startTestGateway();
    const ecdsa = keygen(join(t.root, 'ecdsa'), 'ecdsa');
    const rsa = keygen(join(t.root, 'rsa'), 'rsa');
    appendFileSync(t.authorizedKeys, `${publicLine(ecdsa)}\n${publicLine(rsa)}\n`);
    expect((await ssh(t, ecdsa)).code).toBe(0);
    expect((await ssh(t, rsa, ['-o', 'PubkeyAcceptedAlgorithms=rsa-sha2-256'])).code).toBe(0);
    // With server-sig-algs repaired (ssh2 1.17's lacked a comma), OpenSSH picks rsa-sha2-512.
    expect((await ssh(t, rsa)).code).toBe(0);
    expect(t.logs.at(-1)).toMatch(/accepted 127\.0\.0\.1: user "root", key SHA256:\S+ \("rsa-sha2-512"\)$/);
    // ssh-rsa (SHA-1) is not in server-sig-algs: OpenSSH does not even try it.
    const sha1 = await ssh(t, rsa, ['-o', 'PubkeyAcceptedAlgorithms=ssh-rsa']);
    expect(sha1.code).toBe(255);
    expect(t.logs.some((l) => l.includes('accepted') && l.includes('"ssh-rsa"'))).toBe(false);
  });

  test('a key removed from authorized_keys is refused at once (the file is read on every attempt)', async () => {
    t = await startTestGateway();
    expect((await ssh(t, t.clientKey)).code).toBe(0);
    writeFileSync(t.authorizedKeys, '# nobody\n');
    expect((await ssh(t, t.clientKey)).code).toBe(255);
  });

  test('rate limiting: after repeated failures from an address even the right key is turned away', async () => {
    t = await startTestGateway({ limits: { maxFailures: 3, windowMs: 60_000, blockMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect(await attempt(t, 'root', [{ type: 'password', password: `guess${i}` }])).toBe('refused');
    const blocked = await ssh(t, t.clientKey);
    expect(blocked.code).toBe(255);
    expect(t.logs.filter((l) => l.includes('auth failed')).length).toBe(3);
    expect(t.logs.some((l) => /127\.0\.0\.1 blocked/.test(l))).toBe(true);
    expect(t.logs.some((l) => /refused 127\.0\.0\.1: blocked/.test(l))).toBe(true);
    console.log(`rate limit: 3 failures, then the authorized key refused; ${t.logs.length} log lines`);
  });

  test('keys merely offered are not failures: a user whose ssh tries 3 other keys first logs in 8 times in a row', async () => {
    // A limit of 3: counting offered keys, the first login's 3 would already block the address.
    t = await startTestGateway({ limits: { maxFailures: 3, windowMs: 60_000, blockMs: 60_000 } });
    const others = [1, 2, 3].map((i) => keygen(join(t!.root, `other${i}`)));
    const args = ['-i', others[1], '-i', others[2], '-i', t.clientKey];
    for (let i = 0; i < 8; i++) {
      const r = await ssh(t, others[0], args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    expect(t.logs.filter((l) => l.includes('key not accepted')).length).toBe(24);
    expect(t.logs.filter((l) => l.includes('auth failed') || l.includes('blocked'))).toEqual([]);
    expect(t.logs.filter((l) => l.includes('gateway: accepted 127.0.0.1: user "root"')).length).toBe(8);
  });

  test('a successful login forgives the failures before it', async () => {
    t = await startTestGateway({ limits: { maxFailures: 3, windowMs: 60_000, blockMs: 60_000 } });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++) expect(await attempt(t, 'root', [{ type: 'password', password: 'wrong' }])).toBe('refused');
      expect((await ssh(t, t.clientKey)).code).toBe(0);
    }
    expect(t.logs.filter((l) => l.includes('auth failed')).length).toBe(6);
    expect(t.logs.some((l) => l.includes('blocked'))).toBe(false);
  });

  test('password, keyboard-interactive and a second "none" are failures: counted and logged', async () => {
    t = await startTestGateway();
    const r = await attempt(t, 'root', [
      { type: 'none' },
      { type: 'password', password: 'hunter2' },
      { type: 'keyboard-interactive', prompt: (_n, _i, _l, _p, finish) => finish(['hunter2']) },
      { type: 'none' },
    ]);
    expect(r).toBe('refused');
    const failed = t.logs.filter((l) => l.includes('auth failed'));
    expect(failed).toEqual([
      expect.stringMatching(/user "root", "password" attempt \(only public keys are accepted\) \(1 of 6\)$/),
      expect.stringMatching(/user "root", "keyboard-interactive" attempt .*\(2 of 6\)$/),
      expect.stringMatching(/user "root", method "none" again \(3 of 6\)$/),
    ]);
    // The password itself is never logged.
    expect(t.logs.join('\n')).not.toContain('hunter2');
  });

  test('MaxAuthTries: the 3rd failure on one connection ends it', async () => {
    t = await startTestGateway({ server: { maxAuthTries: 3 } });
    const tries = Array.from({ length: 8 }, (_, i) => ({ type: 'password' as const, password: `p${i}` }));
    expect(await attempt(t, 'root', tries)).toBe('refused');
    expect(t.logs.filter((l) => l.includes('auth failed')).length).toBe(3);
    expect(t.logs.some((l) => /too many authentication failures for user "root": disconnected/.test(l))).toBe(true);
  });

  test('only the allowed users get in, even with an authorized key; names are escaped in the log', async () => {
    t = await startTestGateway({ users: ['tech'] });
    expect((await ssh(t, t.clientKey)).code).toBe(255); // as root
    const forged = 'x\ngateway: accepted 10.6.6.6: user "root"\u001b[2J';
    expect(await attempt(t, forged, [{ type: 'publickey', key: readFileSync(t.clientKey) }])).toBe('refused');
    expect(await attempt(t, 'tech', [{ type: 'publickey', key: readFileSync(t.clientKey) }])).toBe('ok');
    const log = t.logs.join('\n');
    expect(log).not.toContain('\u001b');
    expect(t.logs.filter((l) => l.startsWith('gateway: accepted')).map((l) => l.split(': user ')[1].split(',')[0])).toEqual(['"tech"']);
    expect(log).toContain('user "x\\ngateway: accepted 10.6.6.6: user \\"root\\"\\x1b[2J", ');
    expect(t.logs.filter((l) => l.includes('user not allowed')).length).toBe(2);
  });

  test('the offer: no chacha20 (slow in ssh2), no SHA-1 or DSA, and a server-sig-algs list that parses', async () => {
    t = await startTestGateway();
    const r = await ssh(t, t.clientKey, ['-vv']);
    expect(r.code).toBe(0);
    const line = (what: RegExp) => r.stderr.split('\n').find((l) => what.test(l)) ?? '';
    // "debug2: peer server KEXINIT proposal" is followed by the lists, one per line.
    const peer = r.stderr.slice(r.stderr.indexOf('peer server KEXINIT proposal'));
    const list = (name: string) => (new RegExp(`debug2: ${name}: (.*)`).exec(peer)?.[1] ?? '').trim().split(',');
    expect(list('host key algorithms')).toEqual(['ssh-ed25519']);
    expect(list('ciphers ctos')).toEqual(['aes128-gcm@openssh.com', 'aes256-gcm@openssh.com', 'aes128-ctr', 'aes192-ctr', 'aes256-ctr']);
    expect(list('MACs ctos').some((m) => /sha1|md5/.test(m))).toBe(false);
    expect(list('compression ctos')).toEqual(['none']);
    const sigAlgs = /server-sig-algs=<([^>]*)>/.exec(line(/server-sig-algs/))?.[1];
    expect(sigAlgs?.split(',')).toEqual(['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256']);
  });

  test('only public-key authentication is offered', async () => {
    t = await startTestGateway();
    const r = await runAsync('ssh', ['-v', '-p', String(t.gw.port), ...t.sshOptions(), '-o', 'PubkeyAuthentication=no', 'root@127.0.0.1', 'status']);
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/Authentications that can continue: publickey\r?$/m);
  });
});
