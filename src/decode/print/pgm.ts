import type { Dissector } from '../dissector.js';
import { ipProtos } from '../registry.js';
import { hex, hex2 } from '../text.js';
import { AFNUM_INET, AFNUM_INET6 } from './af.js';

/** PGM, RFC 3208 (tcpdump's print-pgm.c). */

const HDR = 16;
const OPT_BIT_PRESENT = 0x01;
const OPT_END = 0x80;

/** An address of a family PGM knows, as addrtostr prints it; null for another family or a cut one (tcpdump stops there). */
function nla(nd: Dissector, afi: number, at: number): { text: string; size: number } | null {
  if (afi === AFNUM_INET) {
    if (!nd.has(at, 4)) return null;
    return { text: nd.ipv4(at), size: 4 };
  }
  if (afi === AFNUM_INET6) {
    if (!nd.has(at, 16)) return null;
    return { text: nd.ipv6(at), size: 16 };
  }
  return null;
}

/** The options; false when the packet ends here (tcpdump returns without the trailing length). */
function optionsPrint(nd: Dissector, bp: number): boolean {
  if (!nd.has(bp, 4)) {
    nd.printTrunc();
    return false;
  }
  let type = nd.u8(bp++);
  if ((type & 0x7f) !== 0) {
    nd.print('[First option bad, should be PGM_OPT_LENGTH, is ' + (type & 0x7f) + ']');
    return false;
  }
  let optLen = nd.u8(bp++);
  if (optLen !== 4) {
    nd.print('[Bad OPT_LENGTH option, length ' + optLen + ' != 4]');
    return false;
  }
  let optsLen = nd.u16(bp);
  bp += 2;
  if (optsLen < 4) {
    nd.print('[Bad total option length ' + optsLen + ' < 4]');
    return false;
  }
  nd.print(' OPTS LEN ' + optsLen);
  optsLen -= 4;
  const bad = (name: string, want: number, op = '!=') => {
    nd.print('[Bad ' + name + ' option, length ' + optLen + ' ' + op + ' ' + want + ']');
    return false;
  };
  while (optsLen) {
    if (optsLen < 4) {
      nd.print('[Total option length leaves no room for final option]');
      return false;
    }
    type = nd.u8(bp++);
    optLen = nd.u8(bp++);
    if (optLen < 4) {
      nd.print('[Bad option, length ' + optLen + ' < 4]');
      break;
    }
    if (optsLen < optLen) {
      nd.print('[Total option length leaves no room for final option]');
      return false;
    }
    if (!nd.has(bp, optLen - 2)) {
      nd.printTrunc();
      return false;
    }
    switch (type & 0x7f) {
      case 0x00:
        if (optLen !== 4) return bad('OPT_LENGTH', 4);
        nd.print(' OPTS LEN (extra?) ' + nd.u16(bp));
        bp += 2;
        optsLen -= 4;
        break;
      case 0x01: {
        if (optLen !== 16) return bad('OPT_FRAGMENT', 16);
        bp += 2;
        const seq = nd.u32(bp);
        const offset = nd.u32(bp + 4);
        const len = nd.u32(bp + 8);
        bp += 12;
        nd.print(' FRAG seq ' + seq + ' off ' + offset + ' len ' + len);
        optsLen -= 16;
        break;
      }
      case 0x02:
        bp += 2;
        optLen = (optLen - 4) & 0xff;
        nd.print(' NAK LIST');
        while (optLen) {
          if (optLen < 4) {
            nd.print('[Option length not a multiple of 4]');
            return false;
          }
          nd.print(' ' + nd.u32(bp));
          bp += 4;
          optLen -= 4;
          // tcpdump counts the list's entries against the total but not its header.
          optsLen = (optsLen - 4) >>> 0;
        }
        break;
      case 0x03:
        if (optLen !== 8) return bad('OPT_JOIN', 8);
        bp += 2;
        nd.print(' JOIN ' + nd.u32(bp));
        bp += 4;
        optsLen -= 8;
        break;
      case 0x04:
      case 0x05: {
        const name = (type & 0x7f) === 4 ? 'OPT_NAK_BO_IVL' : 'OPT_NAK_BO_RNG';
        if (optLen !== 12) return bad(name, 12);
        bp += 2;
        const a = nd.u32(bp);
        const b = nd.u32(bp + 4);
        bp += 8;
        nd.print((type & 0x7f) === 4 ? ' BACKOFF ivl ' + a + ' ivlseq ' + b : ' BACKOFF max ' + a + ' min ' + b);
        optsLen -= 12;
        break;
      }
      case 0x07: {
        if (optLen < 8) return bad('OPT_REDIRECT', 8, '<');
        bp += 2;
        const afi = nd.u16(bp);
        bp += 4;
        const size = afi === AFNUM_INET ? 4 : afi === AFNUM_INET6 ? 16 : 0;
        if (size === 0) {
          nd.printTrunc();
          return false;
        }
        if (optLen !== 8 + size) {
          nd.print('[Bad OPT_REDIRECT option, length ' + optLen + ' != 8 + address size]');
          return false;
        }
        const a = nla(nd, afi, bp);
        if (a === null) {
          nd.printTrunc();
          return false;
        }
        bp += size;
        optsLen -= 8 + size;
        nd.print(' REDIRECT ' + a.text);
        break;
      }
      case 0x08:
        if (optLen !== 8) return bad('OPT_PARITY_PRM', 8);
        bp += 2;
        nd.print(' PARITY MAXTGS ' + nd.u32(bp));
        bp += 4;
        optsLen -= 8;
        break;
      case 0x09:
        if (optLen !== 8) return bad('OPT_PARITY_GRP', 8);
        bp += 2;
        nd.print(' PARITY GROUP ' + nd.u32(bp));
        bp += 4;
        optsLen -= 8;
        break;
      case 0x0a:
        if (optLen !== 8) return bad('OPT_CURR_TGSIZE', 8);
        bp += 2;
        nd.print(' PARITY ATGS ' + nd.u32(bp));
        bp += 4;
        optsLen -= 8;
        break;
      case 0x0b:
      case 0x0d:
      case 0x0e:
      case 0x0f:
      case 0x11: {
        const t = type & 0x7f;
        const name = t === 0x0b ? 'NBR_UNREACH' : t === 0x0d ? 'SYN' : t === 0x0e ? 'FIN' : t === 0x0f ? 'RST' : 'CRQST';
        if (optLen !== 4) return bad('OPT_' + name, 4);
        bp += 2;
        nd.print(' ' + name);
        optsLen -= 4;
        break;
      }
      case 0x0c:
        nd.print(' PATH_NLA [' + optLen + ']');
        bp += optLen;
        optsLen -= optLen;
        break;
      case 0x10:
        nd.print(' CR');
        bp += optLen;
        optsLen -= optLen;
        break;
      case 0x12:
      case 0x13: {
        const data = (type & 0x7f) === 0x12;
        const name = data ? 'OPT_PGMCC_DATA' : 'OPT_PGMCC_FEEDBACK';
        if (optLen < 12) {
          nd.print('[Bad ' + (data ? '' : 'PGM_') + name + ' option, length ' + optLen + ' < 12]');
          return false;
        }
        bp += 2;
        const offset = nd.u32(bp);
        bp += 4;
        const afi = nd.u16(bp);
        bp += 4;
        const size = afi === AFNUM_INET ? 4 : afi === AFNUM_INET6 ? 16 : 0;
        if (size === 0) {
          nd.printTrunc();
          return false;
        }
        if (optLen !== 12 + size) {
          nd.print('[Bad ' + name + ' option, length ' + optLen + ' != 12 + address size]');
          return false;
        }
        const a = nla(nd, afi, bp);
        if (a === null) {
          nd.printTrunc();
          return false;
        }
        bp += size;
        optsLen -= 12 + size;
        nd.print(' PGMCC ' + (data ? 'DATA ' : 'FEEDBACK ') + offset + ' ' + a.text);
        break;
      }
      default:
        nd.print(' OPT_' + hex2(type).toUpperCase() + ' [' + optLen + '] ');
        bp += optLen;
        optsLen -= optLen;
    }
    if (type & OPT_END) break;
  }
  return true;
}

