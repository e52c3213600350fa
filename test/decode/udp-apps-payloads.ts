/**
 * Hand-built payloads of UDP application protocols the corpus holds little or none of:
 * SNMP PDUs of every kind, TFTP's opcodes, syslog's facilities, IKEv1/IKEv2 exchanges
 * and NAT-T. udp-apps-frames.test.ts prints each with tcpdump and with us.
 */

// ---- a little BER, enough for SNMP ----
function tlv(tag: number, body: Buffer | number[]): Buffer {
  const b = Buffer.from(body as Buffer);
  const len = b.length < 128 ? [b.length] : b.length < 256 ? [0x81, b.length] : [0x82, b.length >> 8, b.length & 255];
  return Buffer.concat([Buffer.from([tag, ...len]), b]);
}
const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
function int(v: number): Buffer {
  const out: number[] = [];
  let x = v;
  do {
    out.unshift(x & 255);
    x >>= 8;
  } while (x !== 0 && x !== -1);
  if (v >= 0 && out[0] & 0x80) out.unshift(0);
  if (v < 0 && !(out[0] & 0x80)) out.unshift(0xff);
  return tlv(0x02, out);
}
const str = (s: string | number[] | Buffer) => tlv(0x04, typeof s === 'string' ? Buffer.from(s, 'latin1') : s);
const nul = () => tlv(0x05, []);
function oid(text: string): Buffer {
  const n = text.split('.').map(Number);
  const out: number[] = [n[0] * 40 + n[1]];
  for (const v of n.slice(2)) {
    const b: number[] = [v & 0x7f];
    for (let x = v >>> 7; x; x >>>= 7) b.unshift((x & 0x7f) | 0x80);
    out.push(...b);
  }
  return tlv(0x06, out);
}
const app = (id: number, bytes: number[]) => tlv(0x40 | id, bytes);
const pdu = (id: number, ...items: Buffer[]) => tlv(0xa0 | id, Buffer.concat(items));
const vb = (name: string, value: Buffer) => seq(oid(name), value);
const sysDescr = '1.3.6.1.2.1.1.1.0';

