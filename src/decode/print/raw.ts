import type { Dissector } from '../dissector.js';
import { linkTypes } from '../registry.js';
import { ipNPrint } from './ip.js';

/** Raw IP: no link header, the version nibble decides (tcpdump's print-raw.c). */
function rawIfPrint(nd: Dissector, at: number, length: number): void {
  nd.protocol = 'raw';
  if (nd.linkHeader) nd.print('ip: ');
  ipNPrint(nd, at, length);
}

linkTypes.register(101, 'raw', rawIfPrint);
linkTypes.register(228, 'raw', rawIfPrint);
linkTypes.register(229, 'raw', rawIfPrint);
