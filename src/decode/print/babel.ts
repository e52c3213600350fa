import { ipv4Text, ipv6Text } from '../addr.js';
import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { hex, hex2, tok, tok2str } from '../text.js';

/** The Babel routing protocol, version 2 (tcpdump's print-babel.c). */

const PAD1 = 0;
const HELLO = 4;
const IHU = 5;
const UPDATE = 8;
const UPDATE_SRC_SPECIFIC = 13;

const diversityValues = tok({ 0: 'reserved', 255: 'all' });
const V4PREFIX = Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0]);

function formatId(nd: Dissector, at: number): string {
  let s = hex2(nd.u8(at));
  for (let i = 1; i < 8; i++) s += ':' + hex2(nd.u8(at + i));
  return s;
}

function isV4(prefix: Buffer): boolean {
  return prefix.compare(V4PREFIX, 0, 12, 0, 12) === 0;
}

function formatPrefix(prefix: Buffer, plen: number): string {
  if (plen >= 96 && isV4(prefix)) return ipv4Text(prefix, 12) + '/' + (plen - 96);
  return ipv6Text(prefix, 0) + '/' + plen;
}

function formatAddress(prefix: Buffer): string {
  return isV4(prefix) ? ipv4Text(prefix, 12) : ipv6Text(prefix, 0);
}

function formatInterval(i: number): string {
  if (i === 0) return '0.0s (bogus)';
  const c = i % 100;
  return Math.floor(i / 100) + '.' + (c < 10 ? '0' : '') + c + 's';
}

function formatIntervalUpdate(i: number): string {
  return i === 0xffff ? 'infinity' : formatInterval(i);
}

function formatTimestamp(i: number): string {
  let f = String(i % 1000000);
  while (f.length < 6) f = '0' + f;
  return Math.floor(i / 1000000) + '.' + f + 's';
}

/**
 * network_prefix: an address of encoding ae from p (len bytes there), the first
 * `omitted` bytes taken from dp; the bytes consumed, -1 when invalid. The result is
 * left in out.
 */
function networkPrefix(nd: Dissector, ae: number, plen: number, omitted: number, p: number, dp: Buffer | null, len: number, out: Buffer): number {
  let pb: number;
  if (plen >= 0) pb = (plen + 7) >> 3;
  else if (ae === 1) pb = 4;
  else pb = 16;
  if (pb > 16) return -1;
  const prefix = Buffer.alloc(16);
  let consumed = 0;
  switch (ae) {
    case 0:
      break;
    case 1:
      if (omitted > 4 || pb > 4 || (pb > omitted && len < pb - omitted)) return -1;
      V4PREFIX.copy(prefix, 0, 0, 12);
      if (omitted) {
        if (dp === null) return -1;
        dp.copy(prefix, 0, 0, 12 + omitted);
      }
      if (pb > omitted) {
        for (let i = 0; i < pb - omitted; i++) prefix[12 + omitted + i] = nd.u8(p + i);
        consumed = pb - omitted;
      }
      break;
    case 2:
      if (omitted > 16 || (pb > omitted && len < pb - omitted)) return -1;
      if (omitted) {
        if (dp === null) return -1;
        dp.copy(prefix, 0, 0, omitted);
      }
      if (pb > omitted) {
        for (let i = 0; i < pb - omitted; i++) prefix[omitted + i] = nd.u8(p + i);
        consumed = pb - omitted;
      }
      break;
    case 3:
      if (pb > 8 && len < pb - 8) return -1;
      prefix[0] = 0xfe;
      prefix[1] = 0x80;
      if (pb > 8) {
        for (let i = 0; i < pb - 8; i++) prefix[8 + i] = nd.u8(p + i);
        consumed = pb - 8;
      }
      break;
    default:
      return -1;
  }
  prefix.copy(out);
  return consumed;
}

