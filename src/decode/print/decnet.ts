import type { Dissector } from '../dissector.js';
import { defaultPrint } from '../hex.js';
import { etherTypes, registerPrinter } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';

/** DECnet Phase IV routing layer and NSP (tcpdump's print-decnet.c). */

const RMF_MASK = 7;
const RMF_SHORT = 2;
const RMF_LONG = 6;
const RMF_RQR = 0o10;
const RMF_RTS = 0o20;
const RMF_IE = 0o40;
const RMF_FVER = 0o100;
const RMF_PAD = 0o200;
const RMF_PADMASK = 0o177;
const RMF_CTLMSG = 1;
const SHORTHDR = 6;
const LONGHDR = 21;
const SGQ_ACK = 0o100000;
const SGQ_NAK = 0o110000;
const SGQ_OACK = 0o120000;
const SGQ_ONAK = 0o130000;
const SGQ_MASK = 0o7777;

const reasons = tok({
  0: 'object rejected connect',
  1: 'insufficient resources',
  2: 'unrecognized node name',
  3: 'node is shutting down',
  4: 'unrecognized object',
  5: 'invalid object name format',
  6: 'object too busy',
  7: 'protocol error discovered',
  8: 'third party abort',
  9: 'user abort',
  10: 'invalid node name format',
  11: 'local node shutting down',
  32: 'insufficient local resources',
  33: 'insufficient remote user resources',
  34: 'invalid access control information',
  36: 'bad ACCOUNT information',
  38: 'no response from object',
  39: 'node unreachable',
  41: 'no link terminate',
  42: 'disconnect complete',
  43: 'bad image data in connect',
  54: 'cryptographic service mismatch',
});

/** A DECnet address as area.node (what dnaddr_string gives with -n). */
function dnaddr(a: number): string {
  return ((a & 0o176000) >> 10) + '.' + (a & 0o1777);
}

const ntypes = ['reserved-ntype? ', 'l2rout ', 'l1rout ', 'endnode '];

function tInfo(info: number): string {
  return ntypes[info & 3] + (info & 4 ? 'verif ' : '') + (info & 8 ? 'blo ' : '');
}

function iInfo(info: number): string {
  return ntypes[info & 3] + (info & 4 ? 'verif ' : '') + (info & 0o40 ? 'nomcast ' : '') + (info & 0o100 ? 'blo ' : '');
}

function routes(nd: Dissector, rp: number, len: number, what: string): void {
  // The last word is a checksum.
  while (len > 6) {
    nd.need(rp, 6);
    const count = nd.le16(rp);
    if (count > 1024) return;
    const id = nd.le16(rp + 2);
    const info = nd.le16(rp + 4);
    rp += 6;
    len -= 6;
    nd.print('{' + what + ' ' + id + '-' + (id + count) + ' cost ' + (info & 0o777) + ' hops ' + ((info >> 10) & 0o37) + '} ');
  }
}

function ctlmsg(nd: Dissector, rh: number, length: number, caplen: number): boolean {
  const mflags = nd.u8(rh);
  switch (mflags & 0o17) {
    case 0o1: {
      nd.print('init ');
      if (length < 12) return false;
      nd.need(rh, 12);
      const src = nd.le16(rh + 1);
      const info = nd.u8(rh + 3);
      nd.print(tInfo(info));
      nd.print(
        'src ' + dnaddr(src) + 'blksize ' + nd.le16(rh + 4) + ' vers ' + nd.u8(rh + 6) + ' eco ' + nd.u8(rh + 7) + ' ueco ' + nd.u8(rh + 8) + ' hello ' + nd.le16(rh + 9),
      );
      break;
    }
    case 0o3:
      nd.print('verification ');
      if (length < 4) return false;
      nd.print('src ' + dnaddr(nd.le16(rh + 1)) + ' fcnval ' + nd.u8(rh + 3).toString(8));
      break;
    case 0o5:
      nd.print('test ');
      if (length < 4) return false;
      nd.print('src ' + dnaddr(nd.le16(rh + 1)) + ' data ' + nd.u8(rh + 3).toString(8));
      break;
    case 0o7:
    case 0o11: {
      const l1 = (mflags & 0o17) === 0o7;
      nd.print(l1 ? 'lev-1-routing ' : 'lev-2-routing ');
      if (length < 4) return false;
      nd.need(rh, 4);
      nd.print('src ' + dnaddr(nd.le16(rh + 1)) + ' ');
      routes(nd, rh + 4, length - 4, l1 ? 'ids' : 'areas');
      break;
    }
    case 0o13: {
      nd.print('router-hello ');
      if (length < 18) return false;
      nd.need(rh, 18);
      const info = nd.u8(rh + 10);
      const s =
        'vers ' +
        nd.u8(rh + 1) +
        ' eco ' +
        nd.u8(rh + 2) +
        ' ueco ' +
        nd.u8(rh + 3) +
        ' src ' +
        dnaddr(nd.le16(rh + 8)) +
        ' blksize ' +
        nd.le16(rh + 11) +
        ' pri ' +
        nd.u8(rh + 13) +
        ' hello ' +
        nd.le16(rh + 15);
      nd.print(iInfo(info) + s);
      break;
    }
    case 0o15: {
      nd.print('endnode-hello ');
      if (length < 32) return false;
      const s =
        'vers ' +
        nd.u8(rh + 1) +
        ' eco ' +
        nd.u8(rh + 2) +
        ' ueco ' +
        nd.u8(rh + 3) +
        ' src ' +
        dnaddr(nd.le16(rh + 8)) +
        ' blksize ' +
        nd.le16(rh + 11) +
        ' rtr ' +
        dnaddr(nd.le16(rh + 26)) +
        ' hello ' +
        nd.le16(rh + 28) +
        ' data ' +
        nd.u8(rh + 31).toString(8);
      nd.print(iInfo(nd.u8(rh + 10)) + s);
      break;
    }
    default:
      nd.print('unknown control message');
      defaultPrint(nd, rh, Math.min(length, caplen));
  }
  return true;
}

