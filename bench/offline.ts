import { spawnSync } from 'node:child_process';
import { median, raceEnv, timeCommand, timesToNull, wallTime } from './measure.js';
import { sizeMiB } from './data.js';
import { verdict, type Row } from './table.js';

/**
 * `pcapdump read` against tcpdump on the same file, as a user runs both: a new process per
 * run, runs interleaved (both see the same page cache and the same neighbours), medians.
 */
export interface OfflineBench {
  /** dist/bin/pcapdump.js */
  program: string;
  rows: Row[];
}

function bpfText(program: string, words: string[]): string {
  const r = spawnSync(process.execPath, [program, 'bpf', ...words], { encoding: 'utf8', env: raceEnv() });
  if (r.status !== 0) throw new Error(`pcapdump bpf ${words.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function tcpdumpCount(file: string, text: string): number {
  const r = spawnSync('sh', ['-c', `tcpdump -nn -q -r "$1" "$2" 2>/dev/null | wc -l`, 'sh', file, text], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

function millions(packets: number): string {
  return `${(packets / 1e6).toFixed(1)}M packets`;
}

/** Filtering a large file: pcapdump read --count against tcpdump -r -w /dev/null. */
export function filterRace(b: OfflineBench, file: string, packets: number, words: string[], runs: number): void {
  const text = bpfText(b.program, words);
  const env = raceEnv();
  const ours: number[] = [];
  const theirs: number[] = [];
  let matched = '';
  for (let i = 0; i < runs; i++) {
    const a = wallTime(process.execPath, [b.program, 'read', file, ...words, '--count'], env);
    matched = a.stdout.trim();
    ours.push(a.seconds);
    theirs.push(wallTime('tcpdump', ['-r', file, '-w', '/dev/null', text], env).seconds);
  }
  const referee = tcpdumpCount(file, text);
  if (String(referee) !== matched) throw new Error(`filter "${words.join(' ')}": pcapdump counted ${matched}, tcpdump ${referee}`);
  console.error(`  read --count ${words.join(' ')}: ours ${ours.map((x) => (x * 1000).toFixed(0)).join(' ')} ms, tcpdump ${theirs.map((x) => (x * 1000).toFixed(0)).join(' ')} ms`);
  const o = median(ours);
  const t = median(theirs);
  b.rows.push({
    what: `read --count ${words.join(' ')} (${millions(packets)}, ${sizeMiB(file).toFixed(0)} MiB, ${matched} match), median of ${runs}`,
    pcapdump: `${o.toFixed(3)} s`,
    tcpdump: `${t.toFixed(3)} s  [${text}]`,
    ratio: `${(t / o).toFixed(2)}x tcpdump's speed`,
    target: verdict(t / o >= 1, '>= 1.0'),
  });
}

/** Brief lines of a whole file into /dev/null: `pcapdump read FILE` against `tcpdump -nn -r FILE`. */
export function briefRace(b: OfflineBench, file: string, packets: number, runs: number): void {
  const env = raceEnv();
  const lines = spawnSync('sh', ['-c', `"$1" "$2" read "$3" | wc -l`, 'sh', process.execPath, b.program, file], { encoding: 'utf8', env });
  if (Number(lines.stdout.trim()) !== packets) throw new Error(`pcapdump read ${file} printed ${lines.stdout.trim()} lines for ${packets} packets`);
  const ours: { wall: number; cpu: number }[] = [];
  const theirs: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(timesToNull(process.execPath, [b.program, 'read', file], env));
    theirs.push(timesToNull('tcpdump', ['-nn', '-r', file], env));
  }
  const wall = (xs: { wall: number }[]) => xs.map((x) => x.wall);
  const cpu = (xs: { cpu: number }[]) => xs.map((x) => x.cpu);
  const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' ');
  console.error(`  read (brief lines): wall ours ${list(wall(ours))} s, tcpdump ${list(wall(theirs))} s; CPU ours ${list(cpu(ours))} s, tcpdump ${list(cpu(theirs))} s`);
  const o = packets / median(wall(ours));
  const t = packets / median(wall(theirs));
  b.rows.push({
    what: `read: brief lines of ${millions(packets)} to /dev/null (tcpdump -nn -r), median of ${runs} (wall time)`,
    pcapdump: `${(o / 1e6).toFixed(2)} M lines/s (${median(wall(ours)).toFixed(2)} s)`,
    tcpdump: `${(t / 1e6).toFixed(2)} M lines/s (${median(wall(theirs)).toFixed(2)} s)`,
    ratio: `${(o / t).toFixed(2)}x`,
    target: verdict(o / t >= 1, '>= 1.0'),
  });
  // The same runs in CPU time (user + system, every thread, the compiler's included): on a
  // loaded machine the wall time also counts the time each waited for a core.
  const oc = median(cpu(ours));
  const tc = median(cpu(theirs));
  b.rows.push({
    what: `read: the same runs in CPU time (user + system), median of ${runs}`,
    pcapdump: `${oc.toFixed(2)} s`,
    tcpdump: `${tc.toFixed(2)} s`,
    ratio: `${(tc / oc).toFixed(2)}x`,
    target: 'information',
  });
}

