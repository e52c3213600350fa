import type { Dissector } from '../dissector.js';
import { ipProtos } from '../registry.js';
import { hex } from '../text.js';

/** Cisco's IGRP, IP protocol 9 (tcpdump's print-igrp.c). */

const RTE = 14;

function entryPrint(nd: Dissector, r: number): void {
  const delay = nd.u24(r + 3);
  const bandwidth = nd.u24(r + 6);
  const metric = Math.min(bandwidth + delay, 0xffffff);
  const mtu = nd.u16(r + 9);
  nd.print(
    ' d=' +
      10 * delay +
      ' b=' +
      (bandwidth === 0 ? 0 : Math.floor(10000000 / bandwidth)) +
      ' r=' +
      nd.u8(r + 11) +
      ' l=' +
      nd.u8(r + 12) +
      ' M=' +
      metric +
      ' mtu=' +
      mtu +
      ' in ' +
      nd.u8(r + 13) +
      ' hops',
  );
}

export function igrpPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'igrp';
  nd.print('igrp:');
  let nint = nd.u16(bp + 4);
  let nsys = nd.u16(bp + 6);
  let next = nd.u16(bp + 8);
  const vop = nd.u8(bp);
  const op = vop & 15;
  nd.print(
    ' ' + (op === 1 ? 'update' : op === 2 ? 'request' : 'op-#' + op) + ' V' + (vop >> 4) + ' edit=' + nd.u8(bp + 1) + ' AS=' + nd.u16(bp + 2) + ' (' + nint + '/' + nsys + '/' + next + ')',
  );
  const cksum = nd.u16(bp + 10);
  if (nd.verbose) nd.print(' checksum=0x' + hex(cksum, 4));
  length = (length - 12) >>> 0;
  let cp = bp + 12;
  while (length >= RTE) {
    const n0 = nd.u8(cp);
    const n1 = nd.u8(cp + 1);
    const n2 = nd.u8(cp + 2);
    if (nint > 0) {
      nd.print(' *.' + n0 + '.' + n1 + '.' + n2);
      entryPrint(nd, cp);
      nint--;
    } else if (nsys > 0) {
      nd.print(' ' + n0 + '.' + n1 + '.' + n2 + '.0');
      entryPrint(nd, cp);
      nsys--;
    } else if (next > 0) {
      nd.print(' X' + n0 + '.' + n1 + '.' + n2 + '.0');
      entryPrint(nd, cp);
      next--;
    } else {
      nd.print(' [extra bytes ' + length + ']');
      break;
    }
    cp += RTE;
    length -= RTE;
  }
  if (nint || nsys || next || length) nd.printInvalid();
}

ipProtos.register(9, 'ip:igrp', igrpPrint);
