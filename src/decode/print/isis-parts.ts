import { ipv4Text, ipv6Text } from '../addr.js';
import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { bittok2str, hex, hex2, tok, tok2str } from '../text.js';
import { gmplsEncodingValues, gmplsLinkProtValues, gmplsSwitchCapTscIndicationValues, gmplsSwitchCapValues, diffservTeBcValues } from './gmpls.js';
import { mbps, printjnp, toks } from './strings.js';

/**
 * The shared pieces of IS-IS TLVs (tcpdump's print-isoclns.c): system, node and LSP
 * ids, metric blocks, the extended IS and IP reachability entries and their
 * sub-TLVs, multi-topology ids, router capabilities, SPB sub-TLVs.
 */

export const SYSTEM_ID_LEN = 6;
export const NODE_ID_LEN = 7;
export const LSP_ID_LEN = 8;

/** isis_print_id: "1921.6800.1001", with ".00" for a node id and "-00" for an LSP id. */
export function isisId(nd: Dissector, p: number, idLen: number): string {
  const sysLen = idLen < SYSTEM_ID_LEN ? idLen : SYSTEM_ID_LEN;
  let s = '';
  for (let i = 1; i <= sysLen; i++) {
    s += hex2(nd.u8(p++));
    if (i === 2 || i === 4) s += '.';
  }
  if (idLen >= NODE_ID_LEN) s += '.' + hex2(nd.u8(p++));
  if (idLen === LSP_ID_LEN) s += '-' + hex2(nd.u8(p));
  return s;
}

function metricText(b: number): string {
  return (b & 0x3f) + ', ' + (b & 0x40 ? 'External' : 'Internal');
}

/** isis_print_metric_block: the default metric, and the others when they are supported. */
export function metricBlock(nd: Dissector, p: number): void {
  const d = nd.u8(p);
  nd.print(', Default Metric: ' + metricText(d));
  const names = ['Delay', 'Expense', 'Error'];
  for (let i = 1; i <= 3; i++) {
    const b = nd.u8(p + i);
    if (!(b & 0x80)) nd.printBreak('\n\t\t  ' + names[i - 1] + ' Metric: ' + metricText(b));
  }
}

/** "%15s": right-justified in 15 columns. */
function w15(s: string): string {
  while (s.length < 15) s = ' ' + s;
  return s;
}

function mask2plen(mask: number): number {
  for (let len = 32; len >= 0; len--) {
    const m = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
    if (m === mask) return len;
  }
  return -1;
}

/** isis_print_tlv_ip_reach: the old-style IPv4 reachability entries; false stops the TLVs. */
export function tlvIpReach(nd: Dissector, p: number, ident: string, length: number): boolean {
  while (length > 0) {
    if (length < 12) {
      nd.print('short IPv4 Reachability (' + length + ' vs 12)');
      return false;
    }
    if (!nd.has(p, 12)) return false;
    const plen = mask2plen(nd.u32(p + 8));
    if (plen === -1) nd.printBreak(ident + 'IPv4 prefix: ' + nd.ipv4(p + 4) + ' mask ' + nd.ipv4(p + 8));
    else nd.printBreak(ident + 'IPv4 prefix: ' + w15(nd.ipv4(p + 4)) + '/' + plen);
    const d = nd.u8(p);
    nd.print(', Distribution: ' + (d & 0x80 ? 'down' : 'up') + ', Metric: ' + metricText(d));
    const names = ['Delay', 'Expense', 'Error'];
    for (let i = 1; i <= 3; i++) {
      const b = nd.u8(p + i);
      if (!(b & 0x80)) nd.printBreak(ident + '  ' + names[i - 1] + ' Metric: ' + metricText(b));
    }
    length -= 12;
    p += 12;
  }
  return true;
}

const extIpReachSubtlvs = tok({ 1: '32-Bit Administrative tag', 2: '64-Bit Administrative tag', 3: 'Prefix SID', 117: 'Management Prefix Color' });
const prefixSidFlags = toks([
  [0x80, 'Readvertisement'],
  [0x40, 'Node'],
  [0x20, 'No-PHP'],
  [0x10, 'Explicit NULL'],
  [0x08, 'Value'],
  [0x04, 'Local'],
]);
const prefixSidAlgos = tok({ 0: 'SPF', 1: 'strict-SPF' });

