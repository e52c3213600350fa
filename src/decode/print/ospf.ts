import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { ipProtos } from '../registry.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';
import { ospfGraceLsaPrint, ospfTeLsaPrint } from './ospf-te.js';
import { ospf6Print } from './ospf6.js';
import { plural, printjnp, printLines, toks } from './strings.js';

/** OSPFv2 (tcpdump's print-ospf.c); OSPFv3 over IPv6 is in ospf6.ts. */

const OPTION_L = 0x10;
const AUTH_SIMPLE = 1;
const AUTH_MD5 = 2;
const LSA_HDR = 20;

const optionValues = toks([
  [0x01, 'MultiTopology'],
  [0x02, 'External'],
  [0x04, 'Multicast'],
  [0x08, 'NSSA'],
  [0x10, 'LLS'],
  [0x20, 'Demand Circuit'],
  [0x40, 'Opaque'],
  [0x80, 'Up/Down'],
]);
const authtypeValues = tok({ 0: 'none', 1: 'simple', 2: 'MD5' });
const rlaFlagValues = toks([
  [0x01, 'ABR'],
  [0x02, 'ASBR'],
  [0x04, 'Virtual'],
  [0x08, 'Wildcard'],
  [0x10, 'Nt'],
  [0x80, 'Host'],
]);
const typeValues = tok({ 1: 'Hello', 2: 'Database Description', 3: 'LS-Request', 4: 'LS-Update', 5: 'LS-Ack' });
const lsaValues = tok({
  1: 'Router',
  2: 'Network',
  3: 'Summary',
  4: 'ASBR Summary',
  5: 'External',
  6: 'Multicast Group',
  7: 'NSSA',
  9: 'Link Local Opaque',
  10: 'Area Local Opaque',
  11: 'Domain Wide Opaque',
});
const ddFlagValues = toks([
  [0x04, 'Init'],
  [0x02, 'More'],
  [0x01, 'Master'],
  [0x08, 'OOBResync'],
]);
const lsaOpaqueValues = tok({ 1: 'Traffic Engineering', 3: 'Graceful restart', 4: 'Router Information' });
const riTlvValues = tok({ 1: 'Router Capabilities' });
const riCapValues = toks([
  [1, 'Reserved'],
  [2, 'Reserved'],
  [4, 'Reserved'],
  [8, 'Reserved'],
  [16, 'graceful restart capable'],
  [32, 'graceful restart helper'],
  [64, 'Stub router support'],
  [128, 'Traffic engineering'],
  [256, 'p2p over LAN'],
  [512, 'path computation server'],
]);
const llsTlvValues = tok({ 1: 'Extended Options', 2: 'MD5 Authentication' });
const llsEoOptions = tok({ 1: 'LSDB resync', 2: 'Restart' });
const topologyValues = tok({ 0: 'default', 1: 'multicast', 2: 'management' });

/** An LSA header: its length, or -1 when that is shorter than the header. */
function lshdrPrint(nd: Dissector, lsh: number): number {
  const lsLength = nd.u16(lsh + 18);
  if (lsLength < LSA_HDR) {
    nd.printBreak('\n\t    Bogus length ' + lsLength + ' < header (' + LSA_HDR + ')');
    return -1;
  }
  nd.printBreak(
    '\n\t  Advertising Router ' + nd.ipv4(lsh + 8) + ', seq 0x' + hex(nd.u32(lsh + 12), 8) + ', age ' + nd.u16(lsh) + 's, length ' + (lsLength - LSA_HDR),
  );
  const type = nd.u8(lsh + 3);
  if (type === 9 || type === 10 || type === 11) {
    const ot = nd.u8(lsh + 4);
    nd.printBreak(
      '\n\t    ' + tok2str(lsaValues, 'unknown', type) + ' LSA (' + type + '), Opaque-Type ' + tok2str(lsaOpaqueValues, 'unknown', ot) + ' LSA (' + ot + '), Opaque-ID ' + nd.u24(lsh + 5),
    );
  } else {
    nd.printBreak('\n\t    ' + tok2str(lsaValues, 'unknown', type) + ' LSA (' + type + '), LSA-ID: ' + nd.ipv4(lsh + 4));
  }
  nd.printBreak('\n\t    Options: [' + bittok2str(optionValues, 'none', nd.u8(lsh + 2)) + ']');
  return lsLength;
}

