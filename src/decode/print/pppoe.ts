import { Depth, type Dissector } from '../dissector.js';
import { etherTypes, linkTypes } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { pppPrint } from './ppp.js';

/** PPP over Ethernet, discovery and session stages (tcpdump's print-pppoe.c). */

const codes = tok({ 0x09: 'PADI', 0x07: 'PADO', 0x19: 'PADR', 0x65: 'PADS', 0xa7: 'PADT', 0: '' });
const tags = tok({
  0: 'EOL',
  0x0101: 'Service-Name',
  0x0102: 'AC-Name',
  0x0103: 'Host-Uniq',
  0x0104: 'AC-Cookie',
  0x0105: 'Vendor-Specific',
  0x0110: 'Relay-Session-ID',
  0x0120: 'PPP-Max-Payload',
  0x0201: 'Service-Name-Error',
  0x0202: 'AC-System-Error',
  0x0203: 'Generic-Error',
});

const HDRLEN = 6;
const MAXTAGPRINT = 80;

/** pppoe_print: returns the bytes of header printed (for the hex dump of -x). */
export function pppoePrint(nd: Dissector, bp: number, length: number): number {
  nd.protocol = 'pppoe';
  if (length < HDRLEN) {
    nd.print(' (length ' + length + ' < ' + HDRLEN + ')');
    nd.printInvalid();
    return 0;
  }
  length -= HDRLEN;
  nd.need(bp, HDRLEN);
  const ver = (nd.u8(bp) & 0xf0) >> 4;
  const type = nd.u8(bp) & 0x0f;
  const code = nd.u8(bp + 1);
  const session = nd.u16(bp + 2);
  let plen = nd.u16(bp + 4);
  const payload = bp + HDRLEN;
  if (ver !== 1) nd.print(' [ver ' + ver + ']');
  if (type !== 1) nd.print(' [type ' + type + ']');
  nd.print('PPPoE ' + tok2str(codes, 'PAD-%x', code));
  if (code === 0x09 && plen > 1484 - HDRLEN) nd.print(' [len ' + plen + '!]');
  if (plen > length) {
    nd.print(' [len ' + plen + ' > ' + length + '!]');
    plen = length;
  }
  if (session) nd.print(' [ses 0x' + hex(session) + ']');
  if (code === 0) {
    nd.print(' ');
    return HDRLEN + pppPrint(nd, payload, plen);
  }
  // Discovery: tags, each printed as text when mostly printable, else in hex.
  let tagType = 0xffff;
  let p = payload;
  while (tagType && p < payload + plen) {
    tagType = nd.u16(p);
    const tagLen = nd.u16(p + 2);
    p += 4;
    const name = tok2str(tags, 'TAG-0x%x', tagType);
    if (tagLen) {
      nd.need(p, tagLen);
      let ascii = 0;
      let garbage = 0;
      let s = '';
      for (let v = p; v < p + tagLen && s.length < MAXTAGPRINT - 1; v++) {
        const c = nd.u8(v);
        if (c >= 0x20 && c <= 0x7e) {
          s += String.fromCharCode(c);
          ascii++;
        } else {
          s += '.';
          garbage++;
        }
      }
      if (ascii > garbage) nd.print(' [' + name + ' "' + s + '"]');
      else {
        let h = '';
        for (let v = p; v < p + tagLen; v++) h += hex(nd.u8(v), 2).toUpperCase();
        nd.print(' [' + name + ' 0x' + h + ']');
      }
    } else nd.print(' [' + name + ']');
    p += tagLen;
  }
  return HDRLEN;
}

function pppoeEtherPrint(nd: Dissector, at: number, length: number): void {
  nd.classify(Depth.NET, 'pppoe');
  pppoePrint(nd, at, length);
}

for (const type of [0x8863, 0x8864, 0x3c12, 0x3c13]) etherTypes.register(type, 'pppoe', pppoeEtherPrint);
linkTypes.register(51, 'pppoe', (nd, at, length) => {
  nd.protocol = 'pppoe';
  nd.classify(Depth.LINK, 'pppoe');
  nd.llHdrLen += pppoePrint(nd, at, length);
});