function ipReachSubtlv(nd: Dissector, p: number, subt: number, subl: number, ident: string): boolean {
  nd.printBreak(ident + tok2str(extIpReachSubtlvs, 'unknown', subt) + ' subTLV #' + subt + ', length: ' + subl);
  if (!nd.has(p, subl)) {
    nd.printTrunc();
    return false;
  }
  switch (subt) {
    case 117:
    case 1:
      for (; subl >= 4; subl -= 4, p += 4) {
        const v = nd.u32(p);
        nd.print(', 0x' + hex(v, 8) + ' (=' + v + ')');
      }
      break;
    case 2:
      for (; subl >= 8; subl -= 8, p += 8) nd.print(', 0x' + hex(nd.u32(p), 8) + hex(nd.u32(p + 4), 8));
      break;
    case 3: {
      const flags = nd.u8(p);
      const algo = nd.u8(p + 1);
      let sid: number;
      if (flags & 0x08) {
        if (subl < 5) {
          nd.printTrunc();
          return false;
        }
        sid = nd.u24(p + 2);
      } else {
        if (subl < 6) {
          nd.printTrunc();
          return false;
        }
        sid = nd.u32(p + 2);
      }
      nd.print(
        ', Flags [' + bittok2str(prefixSidFlags, 'None', flags) + '], Algo ' + tok2str(prefixSidAlgos, 'Unknown', algo) + ' (' + algo + '), ' + (flags & 0x08 ? 'label' : 'index') + ' ' + sid,
      );
      break;
    }
    default:
      printUnknownData(nd, p, '\n\t\t    ', subl);
  }
  return true;
}

const scratch = Buffer.alloc(16);

/** isis_print_extd_ip_reach: an entry of TLVs 135, 235, 236, 237; the bytes used, 0 on error. */
export function extdIpReach(nd: Dissector, p: number, ident: string, v6: boolean): number {
  const metric = nd.u32(p);
  let processed = 4;
  p += 4;
  let status: number;
  let bits: number;
  if (!v6) {
    status = nd.u8(p++);
    bits = status & 0x3f;
    if (bits > 32) {
      nd.printBreak(ident + 'IPv4 prefix: bad bit length ' + bits);
      return 0;
    }
    processed++;
  } else {
    status = nd.u8(p);
    bits = nd.u8(p + 1);
    if (bits > 128) {
      nd.printBreak(ident + 'IPv6 prefix: bad bit length ' + bits);
      return 0;
    }
    p += 2;
    processed += 2;
  }
  const bytes = (bits + 7) >> 3;
  scratch.fill(0);
  nd.need(p, bytes);
  for (let i = 0; i < bytes; i++) scratch[i] = nd.u8(p + i);
  p += bytes;
  processed += bytes;
  if (!v6) nd.printBreak(ident + 'IPv4 prefix: ' + w15(ipv4Text(scratch, 0)) + '/' + bits);
  else nd.printBreak(ident + 'IPv6 prefix: ' + ipv6Text(scratch, 0) + '/' + bits);
  nd.print(', Distribution: ' + (status & 0x80 ? 'down' : 'up') + ', Metric: ' + metric);
  const sub = v6 ? status & 0x20 : status & 0x40;
  if (!v6 && sub) nd.print(', sub-TLVs present');
  else if (v6) nd.print(', ' + (status & 0x40 ? 'External' : 'Internal') + (sub ? ', sub-TLVs present' : ''));
  if (sub) {
    let sublen = nd.u8(p++);
    processed += sublen + 1;
    nd.print(' (' + sublen + ')');
    while (sublen > 0) {
      const t = nd.u8(p);
      const l = nd.u8(p + 1);
      p += 2;
      if (!ipReachSubtlv(nd, p, t, l, ident + '  ')) return 0;
      p += l;
      // Unsigned in tcpdump: a sub-TLV longer than what is left wraps and keeps the loop going.
      sublen = (sublen - (l + 2)) >>> 0;
    }
  }
  return processed;
}

