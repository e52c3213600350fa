import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';

/** vat/vt audio conferencing (tcpdump's vat_print in print-udp.c), to UDP port 3456. */

export function vatPrint(nd: Dissector, hdr: number, length: number): void {
  nd.protocol = 'vat';
  if (length < 2) {
    nd.print('udp/va/vat, length ' + length + ' < 2');
    return;
  }
  const ts = nd.u16(hdr);
  if (ts & 0xf060) {
    nd.print('udp/vt ' + length + ' ' + (ts & 0x3ff) + ' / ' + (ts >> 10));
    return;
  }
  if (length < 8) {
    nd.print('udp/vat, length ' + length + ' < 8');
    return;
  }
  const i0 = nd.u32(hdr);
  const i1 = nd.u32(hdr + 4);
  nd.print('udp/vat ' + (length - 8) + ' c' + (i0 & 0xffff) + ' ' + i1 + (i0 & 0x800000 ? '*' : ''));
  if (i0 & 0x1f0000) nd.print(' f' + ((i0 >>> 16) & 0x1f));
  if (i0 & 0x3f000000) nd.print(' s' + ((i0 >>> 24) & 0x3f));
}

udpPorts.register('vat', vatPrint);
