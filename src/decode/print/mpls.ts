import type { Dissector } from '../dissector.js';
import { defaultPrint } from '../hex.js';
import { etherTypes, namedPrinter, registerPrinter } from '../registry.js';
import { ipPrint } from './ip.js';
import { ip6Print } from './ip6.js';

/** RFC 3032 MPLS label stacks and what follows them (tcpdump's print-mpls.c). */

const labelNames = [
  'IPv4 explicit NULL',
  'router alert',
  'IPv6 explicit NULL',
  'implicit NULL',
  'rsvd',
  'rsvd',
  'rsvd',
  'rsvd',
  'rsvd',
  'rsvd',
  'rsvd',
  'rsvd',
  'rsvd',
  'rsvd',
  'rsvd',
  'rsvd',
];

export function mplsPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'mpls';
  let p = bp;
  let depth = 0;
  let entry: number;
  nd.print('MPLS');
  do {
    if (length < 4) {
      nd.printInvalid();
      return nd.need(p, length);
    }
    entry = nd.u32(p);
    const label = entry >>> 12;
    let s = (depth && nd.verbose ? '\n\t' : ' ') + '(label ' + label;
    depth++;
    if (nd.verbose && label < labelNames.length) s += ' (' + labelNames[label] + ')';
    s += ', tc ' + ((entry >>> 9) & 7);
    if (entry & 0x100) s += ', [S]';
    s += ', ttl ' + (entry & 0xff) + ')';
    nd.printBreak(s);
    p += 4;
    length -= 4;
  } while (!(entry & 0x100));

  let pt = 0;
  const label = entry >>> 12;
  if (label === 0 || label === 3) pt = 4;
  else if (label === 2) pt = 6;
  else {
    if (length < 1) return;
    const first = nd.u8(p);
    pt = first >= 0x45 && first <= 0x4f ? 4 : first >= 0x60 && first <= 0x6f ? 6 : first >= 0x81 && first <= 0x83 ? 7 : 0;
  }
  if (pt === 0) return defaultPrint(nd, p, length);
  nd.printBreak(nd.verbose ? '\n\t' : ' ');
  if (pt === 4) ipPrint(nd, p, length);
  else if (pt === 6) ip6Print(nd, p, length);
  else {
    const iso = namedPrinter('isoclns');
    if (iso !== undefined) iso(nd, p, length);
  }
}

registerPrinter('mpls', mplsPrint);
etherTypes.register(0x8847, 'mpls', mplsPrint);
etherTypes.register(0x8848, 'mpls', mplsPrint);
