import type { Filter, IpPrefix, Protocol } from './ast.js';
import { linkLayerOf } from './linklayer.js';

/**
 * What the compiled program knows of a packet on one path through it: the network
 * family, and the protocol byte(s) it has tested. undefined: not tested on this path.
 */
interface Path {
  family?: 'ipv4' | 'ipv6' | 'arp';
  /** IPv4 protocol, or the IPv6 fixed header's next header. */
  proto?: number;
}

const IPV6_FRAGMENT = 44;
const TRANSPORT_WITH_PORTS = [6, 17, 132];

/**
 * The paths libpcap's code for the protocol key takes: `proto N` is one test on IPv4, and
 * on IPv6 either the fixed header's next header or a fragment header's (two paths).
 */
function protocolPaths(p: Protocol): Path[] {
  switch (p.kind) {
    case 'arp':
      return [{ family: 'arp' }];
    case 'icmp':
      return [{ family: 'ipv4', proto: 1 }];
    case 'icmp6':
      return [
        { family: 'ipv6', proto: 58 },
        { family: 'ipv6', proto: IPV6_FRAGMENT },
      ];
    case 'tcp':
    case 'udp':
    case 'number': {
      const n = p.kind === 'number' ? p.number : p.kind === 'tcp' ? 6 : 17;
      return [
        { family: 'ipv4', proto: n },
        { family: 'ipv6', proto: n },
        { family: 'ipv6', proto: IPV6_FRAGMENT },
      ];
    }
  }
}

/** Families a link type can carry, as its filter code tells them (EtherType, version nibble, or fixed). */
function linkFamilies(linkType: number): Path['family'][] {
  switch (linkLayerOf(linkType)?.version) {
    case 'ipv4':
      return ['ipv4'];
    case 'ipv6':
      return ['ipv6'];
    case 'nibble':
      return ['ipv4', 'ipv6'];
    default:
      return ['ipv4', 'ipv6', 'arp'];
  }
}

/**
 * After a group of address alternatives the paths of one family meet in the same blocks:
 * what is still known there is what all of them knew. A path that has not tested its
 * family yet learns it from the alternative it passes.
 */
function throughAddresses(paths: Path[], group: readonly IpPrefix[]): Path[] {
  const out: Path[] = [];
  for (const family of ['ipv4', 'ipv6'] as const) {
    if (!group.some((a) => (a.family === 4 ? 'ipv4' : 'ipv6') === family)) continue;
    const reaching = paths.filter((p) => p.family === undefined || p.family === family);
    if (reaching.length === 0) continue;
    const proto = reaching.every((p) => p.proto !== undefined && p.proto === reaching[0].proto) ? reaching[0].proto : undefined;
    out.push({ family, proto });
  }
  return out;
}

/** Whether libpcap can rule out a port test on this path: not IP, or a known protocol without ports. */
function portImpossible(p: Path): boolean {
  if (p.family === 'arp') return true;
  return p.proto !== undefined && !TRANSPORT_WITH_PORTS.includes(p.proto);
}

/**
 * Whether libpcap would refuse the filter on this link type with "expression rejects all
 * packets", as a live `start` does, so that a replay says the same. libpcap finds out when
 * its optimizer, following each path through the program, proves every path ends in
 * "reject": keys that ask for different families (icmp and an IPv6 address, arp and a port,
 * icmp6 on a raw IPv4 link), or a port on a path whose protocol it knows has none. What it
 * knows is lost where paths meet before an untested address (the two IPv6 paths of `proto`,
 * or several protocols, then an address group): there it compiles a filter that matches
 * nothing, and so do we. Checked against tcpdump -d in test/filter/rejects-all.test.ts.
 */
export function matchesNothing(f: Filter, linkType: number): boolean {
  const families = linkFamilies(linkType);
  let paths: Path[] = f.protocol.length > 0 ? f.protocol.flatMap(protocolPaths) : [{}];
  paths = paths.filter((p) => p.family === undefined || families.includes(p.family));
  if (paths.length === 0) return true;
  for (const group of [f.ip, f.ipsrc, f.ipdest]) {
    if (group.length === 0) continue;
    paths = throughAddresses(
      paths.flatMap((p) => (p.family === undefined ? families.filter((x) => x !== 'arp').map((family) => ({ family })) : [p])),
      group,
    );
    if (paths.length === 0) return true;
  }
  if (f.port.length + f.srcport.length + f.destport.length > 0) return paths.every(portImpossible);
  return false;
}
