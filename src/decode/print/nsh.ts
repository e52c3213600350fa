import type { Dissector } from '../dissector.js';
import { etherTypes } from '../registry.js';
import { bittok2str, hex, hex2, tok, tok2str } from '../text.js';
import { etherPrint } from './ether.js';
import { ipPrint } from './ip.js';
import { ip6Print } from './ip6.js';

/** Network Service Header, RFC 8300 (tcpdump's print-nsh.c): service path and index, then the payload. */

const BASE_LEN = 4;
const PATH_LEN = 4;
const WORD = 4;
const MD = { TYPE1: 1, TYPE2: 2 } as const;
const flagNames = tok({ 0x2: 'O' });
const mdNames = tok({ 0: 'reserved', 1: '1', 2: '2', 0x0f: 'experimental' });
const nextNames = tok({ 1: 'IPv4', 2: 'IPv6', 3: 'Ethernet', 4: 'NSH', 5: 'MPLS', 0xfe: 'Experiment 1', 0xff: 'Experiment 2' });

export function nshPrint(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'nsh';
  if (len < BASE_LEN + PATH_LEN) {
    nd.print(' (packet length ' + len + ' < ' + (BASE_LEN + PATH_LEN) + ')');
    nd.printInvalid();
    return;
  }
  const base = nd.u32(bp);
  bp += 4;
  const ver = base >>> 30;
  const length = (base >>> 16) & 0x3f;
  const mdType = (base >>> 8) & 0x0f;
  const next = base & 0xff;
  nd.print('NSH, ');
  if (nd.verbose > 1) nd.print('ver ' + ver + ', ');
  if (ver !== 0) return;
  nd.print('flags [' + bittok2str(flagNames, 'none', (base >>> 28) & 3, '') + '], ');
  if (nd.verbose > 2) {
    nd.print('TTL ' + ((base >>> 22) & 0x3f) + ', ');
    nd.print('length ' + length + ', ');
    nd.print('md type ' + tok2str(mdNames, 'unknown (0x%02x)', mdType) + ', ');
  }
  if (nd.verbose > 1) nd.print('next-protocol ' + tok2str(nextNames, 'unknown (0x%02x)', next) + ', ');
  if (len < length * WORD) {
    nd.print(' (too many headers for packet length ' + len + ')');
    nd.printInvalid();
    return;
  }
  nd.print('service-path-id 0x' + hex(nd.u24(bp), 6) + ', ');
  nd.print('service-index 0x' + hex(nd.u8(bp + 3)));
  bp += 4;
  if (length < 2) {
    nd.print(' (less than two headers)');
    nd.printInvalid();
    return;
  }
  let pastHeaders = false;
  if (nd.verbose > 2) {
    if (mdType === MD.TYPE1) {
      if (length !== 6) {
        nd.print(' (invalid length for the MD type)');
        nd.printInvalid();
        return;
      }
      for (let n = 0; n < length - 2; n++, bp += WORD) nd.printBreak('\n        Context[' + (n < 10 ? '0' : '') + n + ']: 0x' + hex(nd.u32(bp), 8));
      pastHeaders = true;
    } else if (mdType === MD.TYPE2) {
      let n = 0;
      while (n < length - 2) {
        const cls = nd.u16(bp);
        const type = nd.u8(bp + 2);
        const tlvLen = nd.u8(bp + 3) & 0x7f;
        bp += 4;
        const padded = (tlvLen + 3) & ~3;
        nd.printBreak('\n        TLV Class ' + cls + ', Type ' + type + ', Len ' + tlvLen);
        n += 1;
        if (length - 2 < n + padded / WORD) {
          nd.print(' (length too big)');
          nd.printInvalid();
          return;
        }
        if (tlvLen) {
          nd.printBreak('\n            Value: ');
          for (let v = 0; v < tlvLen; v++, bp++) nd.print((v === 0 ? '0x' : ':') + hex2(nd.u8(bp)));
          nd.need(bp, padded - tlvLen);
          bp += padded - tlvLen;
          n += padded / WORD;
        }
      }
      pastHeaders = true;
    }
  }
  if (!pastHeaders) {
    nd.need(bp, (length - 2) * WORD);
    bp += (length - 2) * WORD;
  }
  nd.printBreak(nd.verbose ? '\n    ' : ': ');
  const nextLen = len - length * WORD;
  if (next === 1) ipPrint(nd, bp, nextLen);
  else if (next === 2) ip6Print(nd, bp, nextLen);
  else if (next === 3) etherPrint(nd, bp, nextLen);
  else nd.print('ERROR: unknown-next-protocol');
}

etherTypes.register(0x894f, 'nsh', nshPrint);
