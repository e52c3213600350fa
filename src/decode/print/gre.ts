import type { Dissector } from '../dissector.js';
import { ipProtos, namedPrinter } from '../registry.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';
import { etherPrint } from './ether.js';
import { ethertypeNames } from './ethertype.js';
import { ipPrint } from './ip.js';
import { ip6Print } from './ip6.js';

/** GRE, versions 0 (RFC 1701/2784) and 1 (PPTP's enhanced GRE) (tcpdump's print-gre.c). */

const CP = 0x8000;
const RP = 0x4000;
const KP = 0x2000;
const SP = 0x1000;
const AP = 0x0080;

const flagValues = tok([
  [0x8000, 'checksum present'],
  [0x4000, 'routing present'],
  [0x2000, 'key present'],
  [0x1000, 'sequence# present'],
  [0x0800, 'source routing present'],
  [0x0080, 'ack present'],
]);

/** The payload by its ethertype: the protocols GRE version 0 knows, others by name. */
function payload(nd: Dissector, prot: number, bp: number, len: number): void {
  switch (prot) {
    case 0x0800:
      return ipPrint(nd, bp, len);
    case 0x86dd:
      return ip6Print(nd, bp, len);
    case 0x6558:
      etherPrint(nd, bp, len);
      return;
  }
  const name = prot === 0x8847 ? 'mpls' : prot === 0x8137 ? 'ipx' : prot === 0x809b ? 'atalk' : prot === 0x00fe ? 'isoclns' : '';
  const print = name === '' ? undefined : namedPrinter(name);
  if (print !== undefined) print(nd, bp, len);
  else if (name === '') nd.print('gre-proto-0x' + hex(prot));
}

/** A source route entry: -1 when cut short, else bytes consumed are the caller's. */
function sre(nd: Dissector, af: number, sreoff: number, srelen: number, bp: number, len: number): boolean {
  const list = (unit: number, item: (at: number) => string): boolean => {
    if (sreoff & (unit - 1)) {
      nd.print(', badoffset=' + sreoff);
      return true;
    }
    if (srelen & (unit - 1)) {
      nd.print(', badlength=' + srelen);
      return true;
    }
    if (sreoff >= srelen) {
      nd.print(', badoff/len=' + sreoff + '/' + srelen);
      return true;
    }
    const up = bp;
    while (srelen !== 0) {
      if (!nd.has(bp, unit) || len < unit) return false;
      nd.print(' ' + (bp - up === sreoff ? '*' : '') + item(bp));
      bp += unit;
      len -= unit;
      srelen -= unit;
    }
    return true;
  };
  if (af === 0x0800) {
    nd.print(', (rtaf=ip');
    const ok = list(4, (at) => nd.ipv4(at));
    nd.print(')');
    return ok;
  }
  if (af === 0xfffe) {
    nd.print(', (rtaf=asn');
    const ok = list(2, (at) => hex(nd.u16(at)));
    nd.print(')');
    return ok;
  }
  nd.print(', (rtaf=0x' + hex(af) + ')');
  return true;
}

function version0(nd: Dissector, bp: number, length: number): void {
  let len = length;
  const flags = nd.u16(bp);
  if (nd.verbose > 0) nd.print(', Flags [' + bittok2str(flagValues, 'none', flags) + ']');
  len -= 2;
  bp += 2;
  if (!nd.has(bp, 2) || len < 2) return nd.printTrunc();
  const prot = nd.u16(bp);
  len -= 2;
  bp += 2;
  if (flags & (CP | RP)) {
    if (!nd.has(bp, 2) || len < 2) return nd.printTrunc();
    if (nd.verbose > 0) nd.print(', sum 0x' + hex(nd.u16(bp)));
    bp += 2;
    len -= 2;
    if (!nd.has(bp, 2) || len < 2) return nd.printTrunc();
    nd.print(', off 0x' + hex(nd.u16(bp)));
    bp += 2;
    len -= 2;
  }
  if (flags & KP) {
    if (!nd.has(bp, 4) || len < 4) return nd.printTrunc();
    nd.print(', key=0x' + hex(nd.u32(bp)));
    bp += 4;
    len -= 4;
  }
  if (flags & SP) {
    if (!nd.has(bp, 4) || len < 4) return nd.printTrunc();
    nd.print(', seq ' + nd.u32(bp));
    bp += 4;
    len -= 4;
  }
  if (flags & RP) {
    for (;;) {
      if (!nd.has(bp, 4) || len < 4) return nd.printTrunc();
      const af = nd.u16(bp);
      const sreoff = nd.u8(bp + 2);
      const srelen = nd.u8(bp + 3);
      bp += 4;
      len -= 4;
      if (af === 0 && srelen === 0) break;
      if (!sre(nd, af, sreoff, srelen, bp, len)) return nd.printTrunc();
      if (len < srelen) return nd.printTrunc();
      bp += srelen;
      len -= srelen;
    }
  }
  if (nd.linkHeader) nd.print(', proto ' + tok2str(ethertypeNames, 'unknown', prot) + ' (0x' + hex(prot, 4) + ')');
  nd.print(', length ' + length);
  if (nd.verbose < 1) nd.print(': ');
  else nd.printBreak('\n\t');
  payload(nd, prot, bp, len);
}

function version1(nd: Dissector, bp: number, length: number): void {
  let len = length;
  const flags = nd.u16(bp);
  len -= 2;
  bp += 2;
  if (nd.verbose > 0) nd.print(', Flags [' + bittok2str(flagValues, 'none', flags) + ']');
  if (!nd.has(bp, 2) || len < 2) return nd.printTrunc();
  const prot = nd.u16(bp);
  len -= 2;
  bp += 2;
  if (flags & KP) {
    if (!nd.has(bp, 4) || len < 4) return nd.printTrunc();
    nd.print(', call ' + (nd.u32(bp) & 0xffff));
    len -= 4;
    bp += 4;
  }
  if (flags & SP) {
    if (!nd.has(bp, 4) || len < 4) return nd.printTrunc();
    nd.print(', seq ' + nd.u32(bp));
    bp += 4;
    len -= 4;
  }
  if (flags & AP) {
    if (!nd.has(bp, 4) || len < 4) return nd.printTrunc();
    nd.print(', ack ' + nd.u32(bp));
    bp += 4;
    len -= 4;
  }
  if ((flags & SP) === 0) nd.print(', no-payload');
  if (nd.linkHeader) nd.print(', proto ' + tok2str(ethertypeNames, 'unknown', prot) + ' (0x' + hex(prot, 4) + ')');
  nd.print(', length ' + length);
  if ((flags & SP) === 0) return;
  if (nd.verbose < 1) nd.print(': ');
  else nd.printBreak('\n\t');
  const ppp = prot === 0x880b ? namedPrinter('ppp') : undefined;
  if (ppp !== undefined) ppp(nd, bp, len);
  else if (prot !== 0x880b) nd.print('gre-proto-0x' + hex(prot));
}

export function grePrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'gre';
  if (!nd.has(bp, 2) || length < 2) return nd.printTrunc();
  const vers = nd.u16(bp) & 7;
  nd.print('GREv' + vers);
  if (vers === 0) version0(nd, bp, length);
  else if (vers === 1) version1(nd, bp, length);
  else nd.print(' ERROR: unknown-version');
}

ipProtos.register(47, 'ip:gre', grePrint);
