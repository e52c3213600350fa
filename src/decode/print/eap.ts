import type { Dissector } from '../dissector.js';
import { etherTypes, registerPrinter } from '../registry.js';
import { bittok2str, hex2, tok, tok2str } from '../text.js';
import { printjnp, toks } from './strings.js';

/** EAPOL frames (802.1X) and the EAP packets they carry (tcpdump's print-eap.c). */

const frameTypes = tok({ 0: 'EAP packet', 1: 'EAPOL start', 2: 'EAPOL logoff', 3: 'EAPOL key', 4: 'Encapsulated ASF alert' });
const codes = tok({ 1: 'Request', 2: 'Response', 3: 'Success', 4: 'Failure' });
const types = tok({
  0: 'No proposed',
  1: 'Identity',
  2: 'Notification',
  3: 'Nak',
  4: 'MD5-challenge',
  5: 'OTP',
  6: 'GTC',
  13: 'TLS',
  18: 'SIM',
  21: 'TTLS',
  23: 'AKA',
  43: 'FAST',
  254: 'Expanded types',
  255: 'Experimental',
});
const tlsFlags = toks([[0x80, 'L bit'], [0x40, 'More fragments bit'], [0x20, 'Start bit']]);
const akaSubtypes = tok({
  1: 'Challenge',
  2: 'Auth reject',
  4: 'Sync failure',
  5: 'Identity',
  10: 'Start',
  11: 'Challenge',
  12: 'Notification',
  13: 'Reauth',
  14: 'Client error',
});

/** TLS, TTLS and FAST: version (TTLS, FAST), flags and the message length when the L bit says it is there. */
function tlsLike(nd: Dissector, cp: number, len: number, name: string, prefix: string): void {
  if (len < 6) return nd.print(' (too short for EAP ' + name + ' request/response)');
  const f = nd.u8(cp + 5);
  if (prefix) nd.print(' ' + prefix + 'v' + (f & 7));
  nd.print(' flags [' + bittok2str(tlsFlags, 'none', f) + '] 0x' + hex2(f));
  if (f & 0x80) {
    if (len < 10) return nd.print(' (too short for EAP ' + name + ' request/response with length)');
    nd.print(', len ' + nd.u32(cp + 6));
  }
}

/** eap_print: an EAP packet of length bytes (RFC 3748). */
export function eapPrint(nd: Dissector, cp: number, length: number): void {
  const type = nd.u8(cp);
  const len = nd.u16(cp + 2);
  if (len !== length) return nd.print('EAP fragment?');
  nd.print(tok2str(codes, 'unknown', type) + ' (' + type + '), id ' + nd.u8(cp + 1) + ', len ' + len);
  if (len < 4) return nd.print(' (too short for EAP header)');
  if (!nd.has(cp, len)) return nd.printTrunc();
  if (type !== 1 && type !== 2) return;
  if (len < 5) return nd.print(' (too short for EAP request/response)');
  const subtype = nd.u8(cp + 4);
  nd.printBreak('\n\t\t Type ' + tok2str(types, 'unknown', subtype) + ' (' + subtype + ')');
  switch (subtype) {
    case 1:
      if (len > 5) {
        nd.print(', Identity: ');
        printjnp(nd, cp + 5, len - 5);
      }
      break;
    case 2:
      if (len < 6) return nd.print(' (too short for EAP Notification request/response)');
      nd.print(', Notification: ');
      printjnp(nd, cp + 5, len - 5);
      break;
    case 3: {
      if (len < 6) return nd.print(' (too short for EAP Legacy NAK request/response)');
      let sep = '';
      for (let i = 5; i < len; i++) {
        const t = nd.u8(cp + i);
        nd.print(sep + ' ' + tok2str(types, 'unknown', t) + ' (' + t + ')');
        sep = ',';
      }
      break;
    }
    case 21:
      tlsLike(nd, cp, len, 'TLS/TTLS', 'TTLS');
      break;
    case 13:
      tlsLike(nd, cp, len, 'TLS/TTLS', '');
      break;
    case 43:
      tlsLike(nd, cp, len, 'FAST', 'FAST');
      break;
    case 23:
    case 18: {
      if (len < 6) return nd.print(' (too short for EAP SIM/AKA request/response)');
      const s = nd.u8(cp + 5);
      nd.print(' subtype [' + tok2str(akaSubtypes, 'unknown', s) + '] 0x' + hex2(s));
      break;
    }
  }
}

export function eapolPrint(nd: Dissector, cp: number): void {
  nd.protocol = 'eap';
  nd.need(cp, 4);
  const type = nd.u8(cp + 1);
  const len = nd.u16(cp + 2);
  nd.print(tok2str(frameTypes, 'unknown', type) + ' (' + type + ') v' + nd.u8(cp) + ', len ' + len);
  if (nd.verbose < 1) return;
  if (type === 0) {
    if (len === 0) return nd.printTrunc();
    nd.print(', ');
    eapPrint(nd, cp + 4, len);
  }
}

registerPrinter('eap', eapPrint);
etherTypes.register(0x888e, 'eapol', (nd, at) => eapolPrint(nd, at));
