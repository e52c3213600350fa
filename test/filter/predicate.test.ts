import { describe, expect, it } from 'vitest';
import { compilePredicate, FilterError, parseFilter } from '../../src/filter/index.js';
import { LinkType } from '../../src/pcap/linktype.js';
import { arp, ethernet, EtherType, icmp6Echo, icmpEcho, ipv4, ipv6, sll, sll2, tcp, udp } from '../../samples/frames.js';

const A = '00:11:22:33:44:55';
const B = '66:77:88:99:aa:bb';

const v4tcp = (src = '192.168.0.10', dst = '10.0.0.1', sport = 40000, dport = 80): Buffer =>
  ipv4({ src, dst, payload: tcp({ sport, dport, flags: 'S', seq: 1 }) });
const v4udp = (sport = 5353, dport = 53): Buffer => ipv4({ src: '192.168.0.10', dst: '10.0.0.1', payload: udp({ sport, dport }) });
const v6tcp = (sport = 40000, dport = 443): Buffer => ipv6({ src: '2001:db8::10', dst: 'fe80::1', payload: tcp({ sport, dport, flags: 'S' }) });
const eth = (type: number, payload: Uint8Array, vlan?: number | { id: number; tpid: number }): Buffer =>
  ethernet({ dst: B, src: A, type, payload, vlan });
const eth4 = (p: Buffer): Buffer => eth(EtherType.IPV4, p);
const eth6 = (p: Buffer): Buffer => eth(EtherType.IPV6, p);
const arpFrame = eth(EtherType.ARP, arp({ op: 'request', sha: A, spa: '192.168.0.10', tpa: '192.168.0.1' }));

function matches(filter: string, frame: Uint8Array, linkType: number = LinkType.ETHERNET): boolean {
  return compilePredicate(parseFilter(filter.split(' ')), linkType)(frame, 0, frame.length);
}

/** An IPv6 packet whose next header is a fragment header (44) carrying `inner`. */
function v6Fragment(inner: number, body: Buffer): Buffer {
  const frag = Buffer.alloc(8);
  frag[0] = inner;
  return ipv6({ src: '2001:db8::10', dst: 'fe80::1', nextHeader: 44, payload: Buffer.concat([frag, body]) });
}

