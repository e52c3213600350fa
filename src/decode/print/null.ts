import { Depth, type Dissector } from '../dissector.js';
import { linkTypes, namedPrinter } from '../registry.js';
import { tok, tok2str } from '../text.js';
import { ipPrint } from './ip.js';
import { ip6Print } from './ip6.js';
import { defaultPrint } from '../hex.js';

/** BSD loopback (DLT_NULL, DLT_LOOP): a 4-byte address family, then the packet (tcpdump's print-null.c). */

export const bsdAfs = tok({ 2: 'IPv4', 6: 'NS', 7: 'ISO', 16: 'Appletalk', 23: 'IPX', 24: 'IPv6', 28: 'IPv6', 30: 'IPv6' });
const afPrinters = new Map<number, string>([
  [7, 'isoclns'],
  [16, 'atalk'],
  [23, 'ipx'],
]);

function nullHeader(nd: Dissector, family: number, length: number): void {
  nd.print('AF ' + tok2str(bsdAfs, 'Unknown', family) + ' (' + family + '), length ' + length + ': ');
}

function nullIfPrint(nd: Dissector, at: number, length: number): void {
  nd.protocol = 'null';
  nd.need(at, 4);
  nd.llHdrLen += 4;
  // Written in the capturing host's byte order (DLT_LOOP: network order); tcpdump reads
  // it little-endian here and swaps when the upper half is set, and so do we.
  let family = nd.le32(at);
  if (family > 0xffff) family = nd.u32(at);
  if (nd.linkHeader) nullHeader(nd, family, length);
  const p = at + 4;
  length -= 4;
  if (family === 2) ipPrint(nd, p, length);
  else if (family === 24 || family === 28 || family === 30) ip6Print(nd, p, length);
  else {
    const name = afPrinters.get(family);
    const print = name === undefined ? undefined : namedPrinter(name);
    if (name !== undefined) nd.classify(Depth.NET, name);
    if (print !== undefined) print(nd, p, length);
    else {
      nd.classify(Depth.NET, 'af:' + family);
      if (!nd.linkHeader) nullHeader(nd, family, length + 4);
      defaultPrint(nd, p, nd.avail(p));
    }
  }
}

linkTypes.register(0, 'null', nullIfPrint);
linkTypes.register(108, 'loop', nullIfPrint);
