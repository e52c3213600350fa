import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveKind } from '../../src/capture/live.js';
import { eachPacket, Engine, type Result } from '../../src/console/engine.js';
import { parseCommand } from '../../src/console/grammar.js';
import { brief } from '../../src/decode/index.js';
import { toBpf } from '../../src/filter/index.js';
import { compareWithTcpdump, startTcpdump } from './net.js';

export function newEngine(): { engine: Engine; dir: string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pd-live-'));
  const engine = new Engine({ config: { captureDir: dir, interfaces: {} }, kinds: [liveKind()] });
  return { engine, dir, done: () => (engine.stopAll(), rmSync(dir, { recursive: true, force: true })) };
}

export function expect1<K extends Result['kind']>(r: Result, kind: K): Extract<Result, { kind: K }> {
  if (r.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(r)}`);
  return r as Extract<Result, { kind: K }>;
}

/** The libpcap filter and mode a start command gives LiveSource, for tcpdump to use too. */
export function referee(cmd: string): { bpf: string; args: string[] } {
  const c = parseCommand(cmd);
  if (!c || c.verb !== 'start') throw new Error(`not a start: ${cmd}`);
  return { bpf: toBpf(c.filter), args: c.options.promiscuous ? [] : ['-p'] };
}

export interface Run {
  packets: number;
  lines: string[];
  written: string;
  state: string;
}

/**
 * tcpdump listening first, then our start, the traffic, our stop (unless -c stops it),
 * tcpdump stopped; then show and write, and the written file compared with tcpdump's.
 */
export async function captureAndCompare(
  s: { engine: Engine; dir: string },
  o: { label: string; device: string; cmd: string; send: () => void; tcpdumpArgs?: string[]; stopsItself?: boolean },
): Promise<Run> {
  const ref = join(s.dir, `${o.label.replace(/\W+/g, '-')}-tcpdump.pcap`);
  const r = referee(o.cmd);
  const td = await startTcpdump(o.device, ref, r.bpf, [...r.args, ...(o.tcpdumpArgs ?? [])]);
  let state = '';
  try {
    expect1(await s.engine.run(o.cmd), 'started');
    o.send();
    await new Promise((r) => setTimeout(r, 300));
    if (!o.stopsItself) expect1(await s.engine.run(`stop ${o.device}`), 'stopped');
    state = s.engine.status().find((c) => c.device === o.device)?.state ?? 'none';
  } finally {
    const said = await td.stop();
    const drops = /(\d+) packets? dropped by kernel/.exec(said)?.[1];
    if (drops && drops !== '0') console.log(`${o.label}: the referee tcpdump dropped ${drops} packets`);
  }
  const shown = expect1(await s.engine.run(`show ${o.device}`), 'show');
  const lines: string[] = [];
  for (const sec of shown.sections) await eachPacket(sec, (p) => lines.push(brief(p)));
  const file = `${o.label.replace(/\W+/g, '-')}.cap`;
  const w = expect1(await s.engine.run(`write ${o.device} ${file}`), 'written');
  const { count } = compareWithTcpdump(w.path, ref, o.label);
  return { packets: count, lines, written: w.path, state };
}
