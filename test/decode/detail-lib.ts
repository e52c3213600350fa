import { spawn } from 'node:child_process';
import { visitPackets } from '../support/corpus.js';
import { Decoder, type DecodeOptions } from '../../src/decode/index.js';
import { formatTime } from '../../src/decode/time.js';

/**
 * Whole packets (every line, not only the brief one) against `tcpdump -nn` with
 * options (-v, -vv, -e): what the -v and -e branches of the printers print.
 */

/** Each packet's whole text as tcpdump -# printed it, by packet number (1-based), number stripped. */
export function runTcpdumpWhole(file: string, extra: string[]): Promise<Map<number, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn('tcpdump', ['-#', '-nn', ...extra, '-r', file], { env: process.env });
    const out: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', () => {});
    child.on('error', reject);
    child.on('close', () => resolve(splitPackets(Buffer.concat(out).toString('latin1'))));
  });
}

function splitPackets(text: string): Map<number, string> {
  const packets = new Map<number, string>();
  let next = 1;
  let cur: string[] | null = null;
  const flush = () => {
    if (cur) packets.set(next - 1, cur.join('\n'));
  };
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const m = /^ *(\d+) {2}/.exec(line);
    if (m && Number(m[1]) === next) {
      flush();
      cur = [line.slice(m[0].length)];
      next++;
    } else if (cur) cur.push(line);
  }
  flush();
  return packets;
}

export interface WholeRun {
  texts: string[];
  families: string[];
  errors: string[];
}

/** Our whole text of every packet of a file, as tcpdump prints it (time first). */
export function ourWhole(file: string, opts: Partial<DecodeOptions>): WholeRun {
  const d = new Decoder(opts);
  const run: WholeRun = { texts: [], families: [], errors: [] };
  const read = visitPackets(file, (p) => {
    const body = d.body(p);
    run.texts.push(body === null ? '' : formatTime(p.tsSec, p.tsNsec) + ' ' + body);
    run.families.push(d.family || 'link:' + p.linkType);
    if (d.lastError) run.errors.push(`packet ${run.texts.length}: ${d.lastError}`);
  });
  if (!read.opened) throw new Error(`${file}: ${read.fault}`);
  return run;
}

/** tcpdump's options as our DecodeOptions. */
export function optionsOf(args: string[]): Partial<DecodeOptions> {
  let verbose = 0;
  let linkHeader = false;
  for (const a of args) {
    const m = /^-(v+)$/.exec(a);
    if (m) verbose += m[1].length;
    if (a === '-e') linkHeader = true;
  }
  return { verbose, linkHeader };
}
