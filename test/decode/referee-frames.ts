import { EtherType, arp, dnsQuery, dnsResponse, ethernet, icmp, icmp6, icmp6Echo, icmpEcho, ipv4, ipv6, sll, sll2, tcp, udp } from '../../samples/frames.js';
import { LinkType } from '../../src/pcap/linktype.js';

/**
 * Hand-built frames for what the corpus holds little of: one TCP connection from its
 * SYN (relative numbers), both cooked headers, BSD loopback, QinQ, fragments, ICMP
 * errors quoting their datagram, neighbor discovery. printers.test.ts prints each with
 * tcpdump and with us.
 */
export interface Frame {
  linkType: number;
  bytes: Buffer;
  /** Captured bytes, when fewer than the frame. */
  capLen?: number;
}

const A = '00:11:22:33:44:55';
const B = '66:77:88:99:aa:bb';
const eth = (type: number, payload: Buffer, vlan?: number | number[]) => ethernet({ dst: B, src: A, type, payload, vlan });
const E = (bytes: Buffer, capLen?: number): Frame => ({ linkType: LinkType.ETHERNET, bytes, capLen });

const c = '192.168.0.10';
const s = '10.0.0.1';
const ts = (val: number, ecr: number) => Buffer.from([1, 1, 8, 10, val >>> 24, (val >> 16) & 255, (val >> 8) & 255, val & 255, ecr >>> 24, (ecr >> 16) & 255, (ecr >> 8) & 255, ecr & 255]);
const synOpts = Buffer.from([2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7]);

export const connection: Frame[] = [
  E(eth(EtherType.IPV4, ipv4({ src: c, dst: s, payload: tcp({ sport: 51234, dport: 8000, flags: 'S', seq: 1000, window: 64240, options: synOpts }) }))),
  E(eth(EtherType.IPV4, ipv4({ src: s, dst: c, payload: tcp({ sport: 8000, dport: 51234, flags: 'SA', seq: 5000, ack: 1001, window: 65160, options: synOpts }) }))),
  E(eth(EtherType.IPV4, ipv4({ src: c, dst: s, payload: tcp({ sport: 51234, dport: 8000, flags: 'A', seq: 1001, ack: 5001, window: 502, options: ts(2, 1) }) }))),
  E(eth(EtherType.IPV4, ipv4({ src: c, dst: s, payload: tcp({ sport: 51234, dport: 8000, flags: 'PA', seq: 1001, ack: 5001, window: 502, options: ts(3, 1), payload: 'GET / HTTP/1.0\r\n\r\n' }) }))),
  E(eth(EtherType.IPV4, ipv4({ src: s, dst: c, payload: tcp({ sport: 8000, dport: 51234, flags: 'A', seq: 5001, ack: 1019, window: 509 }) }))),
  E(eth(EtherType.IPV4, ipv4({ src: s, dst: c, payload: tcp({ sport: 8000, dport: 51234, flags: 'FPA', seq: 5001, ack: 1019, window: 509, payload: 'x'.repeat(100) }) }))),
  E(eth(EtherType.IPV4, ipv4({ src: c, dst: s, payload: tcp({ sport: 51234, dport: 8000, flags: 'RA', seq: 1019, ack: 5102, window: 0 }) }))),
];

const quoted = ipv4({ src: '5.6.7.8', dst: '9.9.9.9', payload: udp({ sport: 1000, dport: 5000 }) });
const quoted6 = ipv6({ src: '2001:db8::1', dst: '2001:db8::9', payload: udp({ sport: 1000, dport: 5000 }) });
const target = Buffer.from('fe800000000000000000000000000001', 'hex');
const u = udp({ sport: 7, dport: 8, payload: Buffer.alloc(4) });
const inner6 = ipv6({ src: '2001:db8::1', dst: '2001:db8::2', payload: u }).subarray(40);
const p4 = ipv4({ src: s, dst: c, payload: udp({ sport: 5000, dport: 40000, payload: Buffer.alloc(40) }) });
const encodeTcp = () => tcp({ sport: 22, dport: 50000, flags: 'S', seq: 5 }).encode({ version: 4, src: Buffer.from([192, 0, 2, 1]), dst: Buffer.from([192, 0, 2, 2]) });

/** Bytes of an IPv4 header whose total length is patched (a datagram cut on the wire, a bad length). */
function withTotalLength(ip: Buffer, total: number): Buffer {
  const b = Buffer.from(ip);
  b.writeUInt16BE(total, 2);
  return b;
}

