import { TRUNCATED, type Dissector } from './dissector.js';
import { hex, hex2 } from './text.js';

/**
 * tcpdump's hex dumps (print-ascii.c): what it prints on the lines after a packet's
 * first for bytes no printer knows (and what -x/-X print). Each line starts with
 * `ident` ("\n\t"); a dump that runs past the captured bytes ends the packet as
 * truncated, as tcpdump's does.
 */

function isGraph(c: number): boolean {
  return c > 0x20 && c < 0x7f;
}

/** hex_and_ascii_print_with_offset: "0x0000:  4500 0054 ...  E..T" lines. */
export function hexAndAsciiPrint(nd: Dissector, ident: string, at: number, length: number, oset = 0): void {
  const caplength = nd.avail(at);
  let truncated = false;
  if (length > caplength) {
    length = caplength;
    truncated = true;
  }
  let hexstuff = '';
  let ascii = '';
  let i = 0;
  const line = () => {
    let h = hexstuff;
    while (h.length < 40) h += ' ';
    nd.printBreak(ident + '0x' + hex(oset, 4) + ': ' + h + '  ' + ascii);
  };
  for (let n = length >> 1; n > 0; n--) {
    const s1 = nd.u8(at++);
    const s2 = nd.u8(at++);
    hexstuff += ' ' + hex2(s1) + hex2(s2);
    ascii += (isGraph(s1) ? String.fromCharCode(s1) : '.') + (isGraph(s2) ? String.fromCharCode(s2) : '.');
    if (++i >= 8) {
      line();
      i = 0;
      hexstuff = '';
      ascii = '';
      oset += 16;
    }
  }
  if (length & 1) {
    const s1 = nd.u8(at++);
    hexstuff += ' ' + hex2(s1);
    ascii += isGraph(s1) ? String.fromCharCode(s1) : '.';
    i++;
  }
  if (i > 0) line();
  if (truncated) throw TRUNCATED;
}

/** hex_print_with_offset: "0x0000:  4500 0054 ..." lines without the ASCII column. */
export function hexPrint(nd: Dissector, ident: string, at: number, length: number, oset = 0): void {
  const caplength = nd.avail(at);
  let truncated = false;
  if (length > caplength) {
    length = caplength;
    truncated = true;
  }
  let i = 0;
  for (let n = length >> 1; n > 0; n--) {
    if (i++ % 8 === 0) {
      nd.printBreak(ident + '0x' + hex(oset, 4) + ': ');
      oset += 16;
    }
    nd.print(' ' + hex2(nd.u8(at)) + hex2(nd.u8(at + 1)));
    at += 2;
  }
  if (length & 1) {
    if (i % 8 === 0) nd.printBreak(ident + '0x' + hex(oset, 4) + ': ');
    nd.print(' ' + hex2(nd.u8(at)));
  }
  if (truncated) throw TRUNCATED;
}

/**
 * ascii_print (-A): the bytes as text on the lines after the packet's first, '.' for
 * what does not print; line breaks in the bytes break the lines, a CR before one is dropped.
 */
export function asciiPrint(nd: Dissector, at: number, length: number): void {
  const caplength = nd.avail(at);
  let truncated = false;
  if (length > caplength) {
    length = caplength;
    truncated = true;
  }
  nd.newline();
  let text = '';
  while (length > 0) {
    const s = nd.u8(at++);
    length--;
    if (s === 13) {
      if (length > 1 && nd.u8(at) !== 10) text += '.';
    } else if (isGraph(s) || s === 9 || s === 32 || s === 10) text += String.fromCharCode(s);
    else text += '.';
  }
  nd.print(text);
  if (truncated) throw TRUNCATED;
}

/** print_unknown_data: the bytes in hex on the following lines, as many as were captured. */
export function printUnknownData(nd: Dissector, at: number, ident: string, len: number): boolean {
  if (!nd.has(at, 0)) {
    nd.printBreak(ident + 'Dissector error: print_unknown_data called with pointer past end of packet');
    return false;
  }
  const avail = nd.avail(at);
  hexPrint(nd, ident, at, len < avail ? len : avail);
  return true;
}

/**
 * tcpdump's default_print where the printer first asks `if (!ndo_suppress_default_print)`:
 * the hex and ASCII of bytes no printer knows, on the lines after the packet's first (the
 * brief line stops before them); nothing with -x/-X, which dump the bytes anyway.
 */
export function defaultPrint(nd: Dissector, at: number, len: number): void {
  if (!nd.suppressDefaultPrint) hexAndAsciiPrint(nd, '\n\t', at, len);
}

/** ND_DEFAULTPRINT where the C printer calls it without asking: printed with -x/-X too. */
export function defaultPrintAlways(nd: Dissector, at: number, len: number): void {
  hexAndAsciiPrint(nd, '\n\t', at, len);
}
