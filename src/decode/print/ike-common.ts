import type { Dissector } from '../dissector.js';
import { hex2 } from '../text.js';

/**
 * What the IKEv1 and IKEv2 payload printers share (tcpdump's print-isakmp.c): payload
 * names, the hex of raw data, data attributes, and the walk along a chain of payloads.
 * Offsets stand for tcpdump's pointers; NONE for its NULL (the chain stops).
 */

export const NONE = -1;

export const NP = { NONE: 0, SA: 1, P: 2, T: 3, KE: 4, ID: 5, CERT: 6, CR: 7, HASH: 8, SIG: 9, NONCE: 10, N: 11, D: 12, VID: 13, V2E: 46 } as const;

const npNames = [
  'none', 'sa', 'p', 't', 'ke', 'id', 'cert', 'cr', 'hash', 'sig', 'nonce', 'n', 'd', 'vid',
  'pay14', 'pay15', 'pay16', 'pay17', 'pay18', 'pay19', 'pay20', 'pay21', 'pay22', 'pay23',
  'pay24', 'pay25', 'pay26', 'pay27', 'pay28', 'pay29', 'pay30', 'pay31', 'pay32',
  'v2sa', 'v2ke', 'v2IDi', 'v2IDr', 'v2cert', 'v2cr', 'v2auth', 'v2nonce', 'v2n', 'v2d',
  'v2vid', 'v2TSi', 'v2TSr', 'v2e', 'v2cp', 'v2eap',
];
const protoIds: (string | null)[] = [null, 'isakmp', 'ipsec-ah', 'ipsec-esp', 'ipcomp'];

/** STR_OR_ID: the table's name for x, else "#x". */
export function strOrId(x: number, table: readonly (string | null)[]): string {
  const s = x < table.length ? table[x] : null;
  return s ?? '#' + x;
}

export const npStr = (x: number): string => strOrId(x, npNames);
export const protoIdStr = (x: number): string => strOrId(x, protoIds);

/** rawprint: the bytes in hex; false when they were not all captured. */
export function rawPrint(nd: Dissector, at: number, len: number): boolean {
  if (!nd.has(at, len)) return false;
  let s = '';
  for (let i = 0; i < len; i++) s += hex2(nd.buf[at + i]);
  nd.print(s);
  return true;
}

/** ike_show_somedata: the first 10 and the last 20 bytes up to ep; false when cut short. */
export function showSomeData(nd: Dissector, cp: number, ep: number): boolean {
  let end = ep - 20;
  let elen = 20;
  let len = ep - cp;
  if (len > 10) len = 10;
  if (end < cp + len) {
    end = cp + len;
    elen = ep - end;
  }
  nd.print(' data=(');
  if (!rawPrint(nd, cp, len)) return false;
  nd.print('...');
  if (elen && !rawPrint(nd, end, elen)) return false;
  nd.print(')');
  return true;
}

/**
 * A data attribute's name and the names of its values (tcpdump's struct attrmap):
 * only the first nvalue names count (tcpdump's tables list one more group than they count).
 */
export interface AttrMap {
  type: string | null;
  values: readonly (string | null)[];
}

export function attrMap(type: string | null, nvalue = 0, values: readonly (string | null)[] = []): AttrMap {
  return { type, values: values.slice(0, nvalue) };
}

/**
 * ikev1_attrmap_print / ikev1_attr_print (map null): one "(type=... value=...)";
 * returns the offset after it, ep2 + 1 when it overruns ep2 ("[|attr]"), NONE when cut.
 */
export function attrPrint(nd: Dissector, p: number, ep2: number, map: readonly AttrMap[] | null): number {
  const af = (nd.u8(p) & 0x80) !== 0;
  const totlen = af ? 4 : 4 + nd.u16(p + 2);
  if (ep2 < p + totlen) {
    nd.print('[|attr]');
    return ep2 + 1;
  }
  nd.print('(');
  const t = nd.u16(p) & 0x7fff;
  const m = map !== null && t < map.length ? map[t] : null;
  nd.print(m !== null && m.type !== null ? 'type=' + m.type + ' ' : 'type=#' + t + ' ');
  if (af) {
    nd.print('value=');
    const v = nd.u16(p + 2);
    const name = m !== null && v < m.values.length ? m.values[v] : null;
    if (name !== null && name !== undefined) nd.print(name);
    else if (!rawPrint(nd, p + 2, 2)) {
      nd.print(')');
      return NONE;
    }
  } else {
    nd.print('len=' + (totlen - 4) + ' value=');
    if (!rawPrint(nd, p + 4, totlen - 4)) {
      nd.print(')');
      return NONE;
    }
  }
  nd.print(')');
  return p + totlen;
}

/** A payload printer: (tpay, ext, item_len, ep, phase, doi, proto, depth) -> the offset after it, or NONE. */
export type PayloadPrinter = (nd: Dissector, tpay: number, ext: number, itemLen: number, ep: number, phase: number, doi: number, proto: number, depth: number) => number;

/** tcpdump's npfunc[]: payload printers by payload type (filled by ikev1.ts and ikev2.ts). */
export const npFuncs: (PayloadPrinter | undefined)[] = new Array<PayloadPrinter | undefined>(49).fill(undefined);

/** The IKEv2 Encrypted payload, printed with the message header (ikev2_e_print). */
export const v2e: { print: PayloadPrinter | undefined } = { print: undefined };

/** "\n" and four spaces a level, before a payload's "(". */
export function indent(nd: Dissector, depth: number): void {
  nd.newline();
  nd.print('    '.repeat(depth));
}

/** ike_sub0_print / ikev2_sub0_print: one payload by its type. */
function sub0(nd: Dissector, v2: boolean, np: number, ext: number, ep: number, phase: number, doi: number, proto: number, depth: number): number {
  if (!nd.has(ext, 4)) {
    nd.printTrunc();
    return NONE;
  }
  // A payload shorter than its own header would loop for ever: the chain stops.
  const itemLen = nd.u16(ext + 2);
  if (itemLen <= 4) return NONE;
  const f = v2 && np === NP.V2E ? v2e.print : np < npFuncs.length ? npFuncs[np] : undefined;
  if (f !== undefined) return f(nd, np, ext, itemLen, ep, phase, doi, proto, depth);
  nd.print(npStr(np));
  return ext + itemLen;
}

/** ikev1_sub_print / ikev2_sub_print: the chain of payloads from ext, each "(...)" on a line of its own. */
export function subPrint(nd: Dissector, v2: boolean, np: number, ext: number, ep: number, phase: number, doi: number, proto: number, depth: number): number {
  let cp = ext;
  while (np) {
    if (!nd.has(ext, 4) || !nd.has(ext, nd.u16(ext + 2))) {
      nd.print(' [|' + npStr(np) + ']');
      return NONE;
    }
    indent(nd, depth + 1);
    nd.print('(');
    cp = sub0(nd, v2, np, ext, ep, phase, doi, proto, depth + 1);
    nd.print(')');
    if (cp === NONE) return NONE;
    np = nd.u8(ext);
    ext = cp;
  }
  return cp;
}