function tosMetricsPrint(nd: Dissector, tos: number): void {
  let count = nd.u8(tos + 1) + 1;
  let n = 0;
  while (count !== 0) {
    const t = n ? nd.u8(tos) : 0;
    nd.printBreak('\n\t\ttopology ' + tok2str(topologyValues, 'Unknown', t) + ' (' + t + '), metric ' + nd.u16(tos + 2));
    n++;
    tos += 4;
    count--;
  }
}

/** One LSA: the offset after it, or -1 when cut short (tcpdump's NULL). */
function lsaPrint(nd: Dissector, lsa: number): number {
  const r = lshdrPrint(nd, lsa);
  if (r < 0) return -1;
  const lsEnd = lsa + r;
  const lsLength = r - LSA_HDR;
  const body = lsa + LSA_HDR;
  switch (nd.u8(lsa + 3)) {
    case 1: {
      nd.printBreak('\n\t    Router LSA Options: [' + bittok2str(rlaFlagValues, 'none', nd.u8(body)) + ']');
      const count = nd.u16(body + 2);
      if (!nd.has(body + 4, 12)) return -1;
      let rlp = body + 4;
      for (let i = count; i !== 0; i--) {
        if (!nd.has(rlp, 12)) return -1;
        const id = rlp;
        const data = rlp + 4;
        switch (nd.u8(rlp + 8)) {
          case 4:
            nd.printBreak('\n\t      Virtual Link: Neighbor Router-ID: ' + nd.ipv4(id) + ', Interface Address: ' + nd.ipv4(data));
            break;
          case 1:
            nd.printBreak('\n\t      Neighbor Router-ID: ' + nd.ipv4(id) + ', Interface Address: ' + nd.ipv4(data));
            break;
          case 2:
            nd.printBreak('\n\t      Neighbor Network-ID: ' + nd.ipv4(id) + ', Interface Address: ' + nd.ipv4(data));
            break;
          case 3:
            nd.printBreak('\n\t      Stub Network: ' + nd.ipv4(id) + ', Mask: ' + nd.ipv4(data));
            break;
          default:
            nd.printBreak('\n\t      Unknown Router Link Type (' + nd.u8(rlp + 8) + ')');
            return lsEnd;
        }
        tosMetricsPrint(nd, rlp + 8);
        rlp = rlp + 12 + nd.u8(rlp + 9) * 4;
      }
      break;
    }
    case 2: {
      printLines(nd, '\n\t    Mask ' + nd.ipv4(body) + '\n\t    Connected Routers:');
      for (let ap = body + 4; ap < lsEnd; ap += 4) nd.printBreak('\n\t      ' + nd.ipv4(ap));
      break;
    }
    case 3:
    case 4: {
      let lp = body + 4;
      if (nd.u8(lsa + 3) === 3) {
        nd.need(body, 4);
        nd.printBreak('\n\t    Mask ' + nd.ipv4(body));
      }
      if (!nd.has(lp, 4)) return -1;
      for (; lp < lsEnd; lp += 4) {
        const ul = nd.u32(lp);
        const topology = (ul & 0x7f000000) >>> 24;
        nd.printBreak('\n\t\ttopology ' + tok2str(topologyValues, 'Unknown', topology) + ' (' + topology + ') metric ' + (ul & 0xffffff));
      }
      break;
    }
    case 5:
    case 7: {
      nd.need(body, 4);
      nd.printBreak('\n\t    Mask ' + nd.ipv4(body));
      if (!nd.has(body + 4, 4)) return -1;
      for (let m = body + 4; m < lsEnd; m += 12) {
        const ul = nd.u32(m);
        const topology = (ul & 0x7f000000) >>> 24;
        nd.printBreak('\n\t\ttopology ' + tok2str(topologyValues, 'Unknown', topology) + ' (' + topology + '), type ' + (ul & 0x80000000 ? 2 : 1) + ', metric');
        nd.print((ul & 0xffffff) === 0xffffff ? ' infinite' : ' ' + (ul & 0xffffff));
        if (nd.u32(m + 4) !== 0) nd.print(', forward ' + nd.ipv4(m + 4));
        if (nd.u32(m + 8) !== 0) nd.print(', tag ' + nd.ipv4(m + 8));
      }
      break;
    }
    case 6:
      for (let mcp = body; mcp < lsEnd; mcp += 8) {
        const vtype = nd.u32(mcp);
        if (vtype === 1) nd.printBreak('\n\t    Router Router-ID ' + nd.ipv4(mcp + 4));
        else if (vtype === 2) nd.printBreak('\n\t    Network Designated Router ' + nd.ipv4(mcp + 4));
        else nd.printBreak('\n\t    unknown VertexType (' + vtype + ')');
      }
      break;
    case 9:
    case 10:
    case 11:
      switch (nd.u8(lsa + 4)) {
        case 4: {
          let tptr = body;
          let remaining = lsLength;
          while (remaining !== 0) {
            if (!nd.has(tptr, 4)) return -1;
            if (remaining < 4) {
              nd.printBreak('\n\t    Remaining LS length ' + remaining + ' < 4');
              return lsEnd;
            }
            const type = nd.u16(tptr);
            const len = nd.u16(tptr + 2);
            tptr += 4;
            remaining -= 4;
            nd.printBreak('\n\t    ' + tok2str(riTlvValues, 'unknown', type) + ' TLV (' + type + '), length: ' + len + ', value: ');
            if (len > remaining) {
              nd.printBreak('\n\t    Bogus length ' + len + ' > remaining LS length ' + remaining);
              return lsEnd;
            }
            if (!nd.has(tptr, len)) return -1;
            if (type === 1) {
              if (len !== 4) {
                nd.printBreak('\n\t    Bogus length ' + len + ' != 4');
                return lsEnd;
              }
              nd.print('Capabilities: ' + bittok2str(riCapValues, 'Unknown', nd.u32(tptr)));
            } else if (nd.verbose <= 1 && !printUnknownData(nd, tptr, '\n\t      ', len)) return lsEnd;
            tptr += len;
            remaining -= len;
          }
          break;
        }
        case 3:
          if (!ospfGraceLsaPrint(nd, body, lsLength)) return lsEnd;
          break;
        case 1:
          if (!ospfTeLsaPrint(nd, body, lsLength)) return lsEnd;
          break;
        default:
          if (nd.verbose <= 1 && !printUnknownData(nd, body, '\n\t    ', lsLength)) return lsEnd;
      }
      break;
  }
  if (nd.verbose > 1 && !printUnknownData(nd, body, '\n\t    ', lsLength)) return lsEnd;
  return lsEnd;
}

