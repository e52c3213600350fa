import type { Dissector } from '../dissector.js';
import { etherTypes } from '../registry.js';

/** Microsoft Network Load Balancing heartbeats, ethertype 0x886f (tcpdump's print-msnlb.c). */

export function msnlbPrint(nd: Dissector, bp: number): void {
  nd.protocol = 'msnlb';
  nd.print('MS NLB heartbeat');
  nd.print(', host priority: ' + nd.le32(bp + 8));
  nd.print(', cluster IP: ' + nd.ipv4(bp + 12));
  nd.print(', host IP: ' + nd.ipv4(bp + 16));
}

etherTypes.register(0x886f, 'msnlb', (nd, bp) => msnlbPrint(nd, bp));
