import { cksumShouldBe, inCksum } from './checksum.js';
import type { Dissector } from '../dissector.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';
import { ipprotoValues } from './ip-demux.js';
import { ipVerbose } from './ip.js';

/** IPv4's -v text (tcpdump's print-ip.c): `(tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 60)`, options, header checksum. */

const ipOptionValues = tok({ 0: 'EOL', 1: 'NOP', 68: 'timestamp', 130: 'security', 7: 'RR', 137: 'SSRR', 131: 'LSRR', 148: 'RA', 82: 'traceroute' });

const ipFragValues = tok({ 0x2000: '+', 0x4000: 'DF', 0x8000: 'rsvd' });

const ECN = ['', ',ECT(1)', ',ECT(0)', ',CE'];

/** A cut option (a goto trunc in C): the option list ends with " [truncated-option]". */
const CUT = -1;

/** ip_printroute: the addresses of RR, LSRR, SSRR, a "," after those already passed. */
function route(nd: Dissector, cp: number, length: number): number {
  if (length < 3) {
    nd.print(' [bad length ' + length + ']');
    return 0;
  }
  if ((length + 1) & 3) nd.print(' [bad length ' + length + ']');
  const ptr = nd.u8(cp + 2) - 1;
  if (ptr < 3 || (ptr + 1) & 3 || ptr > length + 1) nd.print(' [bad ptr ' + nd.u8(cp + 2) + ']');
  for (let len = 3; len < length; len += 4) {
    if (!nd.has(cp + len, 4)) return CUT;
    nd.print(' ' + nd.ipv4(cp + len));
    if (ptr > len) nd.print(',');
  }
  return 0;
}

/** ip_printts: the timestamp option, " TS{TSONLY 123@ ^ ...}". */
function timestamps(nd: Dissector, cp: number, length: number): number {
  if (length < 4) {
    nd.print('[bad length ' + length + ']');
    return 0;
  }
  nd.print(' TS{');
  const hoplen = (nd.u8(cp + 3) & 0xf) !== 0 ? 8 : 4;
  if ((length - 4) & (hoplen - 1)) nd.print('[bad length ' + length + ']');
  const ptr = nd.u8(cp + 2) - 1;
  let len = 0;
  if (ptr < 4 || (ptr - 4) & (hoplen - 1) || ptr > length + 1) nd.print('[bad ptr ' + nd.u8(cp + 2) + ']');
  const kind = nd.u8(cp + 3) & 0xf;
  if (kind === 0) nd.print('TSONLY');
  else if (kind === 1) nd.print('TS+ADDR');
  else if (kind === 3) nd.print('PRESPEC');
  else nd.print('[bad ts type ' + kind + ']');
  if (kind === 0 || kind === 1 || kind === 3) {
    let type = ' ';
    for (len = 4; len < length; len += hoplen) {
      if (ptr === len) type = ' ^ ';
      if (!nd.has(cp + len, hoplen)) return CUT;
      nd.print(type + nd.u32(cp + len + hoplen - 4) + '@' + (hoplen !== 8 ? '' : nd.ipv4(cp + len)));
      type = ' ';
    }
  }
  nd.print(ptr === len ? ' ^ ' : '');
  const hops = nd.u8(cp + 3) >> 4;
  nd.print(hops ? ' [' + hops + ' hops not recorded]} ' : '}');
  return 0;
}

/** ip_optprint: the options, comma-separated; CUT when one runs past the capture. */
function options(nd: Dissector, cp: number, length: number): number {
  let sep = '';
  while (length > 0) {
    nd.print(sep);
    sep = ',';
    const code = nd.u8(cp);
    nd.print(tok2str(ipOptionValues, 'unknown %u', code));
    let len: number;
    if (code === 1 || code === 0) len = 1;
    else {
      len = nd.u8(cp + 1);
      if (len < 2) {
        nd.print(' [bad length ' + len + ']');
        return 0;
      }
    }
    if (len > length) {
      nd.print(' [bad length ' + len + ']');
      return 0;
    }
    if (!nd.has(cp, len)) return CUT;
    switch (code) {
      case 0:
        return 0;
      case 68:
        if (timestamps(nd, cp, len) === CUT) return CUT;
        break;
      case 7:
      case 137:
      case 131:
        if (route(nd, cp, len) === CUT) return CUT;
        break;
      case 148:
        if (len < 4) {
          nd.print(' [bad length ' + len + ']');
          break;
        }
        if (!nd.has(cp + 3, 1)) return CUT;
        if (nd.u16(cp + 2) !== 0) nd.print(' value ' + nd.u16(cp + 2));
        break;
    }
    cp += len;
    length -= len;
  }
  return 0;
}

/** The -v header text of the datagram at `at`; false when its options are cut (the line then ends truncated). */
function ipVerbosePrint(nd: Dissector, at: number, hlen: number): boolean {
  const tos = nd.u8(at + 1);
  const ttl = nd.u8(at + 8);
  const off = nd.u16(at + 6);
  const proto = nd.u8(at + 9);
  nd.print(
    '(tos 0x' +
      hex(tos) +
      ECN[tos & 3] +
      (ttl >= 1 ? ', ttl ' + ttl : '') +
      ', id ' +
      nd.u16(at + 4) +
      ', offset ' +
      (off & 0x1fff) * 8 +
      ', flags [' +
      bittok2str(ipFragValues, 'none', off & 0xe000) +
      '], proto ' +
      tok2str(ipprotoValues, 'unknown', proto) +
      ' (' +
      proto +
      '), length ' +
      nd.u16(at + 2),
  );
  let truncated = false;
  if (hlen > 20) {
    nd.print(', options (');
    if (options(nd, at + 20, hlen - 20) === CUT) {
      nd.print(' [truncated-option]');
      truncated = true;
    }
    nd.print(')');
  }
  if (at + hlen <= nd.snapend) {
    const sum = inCksum(nd, at, hlen);
    if (sum !== 0) {
      const field = nd.u16(at + 10);
      nd.print(', bad cksum ' + hex(field) + ' (->' + hex(cksumShouldBe(field, sum)) + ')!');
    }
  }
  nd.print(')');
  nd.printBreak('\n    ');
  if (truncated) {
    nd.print(nd.ipv4(at + 12) + ' > ' + nd.ipv4(at + 16) + ': ');
    nd.printTrunc();
    return false;
  }
  return true;
}

ipVerbose.print = ipVerbosePrint;
