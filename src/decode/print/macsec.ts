import type { Dissector } from '../dissector.js';
import { bittok2str, hex } from '../text.js';
import { toks } from './strings.js';

/** IEEE 802.1AE MACsec SecTAG (tcpdump's print-macsec.c), called by the Ethernet printer. */

const TCI_VERSION = 0x80;
const TCI_SC = 0x20;
const TCI_FLAGS = 0x40 | 0x20 | 0x10 | 0x08 | 0x04;
const TCI_CONFID = 0x08 | 0x04;
const AN_MASK = 0x03;
const SL_MASK = 0x3f;
const SECTAG_LEN_NOSCI = 6;
const SECTAG_LEN_SCI = 14;
const ICV_LEN = 16;

const flagValues = toks([
  [0x08, 'E'],
  [0x04, 'C'],
  [0x40, 'S'],
  [0x10, 'B'],
  [0x20, 'I'],
]);

/**
 * Where the frame goes on after the SecTAG: macsecPrint updates it as tcpdump's
 * macsec_print updates the caller's pointers. One object, reused.
 */
export const macsecFrame = { p: 0, length: 0, caplen: 0, hdrlen: 0 };

function header(nd: Dissector, p: number, shortLength: number): void {
  const tci = nd.u8(p);
  let s = 'an ' + (tci & AN_MASK) + ', pn ' + nd.u32(p + 2) + ', flags ' + bittok2str(flagValues, 'none', tci & TCI_FLAGS, '');
  if (shortLength !== 0) s += ', sl ' + shortLength;
  if (tci & TCI_SC) s += ', sci ' + hex(nd.u32(p + 6), 8) + hex(nd.u32(p + 10), 8);
  nd.print(s + ', ');
}

/**
 * The SecTAG at macsecFrame.p. Returns -1 when the payload can be printed (its bounds
 * are then in macsecFrame and nd.snapend), 0 when it is encrypted (the caller dumps
 * it), or the header length to return when the tag is cut short or invalid.
 */
export function macsecPrint(nd: Dissector, srcAt: number, dstAt: number): number {
  const f = macsecFrame;
  const p = f.p;
  const saved = nd.protocol;
  nd.protocol = 'macsec';
  const fail = (invalid: boolean) => {
    if (invalid) nd.printInvalid();
    else nd.printTrunc();
    nd.protocol = saved;
    return f.hdrlen + f.caplen;
  };
  if (f.caplen < SECTAG_LEN_NOSCI || f.length < SECTAG_LEN_NOSCI) return fail(false);
  const tci = nd.u8(p);
  let sectagLen = SECTAG_LEN_NOSCI;
  if (tci & TCI_SC) {
    sectagLen = SECTAG_LEN_SCI;
    if (f.caplen < SECTAG_LEN_SCI || f.length < SECTAG_LEN_SCI) return fail(false);
  }
  const sl = nd.u8(p + 1);
  if ((sl & ~SL_MASK) !== 0 || tci & TCI_VERSION) return fail(true);
  const shortLength = sl & SL_MASK;
  if (nd.linkHeader) header(nd, p, shortLength);
  f.p += sectagLen;
  f.hdrlen += sectagLen;
  f.length -= sectagLen;
  f.caplen -= sectagLen;
  if (tci & TCI_CONFID) {
    if (!nd.linkHeader) {
      if (srcAt >= 0 && dstAt >= 0) nd.print(nd.mac(srcAt) + ' > ' + nd.mac(dstAt) + ' ');
      nd.print('802.1AE MACsec, ');
      header(nd, p, shortLength);
    }
    nd.protocol = saved;
    return 0;
  }
  if (f.length < ICV_LEN || f.caplen < ICV_LEN) return fail(false);
  f.length -= ICV_LEN;
  f.caplen -= ICV_LEN;
  // The ICV ends the frame: what the payload's printer may read stops before it.
  nd.snapend -= ICV_LEN;
  if (shortLength !== 0) {
    if (shortLength > f.length || shortLength > f.caplen) return fail(false);
    if (f.length > shortLength) f.length = shortLength;
    if (f.caplen > shortLength) f.caplen = shortLength;
  }
  nd.protocol = saved;
  return -1;
}
