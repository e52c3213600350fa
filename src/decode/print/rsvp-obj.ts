import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';
import { AFNUM_INET, AFNUM_INET6, afValues } from './af.js';
import { ethertypeNames } from './ethertype.js';
import { gmplsEncodingValues, gmplsPayloadValues, gmplsSwitchCapValues } from './gmpls.js';
import { float32, gfmt, printLines, toks } from './strings.js';
import { charText } from './tcp.js';

/** The bodies of RSVP objects, class by class (print-rsvp.c's rsvp_obj_print). */

const capabilityFlagValues = toks([
  [0x0004, 'RecoveryPath Transmit Enabled'],
  [0x0002, 'RecoveryPath Desired'],
  [0x0001, 'RecoveryPath Srefresh Capable'],
]);
/** Class-Type names, keyed by 256 * class + c-type. */
export const ctypeValues = (() => {
  const m = new Map<number, string>();
  const add = (cls: number, pairs: [number, string][]) => {
    for (const [c, n] of pairs) if (!m.has(256 * cls + c)) m.set(256 * cls + c, n);
  };
  const labels: [number, string][] = [
    [1, 'Label'],
    [2, 'Generalized Label'],
    [3, 'Waveband Switching'],
  ];
  add(3, [
    [1, 'IPv4'],
    [2, 'IPv6'],
    [3, 'IPv4 plus opt. TLVs'],
    [4, 'IPv6 plus opt. TLVs'],
  ]);
  add(195, [
    [1, 'IPv4'],
    [2, 'IPv6'],
  ]);
  add(15, [
    [1, 'IPv4'],
    [2, 'IPv6'],
  ]);
  add(5, [[1, '1']]);
  add(9, [
    [1, 'obsolete'],
    [2, 'IntServ'],
  ]);
  add(12, [[2, 'IntServ']]);
  add(13, [[2, 'IntServ']]);
  add(10, [
    [1, 'IPv4'],
    [2, 'IPv6'],
    [3, 'IPv6 Flow-label'],
    [7, 'Tunnel IPv4'],
    [12, 'IPv4 P2MP LSP Tunnel'],
    [13, 'IPv6 P2MP LSP Tunnel'],
  ]);
  add(1, [
    [1, 'IPv4'],
    [2, 'IPv6'],
    [7, 'Tunnel IPv4'],
    [11, 'UNI IPv4'],
    [13, 'IPv4 P2MP LSP Tunnel'],
    [14, 'IPv6 P2MP LSP Tunnel'],
  ]);
  add(11, [
    [1, 'IPv4'],
    [2, 'IPv6'],
    [7, 'Tunnel IPv4'],
    [12, 'IPv4 P2MP LSP Tunnel'],
    [13, 'IPv6 P2MP LSP Tunnel'],
  ]);
  add(23, [[1, '1']]);
  add(24, [
    [1, 'Message id ack'],
    [2, 'Message id nack'],
  ]);
  add(25, [[1, '1']]);
  add(8, [[1, '1']]);
  add(22, [
    [1, 'Hello Request'],
    [2, 'Hello Ack'],
  ]);
  add(19, [
    [1, 'without label range'],
    [2, 'with ATM label range'],
    [3, 'with FR label range'],
    [4, 'Generalized Label'],
  ]);
  add(16, labels);
  add(129, labels);
  add(35, labels);
  add(34, labels);
  add(20, [[1, 'IPv4']]);
  add(21, [[1, 'IPv4']]);
  add(6, [
    [1, 'IPv4'],
    [2, 'IPv6'],
    [3, 'IPv4 plus opt. TLVs'],
    [4, 'IPv6 plus opt. TLVs'],
  ]);
  add(131, [[1, 'IPv4']]);
  add(134, [[1, '1']]);
  add(207, [[7, 'Tunnel IPv4']]);
  add(205, [
    [7, 'Tunnel IPv4'],
    [1, '1'],
  ]);
  add(63, [[7, 'Tunnel IPv4']]);
  for (const cls of [204, 196, 66, 125, 36, 229]) add(cls, [[1, '1']]);
  add(50, [
    [1, 'IPv4 sub-LSP'],
    [2, 'IPv6 sub-LSP'],
  ]);
  return m as ReadonlyMap<number, string>;
})();