describe('compilePredicate on Ethernet', () => {
  it('selects by protocol; repeated protocol words are alternatives', () => {
    expect(matches('tcp', eth4(v4tcp()))).toBe(true);
    expect(matches('tcp', eth6(v6tcp()))).toBe(true);
    expect(matches('udp', eth4(v4tcp()))).toBe(false);
    expect(matches('tcp udp', eth4(v4udp()))).toBe(true);
    expect(matches('proto 6', eth6(v6tcp()))).toBe(true);
    expect(matches('proto 17', eth6(v6tcp()))).toBe(false);
    const ping = eth4(ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: icmpEcho({ id: 1, seq: 1 }) }));
    const ping6 = eth6(ipv6({ src: 'fe80::1', dst: 'fe80::2', payload: icmp6Echo({ id: 1, seq: 1 }) }));
    expect([matches('icmp', ping), matches('icmp', ping6), matches('icmp6', ping), matches('icmp6', ping6)]).toEqual([true, false, false, true]);
    expect(matches('arp', arpFrame)).toBe(true);
    expect(matches('arp', ping)).toBe(false);
    expect(matches('tcp', arpFrame)).toBe(false);
  });

  it('selects by address, CIDR and direction, IPv4 and IPv6', () => {
    const f = eth4(v4tcp('192.168.0.10', '10.0.0.1'));
    expect(matches('ip 10.0.0.1', f)).toBe(true);
    expect(matches('ipsrc 10.0.0.1', f)).toBe(false);
    expect(matches('ipdest 10.0.0.1', f)).toBe(true);
    expect(matches('ipsrc 192.168.0.0/16', f)).toBe(true);
    expect(matches('ipsrc 192.168.0.0/29', f)).toBe(false);
    expect(matches('ipsrc 192.168.0.8/29', f)).toBe(true);
    expect(matches('ipsrc 1.1.1.1 ipsrc 192.168.0.10', f)).toBe(true);
    expect(matches('ip 0.0.0.0/0', f)).toBe(true);
    expect(matches('ip ::/0', f)).toBe(false);
    const g = eth6(v6tcp());
    expect(matches('ip 2001:db8::10', g)).toBe(true);
    expect(matches('ipsrc 2001:db8::/32', g)).toBe(true);
    expect(matches('ipdest 2001:db8::/32', g)).toBe(false);
    expect(matches('ipdest fe80::/10', g)).toBe(true);
    expect(matches('ip 10.0.0.1 ip fe80::1', g)).toBe(true);
    expect(matches('ip 192.168.0.10', arpFrame)).toBe(false);
  });

  it('selects by port and range (TCP, UDP; IPv4 header options honoured)', () => {
    expect(matches('port 80', eth4(v4tcp()))).toBe(true);
    expect(matches('srcport 80', eth4(v4tcp()))).toBe(false);
    expect(matches('destport 80', eth4(v4tcp()))).toBe(true);
    expect(matches('srcport 40000-40010', eth4(v4tcp()))).toBe(true);
    expect(matches('port 81-65535', eth4(v4tcp(undefined, undefined, 1, 80)))).toBe(false);
    expect(matches('destport 53 udp', eth4(v4udp()))).toBe(true);
    expect(matches('port 443 port 80', eth6(v6tcp()))).toBe(true);
    // IHL 6: four option bytes before the TCP header.
    const plain = v4tcp(undefined, undefined, 1234, 8080);
    const withOptions = Buffer.concat([plain.subarray(0, 20), Buffer.alloc(4), plain.subarray(20)]);
    withOptions[0] = 0x46;
    expect(matches('srcport 1234 destport 8080', eth4(withOptions))).toBe(true);
    expect(matches('srcport 1234', eth4(plain))).toBe(true);
  });

  it('follows libpcap on fragments: no port in a non-first IPv4 fragment; ip6 proto follows one fragment header', () => {
    const first = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', moreFragments: true, payload: tcp({ sport: 1, dport: 80, flags: 'S' }) });
    const later = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', fragOffset: 8, proto: 6, payload: Buffer.from(tcp({ sport: 1, dport: 80, flags: 'S' }).encode({ version: 4, src: Buffer.alloc(4), dst: Buffer.alloc(4) })) });
    expect(matches('port 80', eth4(first))).toBe(true);
    expect(matches('port 80', eth4(later))).toBe(false);
    expect(matches('tcp', eth4(later))).toBe(true);
    const tcpBytes = Buffer.alloc(20);
    tcpBytes.writeUInt16BE(80, 2);
    const frag = eth6(v6Fragment(6, tcpBytes));
    expect(matches('tcp', frag)).toBe(true);
    expect(matches('port 80', frag)).toBe(false);
  });

  it('selects by MAC, and by VLAN only when asked (as libpcap)', () => {
    const f = eth4(v4tcp());
    expect([matches(`eth ${A}`, f), matches(`ethsrc ${A}`, f), matches(`ethdest ${A}`, f), matches(`ethdest ${B}`, f)]).toEqual([true, true, false, true]);
    const tagged = eth(EtherType.IPV4, v4tcp(), 10);
    expect(matches('vlan 10 tcp port 80', tagged)).toBe(true);
    expect(matches('vlan 11', tagged)).toBe(false);
    expect(matches('vlan 11 vlan 10', tagged)).toBe(true);
    expect(matches('tcp', tagged)).toBe(false);
    expect(matches('vlan 10', f)).toBe(false);
    expect(matches('vlan 10 ipsrc 192.168.0.10', eth(EtherType.IPV4, v4tcp(), { id: 10, tpid: 0x88a8 }))).toBe(true);
    expect(matches(`vlan 10 ethsrc ${A}`, tagged)).toBe(true);
  });
});