const mtValues = tok({ 0: 'IPv4 unicast', 1: 'In-Band Management', 2: 'IPv6 unicast', 3: 'Multicast', 4095: 'Development, Experimental or Proprietary' });
const mtFlags = tok({ 0x4000: 'ATT bit set', 0x8000: 'Overload bit set' });

/** isis_print_mtid: 2, or 0 when the TLV has no room for it. */
export function mtid(nd: Dissector, p: number, ident: string, remaining: number): number {
  if (remaining < 2) return 0;
  const v = nd.u16(p);
  nd.printBreak(ident + tok2str(mtValues, 'Reserved for IETF Consensus', v & 0x0fff));
  nd.print(' Topology (0x' + hex(v & 0x0fff, 3) + '), Flags: [' + bittok2str(mtFlags, 'none', v & 0xf000) + ']');
  return 2;
}

const extIsReachSubtlvs = tok({
  3: 'Administrative groups',
  4: 'Link Local/Remote Identifier',
  5: 'Link Remote Identifier',
  6: 'IPv4 interface address',
  8: 'IPv4 neighbor address',
  9: 'Maximum link bandwidth',
  10: 'Reservable link bandwidth',
  11: 'Unreserved bandwidth',
  18: 'Traffic Engineering Metric',
  19: 'Link Attribute',
  20: 'Link Protection Type',
  21: 'Interface Switching Capability',
  12: 'Bandwidth Constraints (old)',
  22: 'Bandwidth Constraints',
  32: 'LAN Adjacency Segment Identifier',
  29: 'SPB Metric',
  250: 'Reserved for cisco specific extensions',
  251: 'Reserved for cisco specific extensions',
  252: 'Reserved for cisco specific extensions',
  253: 'Reserved for cisco specific extensions',
  254: 'Reserved for cisco specific extensions',
  255: 'Reserved for future expansion',
});
const linkAttributes = tok({ 1: 'Local Protection Available', 2: 'Link excluded from local protection path', 4: 'Local maintenance required' });
const lanAdjSidFlags = toks([
  [0x80, 'Address family IPv6'],
  [0x40, 'Backup'],
  [0x20, 'Value'],
  [0x10, 'Local significance'],
  [0x08, 'Set of adjacencies'],
  [0x04, 'Persistent'],
]);

/** A bandwidth (an IEEE float of bytes/s) as tcpdump prints it. */
function bw(nd: Dissector, p: number): string {
  return mbps(nd.u32(p)) + ' Mbps';
}

