import { EtherType, ethernet, ipv4, ipv6, icmpEcho, udp } from '../../samples/frames.js';
import type { Frame } from './referee-frames.js';

/**
 * Hand-built link-layer frames for what the corpus holds little of: LLDP's
 * organisation TLVs, CDP's addresses, LACP and OAM, PPPoE discovery and PPP's control
 * protocols, MPLS stacks, QinQ, EAPOL, CFM, MACsec, Cisco HDLC, frame relay LMI.
 * l2-frames.test.ts prints each with tcpdump and with us, whole and cut short.
 */

const A = '00:11:22:33:44:55';
const B = '01:80:c2:00:00:0e';
const hex = (s: string) => Buffer.from(s.replace(/[^0-9a-f]/gi, ''), 'hex');
const cat = (...parts: (Buffer | string)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? hex(p) : p)));
const u16 = (v: number) => Buffer.from([v >> 8, v & 255]);
const u32 = (v: number) => Buffer.from([v >>> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255]);
const text = (s: string) => Buffer.from(s, 'latin1');
const E = (type: number, payload: Buffer, vlan?: number | { id: number; tpid?: number; pcp?: number; dei?: boolean }[]): Frame => ({
  linkType: 1,
  bytes: ethernet({ dst: B, src: A, type, payload, vlan }),
});
/** An 802.3 frame: length field, LLC header, payload. */
const llc = (dst: string, payload: Buffer): Frame => {
  const h = Buffer.alloc(14);
  hex(dst.replace(/:/g, '')).copy(h, 0);
  hex(A.replace(/:/g, '')).copy(h, 6);
  h.writeUInt16BE(payload.length, 12);
  return { linkType: 1, bytes: Buffer.concat([h, payload]) };
};
const snapCisco = (pid: number, payload: Buffer) => cat('aaaa03 00000c', u16(pid), payload);

/** An LLDP TLV: 7 bits of type, 9 of length. */
const tlv = (type: number, value: Buffer) => cat(u16((type << 9) | value.length), value);
const org = (oui: string, sub: number, value: Buffer) => tlv(127, cat(oui, Buffer.from([sub]), value));

const lldp = cat(
  tlv(1, cat('04', A.replace(/:/g, ''))),
  tlv(2, cat('05', text('ge-0/0/1'))),
  tlv(3, u16(120)),
  tlv(4, text('uplink to core')),
  tlv(5, text('sw1.example')),
  tlv(6, text('Switch OS 1.2\nbuild 7')),
  tlv(7, cat(u16(0x0014), u16(0x0004))),
  tlv(8, cat('05 01 c0a80101', '02 00000003', '06 2b0601020101')),
  org('0080c2', 1, u16(10)),
  org('0080c2', 2, cat('06', u16(20))),
  org('0080c2', 3, cat(u16(30), '05', text('voice'))),
  org('0080c2', 7, cat('03', u32(1000))),
  org('00120f', 1, cat('03', u16(0x6c01), u16(30))),
  org('00120f', 2, cat('0f', '01', '03')),
  org('00120f', 4, u16(9216)),
  org('0012bb', 1, cat(u16(0x003f), '04')),
  org('0012bb', 2, cat('01', '40 c8 ae')),
  org('0012bb', 3, cat('02', '0b', '02', text('US'), '03', '04', text('Oslo'), '06', '02', text('Rd'))),
  org('0012bb', 4, cat('51', u16(155))),
  org('0012bb', 5, text('rev A')),
  org('001b21', 2, cat(tlv(1, cat('00 00', u32(7), u32(6))), tlv(3, cat('00 00 80 00 0f 08')))),
  org('00005e', 1, text('https://example.com/mud')),
  org('00904c', 1, text('xyz')),
  tlv(0, Buffer.alloc(0)),
);

const cdpTlv = (type: number, value: Buffer) => cat(u16(type), u16(value.length + 4), value);
const cdp = cat(
  '02 b4 0000',
  cdpTlv(1, text('router1')),
  cdpTlv(2, cat(u32(2), '01 01 cc', u16(4), '0a000001', '02 08 aaaa0300000086dd', u16(16), '20010db8000000000000000000000001')),
  cdpTlv(3, text('GigabitEthernet0/1')),
  cdpTlv(4, u32(0x29)),
  cdpTlv(5, text('Cisco IOS Software\nVersion 15.2')),
  cdpTlv(6, text('cisco C2960')),
  cdpTlv(7, cat('0a000000 18', 'c0a80000 10')),
  cdpTlv(9, text('lab')),
  cdpTlv(0x0a, u16(1)),
  cdpTlv(0x0b, hex('01')),
  cdpTlv(0x10, u16(15400)),
  cdpTlv(0x11, u32(1500)),
  cdpTlv(0x16, cat(u32(1), '01 01 cc', u16(4), 'c0a80001')),
  cdpTlv(0x1a, hex('01020304')),
);

