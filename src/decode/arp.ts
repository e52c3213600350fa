import { ipv4Text, macText } from './addr.js';
import { u16 } from './bytes.js';
import { cut, type Summary } from './summary.js';

/**
 * ARP/RARP/InARP. Addresses are read only when the protocol is IPv4 with 4-byte
 * addresses; any hardware address length is accepted (tcpdump prints them all).
 */
export function decodeArp(buf: Buffer, off: number, end: number, wire: number, s: Summary): void {
  s.net = 'ARP';
  s.length = wire > 0 ? wire : 0;
  if (off + 8 > end) {
    cut(s, 'arp');
    return;
  }
  s.arpHrd = u16(buf, off);
  s.arpPro = u16(buf, off + 2);
  s.arpHln = buf[off + 4];
  s.arpPln = buf[off + 5];
  s.arpOp = u16(buf, off + 6);
  const hln = s.arpHln;
  const pln = s.arpPln;
  if (off + 8 + 2 * (hln + pln) > end) {
    cut(s, 'arp');
    return;
  }
  if (s.arpPro !== 0x0800 || pln !== 4) return;
  const sha = off + 8;
  const spa = sha + hln;
  const tha = spa + pln;
  const tpa = tha + hln;
  s.src = ipv4Text(buf, spa);
  s.dst = ipv4Text(buf, tpa);
  s.arpSenderHw = macText(buf, sha, hln);
  let zero = true;
  for (let i = 0; i < hln; i++) if (buf[tha + i] !== 0) zero = false;
  // tcpdump shows the target hardware address only when it is set.
  s.arpTargetHw = zero ? '' : macText(buf, tha, hln);
}
