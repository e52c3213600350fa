import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { tok, tok2str } from '../text.js';
import { charText } from './tcp.js';

/**
 * Kerberos (tcpdump's print-krb.c): the version; for Kerberos 4 the message type and
 * the principal names it carries. Kerberos 5 is only named (tcpdump decodes no ASN.1 here).
 */

const MSG = { KDC_REQUEST: 2, KDC_REPLY: 4, APPL_REQUEST: 6, ERR_REPLY: 10 } as const;
const typeNames = tok({ 2: 'KDC_REQUEST', 4: 'KDC_REPLY', 6: 'APPL_REQUEST', 8: 'APPL_REQUEST_MUTUAL', 10: 'ERR_REPLY', 12: 'PRIVATE', 14: 'SAFE', 16: 'APPL_ERR', 126: 'DIE' });
const errNames = tok({
  0: 'OK', 1: 'NAME_EXP', 2: 'SERVICE_EXP', 3: 'AUTH_EXP', 4: 'PKT_VER', 5: 'NAME_MAST_KEY_VER', 6: 'SERV_MAST_KEY_VER',
  7: 'BYTE_ORDER', 8: 'PRINCIPAL_UNKNOWN', 9: 'PRINCIPAL_NOT_UNIQUE', 10: 'NULL_KEY',
});

const CUT = -1;

/** c_print: a NUL-terminated string up to the capture's end; the offset after its NUL, or CUT when none came. */
function cPrint(nd: Dissector, s: number): number {
  let t = '';
  let end = CUT;
  while (s < nd.snapend) {
    const c = nd.u8(s);
    s++;
    if (c === 0) {
      end = s;
      break;
    }
    t += charText(c);
  }
  nd.print(t);
  return end;
}

/** The three names of a Kerberos 4 header, "name.instance@realm"; CUT when one runs off the capture. */
function krb4Hdr(nd: Dissector, cp: number): number {
  cp = cPrint(nd, cp + 2);
  if (cp === CUT) return CUT;
  nd.print('.');
  cp = cPrint(nd, cp);
  if (cp === CUT) return CUT;
  nd.print('@');
  return cPrint(nd, cp);
}

function krb4Print(nd: Dissector, kp: number): void {
  const le = (nd.u8(kp + 1) & 1) !== 0;
  const u16 = (at: number) => (le ? nd.le16(at) : nd.u16(at));
  const type = nd.u8(kp + 1) & 0xfe;
  nd.print(' ' + (le ? 'le' : 'be') + ' ' + tok2str(typeNames, null, type) + ': ');
  let cp = kp;
  switch (type) {
    case MSG.KDC_REQUEST:
      if ((cp = krb4Hdr(nd, cp)) === CUT) break;
      cp += 4; // ctime
      nd.print(' ' + nd.u8(cp) * 5 + 'min ');
      cp++;
      if ((cp = cPrint(nd, cp)) === CUT) break;
      nd.print('.');
      if ((cp = cPrint(nd, cp)) === CUT) break;
      return;
    case MSG.APPL_REQUEST:
      cp += 2;
      nd.print('v' + nd.u8(cp) + ' ');
      cp++;
      if ((cp = cPrint(nd, cp)) === CUT) break;
      nd.print(' (' + nd.u8(cp) + ')');
      nd.print(' (' + nd.u8(cp + 1) + ')');
      return;
    case MSG.KDC_REPLY:
      if ((cp = krb4Hdr(nd, cp)) === CUT) break;
      cp += 10; // time stamp, n, exp, kvno
      nd.print(' (' + u16(cp) + ')');
      return;
    case MSG.ERR_REPLY:
      if ((cp = krb4Hdr(nd, cp)) === CUT) break;
      cp += 4; // time stamp
      nd.print(' ' + tok2str(errNames, null, u16(cp)) + ' ');
      cp += 4;
      if ((cp = cPrint(nd, cp)) === CUT) break;
      return;
    default:
      nd.print('(unknown)');
      return;
  }
  nd.printTrunc();
}

export function krbPrint(nd: Dissector, kp: number): void {
  nd.protocol = 'krb';
  if (kp >= nd.snapend) {
    nd.printTrunc();
    return;
  }
  const pvno = nd.u8(kp);
  if (pvno >= 1 && pvno <= 4) {
    nd.print(' v' + pvno);
    if (pvno === 4) krb4Print(nd, kp);
  } else if (pvno === 106 || pvno === 107) nd.print(' v5');
}

udpPorts.register('krb', krbPrint);
