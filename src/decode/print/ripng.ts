import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';

/** RIPng (tcpdump's print-ripng.c). */

const ENTRY = 20;

function entryPrint(nd: Dissector, ni: number, metricToo: boolean): void {
  nd.print(nd.ipv6(ni) + '/' + nd.u8(ni + 18));
  const tag = nd.u16(ni + 16);
  if (tag) nd.print(' [' + tag + ']');
  const metric = nd.u8(ni + 19);
  if (metric && metricToo) nd.print(' (' + metric + ')');
}

function isUnspecified(nd: Dissector, at: number): boolean {
  nd.need(at, 16);
  for (let i = 0; i < 16; i++) if (nd.u8(at + i) !== 0) return false;
  return true;
}

export function ripngPrint(nd: Dissector, dat: number, length: number): void {
  nd.protocol = 'ripng';
  const vers = nd.u8(dat + 1);
  if (vers !== 1) {
    nd.print(' [vers ' + vers + ']');
    nd.printInvalid();
    return;
  }
  const cmd = nd.u8(dat);
  if (cmd !== 1 && cmd !== 2) {
    nd.print(' ripng-' + cmd + ' ?? ' + length);
    nd.printInvalid();
    return;
  }
  let left = length;
  if (left < 4) return nd.printInvalid();
  left -= 4;
  const j = Math.floor(left / ENTRY);
  const what = cmd === 1 ? ' ripng-req ' : ' ripng-resp ';
  if (cmd === 1 && j === 1 && nd.u8(dat + 4 + 19) === 16 && isUnspecified(nd, dat + 4)) {
    nd.print(' ripng-req dump');
    return;
  }
  nd.print(what + j + (j * ENTRY !== left ? '[' + length + ']:' : ':'));
  for (let ni = dat + 4; left >= ENTRY; left -= ENTRY, ni += ENTRY) {
    nd.printBreak(nd.verbose > 1 ? '\n\t' : ' ');
    entryPrint(nd, ni, cmd === 2);
  }
  if (left !== 0) nd.printInvalid();
}

udpPorts.register('ripng', ripngPrint);