const lacpInfo = (type: number, prio: number, key: number, port: number, state: number) =>
  cat(Buffer.from([type, 20]), u16(prio), A.replace(/:/g, ''), u16(key), u16(128), u16(port), Buffer.from([state]), '000000');
const lacp = cat('01 01', lacpInfo(1, 32768, 13, 5, 0x3d), lacpInfo(2, 32768, 7, 9, 0x45), '03 10', u16(50), Buffer.alloc(12), '00 00', Buffer.alloc(50));
const marker = cat('02 01', '01 10', u16(3), A.replace(/:/g, ''), u32(0x1234), '0000', '00 00', Buffer.alloc(90));
const oamInfo = (t: number) => cat(Buffer.from([t, 16, 1]), u16(2), '00 15', u16(1518), '00120f', u32(7));
const oam = cat('03', u16(0x0050), '00', oamInfo(1), oamInfo(2), '00 00', Buffer.alloc(20));

const pppoeTag = (type: number, value: Buffer) => cat(u16(type), u16(value.length), value);
const pppoe = (code: number, session: number, payload: Buffer) => cat('11', Buffer.from([code]), u16(session), u16(payload.length), payload);
const lcp = (code: number, id: number, data: Buffer) => cat('c021', Buffer.from([code, id]), u16(data.length + 4), data);
const ipcp = (code: number, id: number, data: Buffer) => cat('8021', Buffer.from([code, id]), u16(data.length + 4), data);

const mplsLabel = (label: number, tc: number, s: boolean, ttl: number) => u32((label << 12) | (tc << 9) | (s ? 0x100 : 0) | ttl);
const ping = ipv4({ src: '10.1.1.1', dst: '10.2.2.2', payload: icmpEcho({ id: 7, seq: 1 }) });
const ping6 = ipv6({ src: '2001:db8::1', dst: '2001:db8::2', payload: udp({ sport: 5000, dport: 6000, payload: Buffer.alloc(8) }) });

const eap = (code: number, id: number, data: Buffer) => cat(Buffer.from([code, id]), u16(data.length + 4), data);
const eapol = (type: number, body: Buffer) => cat('02', Buffer.from([type]), u16(body.length), body);

/** A long DDP header (length, checksum, nets, nodes, sockets, type) and its payload. */
const ddp = (type: number, payload: Buffer) => cat(u16(13 + payload.length), '0000', u16(0), u16(0x10), 'ff 44 fd fd', Buffer.from([type]), payload);

const ccm = cat(
  '60 01 04 46',
  u32(77),
  u16(12),
  '04 05',
  text('mdnam'),
  '02 04',
  text('ma01'),
  Buffer.alloc(48 - 13),
  Buffer.alloc(16),
  '02 0001 02',
  '04 0001 01',
  '01 0009 07 04',
  A.replace(/:/g, ''),
  '00',
  '00',
);

