import { EtherType, ethernet, ipv4, ipv6, pimHello, tcp, udp } from '../../samples/frames.js';
import { LinkType } from '../../src/pcap/linktype.js';
import type { Frame } from './referee-frames.js';

/**
 * Hand-built frames of the routing and gateway protocols (issue #11's second family):
 * one or two well-formed messages per printer, so that routing.test.ts can print each
 * whole and cut short, with and without -v, beside tcpdump. Payloads are written out
 * in hex as the RFCs lay them out.
 */

const A = '00:11:22:33:44:55';
const B = '01:00:5e:00:00:05';
const E4 = (payload: Buffer): Frame => ({ linkType: LinkType.ETHERNET, bytes: ethernet({ dst: B, src: A, type: EtherType.IPV4, payload }) });
const E6 = (payload: Buffer): Frame => ({ linkType: LinkType.ETHERNET, bytes: ethernet({ dst: '33:33:00:00:00:05', src: A, type: EtherType.IPV6, payload }) });
const h = (s: string) => Buffer.from(s.replace(/[\s|]/g, ''), 'hex');
const ip = (proto: number, payload: string, opts: { src?: string; dst?: string; ttl?: number } = {}) =>
  E4(ipv4({ src: opts.src ?? '10.0.0.1', dst: opts.dst ?? '224.0.0.5', proto, ttl: opts.ttl ?? 1, payload: h(payload) }));
const ip6 = (next: number, payload: string, hopLimit = 1) => E6(ipv6({ src: 'fe80::1', dst: 'ff02::5', nextHeader: next, hopLimit, payload: h(payload) }));
const u4 = (sport: number, dport: number, payload: string, dst = '224.0.0.9') => E4(ipv4({ src: '10.0.0.1', dst, ttl: 1, payload: udp({ sport, dport, payload: h(payload) }) }));
const u6 = (sport: number, dport: number, payload: string) => E6(ipv6({ src: 'fe80::1', dst: 'ff02::9', hopLimit: 1, payload: udp({ sport, dport, payload: h(payload) }) }));
const t4 = (sport: number, dport: number, payload: string) =>
  E4(ipv4({ src: '192.0.2.1', dst: '192.0.2.2', ttl: 64, payload: tcp({ sport, dport, flags: 'PA', seq: 1, ack: 1, window: 512, payload: h(payload) }) }));

const marker = 'ff'.repeat(16);

