import type { IpPrefix, MacAddress, PortRange, Protocol } from './ast.js';
import { maskByte } from './address.js';
import type { LinkLayer } from './linklayer.js';

/**
 * JavaScript source for the generated predicate, in the way libpcap's BPF reads a
 * frame. The generated function has these locals:
 *   b: the bytes, o: where the frame starts, e: where the captured bytes end,
 *   bad: set when a load fell outside the frame, t/x: scratch (x = IPv4 header length).
 * In BPF a load beyond the captured bytes rejects the whole packet at once, even
 * inside an `or`; so every load here is bounds-checked, sets `bad` when it misses,
 * and the predicate returns `result && !bad`. Loads happen in the order libpcap's
 * program makes them, so a short frame is rejected exactly when BPF rejects it.
 */

const at = (k: number): string => (k === 0 ? 'o' : `o+${k}`);

/** One byte at expression `off`; -1 (never equal to a byte) after setting bad. */
function ld8(off: string): string {
  return `(${off}<e?b[${off}]:(bad=true,-1))`;
}

/** Big-endian 16 bits at expression `off`. */
function ld16(off: string): string {
  return `(${off}+1<e?(b[${off}]<<8|b[${off}+1]):(bad=true,-1))`;
}

/**
 * BPF compares addresses 32 bits at a time (`ld [k]`, optional `and mask`, `jeq`):
 * a word is loaded only if its mask is not zero (the optimizer drops `and #0`).
 * Each word needs all four bytes captured.
 */
function wordsEqual(start: number, bytes: readonly number[], prefix: number): string {
  const words: string[] = [];
  for (let w = 0; w * 4 < bytes.length; w++) {
    const tests: string[] = [];
    for (let i = w * 4; i < w * 4 + 4; i++) {
      const m = maskByte(prefix, i);
      if (m === 0) continue;
      tests.push(m === 0xff ? `b[${at(start + i)}]===${bytes[i]}` : `(b[${at(start + i)}]&${m})===${bytes[i]}`);
    }
    if (tests.length === 0) continue;
    words.push(`(${at(start + w * 4 + 4)}<=e?(${tests.join('&&')}):(bad=true,false))`);
  }
  return words.length === 0 ? 'true' : words.join('&&');
}

export type Direction = 'either' | 'src' | 'dst';

function either(dir: Direction, src: () => string, dst: () => string): string {
  if (dir === 'src') return src();
  if (dir === 'dst') return dst();
  return `(${src()}||${dst()})`;
}

/** libpcap gen_linktype for IPv4 / IPv6 / ARP on this link. */
export function isIpv4(l: LinkLayer): string {
  if (l.version === 'field') return `${ld16(at(l.etherTypeAt))}===2048`;
  if (l.version === 'nibble') return `(${ld8(at(l.l3))}&240)===64`;
  return l.version === 'ipv4' ? 'true' : 'false';
}

export function isIpv6(l: LinkLayer): string {
  if (l.version === 'field') return `${ld16(at(l.etherTypeAt))}===34525`;
  if (l.version === 'nibble') return `(${ld8(at(l.l3))}&240)===96`;
  return l.version === 'ipv6' ? 'true' : 'false';
}

function isArp(l: LinkLayer): string {
  return l.version === 'field' ? `${ld16(at(l.etherTypeAt))}===2054` : 'false';
}

function and(...parts: string[]): string {
  if (parts.includes('false')) return 'false';
  const kept = parts.filter((p) => p !== 'true');
  return kept.length === 0 ? 'true' : `(${kept.join('&&')})`;
}

export function or(parts: string[]): string {
  const kept = parts.filter((p) => p !== 'false');
  return kept.length === 0 ? 'false' : kept.length === 1 ? kept[0] : `(${kept.join('||')})`;
}

