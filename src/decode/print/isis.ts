import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { hex, hex2, tok, tok2str } from '../text.js';
import { LSP_ID_LEN, NODE_ID_LEN, SYSTEM_ID_LEN, isisId } from './isis-parts.js';
import { osiPrintCksum } from './osi-common.js';
import { TLV_FAIL, TLV_STOP, TLV_TRUNC, tlvPrint } from './isis-tlvs.js';

/** IS-IS (ISO 10589, RFC 1195 and the TE, MT, SR extensions) (tcpdump's print-isoclns.c, isis_print). */

const pduValues = tok({
  15: 'L1 Lan IIH',
  16: 'L2 Lan IIH',
  17: 'p2p IIH',
  18: 'L1 LSP',
  20: 'L2 LSP',
  24: 'L1 CSNP',
  25: 'L2 CSNP',
  26: 'L1 PSNP',
  27: 'L2 PSNP',
});
const tlvValues = tok({
  1: 'Area address(es)',
  2: 'IS Reachability',
  3: 'ES Neighbor(s)',
  4: 'Partition DIS',
  5: 'Prefix Neighbors',
  6: 'IS Neighbor(s)',
  7: 'Instance Identifier',
  8: 'Padding',
  9: 'LSP entries',
  10: 'Authentication',
  12: 'Checksum',
  13: 'Purge Originator Identifier',
  14: 'LSP Buffersize',
  22: 'Extended IS Reachability',
  24: 'IS Alias ID',
  42: 'DECnet Phase IV',
  66: 'Lucent Proprietary',
  128: 'IPv4 Internal Reachability',
  129: 'Protocols supported',
  130: 'IPv4 External Reachability',
  131: 'Inter-Domain Information Type',
  132: 'IPv4 Interface address(es)',
  133: 'IPv4 authentication (deprecated)',
  134: 'Traffic Engineering Router ID',
  135: 'Extended IPv4 Reachability',
  138: 'Shared Risk Link Group',
  143: 'Multi-Topology-Aware Port Capability',
  144: 'Multi-Topology Capability',
  176: 'Nortel Proprietary',
  177: 'Nortel Proprietary',
  137: 'Hostname',
  211: 'Restart Signaling',
  222: 'Multi Topology IS Reachability',
  229: 'Multi Topology',
  232: 'IPv6 Interface address(es)',
  235: 'Multi-Topology IPv4 Reachability',
  236: 'IPv6 reachability',
  237: 'Multi-Topology IP6 Reachability',
  240: 'Point-to-point Adjacency State',
  241: 'Hello PDU Sequence Number',
  242: 'IS-IS Router Capability',
  250: 'Vendor Private',
});
const circuitTypes = tok({ 1: 'Level 1 only', 2: 'Level 2 only', 3: 'Level 1, Level 2' });
const lspIsTypes = tok({ 0: 'Unused 0x0 (invalid)', 1: 'L1 IS', 2: 'Unused 0x2 (invalid)', 3: 'L2 IS' });

const COMMON = 8;
const IIH_LAN = 19;
const IIH_PTP = 12;
const LSP = 19;
const CSNP = 25;
const PSNP = 9;

