/**
 * What a brief line says of one packet, as plain fields. decodeSummary fills one
 * reused instance per caller, so every field is reset on each packet (resetSummary)
 * and none is ever added or removed: V8 keeps one shape and nothing is allocated
 * but the address strings.
 */

/** The network layer found after the link header; 'OTHER' carries etherType, 'LLC' an 802.3 frame. */
export type NetKind = '' | 'IP' | 'IP6' | 'ARP' | 'LLC' | 'OTHER';

/** Transport decoded beyond the IP header (only in a first or only fragment). */
export type TransportKind = '' | 'TCP' | 'UDP' | 'ICMP' | 'ICMP6';

/** IPv6 extension headers walked, as bits of Summary.ip6Ext. */
export const Ip6Ext = { HBH: 1, DSTOPT: 2, ROUTING: 4, FRAG: 8 } as const;

export const TcpFlag = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80 } as const;

export interface Summary {
  tsSec: number;
  tsNsec: number;
  capLen: number;
  origLen: number;
  linkType: number;
  /** False when the link type is not one we decode: the line only says so. */
  linkKnown: boolean;
  /** NULL/LOOP address family, -1 otherwise. */
  family: number;
  /** 802.1Q / 802.1ad tags outermost first; vlanCount may exceed vlanIds.length (only the first 4 are kept). */
  vlanCount: number;
  vlanIds: number[];
  /** Ethertype (or SLL protocol) of the payload; -1 when the link has none. */
  etherType: number;
  llcDsap: number;
  llcSsap: number;
  net: NetKind;
  /** Network-layer addresses; for ARP the sender and target protocol addresses. */
  src: string;
  dst: string;
  /** IP protocol / last IPv6 next header, -1 when unknown. */
  ipProto: number;
  ipId: number;
  /** Fragment offset in bytes, and the more-fragments bit (IPv4 header or IPv6 fragment header). */
  fragOffset: number;
  moreFragments: boolean;
  isFragment: boolean;
  ip6Ext: number;
  /** Bytes the IP total length claims beyond the bytes on the wire. */
  ipMissing: number;
  transport: TransportKind;
  hasPorts: boolean;
  sport: number;
  dport: number;
  /** -1 until the fixed TCP header has been read. */
  tcpFlags: number;
  seq: number;
  ack: number;
  win: number;
  urg: number;
  icmpType: number;
  icmpCode: number;
  icmpId: number;
  icmpSeq: number;
  /** MTU (too big / need-frag) or pointer (parameter problem). */
  icmpValue: number;
  /** Address an ICMP/ICMPv6 message is about: ND target, redirect or quoted destination. */
  icmpAddr: string;
  /** Redirects: the better first hop (ICMP gateway, ICMPv6 target). */
  icmpGateway: string;
  icmpInnerProto: number;
  icmpInnerPort: number;
  arpHrd: number;
  arpPro: number;
  arpOp: number;
  arpHln: number;
  arpPln: number;
  arpSenderHw: string;
  arpTargetHw: string;
  /** The length printed last: transport payload, ICMP message, ARP packet, or remaining frame. */
  length: number;
  /** The capture ended inside truncatedIn (e.g. 'tcp'): tcpdump's [|tcp]. */
  truncated: boolean;
  truncatedIn: string;
  /** A header field that makes no sense (e.g. 'bad-hlen 4'); decoding stopped there. */
  malformed: string;
}

export function createSummary(): Summary {
  const s = {} as Summary;
  s.vlanIds = [0, 0, 0, 0];
  resetSummary(s);
  return s;
}

export function resetSummary(s: Summary): void {
  s.tsSec = 0;
  s.tsNsec = 0;
  s.capLen = 0;
  s.origLen = 0;
  s.linkType = 0;
  s.linkKnown = true;
  s.family = -1;
  s.vlanCount = 0;
  s.etherType = -1;
  s.llcDsap = 0;
  s.llcSsap = 0;
  s.net = '';
  s.src = '';
  s.dst = '';
  s.ipProto = -1;
  s.ipId = 0;
  s.fragOffset = 0;
  s.moreFragments = false;
  s.isFragment = false;
  s.ip6Ext = 0;
  s.ipMissing = 0;
  s.transport = '';
  s.hasPorts = false;
  s.sport = 0;
  s.dport = 0;
  s.tcpFlags = -1;
  s.seq = 0;
  s.ack = 0;
  s.win = 0;
  s.urg = 0;
  s.icmpType = -1;
  s.icmpCode = -1;
  s.icmpId = 0;
  s.icmpSeq = 0;
  s.icmpValue = 0;
  s.icmpAddr = '';
  s.icmpGateway = '';
  s.icmpInnerProto = -1;
  s.icmpInnerPort = -1;
  s.arpHrd = 0;
  s.arpPro = 0;
  s.arpOp = 0;
  s.arpHln = 0;
  s.arpPln = 0;
  s.arpSenderHw = '';
  s.arpTargetHw = '';
  s.length = 0;
  s.truncated = false;
  s.truncatedIn = '';
  s.malformed = '';
}

/** Marks the capture as ending inside `layer`; the first (outermost) cut wins. */
export function cut(s: Summary, layer: string): void {
  if (!s.truncated) {
    s.truncated = true;
    s.truncatedIn = layer;
  }
}
