import type { Dissector } from '../dissector.js';
import { NONE, NP, attrMap, indent, npFuncs, npStr, protoIdStr, rawPrint, showSomeData, strOrId, v2e, type AttrMap, type PayloadPrinter } from './ike-common.js';
import { attributes, dhGroups, espTransforms } from './ikev1.js';

/** IKEv2 payloads (RFC 7296), as tcpdump's print-isakmp.c prints them with -v. */

const V2 = { SA: 33, KE: 34, IDI: 35, IDR: 36, CERT: 37, CR: 38, AUTH: 39, NONCE: 40, N: 41, D: 42, VID: 43, TSI: 44, TSR: 45, CP: 47, EAP: 48 } as const;

const transformTypes = [null, 'encr', 'prf', 'integ', 'dh', 'esn'];
const prfIds = [null, 'hmac-md5', 'hmac-sha', 'hmac-tiger', 'aes128_xcbc'];
const integIds = [null, 'hmac-md5', 'hmac-sha', 'dec-mac', 'kpdk-md5', 'aes-xcbc'];
const esnIds = ['no-esn', 'esn'];
const encrAttrs: AttrMap[] = [...new Array<AttrMap>(14).fill(attrMap(null)), attrMap('keylen', 14)];
const authMethods = ['invalid', 'rsasig', 'shared-secret', 'dsssig'];

/** ikev2_pay_print: the payload's name, "[C]" when critical. */
function payName(nd: Dissector, name: string, critical: number): void {
  nd.print(name + (critical & 0x80 ? '[C]' : '') + ':');
}

function cut(nd: Dissector, np: number): number {
  nd.print(' [|' + npStr(np) + ']');
  return NONE;
}

/** ikev2_gen_print: name, length and, with -vvv, the bytes. */
const gen: PayloadPrinter = (nd, tpay, ext, itemLen) => {
  if (!nd.has(ext, 4)) return cut(nd, tpay);
  payName(nd, npStr(tpay), nd.u8(ext + 1));
  nd.print(' len=' + (itemLen - 4));
  if (nd.verbose > 2 && 4 < itemLen) {
    nd.print(' ');
    if (!rawPrint(nd, ext + 4, itemLen - 4)) return cut(nd, tpay);
  }
  return ext + itemLen;
};

function transform(nd: Dissector, tcount: number, ext: number, itemLen: number, ep: number): number {
  if (!nd.has(ext, 8)) return cut(nd, NP.T);
  payName(nd, npStr(NP.T), nd.u8(ext + 1));
  const tid = nd.u16(ext + 6);
  const ttype = nd.u8(ext + 4);
  let map: AttrMap[] | null = null;
  let idstr: string | null = null;
  switch (ttype) {
    case 1:
      idstr = strOrId(tid, espTransforms);
      map = encrAttrs;
      break;
    case 2:
      idstr = strOrId(tid, prfIds);
      break;
    case 3:
      idstr = strOrId(tid, integIds);
      break;
    case 4:
      idstr = strOrId(tid, dhGroups);
      break;
    case 5:
      idstr = strOrId(tid, esnIds);
      break;
  }
  nd.print(' #' + tcount + ' type=' + strOrId(ttype, transformTypes) + ' id=' + (idstr ?? String(tid)) + ' ');
  const cp = attributes(nd, ext + 8, ep, ext + itemLen, map);
  return cp === NONE ? cut(nd, NP.T) : cp;
}

/**
 * The items of a proposal (transforms) or of an SA (proposals), each "(...)" on a line
 * of its own; items beyond `length` print "[|name]" and are skipped.
 */
function items(nd: Dissector, cp: number, length: number, inner: number, outer: number, ep: number, depth: number): number {
  let count = 0;
  let ext = cp;
  for (let np: number = inner; np !== 0; np = nd.u8(ext)) {
    count++;
    ext = cp;
    if (length < 4) {
      nd.print(' [|' + npStr(outer) + ']');
      return cp + length;
    }
    if (!nd.has(ext, 4)) return cut(nd, outer);
    const itemLen = nd.u16(ext + 2);
    if (itemLen <= 4) return cut(nd, outer);
    if (length < itemLen) {
      nd.print(' [|' + npStr(outer) + ']');
      return cp + length;
    }
    if (!nd.has(cp, itemLen)) return cut(nd, outer);
    indent(nd, depth + 1);
    nd.print('(');
    if (np === inner) {
      cp = inner === NP.T ? transform(nd, count, ext, itemLen, ep) : proposal(nd, ext, itemLen, ep, depth + 1);
      if (cp === NONE) return NONE;
    } else {
      nd.print(npStr(np));
      cp += itemLen;
    }
    nd.print(')');
    length -= itemLen;
  }
  return cp;
}