const snmp: Buffer[] = [
  seq(int(0), str('public'), pdu(0, int(1234), int(0), int(0), seq(vb(sysDescr, nul()), vb('1.3.6.1.4.1.9.2.1.3.0', nul())))),
  seq(int(1), str('private'), pdu(1, int(-5), int(0), int(0), seq(vb('1.3.6.1.2.1.2.2.1.10', nul())))),
  seq(
    int(1),
    str('public'),
    pdu(
      2,
      int(77),
      int(0),
      int(0),
      seq(
        vb(sysDescr, str('Linux gw 6.1')),
        vb('1.3.6.1.2.1.2.2.1.10.1', app(1, [0x01, 0x02, 0x03])),
        vb('1.3.6.1.2.1.2.2.1.5.1', app(2, [0x3b, 0x9a, 0xca, 0x00])),
        vb('1.3.6.1.2.1.1.3.0', app(3, [0x00, 0xff, 0xff, 0xff, 0xff])),
        vb('1.3.6.1.2.1.4.20.1.1', app(0, [10, 0, 0, 1])),
        vb('1.3.6.1.2.1.31.1.1.1.6.1', app(6, [1, 2, 3, 4, 5, 6, 7, 8])),
        vb('1.3.6.1.2.1.1.2.0', oid('1.3.6.1.4.1.8072.3.2.10')),
        vb('1.3.6.1.2.1.1.9.0', tlv(0x80, [])),
        vb('1.3.6.1.2.1.1.9.1', tlv(0x81, [])),
        vb('1.3.6.1.2.1.1.9.2', tlv(0x82, [])),
        vb('1.3.6.1.2.1.2.2.1.6.1', str([0, 0x11, 0x22, 0x33, 0x44, 0x55])),
      ),
    ),
  ),
  seq(int(1), str('public'), pdu(2, int(78), int(2), int(1), seq(vb(sysDescr, nul())))),
  seq(int(1), str('public'), pdu(2, int(79), int(0), int(3), seq(vb(sysDescr, nul())))),
  seq(int(1), str('public'), pdu(2, int(80), int(25), int(0), seq(vb(sysDescr, nul())))),
  seq(int(1), str('public'), pdu(5, int(81), int(0), int(10), seq(vb('1.3.6.1.2.1.2.2', nul())))),
  seq(int(1), str('public'), pdu(3, int(82), int(0), int(0), seq(vb('1.3.6.1.2.1.1.5.0', str('gw1'))))),
  seq(int(0), str('public'), pdu(3, int(83), int(4), int(0), seq(vb('1.3.6.1.2.1.1.5.0', str('gw1'))))),
  seq(int(0), str('trap'), pdu(4, oid('1.3.6.1.4.1.9.1.1'), app(0, [192, 0, 2, 1]), int(6), int(17), app(3, [0x01, 0x00]), seq(vb('1.3.6.1.2.1.2.2.1.1.2', int(2))))),
  seq(int(0), str('public'), pdu(4, oid('1.3.6.1.6.3.1.1.5'), app(0, [192, 0, 2, 1]), int(2), int(0), app(3, [0x05]), seq())),
  seq(int(0), str('public'), pdu(4, oid('1.3.6.1.6.3.1.1.5'), app(0, [192, 0, 2, 1]), int(9), int(3), app(3, [0x05]), seq())),
  seq(int(1), str('public'), pdu(7, int(84), int(0), int(0), seq(vb('1.3.6.1.2.1.1.3.0', app(3, [0x10])), vb('1.3.6.1.6.3.1.1.4.1.0', oid('1.3.6.1.6.3.1.1.5.3'))))),
  seq(int(1), str('public'), pdu(6, int(85), int(0), int(0), seq())),
  seq(int(0), str('public'), pdu(5, int(86), int(0), int(0), seq())),
  seq(int(1), str('public'), pdu(4, int(86), int(0), int(0), seq())),
  seq(int(2), str('public'), pdu(0, int(1), int(0), int(0), seq())),
  seq(
    int(3),
    seq(int(4242), int(65507), str([0x04]), int(3)),
    str(seq(str([0x80, 0, 0x1f, 0x88, 0x04]), int(3), int(1234), str('admin'), str([]), str([]))),
    seq(str([0x80, 0, 0x1f, 0x88, 0x04]), str('ctx'), pdu(0, int(9), int(0), int(0), seq(vb(sysDescr, nul())))),
  ),
  seq(int(3), seq(int(1), int(1500), str([0x02]), int(3)), str(seq())),
  seq(int(3), seq(int(1), int(1500), str([0x07]), int(2)), str(seq())),
  seq(int(1), str('public'), pdu(0, int(1), int(0), int(0), seq(vb(sysDescr, str('x'))))),
  seq(int(1), str('public'), pdu(0, str('x'), int(0), int(0), seq())),
  seq(int(1), int(3)),
  int(5),
  Buffer.from([0x30, 0x84, 0, 0, 0, 3, 2, 1, 0]),
  Buffer.from([0x30, 0x05, 0x02, 0x00, 0x04, 0x00, 0x05]),
  Buffer.from([0x3f, 0x81, 0x01, 0x00]),
  seq(int(1), str('public'), tlv(0x1f, [])),
  seq(int(1), str('public'), pdu(2, int(1), int(0), int(0), seq(vb(sysDescr, tlv(0x01, [1])), vb(sysDescr, tlv(0x44, [1, 2])), vb(sysDescr, tlv(0xc0, [])), vb(sysDescr, tlv(0x23, [])), vb(sysDescr, tlv(0x64, []))))),
  Buffer.concat([seq(int(1), str('public'), pdu(0, int(1), int(0), int(0), seq())), Buffer.from([0, 0])]),
];

