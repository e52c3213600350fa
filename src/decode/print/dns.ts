import type { Dissector } from '../dissector.js';
import { ipv4Text, ipv6Text } from '../addr.js';
import { tcpPorts, udpPorts } from '../registry.js';
import { hex, hex2, tok, tok2str, unsignedRelts } from '../text.js';
import { charText } from './tcp.js';

/** DNS and multicast DNS over UDP and TCP (tcpdump's print-domain.c). */

const nsOps = [' ', ' inv_q', ' stat', ' op3', ' notify', ' update', ' op6', ' op7', ' op8', ' updateA', ' updateD', ' updateDA', ' updateM', ' updateMA', ' zoneInit', ' zoneRef'];
nsOps[0] = '';
const nsResp = [
  '',
  ' FormErr',
  ' ServFail',
  ' NXDomain',
  ' NotImp',
  ' Refused',
  ' YXDomain',
  ' YXRRSet',
  ' NXRRSet',
  ' NotAuth',
  ' NotZone',
  ' Resp11',
  ' Resp12',
  ' Resp13',
  ' Resp14',
  ' NoChange',
  ' BadVers',
  'Resp17',
  ' Resp18',
  ' Resp19',
  ' Resp20',
  'Resp21',
  ' Resp22',
  ' BadCookie',
];

function rcodeText(rcode: number): string {
  return rcode < nsResp.length ? nsResp[rcode] : ' Resp' + (rcode & 0xfff);
}

export const nsTypes = tok({
  1: 'A',
  2: 'NS',
  3: 'MD',
  4: 'MF',
  5: 'CNAME',
  6: 'SOA',
  7: 'MB',
  8: 'MG',
  9: 'MR',
  10: 'NULL',
  11: 'WKS',
  12: 'PTR',
  13: 'HINFO',
  14: 'MINFO',
  15: 'MX',
  16: 'TXT',
  17: 'RP',
  18: 'AFSDB',
  19: 'X25',
  20: 'ISDN',
  21: 'RT',
  22: 'NSAP',
  23: 'NSAP_PTR',
  24: 'SIG',
  25: 'KEY',
  26: 'PX',
  27: 'GPOS',
  28: 'AAAA',
  29: 'LOC',
  30: 'NXT',
  31: 'EID',
  32: 'NIMLOC',
  33: 'SRV',
  34: 'ATMA',
  35: 'NAPTR',
  36: 'KX',
  37: 'CERT',
  38: 'A6',
  39: 'DNAME',
  40: 'SINK',
  41: 'OPT',
  42: 'APL',
  43: 'DS',
  44: 'SSHFP',
  45: 'IPSECKEY',
  46: 'RRSIG',
  47: 'NSEC',
  48: 'DNSKEY',
  99: 'SPF',
  100: 'UINFO',
  101: 'UID',
  102: 'GID',
  103: 'UNSPEC',
  104: 'UNSPECA',
  249: 'TKEY',
  250: 'TSIG',
  251: 'IXFR',
  252: 'AXFR',
  253: 'MAILB',
  254: 'MAILA',
  255: 'ANY',
  256: 'URI',
});
export const nsClasses = tok({ 1: 'IN', 3: 'CHAOS', 4: 'HS', 255: 'ANY' });
const ednsOpts = tok({ 1: 'LLQ', 2: 'UL', 3: 'NSID', 5: 'DAU', 6: 'DHU', 7: 'N3U', 8: 'ECS', 9: 'EXPIRE', 10: 'COOKIE', 11: 'KEEPALIVE', 12: 'PADDING', 13: 'CHAIN', 14: 'KEY-TAG', 16: 'CLIENT-TAG', 17: 'SERVER-TAG' });
const dauAlgs = tok({
  0: 'DELETE',
  1: 'RSAMD5',
  2: 'DH',
  3: 'DS',
  5: 'RSASHA1',
  6: 'DSA-NSEC3-SHA1',
  7: 'RSASHA1-NSEC3-SHA1',
  8: 'RSASHA256',
  10: 'RSASHA512',
  12: 'ECC-GOST',
  13: 'ECDSAP256SHA256',
  14: 'ECDSAP384SHA384',
  15: 'ED25519',
  16: 'ED448',
  252: 'INDIRECT',
  253: 'PRIVATEDNS',
  254: 'PRIVATEOID',
});
const dhuAlgs = tok({ 1: 'SHA-1', 2: 'SHA-256', 3: 'GOST_R_34.11-94', 4: 'SHA-384' });
const n3uAlgs = tok({ 1: 'SHA-1' });

