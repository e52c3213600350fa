import type { Dissector } from '../dissector.js';
import { defaultPrintAlways } from '../hex.js';
import { etherTypes, registerPrinter } from '../registry.js';
import { tok, tok2str } from '../text.js';
import { EtherType, ethertypeNames } from './ethertype.js';

/** ARP, RARP, InARP and ATM ARP (tcpdump's print-arp.c). */

const HRD = { ETHER: 1, FRELAY: 15, ATM2225: 19 } as const;
const OP = { REQUEST: 1, REPLY: 2, REVREQUEST: 3, REVREPLY: 4, INVREQUEST: 8, INVREPLY: 9, NAK: 10 } as const;
const ETHERTYPE_TRAIL = 0x1000;

const arpopValues = tok({ 1: 'Request', 2: 'Reply', 3: 'Reverse Request', 4: 'Reverse Reply', 8: 'Inverse Request', 9: 'Inverse Reply', 10: 'NACK Reply' });
const arphrdValues = tok({ 1: 'Ethernet', 6: 'TokenRing', 7: 'ArcNet', 15: 'FrameRelay', 23: 'Strip', 24: 'IEEE 1394', 19: 'ATM', 32: 'InfiniBand' });

/** A Q.922 (frame relay) address as "DLCI n" (tcpdump's q922_string). */
export function q922String(nd: Dissector, p: number, length: number): string {
  if (!nd.has(p, 1) || length < 1) return '<Truncated>';
  if (nd.u8(p) & 1) return '<Invalid DLCI>';
  if (!nd.has(p + 1, 1) || length < 2) return '<Truncated>';
  let dlci = ((nd.u8(p) & 0xfc) << 2) | ((nd.u8(p + 1) & 0xf0) >> 4);
  if (nd.u8(p + 1) & 1) return 'DLCI ' + dlci;
  p += 2;
  length -= 2;
  if (!nd.has(p, 1) || length < 1) return '<Truncated>';
  if ((nd.u8(p) & 1) === 0) {
    dlci = (dlci << 7) | (nd.u8(p) >> 1);
    p++;
    length--;
  }
  if (!nd.has(p, 1) || length < 1) return '<Truncated>';
  if ((nd.u8(p) & 1) === 0) return '<Invalid DLCI>';
  dlci = (dlci << 6) | (nd.u8(p) >> 2);
  return 'DLCI ' + (dlci >>> 0);
}

/** A hardware address as linkaddr_string: MAC text, a frame relay DLCI, or colon-separated bytes. */
function linkAddr(nd: Dissector, at: number, len: number, frelay: boolean): string {
  if (len === 0) return '<empty>';
  if (frelay) return q922String(nd, at, len);
  return nd.linkAddr(at, len);
}

function isIp(pro: number): boolean {
  return pro === EtherType.IP || pro === ETHERTYPE_TRAIL;
}

function atmarpPrint(nd: Dissector, bp: number, length: number, caplen: number): void {
  nd.need(bp, 12);
  const hrd = nd.u16(bp);
  const pro = nd.u16(bp + 2);
  const op = nd.u16(bp + 6);
  const shln = nd.u8(bp + 4) & 0x3f;
  const ssln = nd.u8(bp + 5) & 0x3f;
  const spln = nd.u8(bp + 8);
  const thln = nd.u8(bp + 9) & 0x3f;
  const tsln = nd.u8(bp + 10) & 0x3f;
  const tpln = nd.u8(bp + 11);
  const sha = bp + 12;
  const ssa = sha + shln;
  const spa = ssa + ssln;
  const tha = spa + spln;
  const tsa = tha + thln;
  const tpa = tsa + tsln;
  nd.need(tpa, tpln);
  if (!nd.linkHeader) nd.print('ARP, ');
  if (!isIp(pro) || spln !== 4 || tpln !== 4 || nd.verbose > 0) {
    nd.print(
      tok2str(arphrdValues, 'Unknown Hardware (%u)', hrd) + ', ' + tok2str(ethertypeNames, 'Unknown Protocol (0x%04x)', pro) + ' (len ' + spln + '/' + tpln + ')',
    );
    if (nd.verbose === 0) {
      nd.print(', length ' + length);
      return;
    }
  }
  const addr = (ha: number, haLen: number, sa: number, saLen: number): string => {
    if (haLen === 0) return '<No address>';
    let s = nd.linkAddr(ha, haLen);
    if (saLen !== 0) s += ',' + nd.linkAddr(sa, saLen);
    return s;
  };
  const tpaText = () => (!isIp(pro) ? '<wrong proto type>' : tpln !== 4 ? '<wrong tplen>' : nd.ipv4(tpa));
  const spaText = () => (!isIp(pro) ? '<wrong proto type>' : spln !== 4 ? '<wrong splen>' : nd.ipv4(spa));
  nd.print((nd.verbose > 0 ? ', ' : '') + tok2str(arpopValues, 'Unknown (%u)', op) + ' ');
  switch (op) {
    case OP.REQUEST:
      nd.print('who-has ' + tpaText());
      if (thln !== 0) nd.print(' (' + addr(tha, thln, tsa, tsln) + ')');
      nd.print(' tell ' + spaText());
      break;
    case OP.REPLY:
      nd.print(spaText() + ' is-at ' + addr(sha, shln, ssa, ssln));
      break;
    case OP.INVREQUEST:
      nd.print('who-is ' + addr(tha, thln, tsa, tsln) + ' tell ' + addr(sha, shln, ssa, ssln));
      break;
    case OP.INVREPLY:
      nd.print(addr(sha, shln, ssa, ssln) + 'at ' + spaText());
      break;
    case OP.NAK:
      nd.print('for ' + spaText());
      break;
    default:
      defaultPrintAlways(nd, bp, caplen);
      return;
  }
  nd.print(', length ' + length);
}

