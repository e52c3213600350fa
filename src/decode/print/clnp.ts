import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';
import { isonsapText, osiPrintCksum, shortLi } from './osi-common.js';

/** CLNP, ISO 8473 (tcpdump's print-isoclns.c, clnp_print). */

const clnpPdus = tok({ 1: 'Error Report', 29: 'MD', 28: 'Data', 30: 'Echo Request', 31: 'Echo Response' });
const clnpFlags = tok([
  [0x80, 'Segmentation permitted'],
  [0x40, 'more Segments'],
  [0x20, 'request Error Report'],
]);
const clnpOptions = tok({
  193: 'Discard Reason',
  205: 'Priority',
  195: 'QoS Maintenance',
  197: 'Security',
  200: 'Source Routing',
  203: 'Route Recording',
  204: 'Padding',
});
const rfdClasses = tok({ 0x0: 'General', 0x8: 'Address', 0x9: 'Source Routeing', 0xa: 'Lifetime', 0xb: 'PDU Discarded', 0xc: 'Reassembly' });
const rfdErrors: (ReturnType<typeof tok> | undefined)[] = [];
rfdErrors[0] = tok({
  0: 'Reason not specified',
  1: 'Protocol procedure error',
  2: 'Incorrect checksum',
  3: 'PDU discarded due to congestion',
  4: 'Header syntax error (cannot be parsed)',
  5: 'Segmentation needed but not permitted',
  6: 'Incomplete PDU received',
  7: 'Duplicate option',
});
rfdErrors[8] = tok({ 0: 'Destination address unreachable', 1: 'Destination address unknown' });
rfdErrors[9] = tok({ 0: 'Unspecified source routeing error', 1: 'Syntax error in source routeing field', 2: 'Unknown address in source routeing field', 3: 'Path not acceptable' });
rfdErrors[10] = tok({ 0: 'Lifetime expired while data unit in transit', 1: 'Lifetime expired during reassembly' });
rfdErrors[11] = tok({
  0: 'Unsupported option not specified',
  1: 'Unsupported protocol version',
  2: 'Unsupported security option',
  3: 'Unsupported source routeing option',
  4: 'Unsupported recording of route option',
});
rfdErrors[12] = tok({ 0: 'Reassembly interference' });
const scopeValues = tok({ 0x40: 'Source Address Specific', 0x80: 'Destination Address Specific', 0xc0: 'Globally unique' });
const srRrValues = tok({ 0: 'partial', 1: 'complete' });
const srRrStrings = tok({ 200: 'source routing', 203: 'recording of route in progress' });
const qosGlobal = new Map([
  [0x20, 'reserved'],
  [0x10, 'sequencing vs. delay'],
  [0x08, 'congested'],
  [0x04, 'delay vs. cost'],
  [0x02, 'error vs. delay'],
  [0x01, 'error vs. cost'],
]);

/** One CLNP option's value; false when printing must stop. */
function clnpOption(nd: Dissector, op: number, t: number, tlen: number): boolean {
  switch (op) {
    case 203:
    case 200: {
      if (tlen < 2) {
        nd.print(', bad opt len');
        return false;
      }
      nd.print(tok2str(srRrValues, 'Unknown', nd.u8(t)) + ' ' + tok2str(srRrStrings, 'Unknown Option %u', op));
      let off = nd.u8(t + 1);
      if (off === 0) {
        nd.print(' Bad NSAP offset (0)');
        break;
      }
      off -= 1;
      if (off > tlen) {
        nd.print(' Bad NSAP offset (past end of option)');
        break;
      }
      t += off;
      tlen -= off;
      while (tlen > 0) {
        const alen = nd.u8(t);
        if (tlen < alen + 1) {
          nd.printBreak('\n\t    NSAP address goes past end of option');
          break;
        }
        if (alen > 0) nd.printBreak('\n\t    NSAP address (length ' + alen + '): ' + isonsapText(nd, t + 1, alen));
        tlen -= alen + 1;
      }
      break;
    }
    case 205:
      if (tlen < 1) {
        nd.print(', bad opt len');
        return false;
      }
      nd.print('0x' + hex(nd.u8(t) & 0x0f));
      break;
    case 195: {
      if (tlen < 1) {
        nd.print(', bad opt len');
        return false;
      }
      const b = nd.u8(t);
      nd.printBreak('\n\t    Format Code: ' + tok2str(scopeValues, 'Reserved', b & 0xc0));
      if ((b & 0xc0) === 0xc0) nd.printBreak('\n\t    QoS Flags [' + bittok2str(qosGlobal, 'none', b & 0x3f) + ']');
      break;
    }
    case 197:
      if (tlen < 2) {
        nd.print(', bad opt len');
        return false;
      }
      nd.printBreak('\n\t    Format Code: ' + tok2str(scopeValues, 'Reserved', nd.u8(t) & 0xc0) + ', Security-Level ' + nd.u8(t + 1));
      break;
    case 193: {
      if (tlen < 1) {
        nd.print(', bad opt len');
        return false;
      }
      const e = nd.u8(t);
      const major = (e & 0xf0) >> 4;
      const minor = e & 0x0f;
      const minors = rfdErrors[major];
      nd.printBreak(
        '\n\t    Class: ' +
          tok2str(rfdClasses, 'Unknown', major) +
          ' Error (0x' +
          hex(major) +
          '), ' +
          (minors ? tok2str(minors, 'Unknown', minor) : 'Unknown') +
          ' (0x' +
          hex(minor) +
          ')',
      );
      break;
    }
    case 204:
      nd.print('padding data');
      break;
    default:
      printUnknownData(nd, t, '\n\t  ', tlen);
  }
  return true;
}