/** Sub-TLVs from cp to ep; prints tcpdump's (invalid) when one runs past ep. */
function subtlvsPrint(nd: Dissector, cp: number, ep: number, tlvType: number): void {
  while (cp < ep) {
    const subtype = nd.u8(cp++);
    if (subtype === 0) {
      nd.print(' sub-pad1');
      continue;
    }
    if (subtype & 0x80) nd.print(' (M)');
    if (cp === ep) return nd.printInvalid();
    let sublen = nd.u8(cp++);
    if (cp + sublen > ep) return nd.printInvalid();
    switch (subtype) {
      case 1:
        nd.print(' sub-padn');
        cp += sublen;
        break;
      case 2: {
        nd.print(' sub-diversity');
        if (sublen === 0) {
          nd.print(' empty');
          break;
        }
        let sep = ' ';
        while (sublen) {
          nd.print(sep + tok2str(diversityValues, '%u', nd.u8(cp)));
          cp++;
          sep = '-';
          sublen--;
        }
        if (tlvType !== UPDATE && tlvType !== UPDATE_SRC_SPECIFIC) nd.print(' (bogus)');
        break;
      }
      case 3:
        nd.print(' sub-timestamp');
        if (tlvType === HELLO) {
          if (sublen < 4) return nd.printInvalid();
          nd.print(' ' + formatTimestamp(nd.u32(cp)));
        } else if (tlvType === IHU) {
          if (sublen < 8) return nd.printInvalid();
          nd.print(' ' + formatTimestamp(nd.u32(cp)));
          nd.print('|' + formatTimestamp(nd.u32(cp + 4)));
        } else nd.print(' (bogus)');
        cp += sublen;
        break;
      default:
        nd.print(' sub-unknown-0x' + hex(subtype, 2));
        cp += sublen;
    }
  }
}

const TRUNC = -1;
const INVALID = -2;

