import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TIMEOUT_MS } from '../src/capture/live.js';
import { captureRace, DEFAULT_BUFFER, LARGE_BUFFER, openLiveBench, type RaceGroup } from './capture-race.js';
import { ensureCapture } from './data.js';
import { deliveryLatency } from './delivery.js';
import { memory } from './memory.js';
import { liveUnavailable, makeVeth } from './netns.js';
import { showRace } from './show.js';
import type { Row } from './table.js';
import { timestampSkew } from './timestamps.js';
import { ensureUdpCapture, imix, small } from './udp-frames.js';
import { writeRace } from './write.js';

export interface SectionOptions {
  quick: boolean;
  dataDir: string;
  /** dist/bin/pcapdump.js: the memory section runs the real program. */
  program: string;
}

const RACE_FRAMES = 400_000;

async function timed<T>(name: string, f: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    return await f();
  } finally {
    console.error(`bench: ${name} took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

/** Capture race, timestamps, show, write, start latency and memory. Live sections need root, tcpreplay and trafgen. */
export async function liveAndConsoleSections(o: SectionOptions, rows: Row[]): Promise<void> {
  const { quick, dataDir } = o;
  const frames64 = ensureUdpCapture(dataDir, `udp64-${RACE_FRAMES}.pcap`, RACE_FRAMES, small);
  const framesImix = ensureUdpCapture(dataDir, 'udp-imix-120000.pcap', 120_000, imix);
  const showPackets = quick ? 200_000 : 1_000_000;
  const showFile = ensureCapture(dataDir, `mixed-${showPackets}.pcap`, showPackets, (i) => (i * 37) % 200);
  const bigPackets = quick ? 160_000 : 800_000;
  const bigFile = ensureCapture(dataDir, `large-${bigPackets}.pcap`, bigPackets, (i) => 1300 + ((i * 13) % 150));

  const why = liveUnavailable();
  if (why) {
    console.log(`bench: live sections (capture race, timestamps, live memory) skipped: ${why}`);
  } else {
    const lb = openLiveBench();
    try {
      if (!lb.veth.offloadsOff) console.log('bench: ethtool missing or refused: GRO/GSO/TSO stay on, libpcap ring frames are 64 KB each');
      const seconds = quick ? 1 : 2;
      const tcpreplayRates = quick ? [100_000, 0] : [10_000, 50_000, 100_000, 200_000, 0];
      const trafgenRates = quick ? [100_000, 400_000, 0] : [10_000, 50_000, 100_000, 200_000, 300_000, 400_000, 500_000, 0];
      const groups: RaceGroup[] = [];
      // trafgen first: the fastest sender, with our default (and libpcap's) 2 MiB and with 32 MiB.
      for (const bufferBytes of [DEFAULT_BUFFER, LARGE_BUFFER]) groups.push({ sender: { kind: 'trafgen', label: '64 B' }, filtered: false, bufferBytes, rates: trafgenRates });
      if (!quick) groups.push({ sender: { kind: 'trafgen', label: '64 B' }, filtered: true, bufferBytes: DEFAULT_BUFFER, rates: trafgenRates });
      groups.push({ sender: { kind: 'tcpreplay', file: frames64, label: '64 B' }, filtered: false, bufferBytes: DEFAULT_BUFFER, rates: tcpreplayRates });
      if (!quick) groups.push({ sender: { kind: 'tcpreplay', file: framesImix, label: 'IMIX 60/590/1514' }, filtered: false, bufferBytes: DEFAULT_BUFFER, rates: tcpreplayRates });
      const { zeroLossRate } = await timed('capture race', () => captureRace(lb, groups, seconds, rows));
      await timed('timestamps', async () => {
        await timestampSkew(lb, 10_000, seconds, rows);
        if (zeroLossRate > 0) await timestampSkew(lb, Math.floor(zeroLossRate), seconds, rows);
        else rows.push({ what: 'timestamps at the highest zero-loss rate', pcapdump: 'no zero-loss rate', tcpdump: '-', ratio: '-', target: 'MISSED' });
      });
      await timed('delivery', () => deliveryLatency(lb.veth, frames64, quick ? [DEFAULT_TIMEOUT_MS] : [1, 10, DEFAULT_TIMEOUT_MS, 100], [1_000, 100_000], 1, rows));
    } finally {
      lb.close();
    }
  }

  const dir = mkdtempSync(join(tmpdir(), 'pcapdump-bench-'));
  try {
    await timed('show', () => showRace(showFile, showPackets, quick ? 2 : 3, dir, rows, o.program));
    await timed('write', () => writeRace(bigFile, dir, quick ? 2 : 5, rows));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const veth = why ? null : makeVeth();
  try {
    await timed('start and memory', () => memory(o.program, bigFile, veth, rows));
  } finally {
    veth?.remove();
  }
}
