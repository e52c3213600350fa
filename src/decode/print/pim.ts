import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { ipProtos } from '../registry.js';
import { hex, tok, tok2str, unsignedRelts } from '../text.js';
import { inCksum, nextproto6Cksum } from './checksum.js';
import { ipPrint } from './ip.js';
import { ip6Print } from './ip6.js';

/** PIM version 2 (tcpdump's print-pim.c); version 1 and auto-RP are in pimv1.ts. */

const v2TypeValues = tok({
  0: 'Hello',
  1: 'Register',
  2: 'Register Stop',
  3: 'Join / Prune',
  4: 'Bootstrap',
  5: 'Assert',
  6: 'Graft',
  7: 'Graft Acknowledgement',
  8: 'Candidate RP Advertisement',
  9: 'Prune Refresh',
  10: 'DF Election',
  11: 'ECMP Redirect',
});
const helloOptionValues = tok({
  1: 'Hold Time',
  2: 'LAN Prune Delay',
  18: 'DR Priority (Old)',
  19: 'DR Priority',
  20: 'Generation ID',
  21: 'State Refresh Capability',
  22: 'Bi-Directional Capability',
  24: 'Address List',
  65001: 'Address List (Old)',
});
const registerFlagValues = tok({ 0x80000000: 'Border', 0x40000000: 'Null' });
const dfElectionValues = tok({ 1: 'Offer', 2: 'Winner', 3: 'Backoff', 4: 'Pass' });

export function pimPrint(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'pim';
  const typever = nd.u8(bp);
  const ver = typever >> 4;
  if (ver === 2) {
    const name = tok2str(v2TypeValues, 'Unknown Type', typever & 15);
    if (!nd.verbose) {
      nd.print('PIMv2, ' + name + ', length ' + len);
      return;
    }
    nd.print('PIMv2, length ' + len);
    nd.printBreak('\n\t' + name);
    pimv2Print(nd, bp, len);
  } else nd.print('PIMv' + ver + ', length ' + len);
}

const UNICAST = 0;
const GROUP = 1;
const SOURCE = 2;

/** An encoded address: the bytes it spans, or -1 (then the caller prints the truncation). */
function addrPrint(nd: Dissector, bp: number, len: number, at: number, addrLen: number): number {
  let af: number;
  let hdrlen: number;
  if (addrLen === 0) {
    if (len < 2) return -1;
    const fam = nd.u8(bp);
    if (fam === 1) {
      af = 4;
      addrLen = 4;
    } else if (fam === 2) {
      af = 6;
      addrLen = 16;
    } else return -1;
    if (nd.u8(bp + 1) !== 0) return -1;
    hdrlen = 2;
  } else {
    if (addrLen === 4) af = 4;
    else if (addrLen === 16) af = 6;
    else return -1;
    hdrlen = 0;
  }
  bp += hdrlen;
  len -= hdrlen;
  if (at === UNICAST) {
    if (len < addrLen || !nd.has(bp, addrLen)) return -1;
    nd.print(af === 4 ? nd.ipv4(bp) : nd.ipv6(bp));
    return hdrlen + addrLen;
  }
  if (len < addrLen + 2 || !nd.has(bp, addrLen + 2)) return -1;
  if (af === 4) {
    nd.print(nd.ipv4(bp + 2));
    if (nd.u8(bp + 1) !== 32) nd.print('/' + nd.u8(bp + 1));
  } else {
    nd.print(nd.ipv6(bp + 2));
    if (nd.u8(bp + 1) !== 128) nd.print('/' + nd.u8(bp + 1));
  }
  const flags = nd.u8(bp);
  if (flags) {
    if (at === GROUP) nd.print('(0x' + hex(flags, 2) + ')');
    else {
      nd.print('(' + (flags & 4 ? 'S' : '') + (flags & 2 ? 'W' : '') + (flags & 1 ? 'R' : ''));
      if (flags & 0xf8) nd.print('+0x' + hex(flags & 0xf8, 2));
      nd.print(')');
    }
  }
  return hdrlen + 2 + addrLen;
}