function proposal(nd: Dissector, ext: number, length: number, ep: number, depth: number): number {
  if (!nd.has(ext, 8)) return cut(nd, NP.P);
  payName(nd, npStr(NP.P), nd.u8(ext + 1));
  let rest = length - 4;
  nd.print(' #' + nd.u8(ext + 4) + ' protoid=' + protoIdStr(nd.u8(ext + 5)) + ' transform=' + nd.u8(ext + 7) + ' len=' + length);
  let cp = ext + 8;
  const spiSize = nd.u8(ext + 6);
  if (spiSize) {
    if (rest < spiSize) {
      nd.print(' [|' + npStr(NP.P) + ']');
      return cp + rest;
    }
    nd.print(' spi=');
    if (!rawPrint(nd, cp, spiSize)) return cut(nd, NP.P);
    cp += spiSize;
    rest -= spiSize;
  }
  return items(nd, cp, rest, NP.T, NP.P, ep, depth);
}

const sa: PayloadPrinter = (nd, tpay, ext, _len, ep, _phase, _doi, _proto, depth) => {
  if (!nd.has(ext, 4)) return cut(nd, tpay);
  payName(nd, 'sa', nd.u8(ext + 1));
  const length = nd.u16(ext + 2) - 4;
  nd.print(' len=' + length);
  return items(nd, ext + 4, length, NP.P, tpay, ep, depth);
};

const ke: PayloadPrinter = (nd, tpay, ext, itemLen) => {
  if (!nd.has(ext, 8)) return cut(nd, tpay);
  payName(nd, npStr(tpay), nd.u8(ext + 1));
  if (itemLen < 8) {
    nd.print(' len=' + itemLen + ' < 8');
    return ext + itemLen;
  }
  nd.print(' len=' + (itemLen - 8) + ' group=' + strOrId(nd.u16(ext + 4), dhGroups));
  if (nd.verbose > 2 && 8 < itemLen) {
    nd.print(' ');
    if (!rawPrint(nd, ext + 8, itemLen - 8)) return cut(nd, tpay);
  }
  return ext + itemLen;
};

/** Printable bytes as themselves, the rest as '.'; false when not all were captured. */
function asciiDump(nd: Dissector, at: number, len: number): boolean {
  if (!nd.has(at, len)) return false;
  let s = '';
  for (let i = 0; i < len; i++) {
    const c = nd.buf[at + i];
    s += c >= 0x20 && c <= 0x7e ? String.fromCharCode(c) : '.';
  }
  nd.print(s);
  return true;
}

const idLabels: (string | null)[] = [null, ' ipv4:', ' fqdn:', ' rfc822:', null, ' ipv6:', null, null, null, ' dn:', ' gn:', ' keyid:'];

const ident: PayloadPrinter = (nd, tpay, ext, itemLen) => {
  if (!nd.has(ext, 8)) return cut(nd, tpay);
  payName(nd, npStr(tpay), nd.u8(ext + 1));
  nd.print(' len=' + (itemLen - 4));
  if (nd.verbose > 2 && 4 < itemLen) {
    nd.print(' ');
    if (!rawPrint(nd, ext + 4, itemLen - 4)) return cut(nd, tpay);
  }
  // Unsigned in tcpdump: an item shorter than its header claims a huge length and is cut.
  const len = (itemLen - 8) >>> 0;
  const type = nd.u8(ext + 4);
  const label = type < idLabels.length ? idLabels[type] : null;
  if (label !== null) {
    nd.print(label);
    const ascii = type === 2 || type === 3;
    if (!(ascii ? asciiDump(nd, ext + 8, len) : rawPrint(nd, ext + 8, len))) return cut(nd, tpay);
  }
  return ext + itemLen;
};

const auth: PayloadPrinter = (nd, tpay, ext, itemLen, ep) => {
  if (!nd.has(ext, 8)) return cut(nd, tpay);
  payName(nd, npStr(tpay), nd.u8(ext + 1));
  nd.print(' len=' + (itemLen - 4) + ' method=' + strOrId(nd.u8(ext + 4), authMethods));
  if (itemLen > 4) {
    if (nd.verbose > 1) {
      nd.print(' authdata=(');
      if (!rawPrint(nd, ext + 8, (itemLen - 8) >>> 0)) return cut(nd, tpay);
      nd.print(') ');
    } else if (nd.verbose && !showSomeData(nd, ext + 8, ep)) return cut(nd, tpay);
  }
  return ext + itemLen;
};

const nonce: PayloadPrinter = (nd, tpay, ext, itemLen, ep) => {
  if (!nd.has(ext, 4)) return cut(nd, tpay);
  payName(nd, 'nonce', nd.u8(ext + 1));
  nd.print(' len=' + (itemLen - 4));
  if (nd.verbose > 1 && 4 < itemLen) {
    nd.print(' nonce=(');
    if (!rawPrint(nd, ext + 4, itemLen - 4)) return cut(nd, tpay);
    nd.print(') ');
  } else if (nd.verbose && 4 < itemLen && !showSomeData(nd, ext + 4, ep)) return cut(nd, tpay);
  return ext + itemLen;
};

