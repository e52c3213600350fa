import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { printn } from '../strings.js';
import { hex, tok, tok2str } from '../text.js';

/**
 * NTP (tcpdump's print-ntp.c and ntp.c): version, mode and length on the brief line;
 * with -v the stratum, poll, the four time stamps and their differences, or a control
 * message's header.
 */

const TIMEMSG_MINLEN = 48;
const CTRLMSG_MINLEN = 12;
const MODE = { CONTROL: 6 } as const;
const STRATUM = { UNSPECIFIED: 0, PRIM_REF: 1, INFO_QUERY: 62, INFO_REPLY: 63 } as const;

const modeValues = tok({
  0: 'unspecified', 1: 'symmetric active', 2: 'symmetric passive', 3: 'Client', 4: 'Server', 5: 'Broadcast',
  6: 'Control Message', 7: 'Reserved',
});
const leapValues = tok({ 0x00: '', 0x40: '+1s', 0x80: '-1s', 0xc0: 'clock unsynchronized' });
const stratumValues = tok({ 0: 'unspecified', 1: 'primary reference' });

const FMAXINT = 4294967296.0;
/** Seconds from 1900 (NTP's era) to 1970. */
const JAN_1970 = 2208988800;

function pad(n: number, width: number): string {
  let s = String(n);
  while (s.length < width) s = '0' + s;
  return s;
}

/** p_ntp_time: "seconds.nanoseconds" of an NTP time stamp and, unless 0, its UTC date. */
export function ntpTime(nd: Dissector, at: number): string {
  const i = nd.u32(at);
  const f = Math.floor((nd.u32(at + 4) / FMAXINT) * 1000000000.0);
  let s = i + '.' + pad(f, 9);
  if (i) {
    const d = new Date((i - JAN_1970) * 1000);
    s +=
      ' (' + pad(d.getUTCFullYear(), 4) + '-' + pad(d.getUTCMonth() + 1, 2) + '-' + pad(d.getUTCDate(), 2) +
      'T' + pad(d.getUTCHours(), 2) + ':' + pad(d.getUTCMinutes(), 2) + ':' + pad(d.getUTCSeconds(), 2) + 'Z)';
  }
  return s;
}

/** p_sfix: a 16.16 fixed-point number as "int.micro". */
function sfix(nd: Dissector, at: number): string {
  const i = nd.u16(at);
  const f = Math.trunc((nd.u16(at + 2) / 65536.0) * 1000000.0);
  return i + '.' + pad(f, 6);
}

/** p_ntp_delta: the signed difference of two time stamps, or the second when the first is 0. */
function delta(nd: Dissector, old: number, now: number): string {
  const u = nd.u32(now);
  const ou = nd.u32(old);
  const uf = nd.u32(now + 4);
  const ouf = nd.u32(old + 4);
  if (ou === 0 && ouf === 0) return ntpTime(nd, now);
  let neg: boolean;
  let i: number;
  let f: number;
  if (u > ou) {
    neg = false;
    i = u - ou;
    f = (uf - ouf) >>> 0;
    if (ouf > uf) i -= 1;
  } else if (u < ou) {
    neg = true;
    i = ou - u;
    f = (ouf - uf) >>> 0;
    if (uf > ouf) i -= 1;
  } else {
    i = 0;
    neg = !(uf > ouf);
    f = neg ? ouf - uf : uf - ouf;
  }
  const ns = Math.floor((f / FMAXINT) * 1000000000.0);
  return (neg ? '-' : '+') + (i >>> 0) + '.' + pad(ns, 9);
}

/** p_poll: the poll interval (log2 seconds) as seconds or a fraction of one. */
function poll(p: number): string {
  if (p <= -32 || p >= 32) return '';
  return p >= 0 ? ' (' + 2 ** p + 's)' : ' (1/' + 2 ** -p + 's)';
}

function signed8(v: number): number {
  return v > 127 ? v - 256 : v;
}