function decodeLls(nd: Dissector, op: number, length: number): void {
  const type = nd.u8(op + 1);
  if (type === 1) {
    if (!(nd.u8(op + 30) & OPTION_L)) return;
  } else if (type === 2) {
    if (!(nd.u8(op + 26) & OPTION_L)) return;
  } else return;
  let length2 = nd.u16(op + 2);
  let dptr = op + length2;
  const dataend = op + length;
  if (nd.u16(op + 14) === AUTH_MD5) {
    dptr += nd.u8(op + 19);
    length2 += nd.u8(op + 19);
  }
  if (length2 >= length) {
    nd.printBreak('\n\t[LLS truncated]');
    return;
  }
  nd.printBreak('\n\t  LLS: checksum: 0x' + hex(nd.u16(dptr), 4));
  dptr += 2;
  nd.print(', length: ' + nd.u16(dptr));
  dptr += 2;
  while (dptr < dataend) {
    const llsType = nd.u16(dptr);
    nd.printBreak('\n\t    ' + tok2str(llsTlvValues, 'Unknown TLV', llsType) + ' (' + llsType + ')');
    dptr += 2;
    let llsLen = nd.u16(dptr);
    nd.print(', length: ' + llsLen);
    dptr += 2;
    if (llsType === 1) {
      if (llsLen !== 4) {
        nd.print(' [should be 4]');
        llsLen = 4;
      }
      const flags = nd.u32(dptr);
      nd.printBreak('\n\t      Options: 0x' + hex(flags, 8) + ' [' + bittok2str(llsEoOptions, '?', flags) + ']');
    } else if (llsType === 2) {
      if (llsLen !== 20) {
        nd.print(' [should be 20]');
        llsLen = 20;
      }
      nd.printBreak('\n\t      Sequence number: 0x' + hex(nd.u32(dptr), 8));
    }
    dptr += llsLen;
  }
}

