import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LocalAccess } from '../src/console/link.js';
import { startService } from '../src/service/server.js';
import { replayKind } from '../src/capture/replay.js';
import { Engine } from '../src/console/engine.js';
import { LineWriter } from '../src/ui/line-writer.js';
import { renderResult } from '../src/ui/render.js';
import { median } from './measure.js';
import { verdict, type Row } from './table.js';

/** Runs an Engine command and returns once the capture stopped by itself (count reached). */
export async function fillRing(engine: Engine, command: string, iface: string): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    const off = engine.onChange((s) => {
      if (s.iface !== iface || s.state === 'running') return;
      off();
      if (s.state === 'error') reject(new Error(`${iface}: ${s.error}`));
      else resolve();
    });
  });
  await engine.run(command);
  await done;
}

function tcpdumpSeconds(file: string): number {
  const devNull = openSync('/dev/null', 'w');
  try {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('tcpdump', ['-nn', '-r', file], { stdio: ['ignore', devNull, 'pipe'], env: { ...process.env, TZ: 'UTC' } });
    if (r.status !== 0) throw new Error(`tcpdump -nn -r ${file}: ${r.stderr.toString().trim()}`);
    return Number(process.hrtime.bigint() - t0) / 1e9;
  } finally {
    closeSync(devNull);
  }
}

/**
 * `show` as a console user runs it: the file replayed at full speed into a ring that holds
 * all of it (-c stops at the last packet), then `show` rendered through the line-mode
 * LineWriter into /dev/null. Against tcpdump -nn -r of the same file into /dev/null.
 */
/** `pcapdump --socket S show IFACE > /dev/null` as a shell runs it; resolves with its seconds (process start included). */
function shellShow(program: string, socket: string, iface: string): Promise<number> {
  const devNull = openSync('/dev/null', 'w');
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [program, '--socket', socket, 'show', iface], { stdio: ['ignore', devNull, 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      closeSync(devNull);
      if (code !== 0) reject(new Error(`pcapdump show over the socket: exit ${code}: ${err}`));
      else resolve(Number(process.hrtime.bigint() - t0) / 1e9);
    }),
  );
}

/**
 * The same `show` typed at a shell against the service: the service (this process's Engine
 * behind its socket) sends the ring in batches as the client asks, the client decodes.
 */
async function serviceShow(engine: Engine, program: string, captureDir: string, packets: number, runs: number, tcpdump: number, rows: Row[]): Promise<void> {
  const socket = join(captureDir, 'bench.sock');
  const service = await startService({ access: new LocalAccess(engine, { shared: true }), socketPath: socket, log: () => undefined });
  const ours: number[] = [];
  try {
    for (let i = 0; i < runs; i++) ours.push(await shellShow(program, socket, 'show'));
  } finally {
    await service.close('bench done');
  }
  console.error(`  show over the service socket: ${ours.map((x) => x.toFixed(3)).join(' ')} s`);
  const o = packets / median(ours);
  const t = packets / tcpdump;
  rows.push({
    what: `show at a shell: pcapdump show over the service socket, ${(packets / 1e6).toFixed(1)}M packets to /dev/null (tcpdump -nn -r of the same file), median of ${runs}`,
    pcapdump: `${(o / 1e6).toFixed(2)} M lines/s (${median(ours).toFixed(2)} s, process start included)`,
    tcpdump: `${(t / 1e6).toFixed(2)} M lines/s (${tcpdump.toFixed(2)} s)`,
    ratio: `${(o / t).toFixed(2)}x`,
    target: 'information',
  });
}

export async function showRace(file: string, packets: number, runs: number, captureDir: string, rows: Row[], program?: string): Promise<void> {
  const engine = new Engine({ config: { captureDir, interfaces: {} }, kinds: [replayKind({ show: file }, 0)] });
  const sizeKB = Math.ceil(statSync(file).size / 1024) + 64;
  await fillRing(engine, `-size ${sizeKB} -c ${packets} start show`, 'show');
  const ours: number[] = [];
  const theirs: number[] = [];
  const socketRows: Row[] = [];
  let lines = 0;
  const devNull = openSync('/dev/null', 'w');
  try {
    for (let i = 0; i < runs; i++) {
      lines = 0;
      const out = new LineWriter((chunk) => {
        writeSync(devNull, chunk);
      });
      const t0 = process.hrtime.bigint();
      const result = await engine.run('show show');
      await renderResult(result, (l) => {
        lines++;
        out.line(l);
      });
      out.flush();
      ours.push(Number(process.hrtime.bigint() - t0) / 1e9);
      theirs.push(tcpdumpSeconds(file));
    }
    if (program) await serviceShow(engine, program, captureDir, packets, runs, median(theirs), socketRows);
  } finally {
    closeSync(devNull);
    await engine.run('wipe');
  }
  console.error(`  show runs: ours ${ours.map((x) => x.toFixed(3)).join(" ")} s, tcpdump ${theirs.map((x) => x.toFixed(3)).join(" ")} s`);
  const o = packets / median(ours);
  const t = packets / median(theirs);
  rows.push({
    what: `show: brief lines of a ${(packets / 1e6).toFixed(1)}M-packet ring to /dev/null (tcpdump -nn -r of the same file), median of ${runs}`,
    pcapdump: `${(o / 1e6).toFixed(2)} M lines/s (${median(ours).toFixed(2)} s)`,
    tcpdump: `${(t / 1e6).toFixed(2)} M lines/s (${median(theirs).toFixed(2)} s)`,
    ratio: `${(o / t).toFixed(2)}x`,
    target: verdict(o / t >= 1, '>= 1.0'),
  });
  rows.push(...socketRows);
  if (lines !== packets + 1) throw new Error(`show printed ${lines} lines for ${packets} packets`);
}
