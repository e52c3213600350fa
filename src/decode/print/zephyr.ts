import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { tok, tok2str } from '../text.js';
import { charText } from './tcp.js';

/**
 * Zephyr notices (tcpdump's print-zephyr.c): the header's NUL-terminated fields, then
 * what the class and opcode say it is (a subscription, a locate, a message "to
 * <class,instance,recipient>"...).
 */

const types = tok({ 0: 'unsafe', 1: 'unacked', 2: 'acked', 3: 'hm-ack', 4: 'hm-ctl', 5: 'serv-ack', 6: 'serv-nak', 7: 'client-ack', 8: 'stat' });
const SERVACK = 5;

/** The parse position and what is left of the datagram (parse_field's pptr and len). */
const at = { p: 0, len: 0 };

/** parse_field: the string up to the next NUL, null when the datagram ends first. */
function field(nd: Dissector): string | null {
  const start = at.p;
  for (;;) {
    if (at.len === 0) return null;
    if (nd.u8(at.p) === 0) break;
    at.p++;
    at.len--;
  }
  const s = nd.buf.toString('latin1', start, at.p);
  at.p++;
  at.len--;
  return s;
}

/** strtol(s, 0, 16) stored in an int: spaces, a sign, an optional 0x, hex digits; clamped to a long, then its low 32 bits. */
function hexInt(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?)(?:0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]*)/.exec(s);
  if (m === null || m[2] === '') return 0;
  let v = BigInt('0x' + m[2]);
  const max = (1n << 63n) - 1n;
  if (m[1] === '-') v = v > max + 1n ? -(max + 1n) : -v;
  else if (v > max) v = max;
  return Number(BigInt.asIntN(32, v));
}

/** fn_print_str: every character, non-printable ones as tcpdump shows them. */
function str(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += charText(s.charCodeAt(i));
  return out;
}

/** str_to_lower: ASCII lower case of at most 255 characters (tcpdump's buffer). */
function lower(s: string): string {
  return s.slice(0, 255).replace(/[A-Z]+/g, (c) => c.toLowerCase());
}

/** z_triple: "<class,inst,recipient>", "*" for no recipient, cut to tcpdump's 255 characters. */
function triple(c: string, i: string, r: string): string {
  return ('<' + c + ',' + i + ',' + (r === '' ? '*' : r) + '>').slice(0, 255);
}

export function zephyrPrint(nd: Dissector, cp: number, length: number): void {
  nd.protocol = 'zephyr';
  at.p = cp;
  at.len = length | 0;
  const version = field(nd);
  if (version === null) return nd.printInvalid();
  if (!version.startsWith('ZEPH')) return;
  const f: (string | null)[] = [];
  for (let i = 0; i < 16; i++) f.push(field(nd));
  if (f.includes(null)) return nd.printInvalid();
  const [, kindText, , , , , , klass, inst, opcode, sender, recipient] = f as string[];
  const kind = hexInt(kindText);
  nd.print(' zephyr');
  if (!version.startsWith('0.2', 4)) {
    nd.print(' v' + str(version.slice(4)));
    return;
  }
  nd.print(' ' + tok2str(types, 'type %d', kind));
  if (kind === SERVACK) {
    const ack = field(nd);
    if (ack !== null && ack !== 'SENT') nd.print('/' + str(lower(ack)));
  }
  if (sender !== '') nd.print(' ' + str(sender));
  if (klass === 'USER_LOCATE') {
    if (opcode === 'USER_HIDE') nd.print(' hide');
    else if (opcode === 'USER_UNHIDE') nd.print(' unhide');
    else nd.print(' locate ' + str(inst));
    return;
  }
  if (klass === 'ZEPHYR_ADMIN') {
    nd.print(' zephyr-admin ' + str(lower(opcode)));
    return;
  }
  if (klass === 'ZEPHYR_CTL') {
    if (inst === 'CLIENT') {
      if (opcode === 'SUBSCRIBE' || opcode === 'SUBSCRIBE_NODEFS' || opcode === 'UNSUBSCRIBE') {
        nd.print(' ' + (opcode !== 'SUBSCRIBE' ? 'un' : '') + 'sub' + (opcode === 'SUBSCRIBE_NODEFS' ? '-nodefs' : ''));
        if (kind !== SERVACK) {
          const c = field(nd);
          const i = field(nd);
          const r = field(nd);
          if (c !== null && i !== null && r !== null) nd.print(' ' + str(triple(c, i, r)));
        }
        return;
      }
      if (opcode === 'GIMME') nd.print(' ret');
      else if (opcode === 'GIMMEDEFS') nd.print(' gimme-defs');
      else if (opcode === 'CLEARSUB') nd.print(' clear-subs');
      else nd.print(' ' + str(lower(opcode)));
      return;
    }
    if (inst === 'HM') {
      nd.print(' ' + str(lower(opcode)));
      return;
    }
    if (inst === 'REALM') {
      if (opcode === 'ADD_SUBSCRIBE') nd.print(' realm add-subs');
      if (opcode === 'REQ_SUBSCRIBE') nd.print(' realm req-subs');
      if (opcode === 'RLM_SUBSCRIBE') nd.print(' realm rlm-sub');
      if (opcode === 'RLM_UNSUBSCRIBE') nd.print(' realm rlm-unsub');
      return;
    }
  }
  if (klass === 'HM_CTL') {
    nd.print(' hm_ctl ' + str(lower(inst)));
    nd.print(' ' + str(lower(opcode)));
    return;
  }
  if (klass === 'HM_STAT' && inst === 'HMST_CLIENT' && opcode === 'GIMMESTATS') {
    nd.print(' get-client-stats');
    return;
  }
  if (klass === 'WG_CTL') {
    nd.print(' wg_ctl ' + str(lower(inst)));
    nd.print(' ' + str(lower(opcode)));
    return;
  }
  if (klass === 'LOGIN') {
    if (opcode === 'USER_FLUSH') {
      nd.print(' flush_locs');
      return;
    }
    if (['NONE', 'OPSTAFF', 'REALM-VISIBLE', 'REALM-ANNOUNCED', 'NET-VISIBLE', 'NET-ANNOUNCED'].includes(opcode)) {
      nd.print(' set-exposure ' + str(lower(opcode)));
      return;
    }
  }
  nd.print(' to ' + str(triple(klass, inst, recipient)));
  if (opcode !== '') nd.print(' op ' + str(opcode));
}

udpPorts.register('zephyr', zephyrPrint);
