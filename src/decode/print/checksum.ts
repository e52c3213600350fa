import type { Dissector } from '../dissector.js';

/**
 * The Internet checksum as tcpdump computes it for -v (in_cksum.c, and the
 * pseudo-headers of nextproto4_cksum / nextproto6_cksum). Values are in network
 * order as numbers: 0 means the checksum verifies.
 */

/** One's-complement sum of len bytes from at (big-endian words), added to sum, not folded. */
function addBytes(nd: Dissector, at: number, len: number, sum: number): number {
  nd.need(at, len);
  const b = nd.buf;
  const end = at + (len & ~1);
  for (let i = at; i < end; i += 2) sum += (b[i] << 8) | b[i + 1];
  if (len & 1) sum += b[at + len - 1] << 8;
  return sum;
}

function fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** in_cksum over len captured bytes from at (the caller checked they were captured). */
export function inCksum(nd: Dissector, at: number, len: number, sum = 0): number {
  return ~fold(addBytes(nd, at, len, sum)) & 0xffff;
}

/** in_cksum_shouldbe: what the checksum field should have held, given its value and the computed sum. */
export function cksumShouldBe(field: number, computed: number): number {
  let s = field + computed;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s;
}

/** ip_finddst: the last hop of a strict or loose source route in the IPv4 options, else the destination. */
function ip4FindDst(nd: Dissector, ip: number): number {
  let length = (nd.u8(ip) & 15) * 4 - 20;
  let cp = ip + 20;
  if (length >= 0) {
    while (length !== 0) {
      if (!nd.has(cp, 1)) break;
      const tt = nd.u8(cp);
      let len: number;
      if (tt === 0) break;
      else if (tt === 1) len = 1;
      else {
        if (!nd.has(cp + 1, 1)) break;
        len = nd.u8(cp + 1);
        if (len < 2) break;
      }
      if (length < len || !nd.has(cp, len)) break;
      if ((tt === 0x89 || tt === 0x83) && len >= 7) return nd.u32(cp + len - 4);
      cp += len;
      length -= len;
    }
  }
  return nd.u32(ip + 16);
}

/** nextproto4_cksum: covlen bytes from at under the IPv4 pseudo-header (length len, protocol proto). */
export function nextproto4Cksum(nd: Dissector, ip: number, at: number, len: number, covlen: number, proto: number): number {
  const src = nd.u32(ip + 12);
  const dst = (nd.u8(ip) & 15) === 5 ? nd.u32(ip + 16) : ip4FindDst(nd, ip);
  let sum = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + proto + (len & 0xffff);
  sum = addBytes(nd, at, covlen, sum);
  return ~fold(sum) & 0xffff;
}

/** ip6_finddst: the final destination of a type 0/2/4 routing header, else the destination (offset of 16 bytes). */
function ip6FindDst(nd: Dissector, ip6: number): number {
  let cp = ip6;
  let advance = 40;
  let nh = nd.u8(ip6 + 6);
  let dst = ip6 + 24;
  while (cp < nd.snapend) {
    cp += advance;
    if (nh === 0 || nh === 60 || nh === 62 || nh === 135) {
      advance = (nd.u8(cp + 1) + 1) << 3;
      nh = nd.u8(cp);
    } else if (nh === 44) {
      advance = 8;
      nh = nd.u8(cp);
    } else if (nh === 43) {
      if (!nd.has(cp, 4)) break;
      let len = nd.u8(cp + 1);
      const type = nd.u8(cp + 2);
      if (type === 0 || type === 2) {
        if (len % 2 === 1) break;
        len >>= 1;
        let p = cp + 8;
        for (let i = 0; i < len; i++) {
          if (!nd.has(p, 16)) return dst;
          dst = p;
          p += 16;
        }
      } else if (type === 4) {
        if (len % 2 === 1) break;
        if (nd.has(cp + 8, 16)) dst = cp + 8;
      }
      break;
    } else break;
  }
  return dst;
}

/** nextproto6_cksum: covlen bytes from at under the IPv6 pseudo-header. */
export function nextproto6Cksum(nd: Dissector, ip6: number, at: number, len: number, covlen: number, proto: number): number {
  const nh = nd.u8(ip6 + 6);
  const dst = nh === 0 || nh === 60 || nh === 62 || nh === 135 || nh === 44 || nh === 43 ? ip6FindDst(nd, ip6) : ip6 + 24;
  let sum = addBytes(nd, ip6 + 8, 16, 0);
  sum = addBytes(nd, dst, 16, sum);
  sum += Math.floor(len / 0x10000) + (len & 0xffff) + proto;
  sum = addBytes(nd, at, covlen, sum);
  return ~fold(sum) & 0xffff;
}

/** The pseudo-header checksum of the IP version the transport is in (nd.ipAt / nd.ipVersion). */
export function nextprotoCksum(nd: Dissector, at: number, len: number, covlen: number, proto: number): number {
  return nd.ipVersion === 6 ? nextproto6Cksum(nd, nd.ipAt, at, len, covlen, proto) : nextproto4Cksum(nd, nd.ipAt, at, len, covlen, proto);
}
