import type { Dissector } from '../dissector.js';
import { tok } from '../text.js';
import { charText } from './tcp.js';

/**
 * Text helpers of tcpdump's util-print.c that the routing printers share: strings
 * from the packet (nd_printjnp), C's %.Nf of IEEE floats, PLURAL_SUFFIX.
 */

/** nd_printjnp: up to n characters, stopping at a NUL; a read past the capture ends the packet (longjmp). */
export function printjnp(nd: Dissector, at: number, n: number): void {
  while (n > 0) {
    const c = nd.u8(at);
    if (c === 0) break;
    nd.print(charText(c));
    n--;
    at++;
  }
}

/** nd_printjn: exactly n characters, NULs included (as ^@). */
export function printjn(nd: Dissector, at: number, n: number): void {
  for (; n > 0; n--, at++) nd.print(charText(nd.u8(at)));
}

/** PLURAL_SUFFIX. */
export function plural(n: number): string {
  return n !== 1 ? 's' : '';
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** A 32-bit word read as the IEEE single it holds. */
export function float32(bits: number): number {
  u32[0] = bits >>> 0;
  return f32[0];
}

/**
 * printf's %.<digits>f. toFixed rounds the exact value of the double as glibc does,
 * except on an exact half, which glibc rounds to even and toFixed away from zero
 * (0.125 is "0.12" in tcpdump). A double is an exact half at N digits only when
 * x * 2^(N+1) is an odd integer (0.005 is not: it is a little more than a half, and
 * "0.01"): those are rounded here.
 */
export function fixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  // Beyond 2^53 a double is an integer; toFixed would switch to exponent notation.
  if (Math.abs(x) >= 1e21) return BigInt(x).toString() + (digits > 0 ? '.' + '0'.repeat(digits) : '');
  const t = x * 2 ** (digits + 1);
  if (!Number.isInteger(t) || Math.abs(t) % 2 !== 1 || Math.abs(t) > 2 ** 40) return x.toFixed(digits);
  // x * 10^digits = t * 5^digits / 2, an odd number of halves: lo and lo + 1 are the candidates.
  const lo = (t * 5 ** digits - 1) / 2;
  const n = lo % 2 === 0 ? lo : lo + 1;
  let s = String(Math.abs(n));
  if (digits > 0) {
    while (s.length <= digits) s = '0' + s;
    s = s.slice(0, s.length - digits) + '.' + s.slice(s.length - digits);
  }
  return (n < 0 || (n === 0 && x < 0) ? '-' : '') + s;
}

/** tcpdump's float bandwidth text: the float in bytes/s as %.3f Mbps, computed in float as C does. */
export function mbps(bits: number): string {
  if (Number.isNaN(float32(bits))) return bits & 0x80000000 ? '-nan' : 'nan';
  return fixed(Math.fround(Math.fround(float32(bits) * 8) / 1000000), 3);
}

/** A C format holding several "\n": each one a line break (nd.newline), so the brief line ends at the first. */
export function printLines(nd: Dissector, s: string): void {
  let from = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', from)) {
    if (i > from) nd.print(s.slice(from, i));
    nd.newline();
    from = i + 1;
  }
  if (from < s.length) nd.print(s.slice(from));
}

/** A value -> name table in the C table's order: text.ts's tok() of [value, name] pairs. */
export function toks(entries: readonly (readonly [number, string])[]): ReadonlyMap<number, string> {
  return tok(entries);
}

/** printf's %.<p>g (p significant digits, trailing zeros dropped, exponent form outside 1e-4 .. 1e<p>). */
export function gfmt(x: number, p: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const e = x.toExponential(p - 1);
  const at = e.indexOf('e');
  const exp = Number(e.slice(at + 1));
  const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= p) {
    const ex = Math.abs(exp);
    return trim(e.slice(0, at)) + 'e' + (exp < 0 ? '-' : '+') + (ex < 10 ? '0' : '') + ex;
  }
  return trim(x.toFixed(p - 1 - exp));
}
