import { FILTER_ORDER, FilterError, isEmptyFilter } from './ast.js';
import type { Filter, FilterField } from './ast.js';
import { ipTest, macTest, or, portTest, protocolTest, vlanTest } from './codegen.js';
import type { Direction } from './codegen.js';
import { behindVlanTag, describeLinkType, linkLayerOf } from './linklayer.js';
import type { LinkLayer } from './linklayer.js';

/** Does the frame buf[offset .. offset + capLen) match? Allocates nothing. */
export type Predicate = (buf: Uint8Array, offset: number, capLen: number) => boolean;

const matchAll: Predicate = () => true;

const DIRECTION: Partial<Record<FilterField, Direction>> = {
  eth: 'either',
  ethsrc: 'src',
  ethdest: 'dst',
  ip: 'either',
  ipsrc: 'src',
  ipdest: 'dst',
  port: 'either',
  srcport: 'src',
  destport: 'dst',
};

/**
 * libpcap refuses, at compile time, MAC addresses and VLAN tags on a link that is not
 * Ethernet ("ethernet addresses supported only on ethernet/...", "no VLAN support for
 * Linux cooked v1"). We refuse the same combinations the same way: a FilterError.
 */
function refuseNonEthernet(f: Filter, l: LinkLayer): void {
  if (l.ethernet) return;
  for (const key of ['vlan', 'eth', 'ethsrc', 'ethdest'] as const) {
    if (f[key].length > 0) {
      const what = key === 'vlan' ? 'VLAN tags' : 'MAC addresses';
      throw new FilterError(`${key} cannot be used on ${l.name} captures: ${what} are filtered only on Ethernet`, key);
    }
  }
}

/**
 * Several alternatives of an either-direction key are tested source side first, then
 * destination side (`src A or src B or dst A or dst B`), the order of toBpf's text.
 * It matters for short packets: libpcap's optimizer merges `port A or port B` into
 * that order, so a packet whose source port matches B is accepted before the
 * destination port (perhaps beyond the captured bytes) is ever loaded.
 */
function bySide<T>(dir: Direction, values: readonly T[], test: (d: Direction, v: T) => string): string[] {
  if (dir !== 'either' || values.length < 2) return values.map((v) => test(dir, v));
  return [...values.map((v) => test('src', v)), ...values.map((v) => test('dst', v))];
}

/** JS source of the whole test, keys ANDed in FILTER_ORDER (the order of toBpf's text). */
export function predicateSource(f: Filter, base: LinkLayer): string {
  const l = f.vlan.length > 0 ? behindVlanTag(base) : base;
  const groups: string[] = [];
  for (const key of FILTER_ORDER) {
    const dir = DIRECTION[key] ?? 'either';
    let alternatives: string[];
    switch (key) {
      case 'vlan':
        alternatives = f.vlan.length > 0 ? [vlanTest(f.vlan)] : [];
        break;
      case 'eth':
      case 'ethsrc':
      case 'ethdest':
        alternatives = bySide(dir, f[key], (d, m) => macTest(d, m));
        break;
      case 'protocol':
        alternatives = f.protocol.map((p) => protocolTest(l, p));
        break;
      case 'ip':
      case 'ipsrc':
      case 'ipdest':
        alternatives = bySide(dir, f[key], (d, p) => ipTest(l, d, p));
        break;
      case 'port':
      case 'srcport':
      case 'destport':
        alternatives = bySide(dir, f[key], (d, r) => portTest(l, d, r));
        break;
    }
    if (alternatives.length > 0) groups.push(or(alternatives));
  }
  return groups.join('&&');
}

/**
 * Compiles the filter for frames of one link type into a specialised function (as a
 * BPF JIT would: offsets and constants inlined). Supports Ethernet, Linux cooked v1
 * and v2, RAW, IPV4 and IPV6. A frame too short for a field the filter reads does
 * not match (as in BPF). A test libpcap would reject as "rejects all packets" (arp
 * on raw IP) compiles here to a predicate that matches nothing.
 */
export function compilePredicate(f: Filter, linkType: number): Predicate {
  if (isEmptyFilter(f)) return matchAll;
  const l = linkLayerOf(linkType);
  if (!l) {
    throw new FilterError(
      `cannot filter ${describeLinkType(linkType)} captures: filters apply to Ethernet, Linux cooked and raw IP frames`,
      describeLinkType(linkType),
    );
  }
  refuseNonEthernet(f, l);
  const test = predicateSource(f, l);
  const body = `"use strict";return function match(b,o,c){const e=o+c;let bad=false,t=0,x=0;const r=${test};return r&&!bad;};`;
  return new Function(body)() as Predicate;
}

