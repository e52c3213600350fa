import { Depth, type Dissector } from '../dissector.js';
import { linkTypes } from '../registry.js';
import { hex } from '../text.js';
import { EtherType, etherTypeText, ethertypePrint } from './ethertype.js';
import { OUI, llcPrint, snapPids } from './llc.js';
import { defaultPrint } from '../hex.js';
import { aristaEthertypePrint } from './arista.js';
import { macsecFrame, macsecPrint } from './macsec.js';

/** Ethernet II / 802.3, 802.1Q and QinQ tags, and the ethertype dispatch (tcpdump's print-ether.c). */

function isVlan(type: number): boolean {
  return type === 0x8100 || type === 0x9100 || type === 0x9200 || type === 0x88a8;
}


/**
 * An Ethernet frame at `at` of `length` bytes on the wire (tcpdump's ether_print):
 * also used for frames inside tunnels (VXLAN, GRE's TEB...). Returns the bytes of
 * link header consumed.
 */
export function etherPrint(nd: Dissector, at: number, length: number): number {
  nd.protocol = 'ether';
  return etherCommonPrint(nd, at, length, null, 0);
}

/** A switch chip's tag between the source address and the type (DSA, Broadcom): printed before the rest. */
export type SwitchTagPrinter = (nd: Dissector, at: number) => void;

/** ether_switch_tag_print: an Ethernet frame with tagLen bytes of switch tag after its addresses. */
export function etherSwitchTagPrint(nd: Dissector, at: number, length: number, printTag: SwitchTagPrinter, tagLen: number): number {
  return etherCommonPrint(nd, at, length, printTag, tagLen);
}

function etherCommonPrint(nd: Dissector, at: number, length: number, printTag: SwitchTagPrinter | null, tagLen: number): number {
  let caplen = nd.avail(at);
  if (length < caplen) {
    nd.print('[length ' + length + ' < caplen ' + caplen + ']');
    nd.printInvalid();
    return length;
  }
  if (caplen < 14 + tagLen) {
    nd.printTrunc();
    return caplen;
  }
  const origLength = length;
  const src = at + 6;
  const dst = at;
  nd.linkSrcAt = src;
  nd.linkDstAt = dst;
  if (nd.linkHeader) nd.print(nd.mac(src) + ' > ' + nd.mac(dst) + ', ');
  let p = at + 12;
  length -= 12;
  caplen -= 12;
  let hdrlen = 12;
  if (printTag !== null) printTag(nd, p);
  p += tagLen;
  length -= tagLen;
  caplen -= tagLen;
  hdrlen += tagLen;

  for (;;) {
    let type = nd.u16(p);
    p += 2;
    length -= 2;
    caplen -= 2;
    hdrlen += 2;
    let printedLength = false;

    if (type === EtherType.MACSEC) {
      if (nd.linkHeader) {
        nd.print(etherTypeText(type) + ', length ' + origLength + ': ');
        printedLength = true;
      }
      nd.classify(Depth.NET, 'macsec');
      const f = macsecFrame;
      f.p = p;
      f.length = length;
      f.caplen = caplen;
      f.hdrlen = hdrlen;
      const ret = macsecPrint(nd, src, dst);
      p = f.p;
      length = f.length;
      caplen = f.caplen;
      hdrlen = f.hdrlen;
      if (ret === 0) {
        defaultPrint(nd, p, caplen);
        return hdrlen;
      }
      if (ret > 0) return ret;
      type = nd.u16(p);
      if (caplen < 2) return hdrlen;
      p += 2;
      length -= 2;
      caplen -= 2;
      hdrlen += 2;
    }

    while (isVlan(type)) {
      if (caplen < 4 || length < 4) {
        nd.protocol = 'vlan';
        nd.printTrunc();
        return hdrlen + (caplen < 4 ? caplen : length);
      }
      if (nd.linkHeader) {
        const tci = nd.u16(p);
        nd.print(etherTypeText(type));
        if (!printedLength) {
          nd.print(', length ' + origLength + ': ');
          printedLength = true;
        } else nd.print(', ');
        nd.print(vlanTciText(tci) + ', ');
      }
      type = nd.u16(p + 2);
      p += 4;
      length -= 4;
      caplen -= 4;
      hdrlen += 4;
    }

    if (type <= 1500) {
      // A length field: what follows is an LLC header, and bytes past the length are padding.
      if (type < length) {
        length = type;
        if (caplen > length) caplen = length;
      }
      nd.pushEnd(p, length);
      if (nd.linkHeader) {
        nd.print('802.3');
        if (!printedLength) nd.print(', length ' + length + ': ');
      }
      nd.classify(Depth.LINK, 'llc');
      let llcLen = llcPrint(nd, p, length, caplen);
      if (llcLen < 0) {
        defaultPrint(nd, p, caplen);
        llcLen = -llcLen;
      }
      nd.popEnd();
      return hdrlen + llcLen;
    }
    if (type === EtherType.JUMBO) {
      nd.classify(Depth.LINK, 'llc');
      let llcLen = llcPrint(nd, p, length, caplen);
      if (llcLen < 0) {
        defaultPrint(nd, p, caplen);
        llcLen = -llcLen;
      }
      return hdrlen + llcLen;
    }
    if (type === EtherType.ARISTA) {
      nd.classify(Depth.LINK, 'arista');
      if (caplen < 2 || length < 2) {
        nd.print('[|arista]');
        return hdrlen + (caplen < 2 ? caplen : length);
      }
      // tcpdump prints the type here with or without -e.
      nd.print(etherTypeText(type) + ', length ' + origLength + ': ');
      const consumed = aristaEthertypePrint(nd, p);
      if (consumed > 0) {
        p += consumed;
        length -= consumed;
        caplen -= consumed;
        hdrlen += consumed;
        continue;
      }
      if (!nd.linkHeader) nd.print(nd.mac(src) + ' > ' + nd.mac(dst) + ', ' + etherTypeText(type) + ', length ' + origLength + ': ');
      defaultPrint(nd, p, caplen);
      return hdrlen;
    }
    if (nd.linkHeader) {
      nd.print(etherTypeText(type));
      nd.print(!printedLength ? ', length ' + origLength + ': ' : ', ');
    }
    if (!ethertypePrint(nd, type, p, length)) {
      nd.classify(Depth.NET, 'ethertype:0x' + hex(type, 4));
      if (!nd.linkHeader) {
        // Without -e the frame still says who sent it, to whom, and what it is.
        nd.print(nd.mac(src) + ' > ' + nd.mac(dst) + ', ' + etherTypeText(type) + ', length ' + origLength + ': ');
      }
      defaultPrint(nd, p, caplen);
    }
    return hdrlen;
  }
}

/** 802.1Q tag control information as ieee8021q_tci_string: "vlan 10, p 3[, DEI]". */
export function vlanTciText(tci: number): string {
  return 'vlan ' + (tci & 0xfff) + ', p ' + (tci >> 13) + (tci & 0x1000 ? ', DEI' : '');
}

function etherIfPrint(nd: Dissector, at: number, length: number): void {
  nd.protocol = 'ether';
  nd.llHdrLen += etherPrint(nd, at, length);
}

linkTypes.register(1, 'ether', etherIfPrint);
// RFC 2684 / RFC 2427 bridged Ethernet, with and without FCS, inside SNAP.
for (const pid of [0x0001, 0x0007]) snapPids.register((OUI.RFC2684 << 16) | pid, 'ether', (nd, at, length) => void etherPrint(nd, at, length));
