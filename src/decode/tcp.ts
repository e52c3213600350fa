import { u16, u32 } from './bytes.js';
import { cut, type Summary } from './summary.js';

/**
 * TCP as tcpdump's tcp_print reads it: ports as soon as 4 bytes are there, then the
 * data offset, then the rest of the fixed header. len is the segment length the IP
 * header claims; the printed length is the payload after the TCP header.
 */
export function decodeTcp(buf: Buffer, off: number, end: number, len: number, s: Summary): void {
  s.transport = 'TCP';
  if (off + 4 > end) {
    cut(s, 'tcp');
    return;
  }
  s.hasPorts = true;
  s.sport = u16(buf, off);
  s.dport = u16(buf, off + 2);
  if (off + 13 > end) {
    cut(s, 'tcp');
    return;
  }
  const hlen = (buf[off + 12] >> 4) * 4;
  if (hlen < 20) {
    s.malformed = 'bad hdr length ' + hlen + ' - too short';
    return;
  }
  if (hlen > len) {
    s.malformed = 'bad hdr length ' + hlen + ' - too long';
    return;
  }
  if (off + 20 > end) {
    cut(s, 'tcp');
    return;
  }
  s.seq = u32(buf, off + 4);
  s.ack = u32(buf, off + 8);
  s.tcpFlags = buf[off + 13];
  s.win = u16(buf, off + 14);
  s.urg = u16(buf, off + 18);
  s.length = len - hlen;
  if (off + hlen > end) cut(s, 'tcp');
}