/** The body of a version 2 packet; false when cut short. */
function decodeV2(nd: Dissector, op: number, dataend: number): boolean {
  const b = op + 24;
  switch (nd.u8(op + 1)) {
    case 1: {
      nd.printBreak('\n\tOptions [' + bittok2str(optionValues, 'none', nd.u8(b + 6)) + ']');
      nd.printBreak('\n\t  Hello Timer ' + nd.u16(b + 4) + 's, Dead Timer ' + nd.u32(b + 8) + 's, Mask ' + nd.ipv4(b) + ', Priority ' + nd.u8(b + 7));
      if (nd.u32(b + 12) !== 0) nd.printBreak('\n\t  Designated Router ' + nd.ipv4(b + 12));
      if (nd.u32(b + 16) !== 0) nd.print(', Backup Designated Router ' + nd.ipv4(b + 16));
      let ap = b + 20;
      if (ap < dataend) nd.printBreak('\n\t  Neighbor List:');
      for (; ap < dataend; ap += 4) nd.printBreak('\n\t    ' + nd.ipv4(ap));
      break;
    }
    case 2: {
      nd.printBreak('\n\tOptions [' + bittok2str(optionValues, 'none', nd.u8(b + 2)) + ']');
      nd.print(', DD Flags [' + bittok2str(ddFlagValues, 'none', nd.u8(b + 3)) + ']');
      if (nd.u16(b)) nd.print(', MTU: ' + nd.u16(b));
      nd.print(', Sequence: 0x' + hex(nd.u32(b + 4), 8));
      for (let lsh = b + 8; lsh < dataend && lshdrPrint(nd, lsh) !== -1; lsh += LSA_HDR);
      break;
    }
    case 3:
      for (let lsr = b; lsr < dataend; lsr += 12) {
        nd.need(lsr, 12);
        const type = nd.u32(lsr);
        nd.printBreak('\n\t  Advertising Router: ' + nd.ipv4(lsr + 8) + ', ' + tok2str(lsaValues, 'unknown', type) + ' LSA (' + type + ')');
        if (type === 9 || type === 10 || type === 11) {
          const ot = nd.u8(lsr + 4);
          nd.print(', Opaque-Type: ' + tok2str(lsaOpaqueValues, 'unknown', ot) + ' LSA (' + ot + '), Opaque-ID: ' + nd.u24(lsr + 5));
        } else nd.print(', LSA-ID: ' + nd.ipv4(lsr + 4));
      }
      break;
    case 4: {
      const max = nd.u32(b);
      nd.print(', ' + max + ' LSA' + plural(max));
      let lsa = b + 4;
      for (let n = 1; n <= max; n++) {
        nd.printBreak('\n\t  LSA #' + n);
        lsa = lsaPrint(nd, lsa);
        if (lsa < 0) return false;
      }
      break;
    }
    case 5:
      for (let lsh = b; lshdrPrint(nd, lsh) !== -1; lsh += LSA_HDR);
      break;
  }
  return true;
}

export function ospfPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'ospf2';
  // The MD5 digest trails the packet: tcpdump cuts it off before anything else.
  if (nd.u16(bp + 14) === AUTH_MD5) {
    length = (length - 16) >>> 0;
    nd.snapend -= 16;
  }
  const type = nd.u8(bp + 1);
  const name = typeValues.get(type);
  nd.print('OSPFv' + nd.u8(bp) + ', ' + (name ?? 'unknown LS-type ' + type) + ', length ' + length);
  if (name === undefined || !nd.verbose) return;

  const ospfLen = nd.u16(bp + 2);
  if (length !== ospfLen) nd.print(' [len ' + ospfLen + ']');
  const dataend = length > ospfLen ? bp + ospfLen : bp + length;
  nd.printBreak('\n\tRouter-ID ' + nd.ipv4(bp + 4));
  nd.print(nd.u32(bp + 8) !== 0 ? ', Area ' + nd.ipv4(bp + 8) : ', Backbone Area');

  nd.need(bp + 16, 8);
  const auth = nd.u16(bp + 14);
  nd.print(', Authentication Type: ' + tok2str(authtypeValues, 'unknown', auth) + ' (' + auth + ')');
  switch (auth) {
    case 0:
      break;
    case AUTH_SIMPLE:
      nd.printBreak('\n\tSimple text password: ');
      printjnp(nd, bp + 16, 8);
      break;
    case AUTH_MD5:
      nd.printBreak('\n\tKey-ID: ' + nd.u8(bp + 18) + ', Auth-Length: ' + nd.u8(bp + 19) + ', Crypto Sequence Number: 0x' + hex(nd.u32(bp + 20), 8));
      break;
    default:
      return;
  }
  if (nd.u8(bp) === 2) {
    if (!decodeV2(nd, bp, dataend)) nd.trunc();
    if (length > nd.u16(bp + 2)) decodeLls(nd, bp, length);
  } else nd.print(' ospf [version ' + nd.u8(bp) + ']');
}

/** tcpdump's ip_demux_print: OSPF over IPv6 is OSPFv3's printer. */
function ospfDemux(nd: Dissector, at: number, length: number): void {
  if (nd.ipVersion === 6) ospf6Print(nd, at, length);
  else ospfPrint(nd, at, length);
}

ipProtos.register(89, 'ip:ospf', ospfDemux);
