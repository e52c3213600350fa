import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { tok, tok2str } from '../text.js';
import { printjnp } from './strings.js';

/**
 * LBL whiteboard (tcpdump's print-wb.c), to UDP port 4567: announcements, repair
 * requests and replies, drawing operations (listed with -v) and page vectors.
 */

const dopStr = tok({ 2: 'RECT', 3: 'LINE', 4: 'ML', 5: 'DEL', 6: 'XFORM', 7: 'ELL', 8: 'CHAR', 9: 'STR', 10: 'NOP', 11: 'PSCODE', 12: 'PSCOMP', 13: 'REF', 14: 'SKIP', 15: 'HOLE' });

/** "<id:off,id:off...>" of n site offsets at io; returns where they end. */
function idOffsets(nd: Dissector, io: number, n: number): number {
  let c = '<';
  for (let i = 0; i < n; i++, io += 8) {
    nd.print(c + nd.ipv4(io) + ':' + nd.u32(io + 4));
    c = ',';
  }
  return io;
}

function id(nd: Dissector, p: number, len: number): number {
  nd.print(' wb-id:');
  if (len < 28) return -1;
  len -= 28;
  nd.print(' ' + nd.u32(p + 12) + '/' + nd.ipv4(p + 16) + ':' + nd.u32(p + 20) + ' (max ' + nd.u32(p) + '/' + nd.ipv4(p + 4) + ':' + nd.u32(p + 8) + ') ');
  nd.need(p, 28);
  const nid = nd.u16(p + 24);
  if (len < 8 * nid) return -1;
  len -= 8 * nid;
  const sitename = idOffsets(nd, p + 28, nid);
  nd.print('> "');
  printjnp(nd, sitename, len);
  nd.print('"');
  return 0;
}

function rreq(nd: Dissector, p: number, len: number): number {
  nd.print(' wb-rreq:');
  if (len < 20) return -1;
  nd.print(' please repair ' + nd.ipv4(p) + ' ' + nd.ipv4(p + 4) + ':' + nd.u32(p + 8) + '<' + nd.u32(p + 12) + ':' + nd.u32(p + 16) + '>');
  return 0;
}

function preq(nd: Dissector, p: number, len: number): number {
  nd.print(' wb-preq:');
  if (len < 16) return -1;
  nd.print(' need ' + nd.u32(p + 8) + '/' + nd.ipv4(p) + ':' + nd.u32(p + 4));
  nd.need(p, 16);
  return 0;
}

function prep(nd: Dissector, p: number, len: number): number {
  nd.print(' wb-prep:');
  if (len < 4) return -1;
  let n = nd.u32(p);
  let ps = p + 4;
  while (n !== 0) {
    nd.print(' ' + nd.u32(ps) + '/' + nd.ipv4(ps + 4) + ':' + nd.u32(ps + 8));
    nd.need(ps, 16);
    // Only the first byte of the 16-bit count is read, as tcpdump reads it.
    ps = idOffsets(nd, ps + 16, nd.u8(ps + 12));
    nd.print('>');
    n--;
  }
  return 0;
}

/** The drawing operations from sequence number ss to es (u_int arithmetic, as in C). */
function dops(nd: Dissector, dop: number, ss: number, es: number): void {
  let dh = dop + 16;
  nd.print(' <');
  for (; ss <= es; ss = (ss + 1) >>> 0) {
    const t = nd.u8(dh + 7);
    nd.print(' ' + tok2str(dopStr, 'dop-%u!', t));
    if (t === 14 || t === 15) {
      const ts = nd.u32(dh);
      nd.print(String((ts - ss + 1) >>> 0));
      if (ss > ts || ts > es) {
        nd.print('[|]');
        if (ts < ss) return;
      }
      ss = ts;
    }
    // Each operation is at least 8 bytes: a run that never ends (es at its maximum)
    // is ended by the reads at the capture's end, as in tcpdump.
    dh += (nd.u16(dh + 4) + 8 + 3) & ~3;
  }
  nd.print(' >');
}

function dopHeader(nd: Dissector, dop: number): string {
  return nd.ipv4(dop) + ':' + nd.u32(dop + 4) + '<' + nd.u32(dop + 8) + ':' + nd.u32(dop + 12) + '>';
}

function rrep(nd: Dissector, p: number, len: number): number {
  nd.print(' wb-rrep:');
  if (len < 20) return -1;
  nd.print(' for ' + nd.ipv4(p) + ' ' + dopHeader(nd, p + 4));
  if (nd.verbose) dops(nd, p + 4, nd.u32(p + 12), nd.u32(p + 16));
  return 0;
}

function drawop(nd: Dissector, p: number, len: number): number {
  nd.print(' wb-dop:');
  if (len < 16) return -1;
  nd.print(' ' + dopHeader(nd, p));
  if (nd.verbose) dops(nd, p, nd.u32(p + 8), nd.u32(p + 12));
  return 0;
}

export function wbPrint(nd: Dissector, hdr: number, len: number): void {
  nd.protocol = 'wb';
  if (len < 12) return nd.printInvalid();
  nd.need(hdr, 12);
  len -= 12;
  if (nd.u8(hdr + 11)) nd.print('*');
  const type = nd.u8(hdr + 10);
  const p = hdr + 12;
  let result: number;
  switch (type) {
    case 4:
      nd.print(' wb-kill');
      return;
    case 1:
      result = id(nd, p, len);
      break;
    case 2:
      result = rreq(nd, p, len);
      break;
    case 3:
      result = rrep(nd, p, len);
      break;
    case 0:
      result = drawop(nd, p, len);
      break;
    case 5:
      result = preq(nd, p, len);
      break;
    case 7:
      result = prep(nd, p, len);
      break;
    default:
      nd.print(' wb-' + type + '!');
      result = -1;
  }
  if (result < 0) nd.printInvalid();
}

udpPorts.register('wb', wbPrint);
