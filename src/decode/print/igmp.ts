import type { Dissector } from '../dissector.js';
import { ipProtos } from '../registry.js';
import { hex, tok, tok2str, unsignedRelts } from '../text.js';
import { inCksum } from './checksum.js';
import { dvmrpPrint } from './dvmrp.js';
import { pimv1Print } from './pimv1.js';
import { fixed } from './strings.js';

/** IGMP v1-v3, with mtrace, DVMRP and PIMv1 inside (tcpdump's print-igmp.c). */

const v3ReportValues = tok({ 1: 'is_in', 2: 'is_ex', 3: 'to_in', 4: 'to_ex', 5: 'allow', 6: 'block' });

function mtracePrint(nd: Dissector, name: string, bp: number, len: number): void {
  if (len < 8 + 16) {
    nd.print(' [invalid len ' + len + ']');
    return;
  }
  const tr = bp + 8;
  nd.print(name + ' ' + nd.u24(tr + 13) + ': ' + nd.ipv4(tr) + ' to ' + nd.ipv4(tr + 4) + ' reply-to ' + nd.ipv4(tr + 8));
  if ((nd.u32(tr + 8) & 0xf0000000) >>> 0 === 0xe0000000) nd.print(' with-ttl ' + nd.u8(tr + 12));
}

function v3ReportPrint(nd: Dissector, bp: number, len: number): void {
  if (len < 16 || len & 3) {
    nd.print(' [invalid len ' + len + ']');
    return;
  }
  const ngroups = nd.u16(bp + 6);
  nd.print(', ' + ngroups + ' group record(s)');
  if (nd.verbose <= 0) return;
  let group = 8;
  for (let i = 0; i < ngroups; i++) {
    if (len < group + 8) {
      nd.print(' [invalid number of groups]');
      return;
    }
    nd.print(' [gaddr ' + nd.ipv4(bp + group + 4));
    nd.print(' ' + tok2str(v3ReportValues, ' [v3-report-#%u]', nd.u8(bp + group)));
    const nsrcs = nd.u16(bp + group + 2);
    if (len < group + 8 + nsrcs * 4) {
      nd.print(' [invalid number of sources ' + nsrcs + ']');
      return;
    }
    if (nd.verbose === 1) nd.print(', ' + nsrcs + ' source(s)');
    else {
      nd.print(' {');
      for (let j = 0; j < nsrcs; j++) nd.print(' ' + nd.ipv4(bp + group + 8 + j * 4));
      nd.print(' }');
    }
    group += 8 + nsrcs * 4;
    nd.print(']');
  }
}

function v3QueryPrint(nd: Dissector, bp: number, len: number): void {
  nd.print(' v3');
  if (len < 12 || len & 3) {
    nd.print(' [invalid len ' + len + ']');
    return;
  }
  const mrc = nd.u8(bp + 1);
  const mrt = mrc < 128 ? mrc : ((mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3);
  if (mrc !== 100) {
    nd.print(' [max resp time ');
    nd.print(mrt < 600 ? fixed(mrt * 0.1, 1) + 's' : unsignedRelts(Math.floor(mrt / 10)));
    nd.print(']');
  }
  if (nd.u32(bp + 4) === 0) return;
  nd.print(' [gaddr ' + nd.ipv4(bp + 4));
  const nsrcs = nd.u16(bp + 10);
  if (nsrcs > 0) {
    if (len < 12 + nsrcs * 4) nd.print(' [invalid number of sources]');
    else if (nd.verbose > 1) {
      nd.print(' {');
      for (let i = 0; i < nsrcs; i++) nd.print(' ' + nd.ipv4(bp + 12 + i * 4));
      nd.print(' }');
    } else nd.print(', ' + nsrcs + ' source(s)');
  }
  nd.print(']');
}

export function igmpPrint(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'igmp';
  const type = nd.u8(bp);
  switch (type) {
    case 0x11:
      nd.print('igmp query');
      if (len >= 12) v3QueryPrint(nd, bp, len);
      else {
        if (nd.u8(bp + 1)) {
          nd.print(' v2');
          if (nd.u8(bp + 1) !== 100) nd.print(' [max resp time ' + nd.u8(bp + 1) + ']');
        } else nd.print(' v1');
        if (nd.u32(bp + 4)) nd.print(' [gaddr ' + nd.ipv4(bp + 4) + ']');
        if (len !== 8) nd.print(' [len ' + len + ']');
      }
      break;
    case 0x12:
      nd.print('igmp v1 report ' + nd.ipv4(bp + 4));
      if (len !== 8) nd.print(' [len ' + len + ']');
      break;
    case 0x16:
      nd.print('igmp v2 report ' + nd.ipv4(bp + 4));
      break;
    case 0x22:
      nd.print('igmp v3 report');
      v3ReportPrint(nd, bp, len);
      break;
    case 0x17:
      nd.print('igmp leave ' + nd.ipv4(bp + 4));
      break;
    case 0x13:
      nd.print('igmp dvmrp');
      if (len < 8) nd.print(' [len ' + len + ']');
      else dvmrpPrint(nd, bp, len);
      break;
    case 0x14:
      nd.print('igmp pimv1');
      pimv1Print(nd, bp, len);
      break;
    case 0x1e:
      mtracePrint(nd, 'mresp', bp, len);
      break;
    case 0x1f:
      mtracePrint(nd, 'mtrace', bp, len);
      break;
    default:
      nd.print('igmp-' + type);
  }
  if (nd.verbose && len >= 4 && nd.has(bp, len) && inCksum(nd, bp, len)) nd.print(' bad igmp cksum ' + hex(nd.u16(bp + 2)) + '!');
}

ipProtos.register(2, 'ip:igmp', igmpPrint);