/** The PDU header after the common one, by type; returns where the TLVs start, or -1 when printing is over (result in done). */
function pduHeader(nd: Dissector, p: number, length: number, type: number, fixedLen: number, st: { length: number; packetLen: number; ret: boolean }): number {
  const h = p + COMMON;
  const bogus = (want: number, sep = ', ') => {
    nd.print(sep + 'bogus fixed header length ' + fixedLen + ' should be ' + want);
    st.ret = false;
    return -1;
  };
  const trunc = () => {
    nd.printTrunc();
    st.ret = true;
    return -1;
  };
  const done = (text: string) => {
    nd.print(text + ', length ' + length);
    st.ret = true;
    return -1;
  };
  const clip = (pduLen: number) => {
    if (st.packetLen > pduLen) {
      st.packetLen = pduLen;
      st.length = pduLen;
    }
  };
  const rest = (size: number) => {
    if (nd.verbose > 1 && !printUnknownData(nd, h, '\n\t  ', size)) {
      st.ret = false;
      return -1;
    }
    if (st.packetLen < COMMON + size) {
      nd.print(' [packet length ' + st.packetLen + ' < ' + (COMMON + size) + ']');
      nd.printInvalid();
      st.ret = true;
      return -1;
    }
    st.packetLen -= COMMON + size;
    return p + COMMON + size;
  };
  switch (type) {
    case 15:
    case 16: {
      if (fixedLen !== COMMON + IIH_LAN) return bogus(COMMON + IIH_LAN);
      nd.need(h, IIH_LAN);
      if (length < COMMON + IIH_LAN) return trunc();
      if (nd.verbose === 0) {
        nd.print(', src-id ' + isisId(nd, h + 1, SYSTEM_ID_LEN));
        return done(', lan-id ' + isisId(nd, h + 12, NODE_ID_LEN) + ', prio ' + nd.u8(h + 11));
      }
      const pduLen = nd.u16(h + 9);
      clip(pduLen);
      nd.printBreak(
        '\n\t  source-id: ' + isisId(nd, h + 1, SYSTEM_ID_LEN) + ',  holding time: ' + nd.u16(h + 7) + 's, Flags: [' + tok2str(circuitTypes, 'unknown circuit type 0x%02x', nd.u8(h)) + ']',
      );
      nd.printBreak('\n\t  lan-id:    ' + isisId(nd, h + 12, NODE_ID_LEN) + ', Priority: ' + (nd.u8(h + 11) & 0x7f) + ', PDU length: ' + pduLen);
      return rest(IIH_LAN);
    }
    case 17: {
      if (fixedLen !== COMMON + IIH_PTP) return bogus(COMMON + IIH_PTP);
      nd.need(h, IIH_PTP);
      if (length < COMMON + IIH_PTP) return trunc();
      if (nd.verbose === 0) return done(', src-id ' + isisId(nd, h + 1, SYSTEM_ID_LEN));
      const pduLen = nd.u16(h + 9);
      clip(pduLen);
      nd.printBreak(
        '\n\t  source-id: ' + isisId(nd, h + 1, SYSTEM_ID_LEN) + ', holding time: ' + nd.u16(h + 7) + 's, Flags: [' + tok2str(circuitTypes, 'unknown circuit type 0x%02x', nd.u8(h)) + ']',
      );
      nd.printBreak('\n\t  circuit-id: 0x' + hex2(nd.u8(h + 11)) + ', PDU length: ' + pduLen);
      return rest(IIH_PTP);
    }
    case 18:
    case 20: {
      if (fixedLen !== COMMON + LSP) return bogus(LSP);
      nd.need(h, LSP);
      if (length < COMMON + LSP) return trunc();
      const lifetime = String(nd.u16(h + 2)).padStart(5);
      if (nd.verbose === 0) return done(', lsp-id ' + isisId(nd, h + 4, LSP_ID_LEN) + ', seq 0x' + hex(nd.u32(h + 12), 8) + ', lifetime ' + lifetime + 's');
      const pduLen = nd.u16(h);
      clip(pduLen);
      const cksum = nd.u16(h + 16);
      nd.printBreak('\n\t  lsp-id: ' + isisId(nd, h + 4, LSP_ID_LEN) + ', seq: 0x' + hex(nd.u32(h + 12), 8) + ', lifetime: ' + lifetime + 's');
      nd.printBreak('\n\t  chksum: 0x' + hex(cksum, 4));
      osiPrintCksum(nd, h + 4, cksum, 12, st.length - 12);
      const tb = nd.u8(h + 18);
      let s = ', PDU length: ' + pduLen + ', Flags: [ ' + (tb & 4 ? 'Overload bit set, ' : '');
      if (tb & 0x78) s += (tb & 8 ? 'default ' : '') + (tb & 0x10 ? 'delay ' : '') + (tb & 0x20 ? 'expense ' : '') + (tb & 0x40 ? 'error ' : '') + 'ATT bit set, ';
      s += (tb & 0x80 ? 'P bit set, ' : '') + tok2str(lspIsTypes, 'Unknown(0x%x)', tb & 3) + ' ]';
      nd.print(s);
      return rest(LSP);
    }
    case 24:
    case 25: {
      if (fixedLen !== COMMON + CSNP) return bogus(COMMON + CSNP);
      nd.need(h, CSNP);
      if (length < COMMON + CSNP) return trunc();
      if (nd.verbose === 0) return done(', src-id ' + isisId(nd, h + 2, NODE_ID_LEN));
      const pduLen = nd.u16(h);
      clip(pduLen);
      nd.printBreak('\n\t  source-id:    ' + isisId(nd, h + 2, NODE_ID_LEN) + ', PDU length: ' + pduLen);
      nd.printBreak('\n\t  start lsp-id: ' + isisId(nd, h + 9, LSP_ID_LEN));
      nd.printBreak('\n\t  end lsp-id:   ' + isisId(nd, h + 17, LSP_ID_LEN));
      return rest(CSNP);
    }
    case 26:
    case 27: {
      if (fixedLen !== COMMON + PSNP) return bogus(COMMON + PSNP, '- ');
      nd.need(h, PSNP);
      if (length < COMMON + PSNP) return trunc();
      if (nd.verbose === 0) return done(', src-id ' + isisId(nd, h + 2, NODE_ID_LEN));
      const pduLen = nd.u16(h);
      clip(pduLen);
      nd.printBreak('\n\t  source-id:    ' + isisId(nd, h + 2, NODE_ID_LEN) + ', PDU length: ' + pduLen);
      return rest(PSNP);
    }
    default:
      if (nd.verbose === 0) return done('');
      printUnknownData(nd, h, '\n\t  ', length);
      st.ret = false;
      return -1;
  }
}

