import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EtherType, ethernet, ipv4, udp } from '../../samples/frames.js';
import { Decoder } from '../../src/decode/index.js';
import { PcapWriter } from '../../src/pcap/index.js';
import { LinkType } from '../../src/pcap/linktype.js';
import type { PacketView } from '../../src/pcap/types.js';
import { haveTool } from '../support/referee.js';
import { cases as first } from './udp-apps-payloads.js';
import { cases as more } from './udp-apps-payloads2.js';

/**
 * Hand-built UDP application payloads for what the corpus holds little or none of
 * (udp-apps-payloads*.ts): each printed by tcpdump and by us at -v levels 0 to 4,
 * whole and cut short inside the payload, every line compared.
 */

const cases = [...first, ...more];

function frame(sport: number, dport: number, payload: Buffer): Buffer {
  return ethernet({ dst: '66:77:88:99:aa:bb', src: '00:11:22:33:44:55', type: EtherType.IPV4, payload: ipv4({ src: '192.0.2.1', dst: '192.0.2.2', payload: udp({ sport, dport, payload }) }) });
}

function views(frames: { bytes: Buffer; capLen: number }[]): PacketView[] {
  return frames.map((f, i) => ({ linkType: LinkType.ETHERNET, interfaceId: 0, tsSec: 1_700_000_000 + i, tsNsec: 0, capLen: f.capLen, origLen: f.bytes.length, buf: f.bytes, offset: 0 }));
}

/** Each packet's whole text from tcpdump, without number and time. */
function tcpdumpText(file: string, verbose: number): string[] {
  const args = ['-#', '-nn', '-r', file];
  if (verbose) args.unshift('-' + 'v'.repeat(verbose));
  const out = spawnSync('tcpdump', args, { encoding: 'latin1' }).stdout;
  const packets: string[] = [];
  for (const line of out.split('\n')) {
    const m = /^ *(\d+) {2}\d\d:\d\d:\d\d\.\d+ /.exec(line);
    if (m && Number(m[1]) === packets.length + 1) packets.push(line.slice(m[0].length));
    else if (packets.length) packets[packets.length - 1] += '\n' + line;
  }
  return packets.map((p) => p.replace(/\n$/, ''));
}

/** The text from the application on (the IP header's -v text is another printer's). */
function appText(s: string): string {
  const m = / > [0-9a-f:.]+\.\d+: (\[(udp sum ok|bad udp cksum[^\]]*)\] )?/.exec(s);
  return m === null ? s : s.slice(m.index + m[0].length);
}

describe.skipIf(!haveTool('tcpdump'))('UDP application payloads, every line as tcpdump prints them', () => {
  for (const c of cases) {
    it(`${c.name}: -v levels 0 to 4, whole and cut short`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'pcapdump-udp-apps-'));
      try {
        const frames = c.payloads.flatMap((p) => {
          const bytes = frame(c.sport, c.dport, p);
          // Cut inside the application's bytes (42 bytes of headers come first).
          const cuts = [bytes.length, ...[1, 3, 8, 16, 28, p.length >> 1, p.length - 1].filter((n) => n > 0 && n < p.length).map((n) => 42 + n)];
          return cuts.map((capLen) => ({ bytes, capLen }));
        });
        const vs = views(frames);
        const file = join(dir, `${c.name}.pcap`);
        const chunks: Buffer[] = [];
        const w = new PcapWriter((b) => chunks.push(Buffer.from(b)), { linkType: LinkType.ETHERNET });
        for (const v of vs) w.writePacket(v);
        w.flush();
        writeFileSync(file, Buffer.concat(chunks));
        for (const verbose of [0, 1, 2, 3, 4]) {
          const theirs = tcpdumpText(file, verbose).map(appText);
          const d = new Decoder({ verbose });
          const ours = vs.map((v) => appText(d.body(v) ?? ''));
          if (process.env.DECODE_SHOW_FRAMES) console.log(theirs.join('\n'));
          expect(ours, `${c.name} -${'v'.repeat(verbose)}`).toEqual(theirs);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
