import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveKind } from '../src/capture/live.js';
import { Engine, type ShowSection } from '../src/console/engine.js';
import { makeVeth, replay, sleep, startTcpdump, trafgen, type BenchVeth, type Replayed } from './netns.js';
import { kpps, verdict, type Row } from './table.js';
import { RACE_PORT, RACE_SRC } from './udp-frames.js';

/** A large kernel buffer for both contenders (tcpdump -B in KiB), and libpcap's default, ours too. */
export const LARGE_BUFFER = 32 * 1024 * 1024;
export const DEFAULT_BUFFER = 2 * 1024 * 1024;
export const FILTER_WORDS = ['ipsrc', RACE_SRC, 'udp', 'destport', String(RACE_PORT)];
/** libpcap text of the same three keys, for tcpdump. */
const FILTER_BPF = `udp and ip src host ${RACE_SRC} and dst port ${RACE_PORT}`;

export interface Counts {
  captured: number;
  dropped: number;
  /** CPU seconds used over the run (ours: this process, whose only work then is the capture). */
  cpu: number;
}

/** Who sends: tcpreplay playing a file, or trafgen making 64-byte UDP frames (twice tcpreplay's top speed). */
export type Sender = { kind: 'tcpreplay'; file: string; label: string } | { kind: 'trafgen'; label: string };

export interface RaceRun {
  rate: number;
  sent: number;
  /** The sender's rate: tcpreplay's own measure, or trafgen's count over its wall time. */
  pps: number;
  ours: Counts;
  tcpdump: Counts;
}

/** A veth and an Engine over live devices per kernel buffer size, for the live sections. */
export interface LiveBench {
  veth: BenchVeth;
  engine(bufferBytes: number): Engine;
  captureDir: string;
  close(): void;
}

