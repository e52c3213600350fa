import type { Dissector } from '../dissector.js';
import { tok, tok2str, unsignedRelts } from '../text.js';

/** DVMRP, carried in IGMP type 0x13 (tcpdump's print-dvmrp.c). */

const msgtypeValues = tok({
  1: 'Probe',
  2: 'Report',
  3: 'Ask-neighbors(old)',
  4: 'Neighbors(old)',
  5: 'Ask-neighbors2',
  6: 'Neighbors2',
  7: 'Prune',
  8: 'Graft',
  9: 'Graft-ACK',
});

function dotted(v: number): string {
  return (v >>> 24) + '.' + ((v >>> 16) & 255) + '.' + ((v >>> 8) & 255) + '.' + (v & 255);
}

function invalid(nd: Dissector, why: string): void {
  nd.print(why);
  nd.printInvalid();
}

function reportPrint(nd: Dissector, bp: number, len: number): void {
  while (len > 0) {
    if (len < 3) return invalid(nd, ' [length ' + len + ' < 3]');
    const b0 = nd.u8(bp);
    const b1 = nd.u8(bp + 1);
    const b2 = nd.u8(bp + 2);
    const mask = (0xff000000 | (b0 << 16) | (b1 << 8) | b2) >>> 0;
    let width = 1;
    if (b0) width = 2;
    if (b1) width = 3;
    if (b2) width = 4;
    nd.printBreak('\n\tMask ' + dotted(mask));
    bp += 3;
    len -= 3;
    let done = 0;
    do {
      if (len < width + 1) {
        nd.printBreak('\n\t  [Truncated Report]');
        nd.printInvalid();
        return;
      }
      let origin = 0;
      let i = 0;
      for (; i < width; i++) origin = origin * 256 + nd.u8(bp++);
      for (; i < 4; i++) origin *= 256;
      let metric = nd.u8(bp++);
      done = metric & 0x80;
      metric &= 0x7f;
      nd.printBreak('\n\t  ' + dotted(origin >>> 0) + ' metric ' + metric);
      len -= width + 1;
    } while (!done);
  }
}

function probePrint(nd: Dissector, bp: number, len: number): void {
  if (len < 4) return invalid(nd, ' [full length ' + len + ' < 4]');
  nd.printBreak(nd.verbose > 1 ? '\n\t' : ' ');
  nd.print('genid ' + nd.u32(bp));
  if (nd.verbose < 2) return;
  bp += 4;
  len -= 4;
  while (len > 0) {
    if (len < 4) return invalid(nd, '[remaining length ' + len + ' < 4]');
    nd.printBreak('\n\tneighbor ' + nd.ipv4(bp));
    bp += 4;
    len -= 4;
  }
}

function neighborsPrint(nd: Dissector, bp: number, len: number): void {
  while (len > 0) {
    if (len < 7) return invalid(nd, ' [length ' + len + ' < 7]');
    const laddr = bp;
    const metric = nd.u8(bp + 4);
    const thresh = nd.u8(bp + 5);
    let ncount = nd.u8(bp + 6);
    bp += 7;
    len -= 7;
    while (--ncount >= 0) {
      if (len < 4) return invalid(nd, ' [length ' + len + ' < 4]');
      nd.print(' [' + nd.ipv4(laddr) + ' ->');
      nd.print(' ' + nd.ipv4(bp) + ', (' + metric + '/' + thresh + ')]');
      bp += 4;
      len -= 4;
    }
  }
}

function neighbors2Print(nd: Dissector, bp: number, len: number, major: number, minor: number): void {
  nd.print(' (v ' + major + '.' + minor + '):');
  while (len > 0) {
    if (len < 8) return invalid(nd, ' [length ' + len + ' < 8]');
    const laddr = bp;
    const metric = nd.u8(bp + 4);
    const thresh = nd.u8(bp + 5);
    const flags = nd.u8(bp + 6);
    let ncount = nd.u8(bp + 7);
    bp += 8;
    len -= 8;
    while (--ncount >= 0 && len > 0) {
      if (len < 4) return invalid(nd, ' [length ' + len + ' < 4]');
      nd.print(' [' + nd.ipv4(laddr) + ' -> ');
      nd.print(nd.ipv4(bp) + ' (' + metric + '/' + thresh);
      if (flags & 0x01) nd.print('/tunnel');
      if (flags & 0x02) nd.print('/srcrt');
      if (flags & 0x40) nd.print('/querier');
      if (flags & 0x20) nd.print('/disabled');
      if (flags & 0x10) nd.print('/down');
      nd.print(')]');
      bp += 4;
      len -= 4;
    }
    if (ncount !== -1) return invalid(nd, ' [invalid ncount]');
  }
}

export function dvmrpPrint(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'dvmrp';
  if (len < 8) return invalid(nd, ' [length ' + len + ' < 8]');
  const type = nd.u8(bp + 1);
  bp += 8;
  len -= 8;
  nd.print(' ' + tok2str(msgtypeValues, '[type %u]', type));
  switch (type) {
    case 1:
      if (nd.verbose) probePrint(nd, bp, len);
      break;
    case 2:
      if (nd.verbose > 1) reportPrint(nd, bp, len);
      break;
    case 4:
      neighborsPrint(nd, bp, len);
      break;
    case 6:
      // The version sits in the IGMP group address field.
      neighbors2Print(nd, bp, len, nd.u8(bp - 1), nd.u8(bp - 2));
      break;
    case 7:
      nd.print(' src ' + nd.ipv4(bp) + ' grp ' + nd.ipv4(bp + 4));
      nd.print(' timer ');
      nd.print(unsignedRelts(nd.u32(bp + 8)));
      break;
    case 8:
    case 9:
      nd.print(' src ' + nd.ipv4(bp) + ' grp ' + nd.ipv4(bp + 4));
      break;
  }
}
