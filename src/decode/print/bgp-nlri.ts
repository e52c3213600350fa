import { ipv4Text, ipv6Text } from '../addr.js';
import type { Dissector } from '../dissector.js';
import { hex, hex2, tok, tok2str } from '../text.js';

/**
 * BGP's NLRI encodings beyond plain prefixes (print-bgp.c): labeled and VPN prefixes,
 * route distinguishers, NSAPs, route-target membership, MDT, multicast VPN and layer-2
 * VPN routes. Each returns what tcpdump's decode_* returns (bytes read, or -1 invalid,
 * -2 cut short, -3 too long for the item) and the text it formats.
 */

export interface Nlri {
  n: number;
  text: string;
}

/** tcpdump formats these into a buffer of MAXHOSTNAMELEN + 100 bytes: longer text is cut there. */
const BUF_MAX = 163;

const cap = (s: string) => (s.length > BUF_MAX ? s.slice(0, BUF_MAX) : s);

const mvpnRouteTypes = tok({
  1: 'Intra-AS I-PMSI',
  2: 'Inter-AS I-PMSI',
  3: 'S-PMSI',
  4: 'Intra-AS Segment-Leaf',
  5: 'Source-Active',
  6: 'Shared Tree Join',
  7: 'Source Tree Join',
});

/** bgp_vpn_rd_print: an RFC 4364 route distinguisher. */
export function bgpRd(nd: Dissector, p: number): string {
  switch (nd.u16(p)) {
    case 0:
      return nd.u16(p + 2) + ':' + nd.u32(p + 4) + ' (= ' + nd.u8(p + 4) + '.' + nd.u8(p + 5) + '.' + nd.u8(p + 6) + '.' + nd.u8(p + 7) + ')';
    case 1:
      return nd.u8(p + 2) + '.' + nd.u8(p + 3) + '.' + nd.u8(p + 4) + '.' + nd.u8(p + 5) + ':' + nd.u16(p + 6);
    case 2:
      return nd.u32(p + 2) + ':' + nd.u16(p + 6) + ' (' + nd.u8(p + 2) + '.' + nd.u8(p + 3) + '.' + nd.u8(p + 4) + '.' + nd.u8(p + 5) + ':' + nd.u16(p + 6) + ')';
  }
  return 'unknown RD format';
}

/** isonsap_string of n bytes from at (plen >= 0: masked to plen bits as a prefix copy is). */
export function bgpNsap(nd: Dissector, at: number, n: number, plen: number): string {
  nd.need(at, n);
  if (n < 1 || n > 20) return 'isonsap_string: illegal length';
  let s = '';
  for (let i = 0; i < n; i++) {
    let b = nd.u8(at + i);
    if (plen >= 0 && plen % 8 && i === n - 1) b &= (0xff00 >> (plen % 8)) & 0xff;
    s += hex2(b);
    if ((i & 1) === 0 && i + 1 < n) s += '.';
  }
  return s;
}

const addr = Buffer.alloc(19);

/** The masked prefix of plen bits copied from at, as text of its kind (32: IPv4, 128: IPv6, 152: NSAP). */
function prefixText(nd: Dissector, at: number, plen: number, kind: number): string {
  const n = (plen + 7) >> 3;
  if (kind === 152) return bgpNsap(nd, at, n, plen);
  nd.need(at, n);
  addr.fill(0);
  nd.buf.copy(addr, 0, at, at + n);
  if (plen % 8) addr[n - 1] &= (0xff00 >> (plen % 8)) & 0xff;
  return kind === 32 ? ipv4Text(addr, 0) : ipv6Text(addr, 0);
}

function labelText(nd: Dissector, p: number): string {
  return 'label:' + (nd.u24(p + 1) >> 4) + ' ' + ((nd.u8(p + 3) & 1) === 0 ? '(BOGUS: Bottom of Stack NOT set!)' : '(bottom)');
}

/** decode_labeled_prefix4 / decode_labeled_prefix6. */
export function bgpLabeledPrefix(nd: Dissector, p: number, itemlen: number, max: number): Nlri {
  if (!nd.has(p, 4)) return { n: -2, text: '' };
  if (itemlen < 4) return { n: -3, text: '' };
  let plen = nd.u8(p);
  if (plen < 24) return { n: -1, text: '' };
  plen -= 24;
  if (plen > max) return { n: -1, text: '' };
  itemlen -= 4;
  const bytes = (plen + 7) >> 3;
  // Only the IPv4 form checks the item holds the prefix.
  if (max === 32 && itemlen < bytes) return { n: -3, text: '' };
  const text = prefixText(nd, p + 4, plen, max) + '/' + plen + ', ' + labelText(nd, p);
  return { n: 4 + bytes, text };
}

