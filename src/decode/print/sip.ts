import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { txtprotoPrint } from './txtproto.js';

/** SIP (tcpdump's print-sip.c): a request or response line, every header line with -v. */

const methods = new Set([
  'ACK', 'BYE', 'CANCEL', 'DO', 'INFO', 'INVITE', 'MESSAGE', 'NOTIFY', 'OPTIONS', 'PRACK', 'QAUTH', 'REFER', 'REGISTER',
  'SPRACK', 'SUBSCRIBE', 'UPDATE', 'PUBLISH',
]);

export function sipPrint(nd: Dissector, p: number, len: number): void {
  nd.protocol = 'sip';
  txtprotoPrint(nd, p, len, methods, true);
}

udpPorts.register('sip', sipPrint);
