import { X509Certificate } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseServiceArgs } from '../../src/service/command.js';
import { parseListen } from '../../src/web/options.js';
import { runPasswd } from '../../src/web/passwd.js';
import { loadCertificate } from '../../src/web/tls.js';
import { parseUsers, UserFile, verifyPassword } from '../../src/web/users.js';

const dir = mkdtempSync(join(tmpdir(), 'pcapdump-web-setup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const usage = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
};

describe('service --http and its flags', () => {
  it('takes HOST:PORT, [V6]:PORT, or a port alone on 127.0.0.1', () => {
    expect(parseListen('8443')).toEqual({ host: '127.0.0.1', port: 8443 });
    expect(parseListen('0.0.0.0:443')).toEqual({ host: '0.0.0.0', port: 443 });
    expect(parseListen('[::1]:8443')).toEqual({ host: '::1', port: 8443 });
    expect(parseListen('localhost:0')).toEqual({ host: 'localhost', port: 0 });
  });

  it('says in one line what is wrong with a flag', () => {
    expect(usage(() => parseListen('::1:8443'))).toBe('--http: put an IPv6 address in brackets: [::1]:8443');
    expect(usage(() => parseListen('gw.example:443'))).toBe('--http: "gw.example" is not an IPv4 address (an IPv6 one goes in brackets; or localhost)');
    expect(usage(() => parseListen('70000'))).toBe('--http needs HOST:PORT or PORT with PORT from 0 to 65535, got "70000"');
    expect(usage(() => parseListen('[10.0.0.1]:80'))).toBe('--http: "10.0.0.1" in brackets is not an IPv6 address');
    expect(usage(() => parseServiceArgs(['--http-users', '/etc/u'], undefined))).toBe('service: --http-users is for the web page, which needs --http HOST:PORT');
    expect(usage(() => parseServiceArgs(['--http', '8443', '--http', '9443'], undefined))).toBe('service: --http given twice');
    expect(usage(() => parseServiceArgs(['--http'], undefined))).toBe('service: --http needs a HOST:PORT');
    expect(usage(() => parseServiceArgs(['--http', '0.0.0.0:8080', '--http-plain'], undefined))).toBe(
      'service: --http-plain only on a loopback address (passwords would cross the network in clear), not 0.0.0.0; drop it for TLS',
    );
    expect(usage(() => parseServiceArgs(['--http', '8080', '--http-plain', '--http-cert', 'c.pem', '--http-key', 'k.pem'], undefined))).toBe(
      'service: --http-plain and a TLS certificate do not go together',
    );
    expect(usage(() => parseServiceArgs(['--http', '8080', '--http-cert', 'c.pem'], undefined))).toBe('service: --http-cert and --http-key go together');
    expect(usage(() => parseServiceArgs(['--http-plain=yes'], undefined))).toBe('service: --http-plain takes no value');
    expect(usage(() => parseServiceArgs(['--https', '8443'], undefined))).toMatch(/^service: unknown argument "--https" \(usage: pcapdump \[flags\] service /);
  });

  it('is off without --http; TLS by default, with the certificate kept under /var/lib/pcapdump-web', () => {
    expect(parseServiceArgs(['--socket', '/tmp/s'], undefined)).toEqual({ socket: '/tmp/s', web: null });
    expect(parseServiceArgs(['--http=8443'], undefined).web).toEqual({
      host: '127.0.0.1',
      port: 8443,
      usersFile: '/etc/pcapdump/web-users',
      tls: { certFile: '/var/lib/pcapdump-web/cert.pem', keyFile: '/var/lib/pcapdump-web/key.pem' },
    });
    expect(parseServiceArgs(['--http', '127.0.0.1:8080', '--http-plain', '--http-users', 'u'], undefined).web).toEqual({ host: '127.0.0.1', port: 8080, usersFile: 'u', tls: null });
  });
});

describe('pcapdump passwd and the users file', () => {
  const file = join(dir, 'users');
  const io = (first: string, again: string | null = first) => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), password: async () => ({ first, again }) } };
  };

  it('adds a user, changes a password, removes a user; the file is mode 0600 and holds scrypt hashes', async () => {
    writeFileSync(file, '# the page\'s users\n', { mode: 0o600 });
    const a = io('first password');
    expect(await runPasswd(['--file', file, 'alice'], a.io)).toBe(0);
    expect(a.out).toEqual([`passwd: added alice to ${file}`]);
    const b = io('second password');
    expect(await runPasswd(['--file', file, 'alice'], b.io)).toBe(0);
    expect(b.out).toEqual([`passwd: changed alice's password in ${file}`]);
    expect(await runPasswd([`--file=${file}`, 'bob'], io('bob password').io)).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# the page's users\nalice:\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}\nbob:\$scrypt\$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const users = new UserFile(file);
    expect(await users.check('alice', 'second password')).toEqual({ ok: true });
    expect(await users.check('alice', 'first password')).toEqual({ ok: false, why: 'wrong password' });
    expect(await users.check('carol', 'second password')).toEqual({ ok: false, why: 'no such user' });
    const c = io('');
    expect(await runPasswd(['--file', file, '--delete', 'bob'], c.io)).toBe(0);
    expect(c.out).toEqual([`passwd: removed bob from ${file}`]);
    expect(users.has('bob')).toBe(false);
    expect(users.has('alice')).toBe(true);
  });

  it('refuses a short password, two that differ, a bad name, and changes nothing', async () => {
    const before = readFileSync(file, 'utf8');
    const short = io('short');
    expect(await runPasswd(['--file', file, 'dave'], short.io)).toBe(1);
    expect(short.err).toEqual(['pcapdump: passwd: a password of at least 8 characters, please; nothing changed']);
    const differ = io('one password', 'another password');
    expect(await runPasswd(['--file', file, 'dave'], differ.io)).toBe(1);
    expect(differ.err).toEqual(['pcapdump: passwd: the two passwords differ; nothing changed']);
    const gone = io('');
    expect(await runPasswd(['--file', file, '-d', 'nobody'], gone.io)).toBe(1);
    expect(gone.err).toEqual([`pcapdump: passwd: no user nobody in ${file}`]);
    await expect(runPasswd(['--file', file, 'al:ice'], io('long enough').io)).rejects.toThrow('passwd: "al:ice" is not a usable user name (a letter, digit or _, then up to 31 of A-Z a-z 0-9 . _ -)');
    await expect(runPasswd(['--file', file], io('long enough').io)).rejects.toThrow('passwd needs one user name (usage: pcapdump passwd [--file FILE] [--delete] USER)');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('says which line of a hand-edited users file is wrong', () => {
    expect(usage(() => parseUsers('alice:plaintext\n', 'f'))).toBe("users file f line 1: alice's password is not an scrypt hash made by pcapdump passwd");
    expect(usage(() => parseUsers('# x\n\nbad name:$scrypt$\n', 'f'))).toBe('users file f line 3: "bad name" is not a user name');
    const line = readFileSync(file, 'utf8').split('\n')[1];
    expect(usage(() => parseUsers(`${line}\n${line}\n`, 'f'))).toBe('users file f line 2: alice is there twice');
    // A cost no one made with pcapdump passwd (2^30 blocks): refused, not computed.
    expect(usage(() => parseUsers(line.replace('ln=15', 'ln=30'), 'f'))).toBe("users file f line 1: alice's password is not an scrypt hash made by pcapdump passwd");
  });

  it('checks a password against a hash without throwing on garbage', async () => {
    expect(await verifyPassword('$scrypt$nonsense', 'x')).toBe(false);
  });
});