/** The TLVs of a body or trailer: 0, or TRUNC / INVALID. */
function tlvsPrint(nd: Dissector, cp: number, tlvsLength: number, remaining: number): number {
  // The prefixes updates with the "prefix" flag leave for the next ones to abbreviate.
  const v4Prefix = Buffer.from(V4PREFIX);
  const v6Prefix = Buffer.alloc(16);
  const prefix = Buffer.alloc(16);
  const srcPrefix = Buffer.alloc(16);
  const v = nd.verbose > 0;
  let i = 0;
  while (i < tlvsLength) {
    const m = cp + i;
    const fits = (l: number) => i + l <= tlvsLength && i + l <= remaining;
    if (!fits(1)) return INVALID;
    const type = nd.u8(m);
    if (type === PAD1) {
      if (v) nd.printBreak('\n\tPad 1');
      else nd.print(' pad1');
      i += 1;
      continue;
    }
    if (!fits(2)) return INVALID;
    if (!nd.has(m, 2)) return TRUNC;
    const len = nd.u8(m + 1);
    if (!fits(2 + len)) return INVALID;
    if (!nd.has(m, 2 + len)) return TRUNC;
    switch (type) {
      case 1:
        if (!v) nd.print(' padN');
        else nd.printBreak('\n\tPad ' + (len + 2));
        break;
      case 2:
        if (!v) nd.print(' ack-req');
        else {
          nd.printBreak('\n\tAcknowledgment Request ');
          if (len < 6) return INVALID;
          nd.print(hex(nd.u16(m + 4), 4) + ' ' + formatInterval(nd.u16(m + 6)));
        }
        break;
      case 3:
        if (!v) nd.print(' ack');
        else {
          nd.printBreak('\n\tAcknowledgment ');
          if (len < 2) return INVALID;
          nd.print(hex(nd.u16(m + 2), 4));
        }
        break;
      case HELLO:
        if (!v) nd.print(' hello');
        else {
          nd.printBreak('\n\tHello ');
          if (len < 6) return INVALID;
          const unicast = nd.u16(m + 2) & 0x8000;
          const seqno = nd.u16(m + 4);
          const interval = nd.u16(m + 6);
          if (unicast) nd.print('(Unicast) ');
          nd.print('seqno ' + seqno + ' ');
          nd.print(interval !== 0 ? 'interval ' + formatInterval(interval) : 'unscheduled');
          if (len > 6) subtlvsPrint(nd, m + 8, m + 2 + len, type);
        }
        break;
      case IHU:
        if (!v) nd.print(' ihu');
        else {
          nd.printBreak('\n\tIHU ');
          if (len < 6) return INVALID;
          const rxcost = nd.u16(m + 4);
          const interval = nd.u16(m + 6);
          const ae = nd.u8(m + 2);
          const rc = networkPrefix(nd, ae, -1, 0, m + 8, null, len - 6, prefix);
          if (rc < 0) {
            nd.printTrunc();
            break;
          }
          nd.print((ae === 0 ? 'any' : formatAddress(prefix)) + ' rxcost ' + rxcost + ' interval ' + formatInterval(interval));
          if (rc < len - 6) subtlvsPrint(nd, m + 8 + rc, m + 2 + len, type);
        }
        break;
      case 6:
        if (!v) nd.print(' router-id');
        else {
          nd.printBreak('\n\tRouter Id');
          if (len < 10) return INVALID;
          nd.print(' ' + formatId(nd, m + 4));
        }
        break;
      case 7:
        if (!v) nd.print(' nh');
        else {
          nd.printBreak('\n\tNext Hop');
          if (len < 2) return INVALID;
          const ae = nd.u8(m + 2);
          const rc = networkPrefix(nd, ae, -1, 0, m + 4, null, len - 2, prefix);
          if (rc < 0) return INVALID;
          nd.print(' ' + (ae === 0 ? 'invalid AE 0' : formatAddress(prefix)));
        }
        break;
      case UPDATE: {
        if (!v) {
          nd.print(' update');
          if (len < 10) return INVALID;
          const f = nd.u8(m + 3);
          nd.print((f & 0x80 ? '/prefix' : '') + (f & 0x40 ? '/id' : '') + (f & 0x3f ? '/unknown' : ''));
          break;
        }
        nd.printBreak('\n\tUpdate');
        if (len < 10) return INVALID;
        const ae = nd.u8(m + 2);
        const plen = (nd.u8(m + 4) + (ae === 1 ? 96 : 0)) & 0xff;
        const rc = networkPrefix(nd, ae, nd.u8(m + 4), nd.u8(m + 5), m + 12, ae === 1 ? v4Prefix : v6Prefix, len - 10, prefix);
        if (rc < 0) return INVALID;
        const interval = nd.u16(m + 6);
        const seqno = nd.u16(m + 8);
        const metric = nd.u16(m + 10);
        const f = nd.u8(m + 3);
        nd.print(
          (f & 0x80 ? '/prefix' : '') +
            (f & 0x40 ? '/id' : '') +
            (f & 0x3f ? '/unknown' : '') +
            ' ' +
            (ae === 0 ? 'any' : formatPrefix(prefix, plen)) +
            ' metric ' +
            metric +
            ' seqno ' +
            seqno +
            ' interval ' +
            formatIntervalUpdate(interval),
        );
        if (f & 0x80) prefix.copy(ae === 1 ? v4Prefix : v6Prefix);
        if (rc < len - 10) subtlvsPrint(nd, m + 12 + rc, m + 2 + len, type);
        break;
      }
      case 9:
        if (!v) nd.print(' route-request');
        else {
          nd.printBreak('\n\tRoute Request ');
          if (len < 2) return INVALID;
          const ae = nd.u8(m + 2);
          const plen = (nd.u8(m + 3) + (ae === 1 ? 96 : 0)) & 0xff;
          const rc = networkPrefix(nd, ae, nd.u8(m + 3), 0, m + 4, null, len - 2, prefix);
          if (rc < 0) return INVALID;
          nd.print('for ' + (ae === 0 ? 'any' : formatPrefix(prefix, plen)));
        }
        break;
      case 10:
        if (!v) nd.print(' seqno-request');
        else {
          nd.printBreak('\n\tSeqno Request ');
          if (len < 14) return INVALID;
          const ae = nd.u8(m + 2);
          const seqno = nd.u16(m + 4);
          const rc = networkPrefix(nd, ae, nd.u8(m + 3), 0, m + 16, null, len - 14, prefix);
          if (rc < 0) return INVALID;
          const plen = (nd.u8(m + 3) + (ae === 1 ? 96 : 0)) & 0xff;
          nd.print('(' + nd.u8(m + 6) + ' hops) for ' + (ae === 0 ? 'invalid AE 0' : formatPrefix(prefix, plen)) + ' seqno ' + seqno + ' id ' + formatId(nd, m + 8));
        }
        break;
      case 11:
        if (!v) nd.print(' tspc');
        else {
          nd.printBreak('\n\tTS/PC ');
          if (len < 6) return INVALID;
          nd.print('timestamp ' + nd.u32(m + 4) + ' packetcounter ' + nd.u16(m + 2));
        }
        break;
      case 12:
        if (!v) nd.print(' hmac');
        else {
          nd.printBreak('\n\tHMAC ');
          if (len < 18) return INVALID;
          nd.print('key-id ' + nd.u16(m + 2) + ' digest-' + (len - 2) + ' ');
          for (let j = 0; j < len - 2; j++) nd.print(hex2(nd.u8(m + j + 4)).toUpperCase());
        }
        break;
      case UPDATE_SRC_SPECIFIC:
        if (!v) nd.print(' ss-update');
        else {
          nd.printBreak('\n\tSS-Update');
          if (len < 10) return INVALID;
          const ae = nd.u8(m + 2);
          let srcPlen = nd.u8(m + 3);
          let plen = nd.u8(m + 4);
          const omitted = nd.u8(m + 5);
          const interval = nd.u16(m + 6);
          const seqno = nd.u16(m + 8);
          const metric = nd.u16(m + 10);
          let parsed = 10;
          let rc = networkPrefix(nd, ae, plen, omitted, m + 2 + parsed, ae === 1 ? v4Prefix : v6Prefix, len - parsed, prefix);
          if (rc < 0) return INVALID;
          if (ae === 1) plen = (plen + 96) & 0xff;
          parsed += rc;
          rc = networkPrefix(nd, ae, srcPlen, 0, m + 2 + parsed, null, len - parsed, srcPrefix);
          if (rc < 0) return INVALID;
          if (ae === 1) srcPlen = (srcPlen + 96) & 0xff;
          parsed += rc;
          nd.print(' ' + formatPrefix(prefix, plen) + ' from');
          nd.print(' ' + formatPrefix(srcPrefix, srcPlen) + ' metric ' + metric + ' seqno ' + seqno + ' interval ' + formatIntervalUpdate(interval));
          if (parsed < len) subtlvsPrint(nd, m + 2 + parsed, m + 2 + len, type);
        }
        break;
      case 14:
        if (!v) nd.print(' ss-request');
        else {
          nd.printBreak('\n\tSS-Request ');
          if (len < 3) return INVALID;
          const ae = nd.u8(m + 2);
          let plen = nd.u8(m + 3);
          let srcPlen = nd.u8(m + 4);
          let parsed = 3;
          let rc = networkPrefix(nd, ae, plen, 0, m + 2 + parsed, null, len - parsed, prefix);
          if (rc < 0) return INVALID;
          if (ae === 1) plen = (plen + 96) & 0xff;
          parsed += rc;
          rc = networkPrefix(nd, ae, srcPlen, 0, m + 2 + parsed, null, len - parsed, srcPrefix);
          if (rc < 0) return INVALID;
          if (ae === 1) srcPlen = (srcPlen + 96) & 0xff;
          if (ae === 0) nd.print('for any');
          else {
            nd.print('for (' + formatPrefix(prefix, plen) + ', ');
            nd.print(formatPrefix(srcPrefix, srcPlen) + ')');
          }
        }
        break;
      case 15:
        if (!v) nd.print(' ss-mh-request');
        else {
          nd.printBreak('\n\tSS-MH-Request ');
          if (len < 14) return INVALID;
          const ae = nd.u8(m + 2);
          let plen = nd.u8(m + 3);
          const seqno = nd.u16(m + 4);
          const hopc = nd.u8(m + 6);
          let srcPlen = nd.u8(m + 7);
          let parsed = 14;
          let rc = networkPrefix(nd, ae, plen, 0, m + 2 + parsed, null, len - parsed, prefix);
          if (rc < 0) return INVALID;
          if (ae === 1) plen = (plen + 96) & 0xff;
          parsed += rc;
          rc = networkPrefix(nd, ae, srcPlen, 0, m + 2 + parsed, null, len - parsed, srcPrefix);
          if (rc < 0) return INVALID;
          if (ae === 1) srcPlen = (srcPlen + 96) & 0xff;
          nd.print('(' + hopc + ' hops) for (' + formatPrefix(prefix, plen) + ', ');
          nd.print(formatPrefix(srcPrefix, srcPlen) + ') seqno ' + seqno + ' id ' + formatId(nd, m + 8));
        }
        break;
      case 16:
        if (!v) nd.print(' mac');
        else {
          nd.printBreak('\n\tMAC ');
          nd.print('len ' + len);
        }
        break;
      case 17:
        if (!v) nd.print(' pc');
        else {
          nd.printBreak('\n\tPC');
          if (len < 4) return INVALID;
          nd.print(' value ' + nd.u32(m + 2));
          nd.print(' index len ' + (len - 4));
        }
        break;
      case 18:
      case 19:
        if (!v) nd.print(type === 18 ? ' challenge_request' : ' challenge_reply');
        else {
          nd.printBreak(type === 18 ? '\n\tChallenge Request' : '\n\tChallenge Reply');
          if (len > 192) return INVALID;
          nd.print(' len ' + len);
        }
        break;
      default:
        if (!v) nd.print(' unknown');
        else nd.printBreak('\n\tUnknown message type ' + type);
    }
    i += len + 2;
  }
  return 0;
}

