import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { hex, hex2, tok, tok2str } from '../text.js';
import { nlpidValues } from './fr.js';
import { isonsapText, osiPrintCksum, shortLi } from './osi-common.js';

/** ES-IS, ISO 9542 (tcpdump's print-isoclns.c, esis_print). */

const esisPdus = tok({ 6: 'redirect', 2: 'ESH', 4: 'ISH' });
const esisOptions = tok({
  129: 'Protocols supported',
  195: 'QoS Maintenance',
  197: 'Security',
  198: 'ES Configuration Time',
  205: 'Priority',
  225: 'Addressk Mask',
  226: 'SNPA Mask',
});

/** The body of an ES-IS PDU after its header; false when the options must not be walked. */
function esisBody(nd: Dissector, type: number, s: { p: number; li: number }): boolean {
  const bad = (what: string) => {
    nd.print(', bad ' + what + '/li');
    return false;
  };
  /** One length-prefixed field: its offset, or -1 when li runs out. */
  const field = (): number => {
    nd.need(s.p, 1);
    if (s.li < 1) return -1;
    const len = nd.u8(s.p++);
    s.li--;
    nd.need(s.p, len);
    if (s.li < len) return -1;
    const at = s.p;
    s.p += len;
    s.li -= len;
    return at;
  };
  if (type === 6) {
    const dst = field();
    if (dst < 0) return bad('redirect');
    nd.printBreak('\n\t  ' + isonsapText(nd, dst, nd.u8(dst - 1)));
    const snpa = field();
    if (snpa < 0) return bad('redirect');
    const snpal = nd.u8(snpa - 1);
    // The NET length is not taken from li (tcpdump does not either).
    nd.need(s.p, 1);
    if (s.li < 1) return bad('redirect');
    const netal = nd.u8(s.p++);
    nd.need(s.p, netal);
    if (s.li < netal) return bad('redirect');
    const neta = s.p;
    s.p += netal;
    s.li -= netal;
    const snpaText = snpal === 6 ? nd.mac(snpa) : snpal === 0 ? '<empty>' : nd.linkAddr(snpa, snpal);
    nd.printBreak('\n\t  SNPA (length: ' + snpal + '): ' + snpaText);
    if (netal !== 0) nd.printBreak('\n\t  NET (length: ' + netal + ') ' + isonsapText(nd, neta, netal));
    return true;
  }
  if (type === 2) {
    nd.need(s.p, 1);
    if (s.li < 1) return bad('esh');
    let n = nd.u8(s.p++);
    s.li--;
    nd.printBreak('\n\t  Number of Source Addresses: ' + n);
    for (; n > 0; n--) {
      const at = field();
      if (at < 0) return bad('esh');
      const len = nd.u8(at - 1);
      nd.printBreak('\n\t  NET (length: ' + len + '): ' + isonsapText(nd, at, len));
    }
    return true;
  }
  if (type === 4) {
    const at = field();
    if (at < 0) return bad('ish');
    const len = nd.u8(at - 1);
    nd.printBreak('\n\t  NET (length: ' + len + '): ' + isonsapText(nd, at, len));
    return true;
  }
  if (nd.verbose <= 1 && nd.has(s.p, 1)) printUnknownData(nd, s.p, '\n\t  ', nd.avail(s.p));
  return false;
}

export function esisPrint(nd: Dissector, pp: number, length: number): void {
  nd.protocol = 'esis';
  if (!nd.linkHeader) nd.print('ES-IS');
  if (length <= 2) return nd.print('no header at all!');
  nd.need(pp, 9);
  let li = nd.u8(pp + 1);
  const optr = pp;
  if (nd.u8(pp) !== 0x82) return nd.print(' nlpid 0x' + hex2(nd.u8(pp)) + ' packet not supported');
  const version = nd.u8(pp + 2);
  if (version !== 1) return nd.print(' version ' + version + ' packet not supported');
  if (li > length) return nd.print(' length indicator(' + li + ') > PDU size (' + length + ')!');
  if (li < 11) return shortLi(nd, pp, li);
  const type = nd.u8(pp + 4) & 0x1f;
  const sep = nd.linkHeader ? '' : ', ';
  if (nd.verbose < 1) return nd.print(sep + tok2str(esisPdus, 'unknown type (%u)', type) + ', length ' + length);
  nd.print(sep + 'length ' + length);
  nd.printBreak('\n\t' + tok2str(esisPdus, 'unknown type: %u', type) + ' (' + type + ')');
  nd.print(', v: ' + version);
  const cksum = nd.u16(pp + 7);
  nd.print(', checksum: 0x' + hex(cksum, 4));
  osiPrintCksum(nd, pp, cksum, 7, li);
  nd.print(', holding time: ' + nd.u16(pp + 5) + 's, length indicator: ' + li);
  if (nd.verbose > 1) printUnknownData(nd, optr, '\n\t', 9);
  const s = { p: pp + 9, li: li - 9 };
  if (!esisBody(nd, type, s)) return;
  let p = s.p;
  li = s.li;
  while (li !== 0) {
    if (li < 2) return nd.print(', bad opts/li');
    const op = nd.u8(p);
    let opli = nd.u8(p + 1);
    p += 2;
    li -= 2;
    if (opli > li) return nd.print(', opt (' + op + ') too long');
    li -= opli;
    let t = p;
    nd.printBreak('\n\t  ' + tok2str(esisOptions, 'Unknown', op) + ' Option #' + op + ', length ' + opli + ', value: ');
    if (op === 198) {
      if (opli === 2) {
        nd.need(p, 2);
        nd.print(nd.u16(t) + 's');
      } else nd.print('(bad length)');
    } else if (op === 129) {
      for (; opli > 0; opli--, t++) {
        const v = nd.u8(t);
        nd.print(tok2str(nlpidValues, 'unknown', v) + ' (0x' + hex2(v) + ')' + (opli > 1 ? ', ' : ''));
      }
      opli = nd.u8(p - 1);
    } else printUnknownData(nd, t, '\n\t  ', opli);
    if (nd.verbose > 1) printUnknownData(nd, p, '\n\t  ', opli);
    p += opli;
  }
}
