import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { udpPorts } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { mplsPwTypesValues } from './af.js';
import { bgpRd } from './bgp-nlri.js';
import { ntpTime } from './ntp.js';
import { smiValues } from './smi.js';
import { printLines } from './strings.js';

/**
 * MPLS LSP ping (tcpdump's print-lsping.c, RFC 4379), UDP port 3503: the message type
 * and sequence number; with -v the header's codes and time stamps and each TLV (target
 * FEC stack sub-TLVs, downstream mapping, BFD discriminator, vendor), -vv every TLV in
 * hex as well.
 */

const msgTypes = tok({ 1: 'MPLS Echo Request', 2: 'MPLS Echo Reply' });
const replyModes = tok({
  1: 'Do not reply',
  2: 'Reply via an IPv4/IPv6 UDP packet',
  3: 'Reply via an IPv4/IPv6 UDP packet with Router Alert',
  4: 'Reply via application level control channel',
});
const returnCodes = tok({
  0: 'No return code or return code contained in the Error Code TLV',
  1: 'Malformed echo request received',
  2: 'One or more of the TLVs was not understood',
  3: 'Replying router is an egress for the FEC at stack depth',
  4: 'Replying router has no mapping for the FEC at stack depth',
  5: 'Reserved',
  6: 'Reserved',
  7: 'Reserved',
  8: 'Label switched at stack-depth',
  9: 'Label switched but no MPLS forwarding at stack-depth',
  10: 'Mapping for this FEC is not the given label at stack depth',
  11: 'No label entry at stack-depth',
  12: 'Protocol not associated with interface at FEC stack depth',
  13: 'Premature termination of ping due to label stack shrinking to a single label',
});
const tlvValues = tok({
  1: 'Target FEC Stack',
  2: 'Downstream Mapping',
  3: 'Pad',
  9: 'Error Code',
  5: 'Vendor Enterprise Code',
  7: 'Interface Label Stack',
  10: 'Reply TOS Byte',
  15: 'BFD Discriminator',
  0xfc00: 'Vendor Private Code',
});
const fecSubtlvValues = tok({
  1: 'LDP IPv4 prefix',
  2: 'LDP IPv6 prefix',
  3: 'RSVP IPv4 Session Query',
  4: 'RSVP IPv6 Session Query',
  5: 'Reserved',
  6: 'VPN IPv4 prefix',
  7: 'VPN IPv6 prefix',
  8: 'L2 VPN endpoint',
  9: 'FEC 128 pseudowire (old)',
  10: 'FEC 128 pseudowire',
  12: 'BGP labeled IPv4 prefix',
  13: 'BGP labeled IPv6 prefix',
});
const downstreamAddr = tok({ 1: 'IPv4', 2: 'Unnumbered IPv4', 3: 'IPv6', 4: 'IPv6' });

const HDR = 32;
const TOO_SHORT = '\n\t      TLV is too short';