/** clnp_print: false when the header is not CLNP's (the caller then dumps it). */
export function clnpPrint(nd: Dissector, pp: number, length: number): boolean {
  nd.protocol = 'clnp';
  nd.need(pp, 9);
  const li = nd.u8(pp + 1);
  let liRemaining = li;
  const optr = pp;
  if (!nd.linkHeader) nd.print('CLNP');
  if (nd.u8(pp + 2) !== 1) {
    nd.print('version ' + nd.u8(pp + 2) + ' packet not supported');
    return false;
  }
  if (li > length) {
    nd.print(' length indicator(' + li + ') > PDU size (' + length + ')!');
    return false;
  }
  if (li < 9) {
    shortLi(nd, pp, li);
    return false;
  }
  const type = nd.u8(pp + 4);
  const pduType = type & 0x1f;
  const flags = type & 0xe0;
  let p = pp + 9;
  liRemaining -= 9;
  const tooShort = () => {
    nd.print('li < size of fixed part of CLNP header and addresses');
    return false;
  };
  if (liRemaining < 1) return tooShort();
  const dstLen = nd.u8(p++);
  liRemaining--;
  if (liRemaining < dstLen) return tooShort();
  nd.need(p, dstLen);
  const dst = p;
  p += dstLen;
  liRemaining -= dstLen;
  if (liRemaining < 1) return tooShort();
  const srcLen = nd.u8(p++);
  liRemaining--;
  if (liRemaining < srcLen) return tooShort();
  nd.need(p, srcLen);
  const src = p;
  p += srcLen;
  liRemaining -= srcLen;
  const sep = nd.linkHeader ? '' : ', ';
  if (nd.verbose < 1) {
    nd.print(sep + isonsapText(nd, src, srcLen) + ' > ' + isonsapText(nd, dst, dstLen) + ', ' + tok2str(clnpPdus, 'unknown (%u)', pduType) + ', length ' + length);
    return true;
  }
  nd.print(sep + 'length ' + length);
  const lifetime = nd.u8(pp + 3);
  const cksum = nd.u16(pp + 7);
  nd.printBreak(
    '\n\t' +
      tok2str(clnpPdus, 'unknown (%u)', pduType) +
      ' PDU, hlen: ' +
      li +
      ', v: ' +
      nd.u8(pp + 2) +
      ', lifetime: ' +
      Math.floor(lifetime / 2) +
      '.' +
      (lifetime % 2) * 5 +
      's, Segment PDU length: ' +
      nd.u16(pp + 5) +
      ', checksum: 0x' +
      hex(cksum, 4),
  );
  osiPrintCksum(nd, optr, cksum, 7, li);
  nd.printBreak('\n\tFlags [' + bittok2str(clnpFlags, 'none', flags) + ']');
  nd.printBreak('\n\tsource address (length ' + srcLen + '): ' + isonsapText(nd, src, srcLen));
  nd.printBreak('\n\tdest   address (length ' + dstLen + '): ' + isonsapText(nd, dst, dstLen));
  if (flags & 0x80) {
    if (liRemaining < 6) {
      nd.print('li < size of fixed part of CLNP header, addresses, and segment part');
      return false;
    }
    nd.need(p, 6);
    nd.printBreak('\n\tData Unit ID: 0x' + hex(nd.u16(p), 4) + ', Segment Offset: ' + nd.u16(p + 2) + ', Total PDU Length: ' + nd.u16(p + 4));
    p += 6;
    liRemaining -= 6;
  }
  while (liRemaining !== 0) {
    if (liRemaining < 2) {
      nd.print(', bad opts/li');
      return false;
    }
    const op = nd.u8(p);
    const opli = nd.u8(p + 1);
    p += 2;
    liRemaining -= 2;
    if (opli > liRemaining) {
      nd.print(', opt (' + op + ') too long');
      return false;
    }
    nd.need(p, opli);
    liRemaining -= opli;
    nd.printBreak('\n\t  ' + tok2str(clnpOptions, 'Unknown', op) + ' Option #' + op + ', length ' + opli + ', value: ');
    if (!clnpOption(nd, op, p, opli)) return false;
    if (nd.verbose > 1) printUnknownData(nd, p, '\n\t  ', opli);
    p += opli;
  }
  if ((pduType === 1 || pduType === 31) && nd.u8(p) === 0x81) {
    nd.printBreak('\n\t-----original packet-----');
    nd.printBreak('\n\t');
    clnpPrint(nd, p, length - li);
    return true;
  }
  if (length > p - optr) {
    nd.printBreak('\n\t  undecoded non-header data, length ' + (length - li));
    printUnknownData(nd, p, '\n\t  ', length - (p - optr));
  }
  return true;
}
