import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { ipProtos, namedPrinter } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { IpProto } from './ip-demux.js';
import { charText } from './tcp.js';

/** ICMPv6 (tcpdump's print-icmp6.c, default output): errors with their quoted header, echo, ND, MLD, node information. */

const typeValues = tok({
  1: 'destination unreachable',
  2: 'packet too big',
  3: 'time exceeded in-transit',
  4: 'parameter problem',
  128: 'echo request',
  129: 'echo reply',
  130: 'multicast listener query',
  131: 'multicast listener report',
  132: 'multicast listener done',
  133: 'router solicitation',
  134: 'router advertisement',
  135: 'neighbor solicitation',
  136: 'neighbor advertisement',
  137: 'redirect',
  138: 'router renumbering',
  141: 'inverse neighbor solicitation',
  142: 'inverse neighbor advertisement',
  143: 'multicast listener report v2',
  144: 'ha discovery request',
  145: 'ha discovery reply',
  146: 'mobile router solicitation',
  147: 'mobile router advertisement',
  139: 'who-are-you request',
  140: 'who-are-you reply',
  201: 'mtrace message',
  200: 'mtrace response',
  155: 'RPL',
});

const unreachCodes = tok({ 0: 'unreachable route', 1: ' unreachable prohibited', 2: 'beyond scope', 3: 'unreachable address', 4: 'unreachable port' });

/**
 * -v's neighbor-discovery options and checksum: a hook, unset until a printer provides
 * it. Given the offset of the options and the bytes left; returns false when they are cut.
 */
export const icmp6Verbose: {
  options: ((nd: Dissector, at: number, resid: number) => boolean) | undefined;
  checksum: ((nd: Dissector, at: number, length: number) => void) | undefined;
  routerAdvert: ((nd: Dissector, at: number) => void) | undefined;
} = { options: undefined, checksum: undefined, routerAdvert: undefined };

/** The transport header quoted after an IPv6 header, as get_upperlayer: its offset and protocol, or -1. */
function upperLayer(nd: Dissector, ip6: number): { at: number; prot: number } {
  const none = { at: -1, prot: -1 };
  if (!nd.has(ip6 + 6, 1)) return none;
  let nh = nd.u8(ip6 + 6);
  let hlen = 40;
  let bp = ip6;
  while (bp < nd.snapend) {
    bp += hlen;
    switch (nh) {
      case IpProto.UDP:
      case IpProto.TCP:
        return nd.has(bp + 2, 2) ? { at: bp, prot: nh } : none;
      case IpProto.HOPOPTS:
      case IpProto.DSTOPTS:
      case IpProto.ROUTING:
        if (!nd.has(bp + 1, 1)) return none;
        nh = nd.u8(bp);
        hlen = (nd.u8(bp + 1) + 1) << 3;
        break;
      case IpProto.FRAGMENT:
        if (!nd.has(bp + 2, 2)) return none;
        if ((nd.u16(bp + 2) & 0xfff8) !== 0) return none;
        nh = nd.u8(bp);
        hlen = 8;
        break;
      case IpProto.AH:
        if (!nd.has(bp + 1, 1)) return none;
        nh = nd.u8(bp);
        hlen = (nd.u8(bp + 1) + 2) << 2;
        break;
      default:
        return { at: -1, prot: nh };
    }
  }
  return none;
}

function mld6(nd: Dissector, bp: number): void {
  if (bp + 24 > nd.snapend) return;
  nd.print('max resp delay: ' + nd.u16(bp + 4) + ' ');
  nd.print('addr: ' + nd.ipv6(bp + 8));
}

const mldv2ReportTypes = tok({ 1: 'is_in', 2: 'is_ex', 3: 'to_in', 4: 'to_ex', 5: 'allow', 6: 'block' });

