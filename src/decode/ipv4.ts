import { ipv4Text } from './addr.js';
import { u16 } from './bytes.js';
import { decodeIpPayload } from './transport.js';
import { cut, type Summary } from './summary.js';

/**
 * IPv4 as tcpdump's ip_print reads it: the total length bounds what the transport
 * may read (bytes after it are link padding), a zero total length is taken for a
 * TSO send of the whole frame, and a non-first fragment is not decoded further.
 */
export function decodeIpv4(buf: Buffer, off: number, end: number, wire: number, s: Summary): void {
  s.net = 'IP';
  s.length = wire > 0 ? wire : 0;
  if (off + 20 > end) {
    cut(s, 'ip');
    return;
  }
  const vhl = buf[off];
  if (vhl >> 4 !== 4) {
    s.malformed = vhl >> 4 === 6 ? 'wrong link-layer encapsulation (version 6)' : 'bad version ' + (vhl >> 4);
    return;
  }
  const hlen = (vhl & 15) * 4;
  if (hlen < 20) {
    s.malformed = 'bad-hlen ' + hlen;
    return;
  }
  s.src = ipv4Text(buf, off + 12);
  s.dst = ipv4Text(buf, off + 16);
  s.ipProto = buf[off + 9];
  s.ipId = u16(buf, off + 4);
  const frag = u16(buf, off + 6);
  s.fragOffset = (frag & 0x1fff) * 8;
  s.moreFragments = (frag & 0x2000) !== 0;
  s.isFragment = s.fragOffset !== 0 || s.moreFragments;

  let len = u16(buf, off + 2);
  if (len === 0) len = wire;
  else if (len < hlen) {
    s.malformed = 'bad-len ' + len;
    return;
  }
  if (len > wire) s.ipMissing = len - wire;
  const ipEnd = off + (len < wire ? len : wire);
  const payloadEnd = ipEnd < end ? ipEnd : end;
  s.length = len - hlen;
  if (s.fragOffset !== 0) return;
  decodeIpPayload(buf, off + hlen, payloadEnd, len - hlen, s.ipProto, false, s);
}
