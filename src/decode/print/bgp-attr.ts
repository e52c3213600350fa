import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { bittok2str, hex, hex2, tok, tok2str } from '../text.js';
import { AFNUM_INET, AFNUM_INET6, afValues, l2vpnEncapsValues } from './af.js';
import { bgpLabeledPrefix, bgpNsap, bgpRd, bgpVpnLabel, labeledVpnL2, mdtVpn, multicastVpn, rtRoutingInfo } from './bgp-nlri.js';
import { decodePrefix4, decodePrefix6, prefix } from './prefix.js';
import { mbps, toks } from './strings.js';

/** BGP path attributes and the multiprotocol NLRI they carry (print-bgp.c's bgp_attr_print and helpers). */

const AFNUM_NSAP = 3;
const AFNUM_L2VPN = 196;
const AFNUM_VPLS = 25;

export const attrValues = tok({
  1: 'Origin',
  2: 'AS Path',
  17: 'AS4 Path',
  3: 'Next Hop',
  4: 'Multi Exit Discriminator',
  5: 'Local Preference',
  6: 'Atomic Aggregate',
  7: 'Aggregator',
  18: 'Aggregator4',
  8: 'Community',
  9: 'Originator ID',
  10: 'Cluster List',
  11: 'DPA',
  12: 'Advertisers',
  13: 'RCID Path / Cluster ID',
  14: 'Multi-Protocol Reach NLRI',
  15: 'Multi-Protocol Unreach NLRI',
  16: 'Extended Community',
  22: 'PMSI Tunnel',
  23: 'Tunnel Encapsulation',
  24: 'Traffic Engineering',
  25: 'IPv6 Extended Community',
  26: 'Accumulated IGP Metric',
  27: 'PE Distinguisher Label',
  28: 'Entropy Label',
  32: 'Large Community',
  128: 'Attribute Set',
  255: 'Reserved for development',
});
const segOpen = tok({ 2: '', 1: '{ ', 3: '( ', 4: '({ ' });
const segClose = tok({ 2: '', 1: '}', 3: ')', 4: '})' });
const originValues = tok({ 0: 'IGP', 1: 'EGP', 2: 'Incomplete' });
const pmsiTunnelValues = tok({
  1: 'RSVP-TE P2MP LSP',
  2: 'LDP P2MP LSP',
  3: 'PIM-SSM Tree',
  4: 'PIM-SM Tree',
  5: 'PIM-Bidir Tree',
  6: 'Ingress Replication',
  7: 'LDP MP2MP LSP',
});
const pmsiFlagValues = tok({ 0x01: 'Leaf Information required' });
const aigpValues = tok({ 1: 'AIGP' });
export const safiValues = tok({
  0: 'Reserved',
  1: 'Unicast',
  2: 'Multicast',
  3: 'Unicast+Multicast',
  4: 'labeled Unicast',
  64: 'Tunnel',
  65: 'VPLS',
  66: 'MDT',
  70: 'EVPN',
  128: 'labeled VPN Unicast',
  129: 'labeled VPN Multicast',
  130: 'labeled VPN Unicast+Multicast',
  132: 'Route Target Routing Information',
  5: 'Multicast VPN',
});
const extdCommFlagValues = toks([
  [0x8000, 'vendor-specific'],
  [0x4000, 'non-transitive'],
]);
const extdCommSubtypeValues = tok({
  0x0002: 'target',
  0x0102: 'target',
  0x0202: 'target',
  0x0003: 'origin',
  0x0103: 'origin',
  0x0203: 'origin',
  0x4004: 'link-BW',
  0x0005: 'ospf-domain',
  0x0105: 'ospf-domain',
  0x0205: 'ospf-domain',
  0x8005: 'ospf-domain',
  0x0306: 'ospf-route-type',
  0x8000: 'ospf-route-type',
  0x030c: 'encapsulation',
  0x0107: 'ospf-router-id',
  0x8001: 'ospf-router-id',
  0x800a: 'layer2-info',
  0x8800: 'eigrp-general-route (flag, tag)',
  0x8801: 'eigrp-route-metric (AS, delay)',
  0x8802: 'eigrp-route-metric (reliability, nexthop, bandwidth)',
  0x8803: 'eigrp-route-metric (load, MTU)',
  0x8804: 'eigrp-external-route (remote-AS, remote-ID)',
  0x8805: 'eigrp-external-route (remote-proto, remote-metric)',
  0x0009: 'source-AS',
  0x010b: 'vrf-route-import',
  0x000a: 'l2vpn-id',
  0xf10a: 'l2vpn-id',
});
const encapTunnelValues = tok({
  1: 'L2TPv3 over IP',
  2: 'GRE',
  3: 'Transmit Tunnel',
  4: 'IPsec',
  5: 'IP in IP with IPsec',
  6: 'MPLS in IP with IPsec',
  7: 'IP in IP',
  8: 'VXLAN',
  9: 'NVGRE',
  10: 'MPLS',
  11: 'MPLS in GRE',
  12: 'VXLAN GPE',
  13: 'MPLS in UDP',
  14: 'IPv6',
  15: 'SR TE',
  16: 'Bare',
  17: 'SR',
});
const ospfRtypeValues = tok({ 1: 'Router', 2: 'Network', 3: 'Summary', 5: 'External', 7: 'NSSA External', 129: 'MPLS-VPN Sham' });