function mldv2Report(nd: Dissector, bp: number, len: number): void {
  if (len < 8) {
    nd.print(' [invalid len ' + len + ']');
    return;
  }
  const ngroups = nd.u16(bp + 6);
  nd.print(', ' + ngroups + ' group record(s)');
  if (nd.verbose === 0) return;
  let group = 8;
  for (let i = 0; i < ngroups; i++) {
    if (len < group + 20) {
      nd.print(' [invalid number of groups]');
      return;
    }
    nd.print(' [gaddr ' + nd.ipv6(bp + group + 4));
    nd.print(' ' + tok2str(mldv2ReportTypes, ' [v2-report-#%u]', nd.u8(bp + group)));
    const nsrcs = nd.u16(bp + group + 2);
    if (len < group + 20 + nsrcs * 16) {
      nd.print(' [invalid number of sources ' + nsrcs + ']');
      return;
    }
    if (nd.verbose === 1) nd.print(', ' + nsrcs + ' source(s)');
    else {
      nd.print(' {');
      for (let j = 0; j < nsrcs; j++) nd.print(' ' + nd.ipv6(bp + group + 20 + j * 16));
      nd.print(' }');
    }
    group += 20 + nsrcs * 16;
    nd.print(']');
  }
}

function mldv2Query(nd: Dissector, bp: number, len: number): void {
  if (len < 28) {
    nd.print(' [invalid len ' + len + ']');
    return;
  }
  const mrc = nd.u16(bp + 4);
  const mrt = mrc < 32768 ? mrc : ((mrc & 0x0fff) | 0x1000) << (((mrc & 0x7000) >> 12) + 3);
  if (nd.verbose > 0) nd.print(' [max resp delay=' + mrt + ']');
  nd.print(' [gaddr ' + nd.ipv6(bp + 8));
  if (nd.verbose > 0) {
    const b24 = nd.u8(bp + 24);
    if (b24 & 0x08) nd.print(' sflag');
    if (b24 & 0x07) nd.print(' robustness=' + (b24 & 0x07));
    const b25 = nd.u8(bp + 25);
    const qqi = b25 < 128 ? b25 : ((b25 & 0x0f) | 0x10) << (((b25 & 0x70) >> 4) + 3);
    nd.print(' qqi=' + qqi);
  }
  const nsrcs = nd.u16(bp + 26);
  if (nsrcs > 0) {
    if (len < 28 + nsrcs * 16) nd.print(' [invalid number of sources]');
    else if (nd.verbose > 1) {
      nd.print(' {');
      for (let i = 0; i < nsrcs; i++) nd.print(' ' + nd.ipv6(bp + 28 + i * 16));
      nd.print(' }');
    } else nd.print(', ' + nsrcs + ' source(s)');
  }
  nd.print(']');
}

/** A DNS name without compression, as the node information messages carry it. */
function dnsname(nd: Dissector, cp: number, ep: number): void {
  nd.print(', "');
  while (cp < ep) {
    let i = nd.u8(cp);
    cp++;
    if (i) {
      if (i > ep - cp) {
        nd.print('???');
        break;
      }
      while (i-- && cp < ep) {
        nd.print(charText(nd.u8(cp)));
        cp++;
      }
      if (cp + 1 < ep && nd.u8(cp)) nd.print('.');
    } else {
      if (cp === ep) nd.print('.');
      else if (cp + 1 === ep && nd.u8(cp) === 0) {
        // truncated: nothing more to say
      } else nd.print('???');
      break;
    }
  }
  nd.print('"');
}

function nodeAddrFlags(i: number, withTruncate: boolean): string {
  return (
    ' [' +
    (i & 0x40 ? 'a' : '') +
    (i & 0x20 ? 'G' : '') +
    (i & 0x10 ? 'S' : '') +
    (i & 0x08 ? 'L' : '') +
    (i & 0x04 ? 'C' : '') +
    (i & 0x02 ? 'A' : '') +
    (withTruncate && i & 0x01 ? 'T' : '') +
    ']'
  );
}

function pascalOrDnsName(nd: Dissector, cp: number, ep: number): void {
  if (nd.u8(cp) === ep - cp - 1) {
    if (nd.verbose > 0) nd.print(', 03 draft');
    cp++;
    nd.print(', "');
    while (cp < ep) {
      nd.print(charText(nd.u8(cp)));
      cp++;
    }
    nd.print('"');
  } else dnsname(nd, cp, ep);
}

