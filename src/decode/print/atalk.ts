import { Depth, type Dissector } from '../dissector.js';
import { etherTypes, linkTypes, namedPrinter, registerPrinter } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { charText } from './tcp.js';

/** AppleTalk: DDP with ATP and NBP, AARP, LocalTalk's LLAP (tcpdump's print-atalk.c). */

const DDP_SIZE = 13;
const DDP_SSIZE = 5;
const typeNames = tok({ 1: 'rtmp', 5: 'rtmpReq', 4: 'echo', 22: 'IP', 23: 'ARP', 0x4b: 'KLAP' });

/** ataddr_string with -n: "net.node", or "net" for node 255. */
function ataddr(net: number, node: number): string {
  return node !== 255 ? net + '.' + node : String(net);
}

function bitmapText(bm: number): string {
  if ((bm + 1) & bm) {
    let s = '';
    let c = '<';
    for (let i = 0; bm; i++, bm >>= 1) {
      if (bm & 1) {
        s += c + i;
        c = ',';
      }
    }
    return s + '>';
  }
  let i = 0;
  for (; bm; i++) bm >>= 1;
  return i > 1 ? '<0-' + (i - 1) + '>' : '<0>';
}

function atpPrint(nd: Dissector, p: number, length: number): void {
  if (p + 8 > nd.snapend) return nd.printTrunc();
  if (length < 8) return nd.print(' [|atp ' + length + ']');
  length -= 8;
  const control = nd.u8(p);
  const bitmap = nd.u8(p + 1);
  const tid = nd.u16(p + 2);
  switch (control & 0xc0) {
    case 0x40: {
      let s = ' atp-req' + (control & 0x20 ? ' ' : '*') + ' ' + tid + bitmapText(bitmap);
      if (length !== 0) s += ' [len=' + length + ']';
      const f = control & 0x18;
      if (f === 0x10) s += ' [EOM]';
      else if (f === 0x08) s += ' [STS]';
      else if (f === 0x18) s += ' [EOM,STS]';
      nd.print(s);
      break;
    }
    case 0x80: {
      let s = ' atp-resp' + (control & 0x10 ? '*' : ' ') + tid + ':' + bitmap + ' (' + length + ')';
      const f = control & 0x28;
      if (f === 0x20) s += ' [XO]';
      else if (f === 0x08) s += ' [STS]';
      else if (f === 0x28) s += ' [XO,STS]';
      nd.print(s);
      break;
    }
    case 0xc0: {
      let s = ' atp-rel  ' + tid + bitmapText(bitmap);
      if (length) s += ' [len=' + length + ']';
      if (control & 0x38) {
        let c = '[';
        if (control & 0x20) {
          s += c + 'XO';
          c = ',';
        }
        if (control & 0x10) {
          s += c + 'EOM';
          c = ',';
        }
        if (control & 0x08) s += c + 'STS';
        s += ']';
      }
      nd.print(s);
      break;
    }
    default:
      nd.print(' atp-0x' + hex(control) + '  ' + tid + ' (' + length + ')');
  }
  const data = nd.u32(p + 4);
  if (data !== 0) nd.print(' 0x' + hex(data));
}

/** print_cstring: a counted string of at most 32 characters; the offset after it, or -1. */
function cstring(nd: Dissector, p: number): number {
  if (p >= nd.snapend) {
    nd.printTrunc();
    return -1;
  }
  let length = nd.u8(p++);
  if (length > 32) {
    nd.print('[len=' + length + ']');
    return -1;
  }
  for (; length !== 0; length--) {
    if (p >= nd.snapend) {
      nd.printTrunc();
      return -1;
    }
    nd.print(charText(nd.u8(p++)));
  }
  return p;
}

/** nbp_name_print: ' "object:type@zone"'; the offset after it, or -1. */
function nbpName(nd: Dissector, tp: number): number {
  let p = tp + 5;
  nd.print(' "');
  if ((p = cstring(nd, p)) < 0) return -1;
  nd.print(':');
  if ((p = cstring(nd, p)) < 0) return -1;
  nd.print('@');
  if ((p = cstring(nd, p)) < 0) return -1;
  nd.print('"');
  return p;
}

function nbpPrint(nd: Dissector, p: number, length: number, snet: number, snode: number, skt: number): void {
  let tp = p + 2;
  if (length < 2) return nd.print(' truncated-nbp ' + length);
  length -= 2;
  if (length < 8) return nd.print(' truncated-nbp ' + (length + 2));
  if (tp > nd.snapend) return nd.printTrunc();
  const control = nd.u8(p);
  const kind = control & 0xf0;
  if (kind === 0x10 || kind === 0x20) {
    nd.print((kind === 0x20 ? ' nbp-lkup ' : ' nbp-brRq ') + nd.u8(p + 1) + ':');
    if (tp + 5 > nd.snapend) return nd.printTrunc();
    nbpName(nd, tp);
    if ((control & 0xf) !== 1) nd.print(' [ntup=' + (control & 0xf) + ']');
    if (nd.u8(tp + 4)) nd.print(' [enum=' + nd.u8(tp + 4) + ']');
    if (nd.u16(tp) !== snet || nd.u8(tp + 2) !== snode || nd.u8(tp + 3) !== skt) {
      nd.print(' [addr=' + ataddr(nd.u16(tp), nd.u8(tp + 2)) + '.' + nd.u8(tp + 3) + ']');
    }
  } else if (kind === 0x30) {
    nd.print(' nbp-reply ' + nd.u8(p + 1) + ':');
    for (let i = control & 0xf; i !== 0 && tp >= 0; i--) {
      if (tp + 5 > nd.snapend) return nd.printTrunc();
      const next = nbpName(nd, tp);
      if (nd.u8(tp + 4) !== 1) nd.print('(' + nd.u8(tp + 4) + ')');
      if (nd.u8(tp + 3) !== skt) nd.print(' ' + nd.u8(tp + 3));
      if (nd.u16(tp) !== snet || nd.u8(tp + 2) !== snode) nd.print(' [addr=' + ataddr(nd.u16(tp), nd.u8(tp + 2)) + ']');
      tp = next;
    }
  } else nd.print(' nbp-0x' + hex(control) + '  ' + nd.u8(p + 1) + ' (' + length + ')');
}

