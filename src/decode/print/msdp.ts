import type { Dissector } from '../dissector.js';
import { tcpPorts } from '../registry.js';
import { ipPrint } from './ip.js';

/** MSDP (tcpdump's print-msdp.c, RFC 3618): each TLV of the segment; -vv prints an SA's encapsulated datagram. */

const MSDP_TYPE_MAX = 7;

export function msdpPrint(nd: Dissector, sp: number, length: number): void {
  nd.protocol = 'msdp';
  nd.print(': msdp');
  // Not at the start of a message: not decodable (printed as cut short, as tcpdump does).
  let type = nd.u8(sp);
  let len = nd.u16(sp + 1);
  if (len > 1500 || len < 3 || type === 0 || type > MSDP_TYPE_MAX) return nd.printTrunc();
  while (length !== 0) {
    type = nd.u8(sp);
    len = nd.u16(sp + 1);
    if (len > 1400 || nd.verbose) nd.print(' [len ' + len + ']');
    if (len < 3 || length < len) return nd.printTrunc();
    sp += 3;
    length -= 3;
    switch (type) {
      case 1:
      case 3: {
        nd.print(type === 1 ? ' SA' : ' SA-Response');
        const entries = nd.u8(sp);
        nd.print(' ' + entries + ' entries');
        if (entries * 12 + 8 < len) {
          nd.print(' [w/data]');
          if (nd.verbose > 1) {
            nd.print(' ');
            ipPrint(nd, sp + entries * 12 + 8 - 3, len - (entries * 12 + 8));
          }
        }
        break;
      }
      case 2:
        nd.print(' SA-Request');
        nd.print(' for ' + nd.ipv4(sp + 1));
        break;
      case 4:
        nd.print(' Keepalive');
        if (len !== 3) nd.print('[len=' + len + '] ');
        break;
      case 5:
        nd.print(' Notification');
        break;
      default:
        nd.print(' [type=' + type + ' len=' + len + ']');
        break;
    }
    sp += len - 3;
    length -= len - 3;
  }
}

tcpPorts.register('msdp', msdpPrint);