/** decode_labeled_vpn_prefix4 / 6 and decode_labeled_vpn_clnp_prefix. */
export function bgpVpnLabel(nd: Dissector, p: number, max: number): Nlri {
  let plen = nd.u8(p);
  if (plen < 88) return { n: -1, text: '' };
  plen -= 88;
  if (plen > max) return { n: -1, text: '' };
  const a = prefixText(nd, p + 12, plen, max);
  return { n: 12 + ((plen + 7) >> 3), text: 'RD: ' + bgpRd(nd, p + 4) + ', ' + a + '/' + plen + ', ' + labelText(nd, p) };
}

/** bgp_rt_prefix_print: a route-target membership prefix of plen bits (rt holds 8 bytes). */
function rtPrefixText(rt: Buffer, plen: number): string {
  if (plen === 0) return 'route-target: 0:0/0';
  const octets = (plen + 7) >> 3;
  let h = '';
  for (let i = 0; i < octets; i++) h += hex2(rt[i]) + (i % 2 === 1 && i < octets - 1 ? ' ' : '');
  if (plen < 16) return 'route-target: partial-type: (' + h + '/' + plen + ')';
  const type = rt.readUInt16BE(0);
  switch (type) {
    case 0x0002:
      return 'route-target: ' + rt.readUInt16BE(2) + ':' + rt.readUInt32BE(4) + '/' + plen + ' (' + h + ')';
    case 0x0102:
      return 'route-target: ' + rt[2] + '.' + rt[3] + '.' + rt[4] + '.' + rt[5] + ':' + rt.readUInt16BE(6) + '/' + plen + ' (' + h + ')';
    case 0x0202:
      return 'route-target: ' + rt.readUInt32BE(2) + ':' + rt.readUInt16BE(6) + '/' + plen + ' (' + h + ')';
  }
  return 'route target: unknown-type(' + hex(type, 4) + ') (' + h + '/' + plen + ')';
}

/** decode_rt_routing_info: prints its own line; bytes read or -1. */
export function rtRoutingInfo(nd: Dissector, p: number): number {
  let plen = nd.u8(p);
  if (plen === 0) {
    nd.printBreak('\n\t      default route target');
    return 1;
  }
  if (plen < 32) {
    nd.printBreak('\n\t      (illegal prefix length)');
    return -1;
  }
  const as = nd.u32(p + 1);
  plen -= 32;
  if (plen > 64) {
    nd.printBreak('\n\t      (illegal prefix length)');
    return -1;
  }
  const rt = Buffer.alloc(8);
  const n = (plen + 7) >> 3;
  nd.need(p + 5, n);
  nd.buf.copy(rt, 0, p + 5, p + 5 + n);
  if (plen % 8) rt[n - 1] &= (0xff00 >> (plen % 8)) & 0xff;
  nd.printBreak('\n\t      origin AS: ' + as + ', ' + rtPrefixText(rt, plen));
  return 5 + n;
}

/** decode_mdt_vpn_nlri. */
export function mdtVpn(nd: Dissector, p: number): Nlri {
  if (nd.u8(p) !== 128) return { n: -1, text: '' };
  p++;
  if (!nd.has(p, 8)) return { n: -2, text: '' };
  const text = 'RD: ' + bgpRd(nd, p) + ', VPN IP Address: ' + nd.ipv4(p + 8) + ', MC Group Address: ' + nd.ipv4(p + 12);
  return { n: 17, text };
}

/** bgp_vpn_ip_print: an address of addrLength bits. */
function vpnIp(nd: Dissector, p: number, addrLength: number): string {
  if (addrLength === 32) return nd.ipv4(p);
  if (addrLength === 128) return nd.ipv6(p);
  return 'bogus address length ' + addrLength;
}