const T = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, A6: 38, DNAME: 39, OPT: 41, UNSPECA: 104, TSIG: 250, URI: 256 } as const;
const TYPE_MASK = 0xc0;
const TYPE_INDIR = 0xc0;
const TYPE_RESERVED = 0x80;
const TYPE_EDNS0 = 0x40;
const ELT_BITLABEL = 0x01;
const MAXCDNAME = 255;
const NONE = -1;

/** nd_printn: n characters as tcpdump shows them, stopping at ep; true when cut short. */
function printn(nd: Dissector, s: number, n: number, ep: number): boolean {
  let t = '';
  while (n > 0 && s < ep) {
    n--;
    t += charText(nd.u8(s));
    s++;
  }
  nd.print(t);
  return n !== 0;
}

/** ns_nskip: the offset after a name, without printing it; NONE when it runs off the capture. */
function nskip(nd: Dissector, cp: number): number {
  if (!nd.has(cp, 1)) return NONE;
  let i = nd.u8(cp);
  cp++;
  while (i) {
    switch (i & TYPE_MASK) {
      case TYPE_INDIR:
        return cp + 1;
      case TYPE_EDNS0: {
        if ((i & ~TYPE_MASK) !== ELT_BITLABEL) return NONE;
        if (!nd.has(cp, 1)) return NONE;
        let bitlen = nd.u8(cp);
        if (bitlen === 0) bitlen = 256;
        cp++;
        cp += Math.floor((bitlen + 7) / 8);
        break;
      }
      case TYPE_RESERVED:
        return NONE;
      default:
        cp += i;
    }
    if (!nd.has(cp, 1)) return NONE;
    i = nd.u8(cp);
    cp++;
  }
  return cp;
}

function blabel(nd: Dissector, cp: number): number {
  if (!nd.has(cp, 1)) return NONE;
  let bitlen = nd.u8(cp);
  if (bitlen === 0) bitlen = 256;
  const slen = Math.floor((bitlen + 3) / 4);
  const lim = cp + 1 + slen;
  let s = '\\[x';
  let bitp = cp + 1;
  let b = bitlen;
  for (; bitp < lim && b > 7; b -= 8, bitp++) s += hex2(nd.u8(bitp));
  if (b > 4) {
    const tc = nd.u8(bitp);
    s += hex2(tc & (0xff << (8 - b)) & 0xff);
  } else if (b > 0) {
    const tc = nd.u8(bitp);
    s += hex(((tc >> 4) & 0x0f) & (0x0f << (4 - b)) & 0x0f);
  }
  nd.print(s + '/' + bitlen + ']');
  return lim;
}

function labellen(nd: Dissector, cp: number): number {
  if (!nd.has(cp, 1)) return NONE;
  const i = nd.u8(cp);
  switch (i & TYPE_MASK) {
    case TYPE_EDNS0: {
      const elt = i & ~TYPE_MASK;
      if (elt !== ELT_BITLABEL) {
        nd.print('<ELT ' + elt + '>');
        return NONE;
      }
      if (!nd.has(cp + 1, 1)) return NONE;
      let bitlen = nd.u8(cp + 1);
      if (bitlen === 0) bitlen = 256;
      return Math.floor((bitlen + 7) / 8) + 1;
    }
    case TYPE_INDIR:
    case TYPE_LABEL:
      return i;
    default:
      nd.print('<BAD LABEL TYPE>');
      return NONE;
  }
}
const TYPE_LABEL = 0x00;

/**
 * A domain name, following compression pointers backwards only (tcpdump's fqdn_print):
 * returns the offset after the name where it was written, NONE when it is cut or bad.
 * bp is the start of the DNS message (pointers are relative to it).
 */
