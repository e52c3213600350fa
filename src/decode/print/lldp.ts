import type { Dissector } from '../dissector.js';
import { etherTypes } from '../registry.js';
import { printUnknownData } from '../hex.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';
import { afValues } from './af.js';
import { ouiValues } from './llc.js';
import { lldpPrivateDcbx, lldpPrivateIana, lldpPrivateTia } from './lldp-org.js';
import { printjnp, toks } from './strings.js';

/** IEEE 802.1AB Link Layer Discovery Protocol (tcpdump's print-lldp.c). */

const TLV = { CHASSIS_ID: 1, PORT_ID: 2, TTL: 3, PORT_DESCR: 4, SYSTEM_NAME: 5, SYSTEM_DESCR: 6, SYSTEM_CAP: 7, MGMT_ADDR: 8, PRIVATE: 127 } as const;

const tlvValues = tok({
  0: 'End',
  1: 'Chassis ID',
  2: 'Port ID',
  3: 'Time to Live',
  4: 'Port Description',
  5: 'System Name',
  6: 'System Description',
  7: 'System Capabilities',
  8: 'Management Address',
  127: 'Organization specific',
});
const chassisSubtypes = tok({
  1: 'Chassis component',
  2: 'Interface alias',
  3: 'Port component',
  4: 'MAC address',
  5: 'Network address',
  6: 'Interface name',
  7: 'Local',
});
const portSubtypes = tok({
  1: 'Interface alias',
  2: 'Port component',
  3: 'MAC address',
  4: 'Network Address',
  5: 'Interface Name',
  6: 'Agent circuit ID',
  7: 'Local',
});
const capValues = tok({ 1: 'Other', 2: 'Repeater', 4: 'Bridge', 8: 'WLAN AP', 16: 'Router', 32: 'Telephone', 64: 'Docsis', 128: 'Station Only' });

const intfNumbSubtypes = tok({ 2: 'Interface Index', 3: 'System Port Number' });

const subtype8021 = tok({
  1: 'Port VLAN Id',
  2: 'Port and Protocol VLAN ID',
  3: 'VLAN name',
  4: 'Protocol Identity',
  7: 'Link aggregation',
  8: 'Congestion Notification',
  9: 'ETS Configuration',
  10: 'ETS Recommendation',
  11: 'Priority Flow Control Configuration',
  12: 'Application Priority',
  13: 'EVB',
  14: 'CDCP',
});
const portProtocolId = tok({ 2: 'supported', 4: 'enabled' });
const aggregationValues = tok({ 1: 'supported', 2: 'enabled' });
const evbModes = tok({ 0: 'Not Supported', 1: 'EVB Bridge', 2: 'EVB Station', 3: 'Reserved for future Standardization' });

const subtype8023 = tok({ 1: 'MAC/PHY configuration/status', 2: 'Power via MDI', 3: 'Link aggregation', 4: 'Max frame size' });
const autonegValues = tok({ 1: 'supported', 2: 'enabled' });
const pmdCapabilities = toks([
  [0x4000, '10BASE-T hdx'],
  [0x2000, '10BASE-T fdx'],
  [0x1000, '100BASE-T4'],
  [0x0800, '100BASE-TX hdx'],
  [0x0400, '100BASE-TX fdx'],
  [0x0200, '100BASE-T2 hdx'],
  [0x0100, '100BASE-T2 fdx'],
  [0x0080, 'Pause for fdx links'],
  [0x0040, 'Asym PAUSE for fdx'],
  [0x0020, 'Sym PAUSE for fdx'],
  [0x0010, 'Asym and Sym PAUSE for fdx'],
  [0x0008, '1000BASE-{X LX SX CX} hdx'],
  [0x0004, '1000BASE-{X LX SX CX} fdx'],
  [0x0002, '1000BASE-T hdx'],
  [0x0001, '1000BASE-T fdx'],
]);
const mauTypes = tok(
  Object.fromEntries(
    [
      'Unknown', 'AUI', '10BASE_5', 'FOIRL', '10BASE2', '10BASET duplex mode unknown', '10BASEFP', '10BASEFB',
      '10BASEFL duplex mode unknown', '10BROAD36', '10BASET hdx', '10BASET fdx', '10BASEFL hdx', '10BASEFL fdx',
      '100BASET4', '100BASETX hdx', '100BASETX fdx', '100BASEFX hdx', '100BASEFX fdx', '100BASET2 hdx',
      '100BASET2 fdx', '1000BASEX hdx', '1000BASEX fdx', '1000BASELX hdx', '1000BASELX fdx', '1000BASESX hdx',
      '1000BASESX fdx', '1000BASECX hdx', '1000BASECX fdx', '1000BASET hdx', '1000BASET fdx', '10GBASEX',
      '10GBASELX4', '10GBASER', '10GBASEER', '10GBASELR', '10GBASESR', '10GBASEW', '10GBASEEW', '10GBASELW', '10GBASESW',
    ].map((name, i) => [i, name]),
  ),
);
const mdiValues = tok({ 1: 'PSE', 2: 'supported', 4: 'enabled', 8: 'can be controlled' });
const mdiPowerPairs = tok({ 1: 'signal', 2: 'spare' });
const mdiPowerClasses = tok({ 1: 'class0', 2: 'class1', 3: 'class2', 4: 'class3', 5: 'class4' });

