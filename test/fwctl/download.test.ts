import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { runFwctl } from '../../src/fwctl/main.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { haveSshd, startSshd, type Sshd } from '../../bench/sshd.js';
import { addressBook, keygen, publicLine, startTestGateway, tempDir, type TestGateway } from '../gateway/harness.js';
import { projectRoot } from '../support/cli.js';
import { runAsync } from '../support/referee.js';

const fwctlJs = resolve(projectRoot, 'dist/bin/fwctl.js');
const haveFwctl = existsSync(fwctlJs);
if (!haveFwctl) console.log(`${fwctlJs} not built: run npm run build; fwctl download tests skipped`);
if (!haveSshd) console.log('/usr/sbin/sshd not installed (openssh-server): downloads from sshd skipped');

const BIG = 200 * 1024 * 1024;

function sha256File(path: string): Promise<string> {
  return new Promise((res, rej) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('end', () => res(h.digest('hex')))
      .on('error', rej);
  });
}

/** Writes `size` random bytes in 8 MiB pieces (a 200 MB Buffer is not needed). */
function randomFile(path: string, size: number): void {
  writeFileSync(path, '');
  for (let done = 0; done < size; ) {
    const n = Math.min(8 * 1024 * 1024, size - done);
    writeFileSync(path, randomBytes(n), { flag: 'a' });
    done += n;
  }
}

const fwctl = (args: string[]) => runAsync(process.execPath, [fwctlJs, ...args]);
const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.includes('.fwctl-'));