function v2Print(nd: Dissector, cp: number, length: number): void {
  nd.need(cp, 4);
  if (length < 4) return nd.printInvalid();
  const bodylen = nd.u16(cp + 2);
  nd.print(' (' + bodylen + ')');
  length -= 4;
  cp += 4;
  if (length < bodylen) return nd.printInvalid();
  let ret = tlvsPrint(nd, cp, bodylen, length);
  if (ret === TRUNC) return nd.printTrunc();
  if (ret === INVALID) return nd.printInvalid();
  length -= bodylen;
  cp += bodylen;
  if (length !== 0) {
    if (nd.verbose) nd.printBreak('\n\t----');
    else nd.print(' |');
    ret = tlvsPrint(nd, cp, length, length);
    if (ret === TRUNC) return nd.printTrunc();
    if (ret === INVALID) return nd.printInvalid();
  }
}

export function babelPrint(nd: Dissector, cp: number, length: number): void {
  nd.protocol = 'babel';
  nd.print('babel');
  if (!nd.has(cp, 4)) return nd.printTrunc();
  if (nd.u8(cp) !== 42) {
    nd.print(' invalid header');
    return;
  }
  nd.print(' ' + nd.u8(cp + 1));
  if (nd.u8(cp + 1) === 2) v2Print(nd, cp, length);
  else nd.print(' unknown version');
}

udpPorts.register('babel', babelPrint);
