import { Depth, type Dissector } from '../dissector.js';
import { DispatchTable, namedPrinter } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { ethertypeNames, ethertypePrint } from './ethertype.js';
import { defaultPrintAlways } from '../hex.js';

/** IEEE 802.2 LLC and SNAP (tcpdump's print-llc.c). */

/** Printers of a SAP when DSAP = SSAP and the control is UI (STP 0x42, IP 0x06, OSI 0xfe ...). */
export const llcSaps = new DispatchTable('LLC SAP', 256);
/** Printers of a SNAP payload by (OUI << 16 | PID), for OUIs other than the ethertype ones. */
// Keys carry the OUI in their upper bits: all of them are above 65536, in the table's maps.
export const snapPids = new DispatchTable('SNAP OUI/PID', 0);

export const OUI = { ENCAP_ETHER: 0x000000, CISCO: 0x00000c, CISCO_90: 0x0000f8, RFC2684: 0x0080c2, APPLETALK: 0x080007 } as const;

const SAP = { NULL: 0x00, GLOBAL: 0xff, IP: 0x06, STP: 0x42, SNAP: 0xaa, IPX: 0xe0, NETBEUI: 0xf0, ISONS: 0xfe } as const;
const LLC_UI = 0x03;
const LLC_XID = 0xaf;
const LLC_U_POLL = 0x10;
const LLC_IS_POLL = 0x0100;

const llcValues = tok({
  0x00: 'Null',
  0xff: 'Global',
  0x02: '802.1B I',
  0x03: '802.1B G',
  0x06: 'IP',
  0x04: 'SNA',
  0x0e: 'ProWay NM',
  0x42: 'STP',
  0x4e: 'RS511',
  0x7e: 'ISO8208',
  0x8e: 'ProWay',
  0xaa: 'SNAP',
  0xe0: 'IPX',
  0xf0: 'NetBeui',
  0xfe: 'OSI',
});

const llcCmdValues = tok({ 0x03: 'ui', 0xe3: 'test', 0xaf: 'xid', 0x63: 'ua', 0x43: 'disc', 0x0f: 'dm', 0x6f: 'sabme', 0x87: 'frmr' });

// tok2str returns the first match: 0 -> Command, 1 -> Response, 0x10 -> Poll, 0x11 -> Final, 0x100 -> Poll, 0x101 -> Final.
const llcFlagValues = tok({ 0x00: 'Command', 0x01: 'Response', 0x10: 'Poll', 0x11: 'Final', 0x100: 'Poll', 0x101: 'Final' });

const llcSupervisoryValues = tok({ 0: 'Receiver Ready', 1: 'Receiver not Ready', 2: 'Reject' });

export const ouiValues = tok({
  0x000000: 'Ethernet',
  0x00000c: 'Cisco',
  0x00005e: 'IANA',
  0x000081: 'Nortel Networks SONMP',
  0x0000f8: 'Cisco bridged',
  0x0080c2: 'Ethernet bridged',
  0x00a03e: 'ATM Forum',
  0x00e02f: 'DOCSIS Spanning Tree',
  0x080007: 'Appletalk',
  0x009069: 'Juniper',
  0x080009: 'Hewlett-Packard',
  0x00120f: 'IEEE 802.3 Private',
  0x0012bb: 'ANSI/TIA',
  0x001b21: 'DCBX',
  0x002320: 'Nicira Networks',
  0x5c16c7: 'Big Switch Networks',
  0xb0d2f5: 'Vello Systems',
  0x002481: 'HP',
  0x0004ea: 'HP-Labs',
  0x748771: 'Infoblox Inc',
  0xa42305: 'Open Networking Lab',
  0x00049f: 'Freescale',
  0x0015ad: 'Netronome',
  0x001018: 'Broadcom',
  0x00e004: 'PMC-Sierra',
  0xd0f0db: 'Ericsson',
});

const ciscoValues = tok({ 0x2000: 'CDP', 0x2003: 'VTP', 0x2004: 'DTP', 0x0111: 'UDLD', 0x010b: 'PVST', 0x010c: 'VLAN Bridge' });
const bridgedValues = tok({
  0x0001: 'Ethernet + FCS',
  0x0007: 'Ethernet w/o FCS',
  0x0002: '802.4 + FCS',
  0x0008: '802.4 w/o FCS',
  0x0003: 'Token Ring + FCS',
  0x0009: 'Token Ring w/o FCS',
  0x0004: 'FDDI + FCS',
  0x000a: 'FDDI w/o FCS',
  0x0005: '802.6 + FCS',
  0x000b: '802.6 w/o FCS',
  0x000e: 'BPDU',
});
const noValues = tok({});

