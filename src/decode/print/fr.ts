import { Depth, type Dissector } from '../dissector.js';
import { defaultPrint, printUnknownData } from '../hex.js';
import { linkTypes, namedPrinter, registerPrinter } from '../registry.js';
import { bittok2str, hex, hex2, tok, tok2str } from '../text.js';
import { formatTime } from '../time.js';
import { ethertypeNames, ethertypePrint } from './ethertype.js';
import { ipPrint } from './ip.js';
import { ip6Print } from './ip6.js';
import { snapPrint } from './llc.js';
import { pppPrint } from './ppp.js';
import { q933Print } from './q933.js';
import { charText } from './tcp.js';
import { toks } from './strings.js';

/** Frame relay, FRF.15 and FRF.16 multilink (tcpdump's print-fr.c); Q.933 is in q933.ts. */

export const nlpidValues = tok({
  0x00: 'NULL',
  0x08: 'Q.933',
  0x09: 'LMI',
  0x80: 'SNAP',
  0x81: 'CLNP',
  0x82: 'ES-IS',
  0x83: 'IS-IS',
  0x84: 'CONS',
  0x85: 'IDRP',
  0xc1: 'ISIS_SPB',
  0xb1: 'FRF.15',
  0xcc: 'IPv4',
  0xcf: 'PPP',
  0x8a: 'X25 ES-IS',
  0x8e: 'IPv6',
});
const headerFlags = toks([[0x02000000, 'C!'], [0x00020000, 'DE'], [0x00040000, 'BECN'], [0x00080000, 'FECN'], [0x00000002, 'sdlcore']]);
const frfFlags = toks([[0x80, 'Begin'], [0x40, 'End'], [0x20, 'Control']]);
const BEC_MASK = 0xe0;

/** parse_q922_header's results, in one reused object. */
const q922 = { dlci: 0, addrLen: 0, flags: 0 };

/** 1 parsed, 0 invalid, -1 cut short. */
function parseQ922(nd: Dissector, p: number, length: number): number {
  if (!nd.has(p, 1) || length < 1) return -1;
  const b0 = nd.u8(p);
  if (b0 & 1) return 0;
  if (!nd.has(p + 1, 1) || length < 2) return -1;
  const b1 = nd.u8(p + 1);
  q922.addrLen = 2;
  q922.dlci = ((b0 & 0xfc) << 2) | ((b1 & 0xf0) >> 4);
  q922.flags = ((b0 & 0x02) << 24) | ((b1 & 0x0e) << 16);
  if (b1 & 1) return 1;
  p += 2;
  length -= 2;
  if (!nd.has(p, 1) || length < 1) return -1;
  q922.addrLen++;
  if ((nd.u8(p) & 1) === 0) {
    q922.dlci = (q922.dlci << 7) | (nd.u8(p) >> 1);
    q922.addrLen++;
    p++;
    length--;
  }
  if (!nd.has(p, 1) || length < 1) return -1;
  const last = nd.u8(p);
  if ((last & 1) === 0) return 0;
  q922.flags |= last & 0x02;
  q922.dlci = ((q922.dlci << 6) | (last >> 2)) >>> 0;
  return 1;
}

function headerPrint(nd: Dissector, length: number, addrLen: number, dlci: number, flags: number, nlpid: number): void {
  const head = 'Q.922, hdr-len ' + addrLen + ', DLCI ' + dlci + ', Flags [' + bittok2str(headerFlags, 'none', flags) + '], ';
  if (nlpid <= 0xff) nd.print(head + 'NLPID ' + tok2str(nlpidValues, 'unknown', nlpid) + ' (0x' + hex2(nlpid) + '), length ' + length + ': ');
  else nd.print(head + 'cisco-ethertype ' + tok2str(ethertypeNames, 'unknown', nlpid) + ' (0x' + hex(nlpid, 4) + '), length ' + length + ': ');
}

function isoclns(nd: Dissector, p: number, length: number): void {
  nd.classify(Depth.NET, 'isoclns');
  const print = namedPrinter('isoclns');
  if (print !== undefined) print(nd, p, length);
}