const afsafi = (af: number, safi: number) => ((af << 8) | safi) >>> 0;
const A = (af: number, ...safis: number[]) => safis.map((s) => afsafi(af, s));

/** AFI/SAFI pairs tcpdump decodes the NLRI of. */
const decodable = new Set<number>([
  ...A(AFNUM_INET, 1, 2, 3, 4, 132, 128, 129, 130, 5, 66),
  ...A(AFNUM_INET6, 1, 2, 3, 4, 128, 129, 130),
  ...A(AFNUM_NSAP, 1, 2, 3, 128, 129, 130),
  ...A(AFNUM_L2VPN, 128, 129, 130),
  afsafi(AFNUM_VPLS, 65),
]);

/** bgp_mp_af_print: 0 when the pair is decodable, -1 when not (its data dumped), -2 when cut short. */
function mpAfPrint(nd: Dissector, tptr: number, tlen: number, out: { af: number; safi: number }): number {
  const af = nd.u16(tptr);
  const safi = nd.u8(tptr + 2);
  out.af = af;
  out.safi = safi;
  nd.printBreak(
    '\n\t    AFI: ' +
      tok2str(afValues, 'Unknown AFI', af) +
      ' (' +
      af +
      '), ' +
      (safi > 128 ? 'vendor specific ' : '') +
      'SAFI: ' +
      tok2str(safiValues, 'Unknown SAFI', safi) +
      ' (' +
      safi +
      ')',
  );
  if (decodable.has(afsafi(af, safi))) return 0;
  if (!nd.has(tptr, tlen)) return -2;
  nd.printBreak('\n\t    no AFI ' + af + ' / SAFI ' + safi + ' decoder');
  if (nd.verbose <= 1) printUnknownData(nd, tptr, '\n\t    ', tlen);
  return -1;
}

/** bgp_attr_get_as_size: 2 when the path parses with 2-byte AS numbers, else 4. */
function asSize(nd: Dissector, type: number, pptr: number, len: number): number {
  if (type === 17) return 4;
  let t = pptr;
  while (t < pptr + len) {
    if (!nd.has(t, 1)) return 4;
    const seg = nd.u8(t);
    if (seg < 1 || seg > 4) return 4;
    if (!nd.has(t + 1, 1)) return 4;
    t += 2 + nd.u8(t + 1) * 2;
  }
  return t === pptr + len ? 2 : 4;
}

/** check_add_path: whether the NLRI reads better with 4-byte path identifiers before each prefix. */
export function checkAddPath(nd: Dissector, pptr: number, length: number, maxPlen: number): boolean {
  if (length < 5) return false;
  let offset = 0;
  while (offset < length) {
    offset += 4;
    if (!nd.has(pptr + offset, 1)) break;
    const plen = nd.u8(pptr + offset);
    if (plen > maxPlen) return false;
    offset += 1 + ((plen + 7) >> 3);
  }
  if (offset > length) return false;
  for (offset = 0; offset < length; ) {
    if (!nd.has(pptr + offset, 1)) break;
    const plen = nd.u8(pptr + offset);
    if (plen < 1 || plen > maxPlen) return true;
    offset += 1 + ((plen + 7) >> 3);
  }
  return offset > length;
}