function nodeInfo(nd: Dissector, icmp6len: number, bp: number, ep: number): void {
  if (ep < bp) return;
  const siz = ep - bp;
  const type = nd.u8(bp);
  if (type === 139) {
    if (siz === 12) {
      nd.print(' who-are-you request');
      return;
    }
    nd.print(' node information query');
    if (!nd.has(bp, 16)) {
      nd.printTrunc();
      return;
    }
    nd.print(' (');
    const qtype = nd.u16(bp + 4);
    if (qtype === 0) nd.print('noop');
    else if (qtype === 1) {
      nd.print('supported qtypes');
      const i = nd.u16(bp + 6);
      if (i) nd.print(' [' + (i & 1 ? 'C' : '') + ']');
    } else if (qtype === 2) nd.print('DNS name');
    else if (qtype === 3) {
      nd.print('node addresses');
      const i = nd.u16(bp + 6);
      if (i) nd.print(nodeAddrFlags(i, false));
    } else nd.print('unknown');
    if (qtype === 0 || qtype === 1) {
      if (siz !== 16 && nd.verbose > 0) nd.print(', invalid len');
      nd.print(')');
      return;
    }
    if (siz === 16) {
      nd.print(', 03 draft)');
      return;
    }
    const cp = bp + 16;
    const code = nd.u8(bp + 1);
    if (code === 0) {
      if (nd.has(bp, 32)) {
        if (siz !== 32) {
          if (nd.verbose > 0) nd.print(', invalid subject len');
        } else nd.print(', subject=' + nd.ipv6(cp));
      }
    } else if (code === 1) {
      nd.print(', subject=DNS name');
      pascalOrDnsName(nd, cp, ep);
    } else if (code === 2) {
      if (nd.has(bp, 20)) {
        if (siz !== 20) {
          if (nd.verbose > 0) nd.print(', invalid subject len');
        } else nd.print(', subject=' + nd.ipv4(cp));
      }
    } else nd.print(', unknown subject');
    nd.print(')');
    return;
  }
  if (type === 140) {
    if (icmp6len > siz) {
      nd.printTrunc();
      return;
    }
    let needcomma = false;
    if (!nd.has(bp, 16)) {
      nd.printTrunc();
      return;
    }
    nd.print(' node information reply');
    nd.print(' (');
    const code = nd.u8(bp + 1);
    if (code === 0) {
      if (nd.verbose > 0) {
        nd.print('success');
        needcomma = true;
      }
    } else if (code === 1 || code === 2) {
      nd.print(code === 1 ? 'refused' : 'unknown');
      needcomma = true;
      if (siz !== 16 && nd.verbose > 0) nd.print(', invalid length');
    }
    if (code !== 0) {
      nd.print(')');
      return;
    }
    const comma = () => {
      if (needcomma) nd.print(', ');
    };
    const qtype = nd.u16(bp + 4);
    if (qtype === 0) {
      comma();
      nd.print('noop');
      if (siz !== 16 && nd.verbose > 0) nd.print(', invalid length');
    } else if (qtype === 1) {
      comma();
      nd.print('supported qtypes');
      const i = nd.u16(bp + 6);
      if (i) nd.print(' [' + (i & 1 ? 'C' : '') + ']');
    } else if (qtype === 2) {
      comma();
      nd.print('DNS name');
      pascalOrDnsName(nd, bp + 16 + 4, ep);
      if ((nd.u16(bp + 6) & 1) !== 0) nd.print(' [TTL=' + nd.u32(bp + 16) + ']');
    } else if (qtype === 3) {
      comma();
      nd.print('node addresses');
      for (let i = 16; i < siz; i += 20) {
        if (i + 20 > siz) break;
        nd.print(' ' + nd.ipv6(bp + i + 4) + '(' + nd.u32(bp + i) + ')');
      }
      const f = nd.u16(bp + 6);
      if (f) nd.print(nodeAddrFlags(f, true));
    } else {
      comma();
      nd.print('unknown');
    }
    nd.print(')');
  }
}

