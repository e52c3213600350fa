import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import ssh2 from 'ssh2';

/** Whether ssh2 found its optional binding (C ciphers), which fwctl's speed depends on. */
const ssh2Crypto = createRequire(import.meta.url)('ssh2/lib/protocol/crypto.js') as { bindingAvailable: boolean };
import { median, raceEnv, wallTime } from './measure.js';
import { haveSshd, startSshd } from './sshd.js';

export interface DownloadRow {
  what: string;
  pcapdump: string;
  tcpdump: string;
  ratio: string;
  target: string;
}

function keygen(path: string): string {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path], { stdio: 'ignore' });
  return readFileSync(path + '.pub', 'utf8').trim();
}

function ensureFile(path: string, size: number): void {
  if (existsSync(path) && statSync(path).size === size) return;
  // `--only=download` may be the first section ever run here: nothing has made bench/data yet.
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '');
  for (let done = 0; done < size; done += 8 << 20) writeFileSync(path, randomBytes(Math.min(8 << 20, size - done)), { flag: 'a' });
}

/** "cipher" or "cipher + MAC", as each side names them; a MAC built into the cipher (AEAD) is left out. */
function suite(cipher: string | undefined, mac: string | undefined): string {
  if (!cipher) return 'cipher unknown';
  return mac && mac !== '<implicit>' ? `${cipher} + ${mac}` : cipher;
}

/** What OpenSSH's sftp, run as the bench runs it (its defaults), negotiates with a server: its -v says. */
function sftpSuite(args: string[]): string {
  const r = spawnSync('sftp', ['-v', '-b', '-', ...args], { input: 'pwd\n', encoding: 'utf8' });
  const m = /kex: server->client cipher: (\S+) MAC: (\S+)/.exec(r.stderr);
  return suite(m?.[1], m?.[2]);
}

/** What ssh2's client negotiates with its defaults, which fwctl keeps (src/fwctl/connect.ts sets no algorithms). */
function ssh2Suite(port: number, key: string): Promise<string> {
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    let cipher: string | undefined;
    let mac: string | undefined;
    const done = () => {
      client.end();
      resolve(`${suite(cipher, mac)}, ${ssh2Crypto.bindingAvailable ? "ssh2's ciphers in C" : "ssh2's ciphers in JavaScript: its binding is not built"}`);
    };
    client.on('ready', done);
    client.on('error', done);
    client.connect({
      host: '127.0.0.1',
      port,
      username: 'root',
      privateKey: readFileSync(key),
      hostVerifier: () => true,
      debug: (line: string) => {
        cipher = /^Handshake: S->C cipher: (\S+)/.exec(line)?.[1] ?? cipher;
        mac = /^Handshake: S->C MAC: (\S+)/.exec(line)?.[1] ?? mac;
      },
    });
  });
}