function extendedCommunityPrint(nd: Dissector, p: number): void {
  switch (nd.u16(p)) {
    case 0x0002:
    case 0x0003:
    case 0x000a:
      nd.print(nd.u16(p + 2) + ':' + nd.u32(p + 4) + ' (= ' + nd.ipv4(p + 4) + ')');
      break;
    case 0x0102:
    case 0x0103:
    case 0xf10a:
    case 0x010b:
      nd.print(nd.ipv4(p + 2) + ':' + nd.u16(p + 6));
      break;
    case 0x0202:
    case 0x0203:
      nd.print(nd.u32(p + 2) + ':' + nd.u16(p + 6));
      break;
    case 0x4004:
      nd.print('bandwidth: ' + mbps(nd.u32(p + 4)) + ' Mbps');
      break;
    case 0x0005:
    case 0x0105:
    case 0x0205:
    case 0x8005:
    case 0x0107:
    case 0x8001:
      nd.print(nd.ipv4(p + 2));
      break;
    case 0x0306:
    case 0x8000: {
      const rt = nd.u8(p + 6);
      nd.print(
        'area:' +
          nd.ipv4(p + 2) +
          ', router-type:' +
          tok2str(ospfRtypeValues, 'unknown (0x%02x)', rt) +
          ', metric-type:' +
          (nd.u8(p + 7) & 1 ? 'E2' : '') +
          (rt === 5 || rt === 7 ? 'E1' : ''),
      );
      break;
    }
    case 0x800a:
      nd.print(tok2str(l2vpnEncapsValues, 'unknown encaps', nd.u8(p + 2)) + ' Control Flags [0x' + hex(nd.u8(p + 3), 2) + ']:MTU ' + nd.u16(p + 4));
      break;
    case 0x0009:
      nd.print('AS ' + nd.u16(p + 2));
      break;
    case 0x030c:
      nd.print('Tunnel type: ' + tok2str(encapTunnelValues, 'unknown encaps', nd.u16(p + 6)));
      break;
    default: {
      let s = '';
      for (let i = 2; i < 8; i++) s += hex2(nd.u8(p + i));
      nd.print(s);
    }
  }
}

/** tcpdump's attribute flag letters: ", Flags [OTPE+x" (the caller closes the bracket). */
export function flagsText(aflags: number): string {
  return ', Flags [' + (aflags & 0x80 ? 'O' : '') + (aflags & 0x40 ? 'T' : '') + (aflags & 0x20 ? 'P' : '') + (aflags & 0x10 ? 'E' : '') + (aflags & 0xf ? '+' + hex(aflags & 0xf) : '');
}

