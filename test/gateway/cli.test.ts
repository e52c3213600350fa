import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildMissing, haveBuild, pcapdump, pcapdumpJs, projectRoot } from '../support/cli.js';
import { haveTool, run, runAsync } from '../support/referee.js';
import { freePort, keygen, publicLine, tempDir } from './harness.js';

const usable = haveBuild && haveTool('ssh') && haveTool('tcpdump');
if (!haveBuild) console.log(buildMissing);

const demo = join(projectRoot, 'samples', 'demo.pcap');

describe.skipIf(!usable)('pcapdump gateway, the program', () => {
  const dir = tempDir('gwcli');
  const captures = join(dir, 'captures');
  const hostKey = join(dir, 'host_key');
  const ak = join(dir, 'authorized_keys');
  const kh = join(dir, 'known_hosts');
  let key: string;
  let port: number;
  let gw: ChildProcess;
  let log = '';
  let exited: Promise<number | string | null>;

  beforeAll(async () => {
    key = keygen(join(dir, 'client_key'));
    writeFileSync(ak, publicLine(key) + '\n');
    port = await freePort();
    gw = spawn(process.execPath, [pcapdumpJs, '--dir', captures, '--replay', `demo=${demo}`, '--replay-speed', '0', 'gateway', '--listen', `127.0.0.1:${port}`, '--host-key', hostKey, '--authorized-keys', ak], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    gw.stderr?.on('data', (d: Buffer) => (log += d));
    exited = new Promise((r) => gw.on('exit', (code, signal) => r(signal ? `signal ${signal}` : code)));
    const end = Date.now() + 15_000;
    while (!/listening on/.test(log)) {
      if (Date.now() > end || gw.exitCode !== null) throw new Error(`gateway did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    writeFileSync(kh, `[127.0.0.1]:${port} ${publicLine(hostKey)}\n`);
  });
  afterAll(() => {
    if (gw.exitCode === null) gw.kill('SIGKILL');
  });

  const opts = () => ['-p', String(port), '-i', key, '-o', 'IdentitiesOnly=yes', '-o', 'IdentityAgent=none', '-o', `UserKnownHostsFile=${kh}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes'];

  test('the host key is made on first start, mode 0600, and its fingerprint logged', () => {
    expect(statSync(hostKey).mode & 0o777).toBe(0o600);
    const fp = run('ssh-keygen', ['-l', '-E', 'sha256', '-f', hostKey]).stdout.split(' ')[1];
    expect(log).toMatch(new RegExp(`created host key .*\\n.*listening on 127\\.0\\.0\\.1:${port}, host key ${fp.replace(/[+/]/g, '\\$&')}`));
  });

  test('a PTY shell runs start, stop and write on the replay interface; the file appears in DIR', async () => {
    const child = spawn('ssh', ['-tt', ...opts(), 'root@127.0.0.1'], { env: { ...process.env, TERM: 'xterm' } });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
    const until = async (what: RegExp) => {
      const end = Date.now() + 10_000;
      while (!what.test(screen)) {
        if (Date.now() > end) throw new Error(`never showed ${what}:\n${screen.slice(-1500)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const type = (line: string) => child.stdin.write(line + '\r');
    await until(/help/);
    type('start demo');
    await until(/demo: capturing/);
    type('stop');
    await until(/stopped|no capture is running/);
    type('write demo over-ssh.cap');
    await until(/demo: wrote \d+ packets/);
    type('exit');
    expect(await new Promise((r) => child.on('close', r))).toBe(0);
    const file = join(captures, 'over-ssh.cap');
    const read = run('tcpdump', ['-nn', '-r', file]);
    expect(read.code).toBe(0);
    const written = Number(/demo: wrote (\d+) packets/.exec(screen)?.[1]);
    expect(read.stdout.trim().split('\n').length).toBe(written);
    console.log(`gateway program: PTY shell wrote ${written} replayed packets, tcpdump reads ${written}`);
  });

  test('exec: pcapdump status shows the capture another session made', async () => {
    const r = await runAsync('ssh', [...opts(), 'root@127.0.0.1', 'pcapdump status']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^demo\s/m);
  });

  test('SIGTERM: exit 0, the written file intact', async () => {
    const file = join(captures, 'over-ssh.cap');
    const before = statSync(file).size;
    gw.kill('SIGTERM');
    expect(await exited, log).toBe(0);
    expect(log).toMatch(/SIGTERM: stopping captures and closing sessions/);
    expect(statSync(file).size).toBe(before);
    expect(run('tcpdump', ['-nn', '-r', file]).code).toBe(0);
  });

  test('a host key file others may read: refused, one line, exit 1', () => {
    const loose = join(dir, 'loose_key');
    writeFileSync(loose, 'x');
    chmodSync(loose, 0o644);
    const r = pcapdump(['--dir', captures, 'gateway', '--listen', '127.0.0.1:0', '--host-key', hostKey.replace('host_key', 'loose_key'), '--authorized-keys', ak]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pcapdump: host key .*loose_key: permissions 0644 are too open/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('bad gateway flags: one usage line, exit 2', () => {
    for (const args of [['--listen', 'nowhere'], ['--listen', '127.0.0.1:22'], ['--bogus']]) {
      const r = pcapdump(['--dir', captures, 'gateway', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^pcapdump: gateway: /);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  });
});
