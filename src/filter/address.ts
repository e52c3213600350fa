import type { IpPrefix, MacAddress } from './ast.js';

/** Why an address token was refused, or the address. Kept as data so parse.ts words the message. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; why: 'syntax' | 'prefix' | 'hostbits'; masked?: T };

const HEX_PAIR = /^[0-9a-f]{1,2}$/i;

/** aa:bb:cc:dd:ee:ff or aa-bb-cc-dd-ee-ff (one or two hex digits per byte) or Cisco aabb.ccdd.eeff. */
export function parseMac(text: string): MacAddress | null {
  let parts: string[];
  if (/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i.test(text)) {
    parts = text.replace(/\./g, '').match(/../g) ?? [];
  } else {
    parts = text.split(text.includes('-') ? '-' : ':');
  }
  if (parts.length !== 6 || !parts.every((p) => HEX_PAIR.test(p))) return null;
  return { bytes: parts.map((p) => parseInt(p, 16)) };
}

export function formatMac(mac: MacAddress): string {
  return mac.bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

function parseIpv6(text: string): number[] | null {
  if (!/^[0-9a-f:.]+$/i.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    const items = s.split(':');
    for (let i = 0; i < items.length; i++) {
      const g = items[i];
      if (i === items.length - 1 && g.includes('.')) {
        const v4 = parseIpv4(g);
        if (!v4) return null;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
        out.push(parseInt(g, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  if (!head) return null;
  let all: number[];
  if (halves.length === 2) {
    const tail = groups(halves[1]);
    if (!tail) return null;
    // An embedded IPv4 address may only end the address.
    if (halves[0].includes('.')) return null;
    const fill = 8 - head.length - tail.length;
    if (fill < 1) return null;
    all = [...head, ...new Array<number>(fill).fill(0), ...tail];
  } else {
    all = head;
  }
  if (all.length !== 8) return null;
  const bytes: number[] = [];
  for (const g of all) bytes.push(g >> 8, g & 0xff);
  return bytes;
}

/** Byte i of a prefix mask of `prefix` bits. */
export function maskByte(prefix: number, i: number): number {
  const bits = Math.max(0, Math.min(8, prefix - i * 8));
  return (0xff00 >> bits) & 0xff;
}

/**
 * `10.0.0.1`, `10.0.0.0/8`, `2001:db8::1`, `2001:db8::/32`. Like libpcap, a network
 * with host bits set (`10.0.0.1/8`) is refused rather than silently masked: the
 * technician may have typed the wrong prefix length.
 */
export function parseIpPrefix(text: string): Parsed<IpPrefix> {
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const v4 = parseIpv4(addrText);
  const bytes = v4 ?? parseIpv6(addrText);
  if (!bytes) return { ok: false, why: 'syntax' };
  const family: 4 | 6 = v4 ? 4 : 6;
  const maxPrefix = bytes.length * 8;
  let prefix = maxPrefix;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > maxPrefix) return { ok: false, why: 'prefix' };
    prefix = Number(p);
  }
  const masked = bytes.map((b, i) => b & maskByte(prefix, i));
  if (masked.some((b, i) => b !== bytes[i])) {
    return { ok: false, why: 'hostbits', masked: { family, bytes: masked, prefix } };
  }
  return { ok: true, value: { family, bytes, prefix } };
}

function formatIpv6(bytes: readonly number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  // RFC 5952: compress the longest run (of at least two) of zero groups, the first on a tie.
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestAt = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (gs: number[]): string => gs.map((g) => g.toString(16)).join(':');
  if (bestAt < 0) return hex(groups);
  return `${hex(groups.slice(0, bestAt))}::${hex(groups.slice(bestAt + bestLen))}`;
}

/** Canonical text: the address alone for a host, address/prefix for a network. */
export function formatIpPrefix(p: IpPrefix): string {
  const addr = p.family === 4 ? p.bytes.join('.') : formatIpv6(p.bytes);
  return isHost(p) ? addr : `${addr}/${p.prefix}`;
}

export function isHost(p: IpPrefix): boolean {
  return p.prefix === p.bytes.length * 8;
}
