import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';
import { printn } from '../strings.js';
import { fixed, printjnp, toks } from './strings.js';

/**
 * LLDP's organisationally specific TLVs of IANA (MUD URL), TIA (LLDP-MED) and DCBX
 * (tcpdump's print-lldp.c, split from lldp.ts for size). Each returns true when the
 * TLV should also be shown in hex.
 */

const ianaSubtypes = tok({ 1: 'MUD-URL' });

const tiaSubtypes = tok({
  1: 'LLDP-MED Capabilities',
  2: 'Network policy',
  3: 'Location identification',
  4: 'Extended power-via-MDI',
  5: 'Inventory - hardware revision',
  6: 'Inventory - firmware revision',
  7: 'Inventory - software revision',
  8: 'Inventory - serial number',
  9: 'Inventory - manufacturer name',
  10: 'Inventory - model name',
  11: 'Inventory - asset ID',
});
const tiaInventory = tok({
  5: 'Hardware revision',
  6: 'Firmware revision',
  7: 'Software revision',
  8: 'Serial number',
  9: 'Manufacturer name',
  10: 'Model name',
  11: 'Asset ID',
});
const altitudeTypes = tok({ 1: 'meters', 2: 'floors' });
const lciCaTypes = tok({
  1: 'national subdivisions (state,canton,region,province,prefecture)',
  2: 'county, parish, gun, district',
  3: 'city, township, shi',
  4: 'city division, borough, city district, ward chou',
  5: 'neighborhood, block',
  6: 'street',
});
const lciWhat = tok({
  0: 'location of DHCP server',
  1: 'location of the network element believed to be closest to the client',
  2: 'location of the client',
});
const tiaCapabilities = tok({
  1: 'LLDP-MED capabilities',
  2: 'network policy',
  4: 'location identification',
  8: 'extended power via MDI-PSE',
  16: 'extended power via MDI-PD',
  32: 'Inventory',
});
const tiaDeviceTypes = tok({ 1: 'endpoint class 1', 2: 'endpoint class 2', 3: 'endpoint class 3', 4: 'network connectivity' });
const tiaApplicationTypes = tok({
  1: 'voice',
  2: 'voice signaling',
  3: 'guest voice',
  4: 'guest voice signaling',
  5: 'softphone voice',
  6: 'video conferencing',
  7: 'streaming video',
  8: 'video signaling',
});
const networkPolicyBits = toks([
  [0x80, 'Unknown'],
  [0x40, 'Tagged'],
  [0x20, 'reserved'],
]);
const locationFormats = tok({ 1: 'coordinate-based LCI', 2: 'civic address LCI', 3: 'ECS ELIN' });
const datumTypes = tok({ 1: 'World Geodesic System 1984', 2: 'North American Datum 1983 (NAVD88)', 3: 'North American Datum 1983 (MLLW)' });
const powerSources = tok({ 1: 'PSE - primary power source', 2: 'local - backup power source', 3: 'PSE+local - reserved' });
const powerPriorities = tok({ 1: 'critical', 2: 'high', 3: 'low' });

const dcbxSubtypes = tok({ 1: 'DCB Capability Exchange Protocol Rev 1', 2: 'DCB Capability Exchange Protocol Rev 1.01' });

export function lldpPrivateIana(nd: Dissector, p: number, len: number): boolean {
  if (len < 8) return false;
  const subtype = nd.u8(p + 3);
  nd.printBreak('\n\t  ' + tok2str(ianaSubtypes, 'unknown', subtype) + ' Subtype (' + subtype + ')');
  if (subtype !== 1) return true;
  nd.printBreak('\n\t  MUD-URL=');
  printn(nd, p + 4, len - 4);
  return false;
}

/** 34 bits of latitude or longitude, as a decimal (it can exceed 2^32). */
function latlon(nd: Dissector, p: number): number {
  return (nd.u8(p) & 3) * 0x100000000 + nd.u32(p + 1);
}