export const l2Frames: Frame[] = [
  E(0x88cc, lldp),
  llc('01:00:0c:cc:cc:cc', snapCisco(0x2000, cdp)),
  llc('01:80:c2:00:00:00', cat('424203', '0000 02 02 3c', '8000', A.replace(/:/g, ''), u32(4), '8001', A.replace(/:/g, ''), '8002', u16(0), u16(20 * 256), u16(2 * 256), u16(15 * 256), '00')),
  E(0x8809, lacp),
  E(0x8809, marker),
  E(0x8809, oam),
  E(0x8809, cat('0a 01 02 03')),
  E(0x8863, pppoe(0x09, 0, cat(pppoeTag(0x0101, Buffer.alloc(0)), pppoeTag(0x0103, hex('01020304'))))),
  E(0x8863, pppoe(0x07, 0, cat(pppoeTag(0x0102, text('bras-1')), pppoeTag(0x0101, text('internet')), pppoeTag(0x0104, hex('00ff00ff00ff00ff'))))),
  E(0x8863, pppoe(0xa7, 0x1234, Buffer.alloc(0))),
  E(0x8864, pppoe(0, 0x1234, lcp(1, 1, cat('01 04 05d4', '05 06 0a0b0c0d', '03 05 c223 05', '07 02', '08 02', '11 04 05dc', '13 09 03', A.replace(/:/g, ''))))),
  E(0x8864, pppoe(0, 0x1234, lcp(9, 2, cat(u32(0x0a0b0c0d), 'deadbeef')))),
  E(0x8864, pppoe(0, 0x1234, ipcp(1, 3, cat('03 06 0a000002', '81 06 08080808', '83 06 08080404')))),
  E(0x8864, pppoe(0, 0x1234, cat('c023 01 04', u16(16), '04', text('user'), '06', text('secret')))),
  E(0x8864, pppoe(0, 0x1234, cat('c223 01 05', u16(21), '04 01020304', text('bras-1-server')))),
  E(0x8864, pppoe(0, 0x1234, cat('0021', ping))),
  E(0x8847, cat(mplsLabel(16, 0, false, 64), mplsLabel(3001, 5, true, 63), ping)),
  E(0x8847, cat(mplsLabel(2, 0, true, 1), ping6)),
  E(0x8847, cat(mplsLabel(100, 0, true, 9), 'aabbccdd')),
  E(EtherType.IPV4, ipv4({ src: '192.0.2.1', dst: '192.0.2.2', payload: udp({ sport: 1000, dport: 2000, payload: Buffer.alloc(4) }) }), [
    { id: 100, tpid: 0x88a8, pcp: 5, dei: true },
    { id: 200 },
  ]),
  E(0x888e, eapol(1, Buffer.alloc(0))),
  E(0x888e, eapol(0, eap(1, 1, cat('01', text('hello'))))),
  E(0x888e, eapol(0, eap(2, 1, cat('01', text('alice@example'))))),
  E(0x888e, eapol(0, eap(1, 2, cat('0d 20')))),
  E(0x888e, eapol(0, eap(2, 2, cat('15 80', u32(1000))))),
  E(0x888e, eapol(0, eap(3, 2, Buffer.alloc(0)))),
  E(0x888e, eapol(3, cat('02 008a 0010', Buffer.alloc(90)))),
  E(0x8902, ccm),
  E(0x8902, cat('60 05 00 11', u32(9), '05', A.replace(/:/g, ''), '01:80:c2:00:00:38'.replace(/:/g, ''), '00')),
  E(0x9000, cat('0000 0100 0700 616263')),
  E(0x88e5, cat('2c 00', u32(42), '0011223344550001', Buffer.alloc(32))),
  E(0x88e5, cat('20 00', u32(43), '0011223344550001', u16(0x0800), ping, Buffer.alloc(16))),
  llc('01:80:c2:00:00:00', cat('4243af 81 01 00')),
  llc('03:00:00:00:00:01', cat('f0f003', 'ff ef 08 00 0000 0000 000000')),
  { linkType: 104, bytes: cat('8f 00 8035', u32(2), u32(0x11), u32(0x10), u16(0xffff), u32(123456789)) },
  { linkType: 104, bytes: cat('0f 00 0800', ping) },
  { linkType: 107, bytes: cat('0001 03 08 00 75 95 01 01 01 03 02 05 03') },
  { linkType: 107, bytes: cat('0001 03 08 00 7d 95 01 01 00 03 02 06 05 07 03 00 41 82') },
  { linkType: 107, bytes: cat('18 41 03 cc', ping) },
  llc('09:00:07:ff:ff:ff', cat('aaaa03 080007 809b', ddp(2, cat('21 05', '0010 44 fd 00', '01', text('='), '09', text('LaserWrit'), '01', text('*'))))),
  llc('09:00:07:ff:ff:ff', cat('aaaa03 080007 809b', ddp(3, cat('40 0f 1234 00000000')))),
  llc('09:00:07:ff:ff:ff', cat('aaaa03 000000 80f3', '0001 809b 06 04 0003', A.replace(/:/g, ''), '00 0010 44', '000000000000', '00 0010 45')),
  { linkType: 114, bytes: cat('ff 44 02', ddp(2, cat('31 07', '0010 44 fd 01', '01', text('a'), '01', text('b'), '01', text('c')))) },
  { linkType: 9, bytes: cat('ff03', lcp(10, 7, u32(0x01020304))) },
  { linkType: 9, bytes: cat('ff03 0057', ping6) },
];
