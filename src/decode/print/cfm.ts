import type { Dissector } from '../dissector.js';
import { hexPrint, printUnknownData } from '../hex.js';
import { etherTypes } from '../registry.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';
import { ouiValues } from './llc.js';
import { afValues } from './af.js';
import { fixed, printjnp, toks } from './strings.js';

/** IEEE 802.1ag Connectivity Fault Management (tcpdump's print-cfm.c). */

const opcodes = tok({ 1: 'Continuity Check Message', 2: 'Loopback Reply', 3: 'Loopback Message', 4: 'Linktrace Reply', 5: 'Linktrace Message' });
// Single-precision, as tcpdump's table is float.
const ccmIntervalBase = [0, 0.003333, 0.01, 0.1, 1, 10, 60, 600].map((v) => Math.fround(v));
const mdNameFormats = tok({ 0: 'IEEE 802.1', 1: 'No MD Name present', 2: 'DNS string', 3: 'MAC + 16Bit Integer', 4: 'Character string' });
const maNameFormats = tok({ 0: 'IEEE 802.1', 1: 'Primary VID', 2: 'Character string', 3: '16Bit Integer', 4: 'RFC2685 VPN-ID' });
const ltmFlags = tok({ 0x80: 'Use Forwarding-DB only' });
const ltrFlags = toks([[0x80, 'UseFDB Only'], [0x40, 'FwdYes'], [0x20, 'Terminal MEP']]);
const replayActions = tok({ 1: 'Exact Match', 2: 'Filtering DB', 3: 'MIP CCM DB' });
const tlvNames = tok({ 0: 'End', 1: 'Sender ID', 2: 'Port status', 3: 'Interface status', 4: 'Data', 5: 'Reply Ingress', 6: 'Reply Egress', 31: 'Organization Specific' });
const portStatus = tok({ 1: 'Blocked', 2: 'Up' });
const interfaceStatus = tok({ 1: 'Up', 2: 'Down', 3: 'Testing', 5: 'Dormant', 6: 'not present', 7: 'lower Layer down' });
const chassisIdTypes = tok({
  0: 'Reserved',
  1: 'Chassis component',
  2: 'Interface alias',
  3: 'Port component',
  4: 'MAC address',
  5: 'Network address',
  6: 'Interface name',
  7: 'Locally assigned',
});

const TOO_SHORT = '\n\t\t packet is too short';

function networkAddr(nd: Dissector, p: number, length: number): boolean {
  if (length < 1) {
    nd.printBreak('\n\t  Network Address Type (invalid, no data');
    return false;
  }
  const type = nd.u8(p);
  nd.printBreak('\n\t  Network Address Type ' + tok2str(afValues, 'Unknown', type) + ' (' + type + ')');
  if (type === 1) {
    if (length !== 5) {
      nd.print('(invalid IPv4 address length ' + (length - 1) + ')');
      return true;
    }
    nd.print(', ' + nd.ipv4(p + 1));
    return false;
  }
  if (type === 2) {
    if (length !== 17) {
      nd.print('(invalid IPv6 address length ' + (length - 1) + ')');
      return true;
    }
    nd.print(', ' + nd.ipv6(p + 1));
    return false;
  }
  return true;
}

