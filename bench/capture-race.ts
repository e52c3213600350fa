import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveKind } from '../src/capture/live.js';
import { Engine, type ShowSection } from '../src/console/engine.js';
import { makeVeth, replay, sleep, startTcpdump, type BenchVeth } from './netns.js';
import { kpps, verdict, type Row } from './table.js';
import { RACE_PORT, RACE_SRC } from './udp-frames.js';

/** The kernel buffer both contenders get: liveKind's default, and tcpdump -B in KiB. */
export const KERNEL_BUFFER = 32 * 1024 * 1024;
export const SMALL_BUFFER = 2 * 1024 * 1024;
export const FILTER_WORDS = ['ipsrc', RACE_SRC, 'udp', 'destport', String(RACE_PORT)];
/** libpcap text of the same three keys, for tcpdump. */
const FILTER_BPF = `udp and ip src host ${RACE_SRC} and dst port ${RACE_PORT}`;

export interface Counts {
  captured: number;
  dropped: number;
}

export interface RaceRun {
  rate: number;
  sent: number;
  /** tcpreplay's own measure of the rate it reached. */
  pps: number;
  ours: Counts;
  tcpdump: Counts;
}

/** A veth and an Engine over live devices, for the live sections. */
export interface LiveBench {
  veth: BenchVeth;
  engine: Engine;
  /** The same over a small kernel buffer (SMALL_BUFFER), to see who drops first when it fills. */
  smallBufferEngine: Engine;
  captureDir: string;
  close(): void;
}

