import type { Dissector } from '../dissector.js';
import { hexPrint } from '../hex.js';
import { udpPorts } from '../registry.js';
import { bittok2str, tok, tok2str, type Tok } from '../text.js';

/**
 * LISP control messages (tcpdump's print-lisp.c): Map-Register and Map-Notify with
 * their EID records and locators; other types are only named.
 */

const HDR_LEN = 16;
const EID_LEN = 12;
const LOC_LEN = 8;
const TYPE = { MAP_REGISTER: 3, MAP_NOTIFY: 4 } as const;
const AFI = { IPV4: 1, IPV6: 2 } as const;

const types = tok({ 0: 'LISP-Reserved', 1: 'LISP-Map-Request', 2: 'LISP-Map-Reply', 3: 'LISP-Map-Register', 4: 'LISP-Map-Notify', 8: 'LISP-Encapsulated-Contol-Message' });
// Flag tables in tcpdump's order (bittok2str lists them so): a Map keeps it, an object literal would sort the keys.
const registerFlags: Tok = new Map([[0x08000000, 'P-Proxy-Map-Reply'], [0x04000000, 'S-LISP-SEC-Capable'], [0x02000000, 'I-xTR-ID-Present'], [0x01000000, 'R-Build-For-RTR'], [0x00000100, 'M-Want-Map-Notify']]);
const notifyFlags: Tok = new Map([[0x08000000, 'I-xTR-ID-Present'], [0x04000000, 'R-Build-For-RTR']]);
const authTypes = tok({ 0: 'None', 1: 'SHA1', 2: 'SHA256' });
const actions = tok({ 0: 'No-Action', 1: 'Natively-Forward', 2: 'Send-Map-Request', 3: 'Drop' });
const locFlags: Tok = new Map([[0x0004, 'Local-Locator'], [0x0002, 'RLoc-Probed'], [0x0001, 'Reachable']]);

/** The records and locators; false where tcpdump stops without a word (an EID family it does not decode). */
function records(nd: Dissector, bp: number, length: number, off: number, count: number): number {
  while (length > off && count !== 0) {
    count--;
    nd.need(bp + off, EID_LEN);
    nd.newline();
    const eid = bp + off;
    off += EID_LEN;
    const mask = nd.u8(eid + 5);
    const afi = nd.u16(eid + 10);
    let locators = nd.u8(eid + 4);
    if (nd.verbose) {
      nd.print('      Record TTL ' + nd.u32(eid) + ',');
      const b = nd.u8(eid + 6);
      nd.print((b >> 4) & 1 ? ' Authoritative,' : ' Non-Authoritative,');
      nd.print(' ' + tok2str(actions, 'unknown', b >> 5) + ',');
      nd.print(' Map Version: ' + (nd.u16(eid + 8) & 0x0fff) + ',');
    }
    if (afi === AFI.IPV4) {
      nd.print(' EID ' + nd.ipv4(bp + off) + '/' + mask + ',');
      off += 4;
    } else if (afi === AFI.IPV6) {
      nd.print(' EID ' + nd.ipv6(bp + off) + '/' + mask + ',');
      off += 16;
    } else return -1;
    nd.print(' ' + locators + ' locator(s)');
    while (locators !== 0) {
      locators--;
      nd.need(bp + off, LOC_LEN);
      const loc = bp + off;
      off += LOC_LEN;
      const locAfi = nd.u16(loc + 6);
      if (nd.verbose) nd.printBreak('\n       ');
      if (locAfi === AFI.IPV4) {
        nd.need(bp + off, 4);
        nd.print(' LOC ' + nd.ipv4(loc + 8));
        off += 4;
      } else if (locAfi === AFI.IPV6) {
        nd.need(bp + off, 16);
        nd.print(' LOC ' + nd.ipv6(loc + 8));
        off += 16;
      }
      if (nd.verbose) {
        nd.printBreak('\n          Priority/Weight ' + nd.u8(loc) + '/' + nd.u8(loc + 1) + ', Multicast Priority/Weight ' + nd.u8(loc + 2) + '/' + nd.u8(loc + 3) + ',');
        nd.print(' flags [' + bittok2str(locFlags, 'none', nd.u16(loc + 4)) + '],');
      }
    }
  }
  return off;
}

export function lispPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'lisp';
  nd.need(bp, HDR_LEN);
  const typeAndFlag = nd.u8(bp);
  const type = typeAndFlag >> 4;
  nd.print(tok2str(types, 'unknown-type-%u', type) + ',');
  if (nd.verbose) {
    if (type === TYPE.MAP_REGISTER) nd.print(' flags [' + bittok2str(registerFlags, 'none', nd.u32(bp)) + '],');
    else if (type === TYPE.MAP_NOTIFY) nd.print(' flags [' + bittok2str(notifyFlags, 'none', nd.u32(bp)) + '],');
  }
  if (type !== TYPE.MAP_REGISTER && type !== TYPE.MAP_NOTIFY) return;
  const xtr = type === TYPE.MAP_REGISTER ? typeAndFlag & 2 : typeAndFlag & 8;
  const authLen = nd.u16(bp + 14);
  const count = nd.u8(bp + 3);
  if (nd.verbose) {
    nd.printBreak('\n    ' + count + ' record(s), ');
    nd.print('Authentication ' + tok2str(authTypes, 'unknown-type', nd.u16(bp + 12)) + ',');
    hexPrint(nd, '\n    Authentication-Data: ', bp + HDR_LEN, authLen);
  } else nd.print(' ' + count + ' record(s),');
  // tcpdump keeps the offset in 16 bits.
  let off = (HDR_LEN + authLen) & 0xffff;
  if (count === 0) {
    nd.printInvalid();
    return;
  }
  off = records(nd, bp, length, off, count);
  if (off < 0) return;
  if (xtr) {
    if (!nd.has(bp + off, 24)) {
      nd.printInvalid();
      return;
    }
    hexPrint(nd, '\n    xTR-ID: ', bp + off, 16);
    nd.printBreak('\n    SITE-ID: ' + nd.u64(bp + off + 16).toString());
  } else if (bp + off < nd.snapend) hexPrint(nd, '\n    Data: ', bp + off, nd.avail(bp + off));
}

udpPorts.register('lisp', lispPrint);
