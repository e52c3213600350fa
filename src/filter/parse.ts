import { emptyFilter, FilterError } from './ast.js';
import type { Filter, FilterField, IpPrefix, MacAddress, PortRange, Protocol } from './ast.js';
import { formatIpPrefix, parseIpPrefix, parseMac } from './address.js';

/** Every word that starts a filter term, for the console's parser and tab completion. */
export const FILTER_KEYS: readonly string[] = [
  'eth',
  'ethsrc',
  'ethdest',
  'ip',
  'ipsrc',
  'ipdest',
  'port',
  'srcport',
  'destport',
  'proto',
  'tcp',
  'udp',
  'icmp',
  'icmp6',
  'arp',
  'vlan',
];

const keySet = new Set(FILTER_KEYS);

/** Keys are case-insensitive: `TCP` typed on a console is still tcp. */
export function isFilterKey(token: string): boolean {
  return keySet.has(token.toLowerCase());
}

const PROTOCOL_WORDS: Record<string, Protocol> = {
  tcp: { kind: 'tcp' },
  udp: { kind: 'udp' },
  icmp: { kind: 'icmp' },
  icmp6: { kind: 'icmp6' },
  arp: { kind: 'arp' },
};

type Mutable = { -readonly [K in FilterField]: Filter[K][number][] };

function got(value: string | undefined): string {
  return value === undefined ? 'got nothing' : `got "${value}"`;
}

function needMac(key: string, value: string | undefined): MacAddress {
  const mac = value === undefined ? null : parseMac(value);
  if (!mac) throw new FilterError(`${key} needs a MAC address like 00:11:22:33:44:55, ${got(value)}`, value ?? key);
  return mac;
}

function needIp(key: string, value: string | undefined): IpPrefix {
  if (value === undefined) throw new FilterError(`${key} needs an IP address, got nothing`, key);
  const r = parseIpPrefix(value);
  if (r.ok) return r.value;
  if (r.why === 'prefix') {
    throw new FilterError(`${key} needs a prefix length 0-32 (IPv4) or 0-128 (IPv6) after "/", got "${value}"`, value);
  }
  if (r.why === 'hostbits' && r.masked) {
    throw new FilterError(`${key} network "${value}" has host bits set; did you mean ${formatIpPrefix(r.masked)}?`, value);
  }
  throw new FilterError(`${key} needs an IP address, ${got(value)}`, value);
}

function portNumber(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const n = Number(text);
  return n <= 65535 ? n : null;
}

function needPort(key: string, value: string | undefined): PortRange {
  const m = value === undefined ? null : /^(\d+)(?:-(\d+))?$/.exec(value);
  const lo = m ? portNumber(m[1]) : null;
  const hi = m ? (m[2] === undefined ? lo : portNumber(m[2])) : null;
  if (lo === null || hi === null) {
    throw new FilterError(`${key} needs a port number 0-65535 or a range N-M, ${got(value)}`, value ?? key);
  }
  if (lo > hi) throw new FilterError(`${key} range must run from low to high, got "${value}"`, value ?? key);
  return { lo, hi };
}

function needProto(value: string | undefined): Protocol {
  const word = value?.toLowerCase();
  if (word !== undefined && word !== 'arp' && PROTOCOL_WORDS[word]) return PROTOCOL_WORDS[word];
  if (value !== undefined && /^\d{1,3}$/.test(value) && Number(value) <= 255) {
    return { kind: 'number', number: Number(value) };
  }
  throw new FilterError(`proto needs an IP protocol number 0-255 or tcp|udp|icmp|icmp6, ${got(value)}`, value ?? 'proto');
}

function needVlan(value: string | undefined): number {
  if (value === undefined || !/^\d{1,4}$/.test(value) || Number(value) > 4095) {
    throw new FilterError(`vlan needs a VLAN ID 0-4095, ${got(value)}`, value ?? 'vlan');
  }
  return Number(value);
}

function addUnique<T>(list: T[], item: T): void {
  const text = JSON.stringify(item);
  if (!list.some((x) => JSON.stringify(x) === text)) list.push(item);
}

/**
 * Tokens (as the user typed them, one word each) -> Filter. Order does not matter;
 * a repeated key adds an alternative. Throws FilterError naming the token at fault.
 */
export function parseFilter(tokens: readonly string[]): Filter {
  const f = emptyFilter() as unknown as Mutable;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const key = token.toLowerCase();
    const value: string | undefined = tokens[i + 1];
    if (PROTOCOL_WORDS[key]) {
      addUnique(f.protocol, PROTOCOL_WORDS[key]);
      continue;
    }
    switch (key) {
      case 'eth':
      case 'ethsrc':
      case 'ethdest':
        addUnique(f[key], needMac(key, value));
        break;
      case 'ip':
      case 'ipsrc':
      case 'ipdest':
        addUnique(f[key], needIp(key, value));
        break;
      case 'port':
      case 'srcport':
      case 'destport':
        addUnique(f[key], needPort(key, value));
        break;
      case 'proto':
        addUnique(f.protocol, needProto(value));
        break;
      case 'vlan':
        addUnique(f.vlan, needVlan(value));
        break;
      default:
        throw new FilterError(`unknown filter key "${token}"`, token);
    }
    i++;
  }
  return f;
}