/** Peak RSS while streaming a large file: the reader must not grow with the file. */
export function memoryOnLargeFile(b: OfflineBench, file: string, words: string[]): void {
  const text = bpfText(b.program, words);
  // A first read brings the file into the page cache: otherwise whichever runs first reads
  // the disk (2.3 s against 0.3 s in one run), and the times beside the RSS mean nothing.
  timeCommand('tcpdump', ['-r', file, '-w', '/dev/null', text]);
  const a = timeCommand(process.execPath, [b.program, 'read', file, ...words, '--count']);
  const t = timeCommand('tcpdump', ['-r', file, '-w', '/dev/null', text]);
  b.rows.push({
    what: `peak RSS reading ${(sizeMiB(file) / 1024).toFixed(2)} GiB (read --count ${words.join(' ')})`,
    pcapdump: `${a.peakMiB.toFixed(0)} MiB in ${a.seconds.toFixed(1)} s`,
    tcpdump: `${t.peakMiB.toFixed(0)} MiB in ${t.seconds.toFixed(1)} s`,
    ratio: `${(a.peakMiB / t.peakMiB).toFixed(1)}x tcpdump's RSS`,
    target: verdict(a.peakMiB < 150, '< 150 MB'),
  });
}

/**
 * The fixed cost of a run (process start, loading the program) on a two-packet file: it
 * bounds every ratio above. Again with NODE_EXTRA_CA_CERTS as this machine sets it, when it does.
 */
export function startupCost(b: OfflineBench, file: string, runs: number): void {
  const clean = raceEnv();
  const asSet = { ...process.env, TZ: 'UTC' };
  const withCerts = process.env.NODE_EXTRA_CA_CERTS !== undefined;
  const ours: number[] = [];
  const oursCerts: number[] = [];
  const theirs: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(wallTime(process.execPath, [b.program, 'read', file, 'tcp', '--count'], clean).seconds);
    if (withCerts) oursCerts.push(wallTime(process.execPath, [b.program, 'read', file, 'tcp', '--count'], asSet).seconds);
    theirs.push(wallTime('tcpdump', ['-r', file, '-w', '/dev/null', 'tcp'], clean).seconds);
    bare.push(wallTime(process.execPath, ['-e', '0'], clean).seconds);
  }
  const ms = (xs: number[]) => `${(median(xs) * 1000).toFixed(0)} ms`;
  b.rows.push({
    what: `fixed cost: read --count tcp of a 2-packet file (process start), median of ${runs}; node -e 0: ${ms(bare)}`,
    pcapdump: ms(ours),
    tcpdump: ms(theirs),
    ratio: `${(median(theirs) / median(ours)).toFixed(2)}x`,
    target: 'information',
  });
  if (withCerts) {
    b.rows.push({
      what: `fixed cost as above with NODE_EXTRA_CA_CERTS set (as on this machine): Node parses those certificates at every start`,
      pcapdump: ms(oursCerts),
      tcpdump: ms(theirs),
      ratio: `${(median(theirs) / median(oursCerts)).toFixed(2)}x`,
      target: 'information',
    });
  }
}
