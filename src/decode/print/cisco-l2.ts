import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { bittok2str, hex, hex2, tok, tok2str } from '../text.js';
import { OUI, snapPids } from './llc.js';
import { printjn, printjnp } from './strings.js';

/**
 * Cisco's small link-layer protocols carried in SNAP: DTP, UDLD and VTP (tcpdump's
 * print-dtp.c, print-udld.c, print-vtp.c). CDP has its own file.
 */

// ---- DTP ----

const dtpTlvs = tok({ 1: 'Domain', 2: 'Status', 3: 'DTP type', 4: 'Neighbor' });

function dtpInvalid(nd: Dissector, p: number, length: number): void {
  nd.printInvalid();
  nd.need(p, length);
}

export function dtpPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'dtp';
  if (length < 1) {
    nd.print('[zero packet length]');
    return dtpInvalid(nd, p, length);
  }
  nd.print('DTPv' + nd.u8(p) + ', length ' + length);
  if (nd.verbose < 1) return;
  p += 1;
  length -= 1;
  while (length) {
    if (length < 4) {
      nd.print('[' + length + ' bytes remaining]');
      return dtpInvalid(nd, p, length);
    }
    const type = nd.u16(p);
    const len = nd.u16(p + 2);
    if (type === 0) return;
    nd.printBreak('\n\t' + tok2str(dtpTlvs, 'Unknown', type) + ' (0x' + hex(type, 4) + ') TLV, length ' + len);
    if (len < 4 || len > length) {
      nd.print('[invalid TLV length ' + len + ']');
      return dtpInvalid(nd, p, length);
    }
    if (type === 1) {
      nd.print(', ');
      printjnp(nd, p + 4, len - 4);
    } else if (type === 2 || type === 3) {
      if (len !== 5) return dtpInvalid(nd, p, length);
      nd.print(', 0x' + hex(nd.u8(p + 4)));
    } else if (type === 4) {
      if (len !== 10) return dtpInvalid(nd, p, length);
      nd.print(', ' + nd.mac(p + 4));
    } else nd.need(p, len);
    p += len;
    length -= len;
  }
}

// ---- UDLD (RFC 5171) ----

const udldTlvs = tok({
  1: 'Device-ID TLV',
  2: 'Port-ID TLV',
  3: 'Echo TLV',
  4: 'Message Interval TLV',
  5: 'Timeout Interval TLV',
  6: 'Device Name TLV',
  7: 'Sequence Number TLV',
});
const udldCodes = tok({ 0: 'Reserved', 1: 'Probe message', 2: 'Echo message', 3: 'Flush message' });
const udldFlags = tok({ 1: 'RT', 2: 'RSY', 4: 'MBZ-2', 8: 'MBZ-3', 16: 'MBZ-4', 32: 'MBZ-5', 64: 'MBZ-6', 128: 'MBZ-7' });

export function udldPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'udld';
  if (length < 4) return dtpInvalid(nd, p, length);
  const b = nd.u8(p);
  const ver = (b & 0xe0) >> 5;
  const code = b & 0x1f;
  const flags = nd.u8(p + 1);
  p += 2;
  length -= 2;
  nd.print(
    'UDLDv' +
      ver +
      ', Code ' +
      tok2str(udldCodes, 'Reserved', code) +
      ' (' +
      hex(code) +
      '), Flags [' +
      bittok2str(udldFlags, 'none', flags) +
      '] (0x' +
      hex2(flags) +
      '), length ' +
      (length + 2),
  );
  if (nd.verbose < 1) return nd.need(p, length);
  nd.printBreak('\n\tChecksum 0x' + hex(nd.u16(p), 4) + ' (unverified)');
  p += 2;
  length -= 2;
  while (length) {
    if (length < 4) return dtpInvalid(nd, p, length);
    const type = nd.u16(p);
    let len = nd.u16(p + 2);
    p += 4;
    length -= 4;
    nd.printBreak('\n\t' + tok2str(udldTlvs, 'Unknown', type) + ' (0x' + hex(type, 4) + ') TLV, length ' + len);
    if (len <= 4) return dtpInvalid(nd, p, length);
    len -= 4;
    if (length < len) return dtpInvalid(nd, p, length);
    switch (type) {
      case 1:
      case 2:
      case 6:
        nd.print(', ');
        printjnp(nd, p, len);
        break;
      case 3:
        nd.print(', ');
        printjn(nd, p, len);
        break;
      case 4:
      case 5:
        if (len !== 1) return dtpInvalid(nd, p, length);
        nd.print(', ' + nd.u8(p) + 's');
        break;
      case 7:
        if (len !== 4) return dtpInvalid(nd, p, length);
        nd.print(', ' + nd.u32(p));
        break;
      default:
        nd.need(p, len);
    }
    p += len;
    length -= len;
  }
}

// ---- VTP ----

const vtpMessageTypes = tok({ 1: 'Summary advertisement', 2: 'Subset advertisement', 3: 'Advertisement request', 4: 'Join message' });
const vtpHeaderValues = tok({ 1: 'Followers', 2: 'Seq number', 3: 'Rsvd', 4: 'Rsvd' });
const vtpVlanTypes = tok({ 1: 'Ethernet', 2: 'FDDI', 3: 'TrCRF', 4: 'FDDI-net', 5: 'TrBRF' });
const vtpVlanStatus = tok({ 0: 'Operational', 1: 'Suspended' });
const vtpVlanTlvs = tok({
  1: 'Source-Routing Ring Number TLV',
  2: 'Source-Routing Bridge Number TLV',
  3: 'STP type TLV',
  4: 'Parent VLAN TLV',
  5: 'Translationally bridged VLANs TLV',
  6: 'Pruning TLV',
  7: 'Bridge Type TLV',
  8: 'Max ARP Hop Count TLV',
  9: 'Max STE Hop Count TLV',
  10: 'Backup CRF Mode TLV',
});
const vtpStpTypes = tok({ 1: 'SRT', 2: 'SRB', 3: 'Auto' });

