import { Depth, type Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { etherTypes, linkTypes, namedPrinter, registerPrinter } from '../registry.js';
import { bittok2str, hex, hex2, tok, tok2str } from '../text.js';
import { ipPrint } from './ip.js';
import { ip6Print } from './ip6.js';
import { ctrlProtoPrint } from './ppp-cp.js';
import { PPP, pppTypes } from './ppp-types.js';
import { charText } from './tcp.js';
import { toks } from './strings.js';

/** PPP: the protocol field and what it carries, PAP, CHAP, multilink, HDLC-escaped frames (tcpdump's print-ppp.c). */

const chapCodes = tok({ 1: 'Challenge', 2: 'Response', 3: 'Success', 4: 'Fail' });
const papCodes = tok({ 1: 'Auth-Req', 2: 'Auth-ACK', 3: 'Auth-NACK' });
const mlFlags = toks([[0x80, 'begin'], [0x40, 'end']]);

function mlpppPrint(nd: Dissector, p: number, length: number): void {
  if (!nd.linkHeader) nd.print('MLPPP, ');
  if (length < 2 || !nd.has(p, 2)) return nd.print('[|mlppp]');
  nd.print('seq 0x' + hex(nd.u16(p) & 0x0fff, 3) + ', Flags [' + bittok2str(mlFlags, 'none', nd.u8(p) & 0xc0) + '], length ' + length);
}

/** n characters as fn_print_char prints them, each read checked (a cut string prints its captured part). */
function chars(nd: Dissector, p: number, n: number): number {
  for (let i = 0; i < n; i++) nd.print(charText(nd.u8(p++)));
  return p;
}

function chapPrint(nd: Dissector, p0: number, length: number): void {
  if (length < 1) return nd.print('[|chap]');
  if (length < 4) return nd.print('[|chap 0x' + hex2(nd.u8(p0)) + ']');
  let p = p0;
  const code = nd.u8(p);
  nd.print('CHAP, ' + tok2str(chapCodes, 'unknown', code) + ' (0x' + hex2(code) + ')');
  p++;
  nd.print(', id ' + nd.u8(p));
  p++;
  const len = nd.u16(p);
  p += 2;
  if (code === 1 || code === 2) {
    if (length - (p - p0) < 1) return;
    const valSize = nd.u8(p);
    p++;
    if (length - (p - p0) < valSize) return;
    nd.print(', Value ');
    for (let i = 0; i < valSize; i++) nd.print(hex2(nd.u8(p++)));
    nd.print(', Name ');
    chars(nd, p, (len - (p - p0)) >>> 0);
  } else if (code === 3 || code === 4) {
    nd.print(', Msg ');
    chars(nd, p, (len - (p - p0)) >>> 0);
  }
}

function papPrint(nd: Dissector, p0: number, length: number): void {
  if (length < 1) return nd.print('[|pap]');
  if (length < 4) return nd.print('[|pap 0x' + hex2(nd.u8(p0)) + ']');
  let p = p0;
  const code = nd.u8(p);
  nd.print('PAP, ' + tok2str(papCodes, 'unknown', code) + ' (0x' + hex2(code) + ')');
  p++;
  nd.print(', id ' + nd.u8(p));
  p++;
  const len = nd.u16(p);
  p += 2;
  if (len > length) return nd.print(', length ' + len + ' > packet size');
  length = len;
  if (length < p - p0) return nd.print(', length ' + length + ' < PAP header length');
  if (code === 1) {
    if (len < 6) return nd.print('[|pap]');
    if (length - (p - p0) < 1) return;
    const peerLen = nd.u8(p++);
    if (length - (p - p0) < peerLen) return;
    nd.print(', Peer ');
    p = chars(nd, p, peerLen);
    if (length - (p - p0) < 1) return;
    const passLen = nd.u8(p++);
    if (length - (p - p0) < passLen) return;
    nd.print(', Name ');
    chars(nd, p, passLen);
  } else if (code === 2 || code === 3) {
    if (len < 5) return nd.print('[|pap]');
    if (length - (p - p0) < 1) return;
    const msgLen = nd.u8(p++);
    if (length - (p - p0) < msgLen) return;
    nd.print(', Msg ');
    chars(nd, p, msgLen);
  }
}

/**
 * RFC 1662 octet stuffing: the captured bytes un-escaped into a buffer of their own,
 * printed from there (tcpdump's ppp_hdlc), then the packet's bytes are back.
 */
function pppHdlc(nd: Dissector, p: number, length: number): void {
  const caplen = nd.avail(p);
  if (caplen === 0 || length === 0) return;
  const b = Buffer.allocUnsafe(caplen);
  let t = 0;
  for (let i = caplen, s = p; i !== 0; i--) {
    let c = nd.u8(s++);
    if (c === 0x7d) {
      if (i <= 1) break;
      i--;
      c = nd.u8(s++) ^ 0x20;
    }
    b[t++] = c;
  }
  const buf = nd.buf;
  const packetAt = nd.packetAt;
  const snapend = nd.snapend;
  nd.buf = b;
  nd.packetAt = 0;
  nd.snapend = t;
  let truncated = false;
  try {
    length = t;
    if (length < 1) truncated = true;
    else {
      const one = nd.u8(0);
      if (one === PPP.IP) ipPrint(nd, 1, length - 1);
      else if (one === PPP.IPV6) ip6Print(nd, 1, length - 1);
      else if (length < 2) truncated = true;
      else {
        const two = nd.u16(0);
        if (two === 0xff03) {
          if (length < 4) truncated = true;
          else {
            const proto = nd.u16(2);
            if ((proto & 0xff00) === 0x7e00) nd.print('(protocol 0x' + hex(proto, 4) + ' invalid)');
            else handlePpp(nd, proto, 4, length - 4);
          }
        } else if ((two & 0xff00) === 0x7e00) nd.print('(protocol 0x' + hex(two, 4) + ' invalid)');
        else handlePpp(nd, two, 2, length - 2);
      }
    }
  } finally {
    nd.buf = buf;
    nd.packetAt = packetAt;
    nd.snapend = snapend;
  }
  if (truncated) nd.printTrunc();
}

/** handle_ppp: the payload of a PPP frame by its protocol number. */
export function handlePpp(nd: Dissector, proto: number, p: number, length: number): void {
  if ((proto & 0xff00) === 0x7e00) return pppHdlc(nd, p - 1, length);
  switch (proto) {
    case PPP.LCP:
    case PPP.IPCP:
    case PPP.OSICP:
    case PPP.MPLSCP:
    case PPP.IPV6CP:
    case PPP.CCP:
    case PPP.BACP:
      nd.classify(Depth.NET, 'ppp');
      return ctrlProtoPrint(nd, proto, p, length);
    case PPP.ML:
      nd.classify(Depth.NET, 'ppp');
      return mlpppPrint(nd, p, length);
    case PPP.CHAP:
      nd.classify(Depth.NET, 'ppp');
      return chapPrint(nd, p, length);
    case PPP.PAP:
      nd.classify(Depth.NET, 'ppp');
      return papPrint(nd, p, length);
    case PPP.BAP:
      nd.classify(Depth.NET, 'ppp');
      return;
    case 0x0800:
    case PPP.VJNC:
    case PPP.IP:
      return ipPrint(nd, p, length);
    case 0x86dd:
    case PPP.IPV6:
      return ip6Print(nd, p, length);
    case 0x8137:
    case PPP.IPX:
      return byName(nd, 'ipx', p, length, proto);
    case PPP.OSI:
      return byName(nd, 'isoclns', p, length, proto);
    case PPP.MPLS_UCAST:
    case PPP.MPLS_MCAST:
      return byName(nd, 'mpls', p, length, proto);
    case PPP.COMP:
      nd.classify(Depth.NET, 'ppp');
      return nd.print('compressed PPP data');
    default:
      nd.classify(Depth.NET, 'ppp');
      nd.print(tok2str(pppTypes, 'unknown PPP protocol (0x%04x)', proto) + ' ');
      printUnknownData(nd, p, '\n\t', length);
  }
}

/** A protocol whose printer lives elsewhere (IPX, OSI, MPLS): tcpdump always has one, so without it the bytes are shown. */
function byName(nd: Dissector, name: string, p: number, length: number, proto: number): void {
  nd.classify(Depth.NET, name);
  const print = namedPrinter(name);
  if (print !== undefined) return print(nd, p, length);
  nd.print(tok2str(pppTypes, 'unknown PPP protocol (0x%04x)', proto) + ' ');
  printUnknownData(nd, p, '\n\t', length);
}

/** ppp_print: a PPP frame from its address and control (when present); returns the header length. */
export function pppPrint(nd: Dissector, p: number, length: number): number {
  nd.protocol = 'ppp';
  const olen = length;
  let hdrLen = 0;
  if (length < 2) {
    nd.printTrunc();
    return 0;
  }
  const header = nd.u16(p);
  if (header === 0x0003 || header === 0x0103 || header === 0xff03) {
    if (nd.linkHeader && header === 0x0003) nd.print('In  ');
    if (nd.linkHeader && header === 0x0103) nd.print('Out ');
    p += 2;
    length -= 2;
    hdrLen += 2;
  }
  if (length < 2) {
    nd.printTrunc();
    return 0;
  }
  let proto: number;
  if (nd.u8(p) % 2) {
    proto = nd.u8(p);
    p++;
    length--;
    hdrLen++;
  } else {
    proto = nd.u16(p);
    p += 2;
    length -= 2;
    hdrLen += 2;
  }
  if (nd.linkHeader) {
    const typestr = tok2str(pppTypes, 'unknown', proto);
    nd.print(typestr + ' (0x' + hex(proto, 4) + '), length ' + olen);
    if (typestr === 'unknown') {
      nd.classify(Depth.NET, 'ppp');
      return hdrLen;
    }
    nd.print(': ');
  }
  handlePpp(nd, proto, p, length);
  return hdrLen;
}

function pppIfPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'ppp';
  nd.classify(Depth.LINK, 'ppp');
  const caplen = nd.avail(p);
  if (caplen < 4) {
    nd.printTrunc();
    nd.llHdrLen += caplen;
    return;
  }
  nd.llHdrLen += 4;
  pppPrint(nd, p, length);
}

