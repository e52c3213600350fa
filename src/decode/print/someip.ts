import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { tok, tok2str } from '../text.js';

/** SOME/IP (tcpdump's print-someip.c): the 16-byte header, on one line. */

const messageTypes = tok({
  0x00: 'REQUEST', 0x01: 'REQUEST_NO_RETURN', 0x02: 'NOTIFICATION', 0x80: 'RESPONSE', 0x81: 'ERROR', 0x20: 'TP_REQUEST',
  0x21: 'TP_REQUEST_NO_RETURN', 0x22: 'TP_NOTIFICATION', 0xa0: 'TP_RESPONSE', 0xa1: 'TP_ERROR',
});
const returnCodes = tok({
  0x00: 'E_OK', 0x01: 'E_NOT_OK', 0x02: 'E_UNKNOWN_SERVICE', 0x03: 'E_UNKNOWN_METHOD', 0x04: 'E_NOT_READY',
  0x05: 'E_NOT_REACHABLE', 0x06: 'E_TIMEOUT', 0x07: 'E_WRONG_PROTOCOL_VERSION', 0x08: 'E_WRONG_INTERFACE_VERSION',
  0x09: 'E_MALFORMED_MESSAGE', 0x0a: 'E_WRONG_MESSAGE_TYPE', 0x0b: 'E_E2E_REPEATED', 0x0c: 'E_E2E_WRONG_SEQUENCE',
  0x0d: 'E_E2E', 0x0e: 'E_E2E_NOT_AVAILABLE', 0x0f: 'E_E2E_NO_NEW_DATA',
});

export function someipPrint(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'someip';
  nd.print('SOMEIP');
  if (len < 16) return nd.printInvalid();
  const messageId = nd.u32(bp);
  nd.print(', service ' + (messageId >>> 16) + ', ' + (messageId & 0x8000 ? 'event' : 'method') + ' ' + (messageId & 0x7fff));
  nd.print(', len ' + nd.u32(bp + 4));
  const requestId = nd.u32(bp + 8);
  nd.print(', client ' + (requestId >>> 16) + ', session ' + (requestId & 0xffff));
  nd.print(', pver ' + nd.u8(bp + 12));
  nd.print(', iver ' + nd.u8(bp + 13));
  nd.print(', msgtype ' + tok2str(messageTypes, 'Unknown', nd.u8(bp + 14)));
  nd.print(', retcode ' + tok2str(returnCodes, 'Unknown', nd.u8(bp + 15)));
  nd.newline();
}

udpPorts.register('someip', someipPrint);