const integrityFlagValues = tok({ 0x80: 'Handshake' });
const xroValues = tok({ 0: 'Reserved', 1: 'IPv4 prefix', 2: 'IPv6 prefix', 3: 'Label', 32: 'Autonomous system number', 64: 'MPLS label switched path termination' });
const rroFlagValues = tok({ 0x01: 'Local protection available', 0x02: 'Local protection in use', 0x04: 'Bandwidth protection', 0x08: 'Node protection' });
const rroLabelFlagValues = tok({ 0x01: 'Global' });
const resstyleValues = tok({ 17: 'Wildcard Filter', 10: 'Fixed Filter', 18: 'Shared Explicit' });
const intservServiceValues = tok({ 1: 'Default/Global Information', 2: 'Guaranteed Service', 5: 'Controlled Load' });
const intservParameterValues = tok({
  4: 'IS hop cnt',
  6: 'Path b/w estimate',
  8: 'Minimum path latency',
  10: 'Composed MTU',
  127: 'Token Bucket TSpec',
  130: 'Guaranteed Service RSpec',
  133: 'End-to-end composed value for C',
  134: 'End-to-end composed value for D',
  135: 'Since-last-reshaping point composed C',
  136: 'Since-last-reshaping point composed D',
});
const sessionAttributeFlagValues = tok({ 0x01: 'Local Protection', 0x02: 'Label Recording', 0x04: 'SE Style', 0x08: 'Bandwidth protection', 0x10: 'Node protection' });
const propTlvValues = tok({ 0x01: 'Cos', 0x02: 'Metric 1', 0x04: 'Metric 2', 0x08: 'CCC Status', 0x10: 'Path Type' });
const errorCodeValues = tok({ 24: 'Routing Problem', 25: 'Notify Error', 28: 'Diffserv TE Error', 125: 'Diffserv TE Error (Old)' });
const errorRoutingValues = tok({
  1: 'Bad EXPLICIT_ROUTE object',
  2: 'Bad strict node',
  3: 'Bad loose node',
  4: 'Bad initial subobject',
  5: 'No route available toward destination',
  6: 'Unacceptable label value',
  7: 'RRO indicated routing loops',
  8: 'non-RSVP-capable router in the path',
  9: 'MPLS label allocation failure',
  10: 'Unsupported L3PID',
});
const errorDiffservValues = tok({
  1: 'Unexpected CT object',
  2: 'Unsupported CT',
  3: 'Invalid CT value',
  4: 'CT/setup priority do not form a configured TE-Class',
  5: 'CT/holding priority do not form a configured TE-Class',
  6: 'CT/setup priority and CT/holding priority do not form a configured TE-Class',
  7: 'Inconsistency between signaled PSC and signaled CT',
  8: 'Inconsistency between signaled PHBs and signaled CT',
});
const adminStatusFlagValues = toks([
  [0x80000000, 'Reflect'],
  [0x00000004, 'Testing'],
  [0x00000002, 'Admin-down'],
  [0x00000001, 'Delete-in-progress'],
]);
const labelSetActionValues = tok({ 0: 'Inclusive list', 1: 'Exclusive list', 2: 'Inclusive range', 3: 'Exclusive range' });
const genUniValues = tok({ 1: 'Source TNA address', 2: 'Destination TNA address', 3: 'Diversity', 4: 'Egress label', 5: 'Service level' });

/** printf's %#x: 0 stays "0". */
const altHex = (v: number) => (v === 0 ? '0' : '0x' + hex(v));

/** IEEE single at `at` divided in float arithmetic by 125000 (bytes/s to Mbps), as %.10g. */
const mbpsG = (nd: Dissector, at: number) => gfmt(Math.fround(float32(nd.u32(at)) / 125000), 10);