export function openLiveBench(): LiveBench {
  const veth = makeVeth();
  const captureDir = mkdtempSync(join(tmpdir(), 'pcapdump-bench-'));
  const engines = new Map<number, Engine>();
  return {
    veth,
    engine: (bufferBytes) => {
      let e = engines.get(bufferBytes);
      if (!e) engines.set(bufferBytes, (e = new Engine({ config: { captureDir, interfaces: {} }, kinds: [liveKind({ bufferBytes })] })));
      return e;
    },
    captureDir,
    close: () => {
      for (const e of engines.values()) e.stopAll();
      veth.remove();
      rmSync(captureDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the capture's count has not moved for quietMs (the queue is drained). */
async function settle(engine: Engine, device: string, quietMs = 300): Promise<void> {
  let last = -1;
  for (let i = 0; i < 50; i++) {
    const seen = engine.status().find((s) => s.device === device)?.seen ?? 0;
    if (seen === last) return;
    last = seen;
    await sleep(quietMs);
  }
}

function send(veth: BenchVeth, sender: Sender, rate: number, limit: number): Promise<Replayed> {
  return sender.kind === 'trafgen' ? trafgen(veth, rate, limit) : replay(veth, sender.file, rate, limit);
}

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * Both contenders listen on the veth's host end with the same kernel buffer, the sender sends
 * `limit` frames from the namespace, both drain, both stop. `inspect` sees our ring before it is wiped.
 */
export async function raceOnce(
  lb: LiveBench,
  sender: Sender,
  rate: number,
  limit: number,
  filtered: boolean,
  bufferBytes: number,
  tcpdumpFile = '/dev/null',
  inspect?: (s: ShowSection) => Promise<unknown>,
): Promise<RaceRun> {
  const { veth } = lb;
  const engine = lb.engine(bufferBytes);
  const dev = veth.host;
  const td = await startTcpdump(dev, tcpdumpFile, bufferBytes / 1024, filtered ? FILTER_BPF : '');
  let tdCounts: Counts | null = null;
  try {
    const cpu0 = cpuNow();
    // -p: promiscuous, as tcpdump is by default (the frames are not addressed to this end).
    await engine.run(`-size 65536 -p ${filtered ? FILTER_WORDS.join(' ') : ''} start ${dev}`);
    // Both are open: give the kernel a moment to attach both sockets' filters.
    await sleep(200);
    const sent = await send(veth, sender, rate, limit);
    const sentAt = Date.now();
    await settle(engine, dev);
    // tcpdump (not in immediate mode) gets a block when it fills or after its 1 s timeout.
    await sleep(Math.max(0, 1200 - (Date.now() - sentAt)));
    tdCounts = await td.stop();
    await engine.run(`stop ${dev}`);
    const cpu = cpuNow() - cpu0;
    const s = engine.status().find((x) => x.device === dev);
    if (inspect) {
      const r = await engine.run(`show ${dev}`);
      if (r.kind === 'show') for (const section of r.sections) await inspect(section);
    }
    await engine.run(`wipe ${dev}`);
    return { rate, sent: sent.sent, pps: sent.pps, ours: { captured: s?.seen ?? 0, dropped: s?.kernelDrops ?? NaN, cpu }, tcpdump: tdCounts };
  } finally {
    if (!tdCounts) await td.stop();
    engine.stopAll();
    await engine.run(`wipe ${dev}`).catch(() => undefined);
  }
}

const lossless = (run: RaceRun, c: Counts): boolean => c.captured >= run.sent && c.dropped === 0;
const lost = (run: RaceRun, c: Counts): number => Math.max(0, run.sent - c.captured);

function counts(c: Counts): string {
  return `${c.captured} captured, ${Number.isNaN(c.dropped) ? '?' : c.dropped} dropped`;
}

function cpuPerMillion(c: Counts): string {
  return c.captured > 0 ? `${((c.cpu * 1e6) / c.captured).toFixed(2)} CPU s/M` : '-';
}

export interface RaceSummary {
  /** The highest measured trafgen rate at which pcapdump (no filter, default buffer) lost nothing. */
  zeroLossRate: number;
}

export interface RaceGroup {
  sender: Sender;
  filtered: boolean;
  bufferBytes: number;
  rates: number[];
}

/**
 * Each group at rising rates up to its sender's top speed (rate 0): one row per run with both
 * contenders' counts and CPU seconds per million packets captured, then one with the highest
 * zero-loss rate of each and whether pcapdump lost no more than tcpdump at every rate.
 */
export async function captureRace(lb: LiveBench, groups: RaceGroup[], seconds: number, rows: Row[]): Promise<RaceSummary> {
  let zeroLossRate = 0;
  for (const g of groups) {
    const label = `${g.sender.label} via ${g.sender.kind}, ${g.filtered ? 'filter ' + FILTER_WORDS.join(' ') : 'no filter'}, kernel buffer ${g.bufferBytes >> 20} MiB`;
    const best = { ours: 0, tcpdump: 0 };
    let worse = 0;
    for (const rate of g.rates) {
      const top = g.sender.kind === 'trafgen' ? 650_000 : 300_000;
      const limit = Math.round((rate > 0 ? rate : top) * seconds);
      const run = await raceOnce(lb, g.sender, rate, Math.max(10_000, limit), g.filtered, g.bufferBytes);
      const a = lossless(run, run.ours);
      const b = lossless(run, run.tcpdump);
      if (a) best.ours = Math.max(best.ours, run.pps);
      if (b) best.tcpdump = Math.max(best.tcpdump, run.pps);
      if (lost(run, run.ours) > lost(run, run.tcpdump)) worse++;
      rows.push({
        what: `capture ${label}: ${kpps(run.pps)}${rate === 0 ? ' (top speed)' : ''}, ${run.sent} sent`,
        pcapdump: `${counts(run.ours)}; ${cpuPerMillion(run.ours)}`,
        tcpdump: `${counts(run.tcpdump)}; ${cpuPerMillion(run.tcpdump)}`,
        ratio: `${(run.ours.captured / Math.max(1, run.tcpdump.captured)).toFixed(3)}x captured`,
        target: verdict(lost(run, run.ours) <= lost(run, run.tcpdump), "loss <= tcpdump's"),
      });
      console.error(`  race ${label} ${kpps(run.pps)}: sent ${run.sent}, pcapdump ${counts(run.ours)} ${cpuPerMillion(run.ours)}, tcpdump ${counts(run.tcpdump)} ${cpuPerMillion(run.tcpdump)}`);
    }
    if (!g.filtered && g.sender.kind === 'trafgen' && g.bufferBytes === DEFAULT_BUFFER) zeroLossRate = best.ours;
    rows.push({
      what: `capture ${label}: highest zero-loss rate; runs where pcapdump lost more than tcpdump`,
      pcapdump: `${best.ours ? kpps(best.ours) : 'none of the rates'}; ${worse} of ${g.rates.length}`,
      tcpdump: best.tcpdump ? kpps(best.tcpdump) : 'none of the rates',
      ratio: best.tcpdump ? `${(best.ours / best.tcpdump).toFixed(2)}x` : '-',
      target: verdict(worse === 0, "loss <= tcpdump's at every rate"),
    });
  }
  return { zeroLossRate };
}
