import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { udpPorts } from '../registry.js';
import { bittok2str, hex, tok, tok2str, type Tok } from '../text.js';
import {
  gmplsEncodingValues,
  gmplsSwitchCapValues,
  lmpSdServiceConfigCpsaLinkTypeValues,
  lmpSdServiceConfigCpsaSignalTypeSdhValues,
  lmpSdServiceConfigCpsaSignalTypeSonetValues,
} from './gmpls.js';
import { mbps, printLines } from './strings.js';

/**
 * Link Management Protocol (tcpdump's print-lmp.c, RFC 4204, UNI 1.0 service
 * discovery), UDP port 701: the message type; with -v the header and every object,
 * -vv each object in hex as well.
 */

const headerFlags = tok({ 1: 'Control Channel Down', 2: 'LMP restart' });
const teLinkFlags = tok({ 1: 'Fault Management Supported', 2: 'Link Verification Supported' });
const dataLinkFlags = tok({ 1: 'Data Link Port', 2: 'Allocated for user traffic', 4: 'Failed link' });
const channelStatus = tok({ 1: 'Signal Okay', 2: 'Signal Degraded', 3: 'Signal Fail' });
const beginVerifyFlags = tok({ 1: 'Verify all links', 2: 'Data link type' });
const beginVerifyErrors = tok({
  0x01: 'Link Verification Procedure Not supported',
  0x02: 'Unwilling to verify',
  0x04: 'Unsupported verification transport mechanism',
  0x08: 'Link-Id configuration error',
  0x10: 'Unknown object c-type',
});
const linkSummaryErrors = tok({
  0x01: 'Unacceptable non-negotiable LINK-SUMMARY parameters',
  0x02: 'Renegotiate LINK-SUMMARY parameters',
  0x04: 'Invalid TE-LINK Object',
  0x08: 'Invalid DATA-LINK Object',
  0x10: 'Unknown TE-LINK Object c-type',
  0x20: 'Unknown DATA-LINK Object c-type',
});
const spFlags = tok({ 1: 'RSVP Supported', 2: 'LDP Supported' });
const cpsaTpFlags = tok({ 1: 'Path/VC Overhead Transparency Supported', 2: 'Line/MS Overhead Transparency Supported', 4: 'Section/RS Overhead Transparency Supported' });
const cpsaCctFlags = tok({ 1: 'Contiguous Concatenation Types Supported' });
const nsaTransparencyFlags = tok({ 1: 'Standard SOH/RSOH Transparency Supported', 2: 'Standard LOH/MSOH Transparency Supported' });
const nsaTcmFlags = tok({ 1: 'Transparent Tandem Connection Monitoring Supported' });
const nsaDiversityFlags = tok({ 1: 'Node Diversity Supported', 2: 'Link Diversity Supported', 4: 'SRLG Diversity Supported' });
const msgTypes = tok({
  1: 'Config', 2: 'Config ACK', 3: 'Config NACK', 4: 'Hello', 5: 'Begin Verify', 6: 'Begin Verify ACK', 7: 'Begin Verify NACK', 8: 'End Verify',
  9: 'End Verify ACK', 10: 'Test', 11: 'Test Status Success', 12: 'Test Status Failure', 13: 'Test Status ACK', 14: 'Link Summary',
  15: 'Link Summary ACK', 16: 'Link Summary NACK', 17: 'Channel Status', 18: 'Channel Status ACK', 19: 'Channel Status Request',
  20: 'Channel Status Response', 50: 'Service Config', 51: 'Service Config ACK', 52: 'Service Config NACK',
});
const objects = tok({
  1: 'Control Channel ID', 2: 'Node ID', 3: 'Link ID', 4: 'Interface ID', 5: 'Message ID', 6: 'Configuration', 7: 'Hello', 8: 'Verify Begin',
  9: 'Verify Begin ACK', 10: 'Verify ID', 11: 'TE Link', 12: 'Data Link', 13: 'Channel Status', 14: 'Channel Status Request', 20: 'Error Code',
  51: 'Service Config',
});
const subobjects = tok({ 1: 'Interface Switching Type', 2: 'Wavelength' });
const ctypes = tok({
  0x0101: 'Local', 0x0102: 'Remote', 0x0201: 'Local', 0x0202: 'Remote', 0x0301: 'IPv4 Local', 0x0302: 'IPv4 Remote', 0x0303: 'IPv6 Local',
  0x0304: 'IPv6 Remote', 0x0305: 'Unnumbered Local', 0x0306: 'Unnumbered Remote', 0x0401: 'IPv4 Local', 0x0402: 'IPv4 Remote',
  0x0403: 'IPv6 Local', 0x0404: 'IPv6 Remote', 0x0405: 'Unnumbered Local', 0x0406: 'Unnumbered Remote', 0x0501: '1', 0x0502: '2',
  0x0601: '1', 0x0701: '1', 0x0801: '1', 0x0901: '1', 0x0a01: '1', 0x0b01: 'IPv4', 0x0b02: 'IPv6', 0x0b03: 'Unnumbered', 0x0c01: 'IPv4',
  0x0c02: 'IPv6', 0x0c03: 'Unnumbered', 0x0d01: 'IPv4', 0x0d02: 'IPv6', 0x0d03: 'Unnumbered', 0x0e01: 'IPv4', 0x0e02: 'IPv6',
  0x0e03: 'Unnumbered', 0x1401: '1', 0x1402: '2', 0x3301: '1', 0x3302: '2', 0x3303: '3', 0x3304: '4',
});

