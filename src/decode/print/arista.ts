import type { Dissector } from '../dissector.js';
import { hex, tok, tok2str } from '../text.js';

/** Arista's vendor ethertype 0xd28b: the TapAgg time stamp header (tcpdump's print-arista.c). */

const subtypes = tok({ 1: 'Timestamp' });
const timescales = tok({ 0: 'TAI', 1: 'UTC' });
const formats = tok({ 1: '64-bit', 2: '48-bit' });
const hwInfos = tok({ 0: 'R/R2', 1: 'R3' });

function pad(n: number, width: number): string {
  let s = String(n);
  while (s.length < width) s = '0' + s;
  return s;
}

/** "%Y-%m-%d %H:%M:%S.%09u" in UTC. */
function dateTime(seconds: number, nanoseconds: number): string {
  const ts = seconds + Math.floor(nanoseconds / 1e9);
  const d = new Date(ts * 1000);
  if (Number.isNaN(d.getTime())) return 'gmtime() error';
  return (
    d.getUTCFullYear() +
    '-' +
    pad(d.getUTCMonth() + 1, 2) +
    '-' +
    pad(d.getUTCDate(), 2) +
    ' ' +
    pad(d.getUTCHours(), 2) +
    ':' +
    pad(d.getUTCMinutes(), 2) +
    ':' +
    pad(d.getUTCSeconds(), 2) +
    '.' +
    pad(nanoseconds % 1e9, 9)
  );
}

/** arista_ethertype_print: the bytes of header after the ethertype, or -1 for a subtype or format it does not know. */
export function aristaEthertypePrint(nd: Dissector, bp: number): number {
  nd.protocol = 'arista';
  const subtype = nd.u16(bp);
  bp += 2;
  let consumed = 2;
  nd.print('SubType ' + tok2str(subtypes, 'Unknown', subtype) + ' (0x' + hex(subtype, 4) + '), ');
  if (subtype !== 1) return -1;
  const timescale = nd.u8(bp);
  bp++;
  consumed++;
  nd.print('Timescale ' + tok2str(timescales, 'Unknown', timescale) + ' (' + timescale + '), ');
  const b = nd.u8(bp);
  const format = b >> 4;
  const hw = b & 0x0f;
  bp++;
  consumed++;
  nd.print('Format ' + tok2str(formats, 'Unknown', format) + ' (' + format + '), HwInfo ' + tok2str(hwInfos, 'Unknown', hw) + ' (' + hw + '), Timestamp ');
  if (format === 1) {
    nd.print(dateTime(nd.u32(bp), nd.u32(bp + 4)));
    consumed += 8;
  } else if (format === 2) {
    let seconds = nd.u16(bp);
    let ns = nd.u32(bp + 2);
    seconds += Math.floor(ns / 1e9);
    ns %= 1e9;
    nd.print(seconds + '.' + pad(ns, 9));
    consumed += 6;
  } else return -1;
  nd.print(': ');
  return consumed;
}
