import type { Dissector } from '../dissector.js';
import { ipProtos } from '../registry.js';
import { inCksum } from './checksum.js';

/** Minimal encapsulation for mobile IP, RFC 2004 (tcpdump's print-mobile.c). */

export function mobilePrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'mobile';
  if (length < 8 || !nd.has(bp, 12)) return nd.printTrunc();
  nd.print('mobile: ');
  const proto = nd.u16(bp);
  const crc = nd.u16(bp + 2);
  const osp = (proto & 0x0080) !== 0;
  if (osp) {
    nd.print('[S] ');
    if (nd.verbose) nd.print(nd.ipv4(bp + 8) + ' ');
  } else nd.print('[] ');
  if (nd.verbose) {
    nd.print('> ' + nd.ipv4(bp + 4) + ' ');
    nd.print('(oproto=' + (proto >> 8) + ')');
  }
  if (inCksum(nd, bp, osp ? 12 : 8) !== 0) nd.print(' (bad checksum ' + crc + ')');
}

ipProtos.register(55, 'ip:mobile', mobilePrint);