describe('compilePredicate: short frames and offsets', () => {
  it('a frame cut before a field the filter reads does not match, one byte more does', () => {
    const frame = eth4(v4tcp());
    const p = compilePredicate(parseFilter(['ipsrc', '192.168.0.10', 'destport', '80']), LinkType.ETHERNET);
    // The last field read is the destination port at 14 + 20 + 2 .. +4.
    for (let cap = 0; cap <= frame.length; cap++) expect(p(frame, 0, cap)).toBe(cap >= 38);
  });

  it('rejects the whole packet when one alternative reads past the end, as BPF does', () => {
    // The src port matches; reaching the dst port (for `port 443`) is out of bounds in BPF.
    const frame = eth4(v4tcp(undefined, undefined, 80, 443));
    const p = compilePredicate(parseFilter(['port', '80']), LinkType.ETHERNET);
    expect(p(frame, 0, 36)).toBe(true);
    const q = compilePredicate(parseFilter(['port', '443']), LinkType.ETHERNET);
    expect(q(frame, 0, 36)).toBe(false);
    expect(q(frame, 0, 38)).toBe(true);
    // Several ports: every source port is tried before the destination port is loaded.
    const both = compilePredicate(parseFilter(['port', '443', 'port', '80']), LinkType.ETHERNET);
    expect(both(frame, 0, 36)).toBe(true);
  });

  it('reads at the offset given and never past capLen', () => {
    const frame = eth4(v4tcp());
    const buf = Buffer.alloc(100 + frame.length + 50);
    frame.copy(buf, 100);
    const p = compilePredicate(parseFilter(['port', '80']), LinkType.ETHERNET);
    expect(p(buf, 100, frame.length)).toBe(true);
    expect(p(buf, 100, 36)).toBe(false);
    expect(p(buf, 0, buf.length)).toBe(false);
  });
});

describe('compilePredicate on cooked and raw-IP link types', () => {
  it('Linux cooked v1 and v2 use their protocol field', () => {
    const s1 = sll({ protocol: EtherType.IPV4, addr: A, payload: v4tcp() });
    const s2 = sll2({ protocol: EtherType.IPV6, addr: A, payload: v6tcp() });
    expect(matches('tcp port 80 ip 10.0.0.1', s1, LinkType.LINUX_SLL)).toBe(true);
    expect(matches('udp', s1, LinkType.LINUX_SLL)).toBe(false);
    expect(matches('tcp port 443 ip fe80::1', s2, LinkType.LINUX_SLL2)).toBe(true);
    expect(matches('arp', sll2({ protocol: EtherType.ARP, payload: Buffer.alloc(28) }), LinkType.LINUX_SLL2)).toBe(true);
  });

  it('RAW looks at the version nibble; IPV4/IPV6 link types take the family as given', () => {
    expect(matches('tcp ipsrc 192.168.0.10', v4tcp(), LinkType.RAW)).toBe(true);
    expect(matches('tcp ipsrc 2001:db8::10', v6tcp(), LinkType.RAW)).toBe(true);
    expect(matches('ip ::/0', v4tcp(), LinkType.RAW)).toBe(false);
    expect(matches('arp', v4tcp(), LinkType.RAW)).toBe(false);
    expect(matches('port 80', v4tcp(), 12)).toBe(true); // 12: DLT_RAW as some systems write it
    const odd = v6tcp();
    expect(matches('ip 0.0.0.0/0', odd, LinkType.IPV4)).toBe(true);
    expect(matches('tcp', odd, LinkType.IPV6)).toBe(true);
    expect(matches('ip ::/0', odd, LinkType.IPV4)).toBe(false);
  });

  it('refuses what libpcap refuses: MACs and VLANs off Ethernet, unknown link types', () => {
    const err = (tokens: string[], lt: number): FilterError => {
      try {
        compilePredicate(parseFilter(tokens), lt);
      } catch (e) {
        if (e instanceof FilterError) return e;
      }
      throw new Error('no FilterError');
    };
    expect(err(['ethsrc', A], LinkType.LINUX_SLL).message).toBe('ethsrc cannot be used on LINUX_SLL captures: MAC addresses are filtered only on Ethernet');
    expect(err(['tcp', 'vlan', '1'], LinkType.RAW).token).toBe('vlan');
    expect(err(['tcp'], 147).message).toBe('cannot filter LINKTYPE_147 captures: filters apply to Ethernet, Linux cooked and raw IP frames');
    expect(compilePredicate(parseFilter([]), 147)(Buffer.alloc(0), 0, 0)).toBe(true);
  });
});