/** ppp_hdlc_if_print: PPP in HDLC-like framing (NetBSD's DLT_PPP_SERIAL), or Cisco HDLC. */
function pppHdlcIfPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'ppp_hdlc';
  nd.classify(Depth.LINK, 'ppp');
  const caplen = nd.avail(p);
  if (caplen < 2) {
    nd.printTrunc();
    nd.llHdrLen += caplen;
    return;
  }
  const addr = nd.u8(p);
  if (addr === 0x0f || addr === 0x8f) {
    const chdlc = namedPrinter('chdlc_if');
    if (chdlc !== undefined) return chdlc(nd, p, length);
  }
  if (caplen < 4) {
    nd.printTrunc();
    nd.llHdrLen += caplen;
    return;
  }
  if (nd.linkHeader) nd.print(hex2(nd.u8(p)) + ' ' + hex2(nd.u8(p + 1)) + ' ' + length + ' ');
  if (addr === 0xff) {
    const proto = nd.u16(p + 2);
    nd.print(tok2str(pppTypes, 'unknown PPP protocol (0x%04x)', proto) + ': ');
    handlePpp(nd, proto, p + 4, length - 4);
  } else {
    nd.print('unknown addr ' + hex2(nd.u8(p + 2)) + '; ctrl ' + hex2(nd.u8(p + 3)));
  }
  nd.llHdrLen += addr === 0xff ? 4 : 2;
}

registerPrinter('ppp', (nd, at, length) => void pppPrint(nd, at, length));
etherTypes.register(0x880b, 'ppp', (nd, at, length) => {
  if (length) {
    nd.print(': ');
    pppPrint(nd, at, length);
  }
});
linkTypes.register(9, 'ppp', pppIfPrint);
linkTypes.register(166, 'ppp', pppIfPrint);
linkTypes.register(50, 'ppp_hdlc', pppHdlcIfPrint);