/** The CCM body; false when printing must stop. */
function ccm(nd: Dissector, p: number, flags: number): boolean {
  const interval = flags & 7;
  nd.print(', Flags [CCM Interval ' + interval + (flags & 0x80 ? ', RDI' : '') + ']');
  if (interval) {
    const base = ccmIntervalBase[interval];
    nd.printBreak('\n\t  CCM Interval ' + fixed(base, 3) + 's, min CCM Lifetime ' + fixed(base * 3.25, 3) + 's, max CCM Lifetime ' + fixed(base * 3.5, 3) + 's');
  }
  nd.printBreak('\n\t  Sequence Number 0x' + hex(nd.u32(p), 8) + ', MA-End-Point-ID 0x' + hex(nd.u16(p + 4), 4));
  let names = p + 6;
  let remaining = 48;
  const mdFormat = nd.u8(names++);
  remaining--;
  if (mdFormat !== 1) {
    const mdLen = nd.u8(names++);
    remaining--;
    nd.printBreak('\n\t  MD Name Format ' + tok2str(mdNameFormats, 'Unknown', mdFormat) + ' (' + mdFormat + '), MD Name length ' + mdLen);
    if (mdLen > remaining - 3) {
      nd.print(' (too large, must be <= ' + (remaining - 2) + ')');
      return false;
    }
    nd.printBreak('\n\t  MD Name: ');
    if (mdFormat === 2 || mdFormat === 4) printjnp(nd, names, mdLen);
    else if (mdFormat === 3) nd.printBreak(mdLen === 6 ? '\n\t  MAC ' + nd.mac(names) : '\n\t  MAC (length invalid)');
    else printUnknownData(nd, names, '\n\t    ', mdLen);
    names += mdLen;
    remaining -= mdLen;
  } else nd.printBreak('\n\t  MD Name Format ' + tok2str(mdNameFormats, 'Unknown', mdFormat) + ' (' + mdFormat + ')');
  const maFormat = nd.u8(names++);
  remaining--;
  const maLen = nd.u8(names++);
  remaining--;
  nd.printBreak('\n\t  MA Name-Format ' + tok2str(maNameFormats, 'Unknown', maFormat) + ' (' + maFormat + '), MA name length ' + maLen);
  if (maLen > remaining) {
    nd.print(' (too large, must be <= ' + remaining + ')');
    return false;
  }
  nd.printBreak('\n\t  MA Name: ');
  if (maFormat === 2) printjnp(nd, names, maLen);
  else printUnknownData(nd, names, '\n\t    ', maLen);
  return true;
}

/** The Sender ID TLV; returns what is left of the TLV's length, or -1 to stop, and whether to dump it. */
function senderId(nd: Dissector, s: { p: number; tlen: number; len: number; hexdump: boolean }): boolean {
  if (s.len < 1) {
    nd.print(' (too short, must be >= 1)');
    return true;
  }
  const chassisLen = nd.u8(s.p);
  s.p++;
  s.tlen = (s.tlen - 1) >>> 0;
  s.len--;
  if (chassisLen) {
    if (s.len < 1) {
      nd.printBreak('\n\t  (TLV too short)');
      return true;
    }
    const type = nd.u8(s.p);
    s.len--;
    nd.printBreak('\n\t  Chassis-ID Type ' + tok2str(chassisIdTypes, 'Unknown', type) + ' (' + type + '), Chassis-ID length ' + chassisLen);
    if (s.len < chassisLen) {
      nd.printBreak('\n\t  (TLV too short)');
      return true;
    }
    if (type === 4) {
      if (chassisLen !== 6) {
        nd.print(' (invalid MAC address length)');
        s.hexdump = true;
      } else nd.printBreak('\n\t  MAC ' + nd.mac(s.p + 1));
    } else if (type === 5) {
      if (networkAddr(nd, s.p + 1, chassisLen)) s.hexdump = true;
    } else if (type >= 1 && type <= 7) printjnp(nd, s.p + 1, chassisLen);
    else s.hexdump = true;
    s.len -= chassisLen;
    s.p += 1 + chassisLen;
    s.tlen = (s.tlen - 1 - chassisLen) >>> 0;
  }
  if (s.len === 0) return false;
  let mgmtLen = nd.u8(s.p);
  s.p++;
  s.tlen = (s.tlen - 1) >>> 0;
  s.len--;
  nd.printBreak('\n\t  Management Address Domain Length ' + mgmtLen);
  if (!mgmtLen) return false;
  if (s.len < mgmtLen) {
    nd.printBreak('\n\t  (TLV too short)');
    return true;
  }
  s.len -= mgmtLen;
  hexPrint(nd, '\n\t  Management Address Domain: ', s.p, mgmtLen);
  s.p += mgmtLen;
  s.tlen = (s.tlen - mgmtLen) >>> 0;
  if (s.len < 1) {
    nd.print(' (Management Address Length is missing)');
    s.hexdump = true;
    return false;
  }
  mgmtLen = nd.u8(s.p);
  s.p++;
  s.tlen = (s.tlen - 1) >>> 0;
  s.len--;
  nd.printBreak('\n\t  Management Address Length ' + mgmtLen);
  if (mgmtLen) {
    if (s.len < mgmtLen) {
      nd.printBreak('\n\t  (TLV too short)');
      s.len = -1;
      return true;
    }
    s.len -= mgmtLen;
    hexPrint(nd, '\n\t  Management Address: ', s.p, mgmtLen);
    s.p += mgmtLen;
    s.tlen = (s.tlen - mgmtLen) >>> 0;
  }
  return false;
}

