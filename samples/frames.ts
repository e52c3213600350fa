/**
 * Frame builder for unit tests and the sample captures: correct lengths and checksums,
 * addresses as text. Compose inside out, the IP layer supplies the L4 pseudo header:
 *
 *   ethernet({ dst, src, type: EtherType.IPV4,
 *              payload: ipv4({ src: '192.168.0.10', dst: '192.168.0.1',
 *                              payload: tcp({ sport: 40000, dport: 80, flags: 'S', seq: 1 }) }) })
 *
 * ipv4()/ipv6() return the bytes of a raw-IP frame (LINKTYPE_RAW) as they are.
 * Nothing in src/ may import this.
 */
export { ipv4Bytes, ipv6Bytes, macBytes, ipBytes } from './frames/address.js';
export { internetChecksum, pseudoHeaderBytes, type PseudoHeader, type Transport } from './frames/checksum.js';
export { IpProto, ipv4, ipv6, encodeTransport, type IpPayload, type Ipv4Fields, type Ipv6Fields } from './frames/ip.js';
export {
  TcpFlag,
  tcpFlags,
  tcp,
  udp,
  icmp,
  icmp6,
  icmpEcho,
  icmp6Echo,
  pimHello,
  type TcpFields,
  type UdpFields,
  type IcmpFields,
  type EchoFields,
  type PimHelloFields,
} from './frames/transport.js';
export {
  EtherType,
  SllPacketType,
  ethernet,
  vlan,
  arp,
  sll,
  sll2,
  type EthernetFields,
  type VlanTag,
  type ArpFields,
  type SllFields,
} from './frames/link.js';
export { DnsType, dns, dnsQuery, dnsResponse, type DnsAnswer, type DnsFields } from './frames/dns.js';
