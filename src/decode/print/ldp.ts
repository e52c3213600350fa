import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { tcpPorts, udpPorts } from '../registry.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';
import { afValues, AFNUM_INET, AFNUM_INET6, mplsPwTypesValues } from './af.js';
import { decodePrefix4, decodePrefix6, prefix } from './prefix.js';
import { charText } from './tcp.js';

/** MPLS LDP over UDP and TCP port 646 (tcpdump's print-ldp.c). */

const msgValues = tok({
  0x0001: 'Notification',
  0x0100: 'Hello',
  0x0200: 'Initialization',
  0x0201: 'Keepalive',
  0x0300: 'Address',
  0x0301: 'Address Withdraw',
  0x0400: 'Label Mapping',
  0x0401: 'Label Request',
  0x0402: 'Label Withdraw',
  0x0403: 'Label Release',
  0x0404: 'Label Abort Request',
});
const tlvValues = tok({
  0x0100: 'FEC',
  0x0101: 'Address List',
  0x0103: 'Hop Count',
  0x0104: 'Path Vector',
  0x0200: 'Generic Label',
  0x0201: 'ATM Label',
  0x0202: 'Frame-Relay Label',
  0x0300: 'Status',
  0x0301: 'Extended Status',
  0x0302: 'Returned PDU',
  0x0303: 'Returned Message',
  0x0400: 'Common Hello Parameters',
  0x0401: 'IPv4 Transport Address',
  0x0402: 'Configuration Sequence Number',
  0x0403: 'IPv6 Transport Address',
  0x0500: 'Common Session Parameters',
  0x0501: 'ATM Session Parameters',
  0x0502: 'Frame-Relay Session Parameters',
  0x0503: 'Fault-Tolerant Session Parameters',
  0x0600: 'Label Request Message ID',
  0x0601: 'MTU',
});
const fecValues = tok({ 0x01: 'Wildcard', 0x02: 'Prefix', 0x03: 'Host address', 0x80: 'Martini VC' });
const ifparmValues = tok({ 0x01: 'MTU', 0x03: 'Description', 0x0c: 'VCCV' });
const vccvCcValues = tok({ 0x01: 'PWE3 control word', 0x02: 'MPLS Router Alert Label', 0x04: 'MPLS inner label TTL = 1' });
const vccvCvValues = tok({ 0x01: 'ICMP Ping', 0x02: 'LSP Ping', 0x04: 'BFD' });

