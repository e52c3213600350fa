import { Depth, type Dissector } from '../dissector.js';
import { etherTypes } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';

/** Ethertype names and the dispatch on an ethertype (tcpdump's ethertype_values and ethertype_print). */

export const EtherType = {
  IP: 0x0800,
  ARP: 0x0806,
  REVARP: 0x8035,
  IPV6: 0x86dd,
  VLAN: 0x8100,
  VLAN_9100: 0x9100,
  VLAN_9200: 0x9200,
  QINQ: 0x88a8,
  JUMBO: 0x8870,
  MACSEC: 0x88e5,
  ARISTA: 0xd28b,
} as const;

export const ethertypeNames = tok({
  0x0800: 'IPv4',
  0x8847: 'MPLS unicast',
  0x8848: 'MPLS multicast',
  0x86dd: 'IPv6',
  0x8100: '802.1Q',
  0x9100: '802.1Q-9100',
  0x88a8: '802.1Q-QinQ',
  0x9200: '802.1Q-9200',
  0x88e5: '802.1AE MACsec',
  0x0200: 'PUP',
  0x0806: 'ARP',
  0x8035: 'Reverse ARP',
  0x0600: 'NS',
  0x0500: 'Sprite',
  0x1000: 'Trail',
  0x6001: 'MOP DL',
  0x6002: 'MOP RC',
  0x6003: 'DN',
  0x6004: 'LAT',
  0x6007: 'SCA',
  0x6558: 'TEB',
  0x8038: 'Lanbridge',
  0x803c: 'DEC DNS',
  0x803e: 'DEC DTS',
  0x805b: 'VEXP',
  0x805c: 'VPROD',
  0x809b: 'Appletalk',
  0x80f3: 'Appletalk ARP',
  0x8137: 'IPX',
  0x880b: 'PPP',
  0x8808: 'MPCP',
  0x8809: 'Slow Protocols',
  0x8863: 'PPPoE D',
  0x8864: 'PPPoE S',
  0x888e: 'EAPOL',
  0x8899: 'Realtek protocols',
  0x886f: 'MS NLB heartbeat',
  0x8870: 'Jumbo',
  0x894f: 'NSH',
  0x9000: 'Loopback',
  0xfefe: 'OSI',
  0x00fe: 'GRE-OSI',
  0xabcd: 'CFM (old)',
  0x8902: 'CFM',
  0x893a: 'IEEE1905.1',
  0x88cc: 'LLDP',
  0x88ca: 'TIPC',
  0x0707: 'GeoNet (old)',
  0x8947: 'GeoNet',
  0x1111: 'CALM FAST',
  0x88a2: 'AoE',
  0x88f7: 'PTP',
  0xd28b: 'Arista Vendor Specific Protocol',
});

// Families for ethertypes tcpdump decodes but no printer here does yet: packets are
// counted under these names, and printed as an unknown type until a printer registers.
const familyNames: [number, string][] = [
  [0x6003, 'decnet'],
  [0x809b, 'atalk'],
  [0x80f3, 'aarp'],
  [0x8137, 'ipx'],
  [0xfefe, 'isoclns'],
  [0x8863, 'pppoe'],
  [0x8864, 'pppoe'],
  [0x3c12, 'pppoe'],
  [0x3c13, 'pppoe'],
  [0x888e, 'eapol'],
  [0x8899, 'rtl'],
  [0x880b, 'ppp'],
  [0x8808, 'mpcp'],
  [0x8809, 'slow'],
  [0x8902, 'cfm'],
  [0xabcd, 'cfm'],
  [0x88cc, 'lldp'],
  [0x894f, 'nsh'],
  [0x9000, 'loopback'],
  [0x8847, 'mpls'],
  [0x8848, 'mpls'],
  [0x88ca, 'tipc'],
  [0x886f, 'msnlb'],
  [0x0707, 'geonet'],
  [0x8947, 'geonet'],
  [0x1111, 'calm-fast'],
  [0x88a2, 'aoe'],
  [0x88f7, 'ptp'],
  [0x88e5, 'macsec'],
  [0xd28b, 'arista'],
];
for (const [type, name] of familyNames) etherTypes.name(type, name);

/** "ethertype IPv4 (0x0800)", as ether_type_print. */
export function etherTypeText(type: number): string {
  return 'ethertype ' + tok2str(ethertypeNames, 'Unknown', type) + ' (0x' + hex(type, 4) + ')';
}

/**
 * The payload of an ethertype (tcpdump's ethertype_print): false when no printer
 * knows the type, so that the caller prints it as unknown.
 */
export function ethertypePrint(nd: Dissector, type: number, at: number, length: number): boolean {
  const name = etherTypes.family(type);
  if (name !== undefined) nd.classify(Depth.NET, name);
  const print = etherTypes.printer(type);
  if (print === undefined) return false;
  print(nd, at, length);
  return true;
}
