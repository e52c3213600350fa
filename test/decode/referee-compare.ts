import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decoder } from '../../src/decode/index.js';
import { formatTime } from '../../src/decode/time.js';
import { PcapWriter } from '../../src/pcap/index.js';
import type { PacketView } from '../../src/pcap/types.js';
import { runAsync } from '../support/referee.js';
import type { Frame } from './referee-frames.js';

/**
 * Hand-built frames printed by tcpdump and by us, every line of every packet, at a
 * given -v level: the means of the application printers' tests (whole frames, and
 * each cut short at every byte from where the printer under test starts).
 */

export function views(frames: Frame[]): PacketView[] {
  return frames.map((f, i) => ({
    linkType: f.linkType,
    interfaceId: 0,
    tsSec: 1_700_000_000 + i,
    tsNsec: 123_456_000,
    capLen: f.capLen ?? f.bytes.length,
    origLen: f.bytes.length,
    buf: f.bytes,
    offset: 0,
  }));
}

/** Each frame cut at every byte from `from` on (the layers before it have tests of their own). */
export function cutsFrom(frames: Frame[], from: (f: Frame) => number): Frame[] {
  return frames.flatMap((f) => {
    const out: Frame[] = [];
    for (let n = from(f); n < f.bytes.length; n++) out.push({ ...f, capLen: n });
    return out;
  });
}

/**
 * The IPv4/IPv6 header's -v text and the TCP/UDP checksum notes come from other printers'
 * -v hooks: they are taken out of both sides, so a test looks at its printers' own text
 * whether those hooks are loaded or not.
 */
export function normalize(s: string): string {
  return s
    .replace(/(IP6?(?: truncated-ip - \d+ bytes missing!)?) \((?:tos|hlim|flowlabel)[^\n]*\)\n {4}/g, '$1 ')
    .replace(/(Flags \[[^\]]*\]), cksum 0x[0-9a-f]+ \((?:correct|incorrect -> 0x[0-9a-f]+)\)/g, '$1')
    .replace(/\[(?:udp sum ok|bad udp cksum [^\]]*|no cksum)\] /g, '');
}

/** tcpdump -# output split into packets, every line of each. */
export function packets(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^ *(\d+) {2}/.exec(line);
    if (m && Number(m[1]) === out.length + 1) out.push(line.slice(m[0].length));
    else if (out.length > 0 && line !== '') out[out.length - 1] += '\n' + line;
  }
  return out.map(normalize);
}

export interface Printed {
  theirs: string[];
  ours: string[];
  /** Printer bugs (exceptions other than a truncation), by packet. */
  errors: string[];
}

/** tcpdump -nn (-v...) and our Decoder at `verbose` on the frames, one pcap file, one Decoder. */
export async function printBoth(frames: Frame[], verbose: number): Promise<Printed> {
  const dir = mkdtempSync(join(tmpdir(), 'pcapdump-referee-'));
  try {
    const file = join(dir, 'frames.pcap');
    const chunks: Buffer[] = [];
    const w = new PcapWriter((c) => chunks.push(Buffer.from(c)), { linkType: frames[0]?.linkType ?? 1 });
    const vs = views(frames);
    for (const v of vs) w.writePacket(v);
    w.flush();
    writeFileSync(file, Buffer.concat(chunks));
    const args = ['-#', '-nn', ...(verbose ? ['-' + 'v'.repeat(verbose)] : []), '-r', file];
    const theirs = packets((await runAsync('tcpdump', args)).stdout);
    const d = new Decoder({ verbose });
    const errors: string[] = [];
    const ours = vs.map((v, i) => {
      const body = d.body(v);
      if (d.lastError) errors.push(`packet ${i + 1}: ${d.lastError}`);
      return normalize(formatTime(v.tsSec, v.tsNsec) + ' ' + (body ?? '').replace(/\n+$/, ''));
    });
    return { theirs, ours, errors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