/**
 * The acknowledgement words of a segment or an acknowledgement (third: a segment's
 * number follows them); false when nsplen ends first.
 */
function acks(nd: Dissector, np: number, nsplen: number, other: [string, string], checked: boolean, third = true): number | false {
  let off = 7;
  if (checked && nsplen < off) return false;
  let ack = nd.le16(np + 5);
  if (ack & SGQ_ACK) {
    nd.print(((ack & SGQ_NAK) === SGQ_NAK ? 'nak ' : 'ack ') + (ack & SGQ_MASK) + ' ');
    off += 2;
    if (checked && nsplen < off) return false;
    ack = nd.le16(np + 7);
    if (ack & SGQ_OACK) {
      nd.print(((ack & SGQ_ONAK) === SGQ_ONAK ? other[1] : other[0]) + ' ' + (ack & SGQ_MASK) + ' ');
      off += 2;
      if (checked && nsplen < off) return false;
      if (third) ack = nd.le16(np + 9);
    }
  }
  return ack;
}

const COS = ['', 'seg ', 'msg ', ''];
const COI = ['ver 3.2 ', 'ver 3.1 ', 'ver 4.0 ', 'ver 4.1 '];

function nsp(nd: Dissector, np: number, nsplen: number): boolean {
  if (nsplen < 5) {
    nd.print(' (nsplen ' + nsplen + ' < 5)');
    return false;
  }
  const flags = nd.u8(np);
  const dst = nd.le16(np + 1);
  const src = nd.le16(np + 3);
  const sub = flags & 0o160;
  switch (flags & 0o14) {
    case 0:
      if (sub === 0o40 || sub === 0 || sub === 0o100 || sub === 0o140) {
        nd.print('data ' + src + '>' + dst + ' ');
        const ack = acks(nd, np, nsplen, ['oack', 'onak'], true);
        if (ack === false) return false;
        nd.print('seg ' + (ack & SGQ_MASK) + ' ');
      } else if (sub === 0o60) {
        nd.print('intr ');
        const ack = acks(nd, np, nsplen, ['ackdat', 'nakdat'], true);
        if (ack === false) return false;
        nd.print('seg ' + (ack & SGQ_MASK) + ' ');
      } else if (sub === 0o20) {
        nd.print('link-service ' + src + '>' + dst + ' ');
        if (nsplen < 13) return false;
        const ack = acks(nd, np, nsplen, ['ackdat', 'nakdat'], false) as number;
        nd.print('seg ' + (ack & SGQ_MASK) + ' ');
        const lsflags = nd.u8(np + 11);
        const fcval = nd.u8(np + 12);
        if ((lsflags & 0o14) === 0) {
          nd.print('dat seg count ' + fcval + ' ');
          const mod = lsflags & 3;
          if (mod === 1) nd.print('donotsend-data ');
          else if (mod === 2) nd.print('send-data ');
          else if (mod === 3) nd.print('reserved-fcmod? ' + hex(lsflags));
        } else if ((lsflags & 0o14) === 4) nd.print('intr req count ' + fcval + ' ');
        else nd.print('reserved-fcval-int? ' + hex(lsflags));
      } else nd.print('reserved-subtype? ' + hex(flags) + ' ' + src + ' > ' + dst);
      break;
    case 0o4:
      if (sub === 0 || sub === 0o20) {
        nd.print((sub === 0 ? 'data-ack ' : 'ils-ack ') + src + '>' + dst + ' ');
        if (nsplen < 9) return false;
        nd.need(np, 9);
        acks(nd, np, nsplen, sub === 0 ? ['oack', 'onak'] : ['ackdat', 'nakdat'], false, false);
      } else if (sub === 0o40) nd.print('conn-ack ' + dst);
      else nd.print('reserved-acktype? ' + hex(flags) + ' ' + src + ' > ' + dst);
      break;
    case 0o10:
      if (sub === 0o20 || sub === 0o140) {
        nd.print(sub === 0o20 ? 'conn-initiate ' : 'retrans-conn-initiate ');
        nd.print(src + '>' + dst + ' ');
        if (nsplen < 9) return false;
        const services = nd.u8(np + 5);
        const info = nd.u8(np + 6);
        const segsize = nd.le16(np + 7);
        nd.print(COS[(services & 0o14) >> 2] + COI[info & 3] + 'segsize ' + segsize + ' ');
      } else if (sub === 0o40) {
        nd.print('conn-confirm ' + src + '>' + dst + ' ');
        if (nsplen < 10) return false;
        const services = nd.u8(np + 5);
        const info = nd.u8(np + 6);
        const segsize = nd.le16(np + 7);
        const optlen = nd.u8(np + 9);
        nd.print(COS[(services & 0o14) >> 2] + COI[info & 3] + 'segsize ' + segsize + ' ');
        if (optlen) nd.print('optlen ' + optlen + ' ');
      } else if (sub === 0o60) {
        nd.print('disconn-initiate ' + src + '>' + dst + ' ');
        if (nsplen < 8) return false;
        const reason = nd.le16(np + 5);
        const optlen = nd.u8(np + 7);
        nd.print(tok2str(reasons, 'reason-%u', reason) + ' ');
        if (optlen) nd.print('optlen ' + optlen + ' ');
      } else if (sub === 0o100) {
        nd.print('disconn-confirm ' + src + '>' + dst + ' ');
        nd.print(tok2str(reasons, 'reason-%u', nd.le16(np + 5)) + ' ');
      } else nd.print('reserved-ctltype? ' + hex(flags) + ' ' + src + ' > ' + dst);
      break;
    default:
      nd.print('reserved-type? ' + hex(flags) + ' ' + src + ' > ' + dst);
  }
  return true;
}

