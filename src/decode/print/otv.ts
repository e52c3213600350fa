import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { hex2 } from '../text.js';
import { etherPrint } from './ether.js';

/** Cisco's Overlay Transport Virtualization (tcpdump's print-otv.c): overlay and instance, then the frame. */

const HDR_LEN = 8;

export function otvPrint(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'otv';
  nd.print('OTV, ');
  if (len < HDR_LEN) {
    nd.print('[length ' + len + ' < ' + HDR_LEN + ']');
    nd.printInvalid();
    nd.need(bp, len);
    return;
  }
  const flags = nd.u8(bp);
  nd.print('flags [' + (flags & 0x08 ? 'I' : '.') + '] (0x' + hex2(flags) + '), ');
  nd.print('overlay ' + nd.u24(bp + 1) + ', ');
  nd.print('instance ' + nd.u24(bp + 4));
  nd.newline();
  nd.need(bp + 7, 1);
  etherPrint(nd, bp + HDR_LEN, len - HDR_LEN);
}

udpPorts.register('otv', otvPrint);
