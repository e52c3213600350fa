import { Depth, type Dissector } from '../dissector.js';
import { ipProtos } from '../registry.js';
import { tok, tok2str } from '../text.js';

/** What follows an IPv4 or IPv6 header (tcpdump's ip_demux_print and ipproto.c). */

/** tcpdump's ipproto_values: the names -v and a few messages print. */
export const ipprotoValues = tok({
  0: 'Options',
  1: 'ICMP',
  2: 'IGMP',
  4: 'IPIP',
  6: 'TCP',
  8: 'EGP',
  9: 'IGRP',
  17: 'UDP',
  33: 'DCCP',
  41: 'IPv6',
  43: 'Routing',
  44: 'Fragment',
  46: 'RSVP',
  47: 'GRE',
  50: 'ESP',
  51: 'AH',
  55: 'Mobile IP',
  58: 'ICMPv6',
  62: 'Mobile IP (old)',
  88: 'EIGRP',
  89: 'OSPF',
  103: 'PIM',
  108: 'Compressed IP',
  112: 'VRRP',
  113: 'PGM',
  132: 'SCTP',
  135: 'Mobility',
  143: 'Ethernet',
});

export const IpProto = {
  HOPOPTS: 0,
  ICMP: 1,
  IGMP: 2,
  IPV4: 4,
  TCP: 6,
  UDP: 17,
  DCCP: 33,
  IPV6: 41,
  ROUTING: 43,
  FRAGMENT: 44,
  ESP: 50,
  AH: 51,
  ICMPV6: 58,
  NONE: 59,
  DSTOPTS: 60,
  MOBILITY_OLD: 62,
  ND: 77,
  SCTP: 132,
  MOBILITY: 135,
} as const;

// Families of the protocols tcpdump decodes that have no printer here yet: counted under
// these names and printed as tcpdump prints an unknown protocol until one registers.
for (const [proto, name] of [
  [2, 'ip:igmp'],
  [8, 'ip:egp'],
  [9, 'ip:igrp'],
  [33, 'ip:dccp'],
  [46, 'ip:rsvp'],
  [47, 'ip:gre'],
  [50, 'ip:esp'],
  [51, 'ip:ah'],
  [55, 'ip:mobile'],
  [88, 'ip:eigrp'],
  [89, 'ip:ospf'],
  [103, 'ip:pim'],
  [108, 'ip:ipcomp'],
  [112, 'ip:vrrp'],
  [113, 'ip:pgm'],
  [132, 'ip:sctp'],
  [143, 'ip:ether'],
] as const) {
  ipProtos.name(proto, name);
}

/** The context a transport printer reads: which IP header it is inside. */
function enter(nd: Dissector, ver: number, fragmented: boolean, ttl: number, iph: number): void {
  nd.ipVersion = ver;
  nd.ipFragmented = fragmented;
  nd.ipTtl = ttl;
  nd.ipAt = iph;
}

function requires(nd: Dissector, nh: number, version: string): void {
  nd.print('[' + tok2str(ipprotoValues, 'unknown', nh) + ' requires ' + version + ']');
  nd.printInvalid();
}

/**
 * The payload of an IP datagram: at and length as the IP header says, ver 4 or 6,
 * iph the offset of that header (transports print its addresses).
 */
export function ipDemux(nd: Dissector, at: number, length: number, ver: number, fragmented: boolean, ttl: number, nh: number, iph: number): void {
  enter(nd, ver, fragmented, ttl, iph);
  for (;;) {
    nd.classify(Depth.TRANSPORT, ipProtos.family(nh) ?? 'ip:proto-' + nh);
    if (nh === IpProto.AH && ahPrinter !== undefined) {
      if (!nd.has(at, 1)) {
        nd.protocol = 'ah';
        nd.printTrunc();
        return;
      }
      const next = nd.u8(at);
      const advance = ahPrinter(nd, at);
      if (advance <= 0) return;
      at += advance;
      length -= advance;
      nh = next;
      continue;
    }
    break;
  }
  // Protocols tied to one IP version say so on the other (tcpdump: "[ICMP requires IPv4]").
  if ((nh === IpProto.ICMP || nh === IpProto.IGMP) && ver !== 4) return requires(nd, nh, 'IPv4');
  if ((nh === IpProto.ICMPV6 || nh === 143) && ver !== 6) return requires(nd, nh, 'IPv6');
  const print = ipProtos.printer(nh);
  if (print !== undefined) print(nd, at, length);
  else if (nh === IpProto.ND) nd.print(' nd ' + length);
  else if (nh === IpProto.NONE) nd.print('no next header');
  else nd.print(' ip-proto-' + nh + ' ' + length);
}

/**
 * AH is the one header after which demultiplexing goes on: its printer (when one is
 * registered) prints it and returns its length, or 0 or less to stop.
 */
let ahPrinter: ((nd: Dissector, at: number) => number) | undefined;

export function registerAhPrinter(print: (nd: Dissector, at: number) => number): void {
  ahPrinter = print;
}
