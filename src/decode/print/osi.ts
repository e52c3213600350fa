import { Depth, type Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { etherTypes, registerPrinter } from '../registry.js';
import { bittok2str, hex, hex2, tok, tok2str } from '../text.js';
import { nlpidValues } from './fr.js';
import { ipPrint } from './ip.js';
import { llcSaps } from './llc.js';
import { ip6Print } from './ip6.js';
import { isisPrint } from './isis.js';
import { pppPrint } from './ppp.js';
import { q933Print } from './q933.js';

/** OSI network layer: the NLPID dispatch, CLNP and ES-IS (tcpdump's print-isoclns.c; IS-IS is in isis.ts). */

/** An NSAP as isonsap_string writes it: "49.0001.1921.6800.1001.00". */
export function isonsapText(nd: Dissector, p: number, len: number): string {
  nd.need(p, len);
  if (len < 1 || len > 20) return 'isonsap_string: illegal length';
  let s = '';
  for (let i = 0; i < len; i++) {
    s += hex2(nd.u8(p + i));
    if ((i & 1) === 0 && i + 1 < len) s += '.';
  }
  return s;
}

/** create_osi_cksum: the Fletcher checksum the field should hold. */
function osiChecksum(nd: Dissector, p: number, offset: number, length: number): number {
  let c0 = 0;
  let c1 = 0;
  for (let i = 0; i < length; i++) {
    if (i === offset || i === offset + 1) c1 += c0;
    else {
      c0 += nd.u8(p + i);
      c1 += c0;
    }
    // Kept small; the result is the same modulo 255.
    c0 %= 255;
    c1 %= 255;
  }
  const mul = (length - offset) * c0;
  let x = mul - c0 - c1;
  let y = c1 - mul - 1;
  if (y >= 0) y++;
  if (x < 0) x--;
  x %= 255;
  y %= 255;
  if (x === 0) x = 255;
  if (y === 0) y = 255;
  return ((x << 8) | (y & 0xff)) & 0xffff;
}

/** osi_print_cksum: " (correct)", " (incorrect should be 0x....)" or " (unverified)". */
export function osiPrintCksum(nd: Dissector, p: number, checksum: number, offset: number, length: number): void {
  if (!checksum || offset < 0 || !nd.has(p + offset, 2) || offset > length || !nd.has(p, length)) {
    nd.print(' (unverified)');
    return;
  }
  const calculated = osiChecksum(nd, p, offset, length);
  nd.print(checksum === calculated ? ' (correct)' : ' (incorrect should be 0x' + hex(calculated, 4) + ')');
}

const clnpPdus = tok({ 1: 'Error Report', 29: 'MD', 28: 'Data', 30: 'Echo Request', 31: 'Echo Response' });
const clnpFlags = tok({ 0x80: 'Segmentation permitted', 0x40: 'more Segments', 0x20: 'request Error Report' });
const clnpOptions = tok({
  193: 'Discard Reason',
  205: 'Priority',
  195: 'QoS Maintenance',
  197: 'Security',
  200: 'Source Routing',
  203: 'Route Recording',
  204: 'Padding',
});
const rfdClasses = tok({ 0x0: 'General', 0x8: 'Address', 0x9: 'Source Routeing', 0xa: 'Lifetime', 0xb: 'PDU Discarded', 0xc: 'Reassembly' });
const rfdErrors: (ReturnType<typeof tok> | undefined)[] = [];
rfdErrors[0] = tok({
  0: 'Reason not specified',
  1: 'Protocol procedure error',
  2: 'Incorrect checksum',
  3: 'PDU discarded due to congestion',
  4: 'Header syntax error (cannot be parsed)',
  5: 'Segmentation needed but not permitted',
  6: 'Incomplete PDU received',
  7: 'Duplicate option',
});
rfdErrors[8] = tok({ 0: 'Destination address unreachable', 1: 'Destination address unknown' });
rfdErrors[9] = tok({ 0: 'Unspecified source routeing error', 1: 'Syntax error in source routeing field', 2: 'Unknown address in source routeing field', 3: 'Path not acceptable' });
rfdErrors[10] = tok({ 0: 'Lifetime expired while data unit in transit', 1: 'Lifetime expired during reassembly' });
rfdErrors[11] = tok({
  0: 'Unsupported option not specified',
  1: 'Unsupported protocol version',
  2: 'Unsupported security option',
  3: 'Unsupported source routeing option',
  4: 'Unsupported recording of route option',
});
rfdErrors[12] = tok({ 0: 'Reassembly interference' });
const scopeValues = tok({ 0x40: 'Source Address Specific', 0x80: 'Destination Address Specific', 0xc0: 'Globally unique' });
const srRrValues = tok({ 0: 'partial', 1: 'complete' });
const srRrStrings = tok({ 200: 'source routing', 203: 'recording of route in progress' });
const qosGlobal = new Map([
  [0x20, 'reserved'],
  [0x10, 'sequencing vs. delay'],
  [0x08, 'congested'],
  [0x04, 'delay vs. cost'],
  [0x02, 'error vs. delay'],
  [0x01, 'error vs. cost'],
]);

/** " length indicator N < min PDU size:" and the captured bytes in hex. */
function shortLi(nd: Dissector, p: number, li: number): void {
  nd.print(' length indicator ' + li + ' < min PDU size:');
  let s = '';
  while (p < nd.snapend) s += hex2(nd.u8(p++)).toUpperCase();
  nd.print(s);
}

/** One CLNP option's value; false when printing must stop. */
function clnpOption(nd: Dissector, op: number, t: number, tlen: number): boolean {
  switch (op) {
    case 203:
    case 200: {
      if (tlen < 2) {
        nd.print(', bad opt len');
        return false;
      }
      nd.print(tok2str(srRrValues, 'Unknown', nd.u8(t)) + ' ' + tok2str(srRrStrings, 'Unknown Option %u', op));
      let off = nd.u8(t + 1);
      if (off === 0) {
        nd.print(' Bad NSAP offset (0)');
        break;
      }
      off -= 1;
      if (off > tlen) {
        nd.print(' Bad NSAP offset (past end of option)');
        break;
      }
      t += off;
      tlen -= off;
      while (tlen > 0) {
        const alen = nd.u8(t);
        if (tlen < alen + 1) {
          nd.printBreak('\n\t    NSAP address goes past end of option');
          break;
        }
        if (alen > 0) nd.printBreak('\n\t    NSAP address (length ' + alen + '): ' + isonsapText(nd, t + 1, alen));
        tlen -= alen + 1;
      }
      break;
    }
    case 205:
      if (tlen < 1) {
        nd.print(', bad opt len');
        return false;
      }
      nd.print('0x' + hex(nd.u8(t) & 0x0f));
      break;
    case 195: {
      if (tlen < 1) {
        nd.print(', bad opt len');
        return false;
      }
      const b = nd.u8(t);
      nd.printBreak('\n\t    Format Code: ' + tok2str(scopeValues, 'Reserved', b & 0xc0));
      if ((b & 0xc0) === 0xc0) nd.printBreak('\n\t    QoS Flags [' + bittok2str(qosGlobal, 'none', b & 0x3f) + ']');
      break;
    }
    case 197:
      if (tlen < 2) {
        nd.print(', bad opt len');
        return false;
      }
      nd.printBreak('\n\t    Format Code: ' + tok2str(scopeValues, 'Reserved', nd.u8(t) & 0xc0) + ', Security-Level ' + nd.u8(t + 1));
      break;
    case 193: {
      if (tlen < 1) {
        nd.print(', bad opt len');
        return false;
      }
      const e = nd.u8(t);
      const major = (e & 0xf0) >> 4;
      const minor = e & 0x0f;
      const minors = rfdErrors[major];
      nd.printBreak(
        '\n\t    Class: ' +
          tok2str(rfdClasses, 'Unknown', major) +
          ' Error (0x' +
          hex(major) +
          '), ' +
          (minors ? tok2str(minors, 'Unknown', minor) : 'Unknown') +
          ' (0x' +
          hex(minor) +
          ')',
      );
      break;
    }
    case 204:
      nd.print('padding data');
      break;
    default:
      printUnknownData(nd, t, '\n\t  ', tlen);
  }
  return true;
}

/** clnp_print: false when the header is not CLNP's (the caller then dumps it). */
function clnpPrint(nd: Dissector, pp: number, length: number): boolean {
  nd.protocol = 'clnp';
  nd.need(pp, 9);
  const li = nd.u8(pp + 1);
  let liRemaining = li;
  const optr = pp;
  if (!nd.linkHeader) nd.print('CLNP');
  if (nd.u8(pp + 2) !== 1) {
    nd.print('version ' + nd.u8(pp + 2) + ' packet not supported');
    return false;
  }
  if (li > length) {
    nd.print(' length indicator(' + li + ') > PDU size (' + length + ')!');
    return false;
  }
  if (li < 9) {
    shortLi(nd, pp, li);
    return false;
  }
  const type = nd.u8(pp + 4);
  const pduType = type & 0x1f;
  const flags = type & 0xe0;
  let p = pp + 9;
  liRemaining -= 9;
  const tooShort = () => {
    nd.print('li < size of fixed part of CLNP header and addresses');
    return false;
  };
  if (liRemaining < 1) return tooShort();
  const dstLen = nd.u8(p++);
  liRemaining--;
  if (liRemaining < dstLen) return tooShort();
  nd.need(p, dstLen);
  const dst = p;
  p += dstLen;
  liRemaining -= dstLen;
  if (liRemaining < 1) return tooShort();
  const srcLen = nd.u8(p++);
  liRemaining--;
  if (liRemaining < srcLen) return tooShort();
  nd.need(p, srcLen);
  const src = p;
  p += srcLen;
  liRemaining -= srcLen;
  const sep = nd.linkHeader ? '' : ', ';
  if (nd.verbose < 1) {
    nd.print(sep + isonsapText(nd, src, srcLen) + ' > ' + isonsapText(nd, dst, dstLen) + ', ' + tok2str(clnpPdus, 'unknown (%u)', pduType) + ', length ' + length);
    return true;
  }
  nd.print(sep + 'length ' + length);
  const lifetime = nd.u8(pp + 3);
  const cksum = nd.u16(pp + 7);
  nd.printBreak(
    '\n\t' +
      tok2str(clnpPdus, 'unknown (%u)', pduType) +
      ' PDU, hlen: ' +
      li +
      ', v: ' +
      nd.u8(pp + 2) +
      ', lifetime: ' +
      Math.floor(lifetime / 2) +
      '.' +
      (lifetime % 2) * 5 +
      's, Segment PDU length: ' +
      nd.u16(pp + 5) +
      ', checksum: 0x' +
      hex(cksum, 4),
  );
  osiPrintCksum(nd, optr, cksum, 7, li);
  nd.printBreak('\n\tFlags [' + bittok2str(clnpFlags, 'none', flags) + ']');
  nd.printBreak('\n\tsource address (length ' + srcLen + '): ' + isonsapText(nd, src, srcLen));
  nd.printBreak('\n\tdest   address (length ' + dstLen + '): ' + isonsapText(nd, dst, dstLen));
  if (flags & 0x80) {
    if (liRemaining < 6) {
      nd.print('li < size of fixed part of CLNP header, addresses, and segment part');
      return false;
    }
    nd.need(p, 6);
    nd.printBreak('\n\tData Unit ID: 0x' + hex(nd.u16(p), 4) + ', Segment Offset: ' + nd.u16(p + 2) + ', Total PDU Length: ' + nd.u16(p + 4));
    p += 6;
    liRemaining -= 6;
  }
  while (liRemaining !== 0) {
    if (liRemaining < 2) {
      nd.print(', bad opts/li');
      return false;
    }
    const op = nd.u8(p);
    const opli = nd.u8(p + 1);
    p += 2;
    liRemaining -= 2;
    if (opli > liRemaining) {
      nd.print(', opt (' + op + ') too long');
      return false;
    }
    nd.need(p, opli);
    liRemaining -= opli;
    nd.printBreak('\n\t  ' + tok2str(clnpOptions, 'Unknown', op) + ' Option #' + op + ', length ' + opli + ', value: ');
    if (!clnpOption(nd, op, p, opli)) return false;
    if (nd.verbose > 1) printUnknownData(nd, p, '\n\t  ', opli);
    p += opli;
  }
  if ((pduType === 1 || pduType === 31) && nd.u8(p) === 0x81) {
    nd.printBreak('\n\t-----original packet-----');
    nd.printBreak('\n\t');
    clnpPrint(nd, p, length - li);
    return true;
  }
  if (length > p - optr) {
    nd.printBreak('\n\t  undecoded non-header data, length ' + (length - li));
    printUnknownData(nd, p, '\n\t  ', length - (p - optr));
  }
  return true;
}

const esisPdus = tok({ 6: 'redirect', 2: 'ESH', 4: 'ISH' });
const esisOptions = tok({
  129: 'Protocols supported',
  195: 'QoS Maintenance',
  197: 'Security',
  198: 'ES Configuration Time',
  205: 'Priority',
  225: 'Addressk Mask',
  226: 'SNPA Mask',
});

/** The body of an ES-IS PDU after its header; false when the options must not be walked. */
function esisBody(nd: Dissector, type: number, s: { p: number; li: number }): boolean {
  const bad = (what: string) => {
    nd.print(', bad ' + what + '/li');
    return false;
  };
  /** One length-prefixed field: its offset, or -1 when li runs out. */
  const field = (): number => {
    nd.need(s.p, 1);
    if (s.li < 1) return -1;
    const len = nd.u8(s.p++);
    s.li--;
    nd.need(s.p, len);
    if (s.li < len) return -1;
    const at = s.p;
    s.p += len;
    s.li -= len;
    return at;
  };
  if (type === 6) {
    const dst = field();
    if (dst < 0) return bad('redirect');
    nd.printBreak('\n\t  ' + isonsapText(nd, dst, nd.u8(dst - 1)));
    const snpa = field();
    if (snpa < 0) return bad('redirect');
    const snpal = nd.u8(snpa - 1);
    // The NET length is not taken from li (tcpdump does not either).
    nd.need(s.p, 1);
    if (s.li < 1) return bad('redirect');
    const netal = nd.u8(s.p++);
    nd.need(s.p, netal);
    if (s.li < netal) return bad('redirect');
    const neta = s.p;
    s.p += netal;
    s.li -= netal;
    const snpaText = snpal === 6 ? nd.mac(snpa) : snpal === 0 ? '<empty>' : nd.linkAddr(snpa, snpal);
    nd.printBreak('\n\t  SNPA (length: ' + snpal + '): ' + snpaText);
    if (netal !== 0) nd.printBreak('\n\t  NET (length: ' + netal + ') ' + isonsapText(nd, neta, netal));
    return true;
  }
  if (type === 2) {
    nd.need(s.p, 1);
    if (s.li < 1) return bad('esh');
    let n = nd.u8(s.p++);
    s.li--;
    nd.printBreak('\n\t  Number of Source Addresses: ' + n);
    for (; n > 0; n--) {
      const at = field();
      if (at < 0) return bad('esh');
      const len = nd.u8(at - 1);
      nd.printBreak('\n\t  NET (length: ' + len + '): ' + isonsapText(nd, at, len));
    }
    return true;
  }
  if (type === 4) {
    const at = field();
    if (at < 0) return bad('ish');
    const len = nd.u8(at - 1);
    nd.printBreak('\n\t  NET (length: ' + len + '): ' + isonsapText(nd, at, len));
    return true;
  }
  if (nd.verbose <= 1 && nd.has(s.p, 1)) printUnknownData(nd, s.p, '\n\t  ', nd.avail(s.p));
  return false;
}

function esisPrint(nd: Dissector, pp: number, length: number): void {
  nd.protocol = 'esis';
  if (!nd.linkHeader) nd.print('ES-IS');
  if (length <= 2) return nd.print('no header at all!');
  nd.need(pp, 9);
  let li = nd.u8(pp + 1);
  const optr = pp;
  if (nd.u8(pp) !== 0x82) return nd.print(' nlpid 0x' + hex2(nd.u8(pp)) + ' packet not supported');
  const version = nd.u8(pp + 2);
  if (version !== 1) return nd.print(' version ' + version + ' packet not supported');
  if (li > length) return nd.print(' length indicator(' + li + ') > PDU size (' + length + ')!');
  if (li < 11) return shortLi(nd, pp, li);
  const type = nd.u8(pp + 4) & 0x1f;
  const sep = nd.linkHeader ? '' : ', ';
  if (nd.verbose < 1) return nd.print(sep + tok2str(esisPdus, 'unknown type (%u)', type) + ', length ' + length);
  nd.print(sep + 'length ' + length);
  nd.printBreak('\n\t' + tok2str(esisPdus, 'unknown type: %u', type) + ' (' + type + ')');
  nd.print(', v: ' + version);
  const cksum = nd.u16(pp + 7);
  nd.print(', checksum: 0x' + hex(cksum, 4));
  osiPrintCksum(nd, pp, cksum, 7, li);
  nd.print(', holding time: ' + nd.u16(pp + 5) + 's, length indicator: ' + li);
  if (nd.verbose > 1) printUnknownData(nd, optr, '\n\t', 9);
  const s = { p: pp + 9, li: li - 9 };
  if (!esisBody(nd, type, s)) return;
  let p = s.p;
  li = s.li;
  while (li !== 0) {
    if (li < 2) return nd.print(', bad opts/li');
    const op = nd.u8(p);
    let opli = nd.u8(p + 1);
    p += 2;
    li -= 2;
    if (opli > li) return nd.print(', opt (' + op + ') too long');
    li -= opli;
    let t = p;
    nd.printBreak('\n\t  ' + tok2str(esisOptions, 'Unknown', op) + ' Option #' + op + ', length ' + opli + ', value: ');
    if (op === 198) {
      if (opli === 2) {
        nd.need(p, 2);
        nd.print(nd.u16(t) + 's');
      } else nd.print('(bad length)');
    } else if (op === 129) {
      for (; opli > 0; opli--, t++) {
        const v = nd.u8(t);
        nd.print(tok2str(nlpidValues, 'unknown', v) + ' (0x' + hex2(v) + ')' + (opli > 1 ? ', ' : ''));
      }
      opli = nd.u8(p - 1);
    } else printUnknownData(nd, t, '\n\t  ', opli);
    if (nd.verbose > 1) printUnknownData(nd, p, '\n\t  ', opli);
    p += opli;
  }
}

/** isoclns_print: an OSI packet starting with its NLPID. */
export function isoclnsPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'isoclns';
  const nlpid = nd.u8(p);
  if (nd.linkHeader) nd.print('OSI NLPID ' + tok2str(nlpidValues, 'Unknown', nlpid) + ' (0x' + hex2(nlpid) + '): ');
  const sep = nd.linkHeader ? '' : ', ';
  switch (nlpid) {
    case 0x81:
      nd.classify(Depth.TRANSPORT, 'clnp');
      if (!clnpPrint(nd, p, length)) printUnknownData(nd, p, '\n\t', length);
      break;
    case 0x82:
      nd.classify(Depth.TRANSPORT, 'esis');
      esisPrint(nd, p, length);
      break;
    case 0x83:
      nd.classify(Depth.TRANSPORT, 'isis');
      if (!isisPrint(nd, p, length)) printUnknownData(nd, p, '\n\t', length);
      break;
    case 0x00:
      nd.print(sep + 'length: ' + length);
      break;
    case 0x08:
      q933Print(nd, p + 1, length - 1);
      break;
    case 0xcc:
      ipPrint(nd, p + 1, length - 1);
      break;
    case 0x8e:
      ip6Print(nd, p + 1, length - 1);
      break;
    case 0xcf:
      pppPrint(nd, p + 1, length - 1);
      break;
    default:
      if (!nd.linkHeader) nd.print('OSI NLPID 0x' + hex2(nlpid) + ' unknown');
      nd.print(sep + 'length: ' + length);
      if (length > 1) printUnknownData(nd, p, '\n\t', length);
  }
}

registerPrinter('isoclns', isoclnsPrint);
llcSaps.register(0xfe, 'isoclns', isoclnsPrint);
etherTypes.register(0xfefe, 'isoclns', (nd, p, length) => {
  if (length === 0 || nd.avail(p) === 0) {
    nd.protocol = 'isoclns';
    return nd.printTrunc();
  }
  nd.need(p, 1);
  isoclnsPrint(nd, p + 1, length - 1);
});