/** Notify types: name, and whether its SPI (and, for a cookie, its data) is shown. */
const notifyTypes = new Map<number, [string, boolean]>([
  [1, ['unsupported_critical_payload', false]],
  [4, ['invalid_ike_spi', true]],
  [5, ['invalid_major_version', false]],
  [7, ['invalid_syntax', true]],
  [9, ['invalid_message_id', true]],
  [11, ['invalid_spi', true]],
  [14, ['no_protocol_chosen', true]],
  [17, ['invalid_ke_payload', true]],
  [24, ['authentication_failed', true]],
  [34, ['single_pair_required', true]],
  [35, ['no_additional_sas', false]],
  [36, ['internal_address_failure', false]],
  [37, ['failed:cp_required', false]],
  [39, ['invalid_selectors', false]],
  [16384, ['initial_contact', false]],
  [16385, ['set_window_size', false]],
  [16386, ['additional_ts_possible', false]],
  [16387, ['ipcomp_supported', false]],
  [16388, ['nat_detection_source_ip', true]],
  [16389, ['nat_detection_destination_ip', true]],
  [16390, ['cookie', true]],
  [16391, ['use_transport_mode', false]],
  [16392, ['http_cert_lookup_supported', false]],
  [16393, ['rekey_sa', true]],
  [16394, ['tfc_padding_not_supported', false]],
  [16395, ['non_first_fragment_also', false]],
]);
const COOKIE = 16390;

const notify: PayloadPrinter = (nd, _tpay, ext, itemLen, ep) => {
  if (!nd.has(ext, 8)) return cut(nd, NP.N);
  payName(nd, npStr(NP.N), nd.u8(ext + 1));
  nd.print(' prot_id=' + protoIdStr(nd.u8(ext + 4)));
  const type = nd.u16(ext + 6);
  const known = notifyTypes.get(type);
  const name = known ? known[0] : type < 8192 ? 'error' : type < 16384 ? 'private-error' : type < 40960 ? 'status' : 'private-status';
  const showSpi = known ? known[1] : true;
  const someData = type === COOKIE;
  nd.print(' type=' + type + '(' + name + ')');
  const spiSize = nd.u8(ext + 5);
  if (showSpi && spiSize) {
    nd.print(' spi=');
    if (!rawPrint(nd, ext + 8, spiSize)) return cut(nd, NP.N);
  }
  const cp = ext + 8 + spiSize;
  if (cp < ep) {
    if (nd.verbose > 3 || (someData && ep - cp < 30)) {
      nd.print(' data=(');
      if (!rawPrint(nd, cp, ep - cp)) return cut(nd, NP.N);
      nd.print(')');
    } else if (someData && !showSomeData(nd, cp, ep)) return cut(nd, NP.N);
  }
  return ext + itemLen;
};

const vid: PayloadPrinter = (nd, tpay, ext, itemLen) => {
  if (!nd.has(ext, 4)) return cut(nd, tpay);
  payName(nd, npStr(tpay), nd.u8(ext + 1));
  const len = itemLen - 4;
  nd.print(' len=' + len + ' vid=');
  if (!asciiDump(nd, ext + 4, len)) return cut(nd, tpay);
  if (nd.verbose > 2 && 4 < len) {
    nd.print(' ');
    if (!rawPrint(nd, ext + 4, itemLen - 4)) return cut(nd, tpay);
  }
  return ext + itemLen;
};

/** The Encrypted payload: its length (and bytes with -vvv); it is the last, so the chain ends. */
const encrypted: PayloadPrinter = (nd, tpay, ext, itemLen) => {
  if (!nd.has(ext, 4)) return cut(nd, tpay);
  payName(nd, npStr(tpay), nd.u8(ext + 1));
  const dlen = itemLen - 4;
  nd.print(' len=' + dlen);
  if (nd.verbose > 2 && 4 < dlen) {
    nd.print(' ');
    if (!rawPrint(nd, ext + 4, dlen)) return cut(nd, tpay);
  }
  if (!nd.has(ext + 4, dlen)) return cut(nd, tpay);
  return NONE;
};

npFuncs[V2.SA] = sa;
npFuncs[V2.KE] = ke;
npFuncs[V2.IDI] = ident;
npFuncs[V2.IDR] = ident;
npFuncs[V2.CERT] = gen;
npFuncs[V2.CR] = gen;
npFuncs[V2.AUTH] = auth;
npFuncs[V2.NONCE] = nonce;
npFuncs[V2.N] = notify;
npFuncs[V2.D] = gen;
npFuncs[V2.VID] = vid;
npFuncs[V2.TSI] = gen;
npFuncs[V2.TSR] = gen;
npFuncs[V2.CP] = gen;
npFuncs[V2.EAP] = gen;
v2e.print = encrypted;
