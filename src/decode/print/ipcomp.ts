import type { Dissector } from '../dissector.js';
import { ipProtos } from '../registry.js';
import { hex } from '../text.js';

/** IPComp (tcpdump's print-ipcomp.c): its CPI; the compressed payload is not expanded. */

export function ipcompPrint(nd: Dissector, bp: number, _length: number): void {
  nd.protocol = 'ipcomp';
  nd.print('IPComp(cpi=0x' + hex(nd.u16(bp + 2), 4) + ')');
}

ipProtos.register(108, 'ip:ipcomp', ipcompPrint);