export function cfmPrint(nd: Dissector, pp: number, length: number): void {
  nd.protocol = 'cfm';
  if (length < 4) return nd.printBreak(TOO_SHORT);
  nd.need(pp, 4);
  const mv = nd.u8(pp);
  if ((mv & 0x1f) !== 0) return nd.print('CFMv' + (mv & 0x1f) + ' not supported, length ' + length);
  const opcode = nd.u8(pp + 1);
  nd.print('CFMv' + (mv & 0x1f) + ' ' + tok2str(opcodes, 'unknown (%u)', opcode) + ', MD Level ' + ((mv & 0xe0) >> 5) + ', length ' + length);
  if (nd.verbose < 1) return;
  const flags = nd.u8(pp + 2);
  const first = nd.u8(pp + 3);
  nd.printBreak('\n\tFirst TLV offset ' + first);
  let p = pp + 4;
  let tlen = length - 4;
  if (first > tlen) return nd.print(' (too large, must be <= ' + tlen + ')');
  if (opcode === 1) {
    if (first < 70) return nd.print(' (too small 1, must be >= 70)');
    if (tlen < 70) return nd.printBreak(TOO_SHORT);
    nd.need(p, 70);
    if (!ccm(nd, p, flags)) return;
  } else if (opcode === 5) {
    if (first < 17) return nd.print(' (too small 4, must be >= 17)');
    if (tlen < 17) return nd.printBreak(TOO_SHORT);
    nd.need(p, 17);
    nd.print(', Flags [' + bittok2str(ltmFlags, 'none', flags) + ']');
    nd.printBreak('\n\t  Transaction-ID 0x' + hex(nd.u32(p), 8) + ', ttl ' + nd.u8(p + 4));
    nd.printBreak('\n\t  Original-MAC ' + nd.mac(p + 5) + ', Target-MAC ' + nd.mac(p + 11));
  } else if (opcode === 4) {
    if (first < 6) return nd.print(' (too small 5, must be >= 6)');
    if (tlen < 6) return nd.printBreak(TOO_SHORT);
    nd.need(p, 6);
    nd.print(', Flags [' + bittok2str(ltrFlags, 'none', flags) + ']');
    nd.printBreak('\n\t  Transaction-ID 0x' + hex(nd.u32(p), 8) + ', ttl ' + nd.u8(p + 4));
    const ra = nd.u8(p + 5);
    nd.printBreak('\n\t  Replay-Action ' + tok2str(replayActions, 'Unknown', ra) + ' (' + ra + ')');
  } else printUnknownData(nd, p, '\n\t  ', tlen - first);
  p += first;
  tlen -= first;
  const s = { p: 0, tlen: 0, len: 0, hexdump: false };
  while (tlen > 0) {
    const type = nd.u8(p);
    nd.printBreak('\n\t' + tok2str(tlvNames, 'Unknown', type) + ' TLV (0x' + hex(type, 2) + ')');
    if (type === 0) return;
    if (tlen < 3) return nd.printBreak(TOO_SHORT);
    nd.need(p, 3);
    let len = nd.u16(p + 1);
    nd.print(', length ' + len);
    p += 3;
    tlen -= 3;
    const tlv = p;
    if (tlen < len) return nd.printBreak(TOO_SHORT);
    nd.need(p, len);
    let hexdump = false;
    let skipDump = false;
    if (type === 2 || type === 3) {
      if (len < 1) return nd.print(' (too short, must be >= 1)');
      const v = nd.u8(p);
      nd.print(', Status: ' + tok2str(type === 2 ? portStatus : interfaceStatus, 'Unknown', v) + ' (' + v + ')');
    } else if (type === 31) {
      if (len < 4) return nd.print(' (too short, must be >= 4)');
      const oui = nd.u24(p);
      nd.print(', Vendor: ' + tok2str(ouiValues, 'Unknown', oui) + ' (' + oui + '), Sub-Type ' + nd.u8(p + 3));
      hexdump = true;
    } else if (type === 1) {
      s.p = p;
      s.tlen = tlen;
      s.len = len;
      s.hexdump = false;
      skipDump = senderId(nd, s);
      if (s.len < 0) return;
      p = s.p;
      tlen = s.tlen;
      len = s.len;
      hexdump = s.hexdump;
    } else hexdump = true;
    if (!skipDump && (hexdump || nd.verbose > 1)) printUnknownData(nd, tlv, '\n\t  ', len);
    p += len;
    tlen = (tlen - len) >>> 0;
  }
}

etherTypes.register(0x8902, 'cfm', cfmPrint);
etherTypes.register(0xabcd, 'cfm', cfmPrint);
