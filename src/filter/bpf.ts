import { FILTER_ORDER } from './ast.js';
import type { Filter, FilterField, IpPrefix, MacAddress, PortRange, Protocol } from './ast.js';
import { formatIpPrefix, formatMac, isHost } from './address.js';

type Direction = '' | 'src ' | 'dst ';

function ether(dir: Direction, m: MacAddress): string {
  return `ether ${dir || 'host '}${formatMac(m)}`;
}

function ip(dir: Direction, p: IpPrefix): string {
  const family = p.family === 4 ? 'ip' : 'ip6';
  return `${family} ${dir}${isHost(p) ? 'host' : 'net'} ${formatIpPrefix(p)}`;
}

function port(dir: Direction, r: PortRange): string {
  return r.lo === r.hi ? `${dir}port ${r.lo}` : `${dir}portrange ${r.lo}-${r.hi}`;
}

function protocol(p: Protocol): string {
  return p.kind === 'number' ? `proto ${p.number}` : p.kind;
}

/**
 * Several VLAN IDs cannot be written `vlan 10 or vlan 20`: in libpcap every `vlan`
 * moves the offsets of what follows by 4 bytes, so the second would test an inner
 * (QinQ) tag. One `vlan` and a test of the tag through ether[] (which `vlan` does
 * not move) keeps it to one level.
 */
function vlan(ids: readonly number[]): string {
  if (ids.length === 1) return `vlan ${ids[0]}`;
  return `vlan and (${ids.map((id) => `ether[14:2] & 0xfff = ${id}`).join(' or ')})`;
}

/** As the predicate: several either-direction alternatives become all sources, then all destinations. */
function bySide<T>(values: readonly T[], term: (dir: Direction, v: T) => string): string[] {
  if (values.length < 2) return values.map((v) => term('', v));
  return [...values.map((v) => term('src ', v)), ...values.map((v) => term('dst ', v))];
}

function terms(f: Filter, key: FilterField): string[] {
  switch (key) {
    case 'vlan':
      return f.vlan.length ? [vlan(f.vlan)] : [];
    case 'eth':
      return bySide(f.eth, ether);
    case 'ethsrc':
      return f.ethsrc.map((m) => ether('src ', m));
    case 'ethdest':
      return f.ethdest.map((m) => ether('dst ', m));
    case 'protocol':
      return f.protocol.map(protocol);
    case 'ip':
      return bySide(f.ip, ip);
    case 'ipsrc':
      return f.ipsrc.map((p) => ip('src ', p));
    case 'ipdest':
      return f.ipdest.map((p) => ip('dst ', p));
    case 'port':
      return bySide(f.port, port);
    case 'srcport':
      return f.srcport.map((r) => port('src ', r));
    case 'destport':
      return f.destport.map((r) => port('dst ', r));
  }
}

/**
 * libpcap filter text with the same meaning as the JS predicate. In libpcap `and`
 * and `or` bind equally tight, so every group of alternatives is parenthesised.
 * '' for the empty filter (capture everything).
 */
export function toBpf(f: Filter): string {
  const groups: string[] = [];
  for (const key of FILTER_ORDER) {
    const t = terms(f, key);
    if (t.length === 1) groups.push(t[0]);
    else if (t.length > 1) groups.push(`(${t.join(' or ')})`);
  }
  return groups.join(' and ');
}
