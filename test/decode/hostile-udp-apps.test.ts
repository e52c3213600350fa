import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decoder } from '../../src/decode/index.js';
import { EtherType, ethernet, ipv4, udp } from '../../samples/frames.js';
import { LinkType } from '../../src/pcap/linktype.js';
import { corpusFiles, corpusMissing, haveCorpus, visitPackets } from '../support/corpus.js';
import { cases as first } from './udp-apps-payloads.js';
import { cases as more } from './udp-apps-payloads2.js';
import { view } from './view.js';

/**
 * The UDP application printers on hostile input: real packets of theirs from the corpus
 * and the hand-built payloads of udp-apps-payloads*.ts, bytes flipped anywhere and cut
 * at any length, at every -v level. Each must give a brief line of one line, and no
 * printer may throw anything but a truncation.
 */

const FAMILIES =
  /^udp:(bootp|dhcp6|ntp|snmp|syslog|tftp|isakmp|isakmp-natt|isakmp-user|vxlan|vxlan-gpe|geneve|mpls|radius|l2tp|krb|sflow|ptp|otv|lisp|babel|ahcp|hncp|someip|timed)$|^ptp$|^nsh$/;

interface Seed {
  linkType: number;
  bytes: Buffer;
}

/** The hand-built payloads, each in an Ethernet/IPv4/UDP frame to its port. */
function handBuilt(): Seed[] {
  return [...first, ...more].flatMap((c) =>
    c.payloads.map((payload) => ({
      linkType: LinkType.ETHERNET,
      bytes: ethernet({ dst: '66:77:88:99:aa:bb', src: '00:11:22:33:44:55', type: EtherType.IPV4, payload: ipv4({ src: '192.0.2.1', dst: '192.0.2.2', payload: udp({ sport: c.sport, dport: c.dport, payload }) }) }),
    })),
  );
}

function seeds(): Seed[] {
  const out: Seed[] = handBuilt();
  const d = new Decoder();
  const perFamily = new Map<string, number>();
  for (const file of corpusFiles()) {
    visitPackets(file, (p) => {
      d.line(p);
      const n = perFamily.get(d.family) ?? 0;
      if (!FAMILIES.test(d.family) || n >= 12) return;
      perFamily.set(d.family, n + 1);
      out.push({ linkType: p.linkType, bytes: Buffer.from(p.buf.subarray(p.offset, p.offset + p.capLen)) });
    });
  }
  return out;
}

function lineOk(line: string): boolean {
  return line.length > 0 && !line.includes('undefined') && !line.includes('NaN') && !line.includes('\n');
}

if (!haveCorpus) console.log(corpusMissing);

describe.skipIf(!haveCorpus)('UDP application printers on hostile input', () => {
  it('flipped and cut corpus packets, at -v levels 0 to 3: a line each, never a printer bug', () => {
    const all = seeds();
    expect(all.length).toBeGreaterThan(50);
    const decoders = [0, 1, 2, 3].map((verbose) => new Decoder({ verbose }));
    // Every seed cut at every length first: truncation at each field.
    for (const s of all) {
      for (const d of decoders) {
        for (let cap = 1; cap <= s.bytes.length; cap += 1 + (s.bytes.length >> 7)) {
          const line = d.line(view(s.bytes, s.linkType, { capLen: cap, origLen: s.bytes.length }));
          expect(lineOk(line), line).toBe(true);
          expect(d.lastError, line).toBe('');
        }
      }
    }
    fc.assert(
      fc.property(
        fc.nat(all.length - 1),
        fc.nat(3),
        fc.array(fc.tuple(fc.nat(2000), fc.nat(255)), { minLength: 1, maxLength: 8 }),
        fc.nat(2000),
        (which, verbose, flips, cut) => {
          const s = all[which];
          const bytes = Buffer.from(s.bytes);
          // Past the 42 bytes of Ethernet, IP and UDP headers most of the time: the application's bytes.
          for (const [at, v] of flips) bytes[at < 1000 ? 42 + (at % Math.max(1, bytes.length - 42)) : at % bytes.length] = v;
          const cap = cut >= 1000 ? bytes.length : Math.max(1, cut % (bytes.length + 1));
          const d = decoders[verbose];
          const line = d.line(view(bytes, s.linkType, { capLen: Math.min(cap, bytes.length), origLen: bytes.length }));
          const body = d.body(view(bytes, s.linkType, { capLen: Math.min(cap, bytes.length), origLen: bytes.length })) ?? '';
          return lineOk(line) && !body.includes('undefined') && !body.includes('NaN') && d.lastError === '';
        },
      ),
      { numRuns: 15000 },
    );
  });
});
