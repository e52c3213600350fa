import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { printn } from '../strings.js';
import { hex, hex2 } from '../text.js';

/**
 * SNMP (tcpdump's print-snmp.c as Debian builds it, without libsmi): the BER-encoded
 * message walked element by element, OIDs in numbers (-nn turns off its MIB names).
 * A malformed element prints tcpdump's bracketed complaint and ends the message; a
 * cut one prints ` [|snmp]` and lets the enclosing levels close their braces (-v), as
 * tcpdump's returns do.
 */

const Universal = ['U-0', 'Boolean', 'Integer', 'Bitstring', 'String', 'Null', 'ObjID', 'ObjectDes', 'U-8', 'U-9', 'U-10', 'U-11', 'U-12', 'U-13', 'U-14', 'U-15', 'Sequence', 'Set'];
const Application = ['IpAddress', 'Counter', 'Gauge', 'TimeTicks', 'Opaque', 'C-5', 'Counter64'];
const Context = ['GetRequest', 'GetNextRequest', 'GetResponse', 'SetRequest', 'Trap', 'GetBulk', 'Inform', 'V2Trap', 'Report'];
const Exceptions = ['noSuchObject', 'noSuchInstance', 'endOfMibView'];
const Private = ['P-0'];
// tcpdump's defineCLASS stringizes its argument the pre-ANSI way: every class is named "x".
const Classes = [Universal, Application, Context, Private, Exceptions];
const Form = ['Primitive', 'Constructed'];
const ErrorStatus = [
  'noError', 'tooBig', 'noSuchName', 'badValue', 'readOnly', 'genErr', 'noAccess', 'wrongType', 'wrongLength',
  'wrongEncoding', 'wrongValue', 'noCreation', 'inconsistentValue', 'resourceUnavailable', 'commitFailed',
  'undoFailed', 'authorizationError', 'notWritable', 'inconsistentName',
];
const GenericTrap = ['coldStart', 'warmStart', 'linkDown', 'linkUp', 'authenticationFailure', 'egpNeighborLoss', 'enterpriseSpecific'];
const SnmpVersion = ['SNMPv1', 'SNMPv2c', 'SNMPv2u', 'SNMPv3'];

const UNIVERSAL = 0;
const APPLICATION = 1;
const CONTEXT = 2;
const T = { INTEGER: 2, STRING: 4, NULL: 5, OBJECTID: 6, SEQUENCE: 16 } as const;
const A = { IPADDR: 0, COUNTER: 1, GAUGE: 2, TIMETICKS: 3, COUNTER64: 6 } as const;
const PDU = { GETREQ: 0, GETNEXTREQ: 1, GETRESP: 2, SETREQ: 3, TRAP: 4, GETBULKREQ: 5, INFORMREQ: 6, V2TRAP: 7, REPORT: 8 } as const;
const GT_ENTERPRISE = 6;
const V1 = 0;
const V2 = 1;
const V3 = 3;

const BE = {
  ANY: 255, NULL: 1, OCTET: 2, OID: 3, INT: 4, UNS: 5, STR: 6, SEQ: 7, INETADDR: 8, PDU: 9, UNS64: 10,
  NOSUCHOBJECT: 128, NOSUCHINST: 129, ENDOFMIBVIEW: 130,
} as const;

/** An element as asn1_parse leaves it (tcpdump's struct be). */
class Elem {
  asnlen = 0;
  type: number = BE.ANY;
  id = 0;
  /** Offset of the contents. */
  at = 0;
  integer = 0;
  uns = 0;
  uns64 = 0n;
}

const CUT = -1;

