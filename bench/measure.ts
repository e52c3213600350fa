import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';

export interface Timed {
  /** Median wall time in seconds over the runs. */
  seconds: number;
  /** Peak resident set size in MiB (GNU time's %M), the largest over the runs. */
  peakMiB: number;
  stdout: string;
}

/**
 * Runs a command under GNU time `runs` times and keeps the median wall time.
 * The caller interleaves the two contenders so that both see the same page cache.
 */
export function timeCommand(cmd: string, args: string[]): { seconds: number; peakMiB: number; stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TZ: 'UTC' },
  });
  if (r.error) throw r.error;
  const lines = r.stderr.trim().split('\n');
  const last = lines[lines.length - 1] ?? '';
  const m = /^([\d.]+) (\d+)$/.exec(last);
  if (!m) throw new Error(`${cmd} ${args.join(' ')}: could not read GNU time's figures from: ${r.stderr.trim().slice(-300)}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${lines.slice(0, -1).join(' ').slice(0, 300)}`);
  return { seconds: Number(m[1]), peakMiB: Number(m[2]) / 1024, stdout: r.stdout };
}

/**
 * The environment the contenders of a race run in: UTC, and without NODE_EXTRA_CA_CERTS,
 * which makes every Node process parse that file's certificates before running a line
 * (about 30 ms here, where it is set machine-wide); pcapdump makes no TLS connection.
 * startupCost() measures the start with it as well.
 */
export function raceEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC' };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** High-resolution wall time of a command, for runs shorter than GNU time's 10 ms resolution matters. */
export function wallTime(cmd: string, args: string[], env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC' }): { seconds: number; stdout: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 300)}`);
  return { seconds, stdout: r.stdout };
}

/**
 * Wall and CPU time (user + system, all threads) of a command whose output goes to
 * /dev/null, as bash's `time` reports them to the millisecond. On a shared machine the CPU
 * time is the steadier figure: it does not count the time the command waited for a core.
 */
export function timesToNull(cmd: string, args: string[], env: NodeJS.ProcessEnv): { wall: number; cpu: number } {
  const script = 'TIMEFORMAT="%3R %3U %3S"; time "$@" > /dev/null 2> /dev/null';
  const r = spawnSync('bash', ['-c', script, 'bash', cmd, ...args], { encoding: 'utf8', env });
  if (r.error) throw r.error;
  const m = /([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 300)}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]) };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  let tcpdump = 'tcpdump ?';
  const v = spawnSync('tcpdump', ['--version'], { encoding: 'utf8' });
  if (v.status === 0) tcpdump = v.stdout.split('\n').slice(0, 2).join(', ');
  let os = '';
  try {
    os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';
  } catch {
    os = 'unknown OS';
  }
  return `${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${os}, Node ${process.version}, ${tcpdump}`;
}
