import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decoder } from '../../src/decode/index.js';
import { formatTime } from '../../src/decode/time.js';
import { PcapWriter } from '../../src/pcap/index.js';
import { haveTool, runAsync } from '../support/referee.js';
import { runTcpdump } from './agreement-lib.js';
import type { Frame } from './referee-frames.js';
import { views } from './referee-compare.js';
import { routing } from './routing-frames.js';
import { view } from './view.js';

/**
 * The routing and gateway printers (OSPF, EIGRP, PIM, IGMP, VRRP, SCTP, DCCP, BGP,
 * RIP, BFD, HSRP, LDP, PGM, Babel, OLSR, AHCP, mobility, EGP, IGRP, IPComp) against
 * tcpdump on hand-built frames, whole and cut short at every few bytes, with the
 * default line and with -v / -vv (every line of the packet, not only the first).
 */


/** Every cut of each frame byte by byte from its IP payload on (the lower layers have their own tests). */
const cuts = routing.flatMap((f) => {
  const out: Frame[] = [];
  for (let n = 14 + 20; n < f.bytes.length; n++) out.push({ ...f, capLen: n });
  return out;
});

/**
 * The text of a packet as tcpdump -# splits it (its lines after the number). The IPv4
 * header's -v text and the TCP/UDP checksum notes come from other printers (the IP and
 * transport -v hooks): they are taken out of both sides, so this test looks at the
 * routing printers' own text whether those hooks are there or not.
 */
function packets(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^ *(\d+) {2}/.exec(line);
    if (m && Number(m[1]) === out.length + 1) out.push(line.slice(m[0].length));
    else if (out.length > 0 && line !== '') out[out.length - 1] += '\n' + line;
  }
  return out.map(normalize);
}

function normalize(s: string): string {
  return s
    .replace(/(IP(?: truncated-ip - \d+ bytes missing!)?) \(tos [^\n]*\)\n {4}/g, '$1 ')
    .replace(/(Flags \[[^\]]*\]), cksum 0x[0-9a-f]+ \((?:correct|incorrect -> 0x[0-9a-f]+)\)/g, '$1')
    .replace(/\[(?:udp sum ok|bad udp cksum [^\]]*)\] /g, '');
}

describe.skipIf(!haveTool('tcpdump'))('routing printers, packet for packet with tcpdump', () => {
  it('prints what tcpdump -nn, -v, -vv and -vvv print for every frame, whole and cut at every byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcapdump-routing-'));
    try {
      for (const [name, frames] of [
        ['whole', routing],
        ['cut', cuts],
      ] as const) {
        const file = join(dir, `${name}.pcap`);
        const chunks: Buffer[] = [];
        const w = new PcapWriter((c) => chunks.push(Buffer.from(c)), { linkType: 1 });
        const vs = views(frames);
        for (const v of vs) w.writePacket(v);
        w.flush();
        writeFileSync(file, Buffer.concat(chunks));
        for (const verbose of [0, 1, 2, 3]) {
          const td = await runTcpdump(file, verbose ? ['-' + 'v'.repeat(verbose)] : []);
          expect(td.lines.size, `${name} -v${verbose}: tcpdump printed every packet`).toBe(vs.length);
          const args = verbose ? ['-#', '-nn', '-' + 'v'.repeat(verbose), '-r', file] : ['-#', '-nn', '-r', file];
          const theirs = packets(await tcpdumpText(args));
          const d = new Decoder({ verbose });
          const ours = vs.map((v) => {
            const body = d.body(v);
            expect(d.lastError).toBe('');
            return normalize(formatTime(v.tsSec, v.tsNsec) + ' ' + (body ?? '').replace(/\n+$/, ''));
          });
          expect(ours, `${name}, -v x${verbose}`).toEqual(theirs);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function tcpdumpText(args: string[]): Promise<string> {
  return (await runAsync('tcpdump', args)).stdout;
}

describe('routing printers on malformed input', () => {
  it('mutated frames at every verbosity give one clean first line and never a printer bug', () => {
    const decoders = [0, 1, 2, 3].map((verbose) => new Decoder({ verbose }));
    fc.assert(
      fc.property(
        fc.nat(routing.length - 1),
        fc.array(fc.tuple(fc.nat(300), fc.nat(255)), { maxLength: 10 }),
        fc.nat(400),
        fc.nat(3),
        (which, flips, cut, v) => {
          const base = Buffer.from(routing[which].bytes);
          // Mutations past the Ethernet and IP headers reach the printers under test.
          for (const [at, b] of flips) base[34 + (at % Math.max(1, base.length - 34))] = b;
          const cap = cut % (base.length + 1);
          const d = decoders[v];
          const line = d.line(view(base, 1, { capLen: cap, origLen: base.length }));
          return line.length > 0 && !line.includes('\n') && !line.includes('undefined') && !line.includes('NaN') && d.lastError === '';
        },
      ),
      { numRuns: 20000 },
    );
  });
});
