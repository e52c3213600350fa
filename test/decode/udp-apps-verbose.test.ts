import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { Decoder } from '../../src/decode/index.js';
import { corpusFiles, corpusMissing, haveCorpus, visitPackets } from '../support/corpus.js';
import { haveTool, mapLimit } from '../support/referee.js';

/**
 * The UDP application printers under -v: for every corpus packet one of them prints,
 * its whole text (every line) against `tcpdump -v -nn`'s, from the application's first
 * word on. What comes before (the IP header's -v text, the UDP checksum) belongs to
 * other printers and is left out of the comparison, so these figures are the
 * application printers' own. The brief lines (-v off) are agreement.test.ts's.
 *
 *   DECODE_FAMILY='^udp:bootp$' DECODE_SHOW=5 npx vitest run test/decode/udp-apps-verbose.test.ts
 */

/**
 * Families whose -v text is checked, and the share of their packets that must be
 * identical (what the printers reach now). RADIUS's EAP-Message is printed by the EAP
 * printer of the link-layer work, registered by name: until it is there, 3 of 7.
 * Tunnels (VXLAN, Geneve, OTV) are left out: what they carry prints the inner IP
 * header's -v text, which is the IP printer's.
 */
const FLOORS: Record<string, number> = {
  'udp:krb': 100, 'udp:bootp': 100, 'udp:sflow': 100, 'udp:ntp': 100, 'udp:dhcp6': 100,
  'udp:isakmp': 100, 'udp:l2tp': 100, 'udp:isakmp-natt': 100, 'udp:radius': 40,
  'udp:lisp': 100, 'udp:ptp': 100, 'udp:syslog': 100, 'udp:someip': 100, 'udp:timed': 100, 'udp:snmp': 100, 'udp:tftp': 100,
};

const ready = haveCorpus && haveTool('tcpdump');
if (!haveCorpus) console.log(corpusMissing);

const familyFilter = new RegExp(process.env.DECODE_FAMILY ?? `^udp:(${Object.keys(FLOORS).map((f) => f.slice(4)).join('|')})$`);
const showMax = Number(process.env.DECODE_SHOW ?? 0);
const verbose = Number(process.env.DECODE_VERBOSE ?? 1);

/** The text from the application on: what follows the UDP ports (and -v's checksum note). */
function appText(s: string): string {
  const m = / > [0-9a-f:.]+\.\d+: (\[(udp sum ok|bad udp cksum[^\]]*|no cksum)\] )?/.exec(s);
  return m === null ? s : s.slice(m.index + m[0].length);
}

/** `tcpdump -# -nn -v -r FILE`'s whole text of each packet, by number, without number and time. */
function tcpdumpPackets(file: string): Promise<Map<number, string>> {
  return new Promise((resolve, reject) => {
    const v = '-' + 'v'.repeat(verbose);
    const child = spawn('tcpdump', ['-#', '-nn', v, '-r', file], { env: process.env });
    const out: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', () => {
      const packets = new Map<number, string>();
      let next = 1;
      let cur: string[] | null = null;
      const flush = () => {
        if (cur) packets.set(next - 1, cur.join('\n'));
      };
      for (const line of Buffer.concat(out).toString('latin1').split('\n')) {
        const m = /^ *(\d+) {2}(\d\d:\d\d:\d\d\.\d+ |\[Error converting time\] )?/.exec(line);
        if (m && Number(m[1]) === next) {
          flush();
          cur = [line.slice(m[0].length)];
          next++;
        } else if (cur) cur.push(line);
      }
      flush();
      // The last packet's text ends with the output's final newline.
      const last = packets.get(next - 1);
      if (last !== undefined) packets.set(next - 1, last.replace(/\n$/, ''));
      resolve(packets);
    });
  });
}

interface Ours {
  file: string;
  /** Packet number -> [family, our whole text]. */
  packets: Map<number, [string, string]>;
}

function ourPackets(file: string): Ours {
  const d = new Decoder({ verbose });
  const packets = new Map<number, [string, string]>();
  visitPackets(file, (p, n) => {
    const body = d.body(p);
    if (body !== null && familyFilter.test(d.family)) packets.set(n, [d.family, body]);
  });
  return { file, packets };
}

describe.skipIf(!ready)('UDP application printers agree with tcpdump -v', () => {
  it('per family, whole text from the application on', async () => {
    const ours = corpusFiles().map(ourPackets).filter((o) => o.packets.size > 0);
    const theirs = await mapLimit(ours, 2, (o) => tcpdumpPackets(o.file));
    const tally = new Map<string, { packets: number; same: number }>();
    const shown: string[] = [];
    ours.forEach((o, i) => {
      for (const [n, [family, mine]] of o.packets) {
        const td = theirs[i].get(n);
        if (td === undefined) continue;
        let t = tally.get(family);
        if (!t) tally.set(family, (t = { packets: 0, same: 0 }));
        t.packets++;
        const a = appText(mine);
        const b = appText(td);
        if (a === b) t.same++;
        else if (shown.length < showMax) shown.push(`${basename(o.file)}#${n} [${family}]\n--- tcpdump:\n${b}\n--- ours:\n${a}`);
      }
    });
    const rows = [...tally.entries()].sort((a, b) => b[1].packets - a[1].packets);
    console.log(
      `UDP application printers, -${'v'.repeat(verbose)} text against tcpdump's:\n` +
        rows.map(([f, t]) => `  ${f.padEnd(20)} ${String(t.same).padStart(4)}/${String(t.packets).padEnd(4)} ${((100 * t.same) / t.packets).toFixed(1).padStart(5)}%`).join('\n'),
    );
    if (shown.length) console.log(shown.join('\n'));
    if (process.env.DECODE_FAMILY || verbose !== 1) return;
    for (const [family, floor] of Object.entries(FLOORS)) {
      const t = tally.get(family);
      expect(t, `${family}: no packets`).toBeDefined();
      expect((100 * t!.same) / t!.packets, `${family} -v identical`).toBeGreaterThanOrEqual(floor);
    }
  });
});
