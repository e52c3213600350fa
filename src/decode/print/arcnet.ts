import { Depth, type Dissector } from '../dissector.js';
import { defaultPrint } from '../hex.js';
import { linkTypes, namedPrinter } from '../registry.js';
import { hex2, tok, tok2str } from '../text.js';
import { arpPrint } from './arp.js';
import { ipPrint } from './ip.js';
import { ip6Print } from './ip6.js';

/** ARCNET, BSD and Linux framings (tcpdump's print-arcnet.c). */

const IP_OLD = 240;
const ARP_OLD = 241;
const DIAGNOSE = 0x80;

const arcTypes = tok({ 240: 'oldip', 241: 'oldarp', 212: 'ip', 213: 'arp', 214: 'rarp', 221: 'atalk', 247: 'banyan', 250: 'ipx', 0xc4: 'ipv6', 0x80: 'diag' });

/** arcnet_print: the header for -e (phds: the RFC 1201 header with flag and sequence id). */
function arcnetHeader(nd: Dissector, bp: number, length: number, phds: boolean, flag: number, seqid: number): void {
  const name = tok2str(arcTypes, '%02x', nd.u8(bp + 2));
  const head = hex2(nd.u8(bp)) + ' ' + hex2(nd.u8(bp + 1)) + ' ' + name;
  const seq = ' seqid ' + seqid.toString(16).padStart(4, '0');
  if (!phds) nd.print(head + ' ' + length + ': ');
  else if (flag === 0) nd.print(head + seq + ' ' + length + ': ');
  else if (flag & 1) nd.print(head + seq + ' (first of ' + Math.floor((flag + 3) / 2) + ' fragments) ' + length + ': ');
  else nd.print(head + seq + ' (fragment ' + (Math.floor(flag / 2) + 1) + ') ' + length + ': ');
}

function encapPrint(nd: Dissector, type: number, p: number, length: number): boolean {
  switch (type) {
    case IP_OLD:
    case 212:
      ipPrint(nd, p, length);
      return true;
    case 0xc4:
      ip6Print(nd, p, length);
      return true;
    case ARP_OLD:
    case 213:
    case 214:
      arpPrint(nd, p, length);
      return true;
    case 221: {
      if (nd.verbose) nd.print('et1 ');
      nd.classify(Depth.NET, 'atalk');
      const atalk = namedPrinter('atalk');
      if (atalk !== undefined) atalk(nd, p, length);
      return atalk !== undefined;
    }
    case 250: {
      nd.classify(Depth.NET, 'ipx');
      const ipx = namedPrinter('ipx');
      if (ipx !== undefined) ipx(nd, p, length);
      return ipx !== undefined;
    }
    default:
      return false;
  }
}

function arcnetIfPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'arcnet';
  nd.classify(Depth.LINK, 'arcnet');
  const caplen = nd.avail(p);
  if (caplen < 3) {
    nd.llHdrLen += caplen;
    nd.trunc();
  }
  const type = nd.u8(p + 2);
  const phds = !(type === IP_OLD || type === ARP_OLD || type === DIAGNOSE);
  let hdrlen = 3;
  let flag = 0;
  let seqid = 0;
  if (phds) {
    if (caplen < 6) {
      arcnetHeader(nd, p, length, false, 0, 0);
      nd.print(' phds');
      nd.llHdrLen += caplen;
      nd.trunc();
    }
    flag = nd.u8(p + 3);
    if (flag === 0xff) {
      if (caplen < 10) {
        arcnetHeader(nd, p, length, false, 0, 0);
        nd.print(' phds extended');
        nd.llHdrLen += caplen;
        nd.trunc();
      }
      flag = nd.u8(p + 7);
      seqid = nd.u16(p + 8);
      hdrlen = 10;
    } else {
      seqid = nd.u16(p + 4);
      hdrlen = 6;
    }
  }
  if (nd.linkHeader) arcnetHeader(nd, p, length, phds, flag, seqid);
  nd.llHdrLen += hdrlen;
  // A middle fragment: nothing of the payload's own header is in it.
  if (phds && flag && (flag & 1) === 0) return;
  if (!encapPrint(nd, type, p + hdrlen, length - hdrlen)) defaultPrint(nd, p + hdrlen, caplen - hdrlen);
}

function arcnetLinuxIfPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'arcnet_linux';
  nd.classify(Depth.LINK, 'arcnet');
  const caplen = nd.avail(p);
  if (caplen < 5) {
    nd.llHdrLen += caplen;
    nd.trunc();
  }
  const type = nd.u8(p + 4);
  let hdrlen = 5;
  if (!(type === IP_OLD || type === ARP_OLD || type === DIAGNOSE)) {
    hdrlen = 8;
    if (caplen < 8) {
      nd.llHdrLen += caplen;
      nd.trunc();
    }
  }
  // tcpdump prints the Linux header with the BSD header's layout (the type from byte 2).
  if (nd.linkHeader) arcnetHeader(nd, p, length, false, 0, 0);
  nd.llHdrLen += hdrlen;
  if (!encapPrint(nd, type, p + hdrlen, length - hdrlen)) defaultPrint(nd, p + hdrlen, caplen - hdrlen);
}

linkTypes.register(7, 'arcnet', arcnetIfPrint);
linkTypes.register(129, 'arcnet', arcnetLinuxIfPrint);
