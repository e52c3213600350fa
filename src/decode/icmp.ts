import { ipv4Text } from './addr.js';
import { u16 } from './bytes.js';
import { cut, type Summary } from './summary.js';

/** ICMP types whose body quotes the offending datagram's IP header. */
function quotesDatagram(type: number): boolean {
  return type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
}

/** ICMP (v4): type, code and whatever the brief line names for that type. */
export function decodeIcmp(buf: Buffer, off: number, end: number, len: number, s: Summary): void {
  s.transport = 'ICMP';
  s.length = len;
  if (off + 2 > end) {
    cut(s, 'icmp');
    return;
  }
  const type = buf[off];
  s.icmpType = type;
  s.icmpCode = buf[off + 1];
  if (type === 0 || type === 8 || (type >= 13 && type <= 18)) {
    if (off + 8 > end) {
      cut(s, 'icmp');
      return;
    }
    s.icmpId = u16(buf, off + 4);
    s.icmpSeq = u16(buf, off + 6);
    return;
  }
  if (!quotesDatagram(type)) return;
  if (off + 8 > end) {
    cut(s, 'icmp');
    return;
  }
  s.icmpValue = type === 12 ? buf[off + 4] : u16(buf, off + 6);
  if (type === 5) s.icmpGateway = ipv4Text(buf, off + 4);
  const ip = off + 8;
  if (ip + 20 > end) {
    cut(s, 'icmp');
    return;
  }
  s.icmpInnerProto = buf[ip + 9];
  s.icmpAddr = ipv4Text(buf, ip + 16);
  const ihl = (buf[ip] & 15) * 4;
  if (ihl >= 20 && ip + ihl + 4 <= end) s.icmpInnerPort = u16(buf, ip + ihl + 2);
  else if (type === 3 && s.icmpCode === 3) cut(s, 'icmp');
}
