import { Depth, type Dissector } from '../dissector.js';
import { etherTypes, ipProtos } from '../registry.js';
import { EtherType } from './ethertype.js';
import { IpProto, ipDemux } from './ip-demux.js';
import { ip6Print } from './ip6.js';
import { llcSaps } from './llc.js';

/** IPv4 (tcpdump's print-ip.c, default output). */

const IP_MF = 0x2000;
const IP_OFFMASK = 0x1fff;

/**
 * Verbose-mode text of the header, `(tos 0x0, ttl 64, ...)`: a hook for -v, unset
 * until a printer provides it.
 */
export const ipVerbose: { print: ((nd: Dissector, at: number, hlen: number) => boolean) | undefined } = { print: undefined };

/** An IPv4 datagram at `at`; length is what the layer below says it spans. */
export function ipPrint(nd: Dissector, at: number, length: number): void {
  nd.protocol = 'ip';
  nd.classify(Depth.NET, 'ip');
  const vhl = nd.u8(at);
  if (vhl >> 4 !== 4) {
    nd.print(vhl >> 4 === 6 ? 'IP6, wrong link-layer encapsulation' : 'IP' + (vhl >> 4));
    nd.printInvalid();
    return;
  }
  if (!nd.linkHeader) nd.print('IP ');
  if (!nd.has(at, 20)) {
    nd.printTrunc();
    return;
  }
  if (length < 20) {
    nd.print('truncated-ip ' + length);
    return;
  }
  const hlen = (vhl & 15) * 4;
  if (hlen < 20) {
    nd.print('bad-hlen ' + hlen);
    return;
  }
  let len = nd.u16(at + 2);
  if (length < len) nd.print('truncated-ip - ' + (len - length) + ' bytes missing! ');
  if (len < hlen) {
    nd.print('bad-len ' + len);
    return;
  }
  // Bytes after the total length are the link's padding, not this datagram's.
  nd.pushEnd(at, len);
  len -= hlen;
  const off = nd.u16(at + 6);
  const proto = nd.u8(at + 9);
  const ttl = nd.u8(at + 8);
  if (nd.verbose > 0 && ipVerbose.print !== undefined && !ipVerbose.print(nd, at, hlen)) {
    nd.popEnd();
    return;
  }
  if ((off & IP_OFFMASK) === 0) {
    if (proto !== IpProto.TCP && proto !== IpProto.UDP && proto !== IpProto.SCTP && proto !== IpProto.DCCP) {
      nd.print(nd.ipv4(at + 12) + ' > ' + nd.ipv4(at + 16) + ': ');
    }
    if (!nd.has(at, hlen)) {
      nd.print(' [remaining caplen(' + nd.avail(at) + ') < header length(' + hlen + ')]');
      nd.trunc();
    }
    ipDemux(nd, at + hlen, len, 4, (off & IP_MF) !== 0, ttl, proto, at);
  } else {
    // A later fragment: no transport header to print, only what it would have been.
    nd.classify(Depth.TRANSPORT, ipProtos.family(proto) ?? 'ip:proto-' + proto);
    nd.print(nd.ipv4(at + 12) + ' > ' + nd.ipv4(at + 16) + ': ip-proto-' + proto);
  }
  nd.popEnd();
}

/** IPv4 or IPv6 by the version nibble (tcpdump's ipN_print). */
export function ipNPrint(nd: Dissector, at: number, length: number): void {
  nd.protocol = 'ipn';
  if (length < 1) {
    nd.print('truncated-ip ' + length);
    return;
  }
  const v = nd.u8(at) & 0xf0;
  if (v === 0x40) ipPrint(nd, at, length);
  else if (v === 0x60) ip6Print(nd, at, length);
  else nd.print('unknown ip ' + (v >> 4));
}

etherTypes.register(EtherType.IP, 'ip', ipPrint);
ipProtos.register(IpProto.IPV4, 'ip:ipip', ipPrint);
llcSaps.register(0x06, 'ip', ipPrint);