export function arpPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'arp';
  const caplen = nd.avail(bp);
  nd.need(bp, 8);
  const hrd = nd.u16(bp);
  const pro = nd.u16(bp + 2);
  const op = nd.u16(bp + 6);
  if (hrd === HRD.ATM2225) {
    atmarpPrint(nd, bp, length, caplen);
    return;
  }
  const frelay = hrd === HRD.FRELAY;
  const hln = nd.u8(bp + 4);
  const pln = nd.u8(bp + 5);
  const sha = bp + 8;
  const spa = sha + hln;
  const tha = spa + pln;
  const tpa = tha + hln;
  nd.need(tpa, pln);
  if (!nd.linkHeader) nd.print('ARP, ');
  if (!isIp(pro) || pln !== 4 || hln === 0 || nd.verbose > 0) {
    nd.print(
      tok2str(arphrdValues, 'Unknown Hardware (%u)', hrd) +
        ' (len ' +
        hln +
        '), ' +
        tok2str(ethertypeNames, 'Unknown Protocol (0x%04x)', pro) +
        ' (len ' +
        pln +
        ')',
    );
    if (nd.verbose === 0) {
      nd.print(', length ' + length);
      return;
    }
  }
  const tpaText = () => (!isIp(pro) ? '<wrong proto type>' : pln !== 4 ? '<wrong len>' : nd.ipv4(tpa));
  const spaText = () => (!isIp(pro) ? '<wrong proto type>' : pln !== 4 ? '<wrong len>' : nd.ipv4(spa));
  nd.print((nd.verbose > 0 ? ', ' : '') + tok2str(arpopValues, 'Unknown (%u)', op) + ' ');
  switch (op) {
    case OP.REQUEST: {
      nd.print('who-has ' + tpaText());
      let nonzero = false;
      for (let i = 0; i < hln; i++) if (nd.u8(tha + i) !== 0) nonzero = true;
      if (nonzero) nd.print(' (' + linkAddr(nd, tha, hln, frelay) + ')');
      nd.print(' tell ' + spaText());
      break;
    }
    case OP.REPLY:
      nd.print(spaText() + ' is-at ' + linkAddr(nd, sha, hln, frelay));
      break;
    case OP.REVREQUEST:
    case OP.INVREQUEST:
      nd.print('who-is ' + linkAddr(nd, tha, hln, frelay));
      nd.print(' tell ' + linkAddr(nd, sha, hln, frelay));
      break;
    case OP.REVREPLY:
      nd.print(linkAddr(nd, tha, hln, frelay) + ' at ' + tpaText());
      break;
    case OP.INVREPLY:
      nd.print(linkAddr(nd, sha, hln, frelay) + ' at ' + spaText());
      break;
    default:
      defaultPrintAlways(nd, bp, caplen);
      return;
  }
  nd.print(', length ' + length);
}

etherTypes.register(EtherType.ARP, 'arp', arpPrint);
etherTypes.register(EtherType.REVARP, 'rarp', arpPrint);
registerPrinter('arp', arpPrint);
