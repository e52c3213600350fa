import { spawn } from 'node:child_process';
import { visitPackets } from '../support/corpus.js';
import { Decoder, type DecodeOptions } from '../../src/decode/index.js';

/**
 * Our brief lines against `tcpdump -nn -r FILE`, packet by packet. tcpdump is run with
 * `-#` so that each packet's output starts with its number: the first line of a
 * packet is its brief line (tcpdump may print more lines after it: hex of unknown
 * payloads, some printers' details), and packets tcpdump never printed (a file it
 * stops reading early) are told apart from packets it printed differently.
 */

export interface TcpdumpRun {
  /** First line of each packet tcpdump printed, by packet number (1-based), without the number. */
  lines: Map<number, string>;
  stderr: string;
}

/** Runs tcpdump in this process's time zone (our lines print local time too). */
export function runTcpdump(file: string, extra: string[] = []): Promise<TcpdumpRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('tcpdump', ['-#', '-nn', ...extra, '-r', file], { env: process.env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', () => resolve({ lines: packetLines(Buffer.concat(out).toString('latin1')), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** Runs tcpdump -# -nn with options; every packet's whole text (all its lines, no final newline), by number. */
export function runTcpdumpTexts(file: string, extra: string[]): Promise<Map<number, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn('tcpdump', ['-#', '-nn', ...extra, '-r', file], { env: process.env });
    const out: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', () => resolve(packetTexts(Buffer.concat(out).toString('latin1'))));
  });
}

/** Like packetLines, with every line of a packet (a packet's text ends where the next number starts). */
export function packetTexts(text: string): Map<number, string> {
  const texts = new Map<number, string>();
  let next = 1;
  let cur: string[] | null = null;
  const done = () => {
    if (cur) texts.set(next - 1, cur.join('\n').replace(/\n+$/, ''));
  };
  for (const line of text.split('\n')) {
    const m = /^ *(\d+) {2}/.exec(line);
    if (m && Number(m[1]) === next) {
      done();
      cur = [line.slice(m[0].length)];
      next++;
    } else cur?.push(line);
  }
  done();
  return texts;
}

/** Splits `tcpdump -#` output into packets: a line "%5u  " with the next number starts one. */
export function packetLines(text: string): Map<number, string> {
  const lines = new Map<number, string>();
  let next = 1;
  for (const line of text.split('\n')) {
    const m = /^ *(\d+) {2}/.exec(line);
    if (m && Number(m[1]) === next) {
      lines.set(next, line.slice(m[0].length));
      next++;
    }
  }
  return lines;
}

export interface OurRun {
  lines: string[];
  families: string[];
  /** Printer bugs (something other than a truncation thrown), as "packet N: message". */
  errors: string[];
  /** The reader refused the file (at open or part-way): its message. */
  readerError: string;
}

/** Our brief line of every packet of a file, one Decoder for the file as `read` uses. */
export function ourLines(file: string, interfaceName?: (i: number) => string | undefined, opts: Partial<DecodeOptions> = {}): OurRun {
  const d = new Decoder({ interfaceName, ...opts });
  const run: OurRun = { lines: [], families: [], errors: [], readerError: '' };
  run.readerError = visitPackets(file, (p) => {
    run.lines.push(d.line(p));
    run.families.push(d.family || 'link:' + p.linkType);
    if (d.lastError) run.errors.push(`packet ${run.lines.length}: ${d.lastError}`);
  }).fault;
  return run;
}

export { interfaceNames as localInterfaceNames } from '../../src/ui/interface-names.js';

/**
 * The group a family is reported in: the families (TCP, UDP, ICMP, ARP, other
 * IP, non-IP) and, finer, each application protocol over TCP or UDP.
 */
export function groupOf(family: string): string {
  if (family === 'tcp') return 'TCP';
  if (family === 'udp') return 'UDP';
  if (family === 'icmp' || family === 'icmp6') return 'ICMP/ICMPv6';
  if (family === 'arp' || family === 'rarp') return 'ARP';
  if (family.startsWith('tcp:') || family.startsWith('udp:')) return family;
  if (family === 'ip' || family === 'ip6' || family.startsWith('ip:')) return 'other IP';
  return 'non-IP';
}


export interface Tally {
  packets: number;
  same: number;
}

export function percent(t: Tally): number {
  return t.packets === 0 ? 100 : (100 * t.same) / t.packets;
}