/** A UDP datagram whose length field says more than the IP payload holds. */
function udpClaiming(ip: Buffer, ulen: number): Buffer {
  const b = Buffer.from(ip);
  b.writeUInt16BE(ulen, 20 + 4);
  return b;
}

const gre = (flags: number, proto: number, extra: number[], inner: Buffer) => Buffer.concat([Buffer.from([flags >> 8, flags & 255, proto >> 8, proto & 255, ...extra]), inner]);
const sack = Buffer.from([1, 1, 5, 10, 0, 0, 0x13, 0x88, 0, 0, 0x17, 0x70]);
const ah = (next: number) => Buffer.from([next, 4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
const mldv2Record = Buffer.concat([Buffer.from([4, 0, 0, 1]), Buffer.from('ff0200000000000000000000000000fb', 'hex'), Buffer.from('20010db8000000000000000000000001', 'hex')]);
const mldGroup = Buffer.from('ff020000000000000000000000000001', 'hex');

export const more: Frame[] = [
  // A connection's later segment with SACK blocks (relative to the other side's initial number).
  E(eth(EtherType.IPV4, ipv4({ src: c, dst: s, payload: tcp({ sport: 51234, dport: 8000, flags: 'A', seq: 1019, ack: 5050, window: 502, options: sack }) }))),
  E(eth(EtherType.IPV6, ipv6({ src: '2001:db8::1', dst: '2001:db8::2', payload: tcp({ sport: 443, dport: 50000, flags: 'PA', seq: 7, ack: 9, payload: 'abc' }) }))),
  E(eth(EtherType.IPV4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: udp({ sport: 53, dport: 40000, payload: dnsResponse({ id: 7, name: 'example.com', answers: [{ type: 'A', address: '93.184.215.14' }, { type: 'AAAA', address: '2606:2800::1' }] }) }) }))),
  E(eth(EtherType.IPV4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: udp({ sport: 53, dport: 40000, payload: dnsResponse({ id: 8, name: 'nowhere.example', answers: [], rcode: 3 }) }) }))),
  E(eth(EtherType.IPV4, ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 47, payload: gre(0x3000, 0x0800, [0, 0, 0, 42, 0, 0, 0, 5], p4) }))),
  E(eth(EtherType.IPV4, ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 47, payload: gre(0x0000, 0x6558, [], eth(EtherType.ARP, arp({ op: 'request', sha: A, spa: c, tpa: s }))) }))),
  E(eth(EtherType.IPV4, ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 51, payload: Buffer.concat([ah(6), encodeTcp()]) }))),
  E(eth(EtherType.IPV4, ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 50, payload: Buffer.concat([Buffer.from([0, 0, 0x10, 0, 0, 0, 0, 3]), Buffer.alloc(40, 0xaa)]) }))),
  E(eth(EtherType.IPV4, withTotalLength(p4, p4.length + 20))),
  E(eth(EtherType.IPV4, withTotalLength(p4, 12))),
  E(eth(EtherType.IPV4, udpClaiming(p4, 120))),
  E(eth(EtherType.IPV4, ipv4({ src: '10.0.0.254', dst: '10.0.0.1', payload: icmp({ type: 5, code: 1, rest: 0x0a0000fd, payload: quoted }) }))),
  E(eth(EtherType.IPV6, ipv6({ src: '2001:db8::9', dst: '2001:db8::1', payload: icmp6({ type: 2, rest: 1280, payload: quoted6 }) }))),
  E(eth(EtherType.IPV6, ipv6({ src: 'fe80::1', dst: 'ff02::1', payload: icmp6({ type: 130, rest: 1000 << 16, payload: mldGroup }) }))),
  E(eth(EtherType.IPV6, ipv6({ src: 'fe80::1', dst: 'ff02::16', payload: icmp6({ type: 143, rest: 1, payload: mldv2Record }) }))),
  E(eth(EtherType.IPV4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: tcp({ sport: 40000, dport: 53, flags: 'PA', seq: 1, ack: 1, payload: Buffer.concat([Buffer.from([0, 29]), dnsQuery({ id: 9, name: 'example.com' })]) }) }))),
];