/** isis_print: false when the packet is not printable IS-IS (the caller dumps it). */
export function isisPrint(nd: Dissector, p: number, length: number): boolean {
  nd.protocol = 'isis';
  nd.need(p, COMMON);
  if (length < COMMON) {
    nd.printTrunc();
    return true;
  }
  if (!nd.linkHeader) nd.print('IS-IS');
  const version = nd.u8(p + 2);
  if (version !== 1) {
    nd.print('version ' + version + ' packet not supported');
    return false;
  }
  const pduIdLength = nd.u8(p + 3);
  if (pduIdLength !== 6 && pduIdLength !== 0) {
    nd.print('system ID length of ' + pduIdLength + ' is not supported');
    return false;
  }
  const pduVersion = nd.u8(p + 5);
  if (pduVersion !== 1) {
    nd.print('version ' + pduVersion + ' packet not supported');
    return false;
  }
  const fixedLen = nd.u8(p + 1);
  if (length < fixedLen) {
    nd.print('fixed header length ' + fixedLen + ' > packet length ' + length);
    return false;
  }
  if (fixedLen < COMMON) {
    nd.print('fixed header length ' + fixedLen + ' < minimum header size ' + COMMON);
    return false;
  }
  const pduMaxArea = nd.u8(p + 7);
  if (pduMaxArea === 255) {
    nd.print('bad packet -- 255 areas');
    return false;
  }
  const maxArea = pduMaxArea === 0 ? 3 : pduMaxArea;
  const idLength = pduIdLength === 0 ? 6 : pduIdLength;
  const type = nd.u8(p + 4);
  const sep = nd.linkHeader ? '' : ', ';
  if (nd.verbose === 0) nd.print(sep + tok2str(pduValues, 'unknown PDU-Type %u', type));
  else {
    nd.print(sep + 'length ' + length);
    nd.printBreak(
      '\n\t' +
        tok2str(pduValues, 'unknown, type %u', type) +
        ', hlen: ' +
        fixedLen +
        ', v: ' +
        version +
        ', pdu-v: ' +
        pduVersion +
        ', sys-id-len: ' +
        idLength +
        ' (' +
        pduIdLength +
        '), max-area: ' +
        maxArea +
        ' (' +
        pduMaxArea +
        ')',
    );
    if (nd.verbose > 1 && !printUnknownData(nd, p, '\n\t', 8)) return false;
  }
  const st = { length, packetLen: length, ret: true };
  let pp = pduHeader(nd, p, length, type, fixedLen, st);
  if (pp < 0) return st.ret;
  let packetLen = st.packetLen;
  length = st.length;
  while (packetLen > 0) {
    nd.need(pp, 2);
    if (packetLen < 2) {
      nd.printTrunc();
      return true;
    }
    const tlvType = nd.u8(pp);
    const tlvLen = nd.u8(pp + 2 - 1);
    pp += 2;
    packetLen -= 2;
    nd.printBreak('\n\t    ' + tok2str(tlvValues, 'unknown', tlvType) + ' TLV #' + tlvType + ', length: ' + tlvLen);
    if (packetLen < tlvLen) {
      nd.printTrunc();
      return true;
    }
    const r = tlvPrint(nd, p, length, pp, tlvType, tlvLen);
    if (r === TLV_TRUNC) {
      nd.printTrunc();
      return true;
    }
    if (r === TLV_STOP) return true;
    if (r === TLV_FAIL) return false;
    if (nd.verbose > 1 && !printUnknownData(nd, pp, '\n\t      ', tlvLen)) return false;
    pp += tlvLen;
    packetLen -= tlvLen;
  }
  if (packetLen !== 0) nd.printBreak('\n\t      ' + packetLen + ' straggler bytes');
  return true;
}