/** `ether host|src|dst`: libpcap loads the low word (bytes 2..5 of the MAC) before the high half. */
export function macTest(dir: Direction, mac: MacAddress): string {
  const m = mac.bytes;
  const side = (base: number): string =>
    `(${at(base + 6)}<=e?(${[2, 3, 4, 5, 0, 1].map((i) => `b[${at(base + i)}]===${m[i]}`).join('&&')}):(bad=true,false))`;
  return either(dir, () => side(6), () => side(0));
}

/** `vlan N...`: the outer tag's TPID is any of libpcap's three, then its 12-bit ID. */
export function vlanTest(ids: readonly number[]): string {
  const tpid = `((t=${ld16('o+12')})===33024||t===34984||t===37120)`;
  const id = `((t=${ld16('o+14')}&4095)===${ids[0]}${ids.slice(1).map((v) => `||t===${v}`).join('')})`;
  return `(${tpid}&&${id})`;
}

/** `ip host|net` (src 12, dst 16) and `ip6 host|net` (src 8, dst 24). */
export function ipTest(l: LinkLayer, dir: Direction, p: IpPrefix): string {
  if (p.family === 4) {
    return and(isIpv4(l), either(dir, () => wordsEqual(l.l3 + 12, p.bytes, p.prefix), () => wordsEqual(l.l3 + 16, p.bytes, p.prefix)));
  }
  return and(isIpv6(l), either(dir, () => wordsEqual(l.l3 + 8, p.bytes, p.prefix), () => wordsEqual(l.l3 + 24, p.bytes, p.prefix)));
}

/** `ip proto N`: the protocol byte only, fragments included. */
function ipv4Proto(l: LinkLayer, n: number): string {
  return and(isIpv4(l), `${ld8(at(l.l3 + 9))}===${n}`);
}

/** `ip6 proto N`: the fixed header's next header, or the one after a fragment header (44). */
function ipv6Proto(l: LinkLayer, n: number): string {
  return and(isIpv6(l), `((t=${ld8(at(l.l3 + 6))})===${n}||(t===44&&${ld8(at(l.l3 + 40))}===${n}))`);
}

export function protocolTest(l: LinkLayer, p: Protocol): string {
  switch (p.kind) {
    case 'tcp':
      return or([ipv4Proto(l, 6), ipv6Proto(l, 6)]);
    case 'udp':
      return or([ipv4Proto(l, 17), ipv6Proto(l, 17)]);
    case 'number':
      return or([ipv4Proto(l, p.number), ipv6Proto(l, p.number)]);
    case 'icmp':
      return ipv4Proto(l, 1);
    case 'icmp6':
      return ipv6Proto(l, 58);
    case 'arp':
      return isArp(l);
  }
}

function portAt(off: string, r: PortRange): string {
  return r.lo === r.hi ? `${ld16(off)}===${r.lo}` : `((t=${ld16(off)})>=${r.lo}&&t<=${r.hi})`;
}

/** TCP, UDP or SCTP: libpcap's `port` covers all three. */
const transport = (load: string): string => `((t=${load})===132||t===6||t===17)`;

/**
 * libpcap `[src|dst] port|portrange`. IPv4: only the first fragment (offset 0), and
 * the transport header found through the IHL nibble (not validated, as in BPF).
 * IPv6: only the fixed header's next header, transport header at 40.
 */
export function portTest(l: LinkLayer, dir: Direction, r: PortRange): string {
  const v4Base = `o+x+${l.l3}`;
  const v4 = and(
    isIpv4(l),
    transport(ld8(at(l.l3 + 9))),
    `(${ld16(at(l.l3 + 6))}&8191)===0`,
    `(x=(${ld8(at(l.l3))}&15)<<2,${either(dir, () => portAt(v4Base, r), () => portAt(`${v4Base}+2`, r))})`,
  );
  const v6Base = l.l3 + 40;
  const v6 = and(
    isIpv6(l),
    transport(ld8(at(l.l3 + 6))),
    either(dir, () => portAt(at(v6Base), r), () => portAt(at(v6Base + 2), r)),
  );
  return or([v4, v6]);
}
