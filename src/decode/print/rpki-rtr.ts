import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { tcpPorts } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { charText } from './tcp.js';

/** RPKI-to-Router (tcpdump's print-rpki-rtr.c, RFC 6810): ", RPKI-RTR", and each PDU with -v. */

const pduValues = tok({
  0: 'Serial Notify',
  1: 'Serial Query',
  2: 'Reset Query',
  3: 'Cache Response',
  4: 'IPV4 Prefix',
  6: 'IPV6 Prefix',
  7: 'End of Data',
  8: 'Cache Reset',
  10: 'Error Report',
});

const errorCodes = tok({
  0: 'Corrupt Data',
  1: 'Internal Error',
  2: 'No Data Available',
  3: 'Invalid Request',
  4: 'Unsupported Protocol Version',
  5: 'Unsupported PDU Type',
  6: 'Withdrawal of Unknown Record',
  7: 'Duplicate Announcement Received',
});

const HDR = 8;

/** indent_string: a line break, a tab per 8 columns, a space per column left. */
function indent(n: number): string {
  let s = '\n';
  for (; n >= 8; n -= 8) s += '\t';
  for (; n > 0; n--) s += ' ';
  return s;
}

function pduPrint(nd: Dissector, tptr: number, len: number, recurse: boolean, ind: number): number {
  if (nd.u8(tptr) !== 0) {
    nd.printBreak(indent(8) + 'RPKI-RTRv' + nd.u8(tptr) + ' (unknown)');
    return len;
  }
  if (len < HDR) {
    nd.print('(' + len + ' bytes is too few to decode)');
    return invalid(nd, tptr, len);
  }
  nd.need(tptr, HDR);
  const pduType = nd.u8(tptr + 1);
  const pduLen = nd.u32(tptr + 4);
  let hexdump = false;
  nd.printBreak(indent(8) + 'RPKI-RTRv' + nd.u8(tptr) + ', ' + tok2str(pduValues, 'Unknown', pduType) + ' PDU (' + pduType + '), length: ' + pduLen);
  if (pduLen < HDR || pduLen > len) return invalid(nd, tptr, len);
  switch (pduType) {
    case 0:
    case 1:
    case 7:
      if (pduLen !== HDR + 4) return invalid(nd, tptr, len);
      nd.printBreak(indent(ind + 2) + 'Session ID: 0x' + hex(nd.u16(tptr + 2), 4) + ', Serial: ' + nd.u32(tptr + HDR));
      break;
    case 2:
    case 8:
      if (pduLen !== HDR) return invalid(nd, tptr, len);
      break;
    case 3:
      if (pduLen !== HDR) return invalid(nd, tptr, len);
      nd.printBreak(indent(ind + 2) + 'Session ID: 0x' + hex(nd.u16(tptr + 2), 4));
      break;
    case 4:
      if (pduLen !== HDR + 12) return invalid(nd, tptr, len);
      nd.printBreak(
        indent(ind + 2) +
          'IPv4 Prefix ' + nd.ipv4(tptr + 12) + '/' + nd.u8(tptr + 9) + '-' + nd.u8(tptr + 10) + ', origin-as ' + nd.u32(tptr + 16) + ', flags 0x' + hex(nd.u8(tptr + 8), 2),
      );
      break;
    case 6:
      if (pduLen !== HDR + 24) return invalid(nd, tptr, len);
      nd.printBreak(
        indent(ind + 2) +
          'IPv6 Prefix ' + nd.ipv6(tptr + 12) + '/' + nd.u8(tptr + 9) + '-' + nd.u8(tptr + 10) + ', origin-as ' + nd.u32(tptr + 28) + ', flags 0x' + hex(nd.u8(tptr + 8), 2),
      );
      break;
    case 10: {
      let tlen = HDR;
      if (pduLen < tlen + 4) return invalid(nd, tptr, len);
      nd.need(tptr, tlen + 4);
      const encapsulatedLen = nd.u32(tptr + HDR);
      tlen += 4;
      const code = nd.u16(tptr + 2);
      nd.printBreak(indent(ind + 2) + 'Error code: ' + tok2str(errorCodes, 'Unknown', code) + ' (' + code + '), Encapsulated PDU length: ' + encapsulatedLen);
      if (encapsulatedLen) {
        // u_int sums, as in C: a huge length wraps around.
        if (pduLen < (tlen + encapsulatedLen) >>> 0) return invalid(nd, tptr, len);
        if (!recurse) nd.need(tptr, (tlen + encapsulatedLen) >>> 0);
        else {
          nd.printBreak(indent(ind + 4) + '-----encapsulated PDU-----');
          pduPrint(nd, tptr + tlen, encapsulatedLen, false, ind + 2);
        }
        tlen = (tlen + encapsulatedLen) >>> 0;
      }
      if (pduLen < (tlen + 4) >>> 0) return invalid(nd, tptr, len);
      nd.need(tptr, (tlen + 4) >>> 0);
      const textLen = nd.u32(tptr + tlen);
      tlen = (tlen + 4) >>> 0;
      if (textLen) {
        if (pduLen < (tlen + textLen) >>> 0) return invalid(nd, tptr, len);
        nd.printBreak(indent(ind + 2) + 'Error text: ');
        // nd_printn without an end: character by character until the capture ends.
        for (let i = 0; i < textLen; i++) nd.print(charText(nd.u8(tptr + tlen + i)));
      }
      break;
    }
    default:
      nd.need(tptr, pduLen);
      hexdump = true;
  }
  if (nd.verbose > 1 || (nd.verbose && hexdump)) printUnknownData(nd, tptr, '\n\t  ', pduLen);
  return pduLen;
}

function invalid(nd: Dissector, tptr: number, len: number): number {
  nd.printInvalid();
  nd.need(tptr, len);
  return len;
}

export function rpkiRtrPrint(nd: Dissector, pptr: number, len: number): void {
  nd.protocol = 'rpki_rtr';
  if (!nd.verbose) {
    nd.print(', RPKI-RTR');
    return;
  }
  while (len) {
    const n = pduPrint(nd, pptr, len, true, 8);
    len -= n;
    pptr += n;
  }
}

tcpPorts.register('rpki-rtr', rpkiRtrPrint);