export function decnetPrint(nd: Dissector, ap: number, length: number): void {
  nd.protocol = 'decnet';
  let caplen = nd.avail(ap);
  if (length < SHORTHDR) {
    nd.print(' (length ' + length + ' < 6)');
    return nd.printInvalid();
  }
  const pktlen = nd.le16(ap);
  if (pktlen < SHORTHDR) {
    nd.print(' (pktlen ' + pktlen + ' < 6)');
    return nd.printInvalid();
  }
  if (pktlen > length) {
    nd.print(' (pktlen ' + pktlen + ' > ' + length + ')');
    return nd.printInvalid();
  }
  length = pktlen;
  let rh = ap + 2;
  let mflags = nd.u8(rh);
  if (mflags & RMF_PAD) {
    const padlen = mflags & RMF_PADMASK;
    if (nd.verbose) nd.print('[pad:' + padlen + '] ');
    if (length < padlen + 2) {
      nd.print(' (length ' + length + ' < ' + (padlen + 2) + ')');
      return nd.printInvalid();
    }
    nd.need(ap + 2, padlen);
    ap += padlen;
    length -= padlen;
    caplen -= padlen;
    rh = ap + 2;
    mflags = nd.u8(rh);
  }
  if (mflags & RMF_FVER) {
    nd.print('future-version-decnet');
    return defaultPrint(nd, ap, Math.min(length, caplen));
  }
  if (mflags & RMF_CTLMSG) {
    if (!ctlmsg(nd, rh, length, caplen)) nd.printInvalid();
    return;
  }
  let dst: number;
  let src: number;
  let hops: number;
  let np: number;
  let nsplen: number;
  switch (mflags & RMF_MASK) {
    case RMF_LONG:
      if (length < LONGHDR) {
        nd.print(' (length ' + length + ' < 21)');
        return nd.printInvalid();
      }
      nd.need(rh, LONGHDR);
      dst = nd.le16(rh + 7);
      src = nd.le16(rh + 15);
      hops = nd.u8(rh + 18);
      np = ap + 2 + LONGHDR;
      nsplen = length - LONGHDR;
      break;
    case RMF_SHORT:
      dst = nd.le16(rh + 1);
      src = nd.le16(rh + 3);
      hops = (nd.u8(rh + 5) & 0o77) + 1;
      np = ap + 2 + SHORTHDR;
      nsplen = length - SHORTHDR;
      break;
    default:
      nd.print('unknown message flags under mask');
      return defaultPrint(nd, ap, Math.min(length, caplen));
  }
  nd.print(dnaddr(src) + ' > ' + dnaddr(dst) + ' ' + pktlen + ' ');
  if (nd.verbose) {
    if (mflags & RMF_RQR) nd.print('RQR ');
    if (mflags & RMF_RTS) nd.print('RTS ');
    if (mflags & RMF_IE) nd.print('IE ');
    nd.print(hops + ' hops ');
  }
  if (!nsp(nd, np, nsplen)) nd.printInvalid();
}

registerPrinter('decnet', decnetPrint);
etherTypes.register(0x6003, 'decnet', decnetPrint);
