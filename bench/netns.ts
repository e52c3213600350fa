import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The bench's own veth pair: `host` here, `peer` in a network namespace the bench makes
 * and removes, also when a section throws or the user presses Ctrl-C. Nothing else on
 * this machine sees the traffic.
 */
export interface BenchVeth {
  ns: string;
  host: string;
  peer: string;
  hostIp: string;
  peerIp: string;
  hostMac: string;
  peerMac: string;
  /** Whether GRO/GSO/TSO are off on both ends (libpcap then sizes ring frames by the MTU). */
  offloadsOff: boolean;
  remove(): void;
}

const cleanups = new Set<() => void>();
const children = new Set<ChildProcess>();
let hooked = false;

function runCleanups(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const f of [...cleanups]) f();
  cleanups.clear();
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', runCleanups);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      runCleanups();
      process.exit(130);
    });
  }
}

/** Children the bench starts (tcpdump, tcpreplay, pcapdump) are killed on Ctrl-C too. */
export function track(child: ChildProcess): ChildProcess {
  hook();
  children.add(child);
  child.on('close', () => children.delete(child));
  return child;
}

export function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${(r.stderr || r.error?.message || '').trim()}`);
  return r.stdout;
}

export function have(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

export const isRoot = process.getuid?.() === 0;

/** Why the live sections cannot run here, or null when they can. */
export function liveUnavailable(): string | null {
  if (!isRoot) return 'not root (veth and namespaces need root)';
  for (const t of ['tcpreplay', 'trafgen', 'tcpdump', 'ip']) if (!have(t)) return `${t} is missing (scripts/setup.sh installs it)`;
  return null;
}

/** User + system CPU seconds a process has used so far (/proc/PID/stat); NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return NaN;
  }
}

/** A fresh veth pair, one end in a new namespace; `tag` names whose it is (bench, test). */
export function makeVeth(tag = 'bench'): BenchVeth {
  hook();
  const id = randomBytes(3).toString('hex');
  const ns = `pd-${tag}-${id}`;
  const host = `p${tag[0]}h${id}`;
  const peer = `p${tag[0]}n${id}`;
  const net = `10.${100 + (parseInt(id.slice(0, 2), 16) % 100)}.${parseInt(id.slice(2, 4), 16)}`;
  const remove = (): void => {
    cleanups.delete(remove);
    spawnSync('ip', ['netns', 'del', ns]);
    spawnSync('ip', ['link', 'del', host]);
  };
  cleanups.add(remove);
  try {
    sh('ip', ['netns', 'add', ns]);
    sh('ip', ['link', 'add', host, 'type', 'veth', 'peer', 'name', peer]);
    sh('ip', ['link', 'set', peer, 'netns', ns]);
    // Only what the bench sends crosses the pair: no IPv6 router solicitations or MLD.
    sh('sysctl', ['-qw', `net.ipv6.conf.${host}.disable_ipv6=1`]);
    sh('ip', ['netns', 'exec', ns, 'sysctl', '-qw', `net.ipv6.conf.${peer}.disable_ipv6=1`]);
    sh('ip', ['addr', 'add', `${net}.1/24`, 'dev', host]);
    sh('ip', ['link', 'set', host, 'up']);
    sh('ip', ['netns', 'exec', ns, 'ip', 'addr', 'add', `${net}.2/24`, 'dev', peer]);
    sh('ip', ['netns', 'exec', ns, 'ip', 'link', 'set', peer, 'up']);
    // With offloads on, libpcap sizes each ring frame for a 64 KB aggregate: ~511 frames per 32 MiB.
    let offloadsOff = false;
    if (have('ethtool')) {
      const off = ['gro', 'off', 'gso', 'off', 'tso', 'off'];
      offloadsOff =
        spawnSync('ethtool', ['-K', host, ...off]).status === 0 && spawnSync('ip', ['netns', 'exec', ns, 'ethtool', '-K', peer, ...off]).status === 0;
    }
    const mac = (args: string[]) => /link\/ether ([0-9a-f:]{17})/.exec(sh('ip', args))?.[1] ?? '';
    return {
      ns,
      host,
      peer,
      hostIp: `${net}.1`,
      peerIp: `${net}.2`,
      hostMac: mac(['link', 'show', host]),
      peerMac: mac(['-n', ns, 'link', 'show', peer]),
      offloadsOff,
      remove,
    };
  } catch (e) {
    remove();
    throw e;
  }
}

export interface Replayed {
  sent: number;
  failed: number;
  /** tcpreplay's own measured rate. */
  pps: number;
  seconds: number;
}

/** tcpreplay from inside the namespace: `rate` packets per second, or 0 for its top speed. */
export function replay(veth: BenchVeth, file: string, rate: number, limit: number): Promise<Replayed> {
  const pace = rate > 0 ? ['--pps', String(rate)] : ['--topspeed'];
  const args = ['netns', 'exec', veth.ns, 'tcpreplay', '-q', '-i', veth.peer, ...pace, '--loop', '0', '--limit', String(limit), file];
  const child = track(spawn('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (out += d));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN);
      const sent = num(/Successful packets:\s+(\d+)/);
      if (code !== 0 || Number.isNaN(sent)) {
        reject(new Error(`tcpreplay exited ${code}: ${out.trim().split('\n').slice(-3).join(' ')}`));
        return;
      }
      resolve({ sent, failed: num(/Failed packets:\s+(\d+)/), pps: num(/Rated: [\d.]+ Bps, [\d.]+ Mbps, ([\d.]+) pps/), seconds: num(/packets \(\d+ bytes\) sent in ([\d.]+) seconds/) });
    });
  });
}

/**
 * trafgen's packets: the bench's 64-byte UDP frames (udp-frames.ts's addresses and ports),
 * numbered by an IP id that rises per packet, so that with one sending CPU each frame is
 * known by (IP id, how often that id came before). (trafgen 0.6.8 never ends when its
 * configuration gives each CPU its own packet, so two CPUs send the same numbers.)
 */
const TRAFGEN_CFG = `{
  eth(da=02:00:00:00:00:99, sa=02:00:00:00:00:02),
  ipv4(saddr=10.200.0.2, daddr=10.200.0.1, ttl=64, id=dinc()),
  udp(sp=40000, dp=5555),
  fill(0, 18)
}
`;
let trafgenCfg: string | undefined;

export function trafgen(veth: BenchVeth, rate: number, count: number): Promise<Replayed> {
  if (!trafgenCfg) {
    trafgenCfg = join(mkdtempSync(join(tmpdir(), 'pcapdump-trafgen-')), 'udp64.cfg');
    writeFileSync(trafgenCfg, TRAFGEN_CFG);
  }
  const pace = rate > 0 ? ['-P', '1', '-b', `${rate}pps`] : ['-P', '2'];
  const args = ['netns', 'exec', veth.ns, 'trafgen', '-o', veth.peer, '-c', trafgenCfg, '-n', String(count), '--no-sock-mem', '-Q', ...pace];
  const t0 = process.hrtime.bigint();
  const child = track(spawn('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (out += d));
  const watchdog = setTimeout(() => child.kill('SIGKILL'), 10_000 + (count / Math.max(rate, 100_000)) * 3000);
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      clearTimeout(watchdog);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const sent = Number(/(\d+) packets outgoing/.exec(out)?.[1] ?? NaN);
      if (code !== 0 || Number.isNaN(sent)) {
        reject(new Error(`trafgen exited ${code}: ${out.trim().split('\n').slice(-3).join(' ')}`));
        return;
      }
      resolve({ sent, failed: 0, pps: sent / seconds, seconds });
    });
  });
}

export interface Tcpdump {
  pid: number;
  /** Stops it (SIGINT) and returns its own counts from the exit summary, and the CPU seconds it used. */
  stop(): Promise<{ captured: number; dropped: number; cpu: number }>;
}

/** tcpdump -w FILE with a kernel buffer of bufferKB, resolved once it says it is listening. */
export function startTcpdump(dev: string, file: string, bufferKB: number, bpf: string, extra: string[] = []): Promise<Tcpdump> {
  const args = ['-i', dev, '-n', '-w', file, '-B', String(bufferKB), ...extra];
  if (bpf) args.push(bpf);
  const child = track(spawn('tcpdump', args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TZ: 'UTC' } }));
  let err = '';
  let cpu = NaN;
  const closed = new Promise<string>((resolve) => child.on('close', () => resolve(err)));
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`tcpdump did not start: ${err.trim()}`)), 10_000);
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      if (err.includes('listening on')) {
        clearTimeout(t);
        resolve({
          pid: child.pid ?? -1,
          stop: async () => {
            cpu = cpuSeconds(child.pid ?? -1);
            child.kill('SIGINT');
            const text = await closed;
            const num = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
            return { captured: num(/(\d+) packets? captured/), dropped: num(/(\d+) packets? dropped by kernel/), cpu };
          },
        });
      }
    });
    child.on('exit', () => {
      clearTimeout(t);
      reject(new Error(`tcpdump exited: ${err.trim()}`));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
