import type { Dissector } from './dissector.js';
import { charText } from './print/tcp.js';

/**
 * tcpdump's ways of printing a string from the packet (util-print.c's nd_print*):
 * non-printable bytes as fn_print_char shows them (M- for the high bit, ^ for controls).
 * Each builds the text and prints it once, except where tcpdump may stop part-way by a
 * truncation: there the part read so far is printed before the read that throws.
 */

/**
 * nd_printn: n bytes, stopping at ep (the capture's end, usually; Infinity for tcpdump's
 * NULL, which reads on until a read fails); true when it stopped before n (the caller
 * prints its truncation).
 */
export function printn(nd: Dissector, s: number, n: number, ep: number = nd.snapend): boolean {
  let t = '';
  while (n > 0 && s < ep) {
    if (!nd.has(s, 1)) {
      // Past the capture with no ep to stop at: what came before is printed, then the packet ends.
      nd.print(t);
      nd.trunc();
    }
    n--;
    t += charText(nd.buf[s]);
    s++;
  }
  nd.print(t);
  return n !== 0;
}

/**
 * nd_printztn: a NUL-terminated string in a field of n bytes (or what remains of the
 * packet), stopping at ep. Returns the bytes used, NUL included, or 0 when no NUL came
 * before the field's or the capture's end.
 */
export function printztn(nd: Dissector, s: number, n: number, ep: number = nd.snapend): number {
  let t = '';
  let bytes = 0;
  for (;;) {
    if (n === 0 || s >= ep) {
      bytes = 0;
      break;
    }
    const c = nd.u8(s);
    s++;
    bytes++;
    n--;
    if (c === 0) break;
    t += charText(c);
  }
  nd.print(t);
  return bytes;
}

/**
 * nd_printjnp: at most n bytes, up to a NUL; a read past the capture ends the packet
 * as truncated (after printing what came before it).
 */
export function printjnp(nd: Dissector, s: number, n: number): void {
  let t = '';
  while (n > 0) {
    if (!nd.has(s, 1)) {
      nd.print(t);
      nd.trunc();
    }
    const c = nd.buf[s];
    if (c === 0) break;
    t += charText(c);
    n--;
    s++;
  }
  nd.print(t);
}

/** nd_printjn: n bytes, NULs included; truncation as printjnp. */
export function printjn(nd: Dissector, s: number, n: number): void {
  let t = '';
  while (n > 0) {
    if (!nd.has(s, 1)) {
      nd.print(t);
      nd.trunc();
    }
    t += charText(nd.buf[s]);
    n--;
    s++;
  }
  nd.print(t);
}

/** The bytes as printable ASCII, '.' for the rest (the loops around ND_ASCII_ISPRINT). */
export function asciiOrDot(nd: Dissector, s: number, n: number): string {
  nd.need(s, n);
  let t = '';
  for (let i = 0; i < n; i++) {
    const c = nd.buf[s + i];
    t += c >= 0x20 && c <= 0x7e ? String.fromCharCode(c) : '.';
  }
  return t;
}
