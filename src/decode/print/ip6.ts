import { Depth, type Dissector } from '../dissector.js';
import { etherTypes, ipProtos, namedPrinter } from '../registry.js';
import { hex, tok2str } from '../text.js';
import { EtherType } from './ethertype.js';
import { IpProto, ipDemux, ipprotoValues } from './ip-demux.js';
import { dstoptProcess, hbhoptProcess } from './ip6-opts.js';

/** IPv6 and its extension headers (tcpdump's print-ip6.c, print-frag6.c, print-rt6.c). */

/** An IPv6 datagram at `at`; length is what the layer below says it spans. */
export function ip6Print(nd: Dissector, at: number, length: number): void {
  nd.protocol = 'ip6';
  nd.classify(Depth.NET, 'ip6');
  if (!nd.has(at, 40)) {
    nd.printTrunc();
    return;
  }
  if (length < 40) {
    nd.print('truncated-ip6 ' + length);
    return;
  }
  if (!nd.linkHeader) nd.print('IP6 ');
  const version = nd.u8(at) >> 4;
  if (version !== 6) {
    nd.print('version error: ' + version + ' != 6');
    return;
  }
  let payloadLen = nd.u16(at + 4);
  let len: number;
  if (payloadLen !== 0) {
    len = payloadLen + 40;
    if (length < len) nd.print('truncated-ip6 - ' + (len - length) + ' bytes missing!');
  } else len = length + 40;

  let nh = nd.u8(at + 6);
  if (nd.verbose > 0) {
    const flow = nd.u32(at);
    nd.print('(');
    if (flow & 0x0ff00000) nd.print('class 0x' + hex((flow & 0x0ff00000) >>> 20, 2) + ', ');
    if (flow & 0x000fffff) nd.print('flowlabel 0x' + hex(flow & 0x000fffff, 5) + ', ');
    nd.print('hlim ' + nd.u8(at + 7) + ', next-header ' + tok2str(ipprotoValues, 'unknown', nh) + ' (' + nh + ') payload length: ' + payloadLen + ') ');
  }
  nd.pushEnd(at, len);

  let cp = at;
  let advance = 40;
  let totalAdvance = 0;
  let foundExtension = false;
  let foundHbh = false;
  let fragmented = false;
  let ph = 255;
  const jumbo = { found: false, payloadLen };
  while (cp < nd.snapend && advance > 0) {
    if (len < advance) {
      nd.printTrunc();
      return;
    }
    cp += advance;
    len -= advance;
    totalAdvance += advance;
    if (cp === at + 40 && nh !== IpProto.TCP && nh !== IpProto.UDP && nh !== IpProto.DCCP && nh !== IpProto.SCTP) {
      nd.print(nd.ipv6(at + 8) + ' > ' + nd.ipv6(at + 24) + ': ');
    }
    switch (nh) {
      case IpProto.HOPOPTS:
        if (foundHbh) {
          nd.print('[The Hop-by-Hop Options header was already found]');
          nd.printInvalid();
          return;
        }
        if (ph !== 255) {
          nd.print("[The Hop-by-Hop Options header don't follow the IPv6 header]");
          nd.printInvalid();
          return;
        }
        advance = hbhoptProcess(nd, cp, jumbo);
        payloadLen = jumbo.payloadLen;
        if (payloadLen === 0 && !jumbo.found) {
          nd.print('[No valid Jumbo Payload Hop-by-Hop option found]');
          nd.printInvalid();
          return;
        }
        if (advance < 0) return nd.popEnd();
        foundExtension = true;
        foundHbh = true;
        nh = nd.u8(cp);
        break;
      case IpProto.DSTOPTS:
        advance = dstoptProcess(nd, cp);
        if (advance < 0) return nd.popEnd();
        foundExtension = true;
        nh = nd.u8(cp);
        break;
      case IpProto.FRAGMENT:
        advance = frag6Print(nd, cp, at);
        if (advance < 0 || nd.snapend <= cp + advance) {
          nd.classify(Depth.TRANSPORT, ipProtos.family(nd.u8(cp)) ?? 'ip:proto-' + nd.u8(cp));
          return nd.popEnd();
        }
        foundExtension = true;
        nh = nd.u8(cp);
        fragmented = true;
        break;
      case IpProto.MOBILITY_OLD:
      case IpProto.MOBILITY: {
        nd.classify(Depth.TRANSPORT, 'ip:mobility');
        const mobility = namedPrinter('ip:mobility');
        if (mobility !== undefined) mobility(nd, cp, len);
        return nd.popEnd();
      }
      case IpProto.ROUTING:
        nd.need(cp, 1);
        advance = rt6Print(nd, cp);
        if (advance < 0) return nd.popEnd();
        foundExtension = true;
        nh = nd.u8(cp);
        break;
      default:
        if (jumbo.found) {
          len = payloadLen + 40;
          if (len < totalAdvance) {
            nd.printTrunc();
            return;
          }
          if (length < len) nd.print('truncated-ip6 - ' + (len - length) + ' bytes missing!');
          nd.changeEnd(at, len);
          len -= totalAdvance;
        } else if (payloadLen === 0) {
          if (foundExtension) {
            nd.printTrunc();
            return;
          }
          len = 40;
          nd.changeEnd(at, len);
          len -= totalAdvance;
        }
        ipDemux(nd, cp, len, 6, fragmented, nd.u8(at + 7), nh, at);
        return nd.popEnd();
    }
    ph = nh;
    nd.protocol = 'ip6';
  }
  nd.popEnd();
}

