import { Depth, type Dissector } from '../dissector.js';
import { defaultPrint } from '../hex.js';
import { linkTypes } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { mgmtBody, wepPrint } from './ieee80211-mgmt.js';
import { llcPrint } from './llc.js';

/** IEEE 802.11 frames: headers, control frames, data (tcpdump's print-802_11.c). Management bodies are in ieee80211-mgmt.ts, radiotap in radiotap.ts. */

const T_MGMT = 0;
const T_CTRL = 1;
const T_DATA = 2;
const MGMT_HDRLEN = 24;

const ctrlValues = tok({
  7: 'Control Wrapper',
  8: 'BAR',
  9: 'BA',
  10: 'Power Save-Poll',
  11: 'Request-To-Send',
  12: 'Clear-To-Send',
  13: 'Acknowledgment',
  14: 'CF-End',
  15: 'CF-End+CF-Ack',
});
/** Header lengths of control frames by subtype (0: unknown). */
const ctrlHdrLen = [0, 0, 0, 0, 0, 0, 0, 16, 20, 10, 16, 16, 10, 10, 16, 16];

const fcType = (fc: number) => (fc >> 2) & 3;
const fcSubtype = (fc: number) => (fc >> 4) & 0xf;
const TO_DS = 0x0100;
const FROM_DS = 0x0200;
const PROTECTED = 0x4000;
function ctrlBody(nd: Dissector, fc: number, p: number): boolean {
  const st = fcSubtype(fc);
  nd.print(tok2str(ctrlValues, 'Unknown Ctrl Subtype', st));
  const len = ctrlHdrLen[st];
  if (st === 7) return true;
  if (!nd.has(p, len)) return false;
  switch (st) {
    case 8:
      if (!nd.linkHeader) nd.print(' RA:' + nd.mac(p + 4) + ' TA:' + nd.mac(p + 10) + ' CTL(' + hex(nd.le16(p + 16)) + ') SEQ(' + nd.le16(p + 18) + ') ');
      break;
    case 10:
      nd.print(' AID(' + hex(nd.le16(p + 2)) + ')');
      break;
    case 11:
      if (!nd.linkHeader) nd.print(' TA:' + nd.mac(p + 10) + ' ');
      break;
    case 9:
    case 12:
    case 13:
    case 14:
    case 15:
      if (!nd.linkHeader) nd.print(' RA:' + nd.mac(p + 4) + ' ');
      break;
  }
  return true;
}

function headerLength(nd: Dissector, fc: number): number {
  switch (fcType(fc)) {
    case T_MGMT:
      return MGMT_HDRLEN;
    case T_CTRL: {
      const len = ctrlHdrLen[fcSubtype(fc)];
      if (len === 0) nd.print('unknown 802.11 ctrl frame subtype (' + fcSubtype(fc) + ')');
      return len;
    }
    case T_DATA: {
      let len = fc & TO_DS && fc & FROM_DS ? 30 : 24;
      if (fcSubtype(fc) & 8) len += 2;
      return len;
    }
    default:
      nd.print('unknown 802.11 frame type (' + fcType(fc) + ')');
      return 0;
  }
}