export const routing: Frame[] = [
  // OSPFv2 hello with a neighbor, and a router LSA in an LS-Update.
  ip(89, '02010030 01010101 00000000 0000 0000 0000000000000000 | ffffff00 000a 02 01 00000028 0a000001 00000000 02020202'),
  ip(89, '02040040 01010101 00000000 0000 0000 0000000000000000 | 00000001 | 0001 02 01 01010101 01010101 80000001 0000 0024 | 01 00 0001 0a000000 ffffff00 03 00 000a'),
  // OSPF with simple password authentication, and OSPFv3 hello.
  ip(89, '02010030 01010101 00000001 0000 0001 73656372657400ff | ffffff00 000a 12 01 00000028 0a000001 0a000002 02020202'),
  ip6(89, '03010024 01010101 00000000 0000 00 00 | 00000001 01000013 000a 0028 01010101 00000000'),
  // EIGRP hello: parameters and software version.
  ip(88, '0205 0000 00000000 00000000 00000000 0000 0064 | 0001 000c 0100010000 00 000f | 0004 0008 0c04 0102', { dst: '224.0.0.10' }),
  // EIGRP update with an internal route.
  ip(88, '0201 0000 00000000 00000001 00000000 0000 0064 | 0102 001c 00000000 00000a00 00000100 0005dc 01 ff 01 0000 18 0a0102', { dst: '224.0.0.10' }),
  // PIMv2 hello (checksummed), PIMv1 query in IGMP, auto-RP mapping.
  E4(ipv4({ src: '10.0.0.1', dst: '224.0.0.13', ttl: 1, payload: pimHello({}) })),
  ip(2, '14000000 00000000 10000069', { dst: '224.0.0.2' }),
  u4(496, 496, '12010096 00000000 | 0a000001 02 01 | 00 04 e0000000', '224.0.1.40'),
  // IGMP: v2 report, v3 report with a source, v3 query, DVMRP probe, mtrace.
  ip(2, '1600 0000 e0000101', { dst: '224.0.1.1' }),
  ip(2, '2200 0000 0000 0001 | 04 00 0001 e0000101 0a000063', { dst: '224.0.0.22' }),
  ip(2, '1164 0000 e0000101 02 7d 0001 0a000063', { dst: '224.0.0.1' }),
  ip(2, '1301 0000 00000a03 | 00000001 0a000002', { dst: '224.0.0.4' }),
  ip(2, '1f00 0000 e0000101 | 0a000001 0a000002 e0000009 40 000123', { dst: '224.0.0.2' }),
  // VRRPv2 with a simple password, VRRPv3 over IPv6.
  ip(112, '21 01 64 01 01 01 0000 0a0000fe 7365637265740000', { dst: '224.0.0.18', ttl: 255 }),
  ip6(112, '31 01 64 01 00 64 0000 fe800000000000000000000000000001', 255),
  // SCTP INIT, then DATA and SACK in one packet.
  E4(ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: 132, ttl: 64, payload: h('1388 0050 00000000 00000000 | 01 00 0014 00000001 00010000 000a 000a 00000001') })),
  E4(
    ipv4({
      src: '10.0.0.1',
      dst: '10.0.0.2',
      proto: 132,
      ttl: 64,
      payload: h('1388 0050 00000001 00000000 | 00 03 0014 00000001 0000 0000 00000000 61626364 | 03 00 0014 00000001 00010000 0001 0000 0002 0003'),
    }),
  ),
  // DCCP request with the extended sequence number.
  E4(ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: 33, ttl: 64, payload: h('1388 1389 05 00 0000 01 00 000000000001 | 00000007') })),
  // BGP: OPEN with capabilities and a KEEPALIVE; UPDATE with attributes and NLRI.
  t4(
    179,
    40000,
    marker + '002d 01 04 fde9 00b4 01010101 10 02 0e 01 04 0001 0001 02 00 41 04 0000fde9' + marker + '0013 04',
  ),
  t4(
    40000,
    179,
    marker + '0037 02 0000 0019 40 01 01 00 40 02 04 02 01 fde9 40 03 04 0a000001 80 04 04 00000000 | 10 0a01 18 c0a801',
  ),
  // BGP NOTIFICATION (cease, shutdown communication).
  t4(179, 40000, marker + '001a 03 06 02 04 62796521'),
  // RIPv2 response, RIPng response.
  u4(520, 520, '02020000 | 0002 0000 0a000000 ffffff00 00000000 00000001'),
  u6(521, 521, '02010000 | 20010db8000000000000000000000000 0000 40 01'),
  // BFD control (v1, Up), HSRP hello.
  u4(49153, 3784, '20c00318 00000001 00000002 000f4240 000f4240 00000000', '10.0.0.2'),
  u4(1985, 1985, '00001003 0a640100 636973636f000000 0a000001', '224.0.0.2'),
  // LDP hello.
  u4(646, 646, '0001 001e 01010101 0000 | 0100 0014 00000001 | 0400 0004 000f 0000 | 0401 0004 01010101', '224.0.0.2'),
  // PGM source path message.
  ip(113, '03e8 07d0 00 00 0000 010203040506 0000 | 00000001 00000000 00000001 0001 0000 0a000001', { dst: '239.1.1.1' }),
  // Babel hello, OLSR hello, AHCP discover.
  u6(6696, 6696, '2a02 0008 | 04 06 0000 0001 0190'),
  u4(698, 698, '001c 0001 | 01 86 0018 0a000001 01 00 0001 | 0000 05 03 | 06 00 0008 0a000002', '255.255.255.255'),
  u6(5359, 5359, '2b01 01 01 00000001 0011223344556677 8899aabbccddeeff | 00 00 0007 03 04 00000e10 00'),
  // RSVP-TE Path (session, hop, time values, label request, ERO, session attribute, sender, TSpec, RRO) and PathErr.
  ip(
    46,
    '10 01 0000 40 00 0090 | 0010 01 07 0a000002 0000 0001 0a000001 | 000c 03 01 0a000001 00000000 | 0008 05 01 00007530 | 0008 13 01 0000 0800 |' +
      ' 0014 14 01 01 08 0a000002 20 00 81 08 0a000003 20 00 | 000c cf 07 07 07 04 04 6c737031 | 000c 0b 07 0a000001 0000 0001 |' +
      ' 0024 0c 02 00 00 0007 01 00 0006 7f 00 0005 4b742400 47435000 4b742400 00000040 000005dc | 000c 15 01 01 08 0a000001 20 01',
    { dst: '10.0.0.2' },
  ),
  ip(46, '10 03 0000 40 00 0020 | 000c 01 01 0a000002 11 00 0050 | 000c 06 01 0a000001 00 18 0005', { dst: '10.0.0.2' }),
  // HNCP: endpoint, network state, node state holding a version TLV.
  u6(8231, 8231, '0003 0008 01020304 00000001 | 0004 0008 1122334455667788 | 0005 0020 01020304 00000007 00001388 8877665544332211 0020 0005 0000 0102 61 000000'),
  // IPv6 mobility binding update, minimal encapsulation, EGP hello, IGRP update, IPComp.
  ip6(135, '3b 01 05 00 0000 0001 a000 0010 01 02 0000'),
  ip(55, '0400 0000 0a000063 0a000001', { dst: '10.0.0.2' }),
  ip(8, '02 05 00 01 0000 fde9 0001 0000 0a000000', { dst: '10.0.0.2' }),
  ip(9, '11 01 0064 0001 0000 0000 0000 | 0a0000 000064 000100 05dc ff 01 00', { dst: '255.255.255.255' }),
  ip(108, '04 00 1234 0102030405060708', { dst: '10.0.0.2' }),
];
