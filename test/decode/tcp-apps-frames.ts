import { EtherType, ethernet, ipv4, ipv6, tcp, udp } from '../../samples/frames.js';
import { LinkType } from '../../src/pcap/linktype.js';
import type { Frame } from './referee-frames.js';

/**
 * Hand-built payloads of the TCP- and UDP-borne application printers (text protocols,
 * SSH, RESP, OpenFlow, Sun RPC/NFS, MSDP, RPKI-RTR, PPTP, BEEP, ZeroMQ...): the messages
 * the corpus has few or none of, each in a segment to its well-known port, so that
 * tcp-apps.test.ts prints them whole and cut short beside tcpdump at every -v level.
 */

const A = '00:11:22:33:44:55';
const B = '66:77:88:99:aa:bb';
const E4 = (payload: Buffer): Frame => ({ linkType: LinkType.ETHERNET, bytes: ethernet({ dst: B, src: A, type: EtherType.IPV4, payload }) });
const E6 = (payload: Buffer): Frame => ({ linkType: LinkType.ETHERNET, bytes: ethernet({ dst: B, src: A, type: EtherType.IPV6, payload }) });
export const h = (s: string): Buffer => Buffer.from(s.replace(/[\s|]/g, ''), 'hex');
const bytes = (p: string | Buffer) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p);

let seq = 1;
/** A TCP segment carrying payload (text as latin1, or bytes), client port 40000 unless given. */
export const t4 = (sport: number, dport: number, payload: string | Buffer): Frame => {
  const b = bytes(payload);
  const f = E4(ipv4({ src: '192.0.2.1', dst: '192.0.2.2', ttl: 64, payload: tcp({ sport, dport, flags: 'PA', seq, ack: 1, window: 512, payload: b }) }));
  seq += b.length + 1000;
  return f;
};
export const t6 = (sport: number, dport: number, payload: string | Buffer): Frame =>
  E6(ipv6({ src: '2001:db8::1', dst: '2001:db8::2', payload: tcp({ sport, dport, flags: 'PA', seq: 7, ack: 9, window: 512, payload: bytes(payload) }) }));
export const u4 = (sport: number, dport: number, payload: string | Buffer, from = '192.0.2.1', to = '192.0.2.2'): Frame =>
  E4(ipv4({ src: from, dst: to, ttl: 64, payload: udp({ sport, dport, payload: bytes(payload) }) }));

/** GRE with checksum, key and sequence bits: -v lists them in tcpdump's table order. */
const greFlags = E4(ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 47, payload: h('b000 0800 | 0000 0000 | 0000002a | 00000005 | 4500001c0001000040110000c0000201c0000202 | 0007000800080000') }));

/** CLNP with all three flags, in 802.3/LLC: -v lists them in tcpdump's table order too. */
const clnp = h('8117 01 20 fc 0017 0000 | 03 490001 | 03 490002 | 0001 0000 0017');
const clnpFlags: Frame = { linkType: LinkType.ETHERNET, bytes: Buffer.concat([h('0180c2000014 001122334455'), Buffer.from([0, 3 + clnp.length]), h('fefe03'), clnp]) };