function pidNames(oui: number) {
  if (oui === OUI.ENCAP_ETHER || oui === OUI.CISCO_90 || oui === OUI.APPLETALK) return ethertypeNames;
  if (oui === OUI.CISCO) return ciscoValues;
  if (oui === OUI.RFC2684) return bridgedValues;
  return noValues;
}

for (const [sap, name] of [
  [SAP.STP, 'stp'],
  [SAP.ISONS, 'isoclns'],
  [SAP.IPX, 'ipx'],
  [SAP.NETBEUI, 'netbeui'],
] as const) {
  llcSaps.name(sap, name);
}
for (const [pid, name] of [
  [0x2000, 'cdp'],
  [0x2003, 'vtp'],
  [0x2004, 'dtp'],
  [0x0111, 'udld'],
  [0x010b, 'stp'],
  [0x010c, 'stp'],
] as const) {
  snapPids.name((OUI.CISCO << 16) | pid, name);
}
snapPids.name((OUI.RFC2684 << 16) | 0x000e, 'stp');

function linkAddrs(nd: Dissector): string {
  return nd.mac(nd.linkSrcAt) + ' > ' + nd.mac(nd.linkDstAt);
}

/**
 * An LLC header and what it carries. Returns the header length, negated when the
 * payload is of no known kind (the caller then shows it raw), as tcpdump's llc_print.
 */
export function llcPrint(nd: Dissector, p: number, length: number, caplen: number): number {
  nd.protocol = 'llc';
  if (caplen < 3 || length < 3) {
    nd.printTrunc();
    defaultPrintAlways(nd, p, caplen);
    return caplen < 3 ? caplen : length;
  }
  const dsapField = nd.u8(p);
  const ssapField = nd.u8(p + 1);
  let control = nd.u8(p + 2);
  let isU: boolean;
  let hdrlen: number;
  if ((control & 3) === 3) {
    isU = true;
    hdrlen = 3;
  } else {
    if (caplen < 4 || length < 4) {
      nd.printTrunc();
      defaultPrintAlways(nd, p, caplen);
      return caplen < 4 ? caplen : length;
    }
    control = nd.le16(p + 2);
    isU = false;
    hdrlen = 4;
  }

  if (ssapField === SAP.GLOBAL && dsapField === SAP.GLOBAL) {
    // Novell's raw 802.3: IPX with no LLC header at all.
    nd.classify(Depth.TRANSPORT, 'ipx');
    if (nd.linkHeader) nd.print('IPX 802.3: ');
    const ipx = namedPrinter('ipx');
    if (ipx) ipx(nd, p, length);
    return 0;
  }
  const dsap = dsapField & ~1;
  const ssap = ssapField & ~1;
  if (nd.linkHeader) {
    nd.print(
      'LLC, dsap ' +
        tok2str(llcValues, 'Unknown', dsap) +
        ' (0x' +
        hex(dsap, 2) +
        ') ' +
        (dsapField & 1 ? 'Group' : 'Individual') +
        ', ssap ' +
        tok2str(llcValues, 'Unknown', ssap) +
        ' (0x' +
        hex(ssap, 2) +
        ') ' +
        (ssapField & 1 ? 'Response' : 'Command') +
        ', ctrl 0x' +
        hex(control, isU ? 2 : 4) +
        ': ',
    );
  }
  p += hdrlen;
  length -= hdrlen;
  caplen -= hdrlen;

  if (ssap === SAP.SNAP && dsap === SAP.SNAP && control === LLC_UI) {
    return snapPrint(nd, p, length, caplen, 2) ? hdrlen + 5 : -(hdrlen + 5);
  }
  if (ssap === dsap && control === LLC_UI) {
    const name = llcSaps.family(ssap);
    if (name !== undefined) nd.classify(Depth.TRANSPORT, name);
    const print = ssap === SAP.NETBEUI ? undefined : llcSaps.printer(ssap);
    if (print !== undefined) {
      if (ssap === SAP.IPX && nd.linkHeader) nd.print('IPX 802.2: ');
      print(nd, p, length);
      return hdrlen;
    }
  }
  if (ssap === SAP.NETBEUI && dsap === SAP.NETBEUI && (!(control & 1) || control === 3)) {
    nd.classify(Depth.TRANSPORT, 'netbeui');
    const print = llcSaps.printer(SAP.NETBEUI);
    if (print !== undefined) {
      print(nd, p, length);
      return hdrlen;
    }
  }

  if (!nd.linkHeader) {
    const haveAddrs = nd.linkSrcAt >= 0 && nd.linkDstAt >= 0;
    if (ssap === dsap) {
      const name = tok2str(llcValues, 'Unknown DSAP 0x%02x', dsap);
      nd.print(haveAddrs ? linkAddrs(nd) + ' ' + name + ' ' : name + ' ');
    } else {
      const s = tok2str(llcValues, 'Unknown SSAP 0x%02x', ssap);
      const d = tok2str(llcValues, 'Unknown DSAP 0x%02x', dsap);
      nd.print(haveAddrs ? nd.mac(nd.linkSrcAt) + ' ' + s + ' > ' + nd.mac(nd.linkDstAt) + ' ' + d + ' ' : s + ' > ' + d + ' ');
    }
  }

  if (isU) {
    nd.print(
      'Unnumbered, ' +
        tok2str(llcCmdValues, '%02x', control & 0xef) +
        ', Flags [' +
        tok2str(llcFlagValues, '?', (ssapField & 1) | (control & LLC_U_POLL)) +
        '], length ' +
        (length + hdrlen),
    );
    if ((control & ~LLC_U_POLL) === LLC_XID) {
      if (length === 0) return hdrlen;
      if (caplen < 1) {
        nd.printTrunc();
        return hdrlen;
      }
      if (nd.u8(p) === 0x81) {
        if (caplen < 3 || length < 3) {
          nd.printTrunc();
          if (caplen > 0) defaultPrintAlways(nd, p, caplen);
        } else nd.print(': ' + hex(nd.u8(p + 1), 2) + ' ' + hex(nd.u8(p + 2), 2));
        return hdrlen;
      }
    }
  } else if ((control & 1) === 1) {
    nd.print(
      'Supervisory, ' +
        tok2str(llcSupervisoryValues, '?', (control >> 2) & 3) +
        ', rcv seq ' +
        ((control >> 9) & 0x7f) +
        ', Flags [' +
        tok2str(llcFlagValues, '?', (ssapField & 1) | (control & LLC_IS_POLL)) +
        '], length ' +
        (length + hdrlen),
    );
    return hdrlen;
  } else {
    nd.print(
      'Information, send seq ' +
        ((control >> 1) & 0x7f) +
        ', rcv seq ' +
        ((control >> 9) & 0x7f) +
        ', Flags [' +
        tok2str(llcFlagValues, '?', (ssapField & 1) | (control & LLC_IS_POLL)) +
        '], length ' +
        (length + hdrlen),
    );
  }
  return -hdrlen;
}

