import { describe, expect, it } from 'vitest';
import { brief, createSummary, decodeSummary } from '../../src/decode/index.js';
import { LinkType } from '../../src/pcap/linktype.js';
import { EtherType, arp, ethernet, icmp, icmp6, icmp6Echo, icmpEcho, ipv4, ipv6, sll, sll2, tcp, udp } from '../../samples/frames.js';
import { view } from './view.js';

const A = '00:11:22:33:44:55';
const B = '66:77:88:99:aa:bb';
const T = '12:34:56.789012 ';

function eth(type: number, payload: Buffer, vlan?: number | number[]): Buffer {
  return ethernet({ dst: B, src: A, type, payload, vlan });
}

describe('brief lines, one printer at a time', () => {
  it('TCP over IPv4: flags, absolute seq, window, length', () => {
    const syn = ipv4({ src: '192.168.0.10', dst: '10.0.0.1', payload: tcp({ sport: 51234, dport: 80, flags: 'S', seq: 1234, window: 64240 }) });
    expect(brief(view(eth(EtherType.IPV4, syn)))).toBe(T + 'IP 192.168.0.10.51234 > 10.0.0.1.80: Flags [S], seq 1234, win 64240, length 0');
    const data = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: tcp({ sport: 80, dport: 40000, flags: 'PA', seq: 4294967290, ack: 7, window: 502, payload: 'hello world' }) });
    expect(brief(view(eth(EtherType.IPV4, data)))).toBe(T + 'IP 10.0.0.1.80 > 10.0.0.2.40000: Flags [P.], seq 4294967290:5, ack 7, win 502, length 11');
  });

  it('TCP flag letters in tcpdump order', () => {
    const s = createSummary();
    const cases: [number, string][] = [[0x12, 'S.'], [0x11, 'F.'], [0x04, 'R'], [0x10, '.'], [0xc2, 'SEW'], [0x00, 'none'], [0x29, 'FPU']];
    for (const [flags, text] of cases) {
      const f = eth(EtherType.IPV4, ipv4({ src: '1.1.1.1', dst: '2.2.2.2', payload: tcp({ sport: 1, dport: 2, flags }) }));
      decodeSummary(view(f), s);
      expect(s.tcpFlags).toBe(flags);
      expect(brief(view(f))).toContain(`Flags [${text}]`);
    }
  });

  it('UDP over IPv6 with a VLAN tag, and QinQ', () => {
    const p = ipv6({ src: '2001:db8::1', dst: '2001:db8:0:0:1:0:0:2', payload: udp({ sport: 53, dport: 40000, payload: Buffer.alloc(40) }) });
    expect(brief(view(eth(EtherType.IPV6, p, 100)))).toBe(T + 'vlan 100, IP6 2001:db8::1.53 > 2001:db8::1:0:0:2.40000: UDP, length 40');
    expect(brief(view(eth(EtherType.IPV6, p, [{ id: 10, tpid: 0x88a8 }, 20] as never)))).toBe(T + 'vlan 10, vlan 20, IP6 2001:db8::1.53 > 2001:db8::1:0:0:2.40000: UDP, length 40');
  });

  it('ICMP echo, unreachable with the quoted datagram, time exceeded', () => {
    const echo = ipv4({ src: '1.2.3.4', dst: '5.6.7.8', payload: icmpEcho({ id: 1, seq: 1, payload: Buffer.alloc(56) }) });
    expect(brief(view(eth(EtherType.IPV4, echo)))).toBe(T + 'IP 1.2.3.4 > 5.6.7.8: ICMP echo request, id 1, seq 1, length 64');
    const quoted = ipv4({ src: '5.6.7.8', dst: '9.9.9.9', payload: udp({ sport: 1000, dport: 53 }) });
    const unreach = ipv4({ src: '9.9.9.9', dst: '5.6.7.8', payload: icmp({ type: 3, code: 3, payload: quoted }) });
    expect(brief(view(eth(EtherType.IPV4, unreach)))).toBe(T + 'IP 9.9.9.9 > 5.6.7.8: ICMP 9.9.9.9 udp port 53 unreachable, length 36');
    const ttl = ipv4({ src: '9.9.9.1', dst: '5.6.7.8', payload: icmp({ type: 11, code: 0, payload: quoted }) });
    expect(brief(view(eth(EtherType.IPV4, ttl)))).toBe(T + 'IP 9.9.9.1 > 5.6.7.8: ICMP time exceeded in-transit, length 36');
  });

  it('ICMPv6 echo and neighbor discovery', () => {
    const echo = ipv6({ src: '2001:db8::1', dst: '2001:db8::2', payload: icmp6Echo({ id: 1, seq: 1, payload: Buffer.alloc(56) }) });
    expect(brief(view(eth(EtherType.IPV6, echo)))).toBe(T + 'IP6 2001:db8::1 > 2001:db8::2: ICMP6, echo request, id 1, seq 1, length 64');
    const target = Buffer.from('fe800000000000000000000000000001', 'hex');
    const ns = ipv6({ src: 'fe80::2', dst: 'ff02::1:ff00:1', payload: icmp6({ type: 135, payload: target }) });
    expect(brief(view(eth(EtherType.IPV6, ns)))).toBe(T + 'IP6 fe80::2 > ff02::1:ff00:1: ICMP6, neighbor solicitation, who has fe80::1, length 24');
    const na = ipv6({ src: 'fe80::1', dst: 'fe80::2', payload: icmp6({ type: 136, payload: target }) });
    expect(brief(view(eth(EtherType.IPV6, na)))).toContain('neighbor advertisement, tgt is fe80::1, length 24');
    const rs = ipv6({ src: 'fe80::2', dst: 'ff02::2', payload: icmp6({ type: 133 }) });
    expect(brief(view(eth(EtherType.IPV6, rs)))).toContain('ICMP6, router solicitation, length 8');
  });

  it('ARP request and reply', () => {
    const req = arp({ op: 'request', sha: A, spa: '192.168.0.10', tpa: '192.168.0.1' });
    expect(brief(view(eth(EtherType.ARP, req)))).toBe(T + 'ARP, Request who-has 192.168.0.1 tell 192.168.0.10, length 28');
    const rep = arp({ op: 'reply', sha: B, spa: '192.168.0.1', tha: A, tpa: '192.168.0.10' });
    expect(brief(view(eth(EtherType.ARP, rep)))).toBe(T + 'ARP, Reply 192.168.0.1 is-at 66:77:88:99:aa:bb, length 28');
  });

  it('Linux cooked v1 and v2, raw IP (101, 228, 229), NULL and LOOP', () => {
    const p = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: udp({ sport: 53, dport: 40000, payload: Buffer.alloc(40) }) });
    const line = T + 'IP 10.0.0.1.53 > 10.0.0.2.40000: UDP, length 40';
    expect(brief(view(sll({ protocol: EtherType.IPV4, addr: A, payload: p }), LinkType.LINUX_SLL))).toBe(line);
    expect(brief(view(sll2({ protocol: EtherType.IPV4, payload: p }), LinkType.LINUX_SLL2))).toBe(line);
    expect(brief(view(p, LinkType.RAW))).toBe(line);
    expect(brief(view(p, LinkType.IPV4))).toBe(line);
    const fam = Buffer.from([2, 0, 0, 0]);
    expect(brief(view(Buffer.concat([fam, p]), LinkType.NULL))).toBe(line);
    expect(brief(view(Buffer.concat([Buffer.from([0, 0, 0, 2]), p]), LinkType.NULL))).toBe(line);
    expect(brief(view(Buffer.concat([Buffer.from([0, 0, 0, 2]), p]), LinkType.LOOP))).toBe(line);
    const p6 = ipv6({ src: '::1', dst: '::1', payload: tcp({ sport: 1, dport: 2, flags: 'R', seq: 9 }) });
    expect(brief(view(p6, LinkType.IPV6))).toBe(T + 'IP6 ::1.1 > ::1.2: Flags [R], seq 9, win 65535, length 0');
    expect(brief(view(Buffer.concat([Buffer.from([30, 0, 0, 0]), p6]), LinkType.NULL))).toContain('IP6 ::1.1 > ::1.2');
  });

  it('other protocols: named or numbered, with a length', () => {
    const pim = ipv4({ src: '1.2.3.4', dst: '5.6.7.8', proto: 103, payload: Buffer.alloc(26) });
    expect(brief(view(eth(EtherType.IPV4, pim)))).toBe(T + 'IP 1.2.3.4 > 5.6.7.8: PIM, length 26');
    const odd = ipv4({ src: '1.2.3.4', dst: '5.6.7.8', proto: 253, payload: Buffer.alloc(26) });
    expect(brief(view(eth(EtherType.IPV4, odd)))).toBe(T + 'IP 1.2.3.4 > 5.6.7.8: ip-proto-253 26');
    expect(brief(view(eth(0x88cc, Buffer.alloc(46))))).toBe(T + 'ethertype LLDP (0x88cc), length 46');
    expect(brief(view(Buffer.alloc(30), 105))).toBe(T + 'link-type LINKTYPE_105 (not decoded), length 30');
  });

  it('IPv4 fragments: the first decodes its transport, the others say frag', () => {
    const first = ipv4({ src: '1.1.1.1', dst: '2.2.2.2', id: 77, moreFragments: true, payload: udp({ sport: 5, dport: 6, payload: Buffer.alloc(100) }) });
    expect(brief(view(eth(EtherType.IPV4, first)))).toBe(T + 'IP 1.1.1.1.5 > 2.2.2.2.6: UDP, length 100 (frag id 77 off 0+)');
    const later = ipv4({ src: '1.1.1.1', dst: '2.2.2.2', id: 77, proto: 17, fragOffset: 1480, payload: Buffer.alloc(20) });
    expect(brief(view(eth(EtherType.IPV4, later)))).toBe(T + 'IP 1.1.1.1 > 2.2.2.2: frag id 77 off 1480, UDP, length 20');
  });

  it('IPv6 extension headers are walked: hop-by-hop, routing, destination options, fragment', () => {
    const u = udp({ sport: 7, dport: 8, payload: Buffer.alloc(4) });
    const inner = ipv6({ src: '2001:db8::1', dst: '2001:db8::2', payload: u }).subarray(40);
    const hbh = Buffer.from([43, 0, 1, 4, 0, 0, 0, 0]);
    const rt = Buffer.from([60, 0, 4, 0, 0, 0, 0, 0]);
    const dst = Buffer.from([44, 0, 1, 4, 0, 0, 0, 0]);
    const frag = Buffer.from([17, 0, 0, 1, 0, 0, 0, 9]);
    const pkt = ipv6({ src: '2001:db8::1', dst: '2001:db8::2', nextHeader: 0, payload: Buffer.concat([hbh, rt, dst, frag, inner]) });
    const s = decodeSummary(view(pkt, LinkType.RAW), createSummary());
    expect([s.transport, s.sport, s.dport, s.ipProto, s.isFragment, s.ip6Ext]).toEqual(['UDP', 7, 8, 17, true, 15]);
    expect(brief(view(pkt, LinkType.RAW))).toBe(T + 'IP6 2001:db8::1.7 > 2001:db8::2.8: HBH srcrt DSTOPT UDP, length 4 (frag id 9 off 0+)');
  });

  it('time is local HH:MM:SS.ffffff, nanoseconds truncated to microseconds', () => {
    const f = eth(0x88cc, Buffer.alloc(46));
    expect(brief(view(f, 1, { tsSec: 86399, tsNsec: 999999999 }))).toMatch(/^23:59:59\.999999 /);
    expect(brief(view(f, 1, { tsSec: 0, tsNsec: 1000 }))).toMatch(/^00:00:00\.000001 /);
  });
});
