import type { Dissector } from '../dissector.js';
import { hex } from '../text.js';

/** IPv6 hop-by-hop and destination options (tcpdump's print-ip6opts.c). */

const PAD1 = 0x00;
const PADN = 0x01;
const JUMBO = 0xc2;
const JUMBO_LEN = 6;
const ROUTER_ALERT = 0x05;
const RTALERT_LEN = 4;
const HOME_ADDRESS = 0xc9;
const HOMEADDR_MINLEN = 18;
const MINLEN = 2;

/** What the options say of a jumbo payload: found, and the payload length to use. */
export interface Jumbo {
  found: boolean;
  payloadLen: number;
}

function subOptions(nd: Dissector, bp: number, len: number): number {
  let optlen = 0;
  for (let i = 0; i < len; i += optlen) {
    if (nd.u8(bp + i) === PAD1) optlen = 1;
    else if (i + 1 < len) optlen = nd.u8(bp + i + 1) + 2;
    else return -1;
    if (i + optlen > len) return -1;
    const type = nd.u8(bp + i);
    if (type === PAD1) nd.print(', pad1');
    else if (type === PADN) {
      if (len - i < MINLEN) {
        nd.print(', padn: trunc');
        return -1;
      }
      nd.print(', padn');
    } else {
      if (len - i < MINLEN) {
        nd.print(', sopt_type ' + type + ': trunc)');
        return -1;
      }
      nd.print(', sopt_type 0x' + hex(type, 2) + ': len=' + nd.u8(bp + i + 1));
    }
  }
  return 0;
}

/** Walks the options; jumbo is null outside a hop-by-hop header. -1 when they are cut or malformed. */
function optProcess(nd: Dissector, bp: number, len: number, jumbo: Jumbo | null): number {
  if (len === 0) return 0;
  const v = nd.verbose > 0;
  let optlen = 0;
  let foundJumbo = false;
  for (let i = 0; i < len; i += optlen) {
    if (nd.u8(bp + i) === PAD1) optlen = 1;
    else if (i + 1 < len) optlen = nd.u8(bp + i + 1) + 2;
    else return -1;
    if (i + optlen > len) return -1;
    const type = nd.u8(bp + i);
    switch (type) {
      case PAD1:
        if (v) nd.print('(pad1)');
        break;
      case PADN:
        if (len - i < MINLEN) {
          nd.print('(padn: trunc)');
          return -1;
        }
        if (v) nd.print('(padn)');
        break;
      case ROUTER_ALERT:
        if (len - i < RTALERT_LEN) {
          nd.print('(rtalert: trunc)');
          return -1;
        }
        if (nd.u8(bp + i + 1) !== RTALERT_LEN - 2) {
          nd.print('(rtalert: invalid len ' + nd.u8(bp + i + 1) + ')');
          return -1;
        }
        if (v) nd.print('(rtalert: 0x' + hex(nd.u16(bp + i + 2), 4) + ') ');
        break;
      case JUMBO: {
        if (len - i < JUMBO_LEN) {
          nd.print('(jumbo: trunc)');
          return -1;
        }
        if (nd.u8(bp + i + 1) !== JUMBO_LEN - 2) {
          nd.print('(jumbo: invalid len ' + nd.u8(bp + i + 1) + ')');
          return -1;
        }
        const jumbolen = nd.u32(bp + i + 2);
        if (foundJumbo) {
          if (v) nd.print('(jumbo: ' + jumbolen + ' - already seen) ');
        } else {
          foundJumbo = true;
          if (jumbo === null) {
            if (v) nd.print('(jumbo: ' + jumbolen + ' - not a hop-by-hop option) ');
          } else if (jumbo.payloadLen !== 0) {
            if (v) nd.print('(jumbo: ' + jumbolen + ' - payload len != 0) ');
          } else if (jumbolen < 65536) {
            if (v) nd.print('(jumbo: ' + jumbolen + ' - < 65536) ');
          } else {
            jumbo.found = true;
            jumbo.payloadLen = jumbolen;
            if (v) nd.print('(jumbo: ' + jumbolen + ') ');
          }
        }
        break;
      }
      case HOME_ADDRESS:
        if (len - i < HOMEADDR_MINLEN) {
          nd.print('(homeaddr: trunc)');
          return -1;
        }
        if (nd.u8(bp + i + 1) < HOMEADDR_MINLEN - 2) {
          nd.print('(homeaddr: invalid len ' + nd.u8(bp + i + 1) + ')');
          return -1;
        }
        if (v) {
          nd.print('(homeaddr: ' + nd.ipv6(bp + i + 2));
          if (nd.u8(bp + i + 1) > HOMEADDR_MINLEN - 2) {
            if (subOptions(nd, bp + i + HOMEADDR_MINLEN, optlen - HOMEADDR_MINLEN) === -1) return -1;
          }
          nd.print(')');
        }
        break;
      default:
        if (len - i < MINLEN) {
          nd.print('(type ' + type + ': trunc)');
          return -1;
        }
        if (v) nd.print('(opt_type 0x' + hex(type, 2) + ': len=' + nd.u8(bp + i + 1) + ')');
    }
  }
  if (v) nd.print(' ');
  return 0;
}

/** "HBH " and the options; the header's length, or -1 after printing why it stops. */
export function hbhoptProcess(nd: Dissector, bp: number, jumbo: Jumbo): number {
  nd.protocol = 'hbhopt';
  const hbhlen = (nd.u8(bp + 1) + 1) << 3;
  if (!nd.has(bp, hbhlen)) {
    nd.printTrunc();
    return -1;
  }
  nd.print('HBH ');
  if (optProcess(nd, bp + 2, hbhlen - 2, jumbo) === -1) {
    nd.printTrunc();
    return -1;
  }
  return hbhlen;
}

/** "DSTOPT " (the options themselves only with -v); the header's length or -1. */
export function dstoptProcess(nd: Dissector, bp: number): number {
  nd.protocol = 'dstopt';
  const len = (nd.u8(bp + 1) + 1) << 3;
  if (!nd.has(bp, len)) {
    nd.printTrunc();
    return -1;
  }
  nd.print('DSTOPT ');
  if (nd.verbose > 0 && optProcess(nd, bp + 2, len - 2, null) === -1) {
    nd.printTrunc();
    return -1;
  }
  return len;
}
