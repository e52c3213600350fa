import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { hex, hex2, tok, tok2str } from '../text.js';
import { ouiValues } from './llc.js';
import { PPP, pppTypes } from './ppp-types.js';

/** The configuration options of LCP, IPCP, IP6CP, CCP and BACP (tcpdump's print-ppp.c, print_*_config_options). */

const lcpOptions = [
  'Vend-Ext', 'MRU', 'ACCM', 'Auth-Prot', 'Qual-Prot', 'Magic-Num', 'deprecated(6)', 'PFC', 'ACFC', 'FCS-Alt', 'SDP',
  'Num-Mode', 'deprecated(12)', 'Call-Back', 'deprecated(14)', 'deprecated(15)', 'deprecated(16)', 'MRRU',
  '12-Bit seq #', 'End-Disc', 'Proprietary', 'DCE-Id', 'MP+', 'Link-Disc', 'LCP-Auth-Opt', 'COBS', 'Prefix-elision',
  'Multilink-header-Form', 'I18N', 'SDL-over-SONET/SDH', 'PPP-Muxing',
];

const ccpOptions = tok({
  0: 'OUI',
  1: 'Pred-1',
  2: 'Pred-2',
  3: 'Puddle',
  16: 'HP-PPC',
  17: 'Stac-LZS',
  18: 'MPPC',
  19: 'Gand-FZA',
  20: 'V.42bis',
  21: 'BSD-Comp',
  23: 'LZS-DCP',
  24: 'MVRCA',
  25: 'DEC',
  26: 'Deflate',
  255: 'Reserved',
});
const bacpOptions = tok({ 1: 'Favored-Peer' });
const ipcpOptions = tok({ 1: 'IP-Addrs', 2: 'IP-Comp', 3: 'IP-Addr', 4: 'Home-Addr', 129: 'Pri-DNS', 130: 'Pri-NBNS', 131: 'Sec-DNS', 132: 'Sec-NBNS' });
const ipcpCompProtos = tok({ 0x002d: 'VJ-Comp', 0x61: 'IP Header Compression' });
const ipcpCompSubopts = tok({ 1: 'RTP-Compression', 2: 'Enhanced RTP-Compression' });
const ip6cpOptions = tok({ 1: 'Interface-ID' });
const authAlgs = tok({ 5: 'MD5', 128: 'MS-CHAPv1', 129: 'MS-CHAPv2' });
const callbacks = tok({ 0: 'UserAuth', 1: 'DialString', 2: 'LocalID', 3: 'E.164', 4: 'X.500', 6: 'CBCP' });

export type OptionPrinter = (nd: Dissector, p: number, length: number) => number;

/** An option printer's trunc: label (tcpdump's ND_TCHECK without longjmp): "[|lcp]" and no more options. */
function cut(nd: Dissector, proto: string): number {
  nd.print('[|' + proto + ']');
  return 0;
}

/** The dump of an option's value after it (-vv), or instead of a decode (unknown options). */
function optionTail(nd: Dissector, p: number, len: number, unknown: boolean): void {
  if (unknown && nd.verbose < 2) printUnknownData(nd, p + 2, '\n\t    ', len - 2);
  if (nd.verbose > 1) printUnknownData(nd, p + 2, '\n\t    ', len - 2);
}

