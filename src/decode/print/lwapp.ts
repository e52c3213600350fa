import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { udpPorts } from '../registry.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';

/**
 * Cisco LWAPP (tcpdump's print-lwapp.c): the transport header of control (port 12223,
 * with the AP's identity toward the controller) and data (12222) frames; with -v the
 * control messages' headers, and the data frame's bytes in hex.
 */

const headerBits = tok({ 1: 'Last Fragment Bit', 2: 'Fragment Bit', 4: 'Control Bit' });
const msgTypes = tok({
  1: 'Discovery req', 2: 'Discovery resp', 3: 'Join req', 4: 'Join resp', 5: 'Join ack', 6: 'Join confirm', 10: 'Configure req',
  11: 'Configure resp', 12: 'Update req', 13: 'Update resp', 14: 'WTP event req', 15: 'WTP event resp', 16: 'Change state event req',
  17: 'Change state event resp', 22: 'Echo req', 23: 'Echo resp', 24: 'Image data req', 25: 'Image data resp', 26: 'Channel status req',
  27: 'Channel status resp', 30: 'Key update req', 31: 'Key update resp', 32: 'Primary discovery req', 33: 'Primary discovery resp',
  34: 'Data transfer req', 35: 'Data transfer resp', 36: 'Clear config ind', 37: 'Wlan config req', 38: 'Wlan config resp',
  39: 'Mobile config req', 40: 'Mobile config resp',
});

const frameKind = (v: number) => ((v & 0x04) >> 2 ? 'Control' : 'Data');
const flags = (v: number) => bittok2str(headerBits, 'none', v & 0x07);

/** The header's first words, or false after printing why the version is not decoded. */
function brief(nd: Dissector, version: number, len: number): boolean {
  if (version >> 6 !== 0) {
    nd.print('LWAPP version ' + (version >> 6) + ' packet not supported');
    return false;
  }
  if (nd.verbose < 1) {
    nd.print('LWAPPv0, ' + frameKind(version) + ' frame, Flags [' + flags(version) + '], length ' + len);
    return false;
  }
  return true;
}

export function lwappControlPrint(nd: Dissector, pptr: number, len: number, hasApIdent: boolean): void {
  nd.protocol = 'lwapp_control';
  let tptr = pptr;
  if (hasApIdent && !nd.has(tptr, 6)) return nd.printTrunc();
  const th = hasApIdent ? pptr + 6 : pptr;
  if (!nd.has(th, 6)) return nd.printTrunc();
  const version = nd.u8(th);
  if (!brief(nd, version, len)) return;
  let tlen = nd.u16(th + 2);
  nd.print('LWAPPv0, ' + frameKind(version) + ' frame, Radio-id ' + ((version & 0x38) >> 3) + ', Flags [' + flags(version) + '], Frag-id ' + nd.u8(th + 1) + ', length ' + tlen);
  if (hasApIdent) {
    nd.printBreak('\n\tAP identity: ' + nd.mac(tptr));
    tptr += 12;
  } else tptr += 6;
  while (tlen !== 0) {
    if (!nd.has(tptr, 8)) return nd.printTrunc();
    const msgLen = nd.u16(tptr + 2);
    if (tlen < 8 || tlen < 8 + msgLen) {
      nd.printBreak('\n\t  Msg goes past end of PDU');
      return;
    }
    const type = nd.u8(tptr);
    nd.printBreak('\n\t  Msg type: ' + tok2str(msgTypes, 'Unknown', type) + ' (' + type + '), Seqnum: ' + nd.u8(tptr + 1) + ', Msg len: ' + msgLen + ', Session: 0x' + hex(nd.u32(tptr + 4), 8));
    if (!nd.has(tptr, msgLen)) return nd.printTrunc();
    tptr += 8 + msgLen;
    tlen -= 8 + msgLen;
  }
}

export function lwappDataPrint(nd: Dissector, tptr: number, len: number): void {
  nd.protocol = 'lwapp_data';
  if (!nd.has(tptr, 6)) return nd.printTrunc();
  const version = nd.u8(tptr);
  if (!brief(nd, version, len)) return;
  let tlen = nd.u16(tptr + 2);
  const radio = (version & 0x38) >> 3;
  if (tlen < 6) {
    nd.print('LWAPPv0, ' + frameKind(version) + ' frame, Radio-id  ' + radio + ', Flags [' + flags(version) + '], length ' + tlen + ' < transport header length');
    return;
  }
  nd.print('LWAPPv0, ' + frameKind(version) + ' frame, Radio-id  ' + radio + ', Flags [' + flags(version) + '], Frag-id  ' + nd.u8(tptr + 1) + ', length ' + tlen);
  tlen -= 6;
  printUnknownData(nd, tptr + 6, '\n\t', tlen);
}

// udp.ts's control rule is both ports 12223: toward the controller the AP identity comes first.
udpPorts.register('lwapp-control', (nd, at, len) => lwappControlPrint(nd, at, len, nd.dstPort === 12223));
udpPorts.register('lwapp-data', lwappDataPrint);
