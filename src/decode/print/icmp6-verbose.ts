import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { ipv6Text } from '../addr.js';
import { bittok2str, hex2, tok, tok2str, type Tok } from '../text.js';
import { fqdnPrint } from './dns.js';
import { icmp6Verbose } from './icmp6.js';

/** ICMPv6's -v neighbor-discovery text (tcpdump's print-icmp6.c): options, and a router advertisement's fields. */

const optionNames = tok({
  1: 'source link-address',
  2: 'destination link-address',
  3: 'prefix info',
  4: 'redirected header',
  5: 'mtu',
  25: 'rdnss',
  31: 'dnssl',
  7: 'advertisement interval',
  8: 'homeagent information',
  24: 'route info',
});

// bittok2str lists names in table order, which here is from the high bit down.
const prefixFlags: Tok = new Map([
  [0x80, 'onlink'],
  [0x40, 'auto'],
  [0x20, 'router'],
]);
const raFlags: Tok = new Map([
  [0x80, 'managed'],
  [0x40, 'other stateful'],
  [0x20, 'home agent'],
  [0x02, 'ipv6 only'],
]);

const RTPREF = ['medium', 'high', 'rsv', 'low'];

function rtpref(v: number): string {
  return RTPREF[(v & 0x18) >> 3];
}

function lifetime(v: number): string {
  return v === 0xffffffff ? 'infinity' : v + 's';
}

/** print_lladdr: the bytes as colon-separated hex. */
function lladdr(nd: Dissector, p: number, l: number): void {
  for (let i = 0; i < l; i++) nd.print((i > 0 ? ':' : '') + hex2(nd.u8(p + i)));
}

/** The zero-padded prefix of a route info option (its length says how much of it is sent). */
function routePrefix(nd: Dissector, at: number, bytes: number): string {
  nd.need(at, bytes);
  const b = Buffer.alloc(16);
  nd.buf.copy(b, 0, at, at + bytes);
  return ipv6Text(b, 0);
}

/** icmp6_opt_print: the options from bp, resid bytes of them; false when one is cut. */
function ndOptions(nd: Dissector, bp: number, resid: number): boolean {
  let cp = bp;
  const ep = nd.snapend;
  while (cp < ep) {
    if (!nd.has(cp + 1, 1)) return false;
    if (resid <= 0) return true;
    const type = nd.u8(cp);
    const len = nd.u8(cp + 1);
    if (len === 0) return false;
    if (cp + (len << 3) > ep) return false;
    nd.printBreak('\n\t  ' + tok2str(optionNames, 'unknown', type) + ' option (' + type + '), length ' + (len << 3) + ' (' + len + '): ');
    switch (type) {
      case 1:
      case 2:
        lladdr(nd, cp + 2, (len << 3) - 2);
        break;
      case 3:
        nd.print(
          nd.ipv6(cp + 16) +
            '/' +
            nd.u8(cp + 2) +
            (len !== 4 ? 'badlen' : '') +
            ', Flags [' +
            bittok2str(prefixFlags, 'none', nd.u8(cp + 3)) +
            '], valid time ' +
            lifetime(nd.u32(cp + 4)),
        );
        nd.print(', pref. time ' + lifetime(nd.u32(cp + 8)));
        break;
      case 4:
        printUnknownData(nd, bp, '\n\t    ', len << 3);
        break;
      case 5:
        nd.print(' ' + nd.u32(cp + 4) + (len !== 1 ? 'bad option length' : ''));
        break;
      case 25: {
        const n = (len - 1) >> 1;
        nd.print(' lifetime ' + nd.u32(cp + 4) + 's,');
        for (let i = 0; i < n; i++) nd.print(' addr: ' + nd.ipv6(cp + 8 + 16 * i));
        break;
      }
      case 31: {
        nd.print(' lifetime ' + nd.u32(cp + 4) + 's, domain(s):');
        let domp = cp + 8;
        while (domp < cp + (len << 3) && nd.u8(domp) !== 0) {
          nd.print(' ');
          domp = fqdnPrint(nd, domp, bp);
          if (domp < 0) return false;
        }
        break;
      }
      case 7:
        nd.print(' ' + nd.u32(cp + 4) + 'ms');
        break;
      case 8:
        nd.print(' preference ' + nd.u16(cp + 4) + ', lifetime ' + nd.u16(cp + 6));
        break;
      case 24: {
        if (!nd.has(cp + 4, 4)) return false;
        let prefix: string;
        if (len === 1) prefix = routePrefix(nd, cp + 8, 0);
        else if (len === 2) prefix = routePrefix(nd, cp + 8, 8);
        else if (len === 3) prefix = routePrefix(nd, cp + 8, 16);
        else return false;
        nd.print(' ' + prefix + '/' + nd.u8(cp + 2));
        nd.print(', pref=' + rtpref(nd.u8(cp + 3)));
        nd.print(', lifetime=' + lifetime(nd.u32(cp + 4)));
        break;
      }
      default:
        if (nd.verbose <= 1) {
          printUnknownData(nd, cp + 2, '\n\t  ', (len << 3) - 2);
          return true;
        }
    }
    // -vv: the option's bytes as well.
    if (nd.verbose > 1) printUnknownData(nd, cp + 2, '\n\t    ', (len << 3) - 2);
    cp += len << 3;
    resid -= len << 3;
  }
  return true;
}

/** A router advertisement's fields (after "ICMP6, router advertisement, length N"). */
function routerAdvert(nd: Dissector, dp: number): void {
  const flags = nd.u8(dp + 5);
  nd.printBreak(
    '\n\thop limit ' +
      nd.u8(dp + 4) +
      ', Flags [' +
      bittok2str(raFlags, 'none', flags) +
      '], pref ' +
      rtpref(flags) +
      ', router lifetime ' +
      nd.u16(dp + 6) +
      's, reachable time ' +
      nd.u32(dp + 8) +
      'ms, retrans timer ' +
      nd.u32(dp + 12) +
      'ms',
  );
}

icmp6Verbose.options = ndOptions;
icmp6Verbose.routerAdvert = routerAdvert;
