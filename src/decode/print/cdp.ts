import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { bittok2str, hex, hex2, tok } from '../text.js';
import { OUI, snapPids } from './llc.js';
import { charText } from './tcp.js';
import { fixed, plural, printjn } from './strings.js';

/** Cisco Discovery Protocol (tcpdump's print-cdp.c). */

const capabilityValues = tok({
  0x01: 'Router',
  0x02: 'Transparent Bridge',
  0x04: 'Source Route Bridge',
  0x08: 'L2 Switch',
  0x10: 'L3 capable',
  0x20: 'IGMP snooping',
  0x40: 'L1 capable',
});

type TlvPrinter = (nd: Dissector, p: number, len: number) => void;

function quoted(nd: Dissector, p: number, len: number): void {
  nd.print("'");
  printjn(nd, p, len);
  nd.print("'");
}

function power(nd: Dissector, p: number, len: number): void {
  let v = 0;
  if (len === 1) v = nd.u8(p);
  else if (len === 2) v = nd.u16(p);
  else if (len === 3) v = nd.u24(p);
  nd.print(fixed(v / 1000, 2) + 'W');
}

function capability(nd: Dissector, p: number): void {
  const v = nd.u32(p);
  nd.print('(0x' + hex(v, 8) + '): ' + bittok2str(capabilityValues, 'none', v));
}

/** The version string with each of its lines indented. */
function version(nd: Dissector, p: number, len: number): void {
  nd.printBreak('\n\t  ');
  for (let i = 0; i < len; i++) {
    const c = nd.u8(p + i);
    if (c === 10) nd.printBreak('\n\t  ');
    else nd.print(charText(c));
  }
}

function ata186(nd: Dissector, p: number, len: number): void {
  if (len === 2) nd.print('unknown 0x' + hex(nd.u16(p), 4));
  else nd.print('app ' + nd.u8(p) + ', vlan ' + nd.u16(p + 1));
}

function physLoc(nd: Dissector, p: number, len: number): void {
  nd.print('0x' + hex2(nd.u8(p)));
  if (len > 1) {
    nd.print('/');
    printjn(nd, p + 1, len - 1);
  }
}

const IPV6_LLC_SNAP = [0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x86, 0xdd];

function addresses(nd: Dissector, p: number, l: number): void {
  if (l < 4) {
    nd.print(' (not enough space for num)');
    return nd.need(p, l);
  }
  let num = nd.u32(p);
  p += 4;
  l -= 4;
  while (num) {
    if (l < 2) {
      nd.print(' (not enough space for PT+PL)');
      return nd.need(p, l);
    }
    const pt = nd.u8(p);
    let pl = nd.u8(p + 1);
    p += 2;
    l -= 2;
    if (l < pl + 2) {
      nd.print(' (not enough space for P+AL)');
      return nd.need(p, l);
    }
    let al = nd.u16(p + pl);
    if (pt === 1 && pl === 1 && nd.u8(p) === 0xcc && al === 4) {
      p += pl + 2;
      l -= pl + 2;
      if (l < al) {
        nd.print(' (not enough space for A)');
        return nd.need(p, l);
      }
      nd.print('IPv4 (' + num + ') ' + nd.ipv4(p));
      p += al;
      l -= al;
    } else if (pt === 2 && pl === 8 && isIpv6Snap(nd, p) && al === 16) {
      p += pl + 2;
      l -= pl + 2;
      if (l < al) {
        nd.print(' (not enough space for A)');
        return nd.need(p, l);
      }
      nd.print('IPv6 (' + num + ') ' + nd.ipv6(p));
      p += al;
      l -= al;
    } else {
      nd.print('pt=0x' + hex2(pt) + ', pl=' + pl + ', pb=');
      for (; pl !== 0; pl--, p++, l--) nd.print(' ' + hex2(nd.u8(p)));
      nd.print(', al=' + al + ', a=');
      p += 2;
      l -= 2;
      if (l < al) {
        nd.print(' (not enough space for A)');
        return nd.need(p, l);
      }
      for (; al !== 0; al--, p++, l--) nd.print(' ' + hex2(nd.u8(p)));
    }
    num--;
    if (num) nd.print(' ');
  }
  if (l) nd.print(' (' + l + ' bytes of stray data)');
}

/** tcpdump compares the 8 bytes with memcmp, unchecked; here a byte past the capture simply does not match. */
function isIpv6Snap(nd: Dissector, p: number): boolean {
  if (!nd.has(p, 8)) return false;
  for (let i = 0; i < 8; i++) if (nd.u8(p + i) !== IPV6_LLC_SNAP[i]) return false;
  return true;
}