export const textProtocols: Frame[] = [
  t4(40000, 80, 'GET /index.html HTTP/1.1\r\nHost: example.com\r\nUser-Agent: curl/8.0\r\nAccept: */*\r\n\r\n'),
  t4(80, 40000, 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello'),
  t4(80, 40000, '<html><body>continuation of a body</body></html>\r\n'),
  t4(40000, 8080, 'propfind /dav/ HTTP/1.1\nDepth: 1\n\n'),
  t4(40000, 80, 'POST /form HTTP/1.1\r\nContent-Length: 3\r\n\r\n\x01\x02\x03'),
  t4(40000, 80, 'GET /no-line-end'),
  t4(40000, 80, 'GET /cr-only\rX\r\n'),
  t4(40000, 21, 'USER anonymous\r\n'),
  t4(21, 40000, '220-Welcome\r\n220 FTP server ready\r\n'),
  t4(40000, 25, 'EHLO client.example\r\n'),
  t4(25, 40000, '250-mail.example\r\n250-SIZE 1000\r\n250 HELP\r\n'),
  t4(40000, 43, 'example.com\r\n'),
  t4(40000, 554, 'OPTIONS rtsp://example.com/media RTSP/1.0\r\nCSeq: 1\r\n\r\n'),
  t4(8554, 40000, 'RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: DESCRIBE, SETUP\r\n\r\n'),
  t6(40000, 80, 'HEAD / HTTP/1.0\r\n\r\n'),
  t4(40000, 80, 'X'.repeat(140) + ' HTTP/1.1\r\n\r\n'),
  t4(40000, 80, 'X'.repeat(127) + ' HTTP/1.1\r\n\r\n'),
  t4(80, 40000, 'X'.repeat(128) + ' 200 OK\r\n'),
  t4(80, 40000, 'X'.repeat(129) + ' 200 OK\r\n'),
  t4(40000, 80, 'GET ' + 'X'.repeat(128)),
  t4(80, 40000, 'HTTP/1.1\t200 OK\r\n\r\n'),
  t4(80, 40000, 'HTTP/1.1   404 Not Found\r\n'),
  t4(80, 40000, 'HTTP/1.1 2000 Odd\r\n'),
  t4(40000, 80, 'baseline-control / HTTP/1.1\r\n'),
  t4(40000, 80, 'GET\x7f / HTTP/1.1\r\n'),
  greFlags,
  clnpFlags,
];

export const resp: Frame[] = [
  t4(40000, 6379, '*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n'),
  t4(6379, 40000, '+OK\r\n$5\r\nvalue\r\n:42\r\n-ERR wrong type\r\n'),
  t4(6379, 40000, '$-1\r\n*-1\r\n*0\r\n$0\r\n\r\n'),
  t4(6379, 40000, '$99999999999\r\n$-2\r\n$x\r\n*-0\r\n$5\rX'),
  t4(40000, 6379, 'PING\r\nPING\n\nINFO\r\n'),
  t4(40000, 6379, '\r\n\x01\xff\r\n'),
  t4(40000, 6379, '*5\r\n$4\r\nLLEN\r\n'),
  t4(40000, 6379, '$10\r\nabc\r\n'),
  t4(40000, 6379, '$3\r\nabcdef\r\n'),
];

/** An IPv4 header and UDP datagram, for the data an MSDP SA carries. */
const innerIp = h('4500 0020 0001 0000 4011 0000 0a000001 e0010203 | 1388 1389 000c 0000 61626364');

export const small: Frame[] = [
  t4(22, 40000, 'SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'),
  t4(40000, 22, 'SSH-2.0-PuTTY_Release_0.78\n'),
  t4(40000, 22, 'SSH-2.0-no-line-end'),
  t4(40000, 22, 'SSH-1.99-x\ry\r\n'),
  t4(40000, 22, h('0000001c0a14 00112233445566778899aabbccddeeff')),
  t4(40000, 10288, 'MSG\x000 1 . 0 52\r\n'),
  t4(10288, 40000, 'RPY 0 1 . 0 100\r\nContent-Type: application/beep+xml\r\n'),
  t4(10288, 40000, 'END\r\n'),
  t4(10288, 40000, 'hello'),
  t4(40000, 639, h('01 0020 02 0a000063 | 000000 20 e0010203 0a000001 | 000000 20 e0010204 0a000002 | 04 0003 | 05 0004 00 | 02 0008 00 e0010203 | 09 0004 aa')),
  t4(40000, 639, Buffer.concat([h('01'), Buffer.from([0, 20 + innerIp.length]), h('01 0a000063 000000 20 e0010203 0a000001'), innerIp])),
  t4(40000, 639, h('04 0005 0000')),
  t4(40000, 639, h('00 0003')),
  t4(40000, 639, h('01 0002')),
];

export const telnet: Frame[] = [
  t4(23, 40000, h('fffd18 fffd20 fffd23 fffd27 fffb01 fff9 fff1')),
  t4(40000, 23, h('fffa1801fff0 fffa18 00 787465726d fff0 fffb1f fffa1f 0050 0018 fff0')),
  t4(40000, 23, h('fffa2501 00 02 fff0 fffa26 02 05 aabb fff0 fffa25 0a 08 fff0 fffa26 09 fff0')),
  t4(40000, 23, h('ffff 6c6f67696e3a20 fffd01')),
  t4(40000, 23, h('fffb30 fffd00 fffa63 00 01 fff0 fffe03 fffc05')),
  t4(40000, 23, h('fffa18 01 02 03')),
  t4(40000, 23, h('ff05 fffd')),
  t4(40000, 23, 'login: '),
];

export const rpki: Frame[] = [
  t4(40000, 323, h('00 00 1234 0000000c 00000007 | 00 02 0000 00000008 | 00 03 1234 00000008')),
  t4(323, 40000, h('00 04 0000 00000014 01 18 20 00 c0000200 0000fde8 | 00 06 0000 00000020 00 30 40 00 20010db8000000000000000000000000 0000fde9')),
  t4(323, 40000, h('00 07 1234 0000000c 00000009 | 00 08 0000 00000008 | 00 05 0000 0000000c 01020304')),
  t4(323, 40000, Buffer.concat([h('00 0a 0003 00000024 0000000c | 00 01 1234 0000000c 00000007 | 00000008'), Buffer.from('bad cast')])),
  t4(323, 40000, h('00 0a 0001 00000014 fffffff8 00000000 00000000')),
  t4(323, 40000, h('01 02 0000 00000008')),
  t4(323, 40000, h('00 04 0000 00000008 00 00')),
  t4(323, 40000, h('00 04 00')),
];

/** A PPTP control message: length, type 1, magic cookie, its control type, then its body. */
const pptp = (type: number, body: string | Buffer, opts: { cookie?: string; reserved?: string; msgType?: string } = {}) => {
  const b = typeof body === 'string' ? h(body) : body;
  const head = h((12 + b.length).toString(16).padStart(4, '0') + (opts.msgType ?? '0001') + (opts.cookie ?? '1a2b3c4d') + type.toString(16).padStart(4, '0') + (opts.reserved ?? '0000'));
  return t4(40000, 1723, Buffer.concat([head, b]));
};
const name64 = (s: string) => Buffer.concat([Buffer.from(s), Buffer.alloc(64 - s.length)]);

export const pptpFrames: Frame[] = [
  pptp(1, Buffer.concat([h('0100 0000 00000003 00000003 ffff 0a28'), name64('pptp-client'), name64('Linux')])),
  pptp(2, Buffer.concat([h('0100 01 00 00000001 00000002 0001 0001'), name64('router'), name64('Vendor\x01')])),
  pptp(3, '01 05 0002'),
  pptp(4, '01 00 0000'),
  pptp(5, '00000009'),
  pptp(6, '00000009 01 00 0000'),
  pptp(7, Buffer.concat([h('0001 0002 0000012c 05f5e100 00000003 00000003 0040 0000 000a 0000'), name64('5551234567'), name64('')])),
  pptp(8, '0001 0002 01 00 0000 05f5e100 0040 0000 00000000'),
  pptp(9, Buffer.concat([h('0003 0004 00000001 00000007 0004 0003'), name64('1234'), name64('567'), name64('sub')])),
  pptp(10, '0003 0004 03 06 0010 0000 0001'),
  pptp(11, '0004 0000 00002710 0010 0000 00000002'),
  pptp(12, '0005 0000'),
  pptp(13, Buffer.concat([h('0005 04 00 0000 0000'), Buffer.from('call stats here'), Buffer.alloc(113)])),
  pptp(14, '0006 0000 00000001 00000002 00000003 00000004 00000005 00000006'),
  pptp(15, '0006 0000 ffffffff 00000000'),
  pptp(5, '00000001', { cookie: 'deadbeef', reserved: '0007', msgType: '0002' }),
  pptp(20, '00000001', { msgType: '0009' }),
];

// Sun RPC / NFS: calls from 192.0.2.1 to the server 192.0.2.2 and the server's replies.
const w = (...v: number[]) => Buffer.concat(v.map((x) => h((x >>> 0).toString(16).padStart(8, '0'))));
const auth = w(1, 20, 1700000000, 0, 1000, 1000, 0);
const rpcCall = (xid: number, vers: number, proc: number, args: Buffer) => Buffer.concat([w(xid, 0, 2, 100003, vers, proc), auth, w(0, 0), args]);
const rpcReply = (xid: number, results: Buffer, astat = 0) => Buffer.concat([w(xid, 1, 0, 0, 0, astat), results]);
const fh3 = (b: string) => Buffer.concat([w(32), h(b.replace(/ /g, '').padEnd(64, '0'))]);
const bsdFh = fh3('0a0b000000000000 0a00000000000000 39300000');
const unkFh = fh3('01020304050607080900');
const ucxFh = fh3('01 444b4130 00000000 0000000000 00000000 1234 0000 5678');
const fattr3 = w(2, 0o755, 3, 1000, 0xfffffffe, 0, 4096, 0, 8192, 8, 1, 0, 0x1234, 0, 0x5678, 1700000000, 5, 1700000001, 6, 1700000002, 7);
const post = Buffer.concat([w(1), fattr3]);
const pre = w(1, 0, 100, 1700000000, 1, 1700000000, 2);
const name = (s: string) => Buffer.concat([w(s.length), Buffer.from(s), Buffer.alloc((4 - (s.length % 4)) % 4)]);
const sattr = w(1, 0o644, 1, 1000, 0, 0, 2, 1700000000, 9, 1);
const nfsU = (xid: number, call: Buffer, reply?: Buffer): Frame[] => {
  const out = [u4(800, 2049, call)];
  if (reply) out.push(u4(2049, 800, reply, '192.0.2.2', '192.0.2.1'));
  return out;
};
const fsinfo = w(32768, 32768, 4096, 32768, 32768, 4096, 4096, 0, 0xffffffff, 0, 1, 0x1b);

export const nfsFrames: Frame[] = [
  ...nfsU(1, rpcCall(1, 3, 1, bsdFh), rpcReply(1, Buffer.concat([w(0), fattr3]))),
  ...nfsU(2, rpcCall(2, 3, 3, Buffer.concat([unkFh, name('passwd')])), rpcReply(2, Buffer.concat([w(0), bsdFh, post, post]))),
  ...nfsU(3, rpcCall(3, 3, 3, Buffer.concat([bsdFh, name('nothere')])), rpcReply(3, Buffer.concat([w(2), post]))),
  ...nfsU(4, rpcCall(4, 3, 4, Buffer.concat([bsdFh, w(0x1f)])), rpcReply(4, Buffer.concat([w(0), post, w(0x1f)]))),
  ...nfsU(5, rpcCall(5, 3, 6, Buffer.concat([bsdFh, w(0, 8192, 4096)])), rpcReply(5, Buffer.concat([w(0), post, w(4096, 1, 4096)]))),
  ...nfsU(6, rpcCall(6, 3, 7, Buffer.concat([bsdFh, w(0, 0, 512, 2, 512)])), rpcReply(6, Buffer.concat([w(0), pre, post, w(512, 2, 0xdead, 0xbeef)]))),
  ...nfsU(7, rpcCall(7, 3, 8, Buffer.concat([bsdFh, name('new.txt'), w(0), sattr])), rpcReply(7, Buffer.concat([w(0), w(1), bsdFh, post, pre, post]))),
  ...nfsU(8, rpcCall(8, 3, 10, Buffer.concat([bsdFh, name('link'), sattr, name('/target')])), rpcReply(8, Buffer.concat([w(17), pre, post]))),
  ...nfsU(9, rpcCall(9, 3, 11, Buffer.concat([bsdFh, name('dev'), w(4), sattr, w(8, 1)]))),
  ...nfsU(10, rpcCall(10, 3, 14, Buffer.concat([bsdFh, name('a'), bsdFh, name('b')])), rpcReply(10, Buffer.concat([w(0), pre, post, pre, post]))),
  ...nfsU(11, rpcCall(11, 3, 15, Buffer.concat([bsdFh, bsdFh, name('hard')])), rpcReply(11, Buffer.concat([w(0), post, pre, post]))),
  ...nfsU(12, rpcCall(12, 3, 16, Buffer.concat([bsdFh, w(0xffffffff, 0xfffffffe, 1, 2, 4096)])), rpcReply(12, Buffer.concat([w(0), post, w(1, 2)]))),
  ...nfsU(13, rpcCall(13, 3, 17, Buffer.concat([bsdFh, w(0, 0, 0, 0, 512, 4096)])), rpcReply(13, Buffer.concat([w(0), post, w(3, 4)]))),
  ...nfsU(14, rpcCall(14, 3, 18, bsdFh), rpcReply(14, Buffer.concat([w(0), post, w(0, 1000, 0, 500, 0, 400, 0, 100, 0, 50, 0, 40, 0)]))),
  ...nfsU(15, rpcCall(15, 3, 19, bsdFh), rpcReply(15, Buffer.concat([w(0), post, fsinfo]))),
  ...nfsU(16, rpcCall(16, 3, 20, bsdFh), rpcReply(16, Buffer.concat([w(0), post, w(32000, 255, 1, 1, 0, 1)]))),
  ...nfsU(17, rpcCall(17, 3, 21, Buffer.concat([bsdFh, w(0, 0, 0)])), rpcReply(17, Buffer.concat([w(0), pre, post, w(0xaa, 0xbb)]))),
  ...nfsU(18, rpcCall(18, 3, 5, ucxFh), rpcReply(18, Buffer.concat([w(0), post, name('/some/where')]))),
  ...nfsU(19, rpcCall(19, 3, 0, Buffer.alloc(0)), rpcReply(19, Buffer.alloc(0))),
  ...nfsU(20, rpcCall(20, 3, 1, bsdFh), rpcReply(20, Buffer.alloc(0), 1)),
  ...nfsU(21, rpcCall(21, 2, 1, h('0a0b0000'.padEnd(64, '1'))), rpcReply(21, Buffer.concat([w(0), w(1, 0o644, 1, 0, 0, 10, 4096, 0, 1, 7, 99, 1, 2, 3, 4, 5, 6)]))),
  ...nfsU(22, rpcCall(22, 2, 8, Buffer.concat([h('0a0b0000'.padEnd(64, '1')), w(4, 3, 2, 1)]))),
  ...nfsU(23, rpcCall(23, 2, 16, Buffer.concat([h('0a0b0000'.padEnd(64, '1')), w(0, 512)])), rpcReply(23, Buffer.concat([w(0), w(9, 512, 1)]))),
  u4(2049, 800, Buffer.concat([w(99, 1, 1, 0, 2, 3)]), '192.0.2.2', '192.0.2.1'),
  u4(2049, 800, Buffer.concat([w(99, 1, 1, 1, 5)]), '192.0.2.2', '192.0.2.1'),
  u4(2049, 800, Buffer.concat([w(99, 1, 7)]), '192.0.2.2', '192.0.2.1'),
  u4(800, 2049, rpcCall(24, 3, 3, Buffer.concat([bsdFh, w(0xfffffffe)]))),
  u4(800, 2049, Buffer.concat([w(25, 0, 2, 100003, 3, 1, 1, 0xfffffffe)])),
  t4(800, 2049, Buffer.concat([w(0x80000000 + 128), rpcCall(26, 3, 4, Buffer.concat([bsdFh, w(0x3f)]))])),
  t4(2049, 800, Buffer.concat([w(0x80000000 + 24), rpcReply(26, Buffer.concat([w(0), w(0), w(1)]))])),
  t4(800, 2049, Buffer.concat([w(0x80000000 + 8), w(27, 1)])),
];

/** An OpenFlow message: version, type, its length (8 + body unless given), xid, body. */
const of = (version: number, type: number, body: string | Buffer, length?: number) => {
  const b = typeof body === 'string' ? h(body) : body;
  const head = Buffer.alloc(8);
  head.writeUInt8(version, 0);
  head.writeUInt8(type, 1);
  head.writeUInt16BE(length ?? 8 + b.length, 2);
  head.writeUInt32BE(0x1000 + type, 4);
  return Buffer.concat([head, b]);
};
const port13 = h('00000007 00000000 0a0b0c0d0e0f 0000') ;
const portName = Buffer.concat([Buffer.from('eth7'), Buffer.alloc(12)]);
const port13Tail = h('00000041 00000005 0000282c 0000080f 0000ffff 00010000 00989680 002625a0');
const ofPort = (sport: number, dport: number, ...msgs: Buffer[]) => t4(sport, dport, Buffer.concat(msgs));

export const openflow13: Frame[] = [
  ofPort(40000, 6653, of(4, 0, '0001 0008 00000018'), of(4, 0, '0001 000c 00000018 00000000'), of(4, 0, '0002 0004')),
  ofPort(6653, 40000, of(4, 1, '0004 0006 0102030405060708'), of(4, 1, 'ffff 0001'), of(4, 1, '0020 0001')),
  ofPort(40000, 6653, of(4, 2, '6869'), of(4, 3, ''), of(4, 4, '002320 00 00000007 aabbccdd')),
  ofPort(40000, 6653, of(4, 4, 'ff000002 00000001'), of(4, 5, ''), of(4, 6, '0000000000000001 00000100 fe 01 0000 0000016f 00000000')),
  ofPort(6653, 40000, of(4, 8, '0001 ffe5'), of(4, 9, '0007 0080'), of(4, 17, 'fe 000000 00000003'), of(4, 24, '00000002 00000000 0000000000000009')),
  ofPort(6653, 40000, of(4, 27, '00000007 00000003 00000001 00000008 00000007 00000000'), of(4, 22, 'fffffffd 00000000')),
  ofPort(6653, 40000, of(4, 12, Buffer.concat([h('01 00000000000000'), port13, portName, port13Tail]))),
  ofPort(40000, 6653, of(4, 16, '00000003 00000000 0a0b0c0d0e0f 0000 00000001 00000065 00000020 00000000')),
  ofPort(40000, 6653, of(4, 10, '0102030405060708'), of(4, 40, ''), of(5, 0, ''), of(4, 5, '', 4)),
  ofPort(40000, 6653, of(4, 6, '00')),
  ofPort(40000, 6653, of(4, 0, '0001 0010 00000018', 40)),
  ofPort(40000, 6653, h('04 00 00')),
  ofPort(40000, 6633, h('04')),
];

const innerUdp = h('4500 001c 0001 0000 4011 0000 0a000001 0a000002 | 0035 0035 0008 0000');
export const udpSmall: Frame[] = [
  u4(49152, 3784, Buffer.concat([h('4a400007'), innerUdp])),
  u4(49152, 3784, Buffer.concat([h('68c00009'), innerUdp])),
  u4(49152, 3784, Buffer.concat([h('ce000003'), h('00112233445566778899aabb0800'), innerUdp])),
  u4(49152, 3784, Buffer.concat([h('68000001'), h('6000000000081101 20010db8000000000000000000000001 20010db8000000000000000000000002 0035003500080000')])),
  u4(49152, 3784, h('48000001 ff')),
  u4(49152, 3784, h('12')),
  u4(5000, 3456, h('0000 0001 0000 0005 00')),
  u4(5000, 3456, h('0183 0001 0000 0005 00')),
  u4(5000, 3456, h('003f 1234 0000 0005')),
  u4(5000, 3456, h('00')),
  u4(5000, 3456, h('0000 00')),
  u4(1589, 1589, Buffer.concat([h('01 01 00 06 00001234 | 00000c01 0004 c0000201 | 00000c02 0004 46613031 | 00000c03 0005 766c616e32 | 00000c04 0003 646f6d | 00000c08 0006 001122334455 | 00000c09 0002 abcd')])),
  u4(1589, 1589, h('01 02 03 01 00001234 | 00000c06 0006 000000000000')),
  u4(1589, 1589, h('01 04 07 02 00001235 | 00000c01 0003 c00002 | 00000c02 0001 41')),
  u4(1589, 1589, h('01 01 00 02 00001236 | 00000000 0004 01020304')),
  u4(1589, 1589, h('02 01 00 00 00000000')),
  u4(1589, 1589, h('01 01 00')),
];

export const u6 = (sport: number, dport: number, payload: string | Buffer): Frame =>
  E6(ipv6({ src: '2001:db8::1', dst: '2001:db8::2', payload: udp({ sport, dport, payload: bytes(payload) }) }));
const a6 = '20010db8000000000000000000000009';
const a6b = '20010db800000000000000000000000a';

export const aodvFrames: Frame[] = [
  u4(654, 654, h('01 00 00 03 00000011 0a000001 00000005 0a000002 00000006 | 01 04 000003e8')),
  u4(654, 654, h('f9 00 00 03 00000011 0a000001 00000005 0a000002 00000006 | 01 02 000003e8')),
  u4(654, 654, h('02 c0 1f 02 0a000001 00000007 0a000002 00001388 | 07 01 aa')),
  u4(654, 654, h('42 00 03 02 0a000001 00000007 0a000002 00001388 | 01 04 0000')),
  u4(654, 654, h('03 80 00 02 0a000001 00000001 0a000003 00000002')),
  u4(654, 654, h('03 00 00 03 0a000001 00000001')),
  u4(654, 654, h('04 00')),
  u4(654, 654, h('63 00 00')),
  u4(654, 654, h('01 00 00 03 00000011')),
  u6(654, 654, h('01 00 00 01 00000022' + a6 + '00000001' + a6b + '00000002')),
  u6(654, 654, h('02 00 05 01' + a6 + '00000003' + a6b + '00000004 | 01 04 00000064')),
  u6(654, 654, h('03 80 00 01' + a6 + '00000009')),
  u6(654, 654, h('10 00 00 01 00000022 00000001 00000002' + a6 + a6b)),
  u6(654, 654, h('11 40 05 01 00000003' + a6 + a6b + '00000004')),
  u6(654, 654, h('12 00 00 02' + a6 + '00000009' + a6b)),
  u6(654, 654, h('13 00')),
];

/** A Zephyr notice: the header's 17 NUL-terminated fields (kind, class, instance, opcode, sender, recipient) and any extra fields. */
const zephyr = (kind: string, cls: string, inst: string, opcode: string, sender: string, recipient: string, extra: string[] = [], version = 'ZEPH0.2') =>
  u4(2104, 2103, [version, '11', kind, 'uid', '0', '0', '0', '', cls, inst, opcode, sender, recipient, '', '0', '0', '', ...extra].map((s) => s + '\0').join(''));
const lw = (flags: number, opcode: number, body: string, length?: number) => {
  const b = h(body);
  const head = h(((length ?? 28 + b.length) >>> 0).toString(16).padStart(8, '0') + '0000' + flags.toString(16).padStart(4, '0') + '00000007' + opcode.toString(16).padStart(8, '0') + '00000000 00001000 0000 0000');
  return u4(921, 921, Buffer.concat([head, b]));
};
const dop = (type: number, ts: number, len = 0) => h(ts.toString(16).padStart(8, '0') + len.toString(16).padStart(4, '0') + '00' + type.toString(16).padStart(2, '0') + '00'.repeat((len + 3) & ~3));
const wb = (type: number, body: Buffer | string, flags = 0) => u4(4000, 4567, Buffer.concat([h('0a000001 00000005 0001' + type.toString(16).padStart(2, '0') + flags.toString(16).padStart(2, '0')), typeof body === 'string' ? h(body) : body]));

export const udpOld: Frame[] = [
  zephyr('2', 'MESSAGE', 'personal', '', 'alice@ATHENA.MIT.EDU', 'bob@ATHENA.MIT.EDU'),
  zephyr('2', 'MESSAGE', 'PERSONAL', 'PING', 'alice', ''),
  zephyr('5', 'ZEPHYR_CTL', 'CLIENT', 'SUBSCRIBE', 'alice', '', ['Lost']),
  zephyr('0x1', 'ZEPHYR_CTL', 'CLIENT', 'SUBSCRIBE_NODEFS', 'alice', '', ['MESSAGE', '*', '']),
  zephyr('1', 'ZEPHYR_CTL', 'CLIENT', 'UNSUBSCRIBE', '', '', ['MESSAGE']),
  zephyr('1', 'ZEPHYR_CTL', 'CLIENT', 'GIMME', 'a', ''),
  zephyr('1', 'ZEPHYR_CTL', 'CLIENT', 'Other_Op', 'a', ''),
  zephyr('1', 'ZEPHYR_CTL', 'HM', 'BOOT', 'a', ''),
  zephyr('1', 'ZEPHYR_CTL', 'REALM', 'REQ_SUBSCRIBE', 'a', ''),
  zephyr('4', 'HM_CTL', 'SERVER', 'SHUTDOWN', '', ''),
  zephyr('8', 'HM_STAT', 'HMST_CLIENT', 'GIMMESTATS', '', ''),
  zephyr('1', 'WG_CTL', 'WG', 'Start', '', ''),
  zephyr('2', 'LOGIN', 'alice', 'USER_FLUSH', '', ''),
  zephyr('2', 'LOGIN', 'alice', 'REALM-VISIBLE', '', ''),
  zephyr('2', 'USER_LOCATE', 'alice', 'USER_HIDE', '', ''),
  zephyr('2', 'USER_LOCATE', 'alice\x01', 'LOCATE', '', ''),
  zephyr('-7', 'ZEPHYR_ADMIN', '', 'Hello', '', ''),
  zephyr('ff', 'X', 'Y', 'Z', '', '', [], 'ZEPH0.3'),
  u4(2104, 2103, 'ZEPH0.2\0' + '11\0'),
  u4(2104, 2103, 'NOTZEPH\0'),
  u4(2104, 2103, 'ZEPH'),
  lw(0, 0x00010001, '00000000 00000003 0007 6578616d706c6500'),
  lw(1, 0x00010001, '00000000 0001 0002 0007 6578616d706c6500 | 0003 77777700 | 00000001 0004 0a000001 | 00000002 0010 20010db8000000000000000000000001'),
  lw(0, 0x00010002, '00000000 | 00000001 0004 0a000001'),
  lw(1, 0x00010002, '00000000 0001 0003 61626300 | 0002 6100'),
  lw(0, 0x00010003, '00000000 0003 0010 0003 61626300'),
  lw(1, 0x00010003, '00000000 0001 001c 00000e10 0001 0001 0003 61626300 | 0002 abcd | 0001 ef'),
  lw(0, 0x00010002, '00000000 | 00000001 0002 0a00'),
  lw(0, 0x00010002, '00000000 | 00000007 0003 010203', 99),
  lw(0x10, 0x12345, '01020304'),
  u4(921, 921, h('0000001c 0001 0000 00000000')),
  wb(1, '00000001 0a000002 00000003 | 00000004 0a000005 00000006 0002 0000 | 0a000007 00000008 0a000009 0000000a | 73697465006e'),
  wb(2, '0a000001 0a000002 00000003 00000004 00000005'),
  wb(3, Buffer.concat([h('0a000001 0a000002 00000003 00000001 00000004'), dop(2, 0), dop(14, 3, 2), dop(99, 0)]), 1),
  wb(0, Buffer.concat([h('0a000002 00000003 00000005 00000002'), dop(15, 1), dop(3, 0, 5)])),
  wb(5, '0a000002 00000003 00000001 00000009'),
  wb(7, '00000002 | 00000001 0a000002 00000003 0100 0000 | 0a00000a 0000000b | 00000002 0a000003 00000004 0000 0000'),
  wb(4, ''),
  wb(9, ''),
  wb(1, '00000001'),
  u4(4000, 4567, h('0a000001 0000')),
];

export const lwappFrames: Frame[] = [
  u4(5000, 12223, h('001122334455 | 0c 00 0014 0000 | 01 07 0004 00000009 aabbccdd | 16 08 0000 0000000a')),
  u4(12223, 5000, h('0c 02 0018 0000 | 02 07 0004 00000009 aabbccdd | 63 08 0000 0000000a | 01 01 0010 00000000')),
  u4(5000, 12223, h('001122334455 | 4c 00 0014 0000')),
  u4(5000, 12223, h('001122334455 | 0c 00 0004 0000 | 01 01')),
  u4(5000, 12222, h('0b 05 0010 0000 | 0800 0000 0011 2233 4455')),
  u4(5000, 12222, h('00 05 0004 0000')),
  u4(5000, 12222, h('c0 05 0004 0000')),
];

/** An LSP ping header (version 1): type, reply mode, return code and subcode, handle, sequence, time stamps. */
const lsp = (type: number, code: number, tlvs: string, version = '0001') =>
  u4(3503, 3503, h(version + '0000' + hex2b(type) + '02' + hex2b(code) + '01 00000011 00000007 | e3ccfa80 80000000 | ' + (type === 2 ? 'e3ccfa81 40000000' : '00000000 00000000') + ' | ' + tlvs));
function hex2b(n: number): string {
  return n.toString(16).padStart(2, '0');
}

export const lsppingFrames: Frame[] = [
  lsp(1, 0, '0001 0038 | 0001 0005 0a000001 20 000000 | 0003 0014 0a000002 0000 0007 0a000003 0a000004 0000 0009 | 0006 000d 0000fde80000000a 0a000005 18 000000'),
  lsp(1, 0, '0001 0034 | 0008 000e 0001c0000201000a 0001 0002 0005 0000 | 000a 000e 0a000001 0a000002 00000064 0005 0000 | 0009 000a 0a000003 00000065 0004 0000'),
  lsp(2, 3, '0002 0014 05dc 01 00 0a000001 0a000002 | 00 00 0000 | 000f 0004 00000033 | 0005 0004 00000009 | 0003 0003 010203 00'),
  lsp(2, 8, '0002 000c 05dc 02 00 0a000001 00000007 | 0002 0018 05dc 04 00 20010db8000000000000000000000001 00000003 | 0001 0008 0001 0004 0a000001 | 0009 0004 00000001'),
  lsp(1, 0, '0001 0008 | 0002 0011 0a000001 | 0063 0000'),
  lsp(1, 0, '0001 0009 | 0001 0006 0a00000120ff 00'),
  lsp(1, 0, '0001 0004 | 0001 0005'),
  lsp(1, 0, '0002 0002 05dc | 000f 0002 0001 | 0005 0000 | 0000 0020 01'),
  lsp(1, 0, '', '0002'),
  // One sub-TLV per FEC stack: tcpdump steps to the next sub-TLV without its header.
  lsp(1, 0, '0001 0018 | 0003 0014 0a000002 0000 0007 0a000003 0a000004 0000 0009'),
  lsp(1, 0, '0001 0014 | 0006 000d 0000fde80000000a 0a000005 18 000000'),
  lsp(1, 0, '0001 0010 | 0009 000a 0a000003 00000065 0004 0000'),
  lsp(1, 0, '0001 0018 | 0002 0011 20010db8000000000000000000000001 40 000000'),
  lsp(1, 0, '0001 003c | 0004 0038 20010db8000000000000000000000001 0000 0007 20010db8000000000000000000000001 20010db8000000000000000000000001 0000 0009'),
  lsp(1, 0, '0001 0020 | 0007 0019 0001c00002010002 20010db8000000000000000000000001 30 000000'),
  lsp(1, 0, '0001 000c | 000c 0005 0a000001 18 000000'),
  u4(3503, 3503, h('0001 0000 01 02 00 00 00000001')),
];

/** An LMP message: version 1, flags, type, its length, then objects (ctype|N-bit, class, length, body). */
const lmpMsg = (type: number, objects: string, flags = 0, length?: number) => {
  const b = h(objects);
  return u4(701, 701, Buffer.concat([h('1000' + hex2b(flags) + hex2b(type) + ((length ?? 8 + b.length) & 0xffff).toString(16).padStart(4, '0') + '0000'), b]));
};

export const lmpFrames: Frame[] = [
  lmpMsg(1, '81 01 0008 00000001 | 01 02 0008 0a000001 | 01 05 0008 00000007 | 01 06 0008 0064 012c', 1),
  lmpMsg(4, '01 07 000c 00000005 00000004 | 02 05 0008 00000007 | 03 04 0008 00000009'),
  lmpMsg(14, '01 0b 0010 03 000000 0a000001 0a000002 | 02 0b 0028 01000000 20010db8000000000000000000000001 20010db8000000000000000000000002 | 03 0b 0010 00000000 00000005 00000006'),
  lmpMsg(14, '01 0c 0024 02000000 0a000001 0a000002 | 01 0c 33 05 42c80000 43480000 | 02 08 0000 00000640'),
  lmpMsg(14, '01 0c 001c 02000000 0a000001 0a000002 | 07 04 0000 | 01 06 0000 | 01'),
  lmpMsg(14, '03 0c 0014 07000000 00000001 00000002 | 09 04 0000'),
  lmpMsg(5, '01 08 0018 0003 0064 00000002 08 00 1f40 4cbebc20 00000640 | 01 09 0008 0064 0002 | 01 0a 0008 0000000b'),
  lmpMsg(17, '01 0d 0014 0a000001 80000001 0a000002 40000003 | 03 0e 000c 00000001 00000002 | 02 0d 0018 20010db8000000000000000000000001 00000002'),
  lmpMsg(7, '01 14 0008 0000001f | 02 14 0008 00000022 | 03 14 0008 00000001'),
  lmpMsg(50, '01 33 0008 03 01 0000 | 02 33 0014 05 08 07 01 0001 0002 0003 0004 0a000001 | 03 33 000c 00000003 00000001 | 04 33 0008 00000007'),
  lmpMsg(50, '06 33 0008 05 0a 0000 | 01 33 0008 06 09 0000 | 01 2a 0008 aabbccdd | 01 01 000c 00000001 00000002'),
  lmpMsg(1, '01 01 0006 0000 | 01 01 0008 00000001'),
  lmpMsg(1, '01 01 0002'),
  lmpMsg(1, '01 01 0010 00000001', 0, 20),
  lmpMsg(99, '', 0, 4),
  u4(701, 701, h('2000 00 01 0008 0000')),
];

/** Big-endian 32-bit words as hex. */
const wx = (...v: number[]) => w(...v).toString('hex');

/** An RX packet: header (call number, sequence, type, flags, service) then the words of its body. */
const rxHdr = (call: number, seq: number, type: number, flags: number, service = 1) =>
  wx(0x5f000001, 0x12345678, call, seq, 1) + hex2b(type) + hex2b(flags) + '00 00 0000' + service.toString(16).padStart(4, '0');
const rxCall = (port: number, call: number, op: number, body: string, service = 1) => u4(7100, port, h(rxHdr(call, 1, 1, 1, service) + wx(op) + body));
const rxReply = (port: number, call: number, type: number, body: string, service = 1) => u4(port, 7100, h(rxHdr(call, 1, type, 0, service) + body), '192.0.2.2', '192.0.2.1');
const rxStr = (s: string) => wx(s.length) + Buffer.from(s + '\0\0\0'.slice(0, (4 - (s.length % 4)) % 4)).toString('hex');
const rxVec = (s: string, max: number) => wx(...Array.from({ length: max }, (_, i) => (i < s.length ? s.charCodeAt(i) : 0)));
const fid = wx(536870913, 1, 1);
const acl = '2\n0\nsystem:administrators 127\nalice 9\n';

export const rxFrames: Frame[] = [
  rxCall(7000, 1, 130, fid + wx(0, 4096)),
  rxCall(7000, 2, 133, fid + wx(0x40f, 1700000000, 1000, 1, 0o644, 65536) + wx(0, 100, 100)),
  rxCall(7000, 3, 134, fid + rxStr(acl)),
  rxCall(7000, 4, 137, fid + rxStr('new.txt') + wx(1, 1700000001, 0, 0, 0, 0)),
  rxCall(7000, 5, 138, fid + rxStr('a') + fid + rxStr('b')),
  rxCall(7000, 6, 155, wx(2) + fid + fid),
  rxCall(7000, 7, 65537, fid + wx(0, 1, 0, 2)),
  rxCall(7000, 8, 139, fid + rxStr('link') + rxStr('/target')),
  rxCall(7000, 9, 153, ''),
  rxCall(7000, 10, 131, fid),
  rxCall(7000, 11, 136, fid + wx(300)),
  rxReply(7000, 9, 1, wx(1700000002)),
  rxReply(7000, 10, 1, rxStr(acl)),
  rxReply(7000, 4, 1, fid),
  rxReply(7000, 1, 4, wx(0xffffff9c)),
  rxReply(7000, 2, 4, wx(5)),
  rxReply(7000, 3, 9, ''),
  rxCall(7001, 12, 204, wx(1) + fid + wx(1, 3, 1700000003, 1)),
  rxCall(7001, 13, 214, wx(0x11223344, 0x5566, 0x7788, 1, 2, 3, 4, 5, 6, 7, 8)),
  rxCall(7001, 14, 213, ''),
  rxReply(7001, 14, 1, wx(0x11223344, 0x5566, 0x7788, 1, 2, 3, 4, 5, 6, 7, 8)),
  rxReply(7001, 12, 4, wx(0xffffffff)),
  rxCall(7002, 15, 500, rxStr('bob') + wx(5, 0)),
  rxCall(7002, 16, 504, wx(1) + rxVec('alice', 64)),
  rxCall(7002, 17, 505, wx(2, 1, 2)),
  rxCall(7002, 18, 20002, wx(1, 2, 3, 4, 5, 1)),
  rxCall(7002, 19, 10000, wx(1, 1700000004, 1, 2, 3, 4)),
  rxReply(7002, 16, 1, wx(1, 1001)),
  rxReply(7002, 17, 1, wx(1) + rxVec('bob', 64)),
  rxReply(7002, 19, 4, wx(1700000005)),
  rxReply(7002, 18, 4, wx(7)),
  rxCall(7003, 20, 504, rxStr('root.cell')),
  rxCall(7003, 21, 503, wx(536870912, 1)),
  rxCall(7003, 22, 519, rxStr('vol')),
  rxReply(7003, 21, 1, rxVec('root.cell', 65) + wx(0, 2) + wx(0x0a000001, 0x0a000002, 0, 0, 0, 0, 0, 0) + wx(0, 27, 0, 0, 0, 0, 0, 0) + wx(0, 0, 0, 0, 0, 0, 0, 0) + wx(1, 2, 3)),
  rxReply(7003, 22, 1, rxVec('vol', 65) + wx(1) + wx(0x0a000001, ...new Array(12).fill(0)) + wx(3, ...new Array(12).fill(0)) + wx(...new Array(13).fill(0)) + wx(4, 5, 6)),
  rxCall(7004, 23, 21, rxStr('alice') + rxStr('')),
  rxCall(7004, 24, 23, wx(3) + rxStr('CELL') + wx(4, 0) + rxStr('afs') + rxStr('')),
  rxReply(7004, 23, 4, wx(180490)),
  rxCall(7005, 25, 100, wx(1) + rxStr('vol.x') + wx(0, 0)),
  rxCall(7005, 26, 113, wx(9)),
  rxCall(7005, 27, 128, wx(1, 1700000006, 1, 2, 3, 4)),
  rxReply(7005, 26, 1, wx(1, 2, 0, 0, 0, 0, 0, 100, 0, 0, 1700000000, 1700000001, 1700000002, 0, 0, 0)),
  rxReply(7005, 25, 1, wx(536870920, 7)),
  rxCall(7007, 28, 80, rxStr('simple') + rxStr('ptserver')),
  rxCall(7007, 29, 82, rxStr('fs') + wx(1)),
  rxReply(7007, 29, 4, wx(3)),
  u4(7001, 7000, h(rxHdr(30, 5, 2, 0) + '0010 0004 00000064 00000000 00000007 01 06 0101010000 01 00 000000 | 000005dc 000005dc 00000020 00000004')),
  u4(7001, 7000, h(rxHdr(31, 5, 2, 0) + '0010 0004 00000064 00000000 00000007 63 03 010001 000000')),
  u4(7001, 7000, h(rxHdr(32, 5, 3, 2) + '')),
  u4(7001, 7000, h(rxHdr(33, 2, 1, 0x22))),
  rxCall(7000, 34, 137, fid + rxStr('x'.repeat(300))),
  u4(7001, 7000, h('0000')),
];
