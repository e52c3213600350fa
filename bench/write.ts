import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { replayKind } from '../src/capture/replay.js';
import { Engine } from '../src/console/engine.js';
import { median } from './measure.js';
import { fillRing } from './show.js';
import { verdict, type Row } from './table.js';

const RING_KB = 256 * 1024;

/**
 * `write` of a full 256 MB ring (the Engine's write: temp file, fsync, link, directory fsync)
 * against `cp` of the file it wrote, followed by `sync FILE` (an fsync of it), to the same
 * directory. Both read from memory (our ring; cp's source in the page cache) and both end
 * with the data on disk. Runs interleaved; medians.
 */
export async function writeRace(file: string, captureDir: string, runs: number, rows: Row[]): Promise<void> {
  const engine = new Engine({ config: { captureDir, interfaces: {} }, kinds: [replayKind({ wr: file }, 0)] });
  // Enough full-size frames to wrap the ring at least once: it is full.
  const count = Math.ceil((RING_KB * 1024 * 1.4) / 1300);
  await fillRing(engine, `-size ${RING_KB} -c ${count} start wr`, 'wr');
  const ours: number[] = [];
  const theirs: number[] = [];
  let bytes = 0;
  try {
    // A first file for cp to copy: the ring as written once, in the page cache like the ring is in memory.
    const first = await engine.run('write wr bench-write-src.pcap');
    if (first.kind !== 'written') throw new Error('write wrote nothing');
    bytes = first.bytes;
    const ourWrite = async (i: number) => {
      const t0 = process.hrtime.bigint();
      const r = await engine.run(`write wr bench-write-${i}.pcap`);
      ours.push(Number(process.hrtime.bigint() - t0) / 1e9);
      if (r.kind !== 'written' || r.bytes !== bytes) throw new Error('write wrote a different size');
      rmSync(r.path);
    };
    const cpWrite = (i: number) => {
      const copy = join(captureDir, `cp-${i}.pcap`);
      const t0 = process.hrtime.bigint();
      const c = spawnSync('sh', ['-c', 'cp "$1" "$2" && sync "$2"', 'sh', first.path, copy]);
      theirs.push(Number(process.hrtime.bigint() - t0) / 1e9);
      if (c.status !== 0) throw new Error(`cp: ${c.stderr.toString().trim()}`);
      if (statSync(copy).size !== bytes) throw new Error('cp copied a different size');
      rmSync(copy);
    };
    // One untimed write, its file then removed: on this machine's virtual disk a file written
    // into blocks no file used before is about five times slower than one written into freed
    // blocks (cp + sync of 268 MB: 1.17 s against 0.19 s). The source file above took the
    // freed ones, so without this the first timed run, ours, always got fresh blocks (0.8-1.1 s
    // against 0.13-0.37 s for every later run of either side). Each timed file is removed
    // before the next run, so every run after this one writes into freed blocks.
    const warm = await engine.run('write wr bench-write-warm.pcap');
    if (warm.kind !== 'written') throw new Error('write wrote nothing');
    rmSync(warm.path);
    // Alternate who goes first: fsync times on a shared disk drift.
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) {
        await ourWrite(i);
        cpWrite(i);
      } else {
        cpWrite(i);
        await ourWrite(i);
      }
    }
    console.error(`  write runs: ours ${ours.map((x) => x.toFixed(3)).join(' ')} s, cp ${theirs.map((x) => x.toFixed(3)).join(' ')} s`);
  } finally {
    await engine.run('cleanup');
  }
  const mb = bytes / 1e6;
  const o = mb / median(ours);
  const t = mb / median(theirs);
  rows.push({
    what: `write: full 256 MiB ring to disk (${mb.toFixed(0)} MB, fsync) vs cp + sync FILE, median of ${runs}`,
    pcapdump: `${o.toFixed(0)} MB/s`,
    tcpdump: `cp: ${t.toFixed(0)} MB/s`,
    ratio: `${(o / t).toFixed(2)}x`,
    target: verdict(o / t >= 0.8, '>= 0.8'),
  });
}
