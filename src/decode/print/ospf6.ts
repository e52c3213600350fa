import { ipv6Text } from '../addr.js';
import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';
import { ospfGraceLsaPrint, ospfTeLsaPrint } from './ospf-te.js';
import { printLines, toks } from './strings.js';

/** OSPFv3 (tcpdump's print-ospf6.c). */

const HDR = 16;
const LSA_HDR = 20;
const OPTION_L = 0x0200;
const SCOPE_AREA = 0x2000;
const SCOPE_AS = 0x4000;
const ASLA_FLAG_FWDADDR = 0x02000000;
const ASLA_FLAG_ROUTETAG = 0x01000000;

const optionValues = toks([
  [0x01, 'V6'],
  [0x02, 'External'],
  [0x04, 'Deprecated'],
  [0x08, 'NSSA'],
  [0x10, 'Router'],
  [0x20, 'Demand Circuit'],
  [0x0100, 'AFs Support'],
  [0x0200, 'LLS'],
  [0x0400, 'Authentication Trailer'],
]);
const rlaFlagValues = toks([
  [0x01, 'ABR'],
  [0x02, 'External'],
  [0x04, 'Virtual-Link Endpoint'],
  [0x08, 'Deprecated'],
  [0x10, 'NSSA Translator'],
]);
const aslaFlagValues = toks([
  [0x04000000, 'External Type 2'],
  [ASLA_FLAG_FWDADDR, 'Forwarding'],
  [ASLA_FLAG_ROUTETAG, 'Tag'],
]);
const typeValues = tok({ 1: 'Hello', 2: 'Database Description', 3: 'LS-Request', 4: 'LS-Update', 5: 'LS-Ack' });
const lsaValues = tok({
  1: 'Router',
  2: 'Network',
  3: 'Inter-Area Prefix',
  4: 'Inter-Area Router',
  5: 'External',
  6: 'Deprecated',
  7: 'NSSA',
  8: 'Link',
  9: 'Intra-Area Prefix',
  10: 'Intra-Area TE',
  11: 'Grace',
  12: 'Router Information',
  13: 'Inter-AS-TE',
  14: 'Layer 1 VPN',
});
const scopeValues = tok({ 0x0000: 'Link Local', 0x2000: 'Area Local', 0x4000: 'Domain Wide' });
const ddFlagValues = toks([
  [0x04, 'Init'],
  [0x02, 'More'],
  [0x01, 'Master'],
  [0x10, 'IPv6 MTU'],
]);
const prefixOptionValues = toks([
  [0x01, 'No Unicast'],
  [0x02, 'Local address'],
  [0x04, 'Deprecated'],
  [0x08, 'Propagate'],
  [0x10, 'Down'],
  [0x20, 'N-bit'],
]);
const authTypeValues = tok({ 1: 'HMAC' });

function lsTypePrint(nd: Dissector, lsType: number, stateidAt: number): void {
  nd.printBreak(
    '\n\t    ' +
      tok2str(lsaValues, 'Unknown', lsType & 0x1fff) +
      ' LSA (' +
      (lsType & 0x1fff) +
      '), ' +
      tok2str(scopeValues, 'Unknown', lsType & 0x6000) +
      ' Scope' +
      (lsType & 0x8000 ? ', transitive' : '') +
      ', LSA-ID ' +
      nd.ipv4(stateidAt),
  );
}

/** An LSA header; false when it runs past dataend. */
function lshdrPrint(nd: Dissector, lsh: number, dataend: number): boolean {
  if (lsh + LSA_HDR > dataend) return false;
  nd.printBreak(
    '\n\t  Advertising Router ' + nd.ipv4(lsh + 8) + ', seq 0x' + hex(nd.u32(lsh + 12), 8) + ', age ' + nd.u16(lsh) + 's, length ' + (nd.u16(lsh + 18) - LSA_HDR),
  );
  lsTypePrint(nd, nd.u16(lsh + 2), lsh + 4);
  return true;
}

const prefixBuf = Buffer.alloc(16);