describe('the TLS certificate', () => {
  it('is made on first start (EC, self-signed, valid for this host\'s names), then read as it is', () => {
    const cert = join(dir, 'tls', 'cert.pem');
    const key = join(dir, 'tls', 'key.pem');
    const made = loadCertificate(cert, key, { dns: ['localhost', 'gw1'], ips: ['127.0.0.1', '::1'] });
    expect(made.made).toBe(true);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const x = new X509Certificate(readFileSync(cert));
    expect(x.subject).toContain('CN=gw1');
    expect(x.subjectAltName).toBe('DNS:localhost, DNS:gw1, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(x.fingerprint256).toBe(made.fingerprint);
    const again = loadCertificate(cert, key, { dns: [], ips: [] });
    expect(again).toMatchObject({ made: false, fingerprint: made.fingerprint });
  });

  it('says in one line what is wrong with the files given', () => {
    const d = mkdtempSync(join(dir, 'bad-'));
    const cert = join(d, 'cert.pem');
    const key = join(d, 'key.pem');
    writeFileSync(key, 'x', { mode: 0o600 });
    expect(usage(() => loadCertificate(cert, key, { dns: [], ips: [] }))).toBe(`TLS: key ${key} is there but not its certificate ${cert}`);
    writeFileSync(cert, 'not a certificate');
    expect(usage(() => loadCertificate(cert, key, { dns: [], ips: [] }))).toMatch(new RegExp(`^TLS certificate ${cert}: not a PEM certificate`));
    const good = join(dir, 'tls');
    writeFileSync(cert, readFileSync(join(good, 'cert.pem')));
    chmodSync(key, 0o644);
    expect(usage(() => loadCertificate(cert, key, { dns: [], ips: [] }))).toBe(`TLS key ${key}: group or others may read it; chmod 600 ${key}`);
    chmodSync(key, 0o600);
    const other = join(d, 'other');
    loadCertificate(join(other, 'c.pem'), join(other, 'k.pem'), { dns: [], ips: ['127.0.0.1'] });
    writeFileSync(key, readFileSync(join(other, 'k.pem')), { mode: 0o600 });
    expect(usage(() => loadCertificate(cert, key, { dns: [], ips: [] }))).toBe(`TLS: key ${key} is not the key of certificate ${cert}`);
  });
});
