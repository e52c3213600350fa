import type { Dissector } from '../dissector.js';
import { hexPrint } from '../hex.js';
import { registerPrinter } from '../registry.js';
import { hex2, tok, tok2str } from '../text.js';

/** RPL control messages (RFC 6550), ICMPv6 type 155 (the RPL part of tcpdump's print-icmp6.c). */

const mopValues = tok({ 0: 'nonstoring', 1: 'storing', 2: 'nonstoring-multicast', 3: 'storing-multicast' });
const suboptValues = tok({ 0: 'pad1', 1: 'padN', 2: 'metrics', 3: 'routinginfo', 4: 'config', 5: 'rpltarget', 6: 'transitinfo', 8: 'destprefix', 9: 'rpltargetdesc' });

function options(nd: Dissector, opts: number, length: number): void {
  while (length !== 0) {
    const type = nd.u8(opts);
    let optlen: number;
    if (type === 0) {
      optlen = 1;
      nd.print(' opt:pad1');
    } else {
      if (length < 2) return nd.printTrunc();
      optlen = nd.u8(opts + 1) + 2;
      nd.print(' opt:' + tok2str(suboptValues, 'subopt:%u', type) + ' len:' + optlen + ' ');
      if (!nd.has(opts, optlen) || length < optlen) return nd.printTrunc();
      if (nd.verbose > 2) hexPrint(nd, ' ', opts + 2, optlen - 2);
    }
    opts += optlen;
    length -= optlen;
  }
}

function dio(nd: Dissector, bp: number, length: number): void {
  if (length < 24) {
    nd.print(' [length ' + length + ' < 24]');
    return nd.printInvalid();
  }
  const mopprf = nd.u8(bp + 4);
  nd.print(
    ' [dagid:' +
      nd.ipv6(bp + 8) +
      ',seq:' +
      nd.u8(bp + 5) +
      ',instance:' +
      nd.u8(bp) +
      ',rank:' +
      nd.u16(bp + 2) +
      ',' +
      (mopprf & 0x80 ? 'grounded,' : '') +
      'mop:' +
      tok2str(mopValues, 'mop%u', (mopprf >> 3) & 7) +
      ',prf:' +
      (mopprf & 7) +
      ']',
  );
  if (nd.verbose > 1) options(nd, bp + 24, length - 24);
}

function dao(nd: Dissector, bp: number, length: number): void {
  if (!nd.has(bp, 20)) return nd.printTrunc();
  if (length < 4) return nd.print(' [|length too short]');
  const flags = nd.u8(bp + 1);
  let dagid = '<elided>';
  let p = bp + 4;
  length -= 4;
  if (flags & 0x40) {
    if (!nd.has(bp + 4, 16)) return nd.printTrunc();
    if (length < 16) return nd.print(' [|length too short]');
    dagid = nd.ipv6(bp + 4);
    p += 16;
    length -= 16;
  }
  nd.print(' [dagid:' + dagid + ',seq:' + nd.u8(bp + 3) + ',instance:' + nd.u8(bp) + (flags & 0x80 ? ',acK' : '') + (flags & 0x40 ? ',Dagid' : '') + ',' + hex2(flags) + ']');
  if (nd.verbose > 1) options(nd, p, length);
}

function daoack(nd: Dissector, bp: number, length: number): void {
  if (!nd.has(bp, 4)) return nd.printTrunc();
  if (length < 4) return nd.print(' [|dao-length too short]');
  let dagid = '<elided>';
  let p = bp + 4;
  length -= 4;
  if (nd.u8(bp + 1) & 0x80) {
    if (!nd.has(bp + 4, 16)) return nd.printTrunc();
    if (length < 16) return nd.print(' [|dao-length too short]');
    dagid = nd.ipv6(bp + 4);
    p += 16;
    length -= 16;
  }
  nd.print(' [dagid:' + dagid + ',seq:' + nd.u8(bp + 2) + ',instance:' + nd.u8(bp) + ',status:' + nd.u8(bp + 3) + ']');
  if (nd.verbose > 1) options(nd, p, length);
}

/** The ICMPv6 message at at (type 155) of length bytes: its code says which RPL message. */
function rplPrint(nd: Dissector, at: number, length: number): void {
  const code = nd.u8(at + 1);
  // tcpdump hands the RPL printer the message body after the first 4 bytes.
  const bp = at + 4;
  const len = length - 4;
  if (code & 0x80) {
    nd.print(', (SEC) [worktodo]');
    return;
  }
  nd.print(', (CLR)');
  switch (code & 0x7f) {
    case 0:
      nd.print('DODAG Information Solicitation');
      break;
    case 1:
      nd.print('DODAG Information Object');
      if (nd.verbose > 0) dio(nd, bp, len);
      break;
    case 2:
      nd.print('Destination Advertisement Object');
      if (nd.verbose > 0) dao(nd, bp, len);
      break;
    case 3:
      nd.print('Destination Advertisement Object Ack');
      if (nd.verbose > 0) daoack(nd, bp, len);
      break;
    default:
      nd.print('RPL message, unknown code ' + code);
  }
}

registerPrinter('rpl', rplPrint);
