import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { bittok2str, hex, hex2, tok, tok2str } from '../text.js';
import { nlpidValues } from './fr.js';
import {
  LSP_ID_LEN,
  NODE_ID_LEN,
  SYSTEM_ID_LEN,
  extIsReach,
  extdIpReach,
  isisId,
  metricBlock,
  mtCapabilitySubtlv,
  mtPortCapSubtlv,
  mtid,
  routerCapSubtlv,
  tlvIpReach,
} from './isis-parts.js';
import { ouiValues } from './llc.js';
import { isonsapText, osiPrintCksum } from './osi-common.js';
import { printjnp } from './strings.js';

/** The TLVs of IS-IS PDUs (tcpdump's print-isoclns.c, isis_print's TLV loop). */

const ptpAdjStates = tok({ 0: 'Up', 1: 'Initializing', 2: 'Down' });
const isReachVirtual = tok({ 0: 'IsNotVirtual', 1: 'IsVirtual' });
const restartFlags = tok({ 1: 'Restart Request', 2: 'Restart Acknowledgement', 4: 'Suppress adjacency advertisement' });
const authTypes = tok({ 1: 'simple text password', 3: 'Generic Crypto key-id', 54: 'HMAC-MD5 password', 255: 'Routing Domain private password' });
const idrpTypes = tok({ 0: 'Reserved', 1: 'Routing-Domain Specific', 2: 'AS Number Tag' });
const routerCapFlags = tok({ 1: 'S bit', 2: 'D bit' });

export const TLV_OK = 0;
/** tcpdump's goto trunc: " [|isis]" and the packet is done. */
export const TLV_TRUNC = 1;
/** return (1) in the middle of the TLVs. */
export const TLV_STOP = 2;
/** return (0): the caller dumps the packet. */
export const TLV_FAIL = 3;

/** The entries of an MT/extended reachability TLV, each printed by entry(); a TLV result. */
function entries(nd: Dissector, t: number, tlen: number, entry: (at: number, left: number) => number): number {
  while (tlen !== 0) {
    const n = entry(t, tlen);
    if (n === 0) return TLV_TRUNC;
    if (tlen < n) {
      nd.print(' [remaining tlv length ' + tlen + ' < ' + n + ']');
      nd.printInvalid();
      break;
    }
    // uint8_t arithmetic in tcpdump.
    tlen = (tlen - (n & 0xff)) & 0xff;
    t += n & 0xff;
  }
  return TLV_OK;
}