/** The fragment header: "frag (offset|length) "; -1 for a later fragment (nothing more to print). */
function frag6Print(nd: Dissector, bp: number, ip6: number): number {
  nd.protocol = 'frag6';
  const offlg = nd.u16(bp + 2);
  let rest: number | bigint = 40 + nd.u16(ip6 + 4) - (bp - ip6) - 8;
  // tcpdump computes this in size_t: a payload length too small to hold the headers wraps around.
  if (rest < 0) rest = BigInt(rest) + (1n << 64n);
  if (nd.verbose > 0) nd.print('frag (0x' + hex(nd.u32(bp + 4), 8) + ':' + (offlg & 0xfff8) + '|' + rest + ')');
  else nd.print('frag (' + (offlg & 0xfff8) + '|' + rest + ')');
  if ((offlg & 0xfff8) !== 0) return -1;
  nd.print(' ');
  return 8;
}

/** The routing header: "RT6 (len=.., type=.., segleft=.., [0]addr...) " (tcpdump's rt6_print). */
function rt6Print(nd: Dissector, bp: number): number {
  nd.protocol = 'rt6';
  nd.print('RT6');
  let len = nd.u8(bp + 1);
  nd.print(' (len=' + len);
  const type = nd.u8(bp + 2);
  nd.print(', type=' + type);
  if (type === 0) nd.print(' [Deprecated]');
  nd.print(', segleft=' + nd.u8(bp + 3));
  if (type === 0 || type === 2) {
    const rsv = nd.u32(bp + 4);
    if (rsv !== 0 || nd.verbose > 0) nd.print(', rsv=0x' + hex(rsv));
  } else if (type === 4) {
    nd.print(', last-entry=' + nd.u8(bp + 4));
    const flags = nd.u8(bp + 5);
    if (flags !== 0 || nd.verbose > 0) nd.print(', flags=0x' + hex(flags));
    nd.print(', tag=' + hex(nd.u16(bp + 6)));
  } else {
    nd.print(' (unknown type)');
    nd.printInvalid();
    return -1;
  }
  if (len % 2 === 1) {
    nd.print(' (invalid length ' + len + ')');
    nd.printInvalid();
    return -1;
  }
  len >>= 1;
  let p = bp + 8;
  for (let i = 0; i < len; i++) {
    nd.print(', [' + i + ']' + nd.ipv6(p));
    p += 16;
  }
  nd.print(') ');
  return (nd.u8(bp + 1) + 1) << 3;
}

etherTypes.register(EtherType.IPV6, 'ip6', ip6Print);
ipProtos.register(IpProto.IPV6, 'ip:ip6', ip6Print);