const NOT_CORRECT = ' (not correct for object)';
const idText = (nd: Dissector, at: number) => nd.u32(at) + ' (0x' + hex(nd.u32(at), 8) + ')';
const ip4Text = (nd: Dissector, at: number) => nd.ipv4(at) + ' (0x' + hex(nd.u32(at), 8) + ')';
const ip6Text = (nd: Dissector, at: number) => nd.ipv6(at) + ' (0x' + hex(nd.u32(at), 8) + ')';

/** lmp_print_data_link_subobjs: true when one must be dumped in hex. */
function dataLinkSubobjects(nd: Dissector, obj: number, total: number, offset: number): boolean {
  while (total > 0) {
    const type = nd.u8(obj + offset);
    const len = nd.u8(obj + offset + 1);
    printLines(nd, '\n\t    Subobject, Type: ' + tok2str(subobjects, 'Unknown', type) + ' (' + type + '), Length: ' + len);
    if (len < 4) {
      nd.print(' (too short)');
      return false;
    }
    if (len % 4) {
      nd.print(' (not a multiple of 4)');
      return false;
    }
    if (total < len) {
      nd.print(' (goes past the end of the object)');
      return false;
    }
    if (type === 1) {
      const sw = nd.u8(obj + offset + 2);
      printLines(nd, '\n\t      Switching Type: ' + tok2str(gmplsSwitchCapValues, 'Unknown', sw) + ' (' + sw + ')');
      const enc = nd.u8(obj + offset + 3);
      printLines(nd, '\n\t      Encoding Type: ' + tok2str(gmplsEncodingValues, 'Unknown', enc) + ' (' + enc + ')');
      printLines(nd, '\n\t      Min Reservable Bandwidth: ' + mbps(nd.u32(obj + offset + 4)) + ' Mbps');
      printLines(nd, '\n\t      Max Reservable Bandwidth: ' + mbps(nd.u32(obj + offset + 8)) + ' Mbps');
    } else if (type === 2) printLines(nd, '\n\t      Wavelength: ' + nd.u32(obj + offset + 4));
    else return true;
    total -= len;
    offset += len;
  }
  return false;
}