const b = (s: string) => Buffer.from(s, 'latin1');
const op = (n: number, rest: string) => Buffer.concat([Buffer.from([0, n]), b(rest)]);
const tftp: Buffer[] = [
  op(1, 'pxelinux.0\x00octet\x00'),
  op(1, 'boot/grub.cfg\x00netascii\x00blksize\x001428\x00tsize\x000\x00'),
  op(2, 'router-confg\x00octet\x00'),
  Buffer.concat([Buffer.from([0, 3, 0, 7]), Buffer.alloc(32, 0x41)]),
  Buffer.from([0, 4, 0x12, 0x34]),
  op(5, '\x00\x01File not found\x00'),
  op(5, '\x00\x09odd\x00'),
  op(6, 'blksize\x001428\x00tsize\x00\x00'),
  Buffer.from([0, 9, 1, 2]),
  op(1, 'no-terminator'),
  op(1, 'file\x00'),
  Buffer.from([0, 4, 1]),
  Buffer.from([0]),
  op(5, '\x00\x02'),
  op(1, 'a\x01\xe9\x00octet\x00'),
];
const syslog: Buffer[] = [
  b('<34>Oct 11 22:14:15 mymachine su: \'su root\' failed for lonvick on /dev/pts/8'),
  b('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3"] An application event'),
  b('<0>kernel panic'),
  b('<191>debug\ttab\x01ctl\xe9hi'),
  b('<1000>too big'),
  b('<abc>'),
  b('no pri'),
  b('<12'),
  b('<>empty'),
  b('<13>'),
];

