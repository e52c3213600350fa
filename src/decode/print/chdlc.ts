import { Depth, type Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { linkTypes, namedPrinter, registerPrinter } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { ethertypeNames } from './ethertype.js';
import { ipPrint } from './ip.js';
import { ip6Print } from './ip6.js';
import { mplsPrint } from './mpls.js';

/** Cisco HDLC and its SLARP keepalives (tcpdump's print-chdlc.c). */

const HDRLEN = 4;
const castValues = tok({ 0x0f: 'unicast', 0x8f: 'bcast' });

function slarpPrint(nd: Dissector, cp: number, length: number): void {
  nd.protocol = 'chdlc_slarp';
  nd.print('SLARP (length: ' + length + '), ');
  if (length < 14) return nd.printTrunc();
  nd.need(cp, 14);
  const code = nd.u32(cp);
  if (code === 0) nd.print('request');
  else if (code === 1) nd.print('reply ' + nd.ipv4(cp + 4) + '/' + nd.ipv4(cp + 8));
  else if (code === 2) {
    nd.print('keepalive: mineseen=0x' + hex(nd.u32(cp + 4), 8) + ', yourseen=0x' + hex(nd.u32(cp + 8), 8) + ', reliability=0x' + hex(nd.u16(cp + 12), 4));
    if (length >= 18) {
      // tcpdump moves its pointer here, and the -vv dump below starts from there.
      cp += 14;
      let sec = Math.floor(nd.u32(cp) / 1000);
      let min = Math.floor(sec / 60);
      sec -= min * 60;
      let hrs = Math.floor(min / 60);
      min -= hrs * 60;
      const days = Math.floor(hrs / 24);
      hrs -= days * 24;
      nd.print(', link uptime=' + days + 'd' + hrs + 'h' + min + 'm' + sec + 's');
    }
  } else {
    nd.print('0x' + hex(code, 2) + ' unknown');
    if (nd.verbose <= 1) printUnknownData(nd, cp + 4, '\n\t', length - 4);
  }
  if (18 < length && nd.verbose) nd.print(', (trailing junk: ' + (length - 18) + ' bytes)');
  if (nd.verbose > 1) printUnknownData(nd, cp + 4, '\n\t', length - 4);
}

/** chdlc_print: returns the header length. */
export function chdlcPrint(nd: Dissector, p: number, length: number): number {
  nd.protocol = 'chdlc';
  const bp = p;
  const trunc = () => {
    nd.printTrunc();
    return nd.avail(bp);
  };
  if (length < HDRLEN) return trunc();
  const proto = nd.u16(p + 2);
  if (nd.linkHeader) {
    nd.print(tok2str(castValues, '0x%02x', nd.u8(p)) + ', ethertype ' + tok2str(ethertypeNames, 'Unknown', proto) + ' (0x' + hex(proto, 4) + '), length ' + length + ': ');
  }
  length -= HDRLEN;
  p += HDRLEN;
  switch (proto) {
    case 0x0800:
      ipPrint(nd, p, length);
      break;
    case 0x86dd:
      ip6Print(nd, p, length);
      break;
    case 0x8035:
      nd.classify(Depth.NET, 'slarp');
      slarpPrint(nd, p, length);
      break;
    case 0x8847:
    case 0x8848:
      nd.classify(Depth.NET, 'mpls');
      mplsPrint(nd, p, length);
      break;
    case 0xfefe: {
      if (length < 2) return trunc();
      nd.classify(Depth.NET, 'isoclns');
      const iso = namedPrinter('isoclns');
      const b = nd.u8(p + 1);
      // A "fudge" byte before the NLPID, when the next byte is one.
      const skip = b === 0x81 || b === 0x82 || b === 0x83 ? 1 : 0;
      if (iso !== undefined) iso(nd, p + skip, length - skip);
      break;
    }
    default:
      if (!nd.linkHeader) nd.print('unknown CHDLC protocol (0x' + hex(proto, 4) + ')');
  }
  return HDRLEN;
}

function chdlcIfPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'chdlc';
  nd.classify(Depth.LINK, 'chdlc');
  nd.llHdrLen += chdlcPrint(nd, p, length);
}

registerPrinter('chdlc_if', chdlcIfPrint);
registerPrinter('chdlc', (nd, p, length) => void chdlcPrint(nd, p, length));
linkTypes.register(104, 'chdlc', chdlcIfPrint);
