import { u16 } from './bytes.js';
import { decodeEtherType } from './ether.js';
import { decodeIpv4 } from './ipv4.js';
import { decodeIpv6 } from './ipv6.js';
import { cut, type Summary } from './summary.js';

/**
 * Link headers without Ethernet addresses: Linux cooked capture v1/v2, BSD NULL/LOOP
 * and raw IP. Each ends in the network-layer printers.
 */

/** SLL: 16 bytes, protocol (an ethertype, or a Linux ARPHRD-specific value < 0x600) last. */
export function decodeSll(buf: Buffer, off: number, end: number, wire: number, s: Summary): void {
  if (off + 16 > end) {
    cut(s, 'sll');
    s.length = wire;
    return;
  }
  decodeCookedProtocol(buf, off + 16, end, wire - 16, u16(buf, off + 14), s);
}

/** SLL2: 20 bytes, protocol first. */
export function decodeSll2(buf: Buffer, off: number, end: number, wire: number, s: Summary): void {
  if (off + 20 > end) {
    cut(s, 'sll2');
    s.length = wire;
    return;
  }
  decodeCookedProtocol(buf, off + 20, end, wire - 20, u16(buf, off), s);
}

function decodeCookedProtocol(buf: Buffer, off: number, end: number, wire: number, proto: number, s: Summary): void {
  if (proto < 0x600) {
    // Linux pseudo-protocols (802.2 LLC, 802.3 raw, CAN ...): named by number only.
    s.net = 'OTHER';
    s.etherType = proto;
    s.length = wire > 0 ? wire : 0;
    return;
  }
  decodeEtherType(buf, off, end, wire, proto, s);
}

/** Raw IP (101, 228, 229): the version nibble decides, as tcpdump's raw printer does. */
export function decodeRawIp(buf: Buffer, off: number, end: number, wire: number, s: Summary): void {
  if (off + 1 > end) {
    cut(s, 'ip');
    s.length = wire;
    return;
  }
  const version = buf[off] >> 4;
  if (version === 4) decodeIpv4(buf, off, end, wire, s);
  else if (version === 6) decodeIpv6(buf, off, end, wire, s);
  else {
    s.net = 'IP';
    s.length = wire;
    s.malformed = 'unknown ip version ' + version;
  }
}

function isIpv6Family(family: number): boolean {
  // Linux, the BSDs, Darwin and Solaris each chose their own AF_INET6.
  return family === 10 || family === 24 || family === 28 || family === 30 || family === 26;
}

/**
 * NULL (host byte order of the capturing machine) and LOOP (network order): a 4-byte
 * address family. For NULL a value with high bits set was written on the other
 * endianness, the same guess tcpdump makes.
 */
export function decodeNullLoop(buf: Buffer, off: number, end: number, wire: number, s: Summary, loop: boolean): void {
  if (off + 4 > end) {
    cut(s, 'null');
    s.length = wire;
    return;
  }
  const be = buf[off] * 0x1000000 + ((buf[off + 1] << 16) | (buf[off + 2] << 8) | buf[off + 3]);
  const le = buf[off + 3] * 0x1000000 + ((buf[off + 2] << 16) | (buf[off + 1] << 8) | buf[off]);
  let family = loop ? be : le;
  if (!loop && family > 0xffff) family = be;
  s.family = family;
  off += 4;
  wire -= 4;
  if (family === 2) decodeIpv4(buf, off, end, wire, s);
  else if (isIpv6Family(family)) decodeIpv6(buf, off, end, wire, s);
  else {
    s.net = 'OTHER';
    s.length = wire > 0 ? wire : 0;
  }
}