function tiaLocation(nd: Dissector, p: number, len: number): boolean {
  if (len < 5) return false;
  const format = nd.u8(p + 4);
  nd.printBreak('\n\t    Location data format ' + tok2str(locationFormats, 'unknown', format) + ' (0x' + hex(format, 2) + ')');
  switch (format) {
    case 1: {
      if (len < 21) return false;
      nd.printBreak('\n\t    Latitude resolution ' + (nd.u8(p + 5) >> 2) + ', latitude value ' + latlon(nd, p + 5));
      nd.printBreak('\n\t    Longitude resolution ' + (nd.u8(p + 10) >> 2) + ', longitude value ' + latlon(nd, p + 10));
      const alt = nd.u8(p + 15) >> 4;
      nd.printBreak('\n\t    Altitude type ' + tok2str(altitudeTypes, 'unknown', alt) + ' (' + alt + ')');
      nd.printBreak('\n\t    Altitude resolution ' + ((nd.u16(p + 15) >> 6) & 0x3f) + ', altitude value 0x' + hex((nd.u32(p + 16) & 0x3fffffff) >>> 0));
      const datum = nd.u8(p + 20);
      nd.printBreak('\n\t    Datum ' + tok2str(datumTypes, 'unknown', datum) + ' (0x' + hex(datum, 2) + ')');
      return false;
    }
    case 2: {
      if (len < 6) return false;
      let lciLen = nd.u8(p + 5);
      if (lciLen < 3) return false;
      if (len < 7 + lciLen) return false;
      const what = nd.u8(p + 6);
      nd.printBreak('\n\t    LCI length ' + lciLen + ', LCI what ' + tok2str(lciWhat, 'unknown', what) + ' (0x' + hex(what, 2) + '), Country-code ');
      printjnp(nd, p + 7, 2);
      lciLen -= 3;
      let q = p + 9;
      while (lciLen > 0) {
        if (lciLen < 2) return false;
        const caType = nd.u8(q);
        const caLen = nd.u8(q + 1);
        q += 2;
        lciLen -= 2;
        nd.printBreak("\n\t      CA type '" + tok2str(lciCaTypes, 'unknown', caType) + "' (" + caType + '), length ' + caLen + ': ');
        if (caType === 0 || caLen === 0) return false;
        if (lciLen < caLen) return false;
        printjnp(nd, q, caLen);
        q += caLen;
        lciLen -= caLen;
      }
      return false;
    }
    case 3:
      nd.printBreak('\n\t    ECS ELIN id ');
      printjnp(nd, p + 5, len - 5);
      return false;
    default:
      nd.printBreak('\n\t    Location ID ');
      printUnknownData(nd, p + 5, '\n\t      ', len - 5);
      return false;
  }
}

export function lldpPrivateTia(nd: Dissector, p: number, len: number): boolean {
  if (len < 4) return false;
  const subtype = nd.u8(p + 3);
  nd.printBreak('\n\t  ' + tok2str(tiaSubtypes, 'unknown', subtype) + ' Subtype (' + subtype + ')');
  switch (subtype) {
    case 1: {
      if (len < 7) return false;
      const caps = nd.u16(p + 4);
      nd.printBreak('\n\t    Media capabilities [' + bittok2str(tiaCapabilities, 'none', caps) + '] (0x' + hex(caps, 4) + ')');
      const dev = nd.u8(p + 6);
      nd.printBreak('\n\t    Device type [' + tok2str(tiaDeviceTypes, 'unknown', dev) + '] (0x' + hex(dev, 2) + ')');
      return false;
    }
    case 2: {
      if (len < 8) return false;
      const app = nd.u8(p + 4);
      nd.printBreak('\n\t    Application type [' + tok2str(tiaApplicationTypes, 'none', app) + '] (0x' + hex(app, 2) + ')');
      nd.print(', Flags [' + bittok2str(networkPolicyBits, 'none', nd.u8(p + 5)) + ']');
      nd.printBreak('\n\t    Vlan id ' + ((nd.u16(p + 5) & 0x1ffe) >> 1));
      nd.print(', L2 priority ' + ((nd.u16(p + 6) & 0x01ff) >> 6));
      nd.print(', DSCP value ' + (nd.u16(p + 6) & 0x003f));
      return false;
    }
    case 3:
      return tiaLocation(nd, p, len);
    case 4: {
      if (len < 7) return false;
      const b = nd.u8(p + 4);
      // tcpdump tests (b & 0xC0 >> 6), which is b & 3: kept, for the same words.
      nd.printBreak('\n\t    Power type [' + (b & (0xc0 >> 6) ? 'PD device' : 'PSE device') + ']');
      nd.print(', Power source [' + tok2str(powerSources, 'none', (b & 0x30) >> 4) + ']');
      nd.printBreak('\n\t    Power priority [' + tok2str(powerPriorities, 'none', b & 0x0f) + '] (0x' + hex(b & 0x0f, 2) + ')');
      const power = nd.u16(p + 5);
      nd.print(power < 1024 ? ', Power ' + fixed(Math.fround(power / 10), 1) + ' Watts' : ', Power ' + power + ' (Reserved)');
      return false;
    }
    case 5:
    case 6:
    case 7:
    case 8:
    case 9:
    case 10:
    case 11:
      nd.printBreak('\n\t  ' + tok2str(tiaInventory, 'unknown', subtype) + ' ');
      printjnp(nd, p + 4, len - 4);
      return false;
    default:
      return true;
  }
}