function rrenum(nd: Dissector, bp: number, ep: number): void {
  if (ep < bp) return;
  if (!nd.has(bp + 12, 4)) {
    nd.printTrunc();
    return;
  }
  const code = nd.u8(bp + 1);
  if (code === 0) nd.print(', command');
  else if (code === 1) nd.print(', result');
  else if (code === 255) nd.print(', sequence number reset');
  else nd.print(', code-#' + code);
  nd.print(', seq=' + nd.u32(bp + 4));
  if (nd.verbose > 0) {
    const f = nd.u8(bp + 9);
    nd.print('[');
    if (f) nd.print((f & 0x80 ? 'T' : '') + (f & 0x40 ? 'R' : '') + (f & 0x20 ? 'A' : '') + (f & 0x10 ? 'S' : '') + (f & 0x08 ? 'P' : '') + ',');
    nd.print('seg=' + nd.u8(bp + 8) + ',');
    nd.print('maxdelay=' + nd.u16(bp + 10));
    const rsvd = nd.u32(bp + 12);
    if (rsvd) nd.print('rsvd=0x' + hex(rsvd));
    nd.print(']');
  }
  if (code !== 0) return;
  const match = bp + 16;
  let cp = match + 24;
  if (!nd.has(match + 8, 16)) {
    nd.printTrunc();
    return;
  }
  nd.printBreak(nd.verbose > 1 ? '\n\t' : ' ');
  nd.print('match(');
  const rpm = nd.u8(match);
  nd.print(rpm === 1 ? 'add' : rpm === 2 ? 'change' : rpm === 3 ? 'setglobal' : '#' + rpm);
  if (nd.verbose > 0) nd.print(',ord=' + nd.u8(match + 2) + ',min=' + nd.u8(match + 4) + ',max=' + nd.u8(match + 5));
  nd.print(',' + nd.ipv6(match + 8) + '/' + nd.u8(match + 3) + ')');
  let n = nd.u8(match + 1) - 3;
  if (n % 4) {
    nd.printTrunc();
    return;
  }
  n /= 4;
  while (n-- > 0) {
    const use = cp;
    cp += 32;
    if (!nd.has(use + 16, 16)) {
      nd.printTrunc();
      return;
    }
    nd.printBreak(nd.verbose > 1 ? '\n\t' : ' ');
    nd.print('use(');
    const flags = nd.u8(use + 12);
    if (flags) nd.print((flags & 0x80 ? 'V' : '') + (flags & 0x40 ? 'P' : '') + ',');
    if (nd.verbose > 0) {
      nd.print('mask=0x' + hex(nd.u8(use + 2)) + ',');
      nd.print('raflags=0x' + hex(nd.u8(use + 3)) + ',');
      const vl = nd.u32(use + 4);
      nd.print(vl === 0xffffffff ? 'vltime=infty,' : 'vltime=' + vl + ',');
      const pl = nd.u32(use + 8);
      nd.print(pl === 0xffffffff ? 'pltime=infty,' : 'pltime=' + pl + ',');
    }
    nd.print(nd.ipv6(use + 16) + '/' + nd.u8(use) + '/' + nd.u8(use + 1) + ')');
  }
}

function options(nd: Dissector, at: number, resid: number): boolean {
  if (nd.verbose === 0) return true;
  const print = icmp6Verbose.options;
  return print === undefined ? true : print(nd, at, resid);
}