/** The interface ids and states of a Channel Status object: entries of size bytes, the state word at stateAt. */
function channelStatusList(nd: Dissector, obj: number, tlen: number, size: number, id: (nd: Dissector, at: number) => string, stateAt: number): void {
  for (let off = 0; off + size <= tlen; off += size) {
    printLines(nd, '\n\t    Interface ID: ' + id(nd, obj + off));
    const s = () => nd.u32(obj + off + stateAt);
    printLines(nd, '\n\t\t    Active: ' + (s() >>> 31 ? 'Allocated' : 'Non-allocated') + ' (' + (s() >>> 31) + ')');
    printLines(nd, '\n\t\t    Direction: ' + ((s() >>> 30) & 1 ? 'Transmit' : 'Receive') + ' (' + ((s() >>> 30) & 1) + ')');
    printLines(nd, '\n\t\t    Channel Status: ' + tok2str(channelStatus, 'Unknown', s() & 0x3ffffff) + ' (' + (s() & 0x3ffffff) + ')');
  }
}

function interfaceIds(nd: Dissector, obj: number, tlen: number, size: number, id: (nd: Dissector, at: number) => string): void {
  for (let off = 0; off + size <= tlen; off += size) printLines(nd, '\n\t    Interface ID: ' + id(nd, obj + off));
}

/** One object's body; true when it is to be dumped in hex (an unknown c-type). */
function object(nd: Dissector, cls: number, ctype: number, obj: number, tlen: number): boolean {
  /** Prints text when the object's length is the one expected, else says it is not. */
  const exactly = (n: number, text: () => string) => {
    if (tlen !== n) nd.print(NOT_CORRECT);
    else printLines(nd, text());
    return false;
  };
  const flagsLine = (t: Tok) => printLines(nd, '\n\t    Flags: [' + bittok2str(t, 'none', nd.u8(obj)) + ']');
  switch (cls) {
    case 1:
      if (ctype !== 1 && ctype !== 2) return true;
      return exactly(4, () => '\n\t    Control Channel ID: ' + idText(nd, obj));
    case 3:
    case 4:
      if (ctype === 1 || ctype === 2) return exactly(4, () => '\n\t    IPv4 Link ID: ' + ip4Text(nd, obj));
      if (ctype === 3 || ctype === 4) return exactly(16, () => '\n\t    IPv6 Link ID: ' + ip6Text(nd, obj));
      if (ctype === 5 || ctype === 6) return exactly(4, () => '\n\t    Link ID: ' + idText(nd, obj));
      return true;
    case 5:
      if (ctype === 1) return exactly(4, () => '\n\t    Message ID: ' + idText(nd, obj));
      if (ctype === 2) return exactly(4, () => '\n\t    Message ID Ack: ' + idText(nd, obj));
      return true;
    case 2:
      if (ctype !== 1 && ctype !== 2) return true;
      return exactly(4, () => '\n\t    Node ID: ' + ip4Text(nd, obj));
    case 6:
      if (ctype !== 1) return true;
      return exactly(4, () => '\n\t    Hello Interval: ' + nd.u16(obj) + '\n\t    Hello Dead Interval: ' + nd.u16(obj + 2));
    case 7:
      if (ctype !== 1) return true;
      return exactly(8, () => '\n\t    Tx Seq: ' + nd.u32(obj) + ', Rx Seq: ' + nd.u32(obj + 4));
    case 11: {
      const ids: Record<number, [number, (nd: Dissector, at: number) => string, number]> = { 1: [12, ip4Text, 8], 2: [36, ip6Text, 20], 3: [12, idText, 8] };
      const form = ids[ctype];
      if (form === undefined) return true;
      if (tlen !== form[0]) {
        nd.print(NOT_CORRECT);
        return false;
      }
      flagsLine(teLinkFlags);
      printLines(nd, '\n\t    Local Link-ID: ' + form[1](nd, obj + 4) + '\n\t    Remote Link-ID: ' + form[1](nd, obj + form[2]));
      return false;
    }
    case 12: {
      const ids: Record<number, [number, (nd: Dissector, at: number) => string, number]> = { 1: [12, ip4Text, 8], 2: [36, ip6Text, 20], 3: [12, idText, 8] };
      const form = ids[ctype];
      if (form === undefined) return true;
      if (tlen < form[0]) {
        nd.print(NOT_CORRECT);
        return false;
      }
      flagsLine(dataLinkFlags);
      printLines(nd, '\n\t    Local Interface ID: ' + form[1](nd, obj + 4) + '\n\t    Remote Interface ID: ' + form[1](nd, obj + form[2]));
      return dataLinkSubobjects(nd, obj, tlen - form[0], form[0]);
    }
    case 8:
      if (ctype !== 1) return true;
      if (tlen !== 20) {
        nd.print(NOT_CORRECT);
        return false;
      }
      printLines(nd, '\n\t    Flags: ' + bittok2str(beginVerifyFlags, 'none', nd.u16(obj)));
      printLines(nd, '\n\t    Verify Interval: ' + nd.u16(obj + 2));
      printLines(nd, '\n\t    Data links: ' + nd.u32(obj + 4));
      printLines(nd, '\n\t    Encoding type: ' + tok2str(gmplsEncodingValues, 'Unknown', nd.u8(obj + 8)));
      {
        const m = nd.u16(obj + 10);
        // tcpdump tests the decimal 8000, not 0x8000.
        printLines(nd, '\n\t    Verify Transport Mechanism: ' + m + ' (0x' + hex(m) + ')' + (m & 8000 ? ' (Payload test messages capable)' : ''));
      }
      printLines(nd, '\n\t    Transmission Rate: ' + mbps(nd.u32(obj + 12)) + ' Mbps');
      printLines(nd, '\n\t    Wavelength: ' + nd.u32(obj + 16));
      return false;
    case 9:
      if (ctype !== 1) return true;
      return exactly(4, () => '\n\t    Verify Dead Interval: ' + nd.u16(obj) + '\n\t    Verify Transport Response: ' + nd.u16(obj + 2));
    case 10:
      if (ctype !== 1) return true;
      return exactly(4, () => '\n\t    Verify ID: ' + nd.u32(obj));
    case 13:
      if (ctype === 1) channelStatusList(nd, obj, tlen, 8, ip4Text, 4);
      else if (ctype === 2) channelStatusList(nd, obj, tlen, 20, ip6Text, 16);
      else if (ctype === 3) channelStatusList(nd, obj, tlen, 8, idText, 4);
      else return true;
      return false;
    case 14:
      if (ctype === 1) interfaceIds(nd, obj, tlen, 4, ip4Text);
      else if (ctype === 2) interfaceIds(nd, obj, tlen, 16, ip6Text);
      else if (ctype === 3) interfaceIds(nd, obj, tlen, 4, idText);
      else return true;
      return false;
    case 20:
      if (ctype === 1) return exactly(4, () => '\n\t    Error Code: ' + bittok2str(beginVerifyErrors, 'none', nd.u32(obj)));
      if (ctype === 2) return exactly(4, () => '\n\t    Error Code: ' + bittok2str(linkSummaryErrors, 'none', nd.u32(obj)));
      return true;
    case 51:
      return serviceConfig(nd, ctype, obj, tlen);
    default:
      if (nd.verbose <= 1) printUnknownData(nd, obj, '\n\t    ', tlen);
      return false;
  }
}