/** A TLV of a message: the bytes it spans, 0 to stop. */
function tlvPrint(nd: Dissector, tptr: number, msgTlen: number): number {
  nd.need(tptr, 4);
  const tlvLen = nd.u16(tptr + 2);
  if (tlvLen + 4 > msgTlen) {
    nd.printBreak('\n\t\t TLV contents go past end of message');
    return 0;
  }
  let tlen = tlvLen;
  const rawType = nd.u16(tptr);
  const type = rawType & 0x3fff;
  nd.printBreak(
    '\n\t    ' +
      tok2str(tlvValues, 'Unknown', type) +
      ' TLV (0x' +
      hex(type, 4) +
      '), length: ' +
      tlvLen +
      ', Flags: [' +
      (rawType & 0x8000 ? 'continue processing' : 'ignore') +
      ' and ' +
      (rawType & 0x4000 ? 'do' : "don't") +
      ' forward if unknown]',
  );
  tptr += 4;
  const done = tlvLen + 4;
  /** TLV_TCHECK: false (and the TLV is done) when it is shorter than min. */
  const atLeast = (min: number): boolean => {
    if (tlen >= min) return true;
    nd.print(' [tlv length ' + tlen + ' < ' + min + ']');
    nd.printInvalid();
    return false;
  };
  switch (type) {
    case 0x0400:
      if (!atLeast(4)) return done;
      nd.printBreak(
        '\n\t      Hold Time: ' +
          nd.u16(tptr) +
          's, Flags: [' +
          (nd.u16(tptr + 2) & 0x8000 ? 'Targeted' : 'Link') +
          ' Hello' +
          (nd.u16(tptr + 2) & 0x4000 ? ', Request for targeted Hellos' : '') +
          ']',
      );
      break;
    case 0x0401:
      if (!atLeast(4)) return done;
      nd.printBreak('\n\t      IPv4 Transport Address: ' + nd.ipv4(tptr));
      break;
    case 0x0403:
      if (!atLeast(16)) return done;
      nd.printBreak('\n\t      IPv6 Transport Address: ' + nd.ipv6(tptr));
      break;
    case 0x0402:
      if (!atLeast(4)) return done;
      nd.printBreak('\n\t      Sequence Number: ' + nd.u32(tptr));
      break;
    case 0x0101: {
      if (!atLeast(2)) return done;
      const af = nd.u16(tptr);
      tptr += 2;
      tlen -= 2;
      nd.printBreak('\n\t      Address Family: ' + tok2str(afValues, 'Unknown (%u)', af) + ', addresses');
      if (af === AFNUM_INET) {
        for (; tlen >= 4; tlen -= 4, tptr += 4) nd.print(' ' + nd.ipv4(tptr));
      } else if (af === AFNUM_INET6) {
        for (; tlen >= 16; tlen -= 16, tptr += 16) nd.print(' ' + nd.ipv6(tptr));
      }
      break;
    }
    case 0x0500:
      if (!atLeast(8)) return done;
      nd.printBreak(
        '\n\t      Version: ' +
          nd.u16(tptr) +
          ', Keepalive: ' +
          nd.u16(tptr + 2) +
          's, Flags: [Downstream ' +
          (nd.u16(tptr + 6) & 0x8000 ? 'On Demand' : 'Unsolicited') +
          ', Loop Detection ' +
          (nd.u16(tptr + 6) & 0x4000 ? 'Enabled' : 'Disabled') +
          ']',
      );
      break;
    case 0x0100: {
      if (!atLeast(1)) return done;
      const fec = nd.u8(tptr);
      nd.printBreak('\n\t      ' + tok2str(fecValues, 'Unknown', fec) + ' FEC (0x' + hex(fec, 2) + ')');
      tptr += 1;
      tlen -= 1;
      if (fec === 0x02) {
        if (!atLeast(2)) return done;
        const af = nd.u16(tptr);
        tptr += 2;
        tlen -= 2;
        if (af === AFNUM_INET || af === AFNUM_INET6) {
          const i = af === AFNUM_INET ? decodePrefix4(nd, tptr, tlen) : decodePrefix6(nd, tptr, tlen);
          if (i === -2) nd.trunc();
          if (i === -3) nd.print(': IPv4 prefix (goes past end of TLV)');
          else if (i === -1) nd.print(af === AFNUM_INET ? ': IPv4 prefix (invalid length)' : ': IPv6 prefix (invalid length)');
          else nd.print((af === AFNUM_INET ? ': IPv4 prefix ' : ': IPv6 prefix ') + prefix.text);
        } else nd.print(': Address family ' + af + ' prefix');
      } else if (fec === 0x80) {
        if (!atLeast(7)) return done;
        let infoLen = nd.u8(tptr + 2);
        const pw = tok2str(mplsPwTypesValues, 'Unknown', nd.u16(tptr) & 0x7fff);
        const cw = nd.u16(tptr) & 0x8000 ? '' : 'no ';
        if (infoLen === 0) {
          nd.print(': ' + pw + ', ' + cw + 'control word, group-ID ' + nd.u32(tptr + 3) + ', VC-info-length: ' + infoLen);
          break;
        }
        if (!atLeast(11)) return done;
        nd.print(': ' + pw + ', ' + cw + 'control word, group-ID ' + nd.u32(tptr + 3) + ', VC-ID ' + nd.u32(tptr + 7) + ', VC-info-length: ' + infoLen);
        if (infoLen < 4) {
          nd.print(' (invalid, < 4');
          return done;
        }
        infoLen -= 4;
        tptr += 11;
        tlen -= 11;
        if (!atLeast(infoLen)) return done;
        while (infoLen > 2) {
          const ptype = nd.u8(tptr);
          const plen = nd.u8(tptr + 1);
          if (plen < 2 || infoLen < plen) break;
          nd.printBreak('\n\t\tInterface Parameter: ' + tok2str(ifparmValues, 'Unknown', ptype) + ' (0x' + hex(ptype, 2) + '), len ' + plen);
          switch (ptype) {
            case 0x01:
              nd.print(': ' + nd.u16(tptr + 2));
              break;
            case 0x03:
              nd.print(': ');
              for (let i = 2; i < plen; i++) nd.print(charText(nd.u8(tptr + i)));
              break;
            case 0x0c:
              nd.printBreak('\n\t\t  Control Channels (0x' + hex(nd.u8(tptr + 2), 2) + ') = [' + bittok2str(vccvCcValues, 'none', nd.u8(tptr + 2)) + ']');
              nd.printBreak('\n\t\t  CV Types (0x' + hex(nd.u8(tptr + 3), 2) + ') = [' + bittok2str(vccvCvValues, 'none', nd.u8(tptr + 3)) + ']');
              break;
            default:
              printUnknownData(nd, tptr + 2, '\n\t\t  ', plen - 2);
          }
          infoLen -= plen;
          tptr += plen;
        }
      }
      break;
    }
    case 0x0200:
      if (!atLeast(4)) return done;
      nd.printBreak('\n\t      Label: ' + (nd.u32(tptr) & 0xfffff));
      break;
    case 0x0300: {
      if (!atLeast(8)) return done;
      const ui = nd.u32(tptr);
      nd.printBreak(
        '\n\t      Status: 0x' +
          hex(ui & 0x3fffffff, 2) +
          ', Flags: [' +
          (ui & 0x80000000 ? 'Fatal error' : 'Advisory Notification') +
          ' and ' +
          (ui & 0x40000000 ? 'do' : "don't") +
          ' forward]',
      );
      const id = nd.u32(tptr + 4);
      if (id) nd.print(', causing Message ID: 0x' + hex(id, 8));
      break;
    }
    case 0x0503: {
      if (!atLeast(12)) return done;
      const f = nd.u16(tptr);
      nd.printBreak(
        '\n\t      Flags: [' +
          (f & 0x8000 ? '' : 'No ') +
          'Reconnect, ' +
          (f & 0x8 ? '' : "Don't ") +
          'Save State, ' +
          (f & 0x4 ? '' : 'No ') +
          'All-Label Protection, ' +
          (f & 0x2 ? 'Sequence Numbered Label' : 'All Labels') +
          ' Checkpoint, ' +
          (f & 0x1 ? '' : "Don't ") +
          'Re-Learn State]',
      );
      const reconnect = nd.u32(tptr + 4);
      if (reconnect) nd.print(', Reconnect Timeout: ' + reconnect + 'ms');
      const recovery = nd.u32(tptr + 8);
      if (recovery) nd.print(', Recovery Time: ' + recovery + 'ms');
      break;
    }
    case 0x0601:
      if (!atLeast(2)) return done;
      nd.printBreak('\n\t      MTU: ' + nd.u16(tptr));
      break;
    default:
      if (nd.verbose <= 1) printUnknownData(nd, tptr, '\n\t      ', tlen);
  }
  return done;
}