/** 'correct', 'incorrect' or 'unverified' as pimv2_check_checksum finds the first len bytes. */
function checksumStatus(nd: Dissector, bp: number, len: number): number {
  if (!nd.has(bp, len)) return 2;
  if (nd.ipVersion === 4) return inCksum(nd, bp, len) ? 1 : 0;
  if (nd.ipVersion === 6) return nextproto6Cksum(nd, nd.ipAt, bp, len, len, 103) ? 1 : 0;
  return 2;
}

function pimv2Print(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'pimv2';
  const pim = bp;
  if (len < 2) {
    nd.print('[length ' + len + ' < 2]');
    nd.printInvalid();
    return;
  }
  const typever = nd.u8(bp);
  const type = typever & 15;
  const addrLen = nd.u8(bp + 1) & 0x0f;
  if (addrLen !== 0) nd.print(', RFC2117-encoding');
  if (len < 4) {
    nd.print('[length ' + len + ' < 4]');
    nd.printInvalid();
    return;
  }
  nd.print(', cksum 0x' + hex(nd.u16(bp + 2), 4) + ' ');
  if (nd.u16(bp + 2) === 0) nd.print('(unverified)');
  else {
    let status: number;
    if (type === 1) {
      // RFC 4601: a Register's checksum covers its header, or (accepted too) the whole message.
      status = checksumStatus(nd, bp, 8);
      if (status === 1) status = checksumStatus(nd, bp, len);
    } else status = checksumStatus(nd, bp, len);
    nd.print(status === 0 ? '(correct)' : status === 1 ? '(incorrect)' : '(unverified)');
  }
  bp += 4;
  len -= 4;
  let advance: number;
  const addr = (kind: number): boolean => {
    advance = addrPrint(nd, bp, len, kind, addrLen);
    if (advance < 0) return false;
    bp += advance;
    len -= advance;
    return true;
  };
  switch (type) {
    case 0:
      while (len > 0) {
        if (len < 4) return nd.printTrunc();
        const otype = nd.u16(bp);
        const olen = nd.u16(bp + 2);
        nd.printBreak('\n\t  ' + tok2str(helloOptionValues, 'Unknown', otype) + ' Option (' + otype + '), length ' + olen + ', Value: ');
        bp += 4;
        len -= 4;
        if (len < olen) return nd.printTrunc();
        if (!nd.has(bp, olen)) return nd.printTrunc();
        const bad = (want: number) => {
          nd.print('[option length ' + olen + ' != ' + want + ']');
          nd.printInvalid();
        };
        switch (otype) {
          case 1:
            if (olen !== 2) return bad(2);
            nd.print(unsignedRelts(nd.u16(bp)));
            break;
          case 2: {
            if (olen !== 4) return bad(4);
            const delay = nd.u16(bp);
            nd.printBreak('\n\t    T-bit=' + (delay & 0x8000 ? 1 : 0) + ', LAN delay ' + (delay & 0x7fff) + 'ms, Override interval ' + nd.u16(bp + 2) + 'ms');
            break;
          }
          case 18:
          case 19:
            if (olen === 0) nd.print('Bi-Directional Capability (Old)');
            else if (olen === 4) nd.print(String(nd.u32(bp)));
            else return bad(4);
            break;
          case 20:
            if (olen !== 4) return bad(4);
            nd.print('0x' + hex(nd.u32(bp), 8));
            break;
          case 21:
            if (olen !== 4) return bad(4);
            nd.print('v' + nd.u8(bp));
            if (nd.u8(bp + 1) !== 0) nd.print(', interval ' + unsignedRelts(nd.u8(bp + 1)));
            if (nd.u16(bp + 2) !== 0) nd.print(' ?0x' + hex(nd.u16(bp + 2), 4) + '?');
            break;
          case 22:
            break;
          case 24:
          case 65001:
            if (nd.verbose > 1) {
              let ptr = bp;
              let plen = len;
              while (ptr < bp + olen) {
                nd.printBreak('\n\t    ');
                const a = addrPrint(nd, ptr, plen, UNICAST, addrLen);
                if (a < 0) return nd.printTrunc();
                ptr += a;
                plen -= a;
              }
            }
            break;
          default:
            if (nd.verbose <= 1) printUnknownData(nd, bp, '\n\t    ', olen);
        }
        if (nd.verbose > 1) printUnknownData(nd, bp, '\n\t    ', olen);
        bp += olen;
        len -= olen;
      }
      break;
    case 1: {
      if (len < 4) return nd.printTrunc();
      if (!nd.has(bp, 4)) return nd.printTrunc();
      nd.print(', Flags [ ' + tok2str(registerFlagValues, 'none', nd.u32(bp)) + ' ]');
      nd.printBreak('\n\t');
      bp += 4;
      len -= 4;
      if (len === 0) return nd.printTrunc();
      const v = nd.u8(bp) >> 4;
      if (v === 0) nd.print('IP-Null-header ' + nd.ipv4(bp + 12) + ' > ' + nd.ipv4(bp + 16));
      else if (v === 4) ipPrint(nd, bp, len);
      else if (v === 6) ip6Print(nd, bp, len);
      else nd.print('IP ver ' + v);
      break;
    }
    case 2:
      nd.print(' group=');
      if (!addr(GROUP)) return nd.printTrunc();
      nd.print(' source=');
      if (!addr(UNICAST)) return nd.printTrunc();
      break;
    case 3:
    case 6:
    case 7: {
      if (type !== 7) {
        nd.print(', upstream-neighbor: ');
        if (!addr(UNICAST)) return nd.printTrunc();
      }
      if (len < 4 || !nd.has(bp, 4)) return nd.printTrunc();
      const ngroup = nd.u8(bp + 1);
      const holdtime = nd.u16(bp + 2);
      nd.printBreak('\n\t  ' + ngroup + ' group(s)');
      if (type !== 7) nd.print(', holdtime: ' + (holdtime === 0xffff ? 'infinite' : unsignedRelts(holdtime)));
      bp += 4;
      len -= 4;
      for (let i = 0; i < ngroup; i++) {
        nd.printBreak('\n\t    group #' + (i + 1) + ': ');
        if (!addr(GROUP)) return nd.printTrunc();
        if (len < 4 || !nd.has(bp, 4)) return nd.printTrunc();
        const njoin = nd.u16(bp);
        const nprune = nd.u16(bp + 2);
        nd.print(', joined sources: ' + njoin + ', pruned sources: ' + nprune);
        bp += 4;
        len -= 4;
        for (let j = 0; j < njoin; j++) {
          nd.printBreak('\n\t      joined source #' + (j + 1) + ': ');
          if (!addr(SOURCE)) return nd.printTrunc();
        }
        for (let j = 0; j < nprune; j++) {
          nd.printBreak('\n\t      pruned source #' + (j + 1) + ': ');
          if (!addr(SOURCE)) return nd.printTrunc();
        }
      }
      break;
    }
    case 4: {
      if (len < 2) return nd.printTrunc();
      nd.print(' tag=' + hex(nd.u16(bp)));
      bp += 2;
      len -= 2;
      if (len < 1) return nd.printTrunc();
      nd.print(' hashmlen=' + nd.u8(bp));
      if (len < 2 || !nd.has(bp + 2, 1)) return nd.printTrunc();
      nd.print(' BSRprio=' + nd.u8(bp + 1));
      bp += 2;
      len -= 2;
      nd.print(' BSR=');
      if (!addr(UNICAST)) return nd.printTrunc();
      for (let i = 0; len > 0; i++) {
        nd.print(' (group' + i + ': ');
        if (!addr(GROUP)) return nd.printTrunc();
        if (len < 1) return nd.printTrunc();
        nd.print(' RPcnt=' + nd.u8(bp));
        if (len < 2) return nd.printTrunc();
        const frpcnt = nd.u8(bp + 1);
        nd.print(' FRPcnt=' + frpcnt);
        if (len < 4) return nd.printTrunc();
        bp += 4;
        len -= 4;
        for (let j = 0; j < frpcnt && len > 0; j++) {
          nd.print(' RP' + j + '=');
          if (!addr(UNICAST)) return nd.printTrunc();
          if (len < 2) return nd.printTrunc();
          nd.print(',holdtime=');
          nd.print(unsignedRelts(nd.u16(bp)));
          if (len < 3) return nd.printTrunc();
          nd.print(',prio=' + nd.u8(bp + 2));
          if (len < 4) return nd.printTrunc();
          bp += 4;
          len -= 4;
        }
        nd.print(')');
      }
      break;
    }
    case 5:
      nd.print(' group=');
      if (!addr(GROUP)) return nd.printTrunc();
      nd.print(' src=');
      if (!addr(UNICAST)) return nd.printTrunc();
      if (len < 8 || !nd.has(bp, 8)) return nd.printTrunc();
      if (nd.u8(bp) & 0x80) nd.print(' RPT');
      nd.print(' pref=' + (nd.u32(bp) & 0x7fffffff));
      nd.print(' metric=' + nd.u32(bp + 4));
      break;
    case 8: {
      if (len < 1) return nd.printTrunc();
      nd.print(' prefix-cnt=' + nd.u8(bp));
      const pfxcnt = nd.u8(bp);
      if (len < 2) return nd.printTrunc();
      nd.print(' prio=' + nd.u8(bp + 1));
      if (len < 4) return nd.printTrunc();
      nd.print(' holdtime=');
      nd.print(unsignedRelts(nd.u16(bp + 2)));
      bp += 4;
      len -= 4;
      nd.print(' RP=');
      if (!addr(UNICAST)) return nd.printTrunc();
      for (let i = 0; i < pfxcnt && len > 0; i++) {
        nd.print(' Group' + i + '=');
        if (!addr(GROUP)) return nd.printTrunc();
      }
      break;
    }
    case 9:
      nd.print(' src=');
      if (!addr(UNICAST)) return nd.printTrunc();
      nd.print(' grp=');
      if (!addr(GROUP)) return nd.printTrunc();
      nd.print(' forwarder=');
      if (!addr(UNICAST)) return nd.printTrunc();
      if (len < 2) return nd.printTrunc();
      nd.print(' TUNR ');
      nd.print(unsignedRelts(nd.u16(bp)));
      break;
    case 10: {
      const subtype = nd.u8(pim + 1) >> 4;
      nd.printBreak('\n\t  ' + tok2str(dfElectionValues, 'Unknown', subtype) + ',');
      nd.print(' rpa=');
      if (!addr(UNICAST)) return nd.printTrunc();
      nd.print(' sender pref=' + nd.u32(bp));
      nd.print(' sender metric=' + nd.u32(bp + 4));
      bp += 8;
      len -= 8;
      if (subtype === 3 || subtype === 4) {
        const what = subtype === 3 ? 'offer' : 'new winner';
        nd.printBreak('\n\t  ' + what + ' addr=');
        if (!addr(UNICAST)) return nd.printTrunc();
        nd.print(' ' + what + ' pref=' + nd.u32(bp));
        nd.print(' ' + what + ' metric=' + nd.u32(bp + 4));
        bp += 8;
        len -= 8;
        if (subtype === 3) nd.print(' interval ' + nd.u16(bp) + 'ms');
      }
      break;
    }
    default:
      nd.print(' [type ' + type + ']');
  }
}

ipProtos.register(103, 'ip:pim', pimPrint);
