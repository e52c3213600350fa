import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';

/** AHCP, the ad-hoc configuration protocol (tcpdump's print-ahcp.c). */

const msgValues = tok({ 0: 'Discover', 1: 'Offer', 2: 'Request', 3: 'Ack', 4: 'Nack', 5: 'Release' });
const optValues = tok({
  0: 'Pad',
  1: 'Mandatory',
  2: 'Origin Time',
  3: 'Expires',
  4: 'My-IPv6-Address',
  5: 'My-IPv4-Address',
  6: 'IPv6 Prefix',
  7: 'IPv4 Prefix',
  8: 'IPv6 Address',
  9: 'IPv4 Address',
  10: 'IPv6 Prefix Delegation',
  11: 'IPv4 Prefix Delegation',
  12: 'Name Server',
  13: 'NTP Server',
});

/** tcpdump's "invalid:" exits: (invalid), then the rest must have been captured. */
function invalid(nd: Dissector, cp: number, len: number): void {
  nd.printInvalid();
  nd.need(cp, len);
}

function two(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function timePrint(nd: Dissector, cp: number, len: number): void {
  if (len !== 4) return invalid(nd, cp, len);
  const d = new Date(nd.u32(cp) * 1000);
  nd.print(
    ': ' +
      d.getUTCFullYear() +
      '-' +
      two(d.getUTCMonth() + 1) +
      '-' +
      two(d.getUTCDate()) +
      ' ' +
      two(d.getUTCHours()) +
      ':' +
      two(d.getUTCMinutes()) +
      ':' +
      two(d.getUTCSeconds()) +
      ' UTC',
  );
}

function secondsPrint(nd: Dissector, cp: number, len: number): void {
  if (len !== 4) return invalid(nd, cp, len);
  nd.print(': ' + nd.u32(cp) + 's');
}

/** A list of items of `size` bytes, each printed by item. */
function listPrint(nd: Dissector, cp: number, len: number, size: number, item: (at: number) => string): void {
  let sep = ': ';
  while (len) {
    if (len < size) return invalid(nd, cp, len);
    nd.print(sep + item(cp));
    cp += size;
    len -= size;
    sep = ', ';
  }
}

function valuePrint(nd: Dissector, no: number, cp: number, len: number): boolean {
  switch (no) {
    case 2:
      timePrint(nd, cp, len);
      return true;
    case 3:
      secondsPrint(nd, cp, len);
      return true;
    case 4:
    case 8:
    case 12:
    case 13:
      listPrint(nd, cp, len, 16, (at) => nd.ipv6(at));
      return true;
    case 5:
    case 9:
      listPrint(nd, cp, len, 4, (at) => nd.ipv4(at));
      return true;
    case 6:
    case 10:
      listPrint(nd, cp, len, 17, (at) => nd.ipv6(at) + '/' + nd.u8(at + 16));
      return true;
    case 11:
      listPrint(nd, cp, len, 5, (at) => nd.ipv4(at) + '/' + nd.u8(at + 4));
      return true;
  }
  return false;
}

function optionsPrint(nd: Dissector, cp: number, len: number): void {
  while (len) {
    const no = nd.u8(cp);
    cp += 1;
    len -= 1;
    nd.printBreak('\n\t ' + tok2str(optValues, 'Unknown-%u', no));
    if (no === 0 || no === 1) continue;
    if (!len) return invalid(nd, cp, len);
    const olen = nd.u8(cp);
    cp += 1;
    len -= 1;
    if (olen > len) return invalid(nd, cp, len);
    if (!valuePrint(nd, no, cp, olen)) {
      nd.print(' (Length ' + olen + ')');
      nd.need(cp, olen);
    }
    cp += olen;
    len -= olen;
  }
}

function bodyPrint(nd: Dissector, cp: number, len: number): void {
  if (len < 4) return invalid(nd, cp, len);
  const type = nd.u8(cp);
  const mbz = nd.u8(cp + 1);
  const bodyLen = nd.u16(cp + 2);
  cp += 4;
  len -= 4;
  if (nd.verbose) {
    nd.printBreak('\n\t' + tok2str(msgValues, 'Unknown-%u', type));
    if (mbz !== 0) nd.print(', MBZ ' + mbz);
    nd.print(', Length ' + bodyLen);
  }
  if (bodyLen > len) return invalid(nd, cp, len);
  if (nd.verbose >= 2) optionsPrint(nd, cp, bodyLen);
  else nd.need(cp, bodyLen);
}

export function ahcpPrint(nd: Dissector, cp: number, len: number): void {
  nd.protocol = 'ahcp';
  nd.print('AHCP');
  if (len < 2) return invalid(nd, cp, len);
  if (nd.u8(cp) !== 43) return invalid(nd, cp, len);
  cp += 1;
  len -= 1;
  const version = nd.u8(cp);
  cp += 1;
  len -= 1;
  if (version !== 1) {
    nd.print(' Version ' + version + ' (unknown)');
    nd.need(cp, len);
    return;
  }
  nd.print(' Version 1');
  if (len < 22) return invalid(nd, cp, len);
  if (!nd.verbose) {
    nd.need(cp, 22);
    cp += 22;
    len -= 22;
  } else {
    nd.printBreak('\n\tHopcount ' + nd.u8(cp));
    nd.print(', Original Hopcount ' + nd.u8(cp + 1));
    nd.print(', Nonce 0x' + hex(nd.u32(cp + 2), 8));
    nd.print(', Source Id ' + nd.linkAddr(cp + 6, 8));
    nd.print(', Destination Id ' + nd.linkAddr(cp + 14, 8));
    cp += 22;
    len -= 22;
  }
  bodyPrint(nd, cp, len);
}

udpPorts.register('ahcp', ahcpPrint);
