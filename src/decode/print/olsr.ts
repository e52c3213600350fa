import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { udpPorts } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { mask2plen } from './rip.js';
import { charText } from './tcp.js';
import { fixed } from './strings.js';

/** OLSR, RFC 3626 with olsr.org's extensions (tcpdump's print-olsr.c). */

const HELLO = 1;
const TC = 2;
const HELLO_LQ = 201;
const TC_LQ = 202;

const msgValues = tok({ 1: 'Hello', 2: 'TC', 3: 'MID', 4: 'HNA', 128: 'Powerinfo', 130: 'Nameservice', 201: 'Hello-LQ', 202: 'TC-LQ' });
const linkTypeValues = tok({ 0: 'Unspecified', 1: 'Asymmetric', 2: 'Symmetric', 3: 'Lost' });
const neighborTypeValues = tok({ 0: 'Not-Neighbor', 1: 'Symmetric', 2: 'Symmetric-MPR' });

/** tcpdump's ME_TO_DOUBLE: the mantissa/exponent validity time in seconds. */
function meToSeconds(me: number): string {
  return fixed(0.0625 * (1 + (me >> 4) / 16) * (1 << (me & 0x0f)), 3);
}

function gwSpeed(v: number): number {
  if (!v) return 0;
  if (v === 255) return 320000000;
  let speed = (v >> 3) + 1;
  for (let e = v & 7; e !== 0; e--) speed = (speed * 10) >>> 0;
  return speed;
}

/** mask62plen: the prefix length of an IPv6 mask, counting up to its first partial byte. */
function mask6Plen(nd: Dissector, at: number): number {
  const masks = [0x00, 0x80, 0xc0, 0xe0, 0xf0, 0xf8, 0xfc, 0xfe, 0xff];
  let len = 0;
  for (let i = 0; i < 16; i++) {
    const b = nd.u8(at + i);
    const bits = masks.indexOf(b);
    if (bits >= 0) len += bits;
    if (b !== 0xff) break;
  }
  return len;
}

/** Link-quality neighbors; false when cut short. */
function lqNeighborsPrint(nd: Dissector, at: number, len: number, v6: boolean): boolean {
  const size = v6 ? 20 : 8;
  const a = v6 ? 16 : 4;
  while (len >= size) {
    if (!nd.has(at, size)) return false;
    nd.printBreak(
      '\n\t      neighbor ' +
        (v6 ? nd.ipv6(at) : nd.ipv4(at)) +
        ', link-quality ' +
        fixed(nd.u8(at + a) / 2.55, 2) +
        '%, neighbor-link-quality ' +
        fixed(nd.u8(at + a + 1) / 2.55, 2) +
        '%',
    );
    at += size;
    len -= size;
  }
  return true;
}

function neighborsPrint(nd: Dissector, at: number, len: number): void {
  nd.printBreak('\n\t      neighbor');
  nd.printBreak('\n\t\t');
  // tcpdump meant to break the list every 4 addresses, but never counts them.
  for (; len >= 4; at += 4, len -= 4) nd.print(nd.ipv4(at) + ' ');
}