/** One NLRI entry of an MP attribute: bytes read, -1 invalid, -2 cut short, -4 no decoder. */
function nlriPrint(nd: Dissector, af: number, safi: number, tptr: number, len: number, addPath4: boolean, addPath6: boolean): number {
  const pair = afsafi(af, safi);
  let advance: number;
  const illegal = (what = 'prefix length') => nd.printBreak('\n\t    (illegal ' + what + ')');
  const show = (s: string) => nd.printBreak('\n\t      ' + s);
  switch (pair) {
    case afsafi(AFNUM_INET, 1):
    case afsafi(AFNUM_INET, 2):
    case afsafi(AFNUM_INET, 3):
    case afsafi(AFNUM_INET6, 1):
    case afsafi(AFNUM_INET6, 2):
    case afsafi(AFNUM_INET6, 3): {
      const v6 = af === AFNUM_INET6;
      const addPath = v6 ? addPath6 : addPath4;
      let pathId = 0;
      if (addPath) {
        pathId = nd.u32(tptr);
        tptr += 4;
      }
      advance = v6 ? decodePrefix6(nd, tptr, len) : decodePrefix4(nd, tptr, len);
      if (advance === -1) illegal();
      else if (advance === -2) return advance;
      else show(prefix.text);
      if (addPath) {
        nd.print('   Path Id: ' + pathId);
        advance += 4;
      }
      return advance;
    }
    case afsafi(AFNUM_INET, 4):
    case afsafi(AFNUM_INET6, 4): {
      const r = bgpLabeledPrefix(nd, tptr, len, af === AFNUM_INET6 ? 128 : 32);
      if (r.n === -1) illegal();
      else if (r.n === -2) return -2;
      else if (r.n === -3) return -3;
      else show(r.text);
      return r.n;
    }
    case afsafi(AFNUM_INET, 128):
    case afsafi(AFNUM_INET, 129):
    case afsafi(AFNUM_INET, 130):
    case afsafi(AFNUM_INET6, 128):
    case afsafi(AFNUM_INET6, 129):
    case afsafi(AFNUM_INET6, 130):
    case afsafi(AFNUM_NSAP, 128):
    case afsafi(AFNUM_NSAP, 129):
    case afsafi(AFNUM_NSAP, 130): {
      const r = bgpVpnLabel(nd, tptr, af === AFNUM_INET ? 32 : af === AFNUM_INET6 ? 128 : 152);
      if (r.n === -1) illegal();
      else show(r.text);
      return r.n;
    }
    case afsafi(AFNUM_INET, 132):
      return rtRoutingInfo(nd, tptr);
    case afsafi(AFNUM_INET, 5):
    case afsafi(AFNUM_INET6, 5): {
      const r = multicastVpn(nd, tptr);
      if (r.n === -1) illegal();
      else if (r.n === -2) return -2;
      else show(r.text);
      return r.n;
    }
    case afsafi(AFNUM_INET, 66): {
      const r = mdtVpn(nd, tptr);
      if (r.n === -1) illegal();
      else if (r.n === -2) return -2;
      else show(r.text);
      return r.n;
    }
    case afsafi(AFNUM_VPLS, 65):
    case afsafi(AFNUM_L2VPN, 128):
    case afsafi(AFNUM_L2VPN, 129):
    case afsafi(AFNUM_L2VPN, 130): {
      const r = labeledVpnL2(nd, tptr);
      if (r.n === -1) illegal('length');
      else if (r.n === -2) return -2;
      else printLinesCapped(nd, '\n\t      ' + r.text);
      return r.n;
    }
    case afsafi(AFNUM_NSAP, 1):
    case afsafi(AFNUM_NSAP, 2):
    case afsafi(AFNUM_NSAP, 3): {
      const plen = nd.u8(tptr);
      if (plen > 152) {
        illegal();
        return -1;
      }
      // tcpdump copies the address from 4 bytes in, where the labeled form has it.
      const n = (plen + 7) >> 3;
      const text = bgpNsap(nd, tptr + 4, n, plen);
      show(text + '/' + plen);
      return 1 + n;
    }
  }
  nd.printBreak('\n\t    ERROR: no AFI ' + af + ' / SAFI ' + safi + ' decoder');
  return -4;
}

/** A buffer text holding "\n\t" breaks, printed as lines. */
function printLinesCapped(nd: Dissector, s: string): void {
  const parts = s.split('\n');
  nd.print(parts[0]);
  for (let i = 1; i < parts.length; i++) {
    nd.newline();
    nd.print(parts[i]);
  }
}

