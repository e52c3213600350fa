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
 * printf's "%.Nf" for the values these printers print (a count over a power of two,
 * a fixed-point field): exact halves round to even as glibc's printf does, where
 * JavaScript's toFixed rounds them up (0.125 is "0.12" in tcpdump).
 */
export function fixed(v: number, digits: number): string {
  const scale = 10 ** digits;
  const x = v * scale;
  const floor = Math.floor(x);
  let n = floor;
  const frac = x - floor;
  if (frac > 0.5 || (frac === 0.5 && floor % 2 !== 0)) n++;
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