export function olsrPrint(nd: Dissector, pptr: number, length: number): void {
  nd.protocol = 'olsr';
  const v6 = nd.ipVersion === 6;
  nd.print('OLSR');
  nd.print('v' + (v6 ? 6 : 4));
  if (length < 4 || !nd.has(pptr, 4)) return nd.printTrunc();
  length = Math.min(length, nd.u16(pptr));
  nd.print(', seq 0x' + hex(nd.u16(pptr + 2), 4) + ', length ' + length);
  let tptr = pptr + 4;
  if (nd.verbose < 1) return;
  const hdr = v6 ? 24 : 12;
  const asize = v6 ? 16 : 4;
  while (tptr < pptr + length) {
    if (!nd.has(tptr, hdr)) return nd.printTrunc();
    const type = nd.u8(tptr);
    const msgLen = nd.u16(tptr + 2);
    const valid = msgLen >= hdr && msgLen <= length;
    if (type === 0 || msgLen === 0) return;
    const orig = v6 ? nd.ipv6(tptr + 4) : nd.ipv4(tptr + 4);
    nd.printBreak(
      '\n\t' + tok2str(msgValues, 'Unknown', type) + ' Message (0x' + hex(type, 2) + '), originator ' + orig + ', ttl ' + nd.u8(tptr + 4 + asize) + ', hop ' + nd.u8(tptr + 5 + asize),
    );
    nd.printBreak('\n\t  vtime ' + meToSeconds(nd.u8(tptr + 1)) + 's, msg-seq 0x' + hex(nd.u16(tptr + 6 + asize), 4) + ', length ' + msgLen + (valid ? '' : ' (invalid)'));
    if (!valid) return;
    let tlen = msgLen - hdr;
    let data = tptr + hdr;
    switch (type) {
      case HELLO:
      case HELLO_LQ:
        if (tlen < 4 || !nd.has(data, 4)) return nd.printTrunc();
        nd.printBreak('\n\t  hello-time ' + meToSeconds(nd.u8(data + 2)) + 's, MPR willingness ' + nd.u8(data + 3));
        data += 4;
        tlen -= 4;
        while (tlen >= 4) {
          if (!nd.has(data, 4)) return nd.printTrunc();
          let helloLen = nd.u16(data + 2);
          const code = nd.u8(data);
          const ok = helloLen <= tlen && helloLen >= 4;
          nd.printBreak(
            '\n\t    link-type ' + tok2str(linkTypeValues, 'Unknown', code & 3) + ', neighbor-type ' + tok2str(neighborTypeValues, 'Unknown', code >> 2) + ', len ' + helloLen + (ok ? '' : ' (invalid)'),
          );
          if (!ok) break;
          data += 4;
          tlen -= 4;
          helloLen -= 4;
          if (!nd.has(data, helloLen)) return nd.printTrunc();
          if (type === HELLO) neighborsPrint(nd, data, helloLen);
          else if (!lqNeighborsPrint(nd, data, helloLen, v6)) return nd.printTrunc();
          data += helloLen;
          tlen -= helloLen;
        }
        break;
      case TC:
      case TC_LQ:
        if (tlen < 4 || !nd.has(data, 4)) return nd.printTrunc();
        nd.printBreak('\n\t    advertised neighbor seq 0x' + hex(nd.u16(data), 4));
        data += 4;
        tlen -= 4;
        if (type === TC) neighborsPrint(nd, data, tlen);
        else if (!lqNeighborsPrint(nd, data, tlen, v6)) return nd.printTrunc();
        break;
      case 3:
        while (tlen >= asize) {
          if (!nd.has(data, asize)) return nd.printTrunc();
          nd.printBreak('\n\t  interface address ' + (v6 ? nd.ipv6(data) : nd.ipv4(data)));
          data += asize;
          tlen -= asize;
        }
        break;
      case 4:
        if (v6) {
          nd.printBreak('\n\t  Advertised networks (total ' + Math.floor(tlen / 32) + ')');
          while (tlen >= 32) {
            if (!nd.has(data, 32)) return nd.printTrunc();
            // tcpdump numbers every network #0.
            nd.printBreak('\n\t    #0: ' + nd.ipv6(data) + '/' + mask6Plen(nd, data + 16));
            data += 32;
            tlen -= 32;
          }
        } else {
          let col = 0;
          nd.printBreak('\n\t  Advertised networks (total ' + Math.floor(tlen / 8) + ')');
          while (tlen >= 8) {
            if (!nd.has(data, 8)) return nd.printTrunc();
            const flags = nd.u8(data + 5);
            nd.printBreak(col === 0 ? '\n\t    ' : ', ');
            if (nd.u32(data) === 0 && nd.u8(data + 4) === 0 && flags) {
              const ls = flags & 1;
              nd.print(
                'Smart-Gateway:' +
                  (ls ? ' LINKSPEED' : '') +
                  (flags & 2 ? ' IPV4' : '') +
                  (flags & 4 ? ' IPV4-NAT' : '') +
                  (flags & 8 ? ' IPV6' : '') +
                  (flags & 16 ? ' IPv6-PREFIX' : '') +
                  ' ' +
                  (ls ? gwSpeed(nd.u8(data + 6)) : 0) +
                  '/' +
                  (ls ? gwSpeed(nd.u8(data + 7)) : 0),
              );
            } else nd.print(nd.ipv4(data) + '/' + mask2plen(nd.u32(data + 4)));
            data += 8;
            tlen -= 8;
            col = (col + 1) % 4;
          }
        }
        break;
      case 130: {
        if (tlen < 4) return nd.printTrunc();
        const entries = nd.u16(data + 2);
        const entriesValid = entries > 0 && entries * (4 + asize) <= tlen;
        nd.printBreak('\n\t  Version ' + nd.u16(data) + ', Entries ' + entries + (entriesValid ? '' : ' (invalid)'));
        if (!entriesValid) break;
        data += 4;
        tlen -= 4;
        for (let i = 0; i < entries; i++) {
          if (tlen < 4) break;
          const etype = nd.u16(data);
          const elen = nd.u16(data + 2);
          data += 4;
          tlen -= 4;
          const lenValid = elen > 0 && asize + elen <= tlen;
          nd.printBreak('\n\t    #' + i + ': type ' + (etype === 0 ? '000000' : '0x' + hex(etype, 4)) + ', length ' + elen + (lenValid ? '' : ' (invalid)'));
          if (!lenValid) break;
          const pad = elen % 4 !== 0 ? 4 - (elen % 4) : 0;
          if (tlen < asize + elen + pad) return nd.printTrunc();
          if (!nd.has(data, asize + elen + pad)) return nd.printTrunc();
          nd.print(', address ' + (v6 ? nd.ipv6(data) : nd.ipv4(data)) + ', name "');
          for (let j = 0; j < elen; j++) nd.print(charText(nd.u8(data + asize + j)));
          nd.print('"');
          data += asize + elen + pad;
          tlen -= asize + elen + pad;
        }
        break;
      }
      default:
        printUnknownData(nd, data, '\n\t    ', tlen);
    }
    tptr += msgLen;
  }
}

udpPorts.register('olsr', olsrPrint);