// ---- IKE ----
/** A generic payload: next payload, flags, length, body. */
const pl = (np: number, body: Buffer | number[], critical = 0) => {
  const b = Buffer.from(body as Buffer);
  return Buffer.concat([Buffer.from([np, critical, (b.length + 4) >> 8, (b.length + 4) & 255]), b]);
};
const u16 = (v: number) => [v >> 8, v & 255];
const u32 = (v: number) => [v >>> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255];
const attrB = (t: number, v: number) => [0x80 | (t >> 8), t & 255, ...u16(v)];
const attrV = (t: number, v: number[]) => [t >> 8, t & 255, ...u16(v.length), ...v];
function ike(np: number, version: number, etype: number, flags: number, msgid: number, payloads: Buffer, rck = 0, ick = 0x1122334455667788n): Buffer {
  const h = Buffer.alloc(28);
  h.writeBigUInt64BE(ick, 0);
  h.writeBigUInt64BE(BigInt(rck), 8);
  h[16] = np;
  h[17] = version;
  h[18] = etype;
  h[19] = flags;
  h.writeUInt32BE(msgid, 20);
  h.writeUInt32BE(28 + payloads.length, 24);
  return Buffer.concat([h, payloads]);
}
const oakley = [...attrB(1, 7), ...attrB(14, 256), ...attrB(2, 4), ...attrB(3, 1), ...attrB(4, 14), ...attrB(11, 1), ...attrV(12, u32(28800)), ...attrB(4, 18), ...attrB(99, 5)];
const v1Transform = (np: number, no: number, id: number, attrs: number[]) => pl(np, [no, id, 0, 0, ...attrs]);
const v1Proposal = (np: number, no: number, proto: number, spi: number[], transforms: Buffer[]) => pl(np, Buffer.concat([Buffer.from([no, proto, spi.length, transforms.length, ...spi]), ...transforms]));
const v1Sa = (np: number, sit: number, proposals: Buffer[]) => pl(np, Buffer.concat([Buffer.from([...u32(1), ...u32(sit)]), ...proposals]));
const ikev1: Buffer[] = [
  ike(1, 0x10, 2, 0, 0, v1Sa(13, 1, [v1Proposal(0, 1, 1, [], [v1Transform(3, 1, 1, oakley), v1Transform(0, 2, 1, [...attrB(1, 5), ...attrB(2, 2)])])]).subarray(0), 0),
  ike(13, 0x10, 2, 0, 0, pl(0, Buffer.from('4048b7d56ebce88525e7de7f00d6c2d3', 'hex')), 0x99),
  ike(4, 0x10, 2, 0, 0, Buffer.concat([pl(10, new Array(128).fill(7)), pl(13, new Array(20).fill(9)), pl(0, Buffer.from('afcad71368a1f1c96b8696fc77570100', 'hex'))])),
  ike(5, 0x10, 2, 1, 0, Buffer.alloc(60, 0xaa), 0x99),
  ike(8, 0x10, 32, 0, 0x12345678, Buffer.concat([
    pl(1, new Array(20).fill(1)),
    v1Sa(10, 1, [v1Proposal(2, 1, 3, [0xde, 0xad, 0xbe, 0xef], [v1Transform(3, 1, 12, [...attrB(1, 1), ...attrV(2, u32(3600)), ...attrB(4, 1), ...attrB(5, 2), ...attrB(6, 256)]), v1Transform(0, 2, 3, [...attrB(4, 2), ...attrB(5, 1)])]), v1Proposal(0, 2, 2, [1, 2, 3, 4], [v1Transform(0, 1, 3, [...attrB(5, 2)])])]),
    pl(5, new Array(16).fill(3)),
    pl(5, [1, 17, ...u16(500), 192, 0, 2, 1]),
    pl(5, [4, 0, 0, 0, 10, 0, 0, 0, 255, 255, 255, 0]),
    pl(5, [2, 6, 0, 80, ...Buffer.from('vpn.example.com')]),
    pl(5, [3, 0, 0, 0, ...Buffer.from('user@example.com')]),
    pl(5, [5, 0, 0, 0, 0x20, 1, 0x0d, 0xb8, ...new Array(12).fill(0)]),
    pl(5, [7, 0, 0, 0, 10, 0, 0, 1, 10, 0, 0, 9]),
    pl(5, [1, 0, 0, 0, 10, 0]),
    pl(5, [9, 0, 0, 0, 0x30, 0x10]),
    pl(0, [11, 0, 0, 0, 1, 2, 3, 4]),
  ]), 0x99),
  ike(11, 0x10, 5, 0, 0x0badcafe, Buffer.concat([
    pl(11, [...u32(1), 1, 16, ...u16(24578), ...new Array(16).fill(0x42)]),
    pl(11, [...u32(1), 3, 4, ...u16(24576), 1, 2, 3, 4, ...attrB(11, 1), ...attrV(12, u32(3600))]),
    pl(11, [...u32(1), 3, 4, ...u16(24577), 1, 2, 3, 4, 0, 0, 0, 1]),
    pl(11, [...u32(1), 1, 0, ...u16(14)]),
    pl(11, [...u32(2), 1, 0, ...u16(9000)]),
    pl(11, [...u32(1), 1, 0, ...u16(40000)]),
    pl(12, [...u32(1), 3, 4, ...u16(2), 1, 2, 3, 4, 5, 6, 7, 8]),
    pl(6, [...u32(7), 1, 0, ...u16(0)]),
    pl(7, [4, 1, 2, 3]),
    pl(9, [1, 2, 3, 4]),
    pl(0, [1, 2, 3, 4, 5]),
  ]), 0x99),
  ike(1, 0x10, 2, 0, 0, v1Sa(0, 2, [v1Proposal(0, 1, 1, [], [v1Transform(0, 1, 1, [...attrB(1, 5)])])]), 0x77, 0x5555n),
  ike(1, 0x10, 2, 0, 0, v1Sa(0, 1, [v1Proposal(0, 1, 9, [], [v1Transform(0, 1, 1, [...attrV(1, [1, 2])])])])),
  ike(1, 0x10, 2, 0, 0, Buffer.concat([Buffer.from([0, 0, 0, 3])])),
  ike(20, 0x10, 99, 6, 0, pl(0, [1, 2, 3, 4])),
  ike(1, 0x10, 2, 0, 0, Buffer.from([0, 0, 0, 40, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 20, 1, 1, 0, 1, 0, 0, 0, 12, 1, 1, 0, 0, 0x80, 1])),
];
const v2Transform = (np: number, type: number, id: number, attrs: number[] = []) => pl(np, [type, 0, ...u16(id), ...attrs]);
const v2Proposal = (np: number, no: number, proto: number, spi: number[], transforms: Buffer[]) => pl(np, Buffer.concat([Buffer.from([no, proto, spi.length, transforms.length, ...spi]), ...transforms]));
const ikev2: Buffer[] = [
  ike(33, 0x20, 34, 0x08, 0, Buffer.concat([
    pl(34, Buffer.concat([
      v2Proposal(2, 1, 1, [], [v2Transform(3, 1, 12, attrB(14, 256)), v2Transform(3, 2, 2), v2Transform(3, 3, 2), v2Transform(3, 4, 14), v2Transform(3, 4, 19), v2Transform(0, 5, 0)]),
      v2Proposal(0, 2, 3, [1, 2, 3, 4], [v2Transform(0, 1, 3)]),
    ])),
    pl(40, [0, 14, 0, 0, ...new Array(32).fill(0x55)]),
    pl(41, new Array(32).fill(0x66)),
    pl(41, [1, 0, ...u16(16388), ...new Array(20).fill(0x11)]),
    pl(41, [0, 0, ...u16(16390), ...new Array(8).fill(0x12)]),
    pl(41, [3, 4, ...u16(16393), 1, 2, 3, 4]),
    pl(41, [0, 0, ...u16(9000)]),
    pl(41, [0, 0, ...u16(50000)]),
    pl(43, Buffer.from('strongSwan\x01')),
    pl(0, [1, 2, 3], 0x80),
  ])),
  ike(46, 0x20, 35, 0x08, 1, pl(0, new Array(80).fill(0x33))),
  ike(35, 0x20, 35, 0x20, 1, Buffer.concat([
    pl(36, [2, 0, 0, 0, ...Buffer.from('client.example')]),
    pl(39, [1, 0, 0, 0, 192, 0, 2, 1]),
    pl(37, [2, 0, 0, 0, ...new Array(40).fill(0x44)]),
    pl(44, [4, 0, 0, 0, 1, 2]),
    pl(45, [1, 0, 0, 0]),
    pl(42, [1, 0, 0, 0]),
    pl(38, [1, 0, 0, 0]),
    pl(47, [1, 0, 0, 0]),
    pl(48, [1, 0, 0, 0]),
    pl(20, [1, 0, 0, 0]),
    pl(0, [1, 0, 0, 0]),
  ])),
  ike(33, 0x20, 36, 0x00, 2, pl(0, Buffer.concat([v2Proposal(0, 1, 3, [1, 2, 3, 4, 5, 6], [v2Transform(0, 1, 12)])]))),
  ike(33, 0x20, 34, 0x08, 0, pl(0, [0, 0, 0, 3, 1])),
  ike(33, 0x20, 34, 0x08, 0, pl(0, [0, 0, 0, 12, 1, 1, 8, 1, 0, 0, 0, 9])),
  ike(34, 0x20, 34, 0x08, 0, pl(0, [0, 14, 0])),
];
const natt: Buffer[] = [
  Buffer.from([0xff]),
  Buffer.from([0, 0]),
  Buffer.concat([Buffer.alloc(4), ikev2[1]]),
  Buffer.concat([Buffer.from([0x12, 0x34, 0x56, 0x78, 0, 0, 0, 9]), Buffer.alloc(64, 0x5a)]),
];

export interface Case {
  name: string;
  sport: number;
  dport: number;
  payloads: Buffer[];
}

export const cases: Case[] = [
  { name: 'snmp', sport: 40000, dport: 161, payloads: snmp },
  { name: 'tftp', sport: 40001, dport: 69, payloads: tftp },
  { name: 'syslog', sport: 40002, dport: 514, payloads: syslog },
  { name: 'ikev1', sport: 500, dport: 500, payloads: ikev1 },
  { name: 'ikev2', sport: 500, dport: 500, payloads: ikev2 },
  { name: 'isakmp-natt', sport: 4500, dport: 4500, payloads: natt },
];