export const assorted: Frame[] = [
  E(eth(EtherType.IPV6, ipv6({ src: '2001:db8::1', dst: '2001:db8:0:0:1:0:0:2', payload: udp({ sport: 5000, dport: 40000, payload: Buffer.alloc(40) }) }), [10, 20])),
  E(eth(EtherType.IPV4, ipv4({ src: '1.2.3.4', dst: '5.6.7.8', payload: icmpEcho({ id: 1, seq: 1, payload: Buffer.alloc(56) }) }))),
  E(eth(EtherType.IPV4, ipv4({ src: '9.9.9.9', dst: '5.6.7.8', payload: icmp({ type: 3, code: 3, payload: quoted }) }))),
  E(eth(EtherType.IPV4, ipv4({ src: '9.9.9.9', dst: '5.6.7.8', payload: icmp({ type: 3, code: 4, payload: Buffer.concat([quoted]) }) }))),
  E(eth(EtherType.IPV4, ipv4({ src: '9.9.9.1', dst: '5.6.7.8', payload: icmp({ type: 11, code: 0, payload: quoted }) }))),
  E(eth(EtherType.IPV6, ipv6({ src: '2001:db8::1', dst: '2001:db8::2', payload: icmp6Echo({ id: 1, seq: 1, payload: Buffer.alloc(56) }) }))),
  E(eth(EtherType.IPV6, ipv6({ src: '2001:db8::9', dst: '2001:db8::1', payload: icmp6({ type: 1, code: 4, payload: Buffer.concat([Buffer.alloc(4), quoted6]) }) }))),
  E(eth(EtherType.IPV6, ipv6({ src: 'fe80::2', dst: 'ff02::1:ff00:1', payload: icmp6({ type: 135, payload: target }) }))),
  E(eth(EtherType.IPV6, ipv6({ src: 'fe80::1', dst: 'fe80::2', payload: icmp6({ type: 136, payload: target }) }))),
  E(eth(EtherType.IPV6, ipv6({ src: 'fe80::2', dst: 'ff02::2', payload: icmp6({ type: 133 }) }))),
  E(eth(EtherType.ARP, arp({ op: 'request', sha: A, spa: c, tpa: s }))),
  E(eth(EtherType.ARP, arp({ op: 'reply', sha: B, spa: s, tha: A, tpa: c }))),
  E(eth(EtherType.IPV4, ipv4({ src: '1.1.1.1', dst: '2.2.2.2', id: 77, moreFragments: true, payload: udp({ sport: 5, dport: 6, payload: Buffer.alloc(100) }) }))),
  E(eth(EtherType.IPV4, ipv4({ src: '1.1.1.1', dst: '2.2.2.2', id: 77, proto: 17, fragOffset: 1480, payload: Buffer.alloc(20) }))),
  E(eth(EtherType.IPV4, ipv4({ src: '1.2.3.4', dst: '5.6.7.8', proto: 253, payload: Buffer.alloc(26) }))),
  E(eth(0x88b5, Buffer.alloc(46))),
  E(eth(EtherType.IPV4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: udp({ sport: 40000, dport: 53, payload: dnsQuery({ id: 0x1234, name: 'example.com' }) }) }))),
  {
    linkType: LinkType.RAW,
    bytes: ipv6({ src: '2001:db8::1', dst: '2001:db8::2', nextHeader: 0, payload: Buffer.concat([Buffer.from([60, 0, 1, 4, 0, 0, 0, 0]), Buffer.from([44, 0, 1, 4, 0, 0, 0, 0]), Buffer.from([17, 0, 0, 1, 0, 0, 0, 9]), inner6]) }),
  },
  { linkType: LinkType.LINUX_SLL, bytes: sll({ protocol: EtherType.IPV4, addr: A, payload: p4 }) },
  { linkType: LinkType.LINUX_SLL2, bytes: sll2({ protocol: EtherType.IPV4, payload: p4 }) },
  { linkType: LinkType.NULL, bytes: Buffer.concat([Buffer.from([2, 0, 0, 0]), p4]) },
  { linkType: LinkType.LOOP, bytes: Buffer.concat([Buffer.from([0, 0, 0, 2]), p4]) },
  { linkType: LinkType.NULL, bytes: Buffer.concat([Buffer.from([10, 0, 0, 0]), p4]) },
  { linkType: LinkType.IPV4, bytes: p4 },
  // cut short: in the TCP header, in the IP header, in the Ethernet header
  { ...connection[3], capLen: 14 + 20 + 10 },
  { ...connection[3], capLen: 14 + 12 },
  { ...connection[3], capLen: 10 },
  { linkType: 147, bytes: Buffer.alloc(20, 0x41) },
];
