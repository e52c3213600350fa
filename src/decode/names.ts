/** Names for the protocols a brief line mentions without decoding them (tcpdump's spelling). */

const ipProtoNames: Record<number, string> = {
  0: 'HBH',
  1: 'ICMP',
  2: 'IGMP',
  4: 'IPIP',
  6: 'TCP',
  8: 'EGP',
  17: 'UDP',
  33: 'DCCP',
  41: 'IP6',
  43: 'srcrt',
  44: 'frag',
  46: 'RSVP',
  47: 'GRE',
  50: 'ESP',
  51: 'AH',
  58: 'ICMP6',
  59: 'no next header',
  60: 'DSTOPT',
  88: 'EIGRP',
  89: 'OSPF',
  103: 'PIM',
  112: 'VRRP',
  115: 'L2TP',
  132: 'SCTP',
  135: 'mobility',
  136: 'UDPLite',
};

/** Known name, or undefined: the caller then prints tcpdump's `ip-proto-N`. */
export function ipProtoName(proto: number): string | undefined {
  return ipProtoNames[proto];
}

const etherTypeNames: Record<number, string> = {
  0x0800: 'IPv4',
  0x0806: 'ARP',
  0x8035: 'RARP',
  0x809b: 'AppleTalk',
  0x80f3: 'AARP',
  0x8100: '802.1Q',
  0x8137: 'IPX',
  0x86dd: 'IPv6',
  0x8808: 'Pause',
  0x8809: 'Slow Protocols',
  0x8847: 'MPLS unicast',
  0x8848: 'MPLS multicast',
  0x8863: 'PPPoE D',
  0x8864: 'PPPoE S',
  0x888e: 'EAPOL',
  0x88a8: '802.1Q-QinQ',
  0x88cc: 'LLDP',
  0x88e5: 'MACsec',
  0x88f7: 'PTP',
  0x8902: 'CFM',
  0x9000: 'Loopback',
  0x9100: '802.1Q-9100',
};

export function etherTypeName(type: number): string {
  return etherTypeNames[type] ?? 'Unknown';
}

const HEX = '0123456789abcdef';

/** 0x followed by exactly four hex digits, as tcpdump prints an ethertype. */
export function hex4(v: number): string {
  return '0x' + HEX[(v >> 12) & 15] + HEX[(v >> 8) & 15] + HEX[(v >> 4) & 15] + HEX[v & 15];
}

export function hex2(v: number): string {
  return '0x' + HEX[(v >> 4) & 15] + HEX[v & 15];
}