/** "%-Nd": left-justified in width. */
function left(v: number, width: number): string {
  let s = String(v);
  while (s.length < width) s += ' ';
  return s;
}

function row(values: number[]): string {
  return values.map((v) => left(v, 3)).join(' ');
}

function bitsRow(v: number): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += left((v >> i) & 1, 2) + ' ';
  return s;
}

function etsTables(nd: Dissector, p: number): void {
  const pri: number[] = [];
  for (let i = 0; i < 4; i++) {
    const b = nd.u8(p + i);
    pri.push(b >> 4, b & 0x0f);
  }
  nd.printBreak('\n\t    Priority Assignment Table');
  nd.printBreak('\n\t     Priority : 0   1   2   3   4   5   6   7');
  nd.printBreak('\n\t     Value    : ' + row(pri));
  const bw: number[] = [];
  for (let i = 0; i < 8; i++) bw.push(nd.u8(p + 4 + i));
  nd.printBreak('\n\t    TC Bandwidth Table');
  nd.printBreak('\n\t     TC%   : 0   1   2   3   4   5   6   7');
  nd.printBreak('\n\t     Value : ' + row(bw));
  const tsa: number[] = [];
  for (let i = 0; i < 8; i++) tsa.push(nd.u8(p + 12 + i));
  nd.printBreak('\n\t    TSA Assignment Table');
  nd.printBreak('\n\t     Traffic Class: 0   1   2   3   4   5   6   7');
  nd.printBreak('\n\t     Value        : ' + row(tsa));
}

function priorityBits(nd: Dissector, title: string, v: number): void {
  if (title) nd.printBreak(title);
  nd.printBreak('\n\t     Priority : 0  1  2  3  4  5  6  7');
  nd.printBreak('\n\t     Value    : ' + bitsRow(v));
}

