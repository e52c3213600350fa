import { LinkType, linkTypeName, normalizeLinkType } from '../pcap/linktype.js';

/**
 * Where libpcap 1.10 finds the network layer for each link type it filters on
 * (gencode.c: init_linktype, gen_linktype). "Which network protocol" is tested
 * exactly as libpcap does, because a frame that libpcap calls IPv4 and we do not
 * (or the other way round) would break agreement:
 * - Ethernet and Linux cooked v1/v2 compare a 16-bit EtherType field;
 * - RAW (101) looks at the IP version nibble;
 * - IPV4 (228) is IPv4 without looking, never IPv6 or ARP; IPV6 (229) the reverse.
 */
export interface LinkLayer {
  readonly linkType: number;
  readonly name: string;
  /** Source and destination MACs at 6 and 0, and 802.1Q tags at 12: only Ethernet. */
  readonly ethernet: boolean;
  /** Offset of the 16-bit EtherType-like protocol field, or -1 when the link has none. */
  readonly etherTypeAt: number;
  /** Offset of the IP header. */
  readonly l3: number;
  /** How IPv4/IPv6 are recognised when there is no protocol field. */
  readonly version: 'field' | 'nibble' | 'ipv4' | 'ipv6';
}

const ETHERNET: LinkLayer = { linkType: LinkType.ETHERNET, name: 'EN10MB', ethernet: true, etherTypeAt: 12, l3: 14, version: 'field' };

const layers: Record<number, LinkLayer> = {
  [LinkType.ETHERNET]: ETHERNET,
  // Linux cooked v1: 16-byte header, protocol at 14.
  [LinkType.LINUX_SLL]: { linkType: LinkType.LINUX_SLL, name: 'LINUX_SLL', ethernet: false, etherTypeAt: 14, l3: 16, version: 'field' },
  // Linux cooked v2: 20-byte header, protocol first.
  [LinkType.LINUX_SLL2]: { linkType: LinkType.LINUX_SLL2, name: 'LINUX_SLL2', ethernet: false, etherTypeAt: 0, l3: 20, version: 'field' },
  [LinkType.RAW]: { linkType: LinkType.RAW, name: 'RAW', ethernet: false, etherTypeAt: -1, l3: 0, version: 'nibble' },
  [LinkType.IPV4]: { linkType: LinkType.IPV4, name: 'IPV4', ethernet: false, etherTypeAt: -1, l3: 0, version: 'ipv4' },
  [LinkType.IPV6]: { linkType: LinkType.IPV6, name: 'IPV6', ethernet: false, etherTypeAt: -1, l3: 0, version: 'ipv6' },
};

/** null for a link type pcapdump does not filter (the caller words the error). */
export function linkLayerOf(linkType: number): LinkLayer | null {
  return layers[normalizeLinkType(linkType)] ?? null;
}

/** After `vlan`, libpcap reads the EtherType and the IP header 4 bytes further on. */
export function behindVlanTag(l: LinkLayer): LinkLayer {
  return { ...l, etherTypeAt: l.etherTypeAt + 4, l3: l.l3 + 4 };
}

export const FILTERED_LINK_TYPES: readonly number[] = Object.keys(layers).map(Number);

export function describeLinkType(linkType: number): string {
  return linkTypeName(normalizeLinkType(linkType));
}
