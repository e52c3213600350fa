import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { udpPorts } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { bsdAfs } from './null.js';
import { printjnp } from './strings.js';

/** RIP versions 1 and 2 (tcpdump's print-rip.c). */

const ROUTELEN = 20;

const cmdValues = tok({ 1: 'Request', 2: 'Response', 3: 'Trace on', 4: 'Trace off', 5: 'Poll', 6: 'Poll Entry' });

/** tcpdump's mask2plen: the prefix length of a contiguous mask, -1 otherwise. */
export function mask2plen(mask: number): number {
  for (let plen = 32; plen >= 0; plen--) {
    if (mask >>> 0 === (plen === 0 ? 0 : (0xffffffff << (32 - plen)) >>> 0)) return plen;
  }
  return -1;
}

function padLeft(s: string, w: number): string {
  while (s.length < w) s = ' ' + s;
  return s;
}

function padRight(s: string, w: number): string {
  while (s.length < w) s += ' ';
  return s;
}

/** A version 1 entry: the bytes it spans, 0 when cut short. */
function entryV1(nd: Dissector, p: number, remaining: number): number {
  if (remaining < ROUTELEN || !nd.has(p, ROUTELEN)) return 0;
  const family = nd.u16(p);
  if (family !== 2 && family !== 0) {
    nd.printBreak('\n\t AFI ' + tok2str(bsdAfs, 'Unknown (%u)', family) + ', ');
    printUnknownData(nd, p + 4, '\n\t  ', ROUTELEN - 4);
    return ROUTELEN;
  }
  if (nd.u16(p + 2) || nd.u32(p + 8) || nd.u32(p + 12)) {
    printUnknownData(nd, p, '\n\t  ', ROUTELEN);
    return ROUTELEN;
  }
  nd.printBreak((family === 0 ? '\n\t  AFI 0, ' : '\n\t  ') + nd.ipv4(p + 4) + ', metric: ' + nd.u32(p + 16));
  return ROUTELEN;
}

/** A version 2 entry or authentication block: the bytes it spans, 0 when cut short. */
function entryV2(nd: Dissector, p: number, remaining: number): number {
  if (remaining < 4 || !nd.has(p, 4)) return 0;
  const family = nd.u16(p);
  if (family === 0xffff) {
    const authType = nd.u16(p + 2);
    p += 4;
    remaining -= 4;
    if (authType === 2) {
      nd.printBreak('\n\t  Simple Text Authentication data: ');
      printjnp(nd, p, 16);
    } else if (authType === 3) {
      if (!nd.has(p, 16)) return 0;
      if (remaining < 16) return 0;
      nd.printBreak('\n\t  Auth header:');
      nd.print(' Packet Len ' + nd.u16(p) + ',');
      nd.print(' Key-ID ' + nd.u8(p + 2) + ',');
      nd.print(' Auth Data Len ' + nd.u8(p + 3) + ',');
      nd.print(' SeqNo ' + nd.u32(p + 4) + ',');
      nd.print(' MBZ ' + nd.u32(p + 8) + ',');
      nd.print(' MBZ ' + nd.u32(p + 12));
    } else if (authType === 1) {
      nd.printBreak('\n\t  Auth trailer:');
      printUnknownData(nd, p, '\n\t  ', remaining);
      return 4 + remaining;
    } else {
      nd.printBreak('\n\t  Unknown (' + authType + ') Authentication data:');
      printUnknownData(nd, p, '\n\t  ', remaining);
      return 4 + remaining;
    }
  } else if (family !== 2 && family !== 0) {
    nd.printBreak('\n\t  AFI ' + tok2str(bsdAfs, 'Unknown (%u)', family));
    printUnknownData(nd, p + 4, '\n\t  ', ROUTELEN - 4);
  } else {
    if (!nd.has(p, ROUTELEN)) return 0;
    if (remaining < ROUTELEN) return 0;
    nd.printBreak(
      '\n\t  AFI ' +
        tok2str(bsdAfs, '%u', family) +
        ', ' +
        padLeft(nd.ipv4(p + 4), 15) +
        '/' +
        padRight(String(mask2plen(nd.u32(p + 8))), 2) +
        ', tag 0x' +
        hex(nd.u16(p + 2), 4) +
        ', metric: ' +
        nd.u32(p + 16) +
        ', next-hop: ',
    );
    nd.print(nd.u32(p + 12) ? nd.ipv4(p + 12) : 'self');
  }
  return ROUTELEN;
}

export function ripPrint(nd: Dissector, dat: number, length: number): void {
  nd.protocol = 'rip';
  if (nd.snapend < dat) return nd.printTrunc();
  let len = nd.avail(dat);
  if (len > length) len = length;
  if (len < 4) return nd.printTrunc();
  len -= 4;
  const vers = nd.u8(dat + 1);
  nd.printBreak((nd.verbose >= 1 ? '\n\t' : '') + 'RIPv' + vers);
  if (vers === 0) {
    printUnknownData(nd, dat, '\n\t', length);
    return;
  }
  const cmd = nd.u8(dat);
  nd.print(', ' + tok2str(cmdValues, 'unknown command (%u)', cmd) + ', length: ' + length);
  if (nd.verbose < 1) return;
  switch (cmd) {
    case 1:
    case 2:
      if (vers === 1 || vers === 2) {
        const routes = Math.floor(length / ROUTELEN);
        nd.print(vers === 1 ? ', routes: ' + routes : ', routes: ' + routes + ' or less');
        let p = dat + 4;
        while (len !== 0) {
          const size = vers === 1 ? entryV1(nd, p, len) : entryV2(nd, p, len);
          if (size === 0) {
            nd.printTrunc();
            break;
          }
          if (len < size) {
            nd.print(' [remaining entries length ' + len + ' < ' + size + ']');
            nd.printInvalid();
            break;
          }
          p += size;
          len -= size;
        }
      } else nd.print(', unknown version');
      break;
    case 4:
    case 5:
    case 6:
      break;
    default:
      if (nd.verbose <= 1 && !printUnknownData(nd, dat, '\n\t', length)) return;
  }
  if (nd.verbose > 1) printUnknownData(nd, dat, '\n\t', length);
}

udpPorts.register('rip', ripPrint);