async function startGateway(pcapdump: string, dir: string, captures: string, authorized: string): Promise<{ child: ChildProcess; port: number; fingerprint: string }> {
  const child = spawn(
    process.execPath,
    [pcapdump, '--dir', captures, 'gateway', '--listen', '127.0.0.1:0', '--host-key', join(dir, 'gw_host_key'), '--authorized-keys', authorized, '--user', 'root'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d));
  const end = Date.now() + 15_000;
  for (;;) {
    const m = /listening on 127\.0\.0\.1:(\d+), host key (SHA256:\S+),/.exec(log);
    if (m) return { child, port: Number(m[1]), fingerprint: m[2] };
    if (Date.now() > end || child.exitCode !== null) throw new Error(`gateway did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Fastest and slowest run: on a shared machine the median alone hides how far runs stray. */
function spread(times: number[]): string {
  return `${Math.min(...times).toFixed(2)}-${Math.max(...times).toFixed(2)} s`;
}

function row(what: string, ours: number[], theirs: number[], mib: number, labels: [string, string], target: number): DownloadRow {
  const o = median(ours);
  const t = median(theirs);
  return {
    what,
    pcapdump: `${o.toFixed(2)} s (${(mib / o).toFixed(0)} MiB/s; runs ${spread(ours)}) [${labels[0]}]`,
    tcpdump: `${t.toFixed(2)} s (${(mib / t).toFixed(0)} MiB/s; runs ${spread(theirs)}) [${labels[1]}]`,
    ratio: `${(t / o).toFixed(2)}x`,
    target: target > 0 ? (t / o >= target ? `met (>= ${target.toFixed(1)})` : `MISSED (>= ${target.toFixed(1)})`) : 'information',
  };
}

/**
 * A large capture file pulled to the workstation over SSH on loopback, same file, runs
 * interleaved, medians compared:
 * - OpenSSH's sftp from our gateway against OpenSSH's sftp from sshd (the server's speed);
 * - fwctl from sshd against OpenSSH's sftp from sshd (the client's speed), and against
 *   `sftp -f`, which like fwctl flushes the file to disk (for information);
 * - fwctl from our gateway against OpenSSH's sftp from sshd (the whole path, for information).
 */
export async function downloadRace(root: string, dataDir: string, quick: boolean): Promise<DownloadRow[] | string> {
  if (!haveSshd) return 'download race skipped: /usr/sbin/sshd not installed (openssh-server)';
  const mib = quick ? 50 : 200;
  const runs = quick ? 3 : 5;
  const dir = mkdtempSync(join(tmpdir(), 'pcapdump-bench-dl-'));
  const captures = join(dir, 'captures');
  mkdirSync(captures);
  const name = `download-${mib}MiB.cap`;
  const source = join(dataDir, name);
  ensureFile(source, mib << 20);
  // Both servers serve the same bytes: the gateway from its capture dir, sshd by absolute path.
  execFileSync('cp', [source, join(captures, name)]);
  const key = join(dir, 'client_key');
  writeFileSync(join(dir, 'authorized_keys'), keygen(key) + '\n');
  const sshd = await startSshd(dir, join(dir, 'authorized_keys'));
  const gw = await startGateway(join(root, 'dist', 'bin', 'pcapdump.js'), dir, captures, join(dir, 'authorized_keys'));
  const knownHosts = join(dir, 'known_hosts');
  const gwPublic = execFileSync('ssh-keygen', ['-y', '-f', join(dir, 'gw_host_key')], { encoding: 'utf8' }).trim();
  writeFileSync(knownHosts, `${sshd.knownHostsLine}\n[127.0.0.1]:${gw.port} ${gwPublic}\n`);
  const book = join(dir, 'gateways.json');
  const entry = { host: '127.0.0.1', username: 'root', identityFile: key };
  writeFileSync(
    book,
    JSON.stringify({ datasources: { bench: { gateways: { gw: { ...entry, port: gw.port, hostKey: gw.fingerprint }, sshd: { ...entry, port: sshd.port, hostKey: sshd.hostKeyFingerprint } } } } }),
  );
  const out = join(dir, 'out.cap');
  const fwctl = join(root, 'dist', 'bin', 'fwctl.js');
  const sftpArgs = (port: number) => ['-P', String(port), '-i', key, '-o', 'IdentitiesOnly=yes', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'StrictHostKeyChecking=yes', 'root@127.0.0.1'];
  const sftp = (port: number, path: string, flags: string[] = []) => {
    const batch = join(dir, `batch-${port}`);
    writeFileSync(batch, `get ${path} ${out}\n`);
    return () => wallTime('sftp', ['-q', ...flags, '-b', batch, ...sftpArgs(port)], raceEnv()).seconds;
  };
  // Each side keeps its defaults, as a user runs it: the ciphers they end up with are said beside the figures.
  const suites = {
    sftpGw: sftpSuite(sftpArgs(gw.port)),
    sftpSshd: sftpSuite(sftpArgs(sshd.port)),
    fwctlSshd: await ssh2Suite(sshd.port, key),
    fwctlGw: await ssh2Suite(gw.port, key),
  };
  // Transfers run in the races' environment (raceEnv): without NODE_EXTRA_CA_CERTS, whose
  // certificates each Node start would parse (30-40 ms here) for TLS fwctl never speaks.
  const fwctlFrom = (gateway: string, path: string) => () => wallTime(process.execPath, [fwctl, '--config', book, '--filedownload', path, out, `bench:${gateway}`], raceEnv()).seconds;
  const transfers = {
    sftpGw: sftp(gw.port, name),
    sftpSshd: sftp(sshd.port, join(captures, name)),
    fwctlSshd: fwctlFrom('sshd', join(captures, name)),
    fwctlGw: fwctlFrom('gw', name),
    // fwctl fsyncs what it downloaded before giving it its name; sftp does that only with -f.
    sftpSshdSync: sftp(sshd.port, join(captures, name), ['-f']),
  };
  const times: Record<keyof typeof transfers, number[]> = { sftpGw: [], sftpSshd: [], fwctlSshd: [], fwctlGw: [], sftpSshdSync: [] };
  try {
    for (let i = 0; i < runs; i++) {
      // Who goes first alternates: the page cache and the CPU's clock favour neither.
      const keys = Object.keys(transfers) as (keyof typeof transfers)[];
      const order = i % 2 === 0 ? keys : keys.reverse();
      for (const k of order) {
        times[k].push(transfers[k]());
        if (statSync(out).size !== mib << 20) throw new Error(`${k} downloaded a different size`);
        rmSync(out);
      }
    }
  } finally {
    gw.child.kill('SIGTERM');
    sshd.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const n = `${mib} MiB over SSH on loopback, ${runs} runs, median`;
  return [
    row(`download ${n}: OpenSSH sftp from our gateway vs from sshd`, times.sftpGw, times.sftpSshd, mib, [`our gateway, ${suites.sftpGw}`, `sshd, ${suites.sftpSshd}`], 0.9),
    row(`download ${n}: fwctl vs OpenSSH sftp, both from sshd`, times.fwctlSshd, times.sftpSshd, mib, [`fwctl, ${suites.fwctlSshd}`, `OpenSSH sftp, ${suites.sftpSshd}`], 1.0),
    row(`download ${n}: fwctl vs OpenSSH sftp -f (the file flushed to disk, as fwctl does), both from sshd`, times.fwctlSshd, times.sftpSshdSync, mib, [`fwctl, ${suites.fwctlSshd}`, `OpenSSH sftp -f, ${suites.sftpSshd}`], 0),
    row(`download ${n}: fwctl from our gateway vs OpenSSH sftp from sshd`, times.fwctlGw, times.sftpSshd, mib, [`fwctl + gateway, ${suites.fwctlGw}`, `sftp + sshd, ${suites.sftpSshd}`], 0),
  ];
}