/** One IntServ parameter: its length with header, 0 to stop. */
function intservPrint(nd: Dissector, tptr: number, objTlen: number): number {
  if (objTlen < 4) return 0;
  const id = nd.u8(tptr);
  const plen = nd.u16(tptr + 2) << 2;
  nd.printBreak('\n\t      Parameter ID: ' + tok2str(intservParameterValues, 'unknown', id) + ' (' + id + '), length: ' + plen + ', Flags: [0x' + hex(nd.u8(tptr + 1), 2) + ']');
  if (objTlen < plen + 4) return 0;
  switch (id) {
    case 4:
      if (plen === 4) nd.printBreak('\n\t\tIS hop count: ' + nd.u32(tptr + 4));
      break;
    case 6:
      if (plen === 4) nd.printBreak('\n\t\tPath b/w estimate: ' + mbpsG(nd, tptr + 4) + ' Mbps');
      break;
    case 8:
      if (plen === 4) {
        nd.printBreak('\n\t\tMinimum path latency: ');
        nd.print(nd.u32(tptr + 4) === 0xffffffff ? "don't care" : String(nd.u32(tptr + 4)));
      }
      break;
    case 10:
      if (plen === 4) nd.printBreak('\n\t\tComposed MTU: ' + nd.u32(tptr + 4) + ' bytes');
      break;
    case 127:
      if (plen === 20) {
        if (!nd.has(tptr + 4, 20)) {
          nd.printTrunc();
          return 0;
        }
        nd.printBreak('\n\t\tToken Bucket Rate: ' + mbpsG(nd, tptr + 4) + ' Mbps');
        nd.printBreak('\n\t\tToken Bucket Size: ' + gfmt(float32(nd.u32(tptr + 8)), 10) + ' bytes');
        nd.printBreak('\n\t\tPeak Data Rate: ' + mbpsG(nd, tptr + 12) + ' Mbps');
        nd.printBreak('\n\t\tMinimum Policed Unit: ' + nd.u32(tptr + 16) + ' bytes');
        nd.printBreak('\n\t\tMaximum Packet Size: ' + nd.u32(tptr + 20) + ' bytes');
      }
      break;
    case 130:
      if (plen === 8) {
        if (!nd.has(tptr + 4, 8)) {
          nd.printTrunc();
          return 0;
        }
        nd.printBreak('\n\t\tRate: ' + mbpsG(nd, tptr + 4) + ' Mbps');
        nd.printBreak('\n\t\tSlack Term: ' + nd.u32(tptr + 8));
      }
      break;
    case 133:
    case 134:
    case 135:
    case 136:
      if (plen === 4) nd.printBreak('\n\t\tValue: ' + nd.u32(tptr + 4));
      break;
    default:
      if (nd.verbose <= 1) printUnknownData(nd, tptr + 4, '\n\t\t', plen);
  }
  return plen + 4;
}

export const OK = 0;
export const TOOSHORT = 1;
export const SUB_TOOSHORT = 2;
export const INVALID = 3;
export const STOP = 4;

