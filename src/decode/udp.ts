import { u16 } from './bytes.js';
import { cut, type Summary } from './summary.js';

/**
 * UDP as tcpdump's udp_print reads it: ports from 4 bytes, then the UDP length,
 * the smaller of it and the IP payload length being what is printed.
 */
export function decodeUdp(buf: Buffer, off: number, end: number, len: number, s: Summary): void {
  s.transport = 'UDP';
  if (off + 4 > end) {
    cut(s, 'udp');
    return;
  }
  s.hasPorts = true;
  s.sport = u16(buf, off);
  s.dport = u16(buf, off + 2);
  if (len < 8) {
    s.malformed = 'truncated-udp ' + len;
    return;
  }
  if (off + 6 > end) {
    cut(s, 'udp');
    return;
  }
  let ulen = u16(buf, off + 4);
  // RFC 2675 jumbograms carry 0 and leave the length to IPv6.
  if (ulen === 0 && len > 65535) ulen = len;
  if (ulen < 8) {
    s.malformed = 'truncated-udplength ' + ulen;
    return;
  }
  s.length = ulen - 8 < len - 8 ? ulen - 8 : len - 8;
}
