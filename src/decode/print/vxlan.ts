import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { bittok2str, hex2, tok, type Tok } from '../text.js';
import { etherPrint } from './ether.js';
import { ipPrint } from './ip.js';
import { ip6Print } from './ip6.js';
import { nshPrint } from './nsh.js';

/**
 * VXLAN (RFC 7348) and VXLAN-GPE (tcpdump's print-vxlan.c, print-vxlan-gpe.c): the
 * flags and VNI, then the frame or datagram they carry.
 */

const HDR_LEN = 8;
const vxlanFlags = tok({ 0x08: 'I' });
// In tcpdump's order (bittok2str lists flags so): a Map keeps it, an object literal would sort the keys.
const gpeFlags: Tok = new Map([[0x08, 'I'], [0x04, 'P'], [0x02, 'B'], [0x01, 'O']]);

export function vxlanPrint(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'vxlan';
  nd.print('VXLAN');
  if (len < HDR_LEN) {
    nd.printInvalid();
    return;
  }
  const flags = nd.u8(bp);
  nd.print(', flags [' + bittok2str(vxlanFlags, 'invalid', flags, '') + '] (0x' + hex2(flags) + '), ');
  nd.print('vni ' + nd.u24(bp + 4));
  nd.newline();
  nd.need(bp + 7, 1);
  etherPrint(nd, bp + HDR_LEN, len - HDR_LEN);
}

export function vxlanGpePrint(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'vxlan_gpe';
  nd.print('VXLAN-GPE, ');
  if (len < HDR_LEN) {
    nd.print(' (len ' + len + ' < ' + HDR_LEN + ')');
    nd.printInvalid();
    return;
  }
  const flags = nd.u8(bp);
  nd.print('flags [' + bittok2str(gpeFlags, 'none', flags, '') + '], ');
  const next = nd.u8(bp + 3);
  const vni = nd.u24(bp + 4);
  nd.need(bp + 7, 1);
  nd.print('vni ' + vni);
  nd.printBreak(nd.verbose ? '\n    ' : ': ');
  const p = bp + HDR_LEN;
  const rest = len - HDR_LEN;
  switch (next) {
    case 1:
      ipPrint(nd, p, rest);
      break;
    case 2:
      ip6Print(nd, p, rest);
      break;
    case 3:
      etherPrint(nd, p, rest);
      break;
    case 4:
      nshPrint(nd, p, rest);
      break;
    default:
      nd.print('ERROR: unknown-next-protocol');
      nd.printInvalid();
  }
}

udpPorts.register('vxlan', vxlanPrint);
udpPorts.register('vxlan-gpe', vxlanGpePrint);
