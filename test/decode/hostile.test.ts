import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { brief, createSummary, decodeSummary } from '../../src/decode/index.js';
import { LinkType } from '../../src/pcap/linktype.js';
import type { PacketView } from '../../src/pcap/types.js';
import { EtherType, arp, ethernet, ipv4, ipv6, tcp, udp } from '../../samples/frames.js';
import { view } from './view.js';

const A = '00:11:22:33:44:55';
const B = '66:77:88:99:aa:bb';

const tcp6 = ethernet({
  dst: B,
  src: A,
  type: EtherType.IPV6,
  vlan: 7,
  payload: ipv6({ src: '2001:db8::1', dst: 'fe80::1', payload: tcp({ sport: 443, dport: 50000, flags: 'PA', seq: 1, ack: 2, options: Buffer.from([1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2]), payload: 'abc' }) }),
});
const tcp4 = ethernet({ dst: B, src: A, type: EtherType.IPV4, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: tcp({ sport: 22, dport: 50000, flags: 'S', seq: 5 }) }) });
const arpFrame = ethernet({ dst: B, src: A, type: EtherType.ARP, payload: arp({ op: 'request', sha: A, spa: '10.0.0.1', tpa: '10.0.0.2' }) });
const udp4 = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: udp({ sport: 1, dport: 2, payload: 'x' }) });

function lineOk(line: string): boolean {
  return line.length > 16 && !line.includes('undefined') && !line.includes('NaN') && !line.includes('\n');
}

describe('truncated and malformed frames give a line, never an exception', () => {
  it('a TCP/IPv6 frame cut at every byte offset says where it was cut', () => {
    const s = createSummary();
    for (let cap = 0; cap <= tcp6.length; cap++) {
      const p = view(tcp6, LinkType.ETHERNET, { capLen: cap, origLen: tcp6.length });
      const line = brief(p);
      expect(lineOk(line), line).toBe(true);
      decodeSummary(p, s);
      // The header (18) + IPv6 (40) + TCP with options (32) are all needed for a whole line.
      if (cap < 18 + 40 + 32) {
        expect(s.truncated, `cap ${cap}: ${line}`).toBe(true);
        expect(line).toMatch(/\[\|[a-z0-9]+\]/);
      } else {
        expect(s.truncated, line).toBe(false);
        expect(line).toContain('IP6 2001:db8::1.443 > fe80::1.50000: Flags [P.], seq 1:4, ack 2, win 65535, length 3');
      }
      if (cap >= 18 + 40 + 4) expect([s.sport, s.dport]).toEqual([443, 50000]);
    }
  });

  it('TCP/IPv4 and ARP frames cut at every byte offset', () => {
    for (const frame of [tcp4, arpFrame]) {
      for (let cap = 0; cap <= frame.length; cap++) {
        const line = brief(view(frame, LinkType.ETHERNET, { capLen: cap, origLen: frame.length }));
        expect(lineOk(line), line).toBe(true);
        if (cap < frame.length) expect(line, `cap ${cap}`).toMatch(/\[\|(ether|ip|tcp|arp)\]/);
      }
    }
  });

  it('a view claiming more bytes than its buffer holds is read only as far as the buffer goes', () => {
    const p: PacketView = { ...view(udp4, LinkType.RAW), capLen: 1 << 20, origLen: 1 << 20 };
    p.buf = p.buf.subarray(0, p.offset + 22);
    expect(brief(p)).toMatch(/\[\|udp\]/);
  });

  it('malformed headers are named: bad IPv4 header length, bad TCP offset, UDP length < 8', () => {
    const badHlen = Buffer.from(udp4);
    badHlen[0] = 0x41;
    expect(brief(view(badHlen, LinkType.RAW))).toContain('IP bad-hlen 4');
    const badOff = Buffer.from(tcp4);
    badOff[14 + 20 + 12] = 0x10;
    expect(brief(view(badOff))).toContain('10.0.0.1.22 > 10.0.0.2.50000: tcp, bad hdr length 4 - too short');
    const badUlen = Buffer.from(udp4);
    badUlen.writeUInt16BE(3, 24);
    expect(brief(view(badUlen, LinkType.RAW))).toContain('UDP, truncated-udplength 3');
  });

  it('random bytes on every link type, at any offset, never throw', () => {
    const links = [0, 1, 101, 108, 113, 228, 229, 276, 105, 9999];
    const seeds = [tcp6, tcp4, arpFrame, udp4];
    const s = createSummary();
    fc.assert(
      fc.property(
        fc.constantFrom(...links),
        fc.nat(3),
        fc.array(fc.tuple(fc.nat(200), fc.nat(255)), { maxLength: 12 }),
        fc.uint8Array({ maxLength: 120 }),
        fc.nat(200),
        fc.nat(200),
        (linkType, which, flips, tail, cut, orig) => {
          // Mutated real frames reach deep layers; random tails cover the rest.
          const base = Buffer.concat([seeds[which], Buffer.from(tail)]);
          for (const [at, v] of flips) base[at % base.length] = v;
          const cap = cut % (base.length + 1);
          const p = view(base, linkType, { capLen: cap, origLen: orig });
          decodeSummary(p, s);
          const line = brief(p);
          return lineOk(line);
        },
      ),
      { numRuns: 20000 },
    );
  });
});
