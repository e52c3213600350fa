import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { hex, hex2, tok, tok2str, unsignedRelts } from '../text.js';
import { nsTypes } from './dns.js';
import { charText } from './tcp.js';

/**
 * BIND 9 lightweight resolver (tcpdump's print-lwres.c), UDP port 921: the opcode,
 * then the query's or the answer's names and addresses; -vv and -vvv add the header's
 * serial, result and lengths.
 */

const opcodes = tok({ 0: 'noop', 0x00010001: 'getaddrsbyname', 0x00010002: 'getnamebyaddr', 0x00010003: 'getrdatabyname' });
const nsClasses = tok({ 1: 'IN', 3: 'CHAOS', 4: 'HS', 255: 'ANY' });
const HDR = 28;

/** lwres_printname: " name" (l characters), and a warning when no NUL follows; the bytes used. */
function printName(nd: Dissector, l: number, p: number): number {
  nd.print(' ');
  for (let i = 0; i < l; i++) nd.print(charText(nd.u8(p + i)));
  if (nd.u8(p + l)) nd.print(' (not NUL-terminated!)');
  return l + 1;
}

function printNameLen(nd: Dissector, p: number): number {
  return 2 + printName(nd, nd.u16(p), p + 2);
}

function printBinLen(nd: Dissector, p: number): number {
  const l = nd.u16(p);
  for (let i = 0; i < l; i++) nd.print(hex2(nd.u8(p + 2 + i)));
  return 2 + l;
}

/** lwres_printaddr: " address" of an lwres_addr; -1 when its length is too short for its family. */
function printAddr(nd: Dissector, p0: number): number {
  const l = nd.u16(p0 + 4);
  let p = p0 + 6;
  nd.need(p, l);
  const family = nd.u32(p0);
  if (family === 1) {
    if (l < 4) return -1;
    nd.print(' ' + nd.ipv4(p));
    p += 4;
  } else if (family === 2) {
    if (l < 16) return -1;
    nd.print(' ' + nd.ipv6(p));
    p += 16;
  } else {
    nd.print(' ' + family + '/');
    for (let i = 0; i < l; i++) nd.print(hex2(nd.u8(p++)));
  }
  return p - p0;
}

function flags(nd: Dissector, at: number): void {
  if (nd.verbose > 2) nd.print(' flags:0x' + hex(nd.u32(at)));
}

function typeAndClass(nd: Dissector, classAt: number, typeAt: number): void {
  nd.print(' ' + tok2str(nsTypes, 'Type%u', nd.u16(typeAt)));
  if (nd.u16(classAt) !== 1) nd.print(' ' + tok2str(nsClasses, 'Class%u', nd.u16(classAt)));
}

/** A query's body at p; where it ends, -1 when an address is invalid, -2 for an opcode not decoded. */
function query(nd: Dissector, op: number, p: number): number {
  switch (op) {
    case 0:
      return p;
    case 0x00010001: {
      nd.need(p + 8, 2);
      flags(nd, p);
      const v = nd.u32(p + 4);
      const both = v & 3;
      if (both === 1) nd.print(' IPv4');
      else if (both === 2) nd.print(' IPv6');
      else if (both === 3) nd.print(' IPv4/6');
      if (v & ~3) nd.print('[0x' + hex(v) + ']');
      return p + 10 + printName(nd, nd.u16(p + 8), p + 10);
    }
    case 0x00010002: {
      nd.need(p, 4);
      flags(nd, p);
      const advance = printAddr(nd, p + 4);
      return advance < 0 ? -1 : p + 4 + advance;
    }
    case 0x00010003:
      nd.need(p + 8, 2);
      flags(nd, p);
      typeAndClass(nd, p + 4, p + 6);
      return p + 10 + printName(nd, nd.u16(p + 8), p + 10);
    default:
      return -2;
  }
}

function response(nd: Dissector, op: number, p: number): number {
  switch (op) {
    case 0:
      return p;
    case 0x00010001: {
      nd.need(p + 8, 2);
      flags(nd, p);
      nd.print(' ' + nd.u16(p + 4) + '/' + nd.u16(p + 6));
      let s = p + 10 + printName(nd, nd.u16(p + 8), p + 10);
      for (let i = 0, n = nd.u16(p + 4); i < n; i++) s += printNameLen(nd, s);
      for (let i = 0, n = nd.u16(p + 6); i < n; i++) {
        const advance = printAddr(nd, s);
        if (advance < 0) return -1;
        s += advance;
      }
      return s;
    }
    case 0x00010002: {
      nd.need(p + 6, 2);
      flags(nd, p);
      nd.print(' ' + nd.u16(p + 4));
      let s = p + 8 + printName(nd, nd.u16(p + 6), p + 8);
      for (let i = 0, n = nd.u16(p + 4); i < n; i++) s += printNameLen(nd, s);
      return s;
    }
    case 0x00010003: {
      nd.need(p + 14, 2);
      flags(nd, p);
      typeAndClass(nd, p + 4, p + 6);
      nd.print(' TTL ');
      nd.print(unsignedRelts(nd.u32(p + 8)));
      nd.print(' ' + nd.u16(p + 12) + '/' + nd.u16(p + 14));
      let s = p + 16 + printNameLen(nd, p + 16);
      for (let i = 0, n = nd.u16(p + 12); i < n; i++) s += printBinLen(nd, s);
      for (let i = 0, n = nd.u16(p + 14); i < n; i++) s += printBinLen(nd, s);
      return s;
    }
    default:
      return -2;
  }
}

export function lwresPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'lwres';
  nd.need(bp + 26, 2);
  nd.print(' lwres');
  const version = nd.u16(bp + 4);
  if (nd.verbose || version !== 0) nd.print(' v' + version);
  let s: number;
  let unsupported = false;
  if (version !== 0) s = bp + nd.u32(bp);
  else {
    const pktflags = nd.u16(bp + 6);
    const isResponse = pktflags & 1;
    const op = nd.u32(bp + 12);
    nd.print(' ' + tok2str(opcodes, '#0x%x', op) + (isResponse ? '' : '?'));
    if (pktflags & ~1) nd.print('[0x' + hex(pktflags) + ']');
    if (nd.verbose > 1) {
      nd.print(' (');
      nd.print('serial:0x' + hex(nd.u32(bp + 8)));
      nd.print(' result:0x' + hex(nd.u32(bp + 16)));
      nd.print(' recvlen:' + nd.u32(bp + 20));
      if (nd.verbose > 2) {
        nd.print(' authtype:0x' + hex(nd.u16(bp + 24)));
        nd.print(' authlen:' + nd.u16(bp + 26));
      }
      nd.print(')');
    }
    s = (isResponse ? response : query)(nd, op, bp + HDR);
    if (s === -1) return nd.printInvalid();
    if (s === -2) {
      s = bp + HDR;
      unsupported = true;
    }
  }
  const declared = nd.u32(bp);
  if (declared !== length) nd.print(' [len: ' + declared + ' != ' + length + ']');
  if (!unsupported && (s - bp) >>> 0 < declared) nd.print('[extra]');
}

udpPorts.register('lwres', lwresPrint);
