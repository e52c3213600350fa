import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { tok, tok2str } from '../text.js';
import { etherPrint } from './ether.js';
import { ipPrint } from './ip.js';
import { ip6Print } from './ip6.js';

/** Broadcom's lawful-intercept shim (tcpdump's print-bcm-li.c): the shim, and with -v the packet it carries. */

const SHIM_LEN = 4;
const TYPE = { UNDECIDED: 4, IPV4: 5, IPV6: 6, ETHERNET: 7 } as const;
const directions = tok({ 1: 'unused', 2: 'egress', 3: 'ingress' });
const types = tok({ 4: 'undecided', 5: 'ipv4', 6: 'ipv6', 7: 'ethernet' });
const subtypes = tok({ 1: 'single VLAN tag', 2: 'double VLAN tag', 3: 'untagged' });

export function bcmLiPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'bcm_li';
  if (length < SHIM_LEN) {
    nd.print(' (length ' + length + ' < ' + SHIM_LEN + ')');
    nd.printInvalid();
    return;
  }
  const shim = nd.u32(bp);
  const type = (shim >>> 25) & 0xf;
  length -= SHIM_LEN;
  bp += SHIM_LEN;
  const text =
    'BCM-LI-SHIM: direction ' + tok2str(directions, 'unknown', (shim >>> 29) & 7) + ', pkt-type ' + tok2str(types, 'unknown', type) +
    ', pkt-subtype ' + tok2str(subtypes, 'unknown', (shim >>> 22) & 7) + ', li-id ' + (shim & 0x3fffff);
  if (!nd.verbose) {
    nd.print(text);
    nd.need(bp, length);
    return;
  }
  nd.printBreak('\n    ' + text);
  nd.printBreak('\n    ');
  switch (type) {
    case TYPE.ETHERNET:
      etherPrint(nd, bp, length);
      break;
    case TYPE.IPV4:
      ipPrint(nd, bp, length);
      break;
    case TYPE.IPV6:
      ip6Print(nd, bp, length);
      break;
    case TYPE.UNDECIDED: {
      // The IP version from the first nibble.
      const v = nd.u8(bp) >> 4;
      if (v === 4) ipPrint(nd, bp, length);
      else if (v === 6) ip6Print(nd, bp, length);
      else nd.print('unknown payload');
      break;
    }
    default:
      nd.printInvalid();
  }
}

udpPorts.register('bcm-li', bcmLiPrint);