/** fr_print: a frame relay frame; returns the header length. */
export function frPrint(nd: Dissector, p: number, length: number): number {
  nd.protocol = 'fr';
  const ret = parseQ922(nd, p, length);
  if (ret === -1) {
    nd.printTrunc();
    return 0;
  }
  if (ret === 0) {
    nd.print('Q.922, invalid address');
    return 0;
  }
  const { dlci, addrLen, flags } = q922;
  nd.need(p + addrLen, 1);
  if (length < addrLen + 1) {
    nd.printTrunc();
    return 0;
  }
  if (nd.u8(p + addrLen) !== 0x03 && dlci !== 0) {
    // Cisco's encapsulation: an ethertype right after the address.
    if (!nd.has(p + addrLen, 2) || length < addrLen + 2) nd.print('UI ' + hex2(nd.u8(p + addrLen)) + '! ');
    else {
      const type = nd.u16(p + addrLen);
      if (nd.linkHeader) headerPrint(nd, length, addrLen, dlci, flags, type);
      if (ethertypePrint(nd, type, p + addrLen + 2, length - addrLen - 2)) return addrLen + 2;
      nd.print('UI ' + hex2(nd.u8(p + addrLen)) + '! ');
    }
  }
  nd.need(p + addrLen + 1, 1);
  if (length < addrLen + 2) {
    nd.printTrunc();
    return 0;
  }
  let hdrLen: number;
  if (nd.u8(p + addrLen + 1) === 0) {
    if (addrLen !== 3) nd.print('Pad! ');
    hdrLen = addrLen + 3;
  } else {
    if (addrLen === 3) nd.print('No pad! ');
    hdrLen = addrLen + 2;
  }
  nd.need(p + hdrLen - 1, 1);
  if (length < hdrLen) {
    nd.printTrunc();
    return 0;
  }
  const nlpid = nd.u8(p + hdrLen - 1);
  if (nd.linkHeader) headerPrint(nd, length, addrLen, dlci, flags, nlpid);
  p += hdrLen;
  length -= hdrLen;
  switch (nlpid) {
    case 0xcc:
      ipPrint(nd, p, length);
      break;
    case 0x8e:
      ip6Print(nd, p, length);
      break;
    case 0x81:
    case 0x82:
    case 0x83:
      // The OSI printers want the NLPID too.
      isoclns(nd, p - 1, length + 1);
      break;
    case 0x80:
      if (!snapPrint(nd, p, length, nd.avail(p), 0)) {
        if (!nd.linkHeader) headerPrint(nd, length + hdrLen, hdrLen, dlci, flags, nlpid);
        defaultPrint(nd, p - hdrLen, length + hdrLen);
      }
      break;
    case 0x08:
      nd.classify(Depth.NET, 'q933');
      q933Print(nd, p, length);
      break;
    case 0xb1:
      frf15Print(nd, p, length);
      break;
    case 0xcf:
      pppPrint(nd, p, length);
      break;
    default:
      if (!nd.linkHeader) headerPrint(nd, length + hdrLen, addrLen, dlci, flags, nlpid);
      defaultPrint(nd, p, length);
  }
  return hdrLen;
}

function frf15Print(nd: Dissector, p: number, length: number): void {
  if (length < 2) return nd.printTrunc();
  const b0 = nd.u8(p);
  const seq = ((b0 & 0x1e) << 7) | nd.u8(p + 1);
  nd.print(
    'FRF.15, seq 0x' +
      hex(seq, 3) +
      ', Flags [' +
      bittok2str(frfFlags, 'none', b0 & BEC_MASK) +
      '],' +
      (b0 & 1 ? 'Interface' : 'End-to-End') +
      ' Fragmentation, length ' +
      length,
  );
}

const mfrMessages = tok({ 1: 'Add Link', 2: 'Add Link ACK', 3: 'Add Link Reject', 4: 'Hello', 5: 'Hello ACK', 6: 'Remove Link', 7: 'Remove Link ACK' });
const mfrIes = tok({ 1: 'Bundle ID', 2: 'Link ID', 3: 'Magic Number', 5: 'Timestamp', 6: 'Vendor Extension', 7: 'Cause' });