/** asn1_parse: the element at p within len bytes; its size with header, or -1 (complaint or truncation printed). */
function parse(nd: Dissector, p: number, len: number, e: Elem): number {
  e.asnlen = 0;
  e.type = BE.ANY;
  if (len < 1) {
    nd.print('[nothing to parse]');
    return CUT;
  }
  const b0 = nd.u8(p);
  let id = b0 & 0x1f;
  const form = (b0 & 0x20) >> 5;
  const cls = (b0 & 0xc0) >> 6;
  e.id = id;
  p++;
  len--;
  let hdr = 1;
  if (id === 0x1f) {
    // The tag's value in the following bytes, 7 bits each (kept in 8 bits, as tcpdump's u_char).
    id = 0;
    while (nd.u8(p) & 0x80) {
      if (len < 1) {
        nd.print('[Xtagfield?]');
        return CUT;
      }
      id = ((id << 7) | (nd.u8(p) & 0x7f)) & 0xff;
      len--;
      hdr++;
      p++;
    }
    if (len < 1) {
      nd.print('[Xtagfield?]');
      return CUT;
    }
    e.id = id = ((id << 7) | nd.u8(p)) & 0xff;
    len--;
    hdr++;
    p++;
  }
  if (len < 1) {
    nd.print('[no asnlen]');
    return CUT;
  }
  e.asnlen = nd.u8(p);
  p++;
  len--;
  hdr++;
  if (e.asnlen & 0x80) {
    let noct = e.asnlen % 0x80;
    e.asnlen = 0;
    if (len < noct) {
      nd.print('[asnlen? ' + len + '<' + noct + ']');
      return CUT;
    }
    if (!nd.has(p, noct)) {
      nd.printTrunc();
      return CUT;
    }
    for (; noct !== 0; len--, hdr++, noct--) {
      e.asnlen = ((e.asnlen << 8) | nd.u8(p)) >>> 0;
      p++;
    }
  }
  if (len < e.asnlen) {
    nd.print('[len' + len + '<asnlen' + e.asnlen + ']');
    return CUT;
  }
  if (id >= Classes[cls].length) {
    nd.print('[id?' + Form[form][0] + '/x/' + id + ']');
    return CUT;
  }
  if (!nd.has(p, e.asnlen)) {
    nd.printTrunc();
    return CUT;
  }
  e.at = p;
  if (form === 0) {
    if (cls === UNIVERSAL) {
      if (id === T.STRING) e.type = BE.STR;
      else if (id === T.INTEGER) {
        e.type = BE.INT;
        if (e.asnlen === 0) {
          nd.print('[asnlen=0]');
          return CUT;
        }
        let data = nd.u8(p) & 0x80 ? -1 : 0;
        for (let i = e.asnlen, q = p; i !== 0; q++, i--) data = (data << 8) | nd.u8(q);
        e.integer = data;
      } else if (id === T.OBJECTID) e.type = BE.OID;
      else if (id === T.NULL) e.type = BE.NULL;
      else {
        e.type = BE.OCTET;
        nd.print('[P/U/' + Universal[id] + ']');
      }
    } else if (cls === APPLICATION) {
      if (id === A.IPADDR) e.type = BE.INETADDR;
      else if (id === A.COUNTER || id === A.GAUGE || id === A.TIMETICKS) {
        e.type = BE.UNS;
        let data = 0;
        for (let i = e.asnlen, q = p; i !== 0; q++, i--) data = ((data << 8) + nd.u8(q)) >>> 0;
        e.uns = data;
      } else if (id === A.COUNTER64) {
        e.type = BE.UNS64;
        let data = 0n;
        for (let i = e.asnlen, q = p; i !== 0; q++, i--) data = BigInt.asUintN(64, (data << 8n) + BigInt(nd.u8(q)));
        e.uns64 = data;
      } else {
        e.type = BE.OCTET;
        nd.print('[P/A/' + Application[id] + ']');
      }
    } else if (cls === CONTEXT) {
      if (id === 0) e.type = BE.NOSUCHOBJECT;
      else if (id === 1) e.type = BE.NOSUCHINST;
      else if (id === 2) e.type = BE.ENDOFMIBVIEW;
    } else {
      nd.print('[P/x/' + Classes[cls][id] + ']');
      e.type = BE.OCTET;
    }
  } else if (cls === UNIVERSAL) {
    if (id === T.SEQUENCE) e.type = BE.SEQ;
    else {
      e.type = BE.OCTET;
      nd.print('C/U/' + Universal[id]);
    }
  } else if (cls === CONTEXT) e.type = BE.PDU;
  else {
    e.type = BE.OCTET;
    nd.print('C/x/' + Classes[cls][id]);
  }
  return e.asnlen + hdr;
}