/** The text of one object's body; OK, or one of tcpdump's exits. hexdump is set for the caller. */
export function objBody(nd: Dissector, cls: number, ctype: number, p: number, tlen: number, ind: string, st: { hexdump: boolean }): number {
  const P = (s: string) => printLines(nd, s);
  const addr4or6 = (what: string) => {
    if (ctype === 1) {
      if (tlen < 4) return TOOSHORT;
      P(ind + '  IPv4 ' + what + ': ' + nd.ipv4(p));
    } else if (ctype === 2) {
      if (tlen < 16) return TOOSHORT;
      P(ind + '  IPv6 ' + what + ': ' + nd.ipv6(p));
    } else st.hexdump = true;
    return OK;
  };
  switch (cls) {
    case 1:
      switch (ctype) {
        case 1:
          if (tlen < 8) return TOOSHORT;
          P(ind + '  IPv4 DestAddress: ' + nd.ipv4(p) + ', Protocol ID: 0x' + hex(nd.u8(p + 4), 2));
          P(ind + '  Flags: [0x' + hex(nd.u8(p + 5), 2) + '], DestPort ' + nd.u16(p + 6));
          break;
        case 2:
          if (tlen < 20) return TOOSHORT;
          P(ind + '  IPv6 DestAddress: ' + nd.ipv6(p) + ', Protocol ID: 0x' + hex(nd.u8(p + 16), 2));
          P(ind + '  Flags: [0x' + hex(nd.u8(p + 17), 2) + '], DestPort ' + nd.u16(p + 18));
          break;
        case 8:
          if (tlen < 36) return TOOSHORT;
          P(ind + '  IPv6 Tunnel EndPoint: ' + nd.ipv6(p) + ', Tunnel ID: 0x' + hex(nd.u16(p + 18), 4) + ', Extended Tunnel ID: ' + nd.ipv6(p + 20));
          break;
        case 14:
          if (tlen < 26) return TOOSHORT;
          P(ind + '  IPv6 P2MP LSP ID: 0x' + hex(nd.u32(p), 8) + ', Tunnel ID: 0x' + hex(nd.u16(p + 6), 4) + ', Extended Tunnel ID: ' + nd.ipv6(p + 8));
          break;
        case 13:
          if (tlen < 12) return TOOSHORT;
          P(ind + '  IPv4 P2MP LSP ID: ' + nd.ipv4(p) + ', Tunnel ID: 0x' + hex(nd.u16(p + 6), 4) + ', Extended Tunnel ID: ' + nd.ipv4(p + 8));
          break;
        case 7:
        case 11:
          if (tlen < 12) return TOOSHORT;
          P(ind + '  IPv4 Tunnel EndPoint: ' + nd.ipv4(p) + ', Tunnel ID: 0x' + hex(nd.u16(p + 6), 4) + ', Extended Tunnel ID: ' + nd.ipv4(p + 8));
          break;
        default:
          st.hexdump = true;
      }
      return OK;
    case 15:
      return addr4or6('Receiver Address');
    case 195:
      return addr4or6('Notify Node Address');
    case 129:
    case 35:
    case 34:
    case 16:
      switch (ctype) {
        case 1:
          for (; tlen >= 4; tlen -= 4, p += 4) P(ind + '  Label: ' + nd.u32(p));
          break;
        case 2:
          if (tlen < 4) return TOOSHORT;
          P(ind + '  Generalized Label: ' + nd.u32(p));
          break;
        case 3:
          if (tlen < 12) return TOOSHORT;
          P(ind + '  Waveband ID: ' + nd.u32(p) + ind + '  Start Label: ' + nd.u32(p + 4) + ', Stop Label: ' + nd.u32(p + 8));
          break;
        default:
          st.hexdump = true;
      }
      return OK;
    case 8:
      if (ctype !== 1) {
        st.hexdump = true;
        return OK;
      }
      if (tlen < 4) return TOOSHORT;
      P(ind + '  Reservation Style: ' + tok2str(resstyleValues, 'Unknown', nd.u24(p + 1)) + ', Flags: [0x' + hex(nd.u8(p), 2) + ']');
      return OK;
    case 11:
    case 10:
      return senderOrFilter(nd, cls, ctype, p, tlen, ind, st);
    case 19:
      switch (ctype) {
        case 1:
          for (; tlen >= 4; tlen -= 4, p += 4) P(ind + '  L3 Protocol ID: ' + tok2str(ethertypeNames, 'Unknown Protocol (0x%04x)', nd.u16(p + 2)));
          break;
        case 2:
          if (tlen < 12) return TOOSHORT;
          P(ind + '  L3 Protocol ID: ' + tok2str(ethertypeNames, 'Unknown Protocol (0x%04x)', nd.u16(p + 2)));
          nd.print(',' + (nd.u8(p + 4) & 0x80 ? 'no' : '') + ' merge capability');
          P(ind + '  Minimum VPI/VCI: ' + (nd.u16(p + 4) & 0xfff) + '/' + (nd.u16(p + 6) & 0xfff));
          P(ind + '  Maximum VPI/VCI: ' + (nd.u16(p + 8) & 0xfff) + '/' + (nd.u16(p + 10) & 0xfff));
          break;
        case 3: {
          if (tlen < 12) return TOOSHORT;
          P(ind + '  L3 Protocol ID: ' + tok2str(ethertypeNames, 'Unknown Protocol (0x%04x)', nd.u16(p + 2)));
          const dl = (nd.u16(p + 4) >> 7) & 3;
          P(ind + '  Minimum/Maximum DLCI: ' + (nd.u32(p + 4) & 0x7fffff) + '/' + (nd.u32(p + 8) & 0x7fffff) + ', ' + (dl === 0 ? '10' : '') + (dl === 2 ? '23' : '') + ' bit DLCI');
          break;
        }
        case 4:
          if (tlen < 4) return TOOSHORT;
          P(ind + '  LSP Encoding Type: ' + tok2str(gmplsEncodingValues, 'Unknown', nd.u8(p)) + ' (' + nd.u8(p) + ')');
          P(
            ind +
              '  Switching Type: ' +
              tok2str(gmplsSwitchCapValues, 'Unknown', nd.u8(p + 1)) +
              ' (' +
              nd.u8(p + 1) +
              '), Payload ID: ' +
              tok2str(gmplsPayloadValues, 'Unknown', nd.u16(p + 2)) +
              ' (0x' +
              hex(nd.u16(p + 2), 4) +
              ')',
          );
          break;
        default:
          st.hexdump = true;
      }
      return OK;
    case 21:
    case 20:
      if (ctype !== 1) {
        st.hexdump = true;
        return OK;
      }
      while (tlen >= 4) {
        if (!nd.has(p, 4)) {
          nd.printTrunc();
          return STOP;
        }
        const length = nd.u8(p + 1);
        P(ind + '  Subobject Type: ' + tok2str(xroValues, 'Unknown %u', nd.u8(p) & 0x7f) + ', length ' + length);
        if (tlen < length) {
          P(ind + '  ERROR: ERO subobject length > object length');
          break;
        }
        if (length === 0) {
          P(ind + '  ERROR: zero length ERO subtype');
          break;
        }
        const sub = nd.u8(p) & 0x7f;
        if (sub === 1) {
          if (length !== 8) {
            nd.print(' ERROR: length != 8');
            return INVALID;
          }
          if (!nd.has(p, 8)) {
            nd.printTrunc();
            return STOP;
          }
          if (nd.u8(p + 6) !== 32) {
            nd.print(' ERROR: Prefix length ' + nd.u8(p + 6) + ' != 32');
            return INVALID;
          }
          nd.print(', ' + (nd.u8(p) & 0x80 ? 'Loose' : 'Strict') + ', ' + nd.ipv4(p + 2) + '/' + nd.u8(p + 6) + ', Flags: [' + bittok2str(rroFlagValues, 'none', nd.u8(p + 7)) + ']');
        } else if (sub === 3) {
          if (length !== 8) {
            nd.print(' ERROR: length != 8');
            return INVALID;
          }
          if (!nd.has(p, 8)) {
            nd.printTrunc();
            return STOP;
          }
          nd.print(
            ', Flags: [' +
              bittok2str(rroLabelFlagValues, 'none', nd.u8(p + 2)) +
              '] (' +
              altHex(nd.u8(p + 2)) +
              '), Class-Type: ' +
              tok2str(ctypeValues, 'Unknown', nd.u8(p + 3) + 256 * 21) +
              ' (' +
              nd.u8(p + 3) +
              '), ' +
              nd.u32(p + 4),
          );
        }
        tlen -= length;
        p += length;
      }
      return OK;
    case 22:
      if (ctype !== 1 && ctype !== 2) {
        st.hexdump = true;
        return OK;
      }
      if (tlen < 8) return TOOSHORT;
      P(ind + '  Source Instance: 0x' + hex(nd.u32(p), 8) + ', Destination Instance: 0x' + hex(nd.u32(p + 4), 8));
      return OK;
    case 131:
      if (ctype !== 1) {
        st.hexdump = true;
        return OK;
      }
      if (tlen < 8) return TOOSHORT;
      P(ind + '  Restart  Time: ' + nd.u32(p) + 'ms, Recovery Time: ' + nd.u32(p + 4) + 'ms');
      return OK;
    case 134: {
      if (ctype !== 1) {
        st.hexdump = true;
        return OK;
      }
      if (tlen < 4) return TOOSHORT;
      const v = nd.u32(p);
      if (v & ~7) P(ind + '  [reserved=0x' + hex((v & ~7) >>> 0, 8) + ' must be zero]');
      P(ind + '  Flags: [' + bittok2str(capabilityFlagValues, 'none', v & 7) + ']');
      return OK;
    }
    case 207: {
      if (ctype !== 7) {
        st.hexdump = true;
        return OK;
      }
      if (tlen < 4) return TOOSHORT;
      const namelen = nd.u8(p + 3);
      if (tlen < 4 + namelen) return TOOSHORT;
      P(ind + '  Session Name: ');
      for (let i = 0; i < namelen; i++) nd.print(charText(nd.u8(p + 4 + i)));
      P(
        ind +
          '  Setup Priority: ' +
          nd.u8(p) +
          ', Holding Priority: ' +
          nd.u8(p + 1) +
          ', Flags: [' +
          bittok2str(sessionAttributeFlagValues, 'none', nd.u8(p + 2)) +
          '] (' +
          altHex(nd.u8(p + 2)) +
          ')',
      );
      return OK;
    }
    case 229:
      return generalizedUni(nd, ctype, p, tlen, ind, st);
    case 3:
      switch (ctype) {
        case 3:
        case 1:
          if (tlen < 8) return TOOSHORT;
          P(ind + '  Previous/Next Interface: ' + nd.ipv4(p) + ', Logical Interface Handle: 0x' + hex(nd.u32(p + 4), 8));
          if (tlen - 8) st.hexdump = true;
          break;
        case 4:
        case 2:
          if (tlen < 20) return TOOSHORT;
          P(ind + '  Previous/Next Interface: ' + nd.ipv6(p) + ', Logical Interface Handle: 0x' + hex(nd.u32(p + 16), 8));
          st.hexdump = true;
          break;
        default:
          st.hexdump = true;
      }
      return OK;
    case 5:
      if (ctype !== 1) {
        st.hexdump = true;
        return OK;
      }
      if (tlen < 4) return TOOSHORT;
      P(ind + '  Refresh Period: ' + nd.u32(p) + 'ms');
      return OK;
    case 12:
    case 13:
    case 9: {
      if (ctype !== 2) {
        st.hexdump = true;
        return OK;
      }
      if (tlen < 4) return TOOSHORT;
      P(ind + '  Msg-Version: ' + ((nd.u8(p) & 0xf0) >> 4) + ', length: ' + (nd.u16(p + 2) << 2));
      p += 4;
      tlen -= 4;
      while (tlen >= 4) {
        let servTlen = nd.u16(p + 2) << 2;
        P(
          ind +
            '  Service Type: ' +
            tok2str(intservServiceValues, 'unknown', nd.u8(p)) +
            ' (' +
            nd.u8(p) +
            '), break bit ' +
            (nd.u8(p + 1) & 0x80 ? '' : 'not ') +
            'set, Service length: ' +
            servTlen,
        );
        p += 4;
        tlen -= 4;
        while (servTlen >= 4) {
          const n = intservPrint(nd, p, tlen);
          if (n === 0) break;
          tlen -= n;
          servTlen -= n;
          p += n;
        }
      }
      return OK;
    }
    case 205: {
      if (ctype !== 1 && ctype !== 7) {
        st.hexdump = true;
        return OK;
      }
      if (tlen < (ctype === 1 ? 20 : 16)) return TOOSHORT;
      const bw = gfmt(Math.fround(Math.fround(float32(nd.u32(p + 4)) * 8) / 1000000), 10);
      P(ind + '  Setup Priority: ' + nd.u8(p) + ', Holding Priority: ' + nd.u8(p + 1) + ', Hop-limit: ' + nd.u8(p + 2) + ', Bandwidth: ' + bw + ' Mbps');
      if (ctype === 1) P(ind + '  Include-any: 0x' + hex(nd.u32(p + 8), 8) + ', Exclude-any: 0x' + hex(nd.u32(p + 12), 8) + ', Include-all: 0x' + hex(nd.u32(p + 16), 8));
      else P(ind + '  Include Colors: 0x' + hex(nd.u32(p + 8), 8) + ', Exclude Colors: 0x' + hex(nd.u32(p + 12), 8));
      return OK;
    }
    case 63:
      if (ctype !== 7) {
        st.hexdump = true;
        return OK;
      }
      for (; tlen >= 8; tlen -= 8, p += 8) P(ind + '  PLR-ID: ' + nd.ipv4(p) + ', Avoid-Node-ID: ' + nd.ipv4(p + 4));
      return OK;
    case 66:
    case 125:
      if (ctype !== 1) {
        st.hexdump = true;
        return OK;
      }
      if (tlen < 4) return TOOSHORT;
      P(ind + '  CT: ' + (nd.u32(p) & 7));
      return OK;
    case 6:
      return errorSpec(nd, ctype, p, tlen, ind, st);
    case 204: {
      if (ctype !== 1) {
        st.hexdump = true;
        return OK;
      }
      if (tlen < 4) return TOOSHORT;
      const pad = nd.u16(p + 2);
      P(ind + '  TLV count: ' + nd.u16(p) + ', padding bytes: ' + pad);
      tlen -= 4;
      p += 4;
      while (tlen >= 2 + pad) {
        P(ind + '    ' + tok2str(propTlvValues, 'unknown', nd.u8(p)) + ' TLV (0x' + hex(nd.u8(p), 2) + '), length: ' + nd.u8(p + 1));
        if (tlen < nd.u8(p + 1)) return TOOSHORT;
        if (nd.u8(p + 1) < 2) {
          P(ind + 'ERROR: property TLV is too short');
          return STOP;
        }
        printUnknownData(nd, p + 2, '\n\t\t', nd.u8(p + 1) - 2);
        const l = nd.u8(p + 1);
        tlen -= l;
        p += l;
      }
      return OK;
    }
    case 23:
    case 24:
    case 25:
      if (ctype !== 1 && ctype !== 2) {
        st.hexdump = true;
        return OK;
      }
      if (tlen < 4) return TOOSHORT;
      P(ind + '  Flags [0x' + hex(nd.u8(p), 2) + '], epoch: ' + nd.u24(p + 1));
      for (tlen -= 4, p += 4; tlen >= 4; tlen -= 4, p += 4) P(ind + '    Message-ID 0x' + hex(nd.u32(p), 8) + ' (' + nd.u32(p) + ')');
      return OK;
    case 4:
      if (ctype !== 1) {
        st.hexdump = true;
        return OK;
      }
      if (tlen < 32) return TOOSHORT;
      P(
        ind +
          '  Key-ID 0x' +
          hex(nd.u16(p + 2), 4) +
          hex(nd.u32(p + 4), 8) +
          ', Sequence 0x' +
          hex(nd.u32(p + 8), 8) +
          hex(nd.u32(p + 12), 8) +
          ', Flags [' +
          bittok2str(integrityFlagValues, 'none', nd.u8(p)) +
          ']',
      );
      P(ind + '  MD5-sum 0x' + hex(nd.u32(p + 16), 8) + hex(nd.u32(p + 20), 8) + hex(nd.u32(p + 24), 8) + hex(nd.u32(p + 28), 8) + ' ');
      // Without a secret (tcpdump's -M) the digest cannot be checked.
      nd.print(' (unchecked)');
      return OK;
    case 196:
      if (ctype !== 1) {
        st.hexdump = true;
        return OK;
      }
      if (tlen < 4) return TOOSHORT;
      P(ind + '  Flags [' + bittok2str(adminStatusFlagValues, 'none', nd.u32(p)) + ']');
      return OK;
    case 36: {
      if (ctype !== 1) {
        st.hexdump = true;
        return OK;
      }
      if (tlen < 4) return TOOSHORT;
      const action = nd.u16(p) >> 8;
      P(ind + '  Action: ' + tok2str(labelSetActionValues, 'Unknown', action) + ' (' + action + '), Label type: ' + (nd.u32(p) & 0x7f));
      if (action === 2 || action === 3) {
        if (tlen < 12) return TOOSHORT;
        P(ind + '  Start range: ' + nd.u32(p + 4) + ', End range: ' + nd.u32(p + 8));
      } else {
        let sub = 1;
        for (tlen -= 4, p += 4; tlen >= 4; tlen -= 4, p += 4) P(ind + '  Subchannel #' + sub++ + ': ' + nd.u32(p));
      }
      return OK;
    }
    case 50:
      if (ctype === 1) {
        if (tlen < 4) return TOOSHORT;
        P(ind + '  Sub-LSP destination address: ' + nd.ipv4(p));
      } else if (ctype === 2) {
        if (tlen < 16) return TOOSHORT;
        P(ind + '  Sub-LSP destination address: ' + nd.ipv6(p));
      } else st.hexdump = true;
      return OK;
  }
  if (nd.verbose <= 1) printUnknownData(nd, p, '\n\t    ', tlen);
  return OK;
}