export function tlvPrint(nd: Dissector, optr: number, length: number, pp: number, type: number, tlvLen: number): number {
  let t = pp;
  let tlen = tlvLen;
  const ident = '\n\t      ';
  switch (type) {
    case 1:
      while (tlen !== 0) {
        const alen = nd.u8(t++);
        tlen--;
        if (tlen < alen) return TLV_OK;
        nd.printBreak('\n\t      Area address (length: ' + alen + '): ' + isonsapText(nd, t, alen));
        t += alen;
        tlen -= alen;
      }
      return TLV_OK;
    case 6:
      while (tlen !== 0) {
        if (tlen < 6) return TLV_OK;
        nd.need(t, 6);
        nd.printBreak('\n\t      SNPA: ' + isisId(nd, t, 6));
        tlen -= 6;
        t += 6;
      }
      return TLV_OK;
    case 7: {
      if (tlen < 4) return TLV_OK;
      const n = (tlen - 2) >> 1;
      nd.printBreak('\n\t      Instance ID: ' + nd.u16(t) + ', ITIDs(' + n + ')' + (n ? ':' : '') + ' ');
      t += 2;
      for (let i = 0; i < n; i++, t += 2) nd.print(nd.u16(t) + (i < n - 1 ? ', ' : ''));
      return TLV_OK;
    }
    case 8:
      return TLV_OK;
    case 222: {
      const m = mtid(nd, t, ident, tlen);
      if (m === 0) return TLV_TRUNC;
      return entries(nd, t + m, tlen - m, (at, left) => extIsReach(nd, at, ident, type, left));
    }
    case 24:
    case 22:
      return entries(nd, t, tlen, (at, left) => extIsReach(nd, at, ident, type, left));
    case 2:
      if (tlen < 1) return TLV_OK;
      nd.printBreak('\n\t      ' + tok2str(isReachVirtual, 'bogus virtual flag 0x%02x', nd.u8(t)));
      t++;
      tlen--;
      while (tlen !== 0) {
        if (tlen < 11) return TLV_OK;
        if (!nd.has(t, 11)) return TLV_TRUNC;
        nd.printBreak('\n\t      IS Neighbor: ' + isisId(nd, t + 4, NODE_ID_LEN));
        metricBlock(nd, t);
        tlen -= 11;
        t += 11;
      }
      return TLV_OK;
    case 3:
      while (tlen !== 0) {
        if (tlen < 10) return TLV_OK;
        if (!nd.has(t, 10)) return TLV_TRUNC;
        nd.printBreak('\n\t      ES Neighbor: ' + isisId(nd, t + 4, SYSTEM_ID_LEN));
        metricBlock(nd, t);
        tlen -= 10;
        t += 10;
      }
      return TLV_OK;
    case 128:
    case 130:
      return tlvIpReach(nd, pp, ident, tlvLen) ? TLV_OK : TLV_STOP;
    case 135:
      return entries(nd, t, tlen, (at) => extdIpReach(nd, at, ident, false));
    case 235:
    case 237: {
      const m = mtid(nd, t, ident, tlen);
      if (m === 0) return TLV_TRUNC;
      return entries(nd, t + m, tlen - m, (at) => extdIpReach(nd, at, ident, type === 237));
    }
    case 236:
      return entries(nd, t, tlen, (at) => extdIpReach(nd, at, ident, true));
    case 232:
      for (; tlen !== 0; t += 16, tlen -= 16) {
        if (tlen < 16) return TLV_OK;
        nd.printBreak('\n\t      IPv6 interface address: ' + nd.ipv6(t));
      }
      return TLV_OK;
    case 10:
      return authTlv(nd, t, tlen);
    case 240:
      if (tlen >= 1) {
        const s = nd.u8(t);
        nd.printBreak('\n\t      Adjacency State: ' + tok2str(ptpAdjStates, 'unknown', s) + ' (' + s + ')');
        tlen--;
      }
      if (tlen > 4) {
        nd.printBreak('\n\t      Extended Local circuit-ID: 0x' + hex(nd.u32(t + 1), 8));
        tlen -= 4;
      }
      if (tlen >= 6) {
        nd.need(t + 5, 6);
        nd.printBreak('\n\t      Neighbor System-ID: ' + isisId(nd, t + 5, SYSTEM_ID_LEN));
        tlen -= 6;
      }
      if (tlen >= 4) nd.printBreak('\n\t      Neighbor Extended Local circuit-ID: 0x' + hex(nd.u32(t + 11), 8));
      return TLV_OK;
    case 129:
      nd.printBreak('\n\t      NLPID(s): ');
      for (; tlen !== 0; t++, tlen--) {
        const v = nd.u8(t);
        nd.print(tok2str(nlpidValues, 'unknown', v) + ' (0x' + hex2(v) + ')' + (tlen > 1 ? ', ' : ''));
      }
      return TLV_OK;
    case 143:
      if (tlen < 2) return TLV_OK;
      nd.printBreak('\n\t       RES: ' + (nd.u16(t) >> 12) + ', MTID(s): ' + (nd.u16(t) & 0x0fff));
      if (tlen > 2) mtPortCapSubtlv(nd, t + 2, tlen - 2);
      return TLV_OK;
    case 144: {
      if (tlen < 2) return TLV_OK;
      const v = nd.u16(t);
      nd.printBreak('\n\t      O: ' + ((v >> 15) & 1) + ', RES: ' + ((v >> 12) & 7) + ', MTID(s): ' + (v & 0x0fff));
      if (tlen > 2) mtCapabilitySubtlv(nd, t + 2, tlen - 2);
      return TLV_OK;
    }
    case 134:
      if (tlen < 4) return TLV_OK;
      nd.printBreak('\n\t      Traffic Engineering Router ID: ' + nd.ipv4(pp));
      return TLV_OK;
    case 132:
      for (; tlen !== 0; t += 4, tlen -= 4) {
        if (tlen < 4) return TLV_OK;
        nd.printBreak('\n\t      IPv4 interface address: ' + nd.ipv4(t));
      }
      return TLV_OK;
    case 137:
      nd.printBreak('\n\t      Hostname: ');
      printjnp(nd, t, tlen);
      return TLV_OK;
    case 138:
      return srlgTlv(nd, t, tlen);
    case 9:
      for (; tlen !== 0; t += 16, tlen -= 16) {
        if (tlen < 16) return TLV_OK;
        nd.need(t + 2 + LSP_ID_LEN - 1, 1);
        nd.printBreak('\n\t      lsp-id: ' + isisId(nd, t + 2, LSP_ID_LEN));
        nd.print(', seq: 0x' + hex(nd.u32(t + 10), 8));
        nd.print(', lifetime: ' + String(nd.u16(t)).padStart(5) + 's');
        nd.print(', chksum: 0x' + hex(nd.u16(t + 14), 4));
      }
      return TLV_OK;
    case 12: {
      if (tlen < 2) return TLV_OK;
      nd.need(t, 2);
      const c = nd.u16(t);
      nd.printBreak('\n\t      checksum: 0x' + hex(c, 4) + ' ');
      osiPrintCksum(nd, optr, c, t - optr, length);
      return TLV_OK;
    }
    case 13: {
      if (tlen < 1) return TLV_OK;
      const n = nd.u8(t++);
      tlen--;
      if (n === 0) {
        nd.print(' No system IDs supplied');
        return TLV_OK;
      }
      if (tlen < 6) return TLV_OK;
      nd.need(t, 6);
      nd.printBreak('\n\t      Purge Originator System-ID: ' + isisId(nd, t, SYSTEM_ID_LEN));
      t += 6;
      tlen -= 6;
      if (n > 1) {
        if (tlen < 6) return TLV_OK;
        nd.need(t, 13);
        nd.printBreak('\n\t      Received from System-ID: ' + isisId(nd, t, SYSTEM_ID_LEN));
      }
      return TLV_OK;
    }
    case 229:
      while (tlen !== 0) {
        if (tlen === 1) {
          nd.printBreak('\n\t      invalid MT-ID');
          break;
        }
        const m = mtid(nd, t, ident, tlen);
        if (m === 0) return TLV_TRUNC;
        t += m;
        tlen -= m;
      }
      return TLV_OK;
    case 211:
      if (tlen < 1) return TLV_OK;
      nd.need(t, 1);
      nd.printBreak('\n\t      Flags [' + bittok2str(restartFlags, 'none', nd.u8(t)) + ']');
      t++;
      tlen--;
      if (tlen === 0 || tlen < 2) return TLV_OK;
      nd.need(t, 2);
      nd.print(', Remaining holding time ' + nd.u16(t) + 's');
      t += 2;
      tlen -= 2;
      if (tlen === SYSTEM_ID_LEN) {
        nd.need(t, 6);
        nd.print(', for ' + isisId(nd, t, SYSTEM_ID_LEN));
      }
      return TLV_OK;
    case 131: {
      if (tlen < 1) return TLV_OK;
      const idrp = nd.u8(t);
      nd.printBreak('\n\t      Inter-Domain Information Type: ' + tok2str(idrpTypes, 'Unknown (0x%02x)', idrp));
      t++;
      tlen--;
      if (idrp === 2) {
        if (tlen < 2) return TLV_OK;
        nd.print('AS Number: ' + nd.u16(t));
      } else if (!printUnknownData(nd, t, '\n\t      ', tlen)) return TLV_FAIL;
      return TLV_OK;
    }
    case 14:
      if (tlen >= 2) nd.printBreak('\n\t      LSP Buffersize: ' + nd.u16(t));
      return TLV_OK;
    case 4:
      for (; tlen !== 0; t += 6, tlen -= 6) {
        if (tlen < 6) return TLV_OK;
        nd.need(t, 6);
        nd.printBreak('\n\t      ' + isisId(nd, t, SYSTEM_ID_LEN));
      }
      return TLV_OK;
    case 5:
      if (tlen < 4) return TLV_OK;
      nd.need(t, 4);
      nd.printBreak('\n\t      Metric Block');
      metricBlock(nd, t);
      t += 4;
      tlen -= 4;
      while (tlen !== 0) {
        const plen = nd.u8(t++);
        tlen--;
        if (plen < 2) {
          nd.printBreak('\n\t\tAddress: prefix length ' + plen + ' < 2');
          break;
        }
        if (tlen < plen >> 1) break;
        nd.printBreak('\n\t\tAddress: ' + isonsapText(nd, t, plen >> 1) + '/' + plen * 4);
        t += plen >> 1;
        tlen -= plen >> 1;
      }
      return TLV_OK;
    case 241:
      if (tlen >= 4) nd.printBreak('\n\t      Sequence number: ' + nd.u32(t));
      return TLV_OK;
    case 242:
      if (tlen < 5) {
        nd.print(' [object length ' + tlen + ' < 5]');
        nd.printInvalid();
        return TLV_OK;
      }
      nd.printBreak('\n\t      Router-ID ' + nd.ipv4(t));
      nd.print(', Flags [' + bittok2str(routerCapFlags, 'none', nd.u8(t + 4)) + ']');
      if (tlen > 5) routerCapSubtlv(nd, t + 5, tlen - 5);
      return TLV_OK;
    case 250: {
      if (tlen < 3) return TLV_OK;
      const vendor = nd.u24(t);
      nd.printBreak('\n\t      Vendor: ' + tok2str(ouiValues, 'Unknown', vendor) + ' (' + vendor + ')');
      if (tlen > 3 && !printUnknownData(nd, t + 3, '\n\t\t', tlen - 3)) return TLV_FAIL;
      return TLV_OK;
    }
    default:
      if (nd.verbose <= 1 && !printUnknownData(nd, pp, '\n\t\t', tlvLen)) return TLV_FAIL;
      return TLV_OK;
  }
}

