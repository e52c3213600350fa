import { u16 } from './bytes.js';
import { decodeArp } from './arp.js';
import { decodeIpv4 } from './ipv4.js';
import { decodeIpv6 } from './ipv6.js';
import { cut, type Summary } from './summary.js';

const MAX_TAGS = 8;

function isVlanTpid(type: number): boolean {
  return type === 0x8100 || type === 0x88a8 || type === 0x9100;
}

/** Ethernet II / 802.3: off is the destination MAC; wire counts the frame's bytes on the wire. */
export function decodeEthernet(buf: Buffer, off: number, end: number, wire: number, s: Summary): void {
  if (off + 14 > end) {
    cut(s, 'ether');
    s.length = wire;
    return;
  }
  const type = u16(buf, off + 12);
  if (type <= 1500) {
    decodeLlc(buf, off + 14, end, wire - 14, s, type);
    return;
  }
  decodeEtherType(buf, off + 14, end, wire - 14, type, s);
}

/**
 * Everything after an ethertype (Ethernet, SLL, SLL2 share it): VLAN tags first,
 * then the network layer. Unknown types keep their number and the remaining length.
 */
export function decodeEtherType(buf: Buffer, off: number, end: number, wire: number, type: number, s: Summary): void {
  let tags = 0;
  while (isVlanTpid(type)) {
    if (off + 4 > end || tags === MAX_TAGS) {
      s.etherType = type;
      s.length = wire;
      if (tags === MAX_TAGS) s.malformed = 'too many VLAN tags';
      else cut(s, 'vlan');
      return;
    }
    if (s.vlanCount < s.vlanIds.length) s.vlanIds[s.vlanCount] = u16(buf, off) & 0x0fff;
    s.vlanCount++;
    tags++;
    type = u16(buf, off + 2);
    off += 4;
    wire -= 4;
  }
  s.etherType = type;
  if (type === 0x0800) decodeIpv4(buf, off, end, wire, s);
  else if (type === 0x86dd) decodeIpv6(buf, off, end, wire, s);
  else if (type === 0x0806) decodeArp(buf, off, end, wire, s);
  else if (type <= 1500 && tags > 0) decodeLlc(buf, off, end, wire, s, type);
  else {
    s.net = 'OTHER';
    s.length = wire > 0 ? wire : 0;
  }
}

/** An 802.3 frame (length instead of ethertype): name the LLC SAPs and stop. */
function decodeLlc(buf: Buffer, off: number, end: number, wire: number, s: Summary, lengthField: number): void {
  s.net = 'LLC';
  s.etherType = lengthField;
  s.length = wire > 0 ? wire : 0;
  if (off + 2 > end) {
    cut(s, 'llc');
    return;
  }
  s.llcDsap = buf[off];
  s.llcSsap = buf[off + 1];
}