function mpNexthopPrint(nd: Dissector, af: number, safi: number, st: { tptr: number; tlen: number }, nhlen: number): boolean {
  let tn = nhlen;
  let nnh = 0;
  nd.printBreak('\n\t    nexthop: ');
  const invalid = () => {
    nd.print('invalid len');
    st.tptr += tn;
    st.tlen -= tn;
    tn = 0;
  };
  const take = (n: number) => {
    st.tptr += n;
    st.tlen -= n;
    tn -= n;
  };
  while (tn !== 0) {
    if (nnh++ > 0) nd.print(', ');
    switch (afsafi(af, safi)) {
      case afsafi(AFNUM_INET, 1):
      case afsafi(AFNUM_INET, 2):
      case afsafi(AFNUM_INET, 3):
      case afsafi(AFNUM_INET, 4):
      case afsafi(AFNUM_INET, 132):
      case afsafi(AFNUM_INET, 5):
      case afsafi(AFNUM_INET, 66):
      case afsafi(AFNUM_VPLS, 65):
      case afsafi(AFNUM_L2VPN, 128):
      case afsafi(AFNUM_L2VPN, 129):
      case afsafi(AFNUM_L2VPN, 130):
        if (tn < 4) invalid();
        else {
          nd.print(nd.ipv4(st.tptr));
          take(4);
        }
        break;
      case afsafi(AFNUM_INET, 128):
      case afsafi(AFNUM_INET, 129):
      case afsafi(AFNUM_INET, 130):
        if (tn < 12) invalid();
        else {
          nd.print('RD: ' + bgpRd(nd, st.tptr) + ', ' + nd.ipv4(st.tptr + 8));
          take(12);
        }
        break;
      case afsafi(AFNUM_INET6, 1):
      case afsafi(AFNUM_INET6, 2):
      case afsafi(AFNUM_INET6, 3):
      case afsafi(AFNUM_INET6, 4):
        if (tn < 16) invalid();
        else {
          nd.print(nd.ipv6(st.tptr));
          take(16);
        }
        break;
      case afsafi(AFNUM_INET6, 128):
      case afsafi(AFNUM_INET6, 129):
      case afsafi(AFNUM_INET6, 130):
        if (tn < 24) invalid();
        else {
          nd.print('RD: ' + bgpRd(nd, st.tptr) + ', ' + nd.ipv6(st.tptr + 8));
          take(24);
        }
        break;
      case afsafi(AFNUM_NSAP, 1):
      case afsafi(AFNUM_NSAP, 2):
      case afsafi(AFNUM_NSAP, 3):
        nd.need(st.tptr, tn);
        nd.print(bgpNsap(nd, st.tptr, tn, -1));
        take(tn);
        break;
      case afsafi(AFNUM_NSAP, 128):
      case afsafi(AFNUM_NSAP, 129):
      case afsafi(AFNUM_NSAP, 130):
        if (tn < 9) invalid();
        else {
          nd.need(st.tptr, tn);
          nd.print('RD: ' + bgpRd(nd, st.tptr) + ', ' + bgpNsap(nd, st.tptr + 8, tn - 8, -1));
          if (nd.u32(st.tptr + 8) === 0x47000601) nd.print(' = ' + nd.ipv4(st.tptr + 12));
          else if (nd.u24(st.tptr + 8) === 0x350000) nd.print(' = ' + nd.ipv6(st.tptr + 11));
          take(tn);
        }
        break;
      default:
        nd.print('ERROR: no AFI ' + af + '/SAFI ' + safi + ' nexthop decoder');
        st.tptr += tn;
        st.tlen -= tn;
        return false;
    }
  }
  return true;
}

const mp = { af: 0, safi: 0 };