/** ieee_802_11_hdr_print: the MAC header, for -e. */
function headerPrint(nd: Dissector, fc: number, p: number): void {
  if (nd.verbose) {
    let s = '';
    if (fc & 0x2000) s += 'More Data ';
    if (fc & 0x0400) s += 'More Fragments ';
    if (fc & 0x1000) s += 'Pwr Mgmt ';
    if (fc & 0x0800) s += 'Retry ';
    if (fc & 0x8000) s += 'Strictly Ordered ';
    if (fc & PROTECTED) s += 'Protected ';
    nd.print(s);
    if (fcType(fc) !== T_CTRL || fcSubtype(fc) !== 10) nd.print(nd.le16(p + 2) + 'us ');
  }
  const a1 = p + 4;
  const a2 = p + 10;
  const a3 = p + 16;
  switch (fcType(fc)) {
    case T_MGMT:
      nd.print('BSSID:' + nd.mac(a3) + ' DA:' + nd.mac(a1) + ' SA:' + nd.mac(a2) + ' ');
      break;
    case T_CTRL:
      switch (fcSubtype(fc)) {
        case 8:
          nd.print(' RA:' + nd.mac(a1) + ' TA:' + nd.mac(a2) + ' CTL(' + hex(nd.le16(p + 16)) + ') SEQ(' + nd.le16(p + 18) + ') ');
          break;
        case 9:
        case 12:
        case 13:
          nd.print('RA:' + nd.mac(a1) + ' ');
          break;
        case 10:
          nd.print('BSSID:' + nd.mac(a1) + ' TA:' + nd.mac(a2) + ' ');
          break;
        case 11:
          nd.print('RA:' + nd.mac(a1) + ' TA:' + nd.mac(a2) + ' ');
          break;
        case 14:
        case 15:
          nd.print('RA:' + nd.mac(a1) + ' BSSID:' + nd.mac(a2) + ' ');
          break;
      }
      break;
    case T_DATA: {
      const st = fcSubtype(fc);
      if (st & 0xb) {
        let s = 'CF ';
        if (st & 1) s += st & 2 ? 'Ack/Poll' : 'Ack';
        else if (st & 2) s += 'Poll';
        if (st & 8) s += '+QoS';
        nd.print(s + ' ');
      }
      const to = fc & TO_DS;
      const from = fc & FROM_DS;
      if (!to && !from) nd.print('DA:' + nd.mac(a1) + ' SA:' + nd.mac(a2) + ' BSSID:' + nd.mac(a3) + ' ');
      else if (!to && from) nd.print('DA:' + nd.mac(a1) + ' BSSID:' + nd.mac(a2) + ' SA:' + nd.mac(a3) + ' ');
      else if (to && !from) nd.print('BSSID:' + nd.mac(a1) + ' SA:' + nd.mac(a2) + ' DA:' + nd.mac(a3) + ' ');
      else nd.print('RA:' + nd.mac(a1) + ' TA:' + nd.mac(a2) + ' DA:' + nd.mac(a3) + ' SA:' + nd.mac(p + 24) + ' ');
      break;
    }
  }
}

/** ieee802_11_print: a frame of length bytes (FCS included when fcslen says so); returns the header length. */
export function ieee80211Print(nd: Dissector, p: number, length: number, pad: boolean, fcslen: number): number {
  nd.protocol = '802.11';
  let caplen = nd.avail(p);
  const origCaplen = caplen;
  if (length < fcslen) {
    nd.printTrunc();
    return caplen;
  }
  length -= fcslen;
  if (caplen > length) {
    // The FCS that was captured is not payload.
    const cut = caplen - length;
    caplen -= cut;
    nd.snapend -= cut;
  }
  if (caplen < 2) {
    nd.printTrunc();
    return origCaplen;
  }
  const fc = nd.le16(p);
  let hdrlen = headerLength(nd, fc);
  if (hdrlen === 0) return 0;
  if (pad) hdrlen = (hdrlen + 3) & ~3;
  if (caplen < hdrlen) {
    nd.printTrunc();
    return hdrlen;
  }
  if (nd.linkHeader) headerPrint(nd, fc, p);
  const h = p;
  length -= hdrlen;
  caplen -= hdrlen;
  p += hdrlen;
  switch (fcType(fc)) {
    case T_MGMT:
      nd.classify(Depth.NET, '802.11');
      if (!mgmtBody(nd, fc, h + 10, p, length)) {
        nd.printTrunc();
        return hdrlen;
      }
      break;
    case T_CTRL:
      nd.classify(Depth.NET, '802.11');
      if (!ctrlBody(nd, fc, h)) {
        nd.printTrunc();
        return hdrlen;
      }
      break;
    case T_DATA: {
      if (fcSubtype(fc) & 4) {
        nd.classify(Depth.NET, '802.11');
        return hdrlen;
      }
      if (fc & PROTECTED) {
        nd.classify(Depth.NET, '802.11');
        nd.print('Data');
        if (!wepPrint(nd, p)) {
          nd.printTrunc();
          return hdrlen;
        }
      } else {
        const to = fc & TO_DS;
        const from = fc & FROM_DS;
        nd.linkSrcAt = !to ? (!from ? h + 10 : h + 16) : !from ? h + 10 : h + 24;
        nd.linkDstAt = !to ? h + 4 : h + 16;
        let llcLen = llcPrint(nd, p, length, caplen);
        if (llcLen < 0) {
          defaultPrint(nd, p, caplen);
          llcLen = -llcLen;
        }
        hdrlen += llcLen;
      }
      break;
    }
  }
  return hdrlen;
}

linkTypes.register(105, '802.11', (nd, p, length) => {
  nd.protocol = '802.11';
  nd.classify(Depth.LINK, '802.11');
  nd.llHdrLen += ieee80211Print(nd, p, length, false, 0);
});
