import { FILTER_ORDER } from './ast.js';
import type { Filter, PortRange, Protocol } from './ast.js';
import { formatIpPrefix, formatMac } from './address.js';

export function formatPortRange(r: PortRange): string {
  return r.lo === r.hi ? String(r.lo) : `${r.lo}-${r.hi}`;
}

function formatProtocol(p: Protocol): string {
  return p.kind === 'number' ? `proto ${p.number}` : p.kind;
}

/** Canonical user syntax (keys in a fixed order, addresses normalised); '' for the empty filter. */
export function formatFilter(f: Filter): string {
  const words: string[] = [];
  for (const key of FILTER_ORDER) {
    switch (key) {
      case 'vlan':
        for (const v of f.vlan) words.push(`vlan ${v}`);
        break;
      case 'eth':
      case 'ethsrc':
      case 'ethdest':
        for (const m of f[key]) words.push(`${key} ${formatMac(m)}`);
        break;
      case 'protocol':
        for (const p of f.protocol) words.push(formatProtocol(p));
        break;
      case 'ip':
      case 'ipsrc':
      case 'ipdest':
        for (const p of f[key]) words.push(`${key} ${formatIpPrefix(p)}`);
        break;
      case 'port':
      case 'srcport':
      case 'destport':
        for (const r of f[key]) words.push(`${key} ${formatPortRange(r)}`);
        break;
    }
  }
  return words.join(' ');
}
