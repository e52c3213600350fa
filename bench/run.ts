import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ensureCapture, sizeMiB } from './data.js';
import { downloadRace } from './download.js';
import { machine, median, timeCommand, wallTime } from './measure.js';
import { liveAndConsoleSections } from './live-sections.js';

/**
 * `npm run bench [-- --quick]`: pcapdump and tcpdump on the same work in one run, figures and ratios.
 * Captures are generated once into bench/data/ (ignored by git) and reused.
 */
const root = resolve(import.meta.dirname, '../..');
const dataDir = join(root, 'bench', 'data');
const pcapdump = join(root, 'dist', 'cli', 'pcapdump.js');
const quick = process.argv.includes('--quick');

interface Row {
  what: string;
  pcapdump: string;
  tcpdump: string;
  ratio: string;
  target: string;
}
const rows: Row[] = [];

function bpfText(words: string[]): string {
  const r = spawnSync(process.execPath, [pcapdump, 'bpf', ...words], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pcapdump bpf ${words.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function tcpdumpCount(file: string, text: string): number {
  const r = spawnSync('sh', ['-c', `tcpdump -nn -q -r "$1" "$2" 2>/dev/null | wc -l`, 'sh', file, text], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

/** Filtering a large file: pcapdump read --count against tcpdump -r -w /dev/null, interleaved runs, medians. */
function filterRace(file: string, packets: number, words: string[], runs: number): void {
  const text = bpfText(words);
  const ours: number[] = [];
  const theirs: number[] = [];
  let matched = '';
  for (let i = 0; i < runs; i++) {
    const a = wallTime(process.execPath, [pcapdump, 'read', file, ...words, '--count']);
    matched = a.stdout.trim();
    ours.push(a.seconds);
    theirs.push(wallTime('tcpdump', ['-r', file, '-w', '/dev/null', text]).seconds);
  }
  const referee = tcpdumpCount(file, text);
  if (String(referee) !== matched) throw new Error(`filter "${words.join(' ')}": pcapdump counted ${matched}, tcpdump ${referee}`);
  const o = median(ours);
  const t = median(theirs);
  rows.push({
    what: `read --count ${words.join(' ')} (${(packets / 1e6).toFixed(1)}M packets, ${sizeMiB(file).toFixed(0)} MiB, ${matched} match)`,
    pcapdump: `${o.toFixed(3)} s`,
    tcpdump: `${t.toFixed(3)} s  [${text}]`,
    ratio: `${(t / o).toFixed(2)}x tcpdump's speed`,
    target: t / o >= 1 ? 'met (>= 1.0)' : 'MISSED (>= 1.0)',
  });
}

/** Peak RSS while streaming a large file: the reader must not grow with the file. */
function memoryOnLargeFile(file: string, words: string[]): void {
  const text = bpfText(words);
  const a = timeCommand(process.execPath, [pcapdump, 'read', file, ...words, '--count']);
  const b = timeCommand('tcpdump', ['-r', file, '-w', '/dev/null', text]);
  rows.push({
    what: `peak RSS reading ${(sizeMiB(file) / 1024).toFixed(2)} GiB (read --count ${words.join(' ')})`,
    pcapdump: `${a.peakMiB.toFixed(0)} MiB in ${a.seconds.toFixed(1)} s`,
    tcpdump: `${b.peakMiB.toFixed(0)} MiB in ${b.seconds.toFixed(1)} s`,
    ratio: `${(a.peakMiB / b.peakMiB).toFixed(1)}x tcpdump's RSS`,
    target: a.peakMiB < 150 ? 'met (< 150 MB)' : 'MISSED (< 150 MB)',
  });
}

/** The fixed cost of a run (process start, module loading) on a one-packet file: it bounds every ratio above. */
function startupCost(file: string, runs: number): void {
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(wallTime(process.execPath, [pcapdump, 'read', file, 'tcp', '--count']).seconds);
    theirs.push(wallTime('tcpdump', ['-r', file, '-w', '/dev/null', 'tcp']).seconds);
  }
  const o = median(ours);
  const t = median(theirs);
  rows.push({
    what: 'fixed cost: read --count tcp of a 2-packet file (process start)',
    pcapdump: `${(o * 1000).toFixed(0)} ms`,
    tcpdump: `${(t * 1000).toFixed(0)} ms`,
    ratio: `${(t / o).toFixed(2)}x`,
    target: 'information',
  });
}

function printTable(): void {
  const cols: (keyof Row)[] = ['what', 'pcapdump', 'tcpdump', 'ratio', 'target'];
  console.log(`| ${cols.join(' | ')} |`);
  console.log(`| ${cols.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(`| ${cols.map((c) => r[c]).join(' | ')} |`);
}

const smallPackets = quick ? 200_000 : 1_000_000;
const small = ensureCapture(dataDir, `mixed-${smallPackets}.pcap`, smallPackets, (i) => (i * 37) % 200);
// ~1 GiB: full-size frames; quick mode keeps the same shape at a fifth of the size.
const bigPackets = quick ? 160_000 : 800_000;
const big = ensureCapture(dataDir, `large-${bigPackets}.pcap`, bigPackets, (i) => 1300 + ((i * 13) % 150));

console.log(`machine: ${machine()}`);
filterRace(small, smallPackets, ['ipsrc', '10.0.0.0/28', 'tcp', 'destport', '443'], quick ? 3 : 5);
filterRace(small, smallPackets, ['ip', '2001:db8::5', 'port', '22'], quick ? 3 : 5);
memoryOnLargeFile(big, ['ipdest', '198.51.100.7', 'tcp']);
startupCost(join(root, 'samples', 'arp.pcap'), quick ? 5 : 11);
await liveAndConsoleSections({ quick, dataDir, program: pcapdump }, rows);
const download = await downloadRace(root, dataDir, quick);
if (typeof download === 'string') console.log(download);
else rows.push(download);
printTable();