export function fqdnPrint(nd: Dissector, cp: number, bp: number): number {
  let l = labellen(nd, cp);
  if (l === NONE) return NONE;
  if (!nd.has(cp, 1)) return NONE;
  let maxOffset = cp - bp;
  let i = nd.u8(cp);
  cp++;
  let rp = NONE;
  let compress = false;
  if ((i & TYPE_MASK) !== TYPE_INDIR) rp = cp + l;
  if (i === 0) {
    nd.print('.');
    return rp;
  }
  let nameChars = 0;
  while (i && cp < nd.snapend) {
    switch (i & TYPE_MASK) {
      case TYPE_INDIR: {
        if (!compress) {
          rp = cp + 1;
          compress = true;
        }
        if (!nd.has(cp, 1)) return NONE;
        const offset = ((i << 8) | nd.u8(cp)) & 0x3fff;
        if (offset >= maxOffset) {
          nd.print('<BAD PTR>');
          return NONE;
        }
        maxOffset = offset;
        cp = bp + offset;
        if (!nd.has(cp, 1)) return NONE;
        i = nd.u8(cp);
        l = labellen(nd, cp);
        if (l === NONE) return NONE;
        cp++;
        continue;
      }
      case TYPE_EDNS0: {
        const elt = i & ~TYPE_MASK;
        if (elt !== ELT_BITLABEL) {
          nd.print('<ELT ' + elt + '>');
          return NONE;
        }
        if (blabel(nd, cp) === NONE) return NONE;
        break;
      }
      case TYPE_RESERVED:
        nd.print('<BAD LABEL TYPE>');
        return NONE;
      default:
        if (nameChars + l <= MAXCDNAME) {
          if (printn(nd, cp, l, nd.snapend)) return NONE;
        } else if (nameChars < MAXCDNAME) {
          if (printn(nd, cp, MAXCDNAME - nameChars, nd.snapend)) return NONE;
        }
        nameChars += l;
    }
    cp += l;
    if (nameChars <= MAXCDNAME) nd.print('.');
    nameChars++;
    if (!nd.has(cp, 1)) return NONE;
    i = nd.u8(cp);
    l = labellen(nd, cp);
    if (l === NONE) return NONE;
    cp++;
    if (!compress) rp += l + 1;
  }
  if (nameChars > MAXCDNAME) nd.print('<DOMAIN NAME TOO LONG>');
  return rp;
}

function cprint(nd: Dissector, cp: number): number {
  if (!nd.has(cp, 1)) return NONE;
  const i = nd.u8(cp);
  cp++;
  if (printn(nd, cp, i, nd.snapend)) return NONE;
  return cp + i;
}

function ecs(nd: Dissector, cp: number, dataLen: number): void {
  if (dataLen < 4) return nd.printInvalid();
  const family = nd.u16(cp);
  const srcLen = nd.u8(cp + 2);
  const scopeLen = nd.u8(cp + 3);
  cp += 4;
  const bits = family === 1 ? 32 : family === 2 ? 128 : 0;
  if (bits === 0) return nd.printInvalid();
  if (dataLen - 4 > bits / 8) return nd.printInvalid();
  if (srcLen > bits || scopeLen > bits || Math.floor((srcLen + 7) / 8) !== dataLen - 4) return nd.printInvalid();
  const padded = Buffer.alloc(16);
  for (let i = 0; i < dataLen - 4; i++) padded[i] = nd.u8(cp + i);
  nd.print((family === 1 ? ipv4Text(padded, 0) : ipv6Text(padded, 0)) + '/' + srcLen + '/' + scopeLen);
}

function eoptPrint(nd: Dissector, cp: number): number {
  if (!nd.has(cp, 2)) return NONE;
  const opt = nd.u16(cp);
  cp += 2;
  nd.print(tok2str(ednsOpts, 'Opt%u', opt));
  if (!nd.has(cp, 2)) return NONE;
  const dataLen = nd.u16(cp);
  cp += 2;
  if (!nd.has(cp, dataLen)) return NONE;
  if (dataLen > 0) {
    nd.print(' ');
    const list = (table: ReturnType<typeof tok>) => {
      for (let i = 0; i < dataLen; i++) nd.print((i > 0 ? ' ' : '') + tok2str(table, 'Alg_%u', nd.u8(cp + i)));
    };
    switch (opt) {
      case 8:
        ecs(nd, cp, dataLen);
        break;
      case 10:
        if (dataLen < 8 || (dataLen > 8 && dataLen < 16) || dataLen > 40) nd.printInvalid();
        else for (let i = 0; i < dataLen; i++) nd.print((i === 8 ? ' ' : '') + hex2(nd.u8(cp + i)));
        break;
      case 11:
        if (dataLen !== 2) nd.printInvalid();
        else nd.print((nd.u16(cp) / 10).toFixed(1) + ' sec');
        break;
      case 9:
        if (dataLen !== 4) nd.printInvalid();
        else nd.print(nd.u32(cp) + ' sec');
        break;
      case 12:
        nd.print('(' + dataLen + ')');
        break;
      case 14:
        if (dataLen % 2 !== 0) nd.printInvalid();
        else for (let i = 0; i < dataLen; i += 2) nd.print((i > 0 ? ' ' : '') + nd.u16(cp + i));
        break;
      case 5:
        list(dauAlgs);
        break;
      case 6:
        list(dhuAlgs);
        break;
      case 7:
        list(n3uAlgs);
        break;
      case 13:
        fqdnPrint(nd, cp, cp + dataLen);
        break;
      default:
        for (let i = 0; i < dataLen; i++) nd.print(hex2(nd.u8(cp + i)));
    }
  }
  return cp + dataLen;
}

