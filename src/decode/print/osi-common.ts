import type { Dissector } from '../dissector.js';
import { hex, hex2 } from '../text.js';

/** What the OSI printers share (tcpdump's print-isoclns.c): NSAP text, the OSI checksum, a short length indicator. */

/** An NSAP as isonsap_string writes it: "49.0001.1921.6800.1001.00". */
export function isonsapText(nd: Dissector, p: number, len: number): string {
  nd.need(p, len);
  if (len < 1 || len > 20) return 'isonsap_string: illegal length';
  let s = '';
  for (let i = 0; i < len; i++) {
    s += hex2(nd.u8(p + i));
    if ((i & 1) === 0 && i + 1 < len) s += '.';
  }
  return s;
}

/** create_osi_cksum: the Fletcher checksum the field should hold. */
function osiChecksum(nd: Dissector, p: number, offset: number, length: number): number {
  let c0 = 0;
  let c1 = 0;
  for (let i = 0; i < length; i++) {
    if (i === offset || i === offset + 1) c1 += c0;
    else {
      c0 += nd.u8(p + i);
      c1 += c0;
    }
    // Kept small; the result is the same modulo 255.
    c0 %= 255;
    c1 %= 255;
  }
  const mul = (length - offset) * c0;
  let x = mul - c0 - c1;
  let y = c1 - mul - 1;
  if (y >= 0) y++;
  if (x < 0) x--;
  x %= 255;
  y %= 255;
  if (x === 0) x = 255;
  if (y === 0) y = 255;
  return ((x << 8) | (y & 0xff)) & 0xffff;
}

/** osi_print_cksum: " (correct)", " (incorrect should be 0x....)" or " (unverified)". */
export function osiPrintCksum(nd: Dissector, p: number, checksum: number, offset: number, length: number): void {
  if (!checksum || offset < 0 || !nd.has(p + offset, 2) || offset > length || !nd.has(p, length)) {
    nd.print(' (unverified)');
    return;
  }
  const calculated = osiChecksum(nd, p, offset, length);
  nd.print(checksum === calculated ? ' (correct)' : ' (incorrect should be 0x' + hex(calculated, 4) + ')');
}

/** " length indicator N < min PDU size:" and the captured bytes in hex. */
export function shortLi(nd: Dissector, p: number, li: number): void {
  nd.print(' length indicator ' + li + ' < min PDU size:');
  let s = '';
  while (p < nd.snapend) s += hex2(nd.u8(p++)).toUpperCase();
  nd.print(s);
}