/** IEEE 802.1 organisationally specific TLVs (802.1AB annex E); true asks for a hex dump. */
function private8021(nd: Dissector, p: number, len: number): boolean {
  if (len < 4) return false;
  const subtype = nd.u8(p + 3);
  nd.printBreak('\n\t  ' + tok2str(subtype8021, 'unknown', subtype) + ' Subtype (' + subtype + ')');
  switch (subtype) {
    case 1:
      if (len < 6) return false;
      nd.printBreak('\n\t    port vlan id (PVID): ' + nd.u16(p + 4));
      break;
    case 2: {
      if (len < 7) return false;
      const f = nd.u8(p + 4);
      nd.printBreak('\n\t    port and protocol vlan id (PPVID): ' + nd.u16(p + 5) + ', flags [' + bittok2str(portProtocolId, 'none', f) + '] (0x' + hex(f, 2) + ')');
      break;
    }
    case 3: {
      if (len < 6) return false;
      nd.printBreak('\n\t    vlan id (VID): ' + nd.u16(p + 4));
      if (len < 7) return false;
      const sublen = nd.u8(p + 6);
      if (len < 7 + sublen) return false;
      nd.printBreak('\n\t    vlan name: ');
      printjnp(nd, p + 7, sublen);
      break;
    }
    case 4: {
      if (len < 5) return false;
      const sublen = nd.u8(p + 4);
      if (len < 5 + sublen) return false;
      nd.printBreak('\n\t    protocol identity: ');
      printjnp(nd, p + 5, sublen);
      break;
    }
    case 7:
      if (len < 9) return false;
      nd.printBreak('\n\t    aggregation status [' + bittok2str(aggregationValues, 'none', nd.u8(p + 4)) + '], aggregation port ID ' + nd.u32(p + 5));
      break;
    case 8: {
      if (len < 6) return false;
      priorityBits(nd, '\n\t    Pre-Priority CNPV Indicator', nd.u8(p + 4));
      priorityBits(nd, '\n\t    Pre-Priority Ready Indicator', nd.u8(p + 5));
      break;
    }
    case 9: {
      if (len < 25) return false;
      const v = nd.u8(p + 4);
      nd.printBreak('\n\t    Willing:' + (v >> 7) + ', CBS:' + ((v >> 6) & 0x02) + ', RES:' + ((v >> 3) & 0x07) + ', Max TCs:' + (v & 0x07));
      etsTables(nd, p + 5);
      break;
    }
    case 10:
      if (len < 25) return false;
      nd.printBreak('\n\t    RES: ' + nd.u8(p + 4));
      etsTables(nd, p + 5);
      break;
    case 11: {
      if (len < 6) return false;
      const v = nd.u8(p + 4);
      nd.printBreak('\n\t    Willing: ' + (v >> 7) + ', MBC: ' + ((v >> 6) & 1) + ', RES: ' + ((v >> 4) & 3) + ', PFC cap:' + (v & 0x0f) + ' ');
      nd.printBreak('\n\t    PFC Enable');
      priorityBits(nd, '', nd.u8(p + 5));
      break;
    }
    case 12: {
      if (len < 5) return false;
      nd.printBreak('\n\t    RES: ' + nd.u8(p + 4));
      if (len <= 5) return false;
      const sublen = len - 5;
      if (sublen % 3 !== 0) return false;
      nd.printBreak('\n\t    Application Priority Table');
      for (let i = 0; i < sublen; i += 3) {
        const v = nd.u8(p + i + 5);
        nd.printBreak('\n\t      Priority: ' + (v >> 5) + ', RES: ' + ((v >> 3) & 3) + ', Sel: ' + (v & 7) + ', Protocol ID: ' + nd.u16(p + i + 6));
      }
      break;
    }
    case 13: {
      if (len < 9) return false;
      nd.printBreak('\n\t    EVB Bridge Status');
      let v = nd.u8(p + 4);
      nd.printBreak('\n\t      RES: ' + (v >> 3) + ', BGID: ' + ((v >> 2) & 1) + ', RRCAP: ' + ((v >> 1) & 1) + ', RRCTR: ' + (v & 1));
      nd.printBreak('\n\t    EVB Station Status');
      v = nd.u8(p + 5);
      nd.printBreak('\n\t      RES: ' + (v >> 4) + ', SGID: ' + ((v >> 3) & 1) + ', RRREQ: ' + ((v >> 2) & 1) + ',RRSTAT: ' + (v & 3));
      v = nd.u8(p + 6);
      nd.printBreak('\n\t    R: ' + (v >> 5) + ', RTE: ' + (v & 0x1f) + ', ');
      v = nd.u8(p + 7);
      nd.print('EVB Mode: ' + tok2str(evbModes, 'unknown', v >> 6) + ' [' + (v >> 6) + ']');
      nd.printBreak('\n\t    ROL: ' + ((v >> 5) & 1) + ', RWD: ' + (v & 0x1f) + ', ');
      v = nd.u8(p + 8);
      nd.print('RES: ' + (v >> 6) + ', ROL: ' + ((v >> 5) & 1) + ', RKA: ' + (v & 0x1f));
      break;
    }
    case 14: {
      if (len < 8) return false;
      const v = nd.u8(p + 4);
      nd.printBreak('\n\t    Role: ' + (v >> 7) + ', RES: ' + ((v >> 4) & 7) + ', Scomp: ' + ((v >> 3) & 1) + ' ');
      nd.print('ChnCap: ' + (nd.u16(p + 6) & 0x0fff));
      const sublen = len - 8;
      if (sublen % 3 !== 0) return false;
      for (let i = 0; i < sublen; i += 3) {
        const t = nd.u24(p + i + 8);
        nd.printBreak('\n\t    SCID: ' + (t >>> 12) + ', SVID: ' + (t & 0xfff));
      }
      break;
    }
    default:
      return true;
  }
  return false;
}