function prefixes(nd: Dissector, p: number, l: number): void {
  if (l % 5) {
    nd.print(' [length ' + l + ' is not a multiple of 5]');
    return nd.need(p, l);
  }
  nd.print(' IPv4 Prefixes (' + l / 5 + '):');
  for (; l > 0; l -= 5, p += 5) {
    nd.print(' ' + nd.u8(p) + '.' + nd.u8(p + 1) + '.' + nd.u8(p + 2) + '.' + nd.u8(p + 3) + '/' + nd.u8(p + 4));
  }
}

interface TlvInfo {
  name: string | undefined;
  print: TlvPrinter | null;
  min: number;
  max: number;
}

const T_DEV_ID = 0x01;
const u16: TlvPrinter = (nd, p) => nd.print(String(nd.u16(p)));
const u8x: TlvPrinter = (nd, p) => nd.print('0x' + hex2(nd.u8(p)));
// Types up to 0x17 without a name still have an entry, as in tcpdump's array: no hex dump with -v.
const tlvs: TlvInfo[] = [];
for (let t = 0; t <= 0x17; t++) tlvs.push({ name: undefined, print: null, min: 0, max: 0 });
const def = (type: number, name: string, print: TlvPrinter | null, min = -1, max = -1) => (tlvs[type] = { name, print, min, max });
def(0x01, 'Device-ID', quoted);
def(0x02, 'Address', addresses);
def(0x03, 'Port-ID', quoted);
def(0x04, 'Capability', capability, 4, 4);
def(0x05, 'Version String', version);
def(0x06, 'Platform', quoted);
def(0x07, 'Prefixes', prefixes);
def(0x08, 'Protocol-Hello option', null);
def(0x09, 'VTP Management Domain', quoted);
def(0x0a, 'Native VLAN ID', u16, 2, 2);
def(0x0b, 'Duplex', (nd, p) => nd.print(nd.u8(p) ? 'full' : 'half'), 1, 1);
def(0x0e, 'ATA-186 VoIP VLAN assignment', ata186, 3, 3);
def(0x0f, 'ATA-186 VoIP VLAN request', ata186, 2, 3);
def(0x10, 'power consumption', power, 1, 3);
def(0x11, 'MTU', (nd, p) => nd.print(nd.u32(p) + ' bytes'), 4, 4);
def(0x12, 'AVVID trust bitmap', u8x, 1, 1);
def(0x13, 'AVVID untrusted ports CoS', u8x, 1, 1);
def(0x14, 'System Name', quoted);
def(0x15, 'System Object ID (not decoded)', null);
def(0x16, 'Management Addresses', addresses, 4);
def(0x17, 'Physical Location', physLoc, 1);

export function cdpPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'cdp';
  const origLength = length;
  if (length < 4) {
    nd.print(' (packet length ' + length + ' < 4)');
    nd.printInvalid();
    return nd.need(p, length);
  }
  nd.print('CDPv' + nd.u8(p) + ', ttl: ' + nd.u8(p + 1) + 's');
  const checksum = nd.u16(p + 2);
  if (nd.verbose) nd.print(', checksum: 0x' + hex(checksum, 4) + ' (unverified), length ' + origLength);
  p += 4;
  length -= 4;
  while (length) {
    if (length < 4) {
      nd.print(' (remaining packet length ' + length + ' < 4)');
      nd.printInvalid();
      return nd.need(p, length);
    }
    const type = nd.u16(p);
    let len = nd.u16(p + 2);
    const info = type < tlvs.length ? tlvs[type] : undefined;
    const name = info?.name ?? 'unknown field type';
    if (len < 4) {
      if (nd.verbose) nd.printBreak('\n\t' + name + ' (0x' + hex(type, 2) + '), TLV length: ' + len + ' byte' + plural(len) + ' (too short)');
      else nd.print(', ' + name + ' TLV length ' + len + ' too short');
      nd.printInvalid();
      return nd.need(p, length);
    }
    if (len > length) {
      nd.print(' (TLV length ' + len + ' > ' + length + ')');
      nd.printInvalid();
      return nd.need(p, length);
    }
    p += 4;
    length -= 4;
    len -= 4;
    if (!nd.verbose && type === T_DEV_ID) nd.print(', Device-ID ');
    else if (nd.verbose) nd.printBreak('\n\t' + name + ' (0x' + hex(type, 2) + '), value length: ' + len + ' byte' + plural(len) + ': ');
    let covered = false;
    if (info) {
      if ((info.min > 0 && len < info.min) || (info.max > 0 && len > info.max)) nd.print(' (malformed TLV)');
      else if (nd.verbose || type === T_DEV_ID) {
        if (info.print) info.print(nd, p, len);
        else nd.need(p, len);
        covered = true;
      }
    }
    if (!covered) {
      nd.need(p, len);
      printUnknownData(nd, p, '\n\t  ', len);
    }
    p += len;
    length -= len;
  }
  if (nd.verbose < 1) nd.print(', length ' + origLength);
}

snapPids.register((OUI.CISCO << 16) | 0x2000, 'cdp', cdpPrint);