function printOctets(nd: Dissector, e: Elem): void {
  let s = '';
  for (let i = 0; i < e.asnlen; i++) s += '_' + hex2(nd.u8(e.at + i));
  nd.print(s);
}

function printString(nd: Dissector, e: Elem): void {
  let printable = true;
  for (let i = 0; printable && i < e.asnlen; i++) {
    const c = nd.u8(e.at + i);
    printable = c >= 0x20 && c <= 0x7e;
  }
  if (printable) {
    nd.print('"');
    printn(nd, e.at, e.asnlen);
    nd.print('"');
  } else {
    let s = '';
    for (let i = 0; i < e.asnlen; i++) s += (i === 0 ? '' : '_') + hex2(nd.u8(e.at + i));
    nd.print(s);
  }
}

/** asn1_print: an element's value (parse() has checked its bytes were captured). */
function asn1Print(nd: Dissector, e: Elem): void {
  switch (e.type) {
    case BE.OCTET:
      printOctets(nd, e);
      break;
    case BE.NULL:
      break;
    case BE.OID: {
      // Sub-identifiers in numbers, the first byte holding two of them (X.690 8.19).
      let s = '';
      let o = 0;
      let first = true;
      for (let i = 0; i < e.asnlen; i++) {
        const b = nd.u8(e.at + i);
        o = ((o << 7) + (b & 0x7f)) | 0;
        if (b & 0x80) continue;
        if (first) {
          first = false;
          let sub = Math.trunc(o / 40);
          if (sub > 2) sub = 2;
          s += '.' + (sub >>> 0);
          o -= sub * 40;
        }
        s += '.' + (o >>> 0);
        o = 0;
      }
      nd.print(s);
      break;
    }
    case BE.INT:
      nd.print(String(e.integer));
      break;
    case BE.UNS:
      nd.print(String(e.uns));
      break;
    case BE.UNS64:
      nd.print(e.uns64.toString());
      break;
    case BE.STR:
      printString(nd, e);
      break;
    case BE.SEQ:
      nd.print('Seq(' + e.asnlen + ')');
      break;
    case BE.INETADDR: {
      if (e.asnlen !== 4) nd.print('[inetaddr len!=4]');
      let s = '';
      for (let i = 0; i < e.asnlen; i++) s += (i === 0 ? '' : '.') + nd.u8(e.at + i);
      nd.print(s);
      break;
    }
    case BE.NOSUCHOBJECT:
    case BE.NOSUCHINST:
    case BE.ENDOFMIBVIEW:
      nd.print('[' + Exceptions[e.id] + ']');
      break;
    case BE.PDU:
      nd.print(Context[e.id] + '(' + e.asnlen + ')');
      break;
    case BE.ANY:
      nd.print('[BE_ANY!?]');
      break;
    default:
      nd.print('[be!?]');
  }
}

/** Parses the next element and checks its type; on a mismatch prints "[what]" and the element. */
function expect(nd: Dissector, p: number, len: number, e: Elem, type: number, what: string): number {
  const count = parse(nd, p, len, e);
  if (count < 0) return CUT;
  if (e.type !== type) {
    nd.print('[' + what + ']');
    asn1Print(nd, e);
    return CUT;
  }
  return count;
}

function errorStatus(v: number): string {
  return v >= 0 && v < ErrorStatus.length ? ErrorStatus[v] : 'err=' + (v >>> 0);
}

const isRead = (pdu: number) => pdu === PDU.GETREQ || pdu === PDU.GETNEXTREQ || pdu === PDU.GETBULKREQ;

