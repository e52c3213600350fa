import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { bittok2str, hex, tok2str, type Tok } from '../text.js';
import { etherPrint } from './ether.js';
import { ethertypeNames, ethertypePrint } from './ethertype.js';

/** Geneve, RFC 8926 (tcpdump's print-geneve.c): flags, VNI and options, then the payload by its ethertype. */

// In tcpdump's order (bittok2str lists flags so): a Map keeps it, an object literal would sort the keys.
const flagNames: Tok = new Map([[0x80, 'O'], [0x40, 'C'], [0x20, 'R1'], [0x10, 'R2'], [0x08, 'R3'], [0x04, 'R4'], [0x02, 'R5'], [0x01, 'R6']]);
const ETHERTYPE_TEB = 0x6558;

function optClass(c: number): string {
  switch (c) {
    case 0x0100:
      return 'Linux';
    case 0x0101:
      return 'Open vSwitch';
    case 0x0102:
      return 'Open Virtual Networking (OVN)';
    case 0x0103:
      return 'In-band Network Telemetry (INT)';
    case 0x0104:
      return 'VMware';
  }
  return c <= 0x00ff ? 'Standard' : c >= 0xfff0 ? 'Experimental' : 'Unknown';
}

function options(nd: Dissector, bp: number, len: number): void {
  let sep = '';
  while (len > 0) {
    nd.print(sep);
    sep = ', ';
    const cls = nd.u16(bp);
    const type = nd.u8(bp + 2);
    const optLen = 4 + (nd.u8(bp + 3) & 0x1f) * 4;
    nd.print('class ' + optClass(cls) + ' (0x' + hex(cls) + ') type 0x' + hex(type) + (type & 0x80 ? '(C)' : '') + ' len ' + optLen);
    if (optLen > len) {
      nd.print(' [bad length]');
      return;
    }
    if (nd.verbose > 1 && optLen > 4) {
      nd.print(' data');
      for (let i = 4; i < optLen; i += 4) nd.print(' ' + hex(nd.u32(bp + i), 8));
    }
    bp += optLen;
    len -= optLen;
  }
}

export function genevePrint(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'geneve';
  nd.print('Geneve');
  if (len < 8) {
    nd.print(' [length ' + len + ' < 8]');
    nd.printInvalid();
    return;
  }
  if (!nd.has(bp, 8)) {
    nd.printTrunc();
    return;
  }
  const verOpt = nd.u8(bp);
  const version = verOpt >> 6;
  if (version !== 0) {
    nd.print(' ERROR: unknown-version ' + version);
    return;
  }
  const flags = nd.u8(bp + 1);
  const prot = nd.u16(bp + 2);
  const vni = nd.u24(bp + 4);
  const reserved = nd.u8(bp + 7);
  bp += 8;
  len -= 8;
  nd.print(', Flags [' + bittok2str(flagNames, 'none', flags, '') + ']');
  nd.print(', vni 0x' + hex(vni));
  if (reserved) nd.print(', rsvd 0x' + hex(reserved));
  if (nd.linkHeader) nd.print(', proto ' + tok2str(ethertypeNames, 'unknown', prot) + ' (0x' + hex(prot, 4) + ')');
  const optsLen = (verOpt & 0x3f) * 4;
  if (len < optsLen) {
    nd.print(' truncated-geneve - ' + (optsLen - len) + ' bytes missing');
    return;
  }
  if (!nd.has(bp, optsLen)) {
    nd.printTrunc();
    return;
  }
  if (optsLen > 0) {
    nd.print(', options [');
    if (nd.verbose) options(nd, bp, optsLen);
    else nd.print(optsLen + ' bytes');
    nd.print(']');
  }
  bp += optsLen;
  len -= optsLen;
  nd.printBreak(nd.verbose < 1 ? ': ' : '\n\t');
  if (!ethertypePrint(nd, prot, bp, len)) {
    if (prot === ETHERTYPE_TEB) etherPrint(nd, bp, len);
    else nd.print('geneve-proto-0x' + hex(prot));
  }
}

udpPorts.register('geneve', genevePrint);