/** The text of one Target FEC sub-TLV at p (len bytes), or null: a wrong length (printed) or an unknown type, to be dumped. */
function fecSubtlv(nd: Dissector, type: number, p: number, len: number): boolean {
  const want: Record<number, number> = { 1: 5, 2: 17, 12: 5, 13: 17, 3: 20, 4: 56, 6: 13, 7: 25, 8: 14, 9: 10, 10: 14 };
  const expected = want[type];
  if (expected === undefined) return false;
  if (len !== expected) {
    printLines(nd, '\n\t      invalid subTLV length, should be ' + expected);
    return false;
  }
  const pw = (at: number) => tok2str(mplsPwTypesValues, 'unknown', nd.u16(at)) + ' (' + nd.u16(at) + ')';
  switch (type) {
    case 1:
    case 12:
      printLines(nd, '\n\t      ' + nd.ipv4(p) + '/' + nd.u8(p + 4));
      break;
    case 2:
    case 13:
      printLines(nd, '\n\t      ' + nd.ipv6(p) + '/' + nd.u8(p + 16));
      break;
    case 3:
      printLines(
        nd,
        '\n\t      tunnel end-point ' + nd.ipv4(p) + ', tunnel sender ' + nd.ipv4(p + 12) + ', lsp-id 0x' + hex(nd.u16(p + 18), 4) +
          '\n\t      tunnel-id 0x' + hex(nd.u16(p + 6), 4) + ', extended tunnel-id ' + nd.ipv4(p + 8),
      );
      break;
    case 4:
      printLines(
        nd,
        '\n\t      tunnel end-point ' + nd.ipv6(p) + ', tunnel sender ' + nd.ipv6(p + 36) + ', lsp-id 0x' + hex(nd.u16(p + 54), 4) +
          '\n\t      tunnel-id 0x' + hex(nd.u16(p + 18), 4) + ', extended tunnel-id ' + nd.ipv6(p + 20),
      );
      break;
    case 6:
      printLines(nd, '\n\t      RD: ' + bgpRd(nd, p) + ', ' + nd.ipv4(p + 8) + '/' + nd.u8(p + 12));
      break;
    case 7:
      printLines(nd, '\n\t      RD: ' + bgpRd(nd, p) + ', ' + nd.ipv6(p + 8) + '/' + nd.u8(p + 24));
      break;
    case 8:
      printLines(
        nd,
        '\n\t      RD: ' + bgpRd(nd, p) + ', Sender VE ID: ' + nd.u16(p + 8) + ', Receiver VE ID: ' + nd.u16(p + 10) + '\n\t      Encapsulation Type: ' + pw(p + 12),
      );
      break;
    case 9:
      printLines(nd, '\n\t      Remote PE: ' + nd.ipv4(p) + '\n\t      PW ID: 0x' + hex(nd.u32(p + 4), 8) + ', PW Type: ' + pw(p + 8));
      break;
    case 10:
      printLines(nd, '\n\t      Sender PE: ' + nd.ipv4(p) + ', Remote PE: ' + nd.ipv4(p + 4) + '\n\t      PW ID: 0x' + hex(nd.u32(p + 8), 8) + ', PW Type: ' + pw(p + 12));
      break;
  }
  return true;
}

/** The Target FEC stack's sub-TLVs; false when one is too short (printed; the TLV is then dumped), null when padding runs past it (the packet ends). */
function fecStack(nd: Dissector, p: number, tlen: number): boolean | null {
  while (tlen !== 0) {
    if (tlen < 4) {
      printLines(nd, TOO_SHORT);
      return false;
    }
    const type = nd.u16(p);
    let len = nd.u16(p + 2);
    if (tlen < len + 4) {
      printLines(nd, TOO_SHORT);
      return false;
    }
    nd.need(p + 4, len);
    printLines(nd, '\n\t    ' + tok2str(fecSubtlvValues, 'Unknown', type) + ' subTLV (' + type + '), length: ' + len);
    const decoded = fecSubtlv(nd, type, p + 4, len);
    if (nd.verbose > 1 || !decoded) printUnknownData(nd, p + 4, '\n\t      ', len);
    if (len % 4) {
      len += 4 - (len % 4);
      if (tlen < len + 4) {
        printLines(nd, '\n\t\t TLV is too short');
        return null;
      }
    }
    p += len;
    tlen -= len + 4;
  }
  return true;
}

/** The downstream mapping TLV; false when too short (printed). The TLV is dumped after it in every case. */
function downstream(nd: Dissector, p: number, tlen: number): void {
  if (tlen < 4) return printLines(nd, TOO_SHORT);
  nd.need(p, 4);
  const type = nd.u8(p + 2);
  printLines(nd, '\n\t    MTU: ' + nd.u16(p) + ', Address-Type: ' + tok2str(downstreamAddr, 'unknown', type) + ' (' + type + ')');
  const sizes: Record<number, number> = { 1: 12, 2: 12, 3: 36, 4: 24 };
  const size = sizes[type];
  if (size !== undefined) {
    if (tlen < size) return printLines(nd, TOO_SHORT);
    nd.need(p, size);
    if (type === 1) printLines(nd, '\n\t    Downstream IP: ' + nd.ipv4(p + 4) + '\n\t    Downstream Interface IP: ' + nd.ipv4(p + 8));
    else if (type === 2) printLines(nd, '\n\t    Downstream IP: ' + nd.ipv4(p + 4) + '\n\t    Downstream Interface Index: 0x' + hex(nd.u32(p + 8), 8));
    else if (type === 3) printLines(nd, '\n\t    Downstream IP: ' + nd.ipv6(p + 4) + '\n\t    Downstream Interface IP: ' + nd.ipv6(p + 20));
    else printLines(nd, '\n\t    Downstream IP: ' + nd.ipv6(p + 4) + '\n\t    Downstream Interface Index: 0x' + hex(nd.u32(p + 20), 8));
    p += size;
    tlen -= size;
  }
  if (tlen < 4) return printLines(nd, TOO_SHORT);
  nd.need(p, 4);
}