/** isis_print_ext_is_reach: an entry of TLVs 22, 24, 222; the bytes used, 0 on error. */
export function extIsReach(nd: Dissector, p: number, ident: string, tlvType: number, remaining: number): number {
  if (!nd.has(p, NODE_ID_LEN)) return 0;
  if (remaining < NODE_ID_LEN) return 0;
  nd.printBreak(ident + 'IS Neighbor: ' + isisId(nd, p, NODE_ID_LEN));
  p += NODE_ID_LEN;
  remaining -= NODE_ID_LEN;
  let proc = NODE_ID_LEN;
  if (tlvType !== 24) {
    if (!nd.has(p, 3)) return 0;
    if (remaining < 3) return 0;
    nd.print(', Metric: ' + nd.u24(p));
    p += 3;
    remaining -= 3;
    proc += 3;
  }
  if (!nd.has(p, 1)) return 0;
  if (remaining < 1) return 0;
  let sum = nd.u8(p++);
  remaining--;
  proc++;
  nd.print(', ' + (sum ? '' : 'no ') + 'sub-TLVs present');
  if (!sum) return proc;
  nd.print(' (' + sum + ')');
  ident += '  ';
  while (sum !== 0) {
    if (!nd.has(p, 2)) return 0;
    if (remaining < 2) {
      nd.printBreak(ident + 'Remaining data in TLV shorter than a subTLV header');
      proc += remaining;
      break;
    }
    if (sum < 2) {
      nd.printBreak(ident + 'Remaining data in subTLVs shorter than a subTLV header');
      proc += sum;
      break;
    }
    const type = nd.u8(p);
    let len = nd.u8(p + 1);
    p += 2;
    remaining -= 2;
    sum -= 2;
    proc += 2;
    nd.printBreak(ident + tok2str(extIsReachSubtlvs, 'unknown', type) + ' subTLV #' + type + ', length: ' + len);
    if (sum < len) {
      nd.print(' (remaining data in subTLVs shorter than the current subTLV)');
      proc += sum;
      break;
    }
    if (remaining < len) {
      nd.print(' (> remaining tlv length)');
      proc += remaining;
      break;
    }
    if (!nd.has(p, len)) return 0;
    /** Bytes of the sub-TLV consumed in place (tcpdump moves its pointers inside some cases). */
    const eat = (n: number) => {
      p += n;
      len -= n;
      sum -= n;
      proc += n;
    };
    switch (type) {
      case 3:
      case 4:
      case 5:
        if (len >= 4) {
          nd.print(', 0x' + hex(nd.u32(p), 8));
          if (len === 8) nd.print(', 0x' + hex(nd.u32(p + 4), 8));
        }
        break;
      case 6:
      case 8:
        if (len >= 4) nd.print(', ' + nd.ipv4(p));
        break;
      case 9:
      case 10:
        if (len >= 4) nd.print(', ' + bw(nd, p));
        break;
      case 11:
        if (len >= 32) {
          for (let c = 0; c < 8; c++) {
            nd.printBreak(ident + '  TE-Class ' + c + ': ' + bw(nd, p));
            eat(4);
          }
        }
        break;
      case 22:
      case 12: {
        if (len === 0) break;
        const model = nd.u8(p);
        nd.printBreak(ident + 'Bandwidth Constraints Model ID: ' + tok2str(diffservTeBcValues, 'unknown', model) + ' (' + model + ')');
        eat(1);
        for (let c = 0; len !== 0; c++) {
          if (len < 4) break;
          nd.printBreak(ident + '  Bandwidth constraint CT' + c + ': ' + bw(nd, p));
          eat(4);
        }
        break;
      }
      case 18:
        if (len >= 3) nd.print(', ' + nd.u24(p));
        break;
      case 19:
        if (len === 2) {
          const v = nd.u16(p);
          nd.print(', [ ' + bittok2str(linkAttributes, 'Unknown', v) + ' ] (0x' + hex(v, 4) + ')');
        }
        break;
      case 20:
        if (len >= 2) nd.print(', ' + bittok2str(gmplsLinkProtValues, 'none', nd.u8(p)) + ', Priority ' + nd.u8(p + 1));
        break;
      case 29:
        if (len >= 6) {
          nd.print(', LM: ' + nd.u24(p));
          eat(3);
          nd.print(', P: ' + nd.u8(p));
          eat(1);
          nd.print(', P-ID: ' + nd.u16(p));
        }
        break;
      case 21:
        if (len >= 36) {
          const cap = nd.u8(p);
          nd.printBreak(ident + '  Interface Switching Capability:' + tok2str(gmplsSwitchCapValues, 'Unknown', cap));
          nd.print(', LSP Encoding: ' + tok2str(gmplsEncodingValues, 'Unknown', nd.u8(p + 1)));
          eat(4);
          nd.printBreak(ident + '  Max LSP Bandwidth:');
          for (let level = 0; level < 8; level++) {
            nd.printBreak(ident + '    priority level ' + level + ': ' + bw(nd, p));
            eat(4);
          }
          if (cap >= 1 && cap <= 4) {
            if (len < 6) break;
            nd.printBreak(ident + '  Min LSP Bandwidth: ' + bw(nd, p));
            nd.printBreak(ident + '  Interface MTU: ' + nd.u16(p + 4));
          } else if (cap === 100) {
            if (len < 8) break;
            nd.printBreak(ident + '  Min LSP Bandwidth: ' + bw(nd, p));
            nd.printBreak(ident + '  Indication ' + tok2str(gmplsSwitchCapTscIndicationValues, 'Unknown (%u)', nd.u8(p + 4)));
          } else if (len !== 0) printUnknownData(nd, p, '\n\t\t    ', len);
        }
        break;
      case 32:
        if (len >= 8) {
          const f = nd.u8(p);
          nd.printBreak(ident + '  Flags: [' + bittok2str(lanAdjSidFlags, 'none', f) + ']');
          const v = f & 0x20;
          const l = f & 0x10;
          eat(1);
          nd.printBreak(ident + '  Weight: ' + nd.u8(p));
          eat(1);
          if (len >= SYSTEM_ID_LEN) {
            nd.need(p, SYSTEM_ID_LEN);
            nd.printBreak(ident + '  Neighbor System-ID: ' + isisId(nd, p, SYSTEM_ID_LEN));
          }
          if (v && l) nd.printBreak(ident + '  Label: ' + nd.u24(p + SYSTEM_ID_LEN));
          else if (!v && !l) nd.printBreak(ident + '  Index: ' + nd.u32(p + SYSTEM_ID_LEN));
          else nd.printInvalid();
        }
        break;
      default:
        printUnknownData(nd, p, '\n\t\t    ', len);
    }
    p += len;
    remaining -= len;
    sum -= len;
    proc += len;
  }
  return proc;
}