export function icmp6Print(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'icmp6';
  const oip = bp + 8;
  const ep = nd.snapend;
  if (length === 0) {
    nd.print('ICMP6, length 0');
    nd.printInvalid();
    return;
  }
  if (nd.verbose > 0 && !nd.ipFragmented && icmp6Verbose.checksum !== undefined) icmp6Verbose.checksum(nd, bp, length);
  const type = nd.u8(bp);
  nd.print('ICMP6, ' + tok2str(typeValues, 'unknown icmp6 type (%u)', type));
  if (nd.verbose > 0 && (type === 133 || type === 134 || type === 136 || type === 135 || type === 137 || type === 145 || type === 147)) {
    nd.print(', length ' + length);
  }
  const code = nd.u8(bp + 1);
  const trunc = () => nd.printTrunc();
  switch (type) {
    case 1:
      nd.print(', ' + tok2str(unreachCodes, 'unknown unreach code (%u)', code));
      switch (code) {
        case 0:
        case 1:
        case 3:
          nd.print(' ' + nd.ipv6(oip + 24));
          break;
        case 2:
          nd.print(' ' + nd.ipv6(oip + 24) + ', source address ' + nd.ipv6(oip + 8));
          break;
        case 4: {
          const up = upperLayer(nd, oip);
          if (up.at < 0) return trunc();
          const dport = nd.u16(up.at + 2);
          if (up.prot === IpProto.TCP) nd.print(', ' + nd.ipv6(oip + 24) + ' tcp port ' + dport);
          else if (up.prot === IpProto.UDP) nd.print(', ' + nd.ipv6(oip + 24) + ' udp port ' + dport);
          else nd.print(', ' + nd.ipv6(oip + 24) + ' protocol ' + up.prot + ' port ' + dport + ' unreachable');
          break;
        }
        default:
          if (nd.verbose <= 1) {
            printUnknownData(nd, bp, '\n\t', length);
            return;
          }
      }
      break;
    case 2:
      nd.print(', mtu ' + nd.u32(bp + 4));
      break;
    case 3:
      if (code === 0) nd.print(' for ' + nd.ipv6(oip + 24));
      else if (code === 1) nd.print(' (reassembly)');
      else nd.print(', unknown code (' + code + ')');
      break;
    case 4:
      if (!nd.has(oip + 24, 16)) return trunc();
      if (code === 0) nd.print(', erroneous - octet ' + nd.u32(bp + 4));
      else if (code === 1) nd.print(', next header - octet ' + nd.u32(bp + 4));
      else if (code === 2) nd.print(', option - octet ' + nd.u32(bp + 4));
      else if (code === 3) nd.print(', incomplete header chain - octet ' + nd.u32(bp + 4));
      else nd.print(', code-#' + code);
      break;
    case 128:
    case 129:
      nd.print(', id ' + nd.u16(bp + 4) + ', seq ' + nd.u16(bp + 6));
      break;
    case 130:
      if (length === 24) mld6(nd, bp);
      else if (length >= 28) {
        nd.print(' v2');
        mldv2Query(nd, bp, length);
      } else nd.print(' unknown-version (len ' + length + ') ');
      break;
    case 131:
    case 132:
      mld6(nd, bp);
      break;
    case 133:
      if (!options(nd, bp + 8, length - 8)) return trunc();
      break;
    case 134:
      if (nd.verbose > 0) {
        if (icmp6Verbose.routerAdvert !== undefined) icmp6Verbose.routerAdvert(nd, bp);
        if (!options(nd, bp + 16, length - 16)) return trunc();
      }
      break;
    case 135:
      nd.print(', who has ' + nd.ipv6(bp + 8));
      if (!options(nd, bp + 24, length - 24)) return trunc();
      break;
    case 136:
      nd.print(', tgt is ' + nd.ipv6(bp + 8));
      if (nd.verbose > 0) {
        const f = nd.u32(bp + 4);
        const names = (f & 0x80000000 ? ['router'] : []).concat(f & 0x40000000 ? ['solicited'] : [], f & 0x20000000 ? ['override'] : []);
        nd.print(', Flags [' + (names.length ? names.join(', ') : 'none') + ']');
        if (!options(nd, bp + 24, length - 24)) return trunc();
      }
      break;
    case 137:
      nd.print(', ' + nd.ipv6(bp + 24));
      nd.print(' to ' + nd.ipv6(bp + 8));
      if (!options(nd, bp + 40, length - 40)) return trunc();
      break;
    case 138:
      rrenum(nd, bp, ep);
      break;
    case 139:
    case 140:
      nodeInfo(nd, length, bp, ep);
      break;
    case 141:
    case 142:
      break;
    case 143:
      mldv2Report(nd, bp, length);
      break;
    case 146:
    case 144:
      nd.print(', id 0x' + hex(nd.u16(bp + 4), 4));
      break;
    case 145:
      if (nd.verbose > 0) {
        nd.print(', id 0x' + hex(nd.u16(bp + 4), 4));
        for (let p = bp + 8; p < bp + length; p += 16) nd.print(', ' + nd.ipv6(p));
      }
      break;
    case 147:
      if (nd.verbose > 0) {
        nd.print(', id 0x' + hex(nd.u16(bp + 4), 4));
        const flags = nd.u16(bp + 6);
        if (flags & 0xc000) nd.print(' ');
        if (flags & 0x8000) nd.print('M');
        if (flags & 0x4000) nd.print('O');
        if (!options(nd, bp + 8, length - 8)) return trunc();
      }
      break;
    case 155: {
      const rpl = namedPrinter('rpl');
      if (rpl !== undefined) rpl(nd, bp, length);
      break;
    }
    default:
      nd.print(', length ' + length);
      if (nd.verbose <= 1) printUnknownData(nd, bp, '\n\t', length);
      return;
  }
  if (nd.verbose === 0) nd.print(', length ' + length);
}

ipProtos.register(IpProto.ICMPV6, 'icmp6', icmp6Print);