export function lsppingPrint(nd: Dissector, pptr: number, len: number): void {
  nd.protocol = 'lspping';
  if (len < HDR) return printLines(nd, '\n\t\t packet is too short');
  nd.need(pptr, HDR);
  const version = nd.u16(pptr);
  if (version !== 1) {
    nd.print('LSP-PING version ' + version + ' packet not supported');
    return;
  }
  const msgType = nd.u8(pptr + 4);
  if (nd.verbose < 1) {
    nd.print('LSP-PINGv' + version + ', ' + tok2str(msgTypes, 'unknown (%u)', msgType) + ', seq ' + nd.u32(pptr + 12) + ', length: ' + len);
    return;
  }
  const replyMode = nd.u8(pptr + 5);
  printLines(
    nd,
    '\n\tLSP-PINGv' + version + ', msg-type: ' + tok2str(msgTypes, 'unknown', msgType) + ' (' + msgType + '), length: ' + len + '\n\t  reply-mode: ' +
      tok2str(replyModes, 'unknown', replyMode) + ' (' + replyMode + ')',
  );
  const code = nd.u8(pptr + 6);
  const subcode = nd.u8(pptr + 7);
  if ([3, 4, 8, 10, 11, 12].includes(code))
    printLines(nd, '\n\t  Return Code: ' + tok2str(returnCodes, 'unknown', code) + ' ' + subcode + ' (' + code + ')\n\t  Return Subcode: (' + subcode + ')');
  else printLines(nd, '\n\t  Return Code: ' + tok2str(returnCodes, 'unknown', code) + ' (' + code + ')\n\t  Return Subcode: (' + subcode + ')');
  printLines(nd, '\n\t  Sender Handle: 0x' + hex(nd.u32(pptr + 8), 8) + ', Sequence: ' + nd.u32(pptr + 12));
  printLines(nd, '\n\t  Sender Timestamp: ');
  nd.print(ntpTime(nd, pptr + 16));
  nd.print(' ');
  nd.print('Receiver Timestamp: ');
  nd.print(nd.u32(pptr + 24) === 0 && nd.u32(pptr + 28) === 0 ? 'no timestamp' : ntpTime(nd, pptr + 24));
  let tptr = pptr + HDR;
  let tlen = len - HDR;
  while (tlen !== 0) {
    if (tlen < 4) return printLines(nd, '\n\t\t packet is too short');
    const type = nd.u16(tptr);
    let tlvLen = nd.u16(tptr + 2);
    printLines(nd, '\n\t  ' + tok2str(tlvValues, 'Unknown', type) + ' TLV (' + type + '), length: ' + tlvLen);
    if (tlvLen === 0) {
      tptr += 4;
      tlen -= 4;
      continue;
    }
    const v = tptr + 4;
    if (tlen < tlvLen + 4) return printLines(nd, '\n\t\t packet is too short');
    nd.need(v, tlvLen);
    let dump = false;
    switch (type) {
      case 1: {
        const r = fecStack(nd, v, tlvLen);
        if (r === null) return;
        dump = !r;
        break;
      }
      case 2:
        // Until the code is complete, tcpdump dumps the whole TLV after what it decodes.
        downstream(nd, v, tlvLen);
        dump = true;
        break;
      case 15:
        if (tlvLen < 4) {
          printLines(nd, TOO_SHORT);
          dump = true;
        } else printLines(nd, '\n\t    BFD Discriminator 0x' + hex(nd.u32(v), 8));
        break;
      case 5:
        if (tlvLen < 4) {
          printLines(nd, TOO_SHORT);
          dump = true;
        } else {
          const vendor = nd.u32(v);
          printLines(nd, '\n\t    Vendor: ' + tok2str(smiValues, 'Unknown', vendor) + ' (0x' + hex(vendor, 4) + ')');
        }
        break;
      default:
        if (nd.verbose <= 1) printUnknownData(nd, v, '\n\t    ', tlvLen);
    }
    if (nd.verbose > 1 || dump) printUnknownData(nd, v, '\n\t    ', tlvLen);
    if (tlvLen % 4) {
      tlvLen += 4 - (tlvLen % 4);
      if (tlen < tlvLen + 4) return printLines(nd, '\n\t\t packet is too short');
    }
    tptr += tlvLen + 4;
    tlen -= tlvLen + 4;
  }
}

udpPorts.register('lspping', lsppingPrint);
