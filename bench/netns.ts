import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

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
  for (const t of ['tcpreplay', 'tcpdump', 'ip']) if (!have(t)) return `${t} is missing (scripts/setup.sh installs it)`;
  return null;
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

export interface Tcpdump {
  pid: number;
  /** Stops it (SIGINT) and returns its own counts from the exit summary. */
  stop(): Promise<{ captured: number; dropped: number }>;
}

/** tcpdump -w FILE with a kernel buffer of bufferKB, resolved once it says it is listening. */
export function startTcpdump(dev: string, file: string, bufferKB: number, bpf: string, extra: string[] = []): Promise<Tcpdump> {
  const args = ['-i', dev, '-n', '-w', file, '-B', String(bufferKB), ...extra];
  if (bpf) args.push(bpf);
  const child = track(spawn('tcpdump', args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TZ: 'UTC' } }));
  let err = '';
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
            child.kill('SIGINT');
            const text = await closed;
            const num = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
            return { captured: num(/(\d+) packets? captured/), dropped: num(/(\d+) packets? dropped by kernel/) };
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