/** bgp_vpn_sg_print: appends ", Source x, Group y" to out.text; the bytes it spans (as far as it got). */
function sgPrint(nd: Dissector, p: number, out: Nlri): number {
  let total = 0;
  let len = nd.u8(p);
  p++;
  if (!nd.has(p, len >> 3)) return total;
  total += (len >> 3) + 1;
  if (len) {
    out.text += ', Source ' + vpnIp(nd, p, len);
    p += len >> 3;
  }
  len = nd.u8(p);
  p++;
  if (!nd.has(p, len >> 3)) return total;
  total += (len >> 3) + 1;
  if (len) out.text += ', Group ' + vpnIp(nd, p, len);
  return total;
}

/** decode_multicast_vpn. */
export function multicastVpn(nd: Dissector, p: number): Nlri {
  const type = nd.u8(p);
  const rlen = nd.u8(p + 1);
  p += 2;
  const out: Nlri = { n: rlen + 2, text: 'Route-Type: ' + tok2str(mvpnRouteTypes, 'Unknown', type) + ' (' + type + '), length: ' + rlen };
  const trunc: Nlri = { n: -2, text: '' };
  switch (type) {
    case 1:
      if (!nd.has(p, 8)) return trunc;
      out.text += ', RD: ' + bgpRd(nd, p) + ', Originator ' + vpnIp(nd, p + 8, ((rlen - 8) << 3) >>> 0);
      break;
    case 2:
      if (!nd.has(p, 12)) return trunc;
      out.text += ', RD: ' + bgpRd(nd, p) + ', Source-AS ' + nd.u32(p + 8);
      break;
    case 3: {
      if (!nd.has(p, 8)) return trunc;
      out.text += ', RD: ' + bgpRd(nd, p);
      p += 8;
      const sg = sgPrint(nd, p, out);
      const alen = (rlen - sg) >>> 0;
      // tcpdump looks for the originator where the source/group pair starts.
      if (!nd.has(p, alen)) return trunc;
      out.text += ', Originator ' + vpnIp(nd, p, (alen << 3) >>> 0);
      break;
    }
    case 5:
      if (!nd.has(p, 8)) return trunc;
      out.text += ', RD: ' + bgpRd(nd, p);
      sgPrint(nd, p + 8, out);
      break;
    case 6:
    case 7:
      if (!nd.has(p, 12)) return trunc;
      out.text += ', RD: ' + bgpRd(nd, p) + ', Source-AS ' + nd.u32(p + 8);
      sgPrint(nd, p + 12, out);
      break;
  }
  out.text = cap(out.text);
  return out;
}

/** decode_labeled_vpn_l2: the text may hold "\n\t\t" breaks. */
export function labeledVpnL2(nd: Dissector, p: number): Nlri {
  const plen = nd.u16(p);
  let tlen = plen;
  p += 2;
  if (plen === 12) {
    if (!nd.has(p, 12)) return { n: -2, text: '' };
    return { n: plen + 2, text: cap('RD: ' + bgpRd(nd, p) + ', BGPNH: ' + nd.ipv4(p + 8)) };
  }
  if (plen <= 17) return { n: -2, text: '' };
  if (!nd.has(p, 15)) return { n: -2, text: '' };
  let s = 'RD: ' + bgpRd(nd, p) + ', CE-ID: ' + nd.u16(p + 8) + ', Label-Block Offset: ' + nd.u16(p + 10) + ', Label Base ' + (nd.u24(p + 12) >> 4);
  p += 15;
  tlen -= 15;
  const done = (): Nlri => ({ n: plen + 2, text: cap(s) });
  while (tlen !== 0) {
    if (tlen < 3) {
      s += '\n\t\tran past the end';
      return done();
    }
    const type = nd.u8(p);
    const bits = nd.u16(p + 1);
    let bytes = (bits + 7) >> 3;
    p += 3;
    if (type === 1) {
      s += '\n\t\tcircuit status vector (' + type + ') length: ' + bits + ': 0x';
      while (bytes !== 0) {
        if (tlen < 1) {
          s += ' (ran past the end)';
          return done();
        }
        if (!nd.has(p, 1)) return { n: -2, text: '' };
        // tcpdump stops reading (but not counting) once its buffer is full.
        if (s.length <= BUF_MAX) {
          s += hex2(nd.u8(p));
          p++;
        }
        bytes--;
        tlen--;
      }
    } else {
      s += '\n\t\tunknown TLV #' + type + ', length: ' + bits;
      if (tlen < bytes) {
        s += ' (ran past the end)';
        return done();
      }
      tlen -= bytes;
    }
  }
  return done();
}