/** mfr_print: an FRF.16 multilink frame; returns the header length. */
export function mfrPrint(nd: Dissector, p: number, length: number): number {
  nd.protocol = 'mfr';
  if (length < 4) {
    nd.print('[length ' + length + ' < 4]');
    nd.printInvalid();
    return length;
  }
  if (!nd.has(p, 4)) {
    nd.printTrunc();
    return length;
  }
  const b0 = nd.u8(p);
  if ((b0 & BEC_MASK) === BEC_MASK && nd.u8(p + 1) === 0) {
    nd.print('FRF.16 Control, Flags [' + bittok2str(frfFlags, 'none', b0 & BEC_MASK) + '], ' + tok2str(mfrMessages, 'Unknown Message (0x%02x)', nd.u8(p + 2)) + ', length ' + length);
    let t = p + 3;
    let tlen = length - 3;
    if (!nd.verbose) return 3;
    while (tlen > 2) {
      if (!nd.has(t, 2)) {
        nd.printTrunc();
        return length;
      }
      const type = nd.u8(t);
      let len = nd.u8(t + 1);
      nd.printBreak('\n\tIE ' + tok2str(mfrIes, 'Unknown', type) + ' (' + type + '), length ' + len + ': ');
      if (type === 0 || len <= 2) return 3;
      if (!nd.has(t, len)) {
        nd.printTrunc();
        return length;
      }
      t += 2;
      len -= 2;
      tlen -= 2;
      let dump = false;
      if (type === 3) {
        if (len !== 4) {
          nd.print('[IE data length ' + len + ' != 4]');
          nd.printInvalid();
        } else nd.print('0x' + hex(nd.u32(t), 8));
      } else if (type === 1 || type === 2) {
        for (let i = 0; i < len && i < 50; i++) {
          const c = nd.u8(t + i);
          if (c === 0) break;
          nd.print(charText(c));
        }
      } else if (type === 5 && len === 16) {
        // A struct timeval in the sender's (little-endian, 64-bit) layout, printed as a packet time.
        const sec = nd.le32(t) + nd.le32(t + 4) * 0x100000000;
        const usec = nd.le32(t + 8);
        nd.print(formatTime(sec, usec * 1000) + ' ');
      } else dump = true;
      if (dump && nd.verbose <= 1) printUnknownData(nd, t, '\n\t  ', len);
      if (nd.verbose > 1) printUnknownData(nd, t, '\n\t  ', len);
      tlen -= len;
      t += len;
    }
    return 3;
  }
  const seq = ((b0 & 0x1e) << 7) | nd.u8(p + 1);
  const flagText = bittok2str(frfFlags, 'none', b0 & BEC_MASK);
  if ((b0 & BEC_MASK) === 0xc0 || (b0 & BEC_MASK) === 0x80) {
    nd.print('FRF.16 Frag, seq ' + seq + ', Flags [' + flagText + '], ');
    frPrint(nd, p + 2, length - 2);
    return 2;
  }
  nd.print('FRF.16 Frag, seq ' + seq + ', Flags [' + flagText + ']');
  printUnknownData(nd, p, '\n\t', length);
  return 0;
}

function frIfPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'fr';
  nd.classify(Depth.LINK, 'fr');
  const caplen = nd.avail(p);
  if (caplen < 4) {
    nd.printTrunc();
    nd.llHdrLen += caplen;
    return;
  }
  nd.llHdrLen += frPrint(nd, p, length);
}

function mfrIfPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'mfr';
  nd.classify(Depth.LINK, 'mfr');
  const caplen = nd.avail(p);
  if (caplen < 2) {
    nd.printTrunc();
    nd.llHdrLen += caplen;
    return;
  }
  nd.llHdrLen += mfrPrint(nd, p, length);
}

registerPrinter('fr', (nd, p, length) => void frPrint(nd, p, length));
linkTypes.register(107, 'fr', frIfPrint);
linkTypes.register(182, 'mfr', mfrIfPrint);