export function lcpOption(nd: Dissector, p: number, length: number): number {
  if (length < 2) return 0;
  if (!nd.has(p, 2)) return cut(nd, 'lcp');
  const opt = nd.u8(p);
  const len = nd.u8(p + 1);
  if (length < len) return 0;
  const known = opt < lcpOptions.length;
  if (len < 2) {
    if (known) nd.printBreak('\n\t  ' + lcpOptions[opt] + ' Option (0x' + hex2(opt) + '), length ' + len + ' (length bogus, should be >= 2)');
    else nd.printBreak('\n\tunknown LCP option 0x' + hex2(opt));
    return 0;
  }
  if (!known) {
    nd.printBreak('\n\tunknown LCP option 0x' + hex2(opt));
    return len;
  }
  nd.printBreak('\n\t  ' + lcpOptions[opt] + ' Option (0x' + hex2(opt) + '), length ' + len);
  const bogus = (want: string, ret: number) => {
    nd.print(' (length bogus, should be ' + want + ')');
    return ret;
  };
  let unknown = false;
  switch (opt) {
    case 0: {
      if (len < 6) return bogus('>= 6', len);
      const oui = nd.u24(p + 2);
      nd.print(': Vendor: ' + tok2str(ouiValues, 'Unknown', oui) + ' (' + oui + ')');
      break;
    }
    case 1:
      if (len !== 4) return bogus('= 4', len);
      nd.print(': ' + nd.u16(p + 2));
      break;
    case 2:
      if (len !== 6) return bogus('= 6', len);
      nd.print(': 0x' + hex(nd.u32(p + 2), 8));
      break;
    case 3: {
      if (len < 4) return bogus('>= 4', len);
      const proto = nd.u16(p + 2);
      nd.print(': ' + tok2str(pppTypes, 'Unknown Auth Proto (0x04x)', proto));
      if (proto === PPP.CHAP) nd.print(', ' + tok2str(authAlgs, 'Unknown Auth Alg %u', nd.u8(p + 4)));
      else if (proto !== PPP.PAP && proto !== PPP.EAP && proto !== PPP.SPAP && proto !== PPP.SPAP_OLD) printUnknownData(nd, p, '\n\t', len);
      break;
    }
    case 4:
      if (len < 4) return bogus('>= 4', 0);
      nd.print(nd.u16(p + 2) === PPP.LQM ? ': LQR' : ': unknown');
      break;
    case 5:
      if (len !== 6) return bogus('= 6', 0);
      nd.print(': 0x' + hex(nd.u32(p + 2), 8));
      break;
    case 7:
    case 8:
      break;
    case 23:
      if (len !== 4) return bogus('= 4', 0);
      nd.print(': 0x' + hex(nd.u16(p + 2), 4));
      break;
    case 13: {
      if (len < 3) return bogus('>= 3', 0);
      nd.print(': ');
      const op = nd.u8(p + 2);
      nd.print(': Callback Operation ' + tok2str(callbacks, 'Unknown', op) + ' (' + op + ')');
      break;
    }
    case 17:
      if (len !== 4) return bogus('= 4', 0);
      nd.print(': ' + nd.u16(p + 2));
      break;
    case 19: {
      if (len < 3) return bogus('>= 3', 0);
      const cls = nd.u8(p + 2);
      if (cls === 0) nd.print(': Null');
      else if (cls === 1) nd.print(': Local');
      else if (cls === 2) {
        if (len !== 7) return bogus('= 7', 0);
        nd.print(': IPv4 ' + nd.ipv4(p + 3));
      } else if (cls === 3) {
        if (len !== 9) return bogus('= 9', 0);
        nd.print(': MAC ' + nd.mac(p + 3));
      } else if (cls === 4) nd.print(': Magic-Num-Block');
      else if (cls === 5) nd.print(': PSNDN');
      else nd.print(': Unknown class ' + cls);
      break;
    }
    default:
      unknown = true;
  }
  optionTail(nd, p, len, unknown);
  return len;
}

/** An option's type and length, printed with its name; the length when it is sane, else 0 (caller stops). */
function optionHeader(nd: Dissector, p: number, length: number, names: typeof ccpOptions, unknownName: string, proto: string): number {
  if (length < 2) return 0;
  if (!nd.has(p, 2)) return cut(nd, proto);
  const opt = nd.u8(p);
  const len = nd.u8(p + 1);
  if (length < len) return 0;
  const head = '\n\t  ' + tok2str(names, unknownName, opt) + ' Option (0x' + hex2(opt) + '), length ' + len;
  if (len < 2) {
    nd.printBreak(head + ' (length bogus, should be >= 2)');
    return 0;
  }
  nd.printBreak(head);
  return len;
}

