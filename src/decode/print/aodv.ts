import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { hex } from '../text.js';
import { printLines } from './strings.js';

/**
 * AODV (tcpdump's print-aodv.c, RFC 3561 and the IPv6 draft): route requests, replies,
 * errors and acknowledgements over IPv4 and IPv6, and a Hello extension. The flags of
 * requests and replies are tested on the type byte, as tcpdump tests them.
 */

/** Where a message's fields are and how its addresses read, by layout. */
interface Layout {
  size: number;
  addr: (nd: Dissector, at: number) => string;
}
const V4 = (nd: Dissector, at: number) => nd.ipv4(at);
const V6 = (nd: Dissector, at: number) => nd.ipv6(at);

function extension(nd: Dissector, ep: number, length: number): void {
  if (!nd.has(ep, 2)) return nd.printTrunc();
  const type = nd.u8(ep);
  if (type === 1) {
    if (!nd.has(ep, 6) || length < 6) return nd.printTrunc();
    if (nd.u8(ep + 1) < 4) {
      printLines(nd, '\n\text HELLO - bad length ' + nd.u8(ep + 1));
      return;
    }
    printLines(nd, '\n\text HELLO ' + nd.u32(ep + 2) + ' ms');
    return;
  }
  printLines(nd, '\n\text ' + type + ' ' + nd.u8(ep + 1));
}

function flagsRreq(type: number): string {
  return (type & 0x80 ? '[J]' : '') + (type & 0x40 ? '[R]' : '') + (type & 0x20 ? '[G]' : '') + (type & 0x10 ? '[D]' : '') + (type & 0x08 ? '[U] ' : ' ');
}

function flagsRrep(type: number): string {
  return (type & 0x80 ? '[R]' : '') + (type & 0x40 ? '[A] ' : ' ');
}

/** A route request: field offsets of id, destination, its sequence, originator, its sequence. */
function rreq(nd: Dissector, dat: number, length: number, name: string, l: Layout, da: number, ds: number, oa: number, os: number): void {
  if (!nd.has(dat, l.size) || length < l.size) return nd.printTrunc();
  const t = nd.u8(dat);
  printLines(
    nd,
    ' ' + name + ' ' + length + ' ' + flagsRreq(t) + 'hops ' + nd.u8(dat + 3) + ' id 0x' + hex(nd.u32(dat + 4), 8) + '\n\tdst ' + l.addr(nd, dat + da) +
      ' seq ' + nd.u32(dat + ds) + ' src ' + l.addr(nd, dat + oa) + ' seq ' + nd.u32(dat + os),
  );
  if (length - l.size >= 2) extension(nd, dat + l.size, length - l.size);
}

function rrep(nd: Dissector, dat: number, length: number, l: Layout, da: number, ds: number, oa: number, life: number): void {
  if (!nd.has(dat, l.size) || length < l.size) return nd.printTrunc();
  const t = nd.u8(dat);
  printLines(
    nd,
    ' rrep ' + length + ' ' + flagsRrep(t) + 'prefix ' + (nd.u8(dat + 2) & 0x1f) + ' hops ' + nd.u8(dat + 3) + '\n\tdst ' + l.addr(nd, dat + da) +
      ' dseq ' + nd.u32(dat + ds) + ' src ' + l.addr(nd, dat + oa) + ' ' + nd.u32(dat + life) + ' ms',
  );
  if (length - l.size >= 2) extension(nd, dat + l.size, length - l.size);
}

function rerr(nd: Dissector, dat: number, length: number, l: Layout): void {
  if (!nd.has(dat, 4) || length < 4) return nd.printTrunc();
  nd.print(' rerr ' + (nd.u8(dat + 1) & 0x80 ? '[D]' : '') + ' [items ' + nd.u8(dat + 3) + '] [' + length + ']:');
  let dp = dat + 4;
  let i = length - 4;
  const entry = l.size;
  for (let dc = nd.u8(dat + 3); dc !== 0; dc--) {
    if (!nd.has(dp, entry) || i < entry) return nd.printTrunc();
    nd.print(' {' + l.addr(nd, dp) + '}(' + nd.u32(dp + entry - 4) + ')');
    dp += entry;
    i -= entry;
  }
}

export function aodvPrint(nd: Dissector, dat: number, length: number): void {
  nd.protocol = 'aodv';
  const type = nd.u8(dat);
  const v6 = nd.ipVersion === 6;
  nd.print(' aodv');
  switch (type) {
    case 1:
      if (v6) rreq(nd, dat, length, 'v6 rreq', { size: 48, addr: V6 }, 8, 24, 28, 44);
      else rreq(nd, dat, length, 'rreq', { size: 24, addr: V4 }, 8, 12, 16, 20);
      return;
    case 2:
      if (v6) rrep(nd, dat, length, { size: 44, addr: V6 }, 4, 20, 24, 40);
      else rrep(nd, dat, length, { size: 20, addr: V4 }, 4, 8, 12, 16);
      return;
    case 3:
      rerr(nd, dat, length, v6 ? { size: 20, addr: V6 } : { size: 8, addr: V4 });
      return;
    case 16:
      rreq(nd, dat, length, 'rreq', { size: 48, addr: V6 }, 16, 8, 32, 12);
      return;
    case 17:
      rrep(nd, dat, length, { size: 44, addr: V6 }, 8, 4, 24, 40);
      return;
    case 18:
      rerr(nd, dat, length, { size: 20, addr: V6 });
      return;
    case 4:
    case 19:
      nd.print(' rrep-ack ' + length);
      return;
    default:
      nd.print(' type ' + type + ' ' + length);
  }
}

udpPorts.register('aodv', aodvPrint);
