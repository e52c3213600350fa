import { Depth, type Dissector } from '../dissector.js';
import { linkTypes } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { etherPrint, etherSwitchTagPrint } from './ether.js';
import { ethertypeNames } from './ethertype.js';

/**
 * Switch-chip tags in Ethernet frames: Marvell DSA and EDSA (tcpdump's print-dsa.c)
 * and Broadcom's tag, inside the frame or prepended to it (print-brcmtag.c).
 */

const dsaModes = tok({ 0: 'To CPU', 1: 'From CPU', 2: 'To Sniffer', 3: 'Forward' });
const dsaCodes = tok({ 0: 'BPDU (MGMT) Trap', 1: 'Frame2Reg', 2: 'IGMP/MLD Trap', 3: 'Policy Trap', 4: 'ARP Mirror', 5: 'Policy Mirror' });

function tagCommon(nd: Dissector, p: number): void {
  const b0 = nd.u8(p);
  const b1 = nd.u8(p + 1);
  const b2 = nd.u8(p + 2);
  const b3 = nd.u8(p + 3);
  const mode = (b0 & 0xc0) >> 6;
  const tagged = (b0 & 0x20) >> 5;
  const dev = b0 & 0x1f;
  const port = (b1 & 0xf8) >> 3;
  const trunk = (b1 & 0x04) >> 2;
  const cfi = b1 & 1;
  const pri = (b2 & 0xe0) >> 5;
  const vid = ((b2 & 0x0f) << 8) | b3;
  const code = (((b1 & 0x06) >> 1) << 1) | ((b2 & 0x10) >> 4);
  let s: string;
  if (nd.linkHeader) {
    s = 'mode ' + tok2str(dsaModes, 'unknown', mode) + ', ';
    if (mode === 3) s += 'dev ' + dev + ', ' + (trunk ? 'trunk' : 'port') + ' ' + port + ', ';
    else if (mode === 1) s += 'target dev ' + dev + ', port ' + port + ', ';
    else if (mode === 0) s += 'source dev ' + dev + ', port ' + port + ', code ' + tok2str(dsaCodes, 'reserved', code) + ', ';
    else s += 'source dev ' + dev + ', port ' + port + ', ' + (trunk ? 'ingress' : 'egress') + ' sniff, ';
    s += (tagged ? 'tagged' : 'untagged') + ', ' + (cfi ? 'CFI, ' : '') + 'VID ' + vid + ', FPri ' + pri + ', ';
  } else {
    if (mode === 3) s = 'Forward ' + (trunk ? 'trunk' : 'port') + ' ' + dev + '.' + port + ', ';
    else if (mode === 1) s = 'CPU > port ' + dev + '.' + port + ', ';
    else if (mode === 0) s = 'port ' + dev + '.' + port + ' > CPU, ';
    else s = 'port ' + dev + '.' + port + ' > ' + (trunk ? 'Rx' : 'Tx') + ' Sniffer, ';
    s += 'VLAN ' + vid + (tagged ? 't' : 'u') + ', ';
  }
  nd.print(s);
}

function dsaTag(nd: Dissector, p: number): void {
  nd.print(nd.linkHeader ? 'Marvell DSA ' : 'DSA ');
  tagCommon(nd, p);
}

function edsaTag(nd: Dissector, p: number): void {
  const type = nd.u16(p);
  if (nd.linkHeader) {
    nd.print('Marvell EDSA ethertype 0x' + hex(type, 4) + ' (' + tok2str(ethertypeNames, 'Unknown', type) + '), ');
    nd.print('rsvd ' + nd.u8(p + 2) + ' ' + nd.u8(p + 3) + ', ');
  } else nd.print('EDSA 0x' + hex(type, 4) + ', ');
  tagCommon(nd, p + 4);
}

const brcmTe = tok({ 0: 'None', 1: 'Untag', 2: 'Header', 3: 'Reserved' });
const brcmRc = tok({ 1: 'mirror', 2: 'MAC learning', 4: 'switching', 8: 'prot term', 16: 'prot snoop', 32: 'exception' });

function brcmTag(nd: Dissector, p: number): void {
  const t0 = nd.u8(p);
  const t1 = nd.u8(p + 1);
  const t2 = nd.u8(p + 2);
  const t3 = nd.u8(p + 3);
  let s = 'BRCM tag OP: ' + (t0 ? 'IG' : 'EG');
  if (t0 & 0x20) {
    s += ', TC: ' + ((t1 >> 2) & 7) + ', TE: ' + tok2str(brcmTe, 'unknown', t1 & 3) + ', TS: ' + (t1 >> 7);
    s += ', DST map: 0x' + hex(((t2 << 8) | t3) & 0x1ff, 4);
  } else {
    s += ', CID: ' + t1 + ', RC: ' + tok2str(brcmRc, 'reserved', t2) + ', TC: ' + ((t3 >> 5) & 7) + ', port: ' + (t3 & 0x1f);
  }
  nd.print(s + ', ');
}

function switchTagIf(name: string, print: (nd: Dissector, p: number) => void, len: number) {
  return (nd: Dissector, at: number, length: number): void => {
    nd.protocol = name;
    nd.classify(Depth.LINK, name);
    nd.llHdrLen += etherSwitchTagPrint(nd, at, length, print, len);
  };
}

function brcmPrependIf(nd: Dissector, at: number, length: number): void {
  nd.protocol = 'brcm-tag-prepend';
  nd.classify(Depth.LINK, 'brcm-tag');
  nd.need(at, 4);
  nd.llHdrLen += 4;
  if (nd.linkHeader) brcmTag(nd, at);
  nd.llHdrLen += etherPrint(nd, at + 4, length - 4);
}

linkTypes.register(281, 'brcm-tag', switchTagIf('brcm-tag', brcmTag, 4));
linkTypes.register(282, 'brcm-tag', brcmPrependIf);
linkTypes.register(284, 'dsa', switchTagIf('dsa', dsaTag, 4));
linkTypes.register(285, 'edsa', switchTagIf('edsa', edsaTag, 8));
