import type { Case } from './udp-apps-payloads.js';

/**
 * Hand-built payloads for the options and attributes the corpus's DHCP, DHCPv6,
 * RADIUS, L2TP, NTP and Kerberos packets leave out, and SIP, VQP and Broadcom's LI shim. udp-apps-frames.test.ts prints
 * each with tcpdump and with us.
 */

const u16 = (v: number) => [v >> 8, v & 255];
const u32 = (v: number) => [v >>> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255];
const s = (t: string) => [...Buffer.from(t, 'latin1')];
const ip = (a: string) => a.split('.').map(Number);
const ip6 = (a: string) => [...Buffer.from(a.replace(/:/g, ''), 'hex')];

// ---- BOOTP/DHCP ----
const opt = (tag: number, body: number[]) => [tag, body.length, ...body];
function bootp(op: number, options: number[], f: { htype?: number; hlen?: number; hops?: number; flags?: number; ciaddr?: string; giaddr?: string; sname?: string; file?: string; vend?: number[] } = {}): Buffer {
  const b = Buffer.alloc(236);
  b[0] = op;
  b[1] = f.htype ?? 1;
  b[2] = f.hlen ?? 6;
  b[3] = f.hops ?? 0;
  b.writeUInt32BE(0x3903f326, 4);
  b.writeUInt16BE(3, 8);
  b.writeUInt16BE(f.flags ?? 0, 10);
  if (f.ciaddr) Buffer.from(ip(f.ciaddr)).copy(b, 12);
  Buffer.from(ip('192.168.1.50')).copy(b, 16);
  if (f.giaddr) Buffer.from(ip(f.giaddr)).copy(b, 24);
  Buffer.from([0x00, 0x0c, 0x29, 0x1f, 0x74, 0x06]).copy(b, 28);
  if (f.sname) Buffer.from(f.sname, 'latin1').copy(b, 44);
  if (f.file) Buffer.from(f.file, 'latin1').copy(b, 108);
  return Buffer.concat([b, Buffer.from(f.vend ?? [99, 130, 83, 99, ...options])]);
}
const dhcp: Buffer[] = [
  bootp(1, [
    ...opt(53, [1]), ...opt(61, [1, 0x00, 0x0c, 0x29, 0x1f, 0x74, 0x06]), ...opt(12, s('laptop')), ...opt(60, s('MSFT 5.0')),
    ...opt(55, [1, 3, 6, 15, 31, 33, 43, 44, 46, 47, 119, 121, 249, 252, 200]), ...opt(57, u16(1500)),
    ...opt(81, [0x05, 0, 0, ...s('laptop.example.com')]), ...opt(50, ip('192.168.1.50')), 0, 0, 255,
  ], { flags: 0x8000 }),
  bootp(2, [
    ...opt(53, [5]), ...opt(54, ip('192.168.1.1')), ...opt(51, u32(86400)), ...opt(58, u32(43200)), ...opt(59, u32(75600)),
    ...opt(1, ip('255.255.255.0')), ...opt(3, [...ip('192.168.1.1'), ...ip('192.168.1.2')]), ...opt(6, ip('9.9.9.9')),
    ...opt(15, s('example.com')), ...opt(2, u32(0xffff8f80)), ...opt(121, [24, 10, 1, 2, 192, 168, 1, 1, 0, 192, 168, 1, 1, 32, 10, 0, 0, 1, 192, 168, 1, 9]),
    ...opt(249, [8, 10, 192, 168, 1, 1]), ...opt(33, [...ip('10.9.0.0'), ...ip('192.168.1.1')]), ...opt(19, [0, 1, 7]),
    ...opt(46, [8]), ...opt(52, [3]), ...opt(43, [1, 4, 0, 0, 0, 1]), ...opt(150, ip('10.0.0.5')), ...opt(44, ip('10.0.0.6')),
    ...opt(26, u16(1400)), ...opt(23, [64]), ...opt(31, [1]), ...opt(66, s('tftp.example')), ...opt(67, s('pxelinux.0')),
    ...opt(200, [1, 2, 3]), ...opt(201, [1, 2]), ...opt(202, [1, 2, 3, 4]), ...opt(203, [1, 2, 3, 4, 5, 6]), 255,
  ], { ciaddr: '192.168.1.50', sname: 'server1', file: 'boot/pxelinux.0' }),
  bootp(1, [
    ...opt(53, [3]), ...opt(82, [1, 4, ...s('eth0'), 2, 6, 0, 1, 2, 3, 4, 5, 6, 3, ...s('sub'), 9, 2, 1, 2]),
    ...opt(77, [7, ...s('subopt1'), 3, ...s('abc')]), ...opt(61, [0, ...s('client-1')]), ...opt(61, [27, 1, 2]),
    ...opt(81, [0xf1, 1, 2, ...s('x')]), ...opt(81, [0]), ...opt(121, [40, 1]), ...opt(121, [24, 10, 1, 2, 192]),
    ...opt(77, [0]), ...opt(77, [5, 1]), ...opt(46, []), ...opt(82, [1, 9, 1]), ...opt(53, [99]), ...opt(53, [1, 2]), 255,
  ], { giaddr: '10.0.0.1', hops: 1 }),
  bootp(1, [], { htype: 6, hlen: 8, vend: [...s('CMU'), 0, 0, 0, 0, 3, ...ip('255.255.0.0'), ...ip('10.1.0.1'), ...ip('10.1.0.2'), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...ip('10.1.0.7'), 0, 0, 0, 0] }),
  bootp(2, [], { vend: [1, 2, 3, 4] }),
  bootp(3, [], { vend: [0, 0, 0, 0] }),
  bootp(1, [...opt(53, [8]), 0, 0, 0, ...opt(12, s('a'))]),
];

