import { join, resolve } from 'node:path';
import { ensureCapture } from './data.js';
import { downloadRace } from './download.js';
import { machine } from './measure.js';
import { briefRace, filterRace, memoryOnLargeFile, startupCost, type OfflineBench } from './offline.js';
import { liveAndConsoleSections } from './live-sections.js';
import type { Row } from './table.js';

/**
 * `npm run bench [-- --quick] [--only=files|live|download]`: pcapdump and tcpdump on the same work in one run, figures and ratios.
 * Captures are generated once into bench/data/ (ignored by git) and reused.
 */
const root = resolve(import.meta.dirname, '../..');
const dataDir = join(root, 'bench', 'data');
const pcapdump = join(root, 'dist', 'bin', 'pcapdump.js');
const quick = process.argv.includes('--quick');

const rows: Row[] = [];

function printTable(): void {
  const cols: (keyof Row)[] = ['what', 'pcapdump', 'tcpdump', 'ratio', 'target'];
  console.log(`| ${cols.join(' | ')} |`);
  console.log(`| ${cols.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(`| ${cols.map((c) => r[c]).join(' | ')} |`);
}

/** `--only=download` (or files, live): one section, for re-running what a change touched. */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const section = (name: string) => only === undefined || only === name;

console.log(`machine: ${machine()}`);
if (section('files')) {
  // The filter races are on 1M packets in quick mode too: their target is defined on that file,
  // and a run takes a tenth of a second.
  const filterPackets = 1_000_000;
  const filterFile = ensureCapture(dataDir, `mixed-${filterPackets}.pcap`, filterPackets, (i) => (i * 37) % 200);
  const briefPackets = quick ? 200_000 : 1_000_000;
  const briefFile = ensureCapture(dataDir, `mixed-${briefPackets}.pcap`, briefPackets, (i) => (i * 37) % 200);
  // ~1 GiB: full-size frames; quick mode keeps the same shape at a fifth of the size.
  const bigPackets = quick ? 160_000 : 800_000;
  const big = ensureCapture(dataDir, `large-${bigPackets}.pcap`, bigPackets, (i) => 1300 + ((i * 13) % 150));
  const offline: OfflineBench = { program: pcapdump, rows };
  filterRace(offline, filterFile, filterPackets, ['ipsrc', '10.0.0.0/28', 'tcp', 'destport', '443'], quick ? 7 : 11);
  filterRace(offline, filterFile, filterPackets, ['ip', '2001:db8::5', 'port', '22'], quick ? 7 : 11);
  briefRace(offline, briefFile, briefPackets, 7);
  memoryOnLargeFile(offline, big, ['ipdest', '198.51.100.7', 'tcp']);
  startupCost(offline, join(root, 'samples', 'arp.pcap'), quick ? 7 : 11);
}
if (section('live')) await liveAndConsoleSections({ quick, dataDir, program: pcapdump }, rows);
if (section('download')) {
  const download = await downloadRace(root, dataDir, quick);
  if (typeof download === 'string') console.log(download);
  else rows.push(...download);
}
printTable();