function senderOrFilter(nd: Dissector, cls: number, ctype: number, p: number, tlen: number, ind: string, st: { hexdump: boolean }): number {
  const P = (s: string) => printLines(nd, s);
  const p2mp6 = () => {
    P(ind + '  IPv6 Tunnel Sender Address: ' + nd.ipv6(p) + ', LSP ID: 0x' + hex(nd.u16(p + 18), 4) + ind + '  Sub-Group Originator ID: ' + nd.ipv6(p + 20) + ', Sub-Group ID: 0x' + hex(nd.u16(p + 38), 4));
  };
  const p2mp4 = () => {
    P(ind + '  IPv4 Tunnel Sender Address: ' + nd.ipv4(p) + ', LSP ID: 0x' + hex(nd.u16(p + 6), 4) + ind + '  Sub-Group Originator ID: ' + nd.ipv4(p + 8) + ', Sub-Group ID: 0x' + hex(nd.u16(p + 12), 4));
  };
  switch (ctype) {
    case 1:
      if (tlen < 8) return TOOSHORT;
      P(ind + '  Source Address: ' + nd.ipv4(p) + ', Source Port: ' + nd.u16(p + 6));
      return OK;
    case 2:
      if (tlen < 20) return TOOSHORT;
      P(ind + '  Source Address: ' + nd.ipv6(p) + ', Source Port: ' + nd.u16(p + 18));
      return OK;
    case 13:
      if (tlen < 40) return TOOSHORT;
      p2mp6();
      return OK;
    case 7:
      if (tlen < 8) return TOOSHORT;
      if (cls === 11) P(ind + '  IPv4 Tunnel Sender Address: ' + nd.ipv4(p) + ', LSP-ID: 0x' + hex(nd.u16(p + 6), 4));
      else P(ind + '  Source Address: ' + nd.ipv4(p) + ', LSP-ID: 0x' + hex(nd.u16(p + 6), 4));
      return OK;
    case 12:
      if (tlen < 16) return TOOSHORT;
      p2mp4();
      return OK;
  }
  if (cls === 10 && ctype === 3) {
    if (tlen < 20) return TOOSHORT;
    P(ind + '  Source Address: ' + nd.ipv6(p) + ', Flow Label: ' + nd.u24(p + 17));
    return OK;
  }
  if (cls === 10 && ctype === 8) {
    if (tlen < 20) return TOOSHORT;
    P(ind + '  Source Address: ' + nd.ipv4(p) + ', LSP-ID: 0x' + hex(nd.u16(p + 18), 4));
    return OK;
  }
  st.hexdump = true;
  return OK;
}