function infoBlock(nd: Dissector, p: number): void {
  nd.printBreak('\n\t      Oper_Version: ' + nd.u8(p));
  nd.printBreak('\n\t      Max_Version: ' + nd.u8(p + 1));
  const v = nd.u8(p + 2);
  nd.printBreak('\n\t      Info block(0x' + hex(v, 2).toUpperCase() + '): ');
  nd.print('Enable bit: ' + (v & 0x80 ? 1 : 0) + ', Willing bit: ' + (v & 0x40 ? 1 : 0) + ', Error Bit: ' + (v & 0x20 ? 1 : 0));
  nd.printBreak('\n\t      SubType: ' + nd.u8(p + 3));
}

/** DCBX 1.01 TLVs inside the organisationally specific TLV. */
export function lldpPrivateDcbx(nd: Dissector, pp: number, len: number): boolean {
  let hexdump = false;
  if (len < 4) return hexdump;
  const subtype = nd.u8(pp + 3);
  nd.printBreak('\n\t  ' + tok2str(dcbxSubtypes, 'unknown', subtype) + ' Subtype (' + subtype + ')');
  if (subtype === 1) return true;
  let p = pp + 4;
  let tlen = len - 4;
  while (tlen >= 2) {
    const tlv = nd.u16(p);
    const type = (tlv & 0xfe00) >> 9;
    const tlvLen = tlv & 0x01ff;
    hexdump = false;
    tlen -= 2;
    p += 2;
    if (!type || !tlvLen) break;
    nd.need(p, tlvLen);
    if (tlen < tlvLen) return hexdump;
    switch (type) {
      case 1:
        if (tlvLen < 10) return hexdump;
        nd.printBreak('\n\t    Control - Protocol Control (type 0x1, length ' + tlvLen + ')');
        nd.printBreak('\n\t      Oper_Version: ' + nd.u8(p));
        nd.printBreak('\n\t      Max_Version: ' + nd.u8(p + 1));
        nd.printBreak('\n\t      Sequence Number: ' + nd.u32(p + 2));
        nd.printBreak('\n\t      Acknowledgement Number: ' + nd.u32(p + 6));
        break;
      case 2: {
        if (tlvLen < 17) return hexdump;
        nd.printBreak('\n\t    Feature - Priority Group (type 0x2, length ' + tlvLen + ')');
        infoBlock(nd, p);
        nd.printBreak('\n\t      Priority Allocation');
        const pg = nd.u32(p + 4);
        for (let i = 0; i <= 7; i++) nd.printBreak('\n\t          PgId_' + i + ': ' + ((pg >>> (28 - 4 * i)) & 0xf));
        nd.printBreak('\n\t      Priority Group Allocation');
        for (let i = 0; i <= 7; i++) nd.printBreak('\n\t          Pg percentage[' + i + ']: ' + nd.u8(p + 8 + i));
        nd.printBreak('\n\t      NumTCsSupported: ' + nd.u8(p + 16));
        break;
      }
      case 3: {
        if (tlvLen < 6) return hexdump;
        nd.printBreak('\n\t    Feature - Priority Flow Control');
        nd.print(' (type 0x3, length ' + tlvLen + ')');
        infoBlock(nd, p);
        const v = nd.u8(p + 4);
        nd.printBreak('\n\t      PFC Config (0x' + hex(v, 2).toUpperCase() + ')');
        for (let i = 0; i <= 7; i++) nd.printBreak('\n\t          Priority Bit ' + i + ': ' + (v & (1 << i) ? 'Enabled' : 'Disabled'));
        nd.printBreak('\n\t      NumTCPFCSupported: ' + nd.u8(p + 5));
        break;
      }
      case 4: {
        if (tlvLen < 4) return hexdump;
        nd.printBreak('\n\t    Feature - Application (type 0x4, length ' + tlvLen + ')');
        infoBlock(nd, p);
        let left = tlvLen - 4;
        let m = p + 4;
        while (left >= 6) {
          nd.printBreak('\n\t      Application Value');
          nd.printBreak('\n\t          Application Protocol ID: 0x' + hex(nd.u16(m), 4));
          const u = nd.u24(m + 2);
          nd.printBreak('\n\t          SF (0x' + hex(u >> 22) + ') Application Protocol ID is ' + (u >> 22 ? 'Socket Number' : 'L2 EtherType'));
          nd.printBreak('\n\t          OUI: 0x' + hex(u & 0x3fffff, 6));
          nd.printBreak('\n\t          User Priority Map: 0x' + hex(nd.u8(m + 5), 2));
          left -= 6;
          m += 6;
        }
        break;
      }
      default:
        hexdump = true;
    }
    if (nd.verbose > 1 || (nd.verbose && hexdump)) printUnknownData(nd, p, '\n\t    ', tlvLen);
    tlen -= tlvLen;
    p += tlvLen;
  }
  return hexdump;
}