function serviceConfig(nd: Dissector, ctype: number, obj: number, tlen: number): boolean {
  switch (ctype) {
    case 1:
      if (tlen !== 4) {
        nd.print(NOT_CORRECT);
        return false;
      }
      printLines(nd, '\n\t Flags: ' + bittok2str(spFlags, 'none', nd.u8(obj)));
      printLines(nd, '\n\t  UNI Version: ' + nd.u8(obj + 1));
      return false;
    case 2: {
      if (tlen !== 16) {
        nd.print(NOT_CORRECT);
        return false;
      }
      const linkType = nd.u8(obj);
      printLines(nd, '\n\t Link Type: ' + tok2str(lmpSdServiceConfigCpsaLinkTypeValues, 'Unknown', linkType) + ' (' + linkType + ')');
      if (linkType === 5 || linkType === 6) {
        const t = linkType === 5 ? lmpSdServiceConfigCpsaSignalTypeSdhValues : lmpSdServiceConfigCpsaSignalTypeSonetValues;
        printLines(nd, '\n\t Signal Type: ' + tok2str(t, 'Unknown', nd.u8(obj + 1)) + ' (' + nd.u8(obj + 1) + ')');
      }
      printLines(nd, '\n\t Transparency: ' + bittok2str(cpsaTpFlags, 'none', nd.u8(obj + 2)));
      printLines(nd, '\n\t Contiguous Concatenation Types: ' + bittok2str(cpsaCctFlags, 'none', nd.u8(obj + 3)));
      printLines(nd, '\n\t Minimum NCC: ' + nd.u16(obj + 4));
      printLines(nd, '\n\t Maximum NCC: ' + nd.u16(obj + 6));
      printLines(nd, '\n\t Minimum NVC:' + nd.u16(obj + 8));
      printLines(nd, '\n\t Maximum NVC:' + nd.u16(obj + 10));
      printLines(nd, '\n\t    Local Interface ID: ' + ip4Text(nd, obj + 12));
      return false;
    }
    case 3:
      if (tlen !== 8) {
        nd.print(NOT_CORRECT);
        return false;
      }
      printLines(nd, '\n\t Transparency Flags: ' + bittok2str(nsaTransparencyFlags, 'none', nd.u32(obj)));
      printLines(nd, '\n\t TCM Monitoring Flags: ' + bittok2str(nsaTcmFlags, 'none', nd.u8(obj + 7)));
      return false;
    case 4:
      if (tlen !== 4) {
        nd.print(NOT_CORRECT);
        return false;
      }
      printLines(nd, '\n\t Diversity: Flags: ' + bittok2str(nsaDiversityFlags, 'none', nd.u8(obj + 3)));
      return false;
    default:
      return true;
  }
}