function errorSpec(nd: Dissector, ctype: number, p: number, tlen: number, ind: string, st: { hexdump: boolean }): number {
  const P = (s: string) => printLines(nd, s);
  if (ctype === 3 || ctype === 1) {
    if (tlen < 8) return TOOSHORT;
    const code = nd.u8(p + 5);
    const value = nd.u16(p + 6);
    P(ind + '  Error Node Address: ' + nd.ipv4(p) + ', Flags: [0x' + hex(nd.u8(p + 4), 2) + ']' + ind + '  Error Code: ' + tok2str(errorCodeValues, 'unknown', code) + ' (' + code + ')');
    if (code === 24) nd.print(', Error Value: ' + tok2str(errorRoutingValues, 'unknown', value) + ' (' + value + ')');
    else if (code === 28 || code === 125) nd.print(', Error Value: ' + tok2str(errorDiffservValues, 'unknown', value) + ' (' + value + ')');
    else nd.print(', Unknown Error Value (' + value + ')');
    return OK;
  }
  if (ctype === 4 || ctype === 2) {
    if (tlen < 20) return TOOSHORT;
    const code = nd.u8(p + 17);
    const value = nd.u16(p + 18);
    P(ind + '  Error Node Address: ' + nd.ipv6(p) + ', Flags: [0x' + hex(nd.u8(p + 16), 2) + ']' + ind + '  Error Code: ' + tok2str(errorCodeValues, 'unknown', code) + ' (' + code + ')');
    if (code === 24) nd.print(', Error Value: ' + tok2str(errorRoutingValues, 'unknown', value) + ' (' + value + ')');
    return OK;
  }
  st.hexdump = true;
  return OK;
}

