import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { ipProtos } from '../registry.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';
import { printLines } from './strings.js';

/** Cisco's EIGRP (tcpdump's print-eigrp.c). */

const HDR = 20;

const opcodeValues = tok({ 1: 'Update', 3: 'Query', 4: 'Reply', 5: 'Hello', 6: 'IPX SAP', 7: 'Probe' });
const flagValues = tok({ 0x01: 'Init', 0x02: 'Conditionally Received', 0x04: 'Restart', 0x08: 'End-of-Table' });
const tlvValues = tok({
  0x0001: 'General Parameters',
  0x0002: 'Authentication',
  0x0003: 'Sequence',
  0x0004: 'Software Version',
  0x0005: 'Next Multicast Sequence',
  0x0102: 'IP Internal routes',
  0x0103: 'IP External routes',
  0x0202: 'AppleTalk Internal routes',
  0x0203: 'AppleTalk External routes',
  0x0204: 'AppleTalk Cable setup',
  0x0302: 'IPX Internal routes',
  0x0303: 'IPX External routes',
});
const extProtoValues = tok({
  0x01: 'IGRP',
  0x02: 'EIGRP',
  0x03: 'Static',
  0x04: 'RIP',
  0x05: 'Hello',
  0x06: 'OSPF',
  0x07: 'IS-IS',
  0x08: 'EGP',
  0x09: 'BGP',
  0x0a: 'IDRP',
  0x0b: 'Connected',
});

/** Sizes of the fixed parts of the TLVs tcpdump decodes. */
const tlvSize = new Map<number, number>([
  [0x0001, 8],
  [0x0004, 4],
  [0x0102, 22],
  [0x0103, 42],
  [0x0204, 8],
  [0x0202, 24],
  [0x0203, 40],
]);

function padLeft(s: string, width: number): string {
  while (s.length < width) s = ' ' + s;
  return s;
}

/** "IPv4 prefix: %15s/%u, nexthop: " with the prefix's 1-4 bytes after plen. */
function prefixPrint(nd: Dissector, nexthopAt: number, plenAt: number): boolean {
  const bits = nd.u8(plenAt);
  if (bits > 32) {
    nd.printBreak('\n\t    illegal prefix length ' + bits);
    return false;
  }
  const bytes = (bits + 7) >> 3;
  nd.need(plenAt + 1, bytes);
  const p = [0, 0, 0, 0];
  for (let i = 0; i < bytes; i++) p[i] = nd.u8(plenAt + 1 + i);
  nd.printBreak('\n\t    IPv4 prefix: ' + padLeft(p.join('.'), 15) + '/' + bits + ', nexthop: ');
  nd.print(nd.u32(nexthopAt) === 0 ? 'self' : nd.ipv4(nexthopAt));
  return true;
}

function metricPrint(nd: Dissector, m: number): void {
  nd.printBreak(
    '\n\t      delay ' +
      Math.floor(nd.u32(m) / 100) +
      ' ms, bandwidth ' +
      nd.u32(m + 4) +
      ' Kbps, mtu ' +
      nd.u24(m + 8) +
      ', hop ' +
      nd.u8(m + 11) +
      ', reliability ' +
      nd.u8(m + 12) +
      ', load ' +
      nd.u8(m + 13),
  );
}

function atNexthop(nd: Dissector, cableAt: number, nexthopAt: number): void {
  nd.printBreak('\n\t     Cable-Range: ' + nd.u16(cableAt) + '-' + nd.u16(cableAt + 2) + ', nexthop: ');
  nd.print(nd.u32(nexthopAt) === 0 ? 'self' : nd.u16(nexthopAt) + '.' + nd.u16(nexthopAt + 2));
}