function qprint(nd: Dissector, cp: number, bp: number, mdns: boolean): number {
  const np = cp;
  cp = nskip(nd, cp);
  if (cp === NONE || !nd.has(cp, 4)) return NONE;
  nd.print(' ' + tok2str(nsTypes, 'Type%u', nd.u16(cp)));
  const i = nd.u16(cp + 2);
  const cls = mdns ? i & ~0x8000 : i;
  if (cls !== 1) nd.print(' ' + tok2str(nsClasses, '(Class %u)', cls));
  if (mdns) nd.print(i & 0x8000 ? ' (QU)' : ' (QM)');
  nd.print('? ');
  const r = fqdnPrint(nd, np, bp);
  return r === NONE ? NONE : r + 4;
}

function rprint(nd: Dissector, cp: number, bp: number, mdns: boolean): number {
  if (nd.verbose > 0) {
    nd.print(' ');
    cp = fqdnPrint(nd, cp, bp);
    if (cp === NONE) return NONE;
  } else cp = nskip(nd, cp);
  if (cp === NONE || !nd.has(cp, 10)) return nd.snapend;
  const typ = nd.u16(cp);
  const i = nd.u16(cp + 2);
  cp += 4;
  const cls = mdns ? i & ~0x8000 : i;
  if (cls !== 1 && typ !== T.OPT) nd.print(' ' + tok2str(nsClasses, '(Class %u)', cls));
  if (mdns && i & 0x8000) nd.print(' (Cache flush)');
  let optFlags = 0;
  if (typ === T.OPT) {
    cp += 2;
    optFlags = nd.u16(cp);
    cp += 2;
  } else if (nd.verbose > 2) {
    nd.print(' [' + unsignedRelts(nd.u32(cp)) + ']');
    cp += 4;
  } else cp += 4;
  const len = nd.u16(cp);
  cp += 2;
  const rp = cp + len;
  nd.print(' ' + tok2str(nsTypes, 'Type%u', typ));
  if (rp > nd.snapend) return NONE;
  switch (typ) {
    case T.A:
      if (!nd.has(cp, 4)) return NONE;
      nd.print(' ' + ipv4Text(nd.buf, cp));
      break;
    case T.NS:
    case T.CNAME:
    case T.PTR:
    case T.DNAME:
      nd.print(' ');
      if (fqdnPrint(nd, cp, bp) === NONE) return NONE;
      break;
    case T.SOA:
      if (nd.verbose === 0) break;
      nd.print(' ');
      if ((cp = fqdnPrint(nd, cp, bp)) === NONE) return NONE;
      nd.print(' ');
      if ((cp = fqdnPrint(nd, cp, bp)) === NONE) return NONE;
      if (!nd.has(cp, 20)) return NONE;
      for (let k = 0; k < 5; k++) nd.print(' ' + nd.u32(cp + 4 * k));
      break;
    case T.MX:
      nd.print(' ');
      if (!nd.has(cp, 2)) return NONE;
      if (fqdnPrint(nd, cp + 2, bp) === NONE) return NONE;
      nd.print(' ' + nd.u16(cp));
      break;
    case T.TXT:
      while (cp < rp) {
        nd.print(' "');
        cp = cprint(nd, cp);
        if (cp === NONE) return NONE;
        nd.print('"');
      }
      break;
    case T.SRV:
      nd.print(' ');
      if (!nd.has(cp, 6)) return NONE;
      if (fqdnPrint(nd, cp + 6, bp) === NONE) return NONE;
      nd.print(':' + nd.u16(cp + 4) + ' ' + nd.u16(cp) + ' ' + nd.u16(cp + 2));
      break;
    case T.AAAA:
      if (!nd.has(cp, 16)) return NONE;
      nd.print(' ' + ipv6Text(nd.buf, cp));
      break;
    case T.A6: {
      if (!nd.has(cp, 1)) return NONE;
      const pbit = nd.u8(cp);
      const pbyte = (pbit & ~7) / 8;
      if (pbit > 128) {
        nd.print(' ' + pbit + '(bad plen)');
        break;
      } else if (pbit < 128) {
        const a = Buffer.alloc(16);
        nd.need(cp + 1, 16 - pbyte);
        for (let k = 0; k < 16 - pbyte; k++) a[pbyte + k] = nd.u8(cp + 1 + k);
        nd.print(' ' + pbit + ' ' + ipv6Text(a, 0));
      }
      if (pbit > 0) {
        nd.print(' ');
        if (fqdnPrint(nd, cp + 1 + 16 - pbyte, bp) === NONE) return NONE;
      }
      break;
    }
    case T.URI:
      if (!nd.has(cp, len)) return NONE;
      nd.print(' ' + nd.u16(cp) + ' ' + nd.u16(cp + 2) + ' ');
      if (printn(nd, cp + 4, (len - 4) >>> 0, nd.snapend)) return NONE;
      break;
    case T.OPT:
      nd.print(' UDPsize=' + cls);
      if (optFlags & 0x8000) nd.print(' DO');
      if (cp < rp) {
        nd.print(' [');
        while (cp < rp) {
          cp = eoptPrint(nd, cp);
          if (cp === NONE) return NONE;
          if (cp < rp) nd.print(',');
        }
        nd.print(']');
      }
      break;
    case T.UNSPECA:
      if (!nd.has(cp, len)) return NONE;
      if (printn(nd, cp, len, nd.snapend)) return NONE;
      break;
    case T.TSIG: {
      if (cp + len > nd.snapend) return NONE;
      if (nd.verbose === 0) break;
      nd.print(' ');
      if ((cp = fqdnPrint(nd, cp, bp)) === NONE) return NONE;
      cp += 6;
      const field = (name: string): boolean => {
        if (!nd.has(cp, 2)) return false;
        nd.print(' ' + name + '=' + nd.u16(cp));
        return true;
      };
      if (!field('fudge')) return NONE;
      cp += 2;
      if (!field('maclen')) return NONE;
      cp += 2 + nd.u16(cp);
      if (!field('origid')) return NONE;
      cp += 2;
      if (!field('error')) return NONE;
      cp += 2;
      if (!field('otherlen')) return NONE;
      cp += 2;
      break;
    }
  }
  return rp;
}