/** A prefix of an LSA: the bytes it spans, or -1 when cut short or bogus. */
function lsaPrefixPrint(nd: Dissector, tptr: number, lsaLength: number): number {
  if (lsaLength < 4) return -1;
  lsaLength -= 4;
  nd.need(tptr, 4);
  const plen = nd.u8(tptr);
  const wordlen = Math.floor((plen + 31) / 32);
  if (wordlen * 4 > 16) {
    nd.print(' bogus prefixlen /' + plen);
    return -1;
  }
  if (lsaLength < wordlen * 4) return -1;
  nd.need(tptr + 4, wordlen * 4);
  prefixBuf.fill(0);
  nd.buf.copy(prefixBuf, 0, tptr + 4, tptr + 4 + wordlen * 4);
  nd.printBreak('\n\t\t' + ipv6Text(prefixBuf, 0) + '/' + plen);
  const opt = nd.u8(tptr + 1);
  if (opt) nd.print(', Options [' + bittok2str(prefixOptionValues, 'none', opt) + ']');
  nd.print(', metric ' + nd.u16(tptr + 2));
  return 4 + wordlen * 4;
}

/** One LSA; false when cut short. */
function lsaPrint(nd: Dissector, lsa: number, dataend: number): boolean {
  if (!lshdrPrint(nd, lsa, dataend)) return false;
  const length = nd.u16(lsa + 18);
  if (length < LSA_HDR || lsa + length > dataend) return false;
  let lsaLength = length - LSA_HDR;
  let tptr = lsa + LSA_HDR;
  const body = tptr;
  const prefixes = (count: number): boolean => {
    while (count > 0) {
      const n = lsaPrefixPrint(nd, tptr, lsaLength);
      if (n < 0) return false;
      count--;
      lsaLength -= n;
      tptr += n;
    }
    return true;
  };
  switch (nd.u16(lsa + 2)) {
    case 1 | SCOPE_AREA: {
      if (lsaLength < 4) return false;
      lsaLength -= 4;
      nd.printBreak('\n\t      Options [' + bittok2str(optionValues, 'none', nd.u32(body)) + ']');
      nd.print(', RLA-Flags [' + bittok2str(rlaFlagValues, 'none', nd.u8(body)) + ']');
      let rlp = body + 4;
      while (lsaLength !== 0) {
        if (lsaLength < 16) return false;
        lsaLength -= 16;
        nd.need(rlp, 16);
        const ids = '\n\t      Neighbor Interface-ID ' + nd.ipv4(rlp + 8) + ', Interface ' + nd.ipv4(rlp + 4);
        switch (nd.u8(rlp)) {
          case 4:
            printLines(nd, '\n\t      Virtual Link: Neighbor Router-ID ' + nd.ipv4(rlp + 12) + ids);
            break;
          case 1:
            printLines(nd, '\n\t      Neighbor Router-ID ' + nd.ipv4(rlp + 12) + ids);
            break;
          case 2:
            printLines(nd, '\n\t      Neighbor Network-ID ' + nd.ipv4(rlp + 12) + ids);
            break;
          default:
            nd.printBreak('\n\t      Unknown Router Links Type 0x' + hex(nd.u8(rlp), 2));
            return true;
        }
        nd.print(', metric ' + nd.u16(rlp + 2));
        rlp += 16;
      }
      break;
    }
    case 2 | SCOPE_AREA: {
      if (lsaLength < 4) return false;
      lsaLength -= 4;
      nd.printBreak('\n\t      Options [' + bittok2str(optionValues, 'none', nd.u32(body)) + ']');
      nd.printBreak('\n\t      Connected Routers:');
      let ap = body + 4;
      while (lsaLength !== 0) {
        if (lsaLength < 4) return false;
        lsaLength -= 4;
        nd.printBreak('\n\t\t' + nd.ipv4(ap));
        ap += 4;
      }
      break;
    }
    case 3 | SCOPE_AREA: {
      if (lsaLength < 4) return false;
      lsaLength -= 4;
      nd.print(', metric ' + (nd.u32(body) & 0xffffff));
      tptr = body + 4;
      while (lsaLength !== 0) {
        const n = lsaPrefixPrint(nd, tptr, lsaLength);
        if (n < 0) return false;
        lsaLength -= n;
        tptr += n;
      }
      break;
    }
    case 5 | SCOPE_AS: {
      if (lsaLength < 4) return false;
      lsaLength -= 4;
      const flags = nd.u32(body);
      nd.printBreak('\n\t     Flags [' + bittok2str(aslaFlagValues, 'none', flags) + ']');
      nd.print(' metric ' + (nd.u32(body) & 0xffffff));
      tptr = body + 4;
      const prefixAt = tptr;
      const n = lsaPrefixPrint(nd, tptr, lsaLength);
      if (n < 0) return false;
      lsaLength -= n;
      tptr += n;
      if (flags & ASLA_FLAG_FWDADDR) {
        if (lsaLength < 16) return false;
        lsaLength -= 16;
        nd.print(' forward ' + nd.ipv6(tptr));
        tptr += 16;
      }
      if (flags & ASLA_FLAG_ROUTETAG) {
        if (lsaLength < 4) return false;
        lsaLength -= 4;
        nd.print(' tag ' + nd.ipv4(tptr));
        tptr += 4;
      }
      // tcpdump looks at the first byte of the prefix's metric for a referenced LS-ID.
      if (nd.u8(prefixAt + 2)) {
        if (lsaLength < 4) return false;
        lsaLength -= 4;
        nd.print(' RefLSID: ' + nd.ipv4(tptr));
        tptr += 4;
      }
      break;
    }
    case 8: {
      if (lsaLength < 4) return false;
      lsaLength -= 4;
      nd.need(body, 4);
      nd.printBreak('\n\t      Options [' + bittok2str(optionValues, 'none', nd.u32(body)) + ']');
      if (lsaLength < 20) return false;
      lsaLength -= 20;
      const count = nd.u32(body + 20);
      nd.printBreak('\n\t      Priority ' + nd.u8(body) + ', Link-local address ' + nd.ipv6(body + 4) + ', Prefixes ' + count + ':');
      tptr = body + 24;
      if (!prefixes(count)) return false;
      break;
    }
    case 9 | SCOPE_AREA: {
      if (lsaLength < 4) return false;
      lsaLength -= 4;
      nd.need(body + 8, 4);
      lsTypePrint(nd, nd.u16(body + 2), body + 4);
      if (lsaLength < 2) return false;
      lsaLength -= 2;
      const count = nd.u16(body);
      nd.printBreak('\n\t      Prefixes ' + count + ':');
      tptr = body + 12;
      if (!prefixes(count)) return false;
      break;
    }
    case 11:
      if (!ospfGraceLsaPrint(nd, tptr, lsaLength)) return false;
      break;
    case 10:
      if (!ospfTeLsaPrint(nd, tptr, lsaLength)) return false;
      break;
    default:
      if (!printUnknownData(nd, tptr, '\n\t      ', lsaLength)) return false;
  }
  return true;
}