/** IEEE 802.3 organisationally specific TLVs (802.3bc). */
function private8023(nd: Dissector, p: number, len: number): boolean {
  if (len < 4) return false;
  const subtype = nd.u8(p + 3);
  nd.printBreak('\n\t  ' + tok2str(subtype8023, 'unknown', subtype) + ' Subtype (' + subtype + ')');
  switch (subtype) {
    case 1: {
      if (len < 9) return false;
      const an = nd.u8(p + 4);
      nd.printBreak('\n\t    autonegotiation [' + bittok2str(autonegValues, 'none', an) + '] (0x' + hex(an, 2) + ')');
      const pmd = nd.u16(p + 5);
      nd.printBreak('\n\t    PMD autoneg capability [' + bittok2str(pmdCapabilities, 'unknown', pmd) + '] (0x' + hex(pmd, 4) + ')');
      const mau = nd.u16(p + 7);
      nd.printBreak('\n\t    MAU type ' + tok2str(mauTypes, 'unknown', mau) + ' (0x' + hex(mau, 4) + ')');
      break;
    }
    case 2:
      if (len < 7) return false;
      nd.printBreak(
        '\n\t    MDI power support [' +
          bittok2str(mdiValues, 'none', nd.u8(p + 4)) +
          '], power pair ' +
          tok2str(mdiPowerPairs, 'unknown', nd.u8(p + 5)) +
          ', power class ' +
          tok2str(mdiPowerClasses, 'unknown', nd.u8(p + 6)),
      );
      break;
    case 3:
      if (len < 9) return false;
      nd.printBreak('\n\t    aggregation status [' + bittok2str(aggregationValues, 'none', nd.u8(p + 4)) + '], aggregation port ID ' + nd.u32(p + 5));
      break;
    case 4:
      if (len < 6) return false;
      nd.printBreak('\n\t    MTU size ' + nd.u16(p + 4));
      break;
    default:
      return true;
  }
  return false;
}

/** lldp_network_addr_print: "AFI IPv4 (1): 10.0.0.1", or undefined when too short. */
function networkAddr(nd: Dissector, p: number, len: number): string | undefined {
  if (len < 1) return undefined;
  len--;
  const af = nd.u8(p);
  let addr: string;
  if (af === 1) {
    if (len < 4) return undefined;
    addr = nd.ipv4(p + 1);
  } else if (af === 2) {
    if (len < 16) return undefined;
    addr = nd.ipv6(p + 1);
  } else if (af === 6) {
    if (len < 6) return undefined;
    addr = nd.mac(p + 1);
  } else return 'AFI ' + tok2str(afValues, 'Unknown', af) + ' (' + af + '), no AF printer !';
  return 'AFI ' + tok2str(afValues, 'Unknown', af) + ' (' + af + '): ' + addr;
}

function mgmtAddr(nd: Dissector, p: number, len: number): boolean {
  if (len < 1) return false;
  const addrLen = nd.u8(p);
  p++;
  len--;
  if (len < addrLen) return false;
  const addr = networkAddr(nd, p, addrLen);
  if (addr === undefined) return false;
  nd.printBreak('\n\t  Management Address length ' + addrLen + ', ' + addr);
  p += addrLen;
  len -= addrLen;
  if (len < 5) return false;
  const sub = nd.u8(p);
  nd.printBreak('\n\t  ' + tok2str(intfNumbSubtypes, 'Unknown', sub) + ' Interface Numbering (' + sub + '): ' + nd.u32(p + 1));
  p += 5;
  len -= 5;
  if (len) {
    const oidLen = nd.u8(p);
    if (len < 1 + oidLen) return false;
    if (oidLen) {
      nd.printBreak('\n\t  OID length ' + oidLen);
      printjnp(nd, p + 1, oidLen);
    }
  }
  return true;
}

