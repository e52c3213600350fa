import { ipv6Text } from './addr.js';
import { u16 } from './bytes.js';
import { decodeIpPayload } from './transport.js';
import { Ip6Ext, cut, type Summary } from './summary.js';

const MAX_EXT = 16;

/**
 * IPv6 and the common extension headers (hop-by-hop, routing, fragment, destination
 * options), walked until an upper layer or a header we do not know; a non-first
 * fragment stops the walk as in IPv4.
 */
export function decodeIpv6(buf: Buffer, off: number, end: number, wire: number, s: Summary): void {
  s.net = 'IP6';
  s.length = wire > 0 ? wire : 0;
  if (off + 40 > end) {
    cut(s, 'ip6');
    return;
  }
  if (buf[off] >> 4 !== 6) {
    s.malformed = 'bad version ' + (buf[off] >> 4);
    return;
  }
  s.src = ipv6Text(buf, off + 8);
  s.dst = ipv6Text(buf, off + 24);
  const plen = u16(buf, off + 4);
  // Zero: a jumbogram (RFC 2675) or TSO; the wire decides.
  let len = plen === 0 ? wire : plen + 40;
  if (len > wire) s.ipMissing = len - wire;
  const ipEnd = off + (len < wire ? len : wire);
  if (ipEnd < end) end = ipEnd;

  let nh = buf[off + 6];
  let p = off + 40;
  len -= 40;
  for (let i = 0; i < MAX_EXT; i++) {
    s.ipProto = nh;
    s.length = len;
    if (nh === 0 || nh === 43 || nh === 60) {
      if (p + 2 > end) {
        cut(s, nh === 0 ? 'hbh' : nh === 43 ? 'srcrt' : 'dstopt');
        return;
      }
      s.ip6Ext |= nh === 0 ? Ip6Ext.HBH : nh === 43 ? Ip6Ext.ROUTING : Ip6Ext.DSTOPT;
      const extLen = (buf[p + 1] + 1) * 8;
      nh = buf[p];
      p += extLen;
      len -= extLen;
    } else if (nh === 44) {
      if (p + 8 > end) {
        cut(s, 'frag');
        return;
      }
      s.ip6Ext |= Ip6Ext.FRAG;
      const fo = u16(buf, p + 2);
      s.fragOffset = fo & 0xfff8;
      s.moreFragments = (fo & 1) !== 0;
      s.isFragment = true;
      s.ipId = u16(buf, p + 4) * 0x10000 + u16(buf, p + 6);
      nh = buf[p];
      p += 8;
      len -= 8;
      if (s.fragOffset !== 0) {
        s.ipProto = nh;
        s.length = len;
        return;
      }
    } else {
      break;
    }
    if (len < 0) {
      s.malformed = 'extension headers beyond payload length';
      return;
    }
  }
  s.ipProto = nh;
  s.length = len;
  if (nh === 0 || nh === 43 || nh === 60 || nh === 44) {
    s.malformed = 'too many extension headers';
    return;
  }
  decodeIpPayload(buf, p, end, len, nh, true, s);
}
