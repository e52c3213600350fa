import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { haveSshd, startSshd, type Sshd } from '../../bench/sshd.js';
import { addressBook, keygen } from '../gateway/harness.js';
import { buildMissing, haveBuild, pcapdumpJs, projectRoot } from '../support/cli.js';
import { haveTool, runAsync } from '../support/referee.js';

/**
 * OpenSSH's sshd in front of the service, configured by the snippet we ship
 * (packaging/sshd-pcapdump.conf): the console and exec commands through ForceCommand,
 * the capture directory through a chrooted, read-only internal-sftp account.
 */
const isRoot = process.getuid?.() === 0;
const usable = isRoot && haveBuild && haveSshd && haveTool('ssh') && haveTool('sftp') && haveTool('useradd');
if (!isRoot) console.log('not root: OpenSSH ForceCommand tests skipped (they make an account and a chroot)');
if (!haveBuild) console.log(buildMissing);

const id = randomBytes(3).toString('hex');
const group = `pdt${id}`;
const filesUser = `pdf${id}`;
// ChrootDirectory wants every component root-owned and not writable by group or others: not /tmp.
const root = `/run/pcapdump-sshd-${id}`;
const captures = join(root, 'captures');
const socket = join(root, 'pcapdump.sock');
const fwctlJs = resolve(projectRoot, 'dist/bin/fwctl.js');

/** The shipped snippet, with this test's accounts and paths: root stands for a technician. */
function snippet(): string[] {
  const text = readFileSync(join(projectRoot, 'packaging/sshd-pcapdump.conf'), 'utf8')
    .replace('Match User pcapdump-files', `Match User ${filesUser}`)
    .replace('Match Group pcapdump', 'Match User root')
    .replace('ChrootDirectory /var/lib/pcapdump', `ChrootDirectory ${captures}`)
    .replace('ForceCommand /usr/local/bin/pcapdump --ssh-command', `ForceCommand ${process.execPath} ${pcapdumpJs} --socket ${socket} --ssh-command`);
  return text.split('\n');
}