export function pgmPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'pgm';
  const ip = nd.ipAt;
  const v6 = nd.ipVersion === 6;
  if (!nd.has(bp + 2, 2)) {
    if (v6) nd.print(nd.ipv6(ip + 8) + ' > ' + nd.ipv6(ip + 24) + ':');
    else nd.print(nd.ipv4(ip + 12) + ' > ' + nd.ipv4(ip + 16) + ':');
    return nd.printTrunc();
  }
  const sport = nd.u16(bp);
  const dport = nd.u16(bp + 2);
  if (v6) {
    if (nd.u8(ip + 6) === 113) nd.print(nd.ipv6(ip + 8) + '.' + sport + ' > ' + nd.ipv6(ip + 24) + '.' + dport + ': ');
    else nd.print(sport + ' > ' + dport + ': ');
  } else if (nd.u8(ip + 9) === 113) nd.print(nd.ipv4(ip + 12) + '.' + sport + ' > ' + nd.ipv4(ip + 16) + '.' + dport + ': ');
  else nd.print(sport + ' > ' + dport + ': ');
  if (!nd.has(bp, HDR)) return nd.printTrunc();
  nd.print('PGM, length ' + nd.u16(bp + 14));
  if (!nd.verbose) return;
  const type = nd.u8(bp + 4);
  let gsid = ' 0x';
  for (let i = 0; i < 6; i++) gsid += hex2(nd.u8(bp + 8 + i));
  nd.print(gsid + ' ');
  // SPMR and unknown types leave tcpdump's cursor at the header's start, where it then looks for options.
  let p = bp;
  const h = bp + HDR;
  switch (type) {
    case 0: {
      if (!nd.has(h, 16)) return nd.printTrunc();
      const a = nla(nd, nd.u16(h + 12), h + 16);
      if (a === null) return nd.printTrunc();
      nd.print('SPM seq ' + nd.u32(h) + ' trail ' + nd.u32(h + 4) + ' lead ' + nd.u32(h + 8) + ' nla ' + a.text);
      p = h + 16 + a.size;
      break;
    }
    case 1: {
      if (!nd.has(h, 12)) return nd.printTrunc();
      const a = nla(nd, nd.u16(h + 8), h + 12);
      if (a === null) return nd.printTrunc();
      const q = h + 12 + a.size;
      const ivl = nd.u32(q);
      const rnd = nd.u32(q + 4);
      const mask = nd.u32(q + 8);
      nd.print('POLL seq ' + nd.u32(h) + ' round ' + nd.u16(h + 4) + ' nla ' + a.text + ' ivl ' + ivl + ' rnd 0x' + hex(rnd, 8) + ' mask 0x' + hex(mask, 8));
      p = q + 12;
      break;
    }
    case 2:
      if (!nd.has(h, 8)) return nd.printTrunc();
      nd.print('POLR seq ' + nd.u32(h) + ' round ' + nd.u16(h + 4));
      p = h + 8;
      break;
    case 4:
    case 5:
      if (!nd.has(h, 8)) return nd.printTrunc();
      nd.print((type === 4 ? 'ODATA' : 'RDATA') + ' trail ' + nd.u32(h + 4) + ' seq ' + nd.u32(h));
      p = h + 8;
      break;
    case 8:
    case 9:
    case 10: {
      if (!nd.has(h, 8)) return nd.printTrunc();
      const src = nla(nd, nd.u16(h + 4), h + 8);
      if (src === null) return nd.printTrunc();
      // tcpdump reads the group's family at the group address itself (it skips 4 bytes, not 2+2 before it).
      let q = h + 8 + src.size + 4;
      const grp = nla(nd, nd.u16(q), q);
      if (grp === null) return nd.printTrunc();
      q += grp.size;
      nd.print(type === 8 ? 'NAK ' : type === 9 ? 'NNAK ' : 'NCF ');
      nd.print('(' + src.text + ' -> ' + grp.text + '), seq ' + nd.u32(h));
      p = q;
      break;
    }
    case 11:
      if (!nd.has(h, 8)) return nd.printTrunc();
      nd.print('ACK seq ' + nd.u32(h));
      p = h + 8;
      break;
    case 12:
      nd.print('SPMR');
      break;
    default:
      nd.print('UNKNOWN type 0x' + hex(type, 2));
  }
  if (nd.u8(bp + 5) & OPT_BIT_PRESENT && !optionsPrint(nd, p)) return;
  nd.print(' [' + length + ']');
}

ipProtos.register(113, 'ip:pgm', pgmPrint);