/** The body of a version 3 packet; false when cut short. */
function decodeV3(nd: Dissector, op: number, dataend: number): boolean {
  const b = op + HDR;
  switch (nd.u8(op + 1)) {
    case 1:
      nd.printBreak('\n\tOptions [' + bittok2str(optionValues, 'none', nd.u32(b + 4)) + ']');
      nd.printBreak('\n\t  Hello Timer ' + nd.u16(b + 8) + 's, Dead Timer ' + nd.u16(b + 10) + 's, Interface-ID ' + nd.ipv4(b) + ', Priority ' + nd.u8(b + 4));
      if (nd.u32(b + 12) !== 0) nd.printBreak('\n\t  Designated Router ' + nd.ipv4(b + 12));
      if (nd.u32(b + 16) !== 0) nd.print(', Backup Designated Router ' + nd.ipv4(b + 16));
      if (nd.verbose > 1) {
        nd.printBreak('\n\t  Neighbor List:');
        for (let ap = b + 20; ap < dataend; ap += 4) nd.printBreak('\n\t    ' + nd.ipv4(ap));
      }
      break;
    case 2:
      nd.printBreak('\n\tOptions [' + bittok2str(optionValues, 'none', nd.u32(b)) + ']');
      nd.print(', DD Flags [' + bittok2str(ddFlagValues, 'none', nd.u8(b + 7)) + ']');
      nd.print(', MTU ' + nd.u16(b + 4) + ', DD-Sequence 0x' + hex(nd.u32(b + 8), 8));
      if (nd.verbose > 1) {
        for (let lsh = b + 12; lsh < dataend; lsh += LSA_HDR) if (!lshdrPrint(nd, lsh, dataend)) return false;
      }
      break;
    case 3:
      if (nd.verbose > 1) {
        for (let lsr = b; lsr < dataend; lsr += 12) {
          nd.need(lsr, 12);
          nd.printBreak('\n\t  Advertising Router ' + nd.ipv4(lsr + 8));
          lsTypePrint(nd, nd.u16(lsr + 2), lsr + 4);
        }
      }
      break;
    case 4:
      if (nd.verbose > 1) {
        let i = nd.u32(b);
        let lsa = b + 4;
        // tcpdump's counter is an int: a count from 2^31 on is negative and still counts down.
        i = i | 0;
        while (lsa < dataend && i-- !== 0) {
          if (!lsaPrint(nd, lsa, dataend)) return false;
          lsa += nd.u16(lsa + 18);
        }
      }
      break;
    case 5:
      if (nd.verbose > 1) {
        for (let lsh = b; lsh < dataend; lsh += LSA_HDR) if (!lshdrPrint(nd, lsh, dataend)) return false;
      }
      break;
  }
  return true;
}

