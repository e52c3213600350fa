import type { Dissector } from '../dissector.js';
import { registerPrinter, udpPorts } from '../registry.js';
import { bittok2str, hex, tok, tok2str, type Tok } from '../text.js';

/**
 * IEEE 1588 Precision Time Protocol (tcpdump's print-ptp.c), over UDP 319/320 and
 * ethertype 0x88f7: the version 2 header and each message type's body, all on one line.
 */

const HDR_LEN = 0x22;
const msgTypes = tok({
  0x0: 'sync msg', 0x1: 'delay req msg', 0x2: 'peer delay req msg', 0x3: 'peer delay resp msg', 0x8: 'follow up msg',
  0x9: 'delay resp msg', 0xa: 'pdelay resp fup msg', 0xb: 'announce msg', 0xc: 'signalling msg', 0xd: 'management msg',
});
const controls = tok({ 0: 'Sync', 1: 'Delay_Req', 2: 'Follow_Up', 3: 'Delay_Resp', 4: 'Management', 5: 'Other' });
// In tcpdump's order ("unknown" last): a Map keeps it, an object literal would sort the keys.
const flagNames: Tok = new Map([
  [0x1, 'l1 61'], [0x2, 'l1 59'], [0x4, 'utc reasonable'], [0x8, 'timescale'], [0x10, 'time tracable'], [0x20, 'frequency tracable'],
  [0x100, 'alternate master'], [0x200, 'two step'], [0x400, 'unicast'], [0x1000, 'profile specific 1'], [0x2000, 'profile specific 2'],
  [0x4000, 'security mask'], [0x18c0, 'unknown'],
]);
const PRECISE_ORIGIN = 'preciseOriginTimeStamp';
const ORIGIN = 'originTimeStamp';
const RECEIVE = 'receiveTimeStamp';

function u48(nd: Dissector, at: number): number {
  return nd.u16(at) * 0x100000000 + nd.u32(at + 2);
}

function u64hex(nd: Dissector, at: number): string {
  return nd.u64(at).toString(16);
}

function timestamp(nd: Dissector, bp: number, what: string): void {
  nd.print(', ' + what + ' :');
  nd.print(' ' + u48(nd, bp) + ' seconds,');
  nd.print(' ' + nd.u32(bp + 6) + ' nanoseconds');
}

function timestampIdentity(nd: Dissector, bp: number, what: string): void {
  timestamp(nd, bp, what);
  nd.print(', port identity : 0x' + u64hex(nd, bp + 10));
  nd.print(', port id : ' + nd.u16(bp + 18));
}

function announce(nd: Dissector, bp: number): void {
  nd.print(', ' + ORIGIN + ' :');
  nd.print(' ' + u48(nd, bp) + ' seconds');
  nd.print(' ' + nd.u32(bp + 6) + ' nanoseconds');
  nd.print(', origin cur utc :' + nd.u16(bp + 10));
  nd.print(', rsvd : ' + nd.u8(bp + 12));
  nd.print(', gm priority_1 : ' + nd.u8(bp + 13));
  nd.print(', gm clock class : ' + nd.u8(bp + 14));
  nd.print(', gm clock accuracy : ' + nd.u8(bp + 15));
  nd.print(', gm clock variance : ' + nd.u16(bp + 16));
  nd.print(', gm priority_2 : ' + nd.u8(bp + 18));
  nd.print(', gm clock id : 0x' + u64hex(nd, bp + 19));
  nd.print(', steps removed : ' + nd.u16(bp + 27));
  nd.print(', time source : 0x' + hex(nd.u8(bp + 29)));
}

function portId(nd: Dissector, bp: number): void {
  nd.print(', port identity : 0x' + u64hex(nd, bp));
  nd.print(', port id : ' + nd.u16(bp + 8));
}

function management(nd: Dissector, bp: number): void {
  portId(nd, bp);
  // tcpdump reads the four one-byte fields all at the port identity (its pointer is not
  // advanced), each name led by its own ", ".
  const names = [', start boundary hops ', ', boundary hops ', ', flags ', ', reserved '];
  for (let i = 0; i < 4; i++) {
    const v = nd.u8(bp);
    nd.print(', ' + names[i] + (i < 2 ? ' ' + v : ' 0x' + hex(v)));
  }
}

function v2(nd: Dissector, bp: number): void {
  const foct = nd.u8(bp);
  const type = foct & 0x0f;
  nd.print(', v1 compat : ' + (foct & 0x10 ? 'yes' : 'no'));
  nd.print(', msg type : ' + tok2str(msgTypes, 'Reserved', type));
  nd.print(', length : ' + nd.u16(bp + 2));
  nd.print(', domain : ' + (nd.u16(bp + 4) >> 8));
  nd.print(', reserved1 : ' + (nd.u16(bp + 4) & 0xff));
  nd.print(', Flags [' + bittok2str(flagNames, 'none', nd.u16(bp + 6)) + ']');
  nd.print(', NS correction : ' + u48(nd, bp + 8));
  nd.print(', sub NS correction : ' + nd.u16(bp + 14));
  nd.print(', reserved2 : ' + nd.u32(bp + 16));
  nd.print(', clock identity : 0x' + u64hex(nd, bp + 20));
  nd.print(', port id : ' + nd.u16(bp + 28));
  nd.print(', seq id : ' + nd.u16(bp + 30));
  const control = nd.u8(bp + 32);
  nd.print(', control : ' + control + ' (' + tok2str(controls, 'Reserved', control) + ')');
  nd.print(', log message interval : ' + (nd.u16(bp + 32) & 0xff));
  const body = bp + HDR_LEN;
  switch (type) {
    case 0x0:
    case 0x1:
      timestamp(nd, body, ORIGIN);
      break;
    case 0x2:
    case 0xa:
      timestampIdentity(nd, body, PRECISE_ORIGIN);
      break;
    case 0x3:
    case 0x9:
      timestampIdentity(nd, body, RECEIVE);
      break;
    case 0x8:
      timestamp(nd, body, PRECISE_ORIGIN);
      break;
    case 0xb:
      announce(nd, body);
      break;
    case 0xc:
      portId(nd, body);
      break;
    case 0xd:
      management(nd, body);
      break;
  }
}

export function ptpPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'ptp';
  if (length < HDR_LEN) {
    nd.print(' [length ' + length + ' < ' + HDR_LEN + ']');
    nd.printInvalid();
    return;
  }
  const vers = nd.u16(bp) & 0xff;
  nd.print('PTPv' + vers);
  if (vers === 1) nd.print(' (not implemented)');
  else if (vers === 2) v2(nd, bp);
}

udpPorts.register('ptp', ptpPrint);
registerPrinter('ptp', ptpPrint);
