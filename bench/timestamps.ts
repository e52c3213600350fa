import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openCaptureFile } from '../src/capture/file.js';
import type { PacketView } from '../src/pcap/types.js';
import { eachPacket } from '../src/console/engine.js';
import { DEFAULT_BUFFER, raceOnce, type LiveBench } from './capture-race.js';
import { kpps, quantile, verdict, type Row } from './table.js';

/** ns since the epoch fit a double exactly enough (2^53 ns is 104 days: keep seconds apart). */
function tsNs(p: PacketView, base: number): number {
  return (p.tsSec - base) * 1e9 + p.tsNsec;
}

/** What the race's 64 MiB ring holds of 64-byte frames with room to spare. */
const MAX_FRAMES = 500_000;

/** trafgen's frames by IP id (it sends from one CPU at a set rate); -1 for anything else. */
function keyOf(p: PacketView): number {
  if (p.capLen < 14 + 20 + 4 || p.buf.readUInt16BE(p.offset + 12) !== 0x0800 || p.buf.readUInt16BE(p.offset + 36) !== 5555) return -1;
  return p.buf.readUInt16BE(p.offset + 18);
}

/** Numbers each frame as (key, how often that key came before): the same frame gets the same number in both captures. */
class Numberer {
  private readonly seen = new Map<number, number>();
  next(key: number): string {
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    return `${key}:${n}`;
  }
}

/**
 * The same trafgen frames captured by both at once, with the default 2 MiB kernel buffer, sent
 * from one CPU at \`rate\` (so the IP ids run in one sequence; one CPU reaches ~400 kpps here).
 * Both timestamps come from the kernel now (ours through pcap_pkthdr.ts in nanoseconds,
 * tcpdump's in microseconds): the difference is what our path adds, truncation aside.
 */
export async function timestampSkew(lb: LiveBench, rate: number, seconds: number, rows: Row[]): Promise<void> {
  // Frames are paired by (IP id, its nth occurrence): a capture that lost its first frames
  // pairs every later one with a frame 65,536 ids away. Our ring (-size 65536, 64 MiB) keeps
  // about 800,000 of these frames (80 bytes each with the record header) and drops the oldest
  // past that, so a run sends at most 500,000: at trafgen's top speed 2 s were 1.3M, and the
  // pairs came out 0.9-1.1 s apart.
  const limit = Math.min(MAX_FRAMES, Math.max(10_000, Math.round(rate * seconds)));
  const ours = new Map<string, number>();
  const numbers = new Numberer();
  const tdFile = join(lb.captureDir, 'tcpdump-ts.pcap');
  let base = -1;
  const run = await raceOnce(lb, { kind: 'trafgen', label: '64 B' }, rate, limit, false, DEFAULT_BUFFER, tdFile, (section) =>
    eachPacket(section, (p) => {
      const key = keyOf(p);
      if (key < 0) return;
      if (base < 0) base = p.tsSec;
      ours.set(numbers.next(key), tsNs(p, base));
    }),
  );
  const diffs: number[] = [];
  const theirs = new Numberer();
  const reader = openCaptureFile(tdFile);
  try {
    for (let p = reader.next(); p; p = reader.next()) {
      const key = keyOf(p);
      if (key < 0) continue;
      const t = ours.get(theirs.next(key));
      // tcpdump writes µs: compare with ours cut to µs the same way (what either would print).
      if (t !== undefined) diffs.push((Math.floor(t / 1000) - Math.floor(tsNs(p, base) / 1000)));
    }
  } finally {
    reader.close();
    rmSync(tdFile, { force: true });
  }
  const sorted = Float64Array.from(diffs.map(Math.abs)).sort();
  const med = quantile(sorted, 0.5);
  const p99 = quantile(sorted, 0.99);
  const max = sorted.length ? sorted[sorted.length - 1] : NaN;
  const us = (x: number) => `${x.toFixed(0)} µs`;
  rows.push({
    what: `timestamp |pcapdump - tcpdump|, 64 B at ${kpps(run.pps)} (${sorted.length} of ${run.sent} frames matched): median / p99 / max`,
    pcapdump: `${us(med)} / ${us(p99)} / ${us(max)}`,
    tcpdump: 'kernel time (reference)',
    ratio: '-',
    target: verdict(sorted.length > 0 && med <= 5 && p99 <= 50, 'median <= 5 µs, p99 <= 50 µs'),
  });
  console.error(`  timestamps at ${kpps(run.pps)}: ${sorted.length} matched, median ${med} µs, p99 ${p99} µs, max ${max} µs`);
}