/** RFC 5613 LLS block without its TLVs: its length, -1 when cut short. */
function llsPrint(nd: Dissector, cp: number, len: number): number {
  if (len === 0) return 0;
  if (len < 4) return -1;
  nd.printBreak('\n\tLLS Checksum 0x' + hex(nd.u16(cp), 4));
  const dataLen = nd.u16(cp + 2);
  nd.print(', Data Length ' + dataLen);
  if (dataLen < 4 || dataLen > len) return -1;
  nd.need(cp + 4, dataLen - 4);
  return dataLen;
}

/** RFC 6506 authentication trailer; false when cut short. */
function atPrint(nd: Dissector, cp: number, len: number): boolean {
  if (len === 0) return true;
  if (len < 16) return false;
  const type = nd.u16(cp);
  nd.printBreak('\n\tAuthentication Type ' + (authTypeValues.get(type) ?? 'unknown (0x' + hex(type, 4) + ')'));
  const dataLen = nd.u16(cp + 2);
  nd.print(', Length ' + dataLen);
  if (dataLen < 16 || dataLen > len) return false;
  nd.print(', SAID ' + nd.u16(cp + 6));
  nd.print(', CSN 0x' + hex(nd.u32(cp + 8), 8));
  nd.print(':' + hex(nd.u32(cp + 12), 8));
  nd.need(cp + 16, dataLen - 16);
  if (nd.verbose > 1) printUnknownData(nd, cp + 16, '\n\tAuthentication Data ', dataLen - 16);
  return true;
}

function trailerPrint(nd: Dissector, op: number, cp: number, len: number): boolean {
  const type = nd.u8(op + 1);
  let lls = false;
  if (type === 1) lls = (nd.u32(op + HDR + 4) & OPTION_L) !== 0;
  else if (type === 2) lls = (nd.u32(op + HDR) & OPTION_L) !== 0;
  let llslen = 0;
  if (lls && (llslen = llsPrint(nd, cp, len)) < 0) return false;
  return atPrint(nd, cp + llslen, len - llslen);
}

export function ospf6Print(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'ospf3';
  const type = nd.u8(bp + 1);
  const name = typeValues.get(type);
  nd.print('OSPFv' + nd.u8(bp) + ', ' + (name ?? 'unknown packet type (' + type + ')') + ', length ' + length);
  if (name === undefined || !nd.verbose) return;
  const datalen = nd.u16(bp + 2);
  if (datalen > length) {
    nd.print(' [len ' + datalen + ']');
    return;
  }
  const dataend = bp + datalen;
  nd.printBreak('\n\tRouter-ID ' + nd.ipv4(bp + 4));
  nd.print(nd.u32(bp + 8) !== 0 ? ', Area ' + nd.ipv4(bp + 8) : ', Backbone Area');
  if (nd.u8(bp + 14)) nd.print(', Instance ' + nd.u8(bp + 14));
  if (nd.u8(bp) === 3) {
    if (!decodeV3(nd, bp, dataend) || !trailerPrint(nd, bp, dataend, length - datalen)) nd.printTrunc();
  }
}
