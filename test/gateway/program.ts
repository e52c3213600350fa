import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pcapdumpJs } from '../support/cli.js';
import { freePort, keygen, publicLine, tempDir } from './harness.js';

/** The real `pcapdump gateway` in its own process, so that its memory can be measured (VmRSS). */
export interface GatewayProgram {
  port: number;
  pid: number;
  dir: string;
  captures: string;
  key: string;
  log(): string;
  /** Resident memory of the gateway process now, in MiB. */
  rssMiB(): number;
  /** OpenSSH client options that trust this gateway and use its key. */
  ssh(): string[];
  stop(): Promise<void>;
}

export async function startProgram(opts: { replays?: Record<string, string>; replaySpeed?: number; flags?: string[]; nodeArgs?: string[] } = {}): Promise<GatewayProgram> {
  const dir = tempDir('gwprog');
  const captures = join(dir, 'captures');
  const hostKey = join(dir, 'host_key');
  const ak = join(dir, 'authorized_keys');
  const kh = join(dir, 'known_hosts');
  const key = keygen(join(dir, 'client_key'));
  writeFileSync(ak, publicLine(key) + '\n');
  const port = await freePort();
  const replay = Object.entries(opts.replays ?? {}).flatMap(([name, file]) => ['--replay', `${name}=${file}`]);
  if (replay.length > 0) replay.push('--replay-speed', String(opts.replaySpeed ?? 0));
  const child: ChildProcess = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), pcapdumpJs, '--dir', captures, ...replay, 'gateway', '--listen', `127.0.0.1:${port}`, '--host-key', hostKey, '--authorized-keys', ak, '--user', 'root', ...(opts.flags ?? [])],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d));
  const end = Date.now() + 20_000;
  while (!/listening on/.test(log)) {
    if (Date.now() > end || child.exitCode !== null) throw new Error(`gateway did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  writeFileSync(kh, `[127.0.0.1]:${port} ${publicLine(hostKey)}\n`);
  return {
    port,
    pid: child.pid!,
    dir,
    captures,
    key,
    log: () => log,
    rssMiB: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024,
    ssh: () => ['-p', String(port), '-i', key, '-o', 'IdentitiesOnly=yes', '-o', 'IdentityAgent=none', '-o', `UserKnownHostsFile=${kh}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR'],
    stop: async () => {
      if (child.exitCode !== null) return;
      const gone = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(t);
    },
  };
}

/** Samples a number every `ms` until stopped; returns the largest seen. */
export function sampler(read: () => number, ms = 50): { stop(): number; max(): number } {
  let max = read();
  const t = setInterval(() => (max = Math.max(max, read())), ms);
  return {
    stop: () => {
      clearInterval(t);
      return (max = Math.max(max, read()));
    },
    max: () => max,
  };
}