function generalizedUni(nd: Dissector, ctype: number, p: number, tlen: number, ind: string, st: { hexdump: boolean }): number {
  const P = (s: string) => printLines(nd, s);
  if (ctype !== 1) {
    st.hexdump = true;
    return OK;
  }
  if (tlen < 4) return TOOSHORT;
  let total = tlen;
  while (total > 0) {
    if (total < 4) return INVALID;
    const len = nd.u16(p);
    const type = nd.u16(p + 2) >> 8;
    const af = nd.u16(p + 2) & 0xff;
    P(ind + '  Subobject Type: ' + tok2str(genUniValues, 'Unknown', type) + ' (' + type + '), AF: ' + tok2str(afValues, 'Unknown', af) + ' (' + af + '), length: ' + len);
    if (len < 4 || len > total || tlen < len) return INVALID;
    switch (type) {
      case 1:
      case 2:
        if (af === AFNUM_INET) {
          if (len < 8) return SUB_TOOSHORT;
          P(ind + '    UNI IPv4 TNA address: ' + nd.ipv4(p + 4));
        } else if (af === AFNUM_INET6) {
          if (len < 20) return SUB_TOOSHORT;
          P(ind + '    UNI IPv6 TNA address: ' + nd.ipv6(p + 4));
        } else if (af === 3 && len) st.hexdump = true;
        break;
      case 3:
        if (len > 4) st.hexdump = true;
        break;
      case 4:
        if (len < 16) return SUB_TOOSHORT;
        P(ind + '    U-bit: ' + hex(nd.u32(p + 4) >>> 31) + ', Label type: ' + (nd.u32(p + 4) & 0xff) + ', Logical port id: ' + nd.u32(p + 8) + ', Label: ' + nd.u32(p + 12));
        break;
      case 5:
        if (len < 8) return SUB_TOOSHORT;
        P(ind + '    Service level: ' + (nd.u32(p + 4) >>> 24));
        break;
      default:
        st.hexdump = true;
    }
    total -= len;
    p += len;
    // tcpdump grows the object's remaining length here instead of shrinking it.
    tlen += len;
  }
  return OK;
}