export function openLiveBench(): LiveBench {
  const veth = makeVeth();
  const captureDir = mkdtempSync(join(tmpdir(), 'pcapdump-bench-'));
  const engine = new Engine({ config: { captureDir, interfaces: {} }, kinds: [liveKind({ bufferBytes: KERNEL_BUFFER })] });
  const smallBufferEngine = new Engine({ config: { captureDir, interfaces: {} }, kinds: [liveKind({ bufferBytes: SMALL_BUFFER })] });
  return {
    veth,
    engine,
    smallBufferEngine,
    captureDir,
    close: () => {
      engine.stopAll();
      smallBufferEngine.stopAll();
      veth.remove();
      rmSync(captureDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the capture's count has not moved for quietMs (the pipe is drained). */
async function settle(engine: Engine, device: string, quietMs = 300): Promise<void> {
  let last = -1;
  for (let i = 0; i < 50; i++) {
    const seen = engine.status().find((s) => s.device === device)?.seen ?? 0;
    if (seen === last) return;
    last = seen;
    await sleep(quietMs);
  }
}

/**
 * Both contenders listen on the veth's host end, tcpreplay sends `limit` frames from
 * the namespace, both drain, both stop. `inspect` sees our ring before it is wiped.
 */
export async function raceOnce(
  lb: LiveBench,
  file: string,
  rate: number,
  limit: number,
  filtered: boolean,
  tcpdumpFile = '/dev/null',
  inspect?: (s: ShowSection) => Promise<unknown>,
  bufferBytes = KERNEL_BUFFER,
): Promise<RaceRun> {
  const { veth } = lb;
  const engine = bufferBytes === KERNEL_BUFFER ? lb.engine : lb.smallBufferEngine;
  const dev = veth.host;
  const td = await startTcpdump(dev, tcpdumpFile, bufferBytes / 1024, filtered ? FILTER_BPF : '');
  let tdCounts: Counts | null = null;
  try {
    // -p: promiscuous, as tcpdump is by default (the frames are not addressed to this end).
    await engine.run(`-size 65536 -p ${filtered ? FILTER_WORDS.join(' ') : ''} start ${dev}`);
    // Both are open: give the kernel a moment to attach both sockets' filters.
    await sleep(200);
    const sent = await replay(veth, file, rate, limit);
    const sentAt = Date.now();
    await sleep(600); // drop counters are read four times a second
    await settle(engine, dev);
    // tcpdump (not in immediate mode) gets a block when it fills or after its 1 s timeout.
    await sleep(Math.max(0, 1200 - (Date.now() - sentAt)));
    const s = engine.status().find((x) => x.device === dev);
    tdCounts = await td.stop();
    await engine.run(`stop ${dev}`);
    if (inspect) {
      const r = await engine.run(`show ${dev}`);
      if (r.kind === 'show') for (const section of r.sections) await inspect(section);
    }
    await engine.run(`wipe ${dev}`);
    return { rate, sent: sent.sent, pps: sent.pps, ours: { captured: s?.seen ?? 0, dropped: s?.kernelDrops ?? NaN }, tcpdump: tdCounts };
  } finally {
    if (!tdCounts) await td.stop();
    engine.stopAll();
    await engine.run(`wipe ${dev}`).catch(() => undefined);
  }
}

const lossless = (run: RaceRun, c: Counts): boolean => c.captured >= run.sent && c.dropped === 0;

function counts(c: Counts): string {
  return `${c.captured} captured, ${Number.isNaN(c.dropped) ? '?' : c.dropped} dropped`;
}

export interface RaceSummary {
  /** The highest measured rate at which pcapdump (no filter, 64-byte frames) lost nothing. */
  zeroLossRate: number;
}

/**
 * Rising rates up to tcpreplay's top speed, for each file and with and without the filter.
 * One row per run, then one per (file, filter) with the highest zero-loss rate of each.
 */
export async function captureRace(lb: LiveBench, files: { label: string; path: string }[], rates: number[], seconds: number, rows: Row[]): Promise<RaceSummary> {
  let zeroLossRate = 0;
  for (const f of files) {
    for (const filtered of [false, true]) {
      const label = `${f.label}, ${filtered ? 'filter ' + FILTER_WORDS.join(' ') : 'no filter'}`;
      let best = { ours: 0, tcpdump: 0 };
      for (const rate of rates) {
        const limit = rate > 0 ? Math.max(10_000, Math.round(rate * seconds)) : Math.round(400_000 * seconds);
        const run = await raceOnce(lb, f.path, rate, limit, filtered);
        const top = rate === 0 ? ' (top speed)' : '';
        const a = lossless(run, run.ours);
        const b = lossless(run, run.tcpdump);
        if (a) best.ours = Math.max(best.ours, run.pps);
        if (b) best.tcpdump = Math.max(best.tcpdump, run.pps);
        rows.push({
          what: `capture ${label}: ${kpps(run.pps)}${top}, ${run.sent} sent`,
          pcapdump: counts(run.ours),
          tcpdump: counts(run.tcpdump),
          ratio: `${(run.ours.captured / Math.max(1, run.tcpdump.captured)).toFixed(2)}x captured`,
          target: 'information',
        });
        console.error(`  race ${label} ${kpps(run.pps)}: sent ${run.sent}, pcapdump ${counts(run.ours)}, tcpdump ${counts(run.tcpdump)}`);
      }
      if (!filtered && f === files[0]) zeroLossRate = best.ours;
      rows.push({
        what: `capture ${label}: highest zero-loss rate`,
        pcapdump: best.ours ? kpps(best.ours) : 'none of the rates',
        tcpdump: best.tcpdump ? kpps(best.tcpdump) : 'none of the rates',
        ratio: best.tcpdump ? `${(best.ours / best.tcpdump).toFixed(2)}x` : '-',
        target: verdict(best.ours >= best.tcpdump, ">= tcpdump's"),
      });
    }
  }
  // Past the sender's top speed nothing drops with 32 MiB; a small buffer shows who copes with a burst.
  const run = await raceOnce(lb, files[0].path, 0, Math.round(400_000 * seconds), false, '/dev/null', undefined, SMALL_BUFFER);
  rows.push({
    what: `capture ${files[0].label}, no filter, kernel buffer ${SMALL_BUFFER >> 20} MiB for both: ${kpps(run.pps)} (top speed), ${run.sent} sent`,
    pcapdump: counts(run.ours),
    tcpdump: counts(run.tcpdump),
    ratio: `${(run.ours.captured / Math.max(1, run.tcpdump.captured)).toFixed(2)}x captured`,
    target: 'information',
  });
  console.error(`  race small buffer ${kpps(run.pps)}: sent ${run.sent}, pcapdump ${counts(run.ours)}, tcpdump ${counts(run.tcpdump)}`);
  return { zeroLossRate };
}