/** One section of records ("," between them); false when it runs off the capture. */
function records(nd: Dissector, cp: { at: number }, count: number, bp: number, mdns: boolean, head: string): boolean {
  if (cp.at < nd.snapend && count) {
    nd.print(head);
    if ((cp.at = rprint(nd, cp.at, bp, mdns)) === NONE) return false;
    count--;
    while (cp.at < nd.snapend && count) {
      nd.print(',');
      if ((cp.at = rprint(nd, cp.at, bp, mdns)) === NONE) return false;
      count--;
    }
  }
  return count === 0;
}

/** A DNS message at bp of length bytes (tcpdump's domain_print). */
export function domainPrint(nd: Dissector, bp: number, length: number, overTcp: boolean, mdns: boolean): void {
  nd.protocol = 'domain';
  if (overTcp) {
    if (length < 2) {
      nd.print(' [DNS over TCP: length ' + length + ' < 2]');
      nd.printInvalid();
      return;
    }
    length -= 2;
    const prefix = nd.u16(bp);
    if (prefix !== length) {
      nd.print(' [prefix length(' + prefix + ') != length(' + length + ')]');
      nd.printInvalid();
      return;
    }
    bp += 2;
    nd.print(' ');
  }
  if (length < 12) {
    nd.print(nd.protocol + ' [length ' + length + ' < 12]');
    nd.printInvalid();
    return;
  }
  if (!nd.has(bp, 12)) {
    nd.printTrunc();
    return;
  }
  const flags = nd.u16(bp + 2);
  let qdcount = nd.u16(bp + 4);
  let ancount = nd.u16(bp + 6);
  let nscount = nd.u16(bp + 8);
  let arcount = nd.u16(bp + 10);

  // The OPT record's extended rcode, if the message has one.
  let rcode = flags & 0xf;
  let cp = bp + 12;
  find: {
    for (let i = 0; i < qdcount; i++) {
      if ((cp = nskip(nd, cp)) === NONE) break find;
      cp += 4;
      if (cp >= nd.snapend) break find;
    }
    for (let i = 0; i < ancount + nscount; i++) {
      if ((cp = nskip(nd, cp)) === NONE) break find;
      cp += 8;
      if (cp + 2 > nd.snapend) break find;
      cp += 2 + nd.u16(cp);
      if (cp >= nd.snapend) break find;
    }
    for (let i = 0; i < arcount; i++) {
      if ((cp = nskip(nd, cp)) === NONE) break find;
      if (cp + 2 > nd.snapend) break find;
      const type = nd.u16(cp);
      cp += 4;
      if (cp + 1 > nd.snapend) break find;
      if (type === T.OPT) {
        rcode |= nd.u8(cp) << 4;
        break find;
      }
      cp += 4;
      if (cp + 2 > nd.snapend) break find;
      cp += 2 + nd.u16(cp);
      if (cp >= nd.snapend) break find;
    }
  }

  const trunc = () => nd.printTrunc();
  const opcode = (flags >> 11) & 0xf;
  const c = { at: bp + 12 };
  if (flags & 0x8000) {
    nd.print(
      nd.u16(bp) +
        nsOps[opcode] +
        rcodeText(rcode) +
        (flags & 0x0400 ? '*' : '') +
        (flags & 0x0080 ? '' : '-') +
        (flags & 0x0200 ? '|' : '') +
        (flags & 0x0020 ? '$' : ''),
    );
    if (qdcount !== 1) nd.print(' [' + qdcount + 'q]');
    for (let i = 0; i < qdcount; i++) {
      if (i !== 0) nd.print(',');
      if (nd.verbose > 1) {
        nd.print(' q:');
        if ((c.at = qprint(nd, c.at, bp, mdns)) === NONE) return trunc();
      } else {
        if ((c.at = nskip(nd, c.at)) === NONE) return trunc();
        c.at += 4;
      }
    }
    nd.print(' ' + ancount + '/' + nscount + '/' + arcount);
    if (ancount) {
      if ((c.at = rprint(nd, c.at, bp, mdns)) === NONE) return trunc();
      ancount--;
      while (c.at < nd.snapend && ancount) {
        nd.print(',');
        if ((c.at = rprint(nd, c.at, bp, mdns)) === NONE) return trunc();
        ancount--;
      }
    }
    if (ancount) return trunc();
    if (nd.verbose > 1) {
      if (!records(nd, c, nscount, bp, mdns, ' ns:')) return trunc();
      if (!records(nd, c, arcount, bp, mdns, ' ar:')) return trunc();
    }
  } else {
    nd.print(nd.u16(bp) + nsOps[opcode] + (flags & 0x0100 ? '+' : '') + (flags & 0x0010 ? '%' : ''));
    if (flags & 0x6cf) nd.print(' [b2&3=0x' + hex(flags) + ']');
    if (opcode === 1) {
      if (qdcount) nd.print(' [' + qdcount + 'q]');
      if (ancount !== 1) nd.print(' [' + ancount + 'a]');
    } else {
      if (ancount) nd.print(' [' + ancount + 'a]');
      if (qdcount !== 1) nd.print(' [' + qdcount + 'q]');
    }
    if (nscount) nd.print(' [' + nscount + 'n]');
    if (arcount) nd.print(' [' + arcount + 'au]');
    if (qdcount) {
      if ((c.at = qprint(nd, c.at, bp, mdns)) === NONE) return trunc();
      qdcount--;
      while (c.at < nd.snapend && qdcount) {
        if ((c.at = qprint(nd, c.at, bp, mdns)) === NONE) return trunc();
        qdcount--;
      }
    }
    if (qdcount) return trunc();
    if (nd.verbose > 1) {
      if (ancount) {
        if ((c.at = rprint(nd, c.at, bp, mdns)) === NONE) return trunc();
        ancount--;
        while (c.at < nd.snapend && ancount) {
          nd.print(',');
          if ((c.at = rprint(nd, c.at, bp, mdns)) === NONE) return trunc();
          ancount--;
        }
      }
      if (ancount) return trunc();
      if (!records(nd, c, nscount, bp, mdns, ' ns:')) return trunc();
      if (!records(nd, c, arcount, bp, mdns, ' ar:')) return trunc();
    }
  }
  nd.print(' (' + length + ')');
}

udpPorts.register('domain', (nd, at, length) => domainPrint(nd, at, length, false, false));
udpPorts.register('mdns', (nd, at, length) => domainPrint(nd, at, length, false, true));
tcpPorts.register('domain', (nd, at, length) => domainPrint(nd, at, length, true, false));