const routerCapSubtlvs = tok({ 2: 'SR-Capabilities' });
const srFlags = toks([
  [0x80, 'ipv4'],
  [0x40, 'ipv6'],
]);

export function routerCapSubtlv(nd: Dissector, p: number, tlen: number): void {
  while (tlen >= 2) {
    const subt = nd.u8(p);
    const subl = nd.u8(p + 1);
    tlen -= 2;
    p += 2;
    nd.printBreak('\n\t\t' + tok2str(routerCapSubtlvs, 'unknown', subt) + ' subTLV #' + subt + ', length: ' + subl);
    if (subl > tlen) break;
    if (!nd.has(p, subl)) return;
    if (subt === 2) {
      const flags = nd.u8(p);
      nd.print(', Flags [' + bittok2str(srFlags, 'None', flags) + '], Range ' + nd.u24(p + 1));
      let sp = p + 4;
      // uint8_t in tcpdump: a sub-TLV shorter than 4 wraps.
      let stlen = (subl - 4) & 0xff;
      while (stlen >= 5) {
        const st = nd.u8(sp);
        const sl = nd.u8(sp + 1);
        stlen -= 2;
        sp += 2;
        if (sl > stlen) break;
        if (st === 1) {
          if (sl === 3) nd.print(', SID value ' + nd.u24(sp));
          else if (sl === 4) nd.print(', SID value ' + nd.u32(sp));
          else nd.print(', Unknown SID length' + sl);
        } else printUnknownData(nd, sp, '\n\t\t  ', sl);
        sp += sl;
        stlen -= sl;
      }
    } else printUnknownData(nd, p, '\n\t\t', subl);
    tlen -= subl;
    p += subl;
  }
}

function mcid(nd: Dissector, p: number): void {
  if (!nd.has(p, 51)) return nd.printTrunc();
  nd.print('ID: ' + nd.u8(p) + ', Name: ');
  printjnp(nd, p + 1, 32);
  nd.printBreak('\n\t              Lvl: ' + nd.u16(p + 33));
  nd.print(', Digest: ');
  let s = '';
  for (let i = 0; i < 16; i++) s += hex2(nd.u8(p + 35 + i)) + ' ';
  nd.print(s);
}

const mtPortCapSubtlvs = tok({ 4: 'SPB MCID', 5: 'SPB Digest', 6: 'SPB BVID' });
const mtCapabilitySubtlvs = tok({ 1: 'SPB Instance', 3: 'SPBM Service Identifier and Unicast Address' });

