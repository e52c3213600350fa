import type { Dissector } from '../dissector.js';
import { registerPrinter } from '../registry.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';
import { toks } from './strings.js';

/** The IPv6 mobility header, RFC 3775 (tcpdump's print-mobility.c); ip6.ts reaches it by name. */

const MINLEN = 8;
const typeValues = tok({ 0: 'BRR', 1: 'HoTI', 2: 'CoTI', 3: 'HoT', 4: 'CoT', 5: 'BU', 6: 'BA', 7: 'BE' });
const hdrlen = [MINLEN, MINLEN + 8, MINLEN + 8, MINLEN + 16, MINLEN + 16, MINLEN + 4, MINLEN + 4, MINLEN + 16];
const updateBits = toks([
  [0x08, 'A'],
  [0x04, 'H'],
  [0x02, 'L'],
  [0x01, 'K'],
]);

/** The options after the fixed part: false when they run past it (tcpdump then prints the truncation). */
function optionsPrint(nd: Dissector, bp: number, len: number): boolean {
  let optlen: number;
  for (let i = 0; i < len; i += optlen) {
    const type = nd.u8(bp + i);
    if (type === 0) optlen = 1;
    else if (i + 1 < len) optlen = nd.u8(bp + i + 1) + 2;
    else return false;
    if (i + optlen > len) return false;
    // tcpdump checks the byte after the option is there.
    if (!nd.has(bp + i + optlen, 1)) return false;
    const left = len - i;
    switch (type) {
      case 0:
        nd.print('(pad1)');
        break;
      case 1:
        if (left < 2) {
          nd.print('(padn: trunc)');
          return false;
        }
        nd.print('(padn)');
        break;
      case 2:
        if (left < 4) {
          nd.print('(refresh: trunc)');
          return false;
        }
        nd.print('(refresh: ' + nd.u16(bp + i + 2) * 4 + ')');
        break;
      case 3:
        if (left < 18) {
          nd.print('(altcoa: trunc)');
          return false;
        }
        nd.print('(alt-CoA: ' + nd.ipv6(bp + i + 2) + ')');
        break;
      case 4:
        if (left < 6) {
          nd.print('(ni: trunc)');
          return false;
        }
        nd.print('(ni: ho=0x' + hex(nd.u16(bp + i + 2), 4) + ' co=0x' + hex(nd.u16(bp + i + 4), 4) + ')');
        break;
      case 5:
        if (left < 12) {
          nd.print('(auth: trunc)');
          return false;
        }
        nd.print('(auth)');
        break;
      default:
        if (left < 2) {
          nd.print('(sopt_type ' + type + ': trunc)');
          return false;
        }
        nd.print('(type-0x' + hex(type, 2) + ': len=' + nd.u8(bp + i + 1) + ')');
    }
  }
  return true;
}

/** The header at bp: its length, or -1 when cut short. */
export function mobilityPrint(nd: Dissector, bp: number): number {
  nd.protocol = 'mobility';
  if (!nd.has(bp + 1, 1)) {
    nd.printTrunc();
    return -1;
  }
  const mhlen = (nd.u8(bp + 1) + 1) << 3;
  const type = nd.u8(bp + 2);
  if (type <= 7 && mhlen < hdrlen[type]) {
    nd.print('(header length ' + mhlen + ' is too small for type ' + type + ')');
    nd.printTrunc();
    return -1;
  }
  nd.print('mobility: ' + tok2str(typeValues, 'type-#%u', type));
  let hlen = MINLEN;
  switch (type) {
    case 0:
      break;
    case 1:
    case 2:
      if (nd.verbose) nd.print(' ' + (type === 1 ? 'Home' : 'Care-of') + ' Init Cookie=' + hex(nd.u32(bp + hlen), 8) + ':' + hex(nd.u32(bp + hlen + 4), 8));
      hlen += 8;
      break;
    case 3:
    case 4: {
      nd.print(' nonce id=0x' + hex(nd.u16(bp + 6)));
      const who = type === 3 ? 'Home' : 'Care-of';
      if (nd.verbose) nd.print(' ' + who + ' Init Cookie=' + hex(nd.u32(bp + hlen), 8) + ':' + hex(nd.u32(bp + hlen + 4), 8));
      hlen += 8;
      if (nd.verbose) nd.print(' ' + who + ' Keygen Token=' + hex(nd.u32(bp + hlen), 8) + ':' + hex(nd.u32(bp + hlen + 4), 8));
      hlen += 8;
      break;
    }
    case 5: {
      nd.print(' seq#=' + nd.u16(bp + 6));
      if (!nd.has(bp + hlen, 2)) {
        nd.printTrunc();
        return -1;
      }
      const bits = (nd.u8(bp + hlen) & 0xf0) >> 4;
      if (bits) nd.print(' ' + bittok2str(updateBits, 'bits-#0x%x', bits, ''));
      hlen += 2;
      nd.print(' lifetime=' + nd.u16(bp + hlen) * 4);
      hlen += 2;
      break;
    }
    case 6:
      nd.print(' status=' + nd.u8(bp + 6));
      if (nd.u8(bp + 7) & 0x80) nd.print(' K');
      nd.print(' seq#=' + nd.u16(bp + hlen));
      hlen += 2;
      nd.print(' lifetime=' + nd.u16(bp + hlen) * 4);
      hlen += 2;
      break;
    case 7:
      nd.print(' status=' + nd.u8(bp + 6));
      nd.print(' homeaddr ' + nd.ipv6(bp + hlen));
      hlen += 16;
      break;
    default:
      nd.print(' len=' + nd.u8(bp + 1));
      return mhlen;
  }
  if (nd.verbose && !optionsPrint(nd, bp + hlen, mhlen - hlen)) {
    nd.printTrunc();
    return -1;
  }
  return mhlen;
}

registerPrinter('ip:mobility', (nd, at) => {
  mobilityPrint(nd, at);
});
