import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openCaptureFile } from '../src/capture/file.js';
import type { PacketView } from '../src/pcap/types.js';
import { eachPacket } from '../src/console/engine.js';
import { raceOnce, type LiveBench } from './capture-race.js';
import { kpps, quantile, verdict, type Row } from './table.js';
import { SEQ_OFFSET } from './udp-frames.js';

function tsUs(p: PacketView): number {
  return p.tsSec * 1e6 + p.tsNsec / 1000;
}

function seqOf(p: PacketView): number {
  return p.capLen >= SEQ_OFFSET + 4 ? p.buf.readUInt32BE(p.offset + SEQ_OFFSET) : -1;
}

/**
 * The same frames captured by both at once; each frame is matched by the sequence number
 * in its payload (the file has more frames than one run sends, so numbers do not repeat).
 * tcpdump's timestamps are the kernel's (taken when the frame reached the packet tap, the
 * same with or without --immediate-mode); ours are taken in the capture worker when cap
 * hands the frame over. The difference is our delivery latency.
 */
export async function timestampSkew(lb: LiveBench, file: string, fileFrames: number, rate: number, seconds: number, rows: Row[]): Promise<void> {
  const limit = Math.min(fileFrames, Math.max(5_000, Math.round(rate * seconds)));
  const ours = new Float64Array(limit).fill(NaN);
  const tdFile = join(lb.captureDir, 'tcpdump-ts.pcap');
  const run = await raceOnce(lb, file, rate, limit, false, tdFile, (section) =>
    eachPacket(section, (p) => {
      const seq = seqOf(p);
      if (seq >= 0 && seq < limit) ours[seq] = tsUs(p);
    }),
  );
  const diffs: number[] = [];
  const reader = openCaptureFile(tdFile);
  try {
    for (let p = reader.next(); p; p = reader.next()) {
      const seq = seqOf(p);
      if (seq >= 0 && seq < limit && !Number.isNaN(ours[seq])) diffs.push(ours[seq] - tsUs(p));
    }
  } finally {
    reader.close();
    rmSync(tdFile, { force: true });
  }
  const sorted = Float64Array.from(diffs).sort();
  const med = quantile(sorted, 0.5);
  const p99 = quantile(sorted, 0.99);
  const max = sorted.length ? sorted[sorted.length - 1] : NaN;
  const us = (x: number) => `${x.toFixed(0)} µs`;
  rows.push({
    what: `timestamp, pcapdump minus tcpdump, 64 B at ${kpps(run.pps)} (${sorted.length} of ${run.sent} frames matched): median / p99 / max`,
    pcapdump: `${us(med)} / ${us(p99)} / ${us(max)}`,
    tcpdump: 'kernel time (reference)',
    ratio: '-',
    target: verdict(med < 50 && p99 < 1000, 'median < 50 µs, p99 < 1 ms'),
  });
  console.error(`  timestamps at ${kpps(run.pps)}: ${sorted.length} matched, median ${med.toFixed(1)} µs, p99 ${p99.toFixed(1)} µs, max ${max.toFixed(1)} µs, min ${sorted[0]?.toFixed(1)} µs`);
}