function authTlv(nd: Dissector, t: number, tlen: number): number {
  if (tlen < 1) return TLV_OK;
  const type = nd.u8(t++);
  tlen--;
  nd.printBreak('\n\t      ' + tok2str(authTypes, 'unknown Authentication type 0x%02x', type) + ': ');
  if (type === 1) printjnp(nd, t, tlen);
  else if (type === 54) {
    for (let i = 0; i < tlen; i++) nd.print(hex2(nd.u8(t + i)));
    if (tlen !== 16) nd.print(', (invalid subTLV) ');
    // No key to check the HMAC with (tcpdump's -M): it says so.
    nd.print(' (unchecked)');
  } else if (type === 3) {
    if (tlen < 2) return TLV_OK;
    nd.print(nd.u16(t) + ', password: ');
    for (let i = 2; i < tlen; i++) nd.print(hex2(nd.u8(t + i)));
  } else if (!printUnknownData(nd, t, '\n\t\t  ', tlen)) return TLV_FAIL;
  return TLV_OK;
}

function srlgTlv(nd: Dissector, t: number, tlen: number): number {
  if (tlen < NODE_ID_LEN) return TLV_OK;
  nd.need(t, NODE_ID_LEN);
  nd.printBreak('\n\t      IS Neighbor: ' + isisId(nd, t, NODE_ID_LEN));
  t += NODE_ID_LEN;
  tlen -= NODE_ID_LEN;
  if (tlen < 1) return TLV_OK;
  nd.print(', Flags: [' + (nd.u8(t) & 1 ? 'numbered' : 'unnumbered') + ']');
  t++;
  tlen--;
  if (tlen < 4) return TLV_OK;
  nd.printBreak('\n\t      IPv4 interface address: ' + nd.ipv4(t));
  t += 4;
  tlen -= 4;
  if (tlen < 4) return TLV_OK;
  nd.printBreak('\n\t      IPv4 neighbor address: ' + nd.ipv4(t));
  t += 4;
  tlen -= 4;
  for (; tlen !== 0; t += 4, tlen -= 4) {
    if (tlen < 4) return TLV_OK;
    nd.printBreak('\n\t      Link-ID: 0x' + hex(nd.u32(t), 8));
  }
  return TLV_OK;
}