export function lmpPrint(nd: Dissector, pptr: number, length: number): void {
  nd.protocol = 'lmp';
  nd.need(pptr, 8);
  const version = (nd.u16(pptr) & 0xf000) >> 12;
  if (version !== 1) {
    nd.print('LMP version ' + version + ' packet not supported');
    return;
  }
  const type = nd.u8(pptr + 3);
  if (nd.verbose < 1) {
    nd.print('LMPv' + version + ' ' + tok2str(msgTypes, 'unknown (%u)', type) + ' Message, length: ' + length);
    return;
  }
  let tlen = nd.u16(pptr + 4);
  printLines(nd, '\n\tLMPv' + version + ', msg-type: ' + tok2str(msgTypes, 'unknown, type: %u', type) + ', Flags: [' + bittok2str(headerFlags, 'none', nd.u8(pptr + 2)) + '], length: ' + tlen);
  if (tlen < 8) {
    nd.print(' (too short)');
    return;
  }
  if (tlen > length) {
    nd.print(' (too long)');
    tlen = length;
  }
  let tptr = pptr + 8;
  tlen -= 8;
  while (tlen > 0) {
    const objLen = nd.u16(tptr + 2);
    const ctype = nd.u8(tptr) & 0x7f;
    const cls = nd.u8(tptr + 1);
    printLines(
      nd,
      '\n\t  ' + tok2str(objects, 'Unknown', cls) + ' Object (' + cls + '), Class-Type: ' + tok2str(ctypes, 'Unknown', (cls << 8) + ctype) + ' (' + ctype + ') Flags: [' +
        (nd.u8(tptr) & 0x80 ? '' : 'non-') + 'negotiable], length: ' + objLen,
    );
    if (objLen < 4) {
      nd.print(' (too short)');
      return;
    }
    if (objLen % 4) {
      nd.print(' (not a multiple of 4)');
      return;
    }
    nd.need(tptr, objLen);
    const dump = object(nd, cls, ctype, tptr + 4, objLen - 4);
    if (nd.verbose > 1 || dump) printUnknownData(nd, tptr + 4, '\n\t    ', objLen - 4);
    if (tlen < objLen) {
      nd.print(' [remaining objects length ' + tlen + ' < ' + objLen + ']');
      nd.printInvalid();
      return;
    }
    tptr += objLen;
    tlen -= objLen;
  }
}

udpPorts.register('lmp', lmpPrint);