function varbinds(nd: Dissector, pdu: number, np: number, length: number): void {
  const e = new Elem();
  let count = parse(nd, np, length, e);
  if (count < 0) return;
  if (e.type !== BE.SEQ) {
    nd.print('[!SEQ of varbind]');
    asn1Print(nd, e);
    return;
  }
  if (count < length) nd.print('[' + (length - count) + ' extra after SEQ of varbind]');
  length = e.asnlen;
  np = e.at;
  while (length) {
    nd.print(' ');
    if ((count = expect(nd, np, length, e, BE.SEQ, '!varbind')) < 0) return;
    const vbend = np + count;
    const vblength = length - count;
    length = e.asnlen;
    np = e.at;
    if ((count = expect(nd, np, length, e, BE.OID, 'objName!=OID')) < 0) return;
    asn1Print(nd, e);
    length -= count;
    np += count;
    if (!isRead(pdu)) nd.print('=');
    if ((count = parse(nd, np, length, e)) < 0) return;
    // A fresh read: the compiler still holds e.type to the SEQ checked above.
    const type: number = e.type;
    if (isRead(pdu)) {
      if (type !== BE.NULL) {
        nd.print('[objVal!=NULL]');
        asn1Print(nd, e);
      }
    } else if (type !== BE.NULL) asn1Print(nd, e);
    length = vblength;
    np = vbend;
  }
}

/** GetRequest, GetNextRequest, GetResponse, SetRequest, GetBulk, Inform, V2Trap, Report. */
function snmpPdu(nd: Dissector, pdu: number, np: number, length: number): void {
  const e = new Elem();
  let count = expect(nd, np, length, e, BE.INT, 'reqId!=INT');
  if (count < 0) return;
  if (nd.verbose) nd.print('R=' + e.integer + ' ');
  length -= count;
  np += count;
  if ((count = expect(nd, np, length, e, BE.INT, 'errorStatus!=INT')) < 0) return;
  const strict = pdu === PDU.GETREQ || pdu === PDU.GETNEXTREQ || pdu === PDU.SETREQ || pdu === PDU.INFORMREQ || pdu === PDU.V2TRAP || pdu === PDU.REPORT;
  let status = 0;
  if (strict && e.integer !== 0) nd.print('[errorStatus(' + errorStatus(e.integer) + ')!=0]');
  else if (pdu === PDU.GETBULKREQ) nd.print(' N=' + e.integer);
  else if (e.integer !== 0) {
    nd.print(' ' + errorStatus(e.integer));
    status = e.integer;
  }
  length -= count;
  np += count;
  if ((count = expect(nd, np, length, e, BE.INT, 'errorIndex!=INT')) < 0) return;
  if (strict && e.integer !== 0) nd.print('[errorIndex(' + e.integer + ')!=0]');
  else if (pdu === PDU.GETBULKREQ) nd.print(' M=' + e.integer);
  else if (e.integer !== 0) nd.print(status ? '@' + e.integer : '[errorIndex(' + e.integer + ') w/o errorStatus]');
  else if (status) nd.print('[errorIndex==0]');
  length -= count;
  np += count;
  varbinds(nd, pdu, np, length);
}

function trapPdu(nd: Dissector, np: number, length: number): void {
  const e = new Elem();
  nd.print(' ');
  let count = expect(nd, np, length, e, BE.OID, 'enterprise!=OID');
  if (count < 0) return;
  asn1Print(nd, e);
  length -= count;
  np += count;
  nd.print(' ');
  if ((count = expect(nd, np, length, e, BE.INETADDR, 'agent-addr!=INETADDR')) < 0) return;
  asn1Print(nd, e);
  length -= count;
  np += count;
  if ((count = expect(nd, np, length, e, BE.INT, 'generic-trap!=INT')) < 0) return;
  const generic = e.integer;
  nd.print(' ' + (generic >= 0 && generic < GenericTrap.length ? GenericTrap[generic] : 'gt=' + generic));
  length -= count;
  np += count;
  if ((count = expect(nd, np, length, e, BE.INT, 'specific-trap!=INT')) < 0) return;
  if (generic !== GT_ENTERPRISE) {
    if (e.integer !== 0) nd.print('[specific-trap(' + e.integer + ')!=0]');
  } else nd.print(' s=' + e.integer);
  length -= count;
  np += count;
  nd.print(' ');
  if ((count = expect(nd, np, length, e, BE.UNS, 'time-stamp!=TIMETICKS')) < 0) return;
  asn1Print(nd, e);
  length -= count;
  np += count;
  varbinds(nd, PDU.TRAP, np, length);
}