function timePrint(nd: Dissector, bp: number, length: number): void {
  if (length < TIMEMSG_MINLEN) {
    nd.printInvalid();
    nd.need(bp, length);
    return;
  }
  const stratum = nd.u8(bp + 1);
  nd.print(', Stratum ' + stratum + ' (' + tok2str(stratumValues, stratum >= 2 && stratum <= 15 ? 'secondary reference' : 'reserved', stratum) + ')');
  const ppoll = signed8(nd.u8(bp + 2));
  nd.print(', poll ' + ppoll + poll(ppoll));
  nd.print(', precision ' + signed8(nd.u8(bp + 3)));
  nd.need(bp + 4, 4);
  nd.printBreak('\n\tRoot Delay: ' + sfix(nd, bp + 4));
  nd.need(bp + 8, 4);
  nd.print(', Root dispersion: ' + sfix(nd, bp + 8));
  nd.need(bp + 12, 4);
  nd.print(', Reference-ID: ');
  switch (stratum) {
    case STRATUM.UNSPECIFIED:
      nd.print('(unspec)');
      break;
    case STRATUM.PRIM_REF:
      printn(nd, bp + 12, 4);
      break;
    case STRATUM.INFO_QUERY:
      nd.print(nd.ipv4(bp + 12) + ' INFO_QUERY');
      return;
    case STRATUM.INFO_REPLY:
      nd.print(nd.ipv4(bp + 12) + ' INFO_REPLY');
      return;
    default:
      nd.print('0x' + hex(nd.u32(bp + 12), 8));
  }
  nd.need(bp + 16, 8);
  nd.printBreak('\n\t  Reference Timestamp:  ' + ntpTime(nd, bp + 16));
  nd.need(bp + 24, 8);
  nd.printBreak('\n\t  Originator Timestamp: ' + ntpTime(nd, bp + 24));
  nd.need(bp + 32, 8);
  nd.printBreak('\n\t  Receive Timestamp:    ' + ntpTime(nd, bp + 32));
  nd.need(bp + 40, 8);
  nd.printBreak('\n\t  Transmit Timestamp:   ' + ntpTime(nd, bp + 40));
  nd.printBreak('\n\t    Originator - Receive Timestamp:  ' + delta(nd, bp + 24, bp + 32));
  nd.printBreak('\n\t    Originator - Transmit Timestamp: ' + delta(nd, bp + 24, bp + 40));
  // Extension fields are not decoded (nor are they by tcpdump): a key id and digest by their length.
  if (length === TIMEMSG_MINLEN + 4) nd.printBreak('\n\tKey id: ' + nd.u32(bp + 48));
  else if (length === TIMEMSG_MINLEN + 4 + 16 || length === TIMEMSG_MINLEN + 4 + 20) {
    nd.printBreak('\n\tKey id: ' + nd.u32(bp + 48));
    const words = length === TIMEMSG_MINLEN + 20 ? 4 : 5;
    nd.need(bp + 52, words * 4);
    let s = '\n\tAuthentication: ';
    for (let w = 0; w < words; w++) s += hex(nd.u32(bp + 52 + 4 * w), 8);
    nd.printBreak(s);
  } else if (length > TIMEMSG_MINLEN) nd.printBreak('\n\t(' + (length - TIMEMSG_MINLEN) + ' more bytes after the header)');
}

function controlPrint(nd: Dissector, bp: number, length: number): void {
  if (length < CTRLMSG_MINLEN) {
    nd.printInvalid();
    nd.need(bp, length);
    return;
  }
  const control = nd.u8(bp + 1);
  nd.print(', ' + (control & 0x80 ? 'Response' : 'Request') + ', ' + (control & 0x40 ? 'Error' : 'OK') + ', ' + (control & 0x20 ? 'More' : 'Last') + ', OpCode=' + (control & 0x1f));
  nd.newline();
  nd.print('\tSequence=' + nd.u16(bp + 2));
  const status = nd.u16(bp + 4);
  nd.print(', Status=' + (status === 0 ? '0' : '0x' + hex(status)));
  nd.print(', Assoc.=' + nd.u16(bp + 6));
  nd.print(', Offset=' + nd.u16(bp + 8));
  const count = nd.u16(bp + 10);
  nd.print(', Count=' + count);
  if (CTRLMSG_MINLEN + count > length) {
    nd.printInvalid();
    nd.need(bp, length);
    return;
  }
  if (count !== 0) {
    nd.need(bp + 12, count);
    nd.printBreak('\n\tTO-BE-DONE: data not interpreted');
  }
}

export function ntpPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'ntp';
  const status = nd.u8(bp);
  const mode = status & 7;
  nd.print('NTPv' + ((status & 0x38) >> 3) + ', ' + tok2str(modeValues, 'Unknown mode', mode) + ', length ' + length);
  if (nd.verbose === 0) return;
  nd.newline();
  const leap = status & 0xc0;
  nd.print('\tLeap indicator: ' + tok2str(leapValues, 'Unknown', leap) + ' (' + leap + ')');
  if (mode < MODE.CONTROL) timePrint(nd, bp, length);
  else if (mode === MODE.CONTROL) controlPrint(nd, bp, length);
}

udpPorts.register('ntp', ntpPrint);