export function ipcpOption(nd: Dissector, p: number, length: number): number {
  const len = optionHeader(nd, p, length, ipcpOptions, 'unknown', 'ipcp');
  if (len === 0) return 0;
  const opt = nd.u8(p);
  let unknown = false;
  if (opt === 1) {
    if (len !== 10) {
      nd.print(' (length bogus, should be = 10)');
      return len;
    }
    nd.print(': src ' + nd.ipv4(p + 2) + ', dst ' + nd.ipv4(p + 6));
  } else if (opt === 2) {
    if (len < 4) {
      nd.print(' (length bogus, should be >= 4)');
      return 0;
    }
    const comp = nd.u16(p + 2);
    nd.print(': ' + tok2str(ipcpCompProtos, 'Unknown', comp) + ' (0x' + hex2(comp) + '):');
    if (comp === 0x61) {
      if (len < 14) {
        nd.print(' (length bogus, should be >= 14)');
        return 0;
      }
      if (!nd.has(p + 2, 14)) return cut(nd, 'ipcp');
      nd.printBreak(
        '\n\t    TCP Space ' +
          nd.u16(p + 4) +
          ', non-TCP Space ' +
          nd.u16(p + 6) +
          ', maxPeriod ' +
          nd.u16(p + 8) +
          ', maxTime ' +
          nd.u16(p + 10) +
          ', maxHdr ' +
          nd.u16(p + 12),
      );
      if (len > 14) {
        let total = len - 14;
        // tcpdump moves its option pointer through the suboptions, and its -vv dump starts from there.
        p += 14;
        nd.printBreak('\n\t      Suboptions, length ' + total);
        while (total >= 2) {
          if (!nd.has(p, 2)) return cut(nd, 'ipcp');
          const sub = nd.u8(p);
          const subLen = nd.u8(p + 1);
          if (sub === 0 || subLen === 0) break;
          nd.printBreak('\n\t\t' + tok2str(ipcpCompSubopts, 'Unknown', sub) + ' Suboption #' + sub + ', length ' + subLen);
          if (total < subLen) {
            nd.print(' [remaining suboptions length ' + total + ' < ' + subLen + ']');
            nd.printInvalid();
            break;
          }
          total -= subLen;
          p += subLen;
        }
      }
    }
  } else if (opt === 3 || opt === 4 || (opt >= 129 && opt <= 132)) {
    if (len !== 6) {
      nd.print(' (length bogus, should be = 6)');
      return 0;
    }
    nd.print(': ' + nd.ipv4(p + 2));
  } else unknown = true;
  optionTail(nd, p, len, unknown);
  return len;
}

export function ip6cpOption(nd: Dissector, p: number, length: number): number {
  const len = optionHeader(nd, p, length, ip6cpOptions, 'unknown', 'ip6cp');
  if (len === 0) return 0;
  let unknown = false;
  if (nd.u8(p) === 1) {
    if (len !== 10) {
      nd.print(' (length bogus, should be = 10)');
      return len;
    }
    if (!nd.has(p + 2, 8)) return cut(nd, 'ip6cp');
    nd.print(': ' + hex(nd.u16(p + 2), 4) + ':' + hex(nd.u16(p + 4), 4) + ':' + hex(nd.u16(p + 6), 4) + ':' + hex(nd.u16(p + 8), 4));
  } else unknown = true;
  optionTail(nd, p, len, unknown);
  return len;
}

export function ccpOption(nd: Dissector, p: number, length: number): number {
  const len = optionHeader(nd, p, length, ccpOptions, 'Unknown', 'ccp');
  if (len === 0) return 0;
  const opt = nd.u8(p);
  let unknown = false;
  if (opt === 21) {
    if (len < 3) {
      nd.print(' (length bogus, should be >= 3)');
      return len;
    }
    const v = nd.u8(p + 2);
    nd.print(': Version: ' + (v >> 5) + ', Dictionary Bits: ' + (v & 0x1f));
  } else if (opt === 24) {
    if (len < 4) {
      nd.print(' (length bogus, should be >= 4)');
      return len;
    }
    const v = nd.u8(p + 2);
    nd.print(': Features: ' + ((v & 0xc0) >> 6) + ', PxP: ' + (v & 0x20 ? 'Enabled' : 'Disabled') + ', History: ' + (v & 0x1f) + ', #CTX-ID: ' + nd.u8(p + 3));
  } else if (opt === 26) {
    if (len < 4) {
      nd.print(' (length bogus, should be >= 4)');
      return len;
    }
    const v = nd.u8(p + 2);
    const w = nd.u8(p + 3);
    nd.print(
      ': Window: ' + ((v & 0xf0) >> 4) + 'K, Method: ' + ((v & 0x0f) === 8 ? 'zlib' : 'unknown') + ' (0x' + hex(v & 0x0f) + '), MBZ: ' + ((w & 0xfc) >> 2) + ', CHK: ' + (w & 3),
    );
  } else unknown = true;
  optionTail(nd, p, len, unknown);
  return len;
}

export function bacpOption(nd: Dissector, p: number, length: number): number {
  const len = optionHeader(nd, p, length, bacpOptions, 'Unknown', 'bacp');
  if (len === 0) return 0;
  let unknown = false;
  if (nd.u8(p) === 1) {
    if (len !== 6) {
      nd.print(' (length bogus, should be = 6)');
      return len;
    }
    nd.print(': Magic-Num 0x' + hex(nd.u32(p + 2), 8));
  } else unknown = true;
  optionTail(nd, p, len, unknown);
  return len;
}