function pduPrint(nd: Dissector, np: number, length: number, version: number): void {
  const pdu = new Elem();
  const count = parse(nd, np, length, pdu);
  if (count < 0) return;
  if (pdu.type !== BE.PDU) {
    nd.print('[no PDU]');
    return;
  }
  if (count < length) nd.print('[' + (length - count) + ' extra after PDU]');
  if (nd.verbose) nd.print('{ ');
  asn1Print(nd, pdu);
  nd.print(' ');
  length = pdu.asnlen;
  np = pdu.at;
  const id = pdu.id;
  if (version === V1 && (id === PDU.GETBULKREQ || id === PDU.INFORMREQ || id === PDU.V2TRAP || id === PDU.REPORT)) {
    nd.print('[v2 PDU in v1 message]');
    return;
  }
  if (version === V2 && id === PDU.TRAP) {
    nd.print('[v1 PDU in v2 message]');
    return;
  }
  if (id === PDU.TRAP) trapPdu(nd, np, length);
  else if (id <= PDU.REPORT) snmpPdu(nd, id, np, length);
  if (nd.verbose) nd.print(' } ');
}

function scopedPdu(nd: Dissector, np: number, length: number, version: number): void {
  const e = new Elem();
  let count = expect(nd, np, length, e, BE.SEQ, '!scoped PDU');
  if (count < 0) return;
  length = e.asnlen;
  np = e.at;
  if ((count = expect(nd, np, length, e, BE.STR, 'contextEngineID!=STR')) < 0) return;
  length -= count;
  np += count;
  nd.print('E=');
  printOctets(nd, e);
  nd.print(' ');
  if ((count = expect(nd, np, length, e, BE.STR, 'contextName!=STR')) < 0) return;
  length -= count;
  np += count;
  nd.print('C=');
  printString(nd, e);
  nd.print(' ');
  pduPrint(nd, np, length, version);
}

function isPublic(nd: Dissector, e: Elem): boolean {
  if (e.asnlen !== 6) return false;
  const b = nd.buf;
  const p = e.at;
  return b[p] === 0x70 && b[p + 1] === 0x75 && b[p + 2] === 0x62 && b[p + 3] === 0x6c && b[p + 4] === 0x69 && b[p + 5] === 0x63;
}

function communityPrint(nd: Dissector, np: number, length: number, version: number): void {
  const e = new Elem();
  const count = expect(nd, np, length, e, BE.STR, 'comm!=STR');
  if (count < 0) return;
  // The default community, "public", is not printed.
  if (!isPublic(nd, e)) {
    nd.print('C=');
    printString(nd, e);
    nd.print(' ');
  }
  pduPrint(nd, np + count, length - count, version);
}

function usmPrint(nd: Dissector, np: number, length: number): void {
  const e = new Elem();
  let count = expect(nd, np, length, e, BE.SEQ, '!usm');
  if (count < 0) return;
  length = e.asnlen;
  np = e.at;
  if ((count = expect(nd, np, length, e, BE.STR, 'msgAuthoritativeEngineID!=STR')) < 0) return;
  length -= count;
  np += count;
  if ((count = expect(nd, np, length, e, BE.INT, 'msgAuthoritativeEngineBoots!=INT')) < 0) return;
  if (nd.verbose) nd.print('B=' + e.integer + ' ');
  length -= count;
  np += count;
  if ((count = expect(nd, np, length, e, BE.INT, 'msgAuthoritativeEngineTime!=INT')) < 0) return;
  if (nd.verbose) nd.print('T=' + e.integer + ' ');
  length -= count;
  np += count;
  if ((count = expect(nd, np, length, e, BE.STR, 'msgUserName!=STR')) < 0) return;
  length -= count;
  np += count;
  nd.print('U=');
  printString(nd, e);
  nd.print(' ');
  if ((count = expect(nd, np, length, e, BE.STR, 'msgAuthenticationParameters!=STR')) < 0) return;
  length -= count;
  np += count;
  if ((count = expect(nd, np, length, e, BE.STR, 'msgPrivacyParameters!=STR')) < 0) return;
  length -= count;
  np += count;
  if (count < length) nd.print('[' + (length - count) + ' extra after usm SEQ]');
}

