import type { Dissector } from '../dissector.js';
import type { Tok } from '../text.js';
import { charText } from './tcp.js';

/**
 * The string and number printers of tcpdump's util-print.c that the link-layer
 * printers share. Each reads through the Dissector, so a string cut by the capture
 * prints what was captured before the truncation ends the packet, as tcpdump's do.
 */

/** nd_printjnp: at most n characters, stopping at a NUL; a read past the capture ends the packet. */
export function printjnp(nd: Dissector, at: number, n: number): void {
  let s = '';
  try {
    for (; n > 0; n--, at++) {
      const c = nd.u8(at);
      if (c === 0) break;
      s += charText(c);
    }
  } finally {
    nd.print(s);
  }
}

/** nd_printjn: exactly n characters (NULs included); a read past the capture ends the packet. */
export function printjn(nd: Dissector, at: number, n: number): void {
  let s = '';
  try {
    for (; n > 0; n--, at++) s += charText(nd.u8(at));
  } finally {
    nd.print(s);
  }
}

/** nd_printn with ep = snapend: at most n characters, stopping at the capture's end; true when cut short. */
export function printn(nd: Dissector, at: number, n: number): boolean {
  let s = '';
  while (n > 0 && at < nd.snapend) {
    n--;
    s += charText(nd.u8(at++));
  }
  nd.print(s);
  return n !== 0;
}

/**
 * nd_printztn with ep = snapend: a NUL-terminated string in a field of n bytes.
 * Returns the bytes used including the NUL, 0 when there was no NUL before the end.
 */
export function printztn(nd: Dissector, at: number, n: number): number {
  let s = '';
  let bytes = 0;
  for (;;) {
    if (n === 0 || at >= nd.snapend) {
      bytes = 0;
      break;
    }
    const c = nd.u8(at++);
    bytes++;
    n--;
    if (c === 0) break;
    s += charText(c);
  }
  nd.print(s);
  return bytes;
}

/**
 * printf's "%.Nf". toFixed rounds the exact value of the double as glibc does, except
 * on an exact half, which glibc rounds to even and toFixed up (0.125 is "0.12" in
 * tcpdump). A double is an exact half at N digits only when v * 2^(N+1) is an odd
 * integer: those are rounded here.
 */
export function fixed(v: number, digits: number): string {
  const t = v * 2 ** (digits + 1);
  if (!Number.isInteger(t) || Math.abs(t) % 2 !== 1 || Math.abs(t) > 2 ** 40) return v.toFixed(digits);
  // v * 10^digits = t * 5^digits / 2, an odd number of halves: lo and lo + 1 are the candidates.
  const halves = t * 5 ** digits;
  const lo = (halves - 1) / 2;
  const n = lo % 2 === 0 ? lo : lo + 1;
  const neg = n < 0;
  let s = String(Math.abs(n));
  if (digits === 0) return (neg ? '-' : '') + s;
  while (s.length <= digits) s = '0' + s;
  return (neg ? '-' : '') + s.slice(0, s.length - digits) + '.' + s.slice(s.length - digits);
}

/** "%08x" of a 32-bit word. */
export function hex8(v: number): string {
  let s = (v >>> 0).toString(16);
  while (s.length < 8) s = '0' + s;
  return s;
}

/**
 * A value -> name table that keeps the order given: bittok2str lists names in the
 * table's order, and text.ts's tok() (an object literal) sorts integer keys.
 */
export function tokList(entries: readonly (readonly [number, string])[]): Tok {
  return new Map(entries);
}