/**
 * A SNAP header (OUI and protocol id) and its payload; false when nobody prints the
 * payload (tcpdump's snap_print). bridgePad: bytes of padding before a bridged frame.
 */
export function snapPrint(nd: Dissector, p: number, length: number, caplen: number, bridgePad: number): boolean {
  nd.protocol = 'snap';
  if (!nd.has(p, 5) || caplen < 5 || length < 5) {
    nd.printTrunc();
    return true;
  }
  const oui = nd.u24(p);
  const et = nd.u16(p + 3);
  if (nd.linkHeader) {
    nd.print(
      'oui ' +
        tok2str(ouiValues, 'Unknown', oui) +
        ' (0x' +
        hex(oui, 6) +
        '), ' +
        (oui === 0 ? 'ethertype' : 'pid') +
        ' ' +
        tok2str(pidNames(oui), 'Unknown', et) +
        ' (0x' +
        hex(et, 4) +
        '), length ' +
        (length - 5) +
        ': ',
    );
  }
  p += 5;
  length -= 5;
  caplen -= 5;
  if (oui === OUI.ENCAP_ETHER || oui === OUI.CISCO_90 || (oui === OUI.APPLETALK && et === 0x809b)) {
    if (ethertypePrint(nd, et, p, length)) return true;
  } else {
    const key = (oui << 16) | et;
    const name = snapPids.family(key);
    if (name !== undefined) nd.classify(Depth.TRANSPORT, name);
    const print = snapPids.printer(key);
    if (print !== undefined) {
      // Bridged frames (RFC 2684) start after their padding; the printer is given it.
      const pad = oui === OUI.RFC2684 && et !== 0x000e ? bridgePad : 0;
      nd.need(p, pad);
      print(nd, p + pad, length - pad);
      return true;
    }
  }
  if (!nd.linkHeader) {
    if (nd.linkSrcAt >= 0 && nd.linkDstAt >= 0) nd.print(linkAddrs(nd) + ' ');
    if (oui === 0) {
      nd.print('SNAP, ethertype ' + tok2str(ethertypeNames, 'Unknown', et) + ' (0x' + hex(et, 4) + '), length ' + length + ': ');
    } else {
      nd.print(
        'SNAP, oui ' +
          tok2str(ouiValues, 'Unknown', oui) +
          ' (0x' +
          hex(oui, 6) +
          '), pid ' +
          tok2str(pidNames(oui), 'Unknown', et) +
          ' (0x' +
          hex(et, 4) +
          '), length ' +
          length +
          ': ',
      );
    }
  }
  return false;
}
