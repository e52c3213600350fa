import { Depth, type Dissector } from '../dissector.js';
import { linkTypes, namedPrinter } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { ethertypeNames, ethertypePrint } from './ethertype.js';
import { llcPrint } from './llc.js';
import { defaultPrint } from '../hex.js';

/** Linux cooked captures, v1 (16-byte header) and v2 (20 bytes) (tcpdump's print-sll.c). */

const SLL_HDR_LEN = 16;
const SLL2_HDR_LEN = 20;
const P_802_3 = 0x0001;
const P_802_2 = 0x0004;
const ARPHRD_IEEE80211_RADIOTAP = 803;

const pktTypes = tok({ 0: 'In', 1: 'B', 2: 'M', 3: 'P', 4: 'Out' });

function pad(s: string, width: number): string {
  while (s.length < width) s += ' ';
  return s;
}

function protocolText(type: number): string {
  if (type <= 1500) {
    if (type === P_802_3) return '802.3';
    if (type === P_802_2) return '802.2';
    return 'ethertype Unknown (0x' + hex(type, 4) + ')';
  }
  return 'ethertype ' + tok2str(ethertypeNames, 'Unknown', type) + ' (0x' + hex(type, 4) + ')';
}

/** sll_print: the header in words, for -e and for payloads nobody decodes. */
function sllHeader(nd: Dissector, at: number, length: number): void {
  nd.protocol = 'sll';
  let t = tok2str(pktTypes, '?', nd.u16(at));
  while (t.length < 3) t = ' ' + t;
  nd.print(t + ' ');
  if (nd.u16(at + 4) === 6) nd.print(nd.mac(at + 6) + ' ');
  nd.print(protocolText(nd.u16(at + 14)) + ', length ' + length + ': ');
}

function sll2Header(nd: Dissector, at: number, length: number): void {
  nd.protocol = 'sll2';
  nd.print('ifindex ' + nd.u32(at + 4) + ' ');
  if (nd.u8(at + 11) === 6) nd.print(nd.mac(at + 12) + ' ');
  nd.print(protocolText(nd.u16(at)) + ', length ' + length + ': ');
}

/**
 * What follows the cooked header: shared by v1 and v2 (tcpdump repeats it in each).
 * Returns the header bytes consumed after the cooked header.
 */
function cookedPayload(nd: Dissector, p: number, length: number, type: number, header: () => void): number {
  let caplen = nd.avail(p);
  let hdrlen = 0;
  for (;;) {
    if (type <= 1500) {
      if (type === P_802_3) {
        nd.classify(Depth.NET, 'ipx');
        const ipx = namedPrinter('ipx');
        if (ipx) ipx(nd, p, length);
      } else if (type === P_802_2) {
        nd.classify(Depth.NET, 'llc');
        const n = llcPrint(nd, p, length, caplen);
        if (n < 0) defaultPrint(nd, p, caplen);
        else hdrlen += n;
      } else {
        defaultPrint(nd, p, caplen);
      }
      return hdrlen;
    }
    if (type === 0x8100) {
      if (caplen < 4) {
        nd.protocol = 'vlan';
        nd.printTrunc();
        return hdrlen + caplen;
      }
      if (nd.linkHeader) {
        const tci = nd.u16(p);
        nd.print('vlan ' + (tci & 0xfff) + ', p ' + (tci >> 13) + (tci & 0x1000 ? ', DEI' : '') + ', ');
      }
      type = nd.u16(p + 2);
      if (type <= 1500) type = P_802_2;
      nd.print('ethertype ' + tok2str(ethertypeNames, 'Unknown', type) + ', ');
      p += 4;
      length -= 4;
      caplen -= 4;
      hdrlen += 4;
      continue;
    }
    if (!ethertypePrint(nd, type, p, length)) {
      nd.classify(Depth.NET, 'ethertype:0x' + hex(type, 4));
      if (!nd.linkHeader) header();
      defaultPrint(nd, p, caplen);
    }
    return hdrlen;
  }
}

function sllIfPrint(nd: Dissector, at: number, length: number): void {
  nd.protocol = 'sll';
  nd.need(at, SLL_HDR_LEN);
  if (nd.linkHeader) sllHeader(nd, at, length);
  const p = at + SLL_HDR_LEN;
  nd.llHdrLen += SLL_HDR_LEN;
  if (nd.u16(at + 2) === ARPHRD_IEEE80211_RADIOTAP) {
    radiotap(nd, p, length - SLL_HDR_LEN);
    return;
  }
  const type = nd.u16(at + 14);
  nd.llHdrLen += cookedPayload(nd, p, length - SLL_HDR_LEN, type, () => sllHeader(nd, at, length));
}

function sll2IfPrint(nd: Dissector, at: number, length: number): void {
  nd.protocol = 'sll2';
  nd.need(at, SLL2_HDR_LEN);
  const index = nd.u32(at + 4);
  nd.print(pad(nd.ifName(index) ?? '?', 5) + ' ');
  nd.print(pad(tok2str(pktTypes, '?', nd.u8(at + 10)), 3) + ' ');
  if (nd.linkHeader) sll2Header(nd, at, length);
  const p = at + SLL2_HDR_LEN;
  nd.llHdrLen += SLL2_HDR_LEN;
  if (nd.u16(at + 8) === ARPHRD_IEEE80211_RADIOTAP) {
    radiotap(nd, p, length - SLL2_HDR_LEN);
    return;
  }
  const type = nd.u16(at);
  nd.llHdrLen += cookedPayload(nd, p, length - SLL2_HDR_LEN, type, () => sll2Header(nd, at, length));
}

/** 802.11 with a radiotap header inside a cooked capture: the radiotap link printer, if one is registered. */
function radiotap(nd: Dissector, p: number, length: number): void {
  const print = linkTypes.printer(127);
  nd.classify(Depth.LINK, linkTypes.family(127) ?? 'ieee802_11_radio');
  if (print) print(nd, p, length);
  else defaultPrint(nd, p, nd.avail(p));
}

linkTypes.register(113, 'sll', sllIfPrint);
linkTypes.register(276, 'sll2', sll2IfPrint);
