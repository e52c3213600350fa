import type { Dissector } from '../dissector.js';
import { hex } from '../text.js';
import { charText } from './tcp.js';

/**
 * The argument printers of tcpdump's print-rx.c (its FIDOUT, STROUT, INTOUT... macros),
 * reading an AFS call's words in order from `bp`. A check that fails (ND_TCHECK, a
 * string longer than its maximum) throws RX_CUT, which the service printer turns into
 * its " [|fs]"; a read past the capture ends the packet as every GET does.
 */

export const RX_CUT: { readonly cut: true } = Object.freeze({ cut: true });

export const RX_HEADER = 28;

function pad(n: number, w: number): string {
  let s = String(n);
  while (s.length < w) s = '0' + s;
  return s;
}

export class RxOut {
  bp = 0;
  constructor(readonly nd: Dissector) {}

  /** ND_TCHECK_LEN with a trunc label. */
  check(len: number): void {
    if (!this.nd.has(this.bp, len)) throw RX_CUT;
  }

  u32(): number {
    const v = this.nd.u32(this.bp);
    this.bp += 4;
    return v;
  }

  print(s: string): void {
    this.nd.print(s);
  }

  fid(): void {
    this.check(12);
    const n1 = this.u32();
    const n2 = this.u32();
    const n3 = this.u32();
    this.print(' fid ' + n1 + '/' + n2 + '/' + n3);
  }

  str(max: number): void {
    const n = this.nd.u32(this.bp);
    if (n > max) throw RX_CUT;
    this.bp += 4;
    this.print(' "');
    // nd_printn to the capture's end, character by character; cut short, the packet's printer says so.
    let s = '';
    let i = 0;
    for (; i < n && this.bp + i < this.nd.snapend; i++) s += charText(this.nd.u8(this.bp + i));
    this.print(s);
    if (i < n) throw RX_CUT;
    this.print('"');
    this.bp += Math.floor((n + 3) / 4) * 4;
  }

  int(): void {
    this.print(' ' + (this.u32() | 0));
  }

  uint(): void {
    this.print(' ' + this.u32());
  }

  uint64(): void {
    const v = this.nd.u64(this.bp);
    this.bp += 8;
    this.print(' ' + v.toString());
  }

  /** DATEOUT: a signed time in seconds as local time, strftime "%Y/%m/%d %H:%M:%S". */
  date(): void {
    const d = new Date((this.u32() | 0) * 1000);
    this.print(
      ' ' + d.getFullYear() + '/' + pad(d.getMonth() + 1, 2) + '/' + pad(d.getDate(), 2) + ' ' + pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2),
    );
  }

  storeAttr(): void {
    this.check(24);
    const mask = this.u32();
    if (mask) this.print(' StoreStatus');
    if (mask & 1) {
      this.print(' date');
      this.date();
    } else this.bp += 4;
    let v = this.u32();
    if (mask & 2) this.print(' owner ' + v);
    v = this.u32();
    if (mask & 4) this.print(' group ' + v);
    v = this.u32();
    if (mask & 8) this.print(' mode ' + (v & 0o7777).toString(8));
    v = this.u32();
    if (mask & 16) this.print(' segsize ' + v);
    if (mask & 1024) this.print(' fsync');
  }

  ubikVersion(): void {
    this.check(8);
    const epoch = this.u32();
    const counter = this.u32();
    this.print(' ' + epoch + '.' + counter);
  }

  afsUuid(): void {
    this.check(44);
    this.print(' ' + hex(this.u32(), 8));
    this.print(hex(this.u32(), 4));
    this.print(hex(this.u32(), 4));
    for (let i = 0; i < 8; i++) this.print(hex(this.u32() & 0xff, 2));
  }

  /** VECOUT: max characters stored one per 32-bit word, printed to the first NUL. */
  vec(max: number): void {
    this.check(max * 4);
    let s = '';
    let ended = false;
    for (let k = 0; k < max; k++) {
      const c = this.u32() & 0xff;
      if (c === 0) ended = true;
      if (!ended) s += charText(c);
    }
    this.print(' "' + s + '"');
  }

  destServer(): void {
    this.check(12);
    const n1 = this.u32();
    const n2 = this.u32();
    const n3 = this.u32();
    this.print(' server ' + n1 + ':' + n2 + ':' + n3);
  }

  /** A counted list of items, comma-separated, " <none!>" when empty (the bulk-stat and forward-multiple loops). */
  list(item: () => void): void {
    const j = this.u32();
    for (let i = 0; i < j; i++) {
      item();
      if (i !== j - 1) this.print(',');
    }
    if (j === 0) this.print(' <none!>');
  }

  /** A counted list of items without separators, " <none!>" when empty. */
  each(item: () => void): void {
    const j = this.u32();
    for (let i = 0; i < j; i++) item();
    if (j === 0) this.print(' <none!>');
  }
}

/** Runs a service printer's body, ending it with " [|name]" when a check fails (its trunc label). */
export function rxGuard(nd: Dissector, name: string, body: () => void): void {
  try {
    body();
  } catch (e) {
    if (e !== RX_CUT) throw e;
    nd.print(' [|' + name + ']');
  }
}
