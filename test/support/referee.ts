import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pcapFileHeader } from '../../src/pcap/writer.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a referee tool (tcpdump, tshark, capinfos, ...) to completion; never throws on exit status. */
export function run(cmd: string, args: string[], opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): RunResult {
  const r = spawnSync(cmd, args, {
    input: opts.input,
    env: { ...process.env, TZ: 'UTC', ...opts.env },
    maxBuffer: 512 * 1024 * 1024,
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function haveTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs fn over items with at most `limit` in flight: referees are processes, the machine has two cores. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return out;
}

export interface BinaryRun {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Like runAsync, but keeps stdout as bytes (tcpdump -w - writes pcap). */
export function runBinary(cmd: string, args: string[]): Promise<BinaryRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, TZ: 'UTC' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** Like run, but lets several referees work at once (use with mapLimit). */
export async function runAsync(cmd: string, args: string[]): Promise<RunResult> {
  const r = await runBinary(cmd, args);
  return { ...r, stdout: r.stdout.toString('utf8') };
}

/** An empty classic pcap file of one link type: tcpdump -r FILE -d compiles for that link type. */
export function emptyCapture(dir: string, linkType: number): string {
  const path = join(dir, `empty-${linkType}.pcap`);
  writeFileSync(path, pcapFileHeader({ linkType, snapLen: 65535 }));
  return path;
}