// ---- DHCPv6 ----
const o6 = (code: number, body: number[]) => [...u16(code), ...u16(body.length), ...body];
const addr6 = ip6('2001:0db8:0000:0000:0000:0000:0000:0042');
const dhcp6: Buffer[] = [
  Buffer.from([1, 0x12, 0x34, 0x56,
    ...o6(1, [0, 1, 0, 1, ...u32(0x1f2e3d4c), 0x00, 0x0c, 0x29, 0x1f, 0x74, 0x06]), ...o6(6, [0, 23, 0, 24, 0, 31, 0, 56, 0, 64]),
    ...o6(8, [0, 0]), ...o6(3, [...u32(7), ...u32(3600), ...u32(5400), ...o6(5, [...addr6, ...u32(7200), ...u32(10800)])]),
    ...o6(25, [...u32(8), ...u32(0), ...u32(0), ...o6(26, [...u32(100), ...u32(200), 56, ...ip6('2001:0db8:aaaa:bb00:0000:0000:0000:0000')])]),
    ...o6(14, []), ...o6(20, []), ...o6(16, [0, 0, 0, 9, 0, 4, ...s('abcd')]), ...o6(39, [1, 0])]),
  Buffer.from([7, 0x12, 0x34, 0x56,
    ...o6(2, [0, 2, ...u32(9), 1, 2, 3, 4]), ...o6(1, [0, 3, 0, 1, 0x00, 0x0c, 0x29, 0x1f, 0x74, 0x06]), ...o6(13, [0, 0, ...s('ok')]),
    ...o6(23, [...addr6, ...addr6]), ...o6(24, [7, ...s('example'), 3, ...s('com'), 0, 3, ...s('lan'), 0]),
    ...o6(56, [0, 1, 0, 16, ...addr6, 0, 3, 0, 9, 3, ...s('ntp'), 3, ...s('org'), 0, 0, 9, 0, 0]),
    ...o6(64, [4, ...s('aftr'), 3, ...s('isp'), 0]), ...o6(41, s('EST5EDT')), ...o6(112, s('https://mud')),
    ...o6(7, [255]), ...o6(32, u32(3600)), ...o6(11, [3, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]),
    ...o6(11, [2, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8]), ...o6(11, [9, 9, 9, 1, 2, 3, 4, 5, 6, 7, 8]), ...o6(19, [5]), ...o6(19, [9]),
    ...o6(2, [0, 9, 1]), ...o6(2, [0]), ...o6(13, [1, 44]), ...o6(999, [1, 2])]),
  Buffer.from([12, 1, ...addr6, ...ip6('fe80:0000:0000:0000:0000:0000:0000:0001'),
    ...o6(18, s('ge-0/0/1.100')), ...o6(37, [...u32(9), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    ...o6(9, [11, 0xaa, 0xbb, 0xcc, ...o6(8, [0, 5])]), ...o6(38, s('sub'))]),
  Buffer.from([14, 1, 2, 3, ...o6(44, [1, ...addr6, ...o6(6, [0, 23])]), ...o6(45, o6(32, u32(5))), ...o6(47, [...addr6, 1, 2]), ...o6(48, addr6)]),
  Buffer.from([13, 0, ...addr6]),
  Buffer.from([11, 0, 0, 1, ...o6(8, [0, 5]), 0, 8, 0, 40, 1]),
  Buffer.from([5, 0, 0]),
];

// ---- RADIUS ----
const attr = (t: number, body: number[]) => [t, body.length + 2, ...body];
function radius(code: number, attrs: number[]): Buffer {
  const len = 20 + attrs.length;
  return Buffer.from([code, 7, ...u16(len), ...new Array(16).fill(0).map((_, i) => i * 17), ...attrs]);
}
const rad: Buffer[] = [
  radius(1, [
    ...attr(1, s('alice')), ...attr(4, ip('10.0.0.1')), ...attr(5, u32(7)), ...attr(6, u32(2)), ...attr(7, u32(1)),
    ...attr(8, u32(0xffffffff)), ...attr(14, u32(0xfffffffe)), ...attr(61, u32(15)), ...attr(31, s('00-11-22-33-44-55')),
    ...attr(26, [...u32(9), 1, 12, ...s('shell:priv'), 250, 2]), ...attr(26, [...u32(99999), 1, 1]), ...attr(26, [...u32(311), 1, 40]),
    ...attr(27, u32(45)), ...attr(28, u32(600)), ...attr(46, u32(4000)), ...attr(64, [1, 0, 0, 13]), ...attr(65, [0, 0, 0, 6]),
    ...attr(81, [1, ...s('vlan100')]), ...attr(66, s('10.1.1.1')), ...attr(69, [3, 0x12, 0x34, ...s('pw')]), ...attr(83, [2, 0, 0, 5]),
    ...attr(56, [0x31, 0, 0, 100]), ...attr(58, [0x32, ...s('guest')]), ...attr(23, u32(0xfffffffe)), ...attr(37, u32(0)), ...attr(38, u32(0)),
    ...attr(55, u32(1700000000)), ...attr(95, addr6), ...attr(97, [0, 64, 0x20, 0x01, 0x0d, 0xb8]), ...attr(97, [0, 200]), ...attr(97, [0, 72, 1]),
    ...attr(123, [0, 48, 0x20, 0x01, 0x0d, 0xb8, 0, 1]), ...attr(124, [0, 0, 1, 0, 0, 0, 0, 3]), ...attr(125, [64, ...addr6]),
    ...attr(126, [0x31, ...s('example.net')]), ...attr(101, u32(404)), ...attr(101, u32(7)), ...attr(70, new Array(16).fill(0xab)),
    ...attr(71, [1, 8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), ...attr(84, [1, 2, 3, 4, 5, 6, 7, 8]), ...attr(129, [0x80, 1, ...new Array(8).fill(0), ...s('note')]),
    ...attr(127, [0, 1, 0, 1, ...new Array(16).fill(0), ...s('gps')]), ...attr(128, [0, 1, 1, 2, 3, 4]), ...attr(12, u32(1)), ...attr(12, [1, 2]),
    ...attr(2, new Array(16).fill(1)), ...attr(200, [1, 2]), ...attr(0, [1]), ...attr(80, new Array(16).fill(0x41)),
  ]),
  radius(2, [...attr(18, s('Welcome')), ...attr(25, s('class\x00x')), ...attr(44, s('sess-1'))]),
  radius(4, [...attr(40, u32(1)), ...attr(45, u32(1)), ...attr(49, u32(1)), ...attr(41, u32(3)), ...attr(42, u32(123456))]),
  radius(99, []),
  radius(3, [1, 1]),
  radius(3, [1, 40, 0]),
  Buffer.from([1, 1, 0, 10, ...new Array(16).fill(0)]),
];

// ---- L2TP ---- (control messages: a data message's PPP frame is the PPP printer's)
const avp = (type: number, body: number[], flags = 0x8000, vendor = 0) => [...u16(flags | (body.length + 6)), ...u16(vendor), ...u16(type), ...body];
function l2tp(avps: number[], flags = 0xc802): Buffer {
  const len = 12 + avps.length;
  return Buffer.from([...u16(flags), ...u16(len), ...u16(5), ...u16(0), ...u16(1), ...u16(2), ...avps]);
}
const l2tpMsgs: Buffer[] = [
  l2tp([...avp(0, [0, 1]), ...avp(2, [1, 0]), ...avp(3, u32(3)), ...avp(4, u32(3)), ...avp(5, [1, 2, 3, 4, 5, 6, 7, 8]), ...avp(6, [0x6, 0x90]),
    ...avp(7, s('lac1')), ...avp(8, s('Vendor')), ...avp(9, [0, 5]), ...avp(10, [0, 16]), ...avp(11, [1, 2, 3, 4])]),
  l2tp([...avp(0, [0, 4]), ...avp(1, [0, 2, 0, 6, ...s('bye')]), ...avp(1, [0, 1]), ...avp(1, [0, 1, 0]), ...avp(14, [0, 9]), ...avp(15, u32(77)),
    ...avp(16, u32(64000)), ...avp(18, u32(1)), ...avp(19, u32(2)), ...avp(20, []), ...avp(21, s('5551234')), ...avp(24, u32(10000000)),
    ...avp(29, [0, 2]), ...avp(32, [0, 7]), ...avp(34, [0, 0, ...u32(1), ...u32(2), ...u32(3), ...u32(4), ...u32(5), ...u32(6)]),
    ...avp(35, [0, 0, ...u32(0xffffffff), ...u32(0)]), ...avp(46, [0, 1, 0xc0, 0x21, 1, ...s('lcp')]), ...avp(12, [0, 16, 1, ...s('msg')]),
    ...avp(13, new Array(16).fill(3)), ...avp(39, []), ...avp(99, [1]), ...avp(5, [1], 0xc000), ...avp(7, s('x'), 0x8000, 9), ...avp(34, [0, 0, 1])]),
  l2tp([], 0xc802),
  l2tp([...avp(0, [0, 6])], 0x8802),
  Buffer.from([0xca, 0x02, 0, 40, 0, 1, 0, 2, 0, 0, 0, 0]),
  Buffer.from([0x00, 0x01, 0, 0]),
  Buffer.from([0x00, 0x05, 0, 0]),
  Buffer.from([0xc2, 0x02, 0, 14, 0, 5, 0, 0, 0, 2, 0xff, 0xff, 0, 0]),
];

// ---- NTP ----
function ntpTime(mode: number, stratum: number, length = 48, refid = ip('10.0.0.1')): Buffer {
  const b = Buffer.alloc(Math.max(length, 48));
  b[0] = 0x20 | mode | 0x40;
  b[1] = stratum;
  b[2] = 0xfa;
  b[3] = 0xec;
  b.writeUInt32BE(0x00012345, 4);
  b.writeUInt32BE(0x0000abcd, 8);
  Buffer.from(refid).copy(b, 12);
  b.writeUInt32BE(0xe8c2e3a0, 16);
  b.writeUInt32BE(0x12345678, 20);
  b.writeUInt32BE(0xe8c2e3b0, 24);
  b.writeUInt32BE(0x80000000, 28);
  b.writeUInt32BE(0xe8c2e3b0, 32);
  b.writeUInt32BE(0x40000000, 36);
  b.writeUInt32BE(0xe8c2e3af, 40);
  b.writeUInt32BE(0xf0000000, 44);
  if (length > 48) b.fill(0x5a, 48);
  return b.subarray(0, length);
}
const ntp: Buffer[] = [
  ntpTime(3, 0), ntpTime(4, 1, 48, s('GPS\0')), ntpTime(4, 2, 52), ntpTime(4, 3, 68), ntpTime(4, 16, 72), ntpTime(1, 62), ntpTime(2, 63),
  ntpTime(5, 4, 60), ntpTime(4, 200, 40),
  Buffer.from([0x16, 0x02, 0, 1, 0x06, 0x15, 0, 0, 0, 0, 0, 0]),
  Buffer.from([0x16, 0x82 | 0x40 | 0x20, 0, 2, 0x06, 0x15, 0, 3, 0, 0, 0, 4, 1, 2, 3, 4]),
  Buffer.from([0x16, 0x82, 0, 2, 0, 0, 0, 3, 0, 0, 0, 40, 1, 2]),
  Buffer.from([0x16, 0x82]),
  Buffer.from([0x1f]),
];

// ---- Kerberos ----
const krb: Buffer[] = [
  Buffer.from([4, 2, ...s('alice\0\0ATHENA.MIT.EDU\0'), 0, 0, 0, 0, 96, ...s('krbtgt\0ATHENA.MIT.EDU\0')]),
  Buffer.from([4, 7, ...s('bob\0x\0R\0'), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0x20, 0x01]),
  Buffer.from([4, 6, 0, 5, ...s('rcmd\0'), 1, 2]),
  Buffer.from([4, 10, ...s('u\0i\0R\0'), 1, 2, 3, 4, 0, 0, 0, 8, ...s('unknown principal\0')]),
  Buffer.from([4, 11, ...s('u\0i\0R\0'), 1, 2, 3, 4, 8, 0, 0, 0, ...s('x\0')]),
  Buffer.from([4, 14]),
  Buffer.from([3]),
  Buffer.from([106, 1, 2]),
  Buffer.from([9]),
];

// ---- SIP ----
const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');
const sip: Buffer[] = [
  crlf(['INVITE sip:bob@example.com SIP/2.0', 'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds', 'Max-Forwards: 70', 'To: Bob <sip:bob@example.com>', 'Call-ID: a84b4c76e66710', 'CSeq: 314159 INVITE', 'Content-Length: 0', '', '']),
  crlf(['SIP/2.0 200 OK', 'Via: SIP/2.0/UDP 192.0.2.1:5060', 'Content-Type: application/sdp', '', 'v=0', 'o=bob 2890844527 2890844527 IN IP4 192.0.2.2', '']),
  crlf(['register sip:example.com SIP/2.0', 'Expires: 3600', '']),
  crlf(['SIP/2.0 4041 Odd', '']),
  crlf(['HELLO there', '']),
  Buffer.from('OPTIONS sip:x SIP/2.0\r\nBad: \x01binary\r\n', 'latin1'),
  Buffer.from('OPTIONS sip:x SIP/2.0\rX', 'latin1'),
  Buffer.from('OPTIONS sip:x SIP/2.0 no line end', 'latin1'),
  Buffer.from('\x80INVITE', 'latin1'),
  Buffer.from(' INVITE sip:x\n', 'latin1'),
  Buffer.from('x'.repeat(140) + ' 200\n', 'latin1'),
  Buffer.from('NOTIFY\tsip:x SIP/2.0\nEvent: dialog\n\n', 'latin1'),
];

// ---- VQP ----
const vqpObj = (type: number, body: number[]) => [...u32(type), ...u16(body.length), ...body];
const vqp: Buffer[] = [
  Buffer.from([1, 1, 0, 6, ...u32(0x1234), ...vqpObj(0x0c01, ip('10.0.0.9')), ...vqpObj(0x0c02, s('Fa0/1')), ...vqpObj(0x0c03, s('')),
    ...vqpObj(0x0c04, s('campus')), ...vqpObj(0x0c06, [0, 1, 2, 3, 4, 5]), ...vqpObj(0x0c08, [0, 1, 2, 3, 4, 5])]),
  Buffer.from([1, 2, 3, 2, ...u32(0x1234), ...vqpObj(0x0c03, s('guests')), ...vqpObj(0x0c99, [1, 2, 3])]),
  Buffer.from([1, 4, 9, 1, ...u32(1), ...vqpObj(0x0c01, [1, 2])]),
  Buffer.from([1, 3, 0, 3, ...u32(1), ...vqpObj(0x0c08, [1, 2, 3])]),
  Buffer.from([1, 3, 0, 2, ...u32(1), ...vqpObj(0, [])]),
  Buffer.from([1, 3, 0, 2, ...u32(1), ...vqpObj(0x0c02, [0x41, 0x42]).slice(0, 5)]),
  Buffer.from([1, 3, 0, 2, ...u32(1), ...vqpObj(0x0c02, s('toolong')).slice(0, 9)]),
  Buffer.from([2, 1, 0, 0, 0, 0, 0, 0]),
  Buffer.from([1, 1, 0]),
];

// ---- Broadcom LI shim (an ARP frame in it: its text does not change with -v) ----
const arpFrame = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 1, 2, 3, 4, 5, 0x08, 0x06, 0, 1, 8, 0, 6, 4, 0, 1, 0, 1, 2, 3, 4, 5, ...ip('10.0.0.1'), 0, 0, 0, 0, 0, 0, ...ip('10.0.0.2')];
const bcmLi: Buffer[] = [
  Buffer.from([...u32((3 << 29) | (7 << 25) | (3 << 22) | 42), ...arpFrame]),
  Buffer.from([...u32((2 << 29) | (4 << 25) | 77), 0x10, 1, 2]),
  Buffer.from([...u32((1 << 29) | (9 << 25) | 1), 1, 2]),
  Buffer.from([1, 2]),
];

export const cases: Case[] = [
  { name: 'dhcp', sport: 68, dport: 67, payloads: dhcp },
  { name: 'dhcp6', sport: 546, dport: 547, payloads: dhcp6 },
  { name: 'radius', sport: 40005, dport: 1812, payloads: rad },
  { name: 'l2tp', sport: 1701, dport: 1701, payloads: l2tpMsgs },
  { name: 'ntp', sport: 123, dport: 123, payloads: ntp },
  { name: 'krb', sport: 40006, dport: 88, payloads: krb },
  { name: 'sip', sport: 5060, dport: 5060, payloads: sip },
  { name: 'vqp', sport: 1589, dport: 1589, payloads: vqp },
  { name: 'bcm-li', sport: 49152, dport: 40007, payloads: bcmLi },
];