describe.skipIf(!haveFwctl)('fwctl against our gateway', () => {
  let t: TestGateway;
  let book: string;
  let local: string;
  beforeAll(async () => {
    t = await startTestGateway();
    local = join(t.root, 'local');
    mkdirSync(local);
    book = addressBook(t.root, { host: '127.0.0.1', port: t.gw.port, username: 'tech', identityFile: t.clientKey, hostKey: t.gw.hostKeyFingerprint });
    randomFile(join(t.captures, 'small.cap'), 1024);
    randomFile(join(t.captures, 'medium.cap'), 1024 * 1024 + 7);
  });
  afterAll(() => t?.close());

  for (const name of ['small.cap', 'medium.cap']) {
    test(`--filedownload ${name}: identical bytes, exit 0, nothing on a pipe`, async () => {
      const dest = join(local, name);
      const r = await fwctl(['--config', book, '--filedownload', name, dest, 'mydatasource:mygateway']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('');
      expect(r.code).toBe(0);
      expect(await sha256File(dest)).toBe(await sha256File(join(t.captures, name)));
      expect(leftovers(local)).toEqual([]);
    });
  }

  test('200 MB: identical bytes (sha256)', async () => {
    const src = join(t.captures, 'big.cap');
    randomFile(src, BIG);
    const dest = join(local, 'big.cap');
    const t0 = performance.now();
    const r = await fwctl(['--config', book, '--filedownload', 'big.cap', dest, 'mydatasource:mygateway']);
    const secs = (performance.now() - t0) / 1000;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await sha256File(dest)).toBe(await sha256File(src));
    console.log(`fwctl from our gateway: 200 MiB in ${secs.toFixed(2)} s (${(200 / secs).toFixed(0)} MiB/s), sha256 identical`);
  });

  test('Ctrl-C during a download: exit 130, no partial file, no temp file', async () => {
    const dest = join(local, 'interrupted.cap');
    const child = spawn(process.execPath, [fwctlJs, '--config', book, '--filedownload', 'big.cap', dest, 'mydatasource:mygateway']);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    // Wait until the temp file exists and has grown: the transfer is under way.
    const end = Date.now() + 20_000;
    while (Date.now() < end && !leftovers(local).length) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(130);
    expect(err).toMatch(/^fwctl: interrupted/);
    expect(existsSync(dest)).toBe(false);
    expect(leftovers(local)).toEqual([]);
  });

  test('Ctrl-C while the progress bar is drawn: the message starts its own line, no bar drawn after it', async () => {
    const dest = join(local, 'interrupted-tty.cap');
    let err = '';
    const tty = Object.assign(new Writable({ write: (c, _e, done) => ((err += c.toString()), done()) }), { isTTY: true, columns: 80 });
    let interrupt!: () => void;
    const interrupted = new Promise<void>((r) => (interrupt = r));
    const run = runFwctl(['--config', book, '--filedownload', 'big.cap', dest, 'mydatasource:mygateway'], {
      stdout: new Writable({ write: (_c, _e, done) => done() }),
      stderr: tty,
      env: process.env,
      interrupted,
    });
    const end = Date.now() + 20_000;
    while (Date.now() < end && !err.includes('%')) await new Promise((r) => setTimeout(r, 20));
    expect(err).toMatch(/big\.cap \[[#-]+\]/);
    interrupt();
    expect(await run).toBe(130);
    await new Promise((r) => setTimeout(r, 300));
    expect(err).toMatch(/\x1b\[K\nfwctl: interrupted[^\n]*\n$/);
    expect(existsSync(dest)).toBe(false);
  });

  test('destination exists: refused without --force (exit 9, untouched), replaced with --force', async () => {
    const dest = join(local, 'exists.cap');
    writeFileSync(dest, 'keep me');
    const r = await fwctl(['--config', book, '--filedownload', 'small.cap', dest, 'mydatasource:mygateway']);
    expect(r.code).toBe(9);
    expect(r.stderr).toMatch(/^fwctl: .*exists.cap exists: not overwritten \(use --force\)\n$/);
    expect(readFileSync(dest, 'utf8')).toBe('keep me');
    const f = await fwctl(['--config', book, '--force', '--filedownload', 'small.cap', dest, 'mydatasource:mygateway']);
    expect(f.code).toBe(0);
    expect(readFileSync(dest)).toEqual(readFileSync(join(t.captures, 'small.cap')));
    expect(leftovers(local)).toEqual([]);
  });

  test('no such file on the gateway, or outside its dir: exit 8, nothing left behind', async () => {
    for (const src of ['nope.cap', '../authorized_keys', '/etc/passwd']) {
      const dest = join(local, 'missing.cap');
      const r = await fwctl(['--config', book, '--filedownload', src, dest, 'mydatasource:mygateway']);
      expect(r.code).toBe(8);
      expect(r.stderr).toMatch(/^fwctl: no such file on the gateway: /);
      expect(existsSync(dest)).toBe(false);
      expect(leftovers(local)).toEqual([]);
    }
  });

  test('destination dir missing: exit 10, one line', async () => {
    const r = await fwctl(['--config', book, '--filedownload', 'small.cap', join(local, 'no', 'such', 'x.cap'), 'mydatasource:mygateway']);
    expect(r.code).toBe(10);
    expect(r.stderr).toMatch(/^fwctl: cannot write .*x\.cap: ENOENT\n$/);
  });

  test('--list: name, size, time of each capture file', async () => {
    const r = await fwctl(['--config', book, '--list', 'mydatasource:mygateway']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAME\s+SIZE\s+MODIFIED \(UTC\)$/m);
    expect(r.stdout).toMatch(/^small\.cap\s+1\.0 KiB\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/m);
    expect(r.stdout).toMatch(/^medium\.cap\s+1\.0 MiB /m);
  });

  test("--exec runs a console command and exits with the command's status", async () => {
    const ok = await fwctl(['--config', book, '--exec', 'pcapdump status', 'mydatasource:mygateway']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('no captures\n');
    const bad = await fwctl(['--config', book, '--exec', 'pcapdump start', 'mydatasource:mygateway']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^pcapdump: /);
  });

  test('host key unknown (not in known_hosts): exit 6, the fingerprint shown', async () => {
    const kh = join(t.root, 'empty_known_hosts');
    writeFileSync(kh, '# nothing\n');
    const b = addressBook(tempDir('book'), { host: '127.0.0.1', port: t.gw.port, username: 'tech', identityFile: t.clientKey, knownHosts: kh });
    const r = await fwctl(['--config', b, '--list', 'mydatasource:mygateway']);
    expect(r.code).toBe(6);
    expect(r.stderr).toBe(`fwctl: host key of 127.0.0.1:${t.gw.port} is unknown (not in the known hosts file): it offers ${t.gw.hostKeyFingerprint}; refused\n`);
  });

  test('host key changed (fingerprint or known_hosts on record differs): exit 6, the fingerprint shown', async () => {
    const other = keygen(join(tempDir('other'), 'k'));
    const otherFp = (await runAsync('ssh-keygen', ['-l', '-E', 'sha256', '-f', other])).stdout.split(' ')[1];
    const b1 = addressBook(tempDir('book'), { host: '127.0.0.1', port: t.gw.port, username: 'tech', identityFile: t.clientKey, hostKey: otherFp });
    const r1 = await fwctl(['--config', b1, '--filedownload', 'small.cap', join(local, 'hk.cap'), 'mydatasource:mygateway']);
    expect(r1.code).toBe(6);
    expect(r1.stderr).toMatch(new RegExp(`has CHANGED .* it offers ${t.gw.hostKeyFingerprint.replace(/[+/]/g, '\\$&')}; refused`));
    expect(existsSync(join(local, 'hk.cap'))).toBe(false);
    expect(leftovers(local)).toEqual([]);
    const kh = join(t.root, 'other_known_hosts');
    writeFileSync(kh, `[127.0.0.1]:${t.gw.port} ${publicLine(other)}\n`);
    const b2 = addressBook(tempDir('book'), { host: '127.0.0.1', port: t.gw.port, username: 'tech', identityFile: t.clientKey, knownHosts: kh });
    const r2 = await fwctl(['--config', b2, '--list', 'mydatasource:mygateway']);
    expect(r2.code).toBe(6);
    expect(r2.stderr).toMatch(/has CHANGED/);
    // No credential was offered to the impostor: the gateway logged no attempt.
    expect(t.logs.filter((l) => l.includes('auth failed'))).toEqual([]);
  });

  test('a known_hosts file that lists the key (hashed, as ssh-keygen -H writes it) is accepted', async () => {
    const kh = join(t.root, 'hashed_known_hosts');
    writeFileSync(kh, `[127.0.0.1]:${t.gw.port} ${publicLine(t.hostKeyFile)}\n`);
    await runAsync('ssh-keygen', ['-H', '-f', kh]);
    expect(readFileSync(kh, 'utf8')).toMatch(/^\|1\|/);
    const b = addressBook(tempDir('book'), { host: '127.0.0.1', port: t.gw.port, username: 'tech', identityFile: t.clientKey, knownHosts: kh });
    const r = await fwctl(['--config', b, '--list', 'mydatasource:mygateway']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test('authentication failed: exit 7', async () => {
    const stranger = keygen(join(tempDir('stranger'), 'k'));
    const b = addressBook(tempDir('book'), { host: '127.0.0.1', port: t.gw.port, username: 'tech', identityFile: stranger, hostKey: t.gw.hostKeyFingerprint });
    const r = await fwctl(['--config', b, '--list', 'mydatasource:mygateway']);
    expect(r.code).toBe(7);
    expect(r.stderr).toBe(`fwctl: authentication failed at 127.0.0.1:${t.gw.port} as tech\n`);
  });

  test('connection refused: exit 5', async () => {
    const { freePort } = await import('../gateway/harness.js');
    const port = await freePort();
    const b = addressBook(tempDir('book'), { host: '127.0.0.1', port, username: 'tech', identityFile: t.clientKey, hostKey: t.gw.hostKeyFingerprint });
    const r = await fwctl(['--config', b, '--list', 'mydatasource:mygateway']);
    expect(r.code).toBe(5);
    expect(r.stderr).toBe(`fwctl: cannot connect to 127.0.0.1:${port}: ECONNREFUSED\n`);
  });
});

describe.skipIf(!haveFwctl || !haveSshd)("fwctl against OpenSSH's sshd (internal-sftp)", () => {
  let sshd: Sshd;
  let dir: string;
  let book: string;
  beforeAll(async () => {
    dir = tempDir('sshd');
    const key = keygen(join(dir, 'client_key'));
    writeFileSync(join(dir, 'authorized_keys'), publicLine(key) + '\n');
    sshd = await startSshd(dir, join(dir, 'authorized_keys'));
    book = addressBook(dir, { host: '127.0.0.1', port: sshd.port, username: 'root', identityFile: key, hostKey: sshd.hostKeyFingerprint });
    mkdirSync(join(dir, 'local'));
  });
  afterAll(() => sshd?.stop());

  for (const [name, size] of [
    ['one.cap', 1000],
    ['mb.cap', 1024 * 1024 + 3],
    ['fifty.cap', 50 * 1024 * 1024],
  ] as const) {
    test(`${name} (${size} bytes): identical bytes`, async () => {
      const src = join(dir, name);
      randomFile(src, size);
      const dest = join(dir, 'local', name);
      const t0 = performance.now();
      const r = await fwctl(['--config', book, '--filedownload', src, dest, 'mydatasource:mygateway']);
      const secs = (performance.now() - t0) / 1000;
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(await sha256File(dest)).toBe(await sha256File(src));
      if (size > 1e7) console.log(`fwctl from sshd: ${(size / 2 ** 20).toFixed(0)} MiB in ${secs.toFixed(2)} s, sha256 identical`);
    });
  }

  test('no such file on sshd: exit 8', async () => {
    const r = await fwctl(['--config', book, '--filedownload', join(dir, 'nope'), join(dir, 'local', 'x'), 'mydatasource:mygateway']);
    expect(r.code).toBe(8);
    expect(readdirSync(join(dir, 'local')).filter((n) => n.includes('.fwctl-'))).toEqual([]);
  });
});