/** Chassis ID and Port ID: a subtype, then a MAC, a network address or a name; undefined on a short TLV. */
function idTlv(nd: Dissector, p: number, len: number, names: typeof chassisSubtypes, mac: number, netAddr: number): boolean | undefined {
  if (len < 2) return undefined;
  const subtype = nd.u8(p);
  nd.printBreak('\n\t  Subtype ' + tok2str(names, 'Unknown', subtype) + ' (' + subtype + '): ');
  if (subtype === mac) {
    if (len < 7) return undefined;
    nd.print(nd.mac(p + 1));
  } else if (subtype === netAddr) {
    const a = networkAddr(nd, p + 1, len - 1);
    if (a === undefined) return undefined;
    nd.print(a);
  } else if (subtype >= 1 && subtype <= 7) printjnp(nd, p + 1, len - 1);
  else return true;
  return false;
}

export function lldpPrint(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'lldp';
  let p = bp;
  let tlen = len;
  nd.print('LLDP, length ' + len);
  while (tlen >= 2) {
    const tlv = nd.u16(p);
    const type = (tlv & 0xfe00) >> 9;
    const tlvLen = tlv & 0x01ff;
    let hexdump = false;
    tlen -= 2;
    p += 2;
    if (nd.verbose) nd.printBreak('\n\t' + tok2str(tlvValues, 'Unknown', type) + ' TLV (' + type + '), length ' + tlvLen);
    if (!type || !tlvLen) break;
    nd.need(p, tlvLen);
    if (tlen < tlvLen) return nd.printTrunc();
    switch (type) {
      case TLV.CHASSIS_ID:
      case TLV.PORT_ID:
        if (nd.verbose) {
          const r = type === TLV.CHASSIS_ID ? idTlv(nd, p, tlvLen, chassisSubtypes, 4, 5) : idTlv(nd, p, tlvLen, portSubtypes, 3, 4);
          if (r === undefined) return nd.printTrunc();
          hexdump = r;
        }
        break;
      case TLV.TTL:
        if (nd.verbose) {
          if (tlvLen < 2) return nd.printTrunc();
          nd.print(': TTL ' + nd.u16(p) + 's');
        }
        break;
      case TLV.PORT_DESCR:
        if (nd.verbose) {
          nd.print(': ');
          printjnp(nd, p, tlvLen);
        }
        break;
      case TLV.SYSTEM_NAME:
        // Printed without -v too, as CDP's device id is.
        nd.print(': ');
        printjnp(nd, p, tlvLen);
        break;
      case TLV.SYSTEM_DESCR:
        if (nd.verbose) {
          nd.printBreak('\n\t  ');
          printjnp(nd, p, tlvLen);
        }
        break;
      case TLV.SYSTEM_CAP:
        if (nd.verbose) {
          if (tlvLen < 4) return nd.printTrunc();
          const cap = nd.u16(p);
          const ena = nd.u16(p + 2);
          nd.printBreak('\n\t  System  Capabilities [' + bittok2str(capValues, 'none', cap) + '] (0x' + hex(cap, 4) + ')');
          nd.printBreak('\n\t  Enabled Capabilities [' + bittok2str(capValues, 'none', ena) + '] (0x' + hex(ena, 4) + ')');
        }
        break;
      case TLV.MGMT_ADDR:
        if (nd.verbose && !mgmtAddr(nd, p, tlvLen)) return nd.printTrunc();
        break;
      case TLV.PRIVATE:
        if (nd.verbose) {
          if (tlvLen < 3) return nd.printTrunc();
          const oui = nd.u24(p);
          nd.print(': OUI ' + tok2str(ouiValues, 'Unknown', oui) + ' (0x' + hex(oui, 6) + ')');
          if (oui === 0x0080c2) hexdump = private8021(nd, p, tlvLen);
          else if (oui === 0x00120f) hexdump = private8023(nd, p, tlvLen);
          else if (oui === 0x00005e) hexdump = lldpPrivateIana(nd, p, tlvLen);
          else if (oui === 0x0012bb) hexdump = lldpPrivateTia(nd, p, tlvLen);
          else if (oui === 0x001b21) hexdump = lldpPrivateDcbx(nd, p, tlvLen);
          else hexdump = true;
        }
        break;
      default:
        hexdump = true;
    }
    if (nd.verbose > 1 || (nd.verbose && hexdump)) printUnknownData(nd, p, '\n\t  ', tlvLen);
    tlen -= tlvLen;
    p += tlvLen;
  }
}

etherTypes.register(0x88cc, 'lldp', lldpPrint);
