import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './measure.js';
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
  writeFileSync(path, '');
  for (let done = 0; done < size; done += 8 << 20) writeFileSync(path, randomBytes(Math.min(8 << 20, size - done)), { flag: 'a' });
}

function timed(cmd: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 300)}`);
  return s;
}

async function startGateway(pcapdump: string, dir: string, captures: string, authorized: string): Promise<{ child: ChildProcess; port: number; fingerprint: string }> {
  const child = spawn(process.execPath, [pcapdump, '--dir', captures, 'gateway', '--listen', '127.0.0.1:0', '--host-key', join(dir, 'gw_host_key'), '--authorized-keys', authorized], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
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

/**
 * A large capture file pulled to the workstation: fwctl from our gateway against OpenSSH's
 * sftp from OpenSSH's sshd, same file, same loopback, runs interleaved, medians compared.
 */
export async function downloadRace(root: string, dataDir: string, quick: boolean): Promise<DownloadRow | string> {
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
  const gw = await startGateway(join(root, 'dist', 'cli', 'pcapdump.js'), dir, captures, join(dir, 'authorized_keys'));
  writeFileSync(join(dir, 'known_hosts'), sshd.knownHostsLine + '\n');
  const book = join(dir, 'gateways.json');
  writeFileSync(book, JSON.stringify({ datasources: { bench: { gateways: { gw: { host: '127.0.0.1', port: gw.port, username: 'tech', identityFile: key, hostKey: gw.fingerprint } } } } }));
  const batch = join(dir, 'batch');
  const theirsOut = join(dir, 'theirs.cap');
  writeFileSync(batch, `get ${join(captures, name)} ${theirsOut}\n`);
  const fwctl = join(root, 'dist', 'cli', 'fwctl.js');
  const ours: number[] = [];
  const theirs: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const oursOut = join(dir, `ours-${i}.cap`);
      ours.push(timed(process.execPath, [fwctl, '--config', book, '--filedownload', name, oursOut, 'bench:gw']));
      rmSync(oursOut);
      const sftpArgs = ['-q', '-b', batch, '-P', String(sshd.port), '-i', key, '-o', 'IdentitiesOnly=yes', '-o', `UserKnownHostsFile=${join(dir, 'known_hosts')}`, '-o', 'StrictHostKeyChecking=yes', 'root@127.0.0.1'];
      theirs.push(timed('sftp', sftpArgs));
      if (statSync(theirsOut).size !== mib << 20) throw new Error('OpenSSH sftp downloaded a different size');
      rmSync(theirsOut);
    }
  } finally {
    gw.child.kill('SIGTERM');
    sshd.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const o = median(ours);
  const t = median(theirs);
  return {
    what: `download ${mib} MiB over SSH on loopback: fwctl from our gateway vs OpenSSH sftp from sshd (${runs} runs, median)`,
    pcapdump: `${o.toFixed(2)} s (${(mib / o).toFixed(0)} MiB/s)`,
    tcpdump: `${t.toFixed(2)} s (${(mib / t).toFixed(0)} MiB/s) [OpenSSH sftp]`,
    ratio: `${(t / o).toFixed(2)}x OpenSSH's speed`,
    target: t / o >= 1 ? 'met (>= 1.0)' : 'MISSED (>= 1.0)',
  };
}