function ddpPrint(nd: Dissector, p: number, length: number, type: number, snet: number, snode: number, skt: number): void {
  if (type === 2) return nbpPrint(nd, p, length, snet, snode, skt);
  if (type === 3) return atpPrint(nd, p, length);
  if (type === 88) {
    const eigrp = namedPrinter('eigrp');
    if (eigrp !== undefined) return eigrp(nd, p, length);
  }
  nd.print(' at-' + tok2str(typeNames, null, type) + ' ' + length);
}

export function atalkPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'atalk';
  nd.classify(Depth.NET, 'atalk');
  if (!nd.linkHeader) nd.print('AT ');
  if (length < DDP_SIZE) return nd.print(' [|ddp ' + length + ']');
  if (!nd.has(p, DDP_SIZE)) return nd.print(' [|ddp]');
  const snet = nd.u16(p + 6);
  nd.print(ataddr(snet, nd.u8(p + 9)) + '.' + nd.u8(p + 11));
  nd.print(' > ' + ataddr(nd.u16(p + 4), nd.u8(p + 8)) + '.' + nd.u8(p + 10) + ': ');
  ddpPrint(nd, p + DDP_SIZE, length - DDP_SIZE, nd.u8(p + 12), snet, nd.u8(p + 9), nd.u8(p + 11));
}

export function aarpPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'aarp';
  nd.classify(Depth.NET, 'aarp');
  nd.print('aarp ');
  if (!nd.has(p, 28)) return nd.printTrunc();
  if (length < 28) return nd.print(' [|aarp ' + length + ']');
  const at = (o: number) => ataddr((nd.u8(o + 1) << 8) | nd.u8(o + 2), nd.u8(o + 3));
  if (nd.u16(p) === 1 && nd.u16(p + 2) === 0x809b && nd.u8(p + 4) === 6 && nd.u8(p + 5) === 4) {
    const op = nd.u16(p + 6);
    if (op === 1) return nd.print('who-has ' + at(p + 24) + ' tell ' + at(p + 14));
    if (op === 2) return nd.print('reply ' + at(p + 14) + ' is-at ' + nd.mac(p + 8));
    if (op === 3) return nd.print('probe ' + at(p + 24) + ' tell ' + at(p + 14));
  }
  nd.print('len ' + length + ' op ' + nd.u16(p + 6) + ' htype ' + nd.u16(p) + ' ptype 0x' + hex(nd.u16(p + 2)) + ' halen ' + nd.u8(p + 4) + ' palen ' + nd.u8(p + 5));
}

/** llap_print: LocalTalk's header and the DDP it carries; the header length, 0 when cut short. */
function llapPrint(nd: Dissector, p: number, length: number): number {
  nd.protocol = 'llap';
  if (length < 3) {
    nd.print(' [|llap ' + length + ']');
    return length;
  }
  if (!nd.has(p, 3)) {
    nd.printTrunc();
    return 0;
  }
  const dst = nd.u8(p);
  const src = nd.u8(p + 1);
  const type = nd.u8(p + 2);
  const bp = p + 3;
  length -= 3;
  if (type === 1) {
    if (length < DDP_SSIZE) {
      nd.print(' [|sddp ' + length + ']');
      return length;
    }
    if (!nd.has(bp, DDP_SSIZE)) {
      nd.print(' [|sddp]');
      return 0;
    }
    nd.print(ataddr(0, src) + '.' + nd.u8(bp + 3));
    nd.print(' > ' + ataddr(0, dst) + '.' + nd.u8(bp + 2) + ':');
    ddpPrint(nd, bp + DDP_SSIZE, length - DDP_SSIZE, nd.u8(bp + 4), 0, src, nd.u8(bp + 3));
    return 3 + DDP_SSIZE;
  }
  if (type === 2) {
    if (length < DDP_SIZE) {
      nd.print(' [|ddp ' + length + ']');
      return length;
    }
    if (!nd.has(bp, DDP_SIZE)) {
      nd.print(' [|ddp]');
      return 0;
    }
    const snet = nd.u16(bp + 6);
    nd.print(ataddr(snet, nd.u8(bp + 9)) + '.' + nd.u8(bp + 11));
    nd.print(' > ' + ataddr(nd.u16(bp + 4), nd.u8(bp + 8)) + '.' + nd.u8(bp + 10) + ':');
    ddpPrint(nd, bp + DDP_SIZE, length - DDP_SIZE, nd.u8(bp + 12), snet, nd.u8(bp + 9), nd.u8(bp + 11));
    return 3 + DDP_SIZE;
  }
  nd.print(src + ' > ' + dst + ' at-lap#' + type + ' ' + length);
  return 3;
}

registerPrinter('atalk', atalkPrint);
etherTypes.register(0x809b, 'atalk', (nd, p, length) => {
  if (nd.verbose) nd.print('et1 ');
  atalkPrint(nd, p, length);
});
etherTypes.register(0x80f3, 'aarp', aarpPrint);
linkTypes.register(114, 'llap', (nd, p, length) => {
  nd.protocol = 'ltalk';
  nd.classify(Depth.LINK, 'llap');
  const hdrlen = llapPrint(nd, p, length);
  nd.llHdrLen += hdrlen === 0 ? nd.avail(p) : hdrlen;
});