function v3msgPrint(nd: Dissector, np: number, length: number): void {
  const e = new Elem();
  const xnp = np;
  const xlength = length;
  let count = expect(nd, np, length, e, BE.SEQ, '!message');
  if (count < 0) return;
  length = e.asnlen;
  np = e.at;
  if (nd.verbose) nd.print('{ ');
  if ((count = expect(nd, np, length, e, BE.INT, 'msgID!=INT')) < 0) return;
  length -= count;
  np += count;
  if ((count = expect(nd, np, length, e, BE.INT, 'msgMaxSize!=INT')) < 0) return;
  length -= count;
  np += count;
  if ((count = expect(nd, np, length, e, BE.STR, 'msgFlags!=STR')) < 0) return;
  if (e.asnlen !== 1) {
    nd.print('[msgFlags size ' + e.asnlen + ']');
    return;
  }
  const flags = nd.u8(e.at);
  if (flags !== 0 && flags !== 1 && flags !== 3 && flags !== 4 && flags !== 5 && flags !== 7) {
    nd.print('[msgFlags=0x' + hex(flags, 2).toUpperCase() + ']');
    return;
  }
  length -= count;
  np += count;
  nd.print('F=' + (flags & 1 ? 'a' : '') + (flags & 2 ? 'p' : '') + (flags & 4 ? 'r' : '') + ' ');
  if ((count = expect(nd, np, length, e, BE.INT, 'msgSecurityModel!=INT')) < 0) return;
  const model = e.integer;
  length -= count;
  np += count;
  if (count < length) nd.print('[' + (length - count) + ' extra after message SEQ]');
  if (nd.verbose) nd.print('} ');
  if (model !== 3) {
    nd.print('[security model ' + model + ']');
    return;
  }
  if (nd.verbose) nd.print('{ USM ');
  // What is left is counted from the whole message, as tcpdump counts it.
  length = xlength - (np - xnp);
  if ((count = expect(nd, np, length, e, BE.STR, 'msgSecurityParameters!=STR')) < 0) return;
  length -= count;
  np += count;
  usmPrint(nd, e.at, e.asnlen);
  if (nd.verbose) nd.print('} ');
  if (nd.verbose) nd.print('{ ScopedPDU ');
  scopedPdu(nd, np, length, 3);
  if (nd.verbose) nd.print('} ');
}

export function snmpPrint(nd: Dissector, np: number, length: number): void {
  nd.protocol = 'snmp';
  nd.print(' ');
  const e = new Elem();
  let count = expect(nd, np, length, e, BE.SEQ, '!init SEQ');
  if (count < 0) return;
  if (count < length) nd.print('[' + (length - count) + ' extra after iSEQ]');
  length = e.asnlen;
  np = e.at;
  if ((count = expect(nd, np, length, e, BE.INT, 'version!=INT')) < 0) return;
  const version = e.integer;
  if (version !== V1 && version !== V2 && version !== V3) {
    nd.print('SNMP [version = ' + version + ']');
    return;
  }
  if (nd.verbose) nd.print('{ ' + SnmpVersion[version] + ' ');
  length -= count;
  np += count;
  if (version === V3) v3msgPrint(nd, np, length);
  else communityPrint(nd, np, length, version);
  if (nd.verbose) nd.print('} ');
}

udpPorts.register('snmp', snmpPrint);