export function eigrpPrint(nd: Dissector, pptr: number, len: number): void {
  nd.protocol = 'eigrp';
  if (!nd.has(pptr, HDR)) return nd.printTrunc();
  const version = nd.u8(pptr);
  if (version !== 2) {
    nd.print('EIGRP version ' + version + ' packet not supported');
    return;
  }
  const opcode = nd.u8(pptr + 1);
  if (nd.verbose < 1) {
    nd.print('EIGRP ' + tok2str(opcodeValues, 'unknown (%u)', opcode) + ', length: ' + len);
    return;
  }
  if (len < HDR) {
    nd.print('EIGRP ' + tok2str(opcodeValues, 'unknown (%u)', opcode) + ', length: ' + len + ' (too short, < ' + HDR + ')');
    return;
  }
  let tlen = len - HDR;
  printLines(
    nd,
    '\n\tEIGRP v' +
      version +
      ', opcode: ' +
      tok2str(opcodeValues, 'unknown, type: %u', opcode) +
      ' (' +
      opcode +
      '), chksum: 0x' +
      hex(nd.u16(pptr + 2), 4) +
      ', Flags: [' +
      bittok2str(flagValues, 'none', nd.u32(pptr + 4)) +
      ']\n\tseq: 0x' +
      hex(nd.u32(pptr + 8), 8) +
      ', ack: 0x' +
      hex(nd.u32(pptr + 12), 8) +
      ', VRID: ' +
      nd.u16(pptr + 16) +
      ', AS: ' +
      nd.u16(pptr + 18) +
      ', length: ' +
      tlen,
  );
  let tptr = pptr + HDR;
  while (tlen > 0) {
    if (!nd.has(tptr, 4)) return nd.printTrunc();
    const tlvLen = nd.u16(tptr + 2);
    const type = nd.u16(tptr);
    if (tlvLen < 4 || tlvLen > tlen) {
      printUnknownData(nd, tptr + 4, '\n\t    ', tlen);
      return;
    }
    nd.printBreak('\n\t  ' + tok2str(tlvValues, 'Unknown', type) + ' TLV (0x' + hex(type, 4) + '), length: ' + tlvLen);
    const v = tptr + 4;
    const vlen = tlvLen - 4;
    if (!nd.has(tptr, tlvLen)) return nd.printTrunc();
    const need = tlvSize.get(type);
    if (need !== undefined && vlen < need) nd.print(' (too short, < ' + (4 + need) + ')');
    else {
      switch (type) {
        case 0x0001:
          nd.printBreak(
            '\n\t    holdtime: ' + nd.u16(v + 6) + 's, k1 ' + nd.u8(v) + ', k2 ' + nd.u8(v + 1) + ', k3 ' + nd.u8(v + 2) + ', k4 ' + nd.u8(v + 3) + ', k5 ' + nd.u8(v + 4),
          );
          break;
        case 0x0004:
          nd.printBreak('\n\t    IOS version: ' + nd.u8(v) + '.' + nd.u8(v + 1) + ', EIGRP version ' + nd.u8(v + 2) + '.' + nd.u8(v + 3));
          break;
        case 0x0102:
          if (prefixPrint(nd, v, v + 20)) metricPrint(nd, v + 4);
          break;
        case 0x0103:
          if (prefixPrint(nd, v, v + 40)) {
            nd.printBreak(
              '\n\t      origin-router ' +
                nd.ipv4(v + 4) +
                ', origin-as ' +
                nd.u32(v + 8) +
                ', origin-proto ' +
                tok2str(extProtoValues, 'unknown', nd.u8(v + 22)) +
                ', flags [0x' +
                hex(nd.u8(v + 23), 2) +
                '], tag 0x' +
                hex(nd.u32(v + 12), 8) +
                ', metric ' +
                nd.u32(v + 16),
            );
            metricPrint(nd, v + 24);
          }
          break;
        case 0x0204:
          nd.printBreak('\n\t    Cable-range: ' + nd.u16(v) + '-' + nd.u16(v + 2) + ', Router-ID ' + nd.u32(v + 4));
          break;
        case 0x0202:
          atNexthop(nd, v + 20, v);
          metricPrint(nd, v + 4);
          break;
        case 0x0203:
          atNexthop(nd, v + 36, v);
          nd.printBreak(
            '\n\t      origin-router ' +
              nd.u32(v + 4) +
              ', origin-as ' +
              nd.u32(v + 8) +
              ', origin-proto ' +
              tok2str(extProtoValues, 'unknown', nd.u8(v + 16)) +
              ', flags [0x' +
              hex(nd.u8(v + 17), 2) +
              '], tag 0x' +
              hex(nd.u32(v + 12), 8) +
              ', metric ' +
              nd.u16(v + 18),
          );
          metricPrint(nd, v + 20);
          break;
        default:
          if (nd.verbose <= 1) printUnknownData(nd, v, '\n\t    ', vlen);
      }
    }
    if (nd.verbose > 1) printUnknownData(nd, v, '\n\t    ', vlen);
    tptr += tlvLen;
    tlen -= tlvLen;
  }
}

ipProtos.register(88, 'ip:eigrp', eigrpPrint);