describe.skipIf(!usable)('OpenSSH sshd in front of the service (the shipped Match blocks)', () => {
  let sshd: Sshd;
  let service: ChildProcess;
  let key: string;
  let knownHosts: string;

  beforeAll(async () => {
    mkdirSync(root, { mode: 0o755 });
    execFileSync('groupadd', [group]);
    execFileSync('useradd', ['-M', '-N', '-g', group, '-d', '/nonexistent', '-s', '/usr/sbin/nologin', filesUser]);
    // A locked account ("!") may not log in without PAM; "*" has no password and is not locked.
    execFileSync('usermod', ['-p', '*', filesUser]);
    mkdirSync(captures, { mode: 0o750 });
    chownSync(captures, 0, Number(execFileSync('getent', ['group', group], { encoding: 'utf8' }).split(':')[2]));
    // New files take the directory's group, which the files account is in.
    chmodSync(captures, 0o2750);
    service = spawn(process.execPath, [pcapdumpJs, '--replay', `demo=${join(projectRoot, 'samples/demo.pcap')}`, '--replay-speed', '0', '--dir', captures, 'service', '--socket', socket], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    service.stderr?.setEncoding('utf8').on('data', (d: string) => (log += d));
    const end = Date.now() + 15_000;
    while (!log.includes('listening on')) {
      if (Date.now() > end || service.exitCode !== null) throw new Error(`service did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    key = keygen(join(root, 'client_key'));
    const ak = join(root, 'authorized_keys');
    writeFileSync(ak, readFileSync(key + '.pub'));
    chmodSync(ak, 0o644);
    sshd = await startSshd(root, ak, snippet());
    knownHosts = join(root, 'known_hosts');
    writeFileSync(knownHosts, sshd.knownHostsLine + '\n');
  });

  afterAll(() => {
    sshd?.stop();
    service?.kill('SIGKILL');
    spawnSync('userdel', [filesUser]);
    spawnSync('groupdel', [group]);
    rmSync(root, { recursive: true, force: true });
  });

  const opts = () => ['-p', String(sshd.port), '-i', key, '-o', 'IdentitiesOnly=yes', '-o', 'IdentityAgent=none', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR'];
  const ssh = (...args: string[]) => runAsync('ssh', [...opts(), ...args]);

  test('exec: one command passed through, its output and exit status (0, 1, 2); never a shell', async () => {
    const start = await ssh('root@127.0.0.1', 'pcapdump -c 6 udp start demo');
    expect(start.code).toBe(0);
    // At replay speed 0 the count may be reached before the command returns: then it says so.
    expect(start.stdout).toMatch(/^demo: capturing with filter "udp"\n(demo: count reached, 6 of 6 packets stored, not yet written\n)?$/);
    const end = Date.now() + 10_000;
    let status = '';
    while (!/count reached/.test(status) && Date.now() < end) status = (await ssh('root@127.0.0.1', 'pcapdump status')).stdout;
    expect(status).toMatch(/demo\s+count reached \*\s+6\s+6\s+0\s[^\n]*\n\s+-size 512 -c 6 udp\n/);
    expect(await ssh('root@127.0.0.1', 'pcapdump', 'start', 'nosuch0')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^pcapdump: no interface "nosuch0"/) });
    // No shell reads the command: "status;" is a word pcapdump does not know, and id never runs.
    expect(await ssh('root@127.0.0.1', 'pcapdump status; id')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^pcapdump: [^\n]*\n$/) });
    expect(await ssh('root@127.0.0.1', 'pcapdump write demo dns.cap')).toMatchObject({ code: 0, stdout: expect.stringContaining(`demo: wrote 6 packets`) });
  });

  test('the console on a terminal: prompt, a command, exit', async () => {
    const child = spawn('ssh', ['-tt', ...opts(), 'root@127.0.0.1'], { env: { ...process.env, TERM: 'xterm' } });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
    child.stderr.on('data', (d: Buffer) => (screen += d.toString()));
    const until = async (what: RegExp) => {
      const end = Date.now() + 15_000;
      while (!what.test(screen)) {
        if (Date.now() > end) throw new Error(`never saw ${what}: ${screen.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await until(/pcapdump>/);
    child.stdin.write('status\r');
    await until(/demo\s+count reached|demo\s+stopped/);
    child.stdin.write('exit\r');
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(0);
  });

  test('fwctl downloads over the chrooted internal-sftp account; --exec goes to the console account', async () => {
    const book = addressBook(root, { host: '127.0.0.1', port: sshd.port, username: 'root', filesUsername: filesUser, identityFile: key, hostKey: sshd.hostKeyFingerprint });
    const dest = join(root, 'local.cap');
    const r = await runAsync(process.execPath, [fwctlJs, '--config', book, '--filedownload', 'dns.cap', dest, 'mydatasource:mygateway']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(dest).equals(readFileSync(join(captures, 'dns.cap')))).toBe(true);
    const list = await runAsync(process.execPath, [fwctlJs, '--config', book, '--list', 'mydatasource:mygateway']);
    expect(list.stdout).toMatch(/dns\.cap/);
    const exec = await runAsync(process.execPath, [fwctlJs, '--config', book, '--exec', 'pcapdump status', 'mydatasource:mygateway']);
    expect([exec.code, exec.stdout]).toEqual([0, expect.stringMatching(/^IFACE\s+STATE/)]);
  });

  test('the files account: writes refused, nothing outside the capture directory, no shell', async () => {
    const batch = join(root, 'batch');
    writeFileSync(join(root, 'upload.cap'), 'x');
    writeFileSync(batch, `put ${join(root, 'upload.cap')} upload.cap\n`);
    const put = await runAsync('sftp', ['-b', batch, '-P', String(sshd.port), ...opts().slice(2), `${filesUser}@127.0.0.1`]);
    expect(put.code).not.toBe(0);
    expect(put.stderr).toMatch(/Permission denied|read-only/i);
    writeFileSync(batch, 'ls -a /\n');
    const look = await runAsync('sftp', ['-b', batch, '-P', String(sshd.port), ...opts().slice(2), `${filesUser}@127.0.0.1`]);
    expect(look.stdout).toContain('/dns.cap');
    expect(look.stdout).not.toMatch(/\/etc\b|\/usr\b/);
    writeFileSync(batch, `get /etc/passwd ${join(root, 'passwd')}\n`);
    const escape = await runAsync('sftp', ['-b', batch, '-P', String(sshd.port), ...opts().slice(2), `${filesUser}@127.0.0.1`]);
    expect(escape.code).not.toBe(0);
    expect(escape.stderr).toMatch(/not found/i);
    const shell = await ssh(`${filesUser}@127.0.0.1`, 'id');
    expect(shell.code).not.toBe(0);
    expect(shell.stdout).not.toMatch(/uid=/);
    // And the console account gets no SFTP: its ForceCommand says where the files are.
    writeFileSync(batch, 'ls\n');
    const sftpRoot = await runAsync('sftp', ['-b', batch, '-P', String(sshd.port), ...opts().slice(2), 'root@127.0.0.1']);
    expect(sftpRoot.code).not.toBe(0);
  });
});
