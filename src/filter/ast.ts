/**
 * The filter as data: one list of alternatives per key. Different keys are ANDed,
 * the alternatives within one key are ORed. Both back ends (libpcap text and the JS
 * predicate) walk the keys in FILTER_ORDER, so the two evaluate in the same order.
 */

/** Six bytes, most significant first. */
export interface MacAddress {
  readonly bytes: readonly number[];
}

/** An IPv4 or IPv6 host (prefix 32 / 128) or network; host bits are always zero. */
export interface IpPrefix {
  readonly family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  readonly bytes: readonly number[];
  readonly prefix: number;
}

/** Inclusive; a single port has lo === hi. */
export interface PortRange {
  readonly lo: number;
  readonly hi: number;
}

/**
 * The "protocol" key: `tcp udp` means tcp OR udp, as a technician expects.
 * tcp/udp/number match IPv4 and IPv6 (libpcap's `proto N`); icmp is IPv4 only and
 * icmp6 IPv6 only (as libpcap's `icmp`/`icmp6`); arp is the ARP EtherType.
 */
export type Protocol =
  | { readonly kind: 'tcp' | 'udp' | 'icmp' | 'icmp6' | 'arp' }
  | { readonly kind: 'number'; readonly number: number };

export interface Filter {
  readonly vlan: readonly number[];
  readonly eth: readonly MacAddress[];
  readonly ethsrc: readonly MacAddress[];
  readonly ethdest: readonly MacAddress[];
  readonly protocol: readonly Protocol[];
  readonly ip: readonly IpPrefix[];
  readonly ipsrc: readonly IpPrefix[];
  readonly ipdest: readonly IpPrefix[];
  readonly port: readonly PortRange[];
  readonly srcport: readonly PortRange[];
  readonly destport: readonly PortRange[];
}

export type FilterField = keyof Filter;

/**
 * Evaluation and printing order. vlan comes first because in libpcap a `vlan`
 * shifts the offsets of everything written after it.
 */
export const FILTER_ORDER: readonly FilterField[] = [
  'vlan',
  'eth',
  'ethsrc',
  'ethdest',
  'protocol',
  'ip',
  'ipsrc',
  'ipdest',
  'port',
  'srcport',
  'destport',
];

export function emptyFilter(): Filter {
  return {
    vlan: [],
    eth: [],
    ethsrc: [],
    ethdest: [],
    protocol: [],
    ip: [],
    ipsrc: [],
    ipdest: [],
    port: [],
    srcport: [],
    destport: [],
  };
}

export function isEmptyFilter(f: Filter): boolean {
  return FILTER_ORDER.every((k) => f[k].length === 0);
}

/** A malformed filter, or one that cannot apply to a link type. The message has no "pcapdump: " prefix. */
export class FilterError extends Error {
  constructor(
    message: string,
    /** The token at fault (for "got nothing", the key that wanted a value). */
    readonly token: string,
  ) {
    super(message);
    this.name = 'FilterError';
  }
}