/** One PDU: the bytes it spans, 0 to stop. */
function pduPrint(nd: Dissector, pptr: number): number {
  nd.need(pptr, 10);
  const lead = nd.verbose < 1 ? '' : '\n\t';
  const version = nd.u16(pptr);
  if (version !== 1) {
    nd.printBreak(lead + 'LDP version ' + version + ' packet not supported');
    return 0;
  }
  const pduLen = nd.u16(pptr + 2);
  if (pduLen < 6) {
    nd.printBreak(lead + 'LDP, pdu-length: ' + pduLen + ' (too short, < 6)');
    return 0;
  }
  nd.printBreak(lead + 'LDP, Label-Space-ID: ' + nd.ipv4(pptr + 4) + ':' + nd.u16(pptr + 8) + ', pdu-length: ' + pduLen);
  if (nd.verbose < 1) return 0;
  let tptr = pptr + 10;
  let tlen = pduLen - 6;
  while (tlen > 0) {
    nd.need(tptr, 8);
    const msgLen = nd.u16(tptr + 2);
    const rawType = nd.u16(tptr);
    const type = rawType & 0x7fff;
    if (msgLen < 4) {
      nd.printBreak('\n\t  ' + tok2str(msgValues, 'Unknown', type) + ' Message (0x' + hex(type, 4) + '), length: ' + msgLen + ' (too short, < 4)');
      return 0;
    }
    nd.printBreak(
      '\n\t  ' +
        tok2str(msgValues, 'Unknown', type) +
        ' Message (0x' +
        hex(type, 4) +
        '), length: ' +
        msgLen +
        ', Message ID: 0x' +
        hex(nd.u32(tptr + 4), 8) +
        ', Flags: [' +
        (rawType & 0x8000 ? 'continue processing' : 'ignore') +
        ' if unknown]',
    );
    let msgTptr = tptr + 8;
    let msgTlen = msgLen - 4;
    nd.need(tptr, msgLen);
    switch (type) {
      case 0x0001:
      case 0x0100:
      case 0x0200:
      case 0x0201:
      case 0x0300:
      case 0x0400:
      case 0x0301:
      case 0x0402:
        while (msgTlen >= 4) {
          const n = tlvPrint(nd, msgTptr, msgTlen);
          if (n === 0) break;
          msgTlen -= n;
          msgTptr += n;
        }
        break;
      default:
        if (nd.verbose <= 1) printUnknownData(nd, msgTptr, '\n\t  ', msgTlen);
    }
    if (nd.verbose > 1) printUnknownData(nd, tptr + 8, '\n\t  ', msgLen);
    tptr += msgLen + 4;
    tlen = (tlen - (msgLen + 4)) & 0xffff;
  }
  return pduLen + 4;
}

export function ldpPrint(nd: Dissector, pptr: number, len: number): void {
  nd.protocol = 'ldp';
  while (len > 18) {
    const processed = pduPrint(nd, pptr);
    if (processed === 0) return;
    if (len < processed) {
      nd.print(' [remaining length ' + len + ' < ' + processed + ']');
      nd.printInvalid();
      break;
    }
    len -= processed;
    pptr += processed;
  }
}

udpPorts.register('ldp', ldpPrint);
tcpPorts.register('ldp', ldpPrint);
