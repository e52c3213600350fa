import { ipv6Text } from './addr.js';
import { u16, u32 } from './bytes.js';
import { cut, type Summary } from './summary.js';

/** ICMPv6: type, code and the address or value the brief line names for that type. */
export function decodeIcmp6(buf: Buffer, off: number, end: number, len: number, s: Summary): void {
  s.transport = 'ICMP6';
  s.length = len;
  if (off + 2 > end) {
    cut(s, 'icmp6');
    return;
  }
  const type = buf[off];
  s.icmpType = type;
  s.icmpCode = buf[off + 1];
  if (type === 128 || type === 129) {
    if (off + 8 > end) {
      cut(s, 'icmp6');
      return;
    }
    s.icmpId = u16(buf, off + 4);
    s.icmpSeq = u16(buf, off + 6);
  } else if (type === 135 || type === 136 || type === 137) {
    // Neighbor solicitation/advertisement and redirect: the target follows 4 reserved bytes.
    if (off + 24 > end) {
      cut(s, 'icmp6');
      return;
    }
    if (type !== 137) {
      s.icmpAddr = ipv6Text(buf, off + 8);
    } else if (off + 40 > end) {
      cut(s, 'icmp6');
    } else {
      s.icmpGateway = ipv6Text(buf, off + 8);
      s.icmpAddr = ipv6Text(buf, off + 24);
    }
  } else if (type >= 1 && type <= 4) {
    if (off + 8 > end) {
      cut(s, 'icmp6');
      return;
    }
    s.icmpValue = u32(buf, off + 4);
    const ip = off + 8;
    if (ip + 40 > end) return;
    s.icmpAddr = ipv6Text(buf, ip + 24);
    const nh = buf[ip + 6];
    s.icmpInnerProto = nh;
    if ((nh === 6 || nh === 17) && ip + 44 <= end) s.icmpInnerPort = u16(buf, ip + 42);
  }
}