export function mtPortCapSubtlv(nd: Dissector, p: number, len: number): void {
  while (len > 2) {
    const type = nd.u8(p);
    let slen = nd.u8(p + 1);
    nd.printBreak('\n\t       ' + tok2str(mtPortCapSubtlvs, 'unknown', type) + ' subTLV #' + type + ', length: ' + slen);
    p += 2;
    len -= 2;
    if (len < slen) return nd.print(' (> containing TLV length)');
    if (!nd.has(p, slen)) return nd.printTrunc();
    if (type === 4) {
      if (slen < 102) return nd.print(' (too short)');
      nd.printBreak('\n\t         MCID: ');
      mcid(nd, p);
      nd.printBreak('\n\t         AUX-MCID: ');
      mcid(nd, p + 51);
      p += 102;
      len -= 102;
      slen -= 102;
    } else if (type === 5) {
      if (slen < 33) return nd.print(' (too short)');
      const b = nd.u8(p);
      nd.printBreak('\n\t        RES: ' + (b >> 5) + ' V: ' + ((b >> 4) & 1) + ' A: ' + ((b >> 2) & 3) + ' D: ' + (b & 3));
      p++;
      nd.printBreak('\n\t         Digest: ');
      for (let i = 1; i <= 8; i++) {
        nd.print(hex(nd.u32(p), 8) + ' ');
        if (i % 4 === 0 && i !== 8) nd.printBreak('\n\t                 ');
        p += 4;
      }
      len -= 33;
      slen -= 33;
    } else if (type === 6) {
      while (slen !== 0) {
        if (slen < 4) return nd.print(' (too short)');
        nd.printBreak('\n\t           ECT: ' + hex(nd.u32(p), 8));
        p += 4;
        len -= 4;
        slen -= 4;
        if (slen < 2) return nd.print(' (too short)');
        const v = nd.u16(p);
        nd.print(' BVID: ' + (v >> 4) + ', U:' + hex((v >> 3) & 1) + ' M:' + hex((v >> 2) & 1) + ' ');
        p += 2;
        len -= 2;
        slen -= 2;
      }
    }
    p += slen;
    len -= slen;
  }
}

export function mtCapabilitySubtlv(nd: Dissector, p: number, len: number): void {
  while (len > 2) {
    const type = nd.u8(p);
    let slen = nd.u8(p + 1);
    p += 2;
    len -= 2;
    nd.printBreak('\n\t      ' + tok2str(mtCapabilitySubtlvs, 'unknown', type) + ' subTLV #' + type + ', length: ' + slen);
    if (len < slen) return nd.print(' (> containing TLV length)');
    if (!nd.has(p, slen)) return nd.printTrunc();
    if (type === 1) {
      if (slen < 19) return nd.print(' (too short)');
      nd.printBreak('\n\t        CIST Root-ID: ' + hex(nd.u32(p), 8));
      nd.print(' ' + hex(nd.u32(p + 4), 8));
      nd.print(', Path Cost: ' + hex(nd.u32(p + 8), 8));
      nd.print(', Prio: ' + nd.u16(p + 12));
      p += 14;
      nd.printBreak('\n\t        RES: ' + (nd.u16(p) >> 5));
      nd.print(', V: ' + ((nd.u16(p) >> 4) & 1));
      nd.print(', SPSource-ID: ' + (nd.u32(p) & 0x000fffff));
      p += 4;
      let trees = nd.u8(p);
      nd.print(', No of Trees: ' + hex(trees));
      p++;
      len -= 19;
      slen -= 19;
      while (trees) {
        if (slen < 8) return nd.printTrunc();
        const b = nd.u8(p);
        nd.printBreak('\n\t         U:' + (b >> 7) + ', M:' + ((b >> 6) & 1) + ', A:' + ((b >> 5) & 1) + ', RES:' + (b & 0x1f));
        p++;
        nd.print(', ECT: ' + hex(nd.u32(p), 8));
        p += 4;
        const v = nd.u24(p);
        nd.print(', BVID: ' + ((v >> 12) & 0xfff) + ', SPVID: ' + (v & 0xfff));
        p += 3;
        len -= 8;
        slen -= 8;
        trees--;
      }
    } else if (type === 3) {
      if (slen < 8) return nd.printTrunc();
      nd.printBreak('\n\t        BMAC: ' + hex(nd.u32(p), 8));
      nd.print(hex(nd.u16(p + 4), 4));
      p += 6;
      const v = nd.u16(p);
      nd.print(', RES: ' + (v >> 12) + ', VID: ' + (v & 0xfff));
      p += 2;
      len -= 8;
      slen -= 8;
      while (slen >= 4) {
        const w = nd.u32(p);
        nd.printBreak('\n\t        T: ' + (w >>> 31) + ', R: ' + ((w >>> 30) & 1) + ', RES: ' + ((w >>> 24) & 0x3f) + ', ISID: ' + (w & 0xffffff));
        p += 4;
        len -= 4;
        slen -= 4;
      }
    }
    p += slen;
    len -= slen;
  }
}