/** One path attribute's value: false when cut short (the caller prints the truncation). */
export function attrPrint(nd: Dissector, atype: number, pptr: number, len: number, level: number): boolean {
  let tptr = pptr;
  let tlen = len;
  doneCheck: switch (atype) {
    case 1:
      nd.print(len !== 1 ? 'invalid len' : tok2str(originValues, 'Unknown Origin Typecode', nd.u8(tptr)));
      break;
    case 17:
    case 2: {
      if (len % 2) {
        nd.print('invalid len');
        break;
      }
      if (!len) {
        nd.print('empty');
        break;
      }
      const size = asSize(nd, atype, pptr, len);
      while (tptr < pptr + len) {
        nd.print(tok2str(segOpen, '?', nd.u8(tptr)));
        for (let i = 0; i < nd.u8(tptr + 1) * size; i += size) {
          if (!nd.has(tptr + 2 + i, size)) return false;
          nd.print((size === 2 ? nd.u16(tptr + i + 2) : nd.u32(tptr + i + 2)) + ' ');
        }
        nd.print(tok2str(segClose, '?', nd.u8(tptr)));
        tptr += 2 + nd.u8(tptr + 1) * size;
      }
      break;
    }
    case 3:
    case 9:
      nd.print(len !== 4 ? 'invalid len' : nd.ipv4(tptr));
      break;
    case 4:
    case 5:
      nd.print(len !== 4 ? 'invalid len' : String(nd.u32(tptr)));
      break;
    case 6:
      if (len !== 0) nd.print('invalid len');
      break;
    case 7:
      if (len !== 6 && len !== 8) {
        nd.print('invalid len');
        break;
      }
      if (!nd.has(tptr, len)) return false;
      if (len === 6) nd.print(' AS #' + nd.u16(tptr) + ', origin ' + nd.ipv4(tptr + 2));
      else nd.print(' AS #' + nd.u32(tptr) + ', origin ' + nd.ipv4(tptr + 4));
      break;
    case 18:
      if (len !== 8) {
        nd.print('invalid len');
        break;
      }
      nd.print(' AS #' + nd.u32(tptr) + ', origin ' + nd.ipv4(tptr + 4));
      break;
    case 8:
      if (len % 4) {
        nd.print('invalid len');
        break;
      }
      while (tlen !== 0) {
        if (!nd.has(tptr, 4)) return false;
        if (tlen < 4) return false;
        const comm = nd.u32(tptr);
        if (comm === 0xffffff01) nd.print(' NO_EXPORT');
        else if (comm === 0xffffff02) nd.print(' NO_ADVERTISE');
        else if (comm === 0xffffff03) nd.print(' NO_EXPORT_SUBCONFED');
        else nd.print((comm >>> 16) + ':' + (comm & 0xffff) + (tlen > 4 ? ', ' : ''));
        tlen -= 4;
        tptr += 4;
      }
      break;
    case 10:
      if (len % 4) {
        nd.print('invalid len');
        break;
      }
      while (tlen !== 0) {
        if (tlen < 4) return false;
        nd.print(nd.ipv4(tptr) + (tlen > 4 ? ', ' : ''));
        tlen -= 4;
        tptr += 4;
      }
      break;
    case 14: {
      if (!nd.has(tptr, 3)) return false;
      if (tlen < 3) return false;
      const ret = mpAfPrint(nd, tptr, tlen, mp);
      if (ret === -2) return false;
      if (ret < 0) break;
      const { af, safi } = mp;
      tptr += 3;
      tlen -= 3;
      if (!nd.has(tptr, 1)) return false;
      if (tlen < 1) return false;
      const nhlen = nd.u8(tptr);
      tptr++;
      tlen--;
      if (nhlen) {
        if (tlen < nhlen) return false;
        const st = { tptr, tlen };
        const ok = mpNexthopPrint(nd, af, safi, st, nhlen);
        tptr = st.tptr;
        tlen = st.tlen;
        if (!ok) break doneCheck;
      }
      nd.print(', nh-length: ' + nhlen);
      if (tlen < 1) return false;
      let snpa = nd.u8(tptr);
      tptr++;
      tlen--;
      if (snpa) {
        nd.printBreak('\n\t    ' + snpa + ' SNPA');
        for (; snpa !== 0; snpa--) {
          if (tlen < 1) return false;
          const snpalen = nd.u8(tptr);
          nd.printBreak('\n\t      ' + snpalen + ' bytes');
          tptr++;
          tlen--;
          if (tlen < snpalen) return false;
          if (!nd.has(tptr, snpalen)) return false;
          tptr += snpalen;
          tlen -= snpalen;
        }
      } else nd.print(', no SNPA');
      if (!nlriList(nd, af, safi, tptr, pptr, len)) return false;
      break;
    }
    case 15: {
      if (!nd.has(tptr, 3)) return false;
      const ret = mpAfPrint(nd, tptr, tlen, mp);
      if (ret === -2) return false;
      if (ret < 0) break;
      if (len === 3) nd.printBreak('\n\t      End-of-Rib Marker (empty NLRI)');
      tptr += 3;
      if (!nlriList(nd, mp.af, mp.safi, tptr, pptr, len)) return false;
      break;
    }
    case 16:
      if (len % 8) {
        nd.print('invalid len');
        break;
      }
      while (tlen !== 0) {
        if (!nd.has(tptr, 2)) return false;
        if (tlen < 2) return false;
        const ec = nd.u16(tptr);
        nd.printBreak(
          '\n\t    ' + tok2str(extdCommSubtypeValues, 'unknown extd community typecode', ec) + ' (0x' + hex(ec, 4) + '), Flags [' + bittok2str(extdCommFlagValues, 'none', ec) + ']',
        );
        if (!nd.has(tptr, 8)) return false;
        if (tlen < 8) return false;
        nd.print(': ');
        extendedCommunityPrint(nd, tptr);
        tlen -= 8;
        tptr += 8;
      }
      break;
    case 22: {
      if (!nd.has(tptr, 5)) return false;
      if (tlen < 5) return false;
      const flags = nd.u8(tptr);
      const type = nd.u8(tptr + 1);
      nd.printBreak(
        '\n\t    Tunnel-type ' + tok2str(pmsiTunnelValues, 'Unknown', type) + ' (' + type + '), Flags [' + bittok2str(pmsiFlagValues, 'none', flags) + '], MPLS Label ' + (nd.u24(tptr + 2) >> 4),
      );
      tptr += 5;
      tlen -= 5;
      switch (type) {
        case 4:
        case 5:
          nd.printBreak('\n\t      Sender ' + nd.ipv4(tptr) + ', P-Group ' + nd.ipv4(tptr + 4));
          break;
        case 3:
          nd.printBreak('\n\t      Root-Node ' + nd.ipv4(tptr) + ', P-Group ' + nd.ipv4(tptr + 4));
          break;
        case 6:
          nd.printBreak('\n\t      Tunnel-Endpoint ' + nd.ipv4(tptr));
          break;
        case 2:
        case 7:
          nd.printBreak('\n\t      Root-Node ' + nd.ipv4(tptr) + ', LSP-ID 0x' + hex(nd.u32(tptr + 4), 8));
          break;
        case 1:
          nd.printBreak('\n\t      Extended-Tunnel-ID ' + nd.ipv4(tptr) + ', P2MP-ID 0x' + hex(nd.u32(tptr + 4), 8));
          break;
        default:
          if (nd.verbose <= 1) printUnknownData(nd, tptr, '\n\t      ', tlen);
      }
      break;
    }
    case 26:
      while (tlen >= 3) {
        const type = nd.u8(tptr);
        let length = nd.u16(tptr + 1);
        tptr += 3;
        tlen -= 3;
        nd.printBreak('\n\t    ' + tok2str(aigpValues, 'Unknown', type) + ' TLV (' + type + '), length ' + length);
        if (length < 3) return false;
        length -= 3;
        if (tlen < length) return false;
        if (type === 1) {
          if (length < 8) return false;
          nd.print(', metric ' + nd.u64(tptr));
        } else if (nd.verbose <= 1) printUnknownData(nd, tptr, '\n\t      ', length);
        tptr += length;
        tlen -= length;
      }
      break;
    case 128: {
      if (!nd.has(tptr, 4)) return false;
      if (len < 4) return false;
      nd.printBreak('\n\t    Origin AS: ' + nd.u32(tptr));
      tptr += 4;
      len -= 4;
      while (len) {
        if (!nd.has(tptr, 2)) return false;
        if (len < 2) {
          nd.print(' [path attr too short]');
          tptr += len;
          break;
        }
        const aflags = nd.u8(tptr);
        const type = nd.u8(tptr + 1);
        tptr += 2;
        len -= 2;
        const alenlen = aflags & 0x10 ? 2 : 1;
        if (!nd.has(tptr, alenlen)) return false;
        if (len < alenlen) {
          nd.print(' [path attr too short]');
          tptr += len;
          break;
        }
        const alen = alenlen === 2 ? nd.u16(tptr) : nd.u8(tptr);
        tptr += alenlen;
        len -= alenlen;
        nd.printBreak('\n\t      ' + tok2str(attrValues, 'Unknown Attribute', type) + ' (' + type + '), length: ' + alen);
        if (aflags) nd.print(flagsText(aflags) + ']');
        nd.print(': ');
        if (len < alen) {
          nd.print(' [path attr too short]');
          tptr += len;
          break;
        }
        if (level === 10) nd.print('(too many nested levels, not recursing)');
        else if (!attrPrint(nd, type, tptr, alen, level + 1)) return false;
        tptr += alen;
        len -= alen;
      }
      break;
    }
    case 32:
      if (len === 0 || len % 12) {
        nd.print('invalid len');
        break;
      }
      nd.printBreak('\n\t    ');
      while (len !== 0) {
        nd.print(nd.u32(tptr) + ':' + nd.u32(tptr + 4) + ':' + nd.u32(tptr + 8) + (len > 12 ? ', ' : ''));
        tptr += 12;
        len -= 12;
      }
      break;
    default:
      if (!nd.has(pptr, len)) return false;
      nd.printBreak('\n\t    no Attribute ' + atype + ' decoder');
      if (nd.verbose <= 1) printUnknownData(nd, pptr, '\n\t    ', len);
  }
  if (nd.verbose > 1 && len) {
    if (!nd.has(pptr, len)) return false;
    printUnknownData(nd, pptr, '\n\t    ', len);
  }
  return true;
}

/** The NLRI after an MP attribute's header, up to the attribute's end; false when cut short. */
function nlriList(nd: Dissector, af: number, safi: number, tptr: number, pptr: number, len: number): boolean {
  const rest = (len - (tptr - pptr)) >>> 0;
  const ap4 = checkAddPath(nd, tptr, rest, 32);
  const ap6 = checkAddPath(nd, tptr, rest, 128);
  while (tptr < pptr + len) {
    const advance = nlriPrint(nd, af, safi, tptr, len, ap4, ap6);
    if (advance === -2) return false;
    if (advance < 0) break;
    tptr += advance;
  }
  return true;
}