/** The VLAN infos of a subset advertisement; false when one is malformed. */
function vtpVlans(nd: Dissector, pp: number, length: number, p: number): boolean {
  while (p - pp < length) {
    let len = nd.u8(p);
    if (len === 0) break;
    nd.need(p, len);
    if (len < 12) return false;
    const status = nd.u8(p + 1);
    const type = nd.u8(p + 2);
    const nameLen = nd.u8(p + 3);
    nd.printBreak(
      '\n\tVLAN info status ' +
        tok2str(vtpVlanStatus, 'Unknown', status) +
        ', type ' +
        tok2str(vtpVlanTypes, 'Unknown', type) +
        ', VLAN-id ' +
        nd.u16(p + 4) +
        ', MTU ' +
        nd.u16(p + 6) +
        ', SAID 0x' +
        hex(nd.u32(p + 8), 8) +
        ', Name ',
    );
    len -= 12;
    p += 12;
    const padded = 4 * Math.floor((nameLen + 3) / 4);
    if (len < padded) return false;
    printjnp(nd, p, nameLen);
    len -= padded;
    p += padded;
    while (len > 0) {
      if (len < 2) return false;
      const t = nd.u8(p);
      const tlvLen = nd.u8(p + 1);
      nd.printBreak('\n\t\t' + tok2str(vtpVlanTlvs, 'Unknown', t) + ' (0x' + hex(t, 4) + ') TLV');
      if (len < tlvLen * 2 + 2) {
        nd.print(' (TLV goes past the end of the packet)');
        return false;
      }
      nd.need(p, tlvLen * 2 + 2);
      if (tlvLen !== 1) {
        nd.print(' (invalid TLV length ' + tlvLen + ' != 1)');
        return false;
      }
      const v = nd.u16(p + 2);
      if (t === 9) nd.print(', ' + v);
      else if (t === 6) nd.print(', ' + (v === 1 ? 'Enabled' : 'Disabled') + ' (' + v + ')');
      else if (t === 3) nd.print(', ' + tok2str(vtpStpTypes, 'Unknown', v) + ' (' + v + ')');
      else if (t === 7) nd.print(', ' + (v === 1 ? 'SRB' : 'SRT') + ' (' + v + ')');
      else if (t === 10) nd.print(', ' + (v === 1 ? 'Backup' : 'Not backup') + ' (' + v + ')');
      else printUnknownData(nd, p, '\n\t\t  ', 2 + tlvLen * 2);
      len -= 2 + tlvLen * 2;
      p += 2 + tlvLen * 2;
    }
  }
  return true;
}

export function vtpPrint(nd: Dissector, pp: number, length: number): void {
  nd.protocol = 'vtp';
  const invalid = () => {
    nd.printInvalid();
    nd.need(pp, length);
  };
  if (length < 36) return invalid();
  nd.need(pp, 36);
  const type = nd.u8(pp + 1);
  nd.print('VTPv' + nd.u8(pp) + ', Message ' + tok2str(vtpMessageTypes, 'Unknown message type', type) + ' (0x' + hex2(type) + '), length ' + length);
  if (nd.verbose < 1) return nd.need(pp, length);
  nd.printBreak('\n\tDomain name: ');
  const mgmtdLen = nd.u8(pp + 3);
  if (mgmtdLen < 1 || mgmtdLen > 32) {
    nd.print(' [invalid MgmtD Len ' + mgmtdLen + ']');
    return invalid();
  }
  printjnp(nd, pp + 4, mgmtdLen);
  nd.print(', ' + tok2str(vtpHeaderValues, 'Unknown', type) + ': ' + nd.u8(pp + 2));
  let p = pp + 36;
  if (type === 1) {
    nd.printBreak('\n\t  Config Rev ' + hex(nd.u32(p)) + ', Updater ' + nd.ipv4(p + 4));
    p += 8;
    nd.print(', Timestamp 0x' + hex(nd.u32(p), 8) + ' 0x' + hex(nd.u32(p + 4), 8) + ' 0x' + hex(nd.u32(p + 8), 8));
    p += 12;
    nd.print(', MD5 digest: ' + hex(nd.u32(p), 8) + hex(nd.u32(p + 4), 8) + hex(nd.u32(p + 8), 8) + hex(nd.u32(p + 12), 8));
  } else if (type === 2) {
    nd.print(', Config Rev ' + hex(nd.u32(p)));
    if (!vtpVlans(nd, pp, length, p + 4)) return invalid();
  } else if (type === 3) {
    nd.printBreak('\n\tStart value: ' + nd.u32(p));
  }
}

snapPids.register((OUI.CISCO << 16) | 0x2004, 'dtp', dtpPrint);
snapPids.register((OUI.CISCO << 16) | 0x0111, 'udld', udldPrint);
snapPids.register((OUI.CISCO << 16) | 0x2003, 'vtp', vtpPrint);
