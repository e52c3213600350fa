import type { Dissector } from '../dissector.js';
import { hex2 } from '../text.js';
import { NONE, NP, attrMap, attrPrint, npFuncs, npStr, protoIdStr, rawPrint, showSomeData, strOrId, subPrint, type AttrMap, type PayloadPrinter } from './ike-common.js';
import { charText } from './tcp.js';

/** IKEv1 payloads (RFC 2407, 2408), as tcpdump's print-isakmp.c prints them with -v. */

const groups = [
  null, 'modp768', 'modp1024', 'EC2N 2^155', 'EC2N 2^185', 'modp1536', 'iana-grp06', 'iana-grp07', 'iana-grp08',
  'iana-grp09', 'iana-grp10', 'iana-grp11', 'iana-grp12', 'iana-grp13', 'modp2048', 'modp3072', 'modp4096',
  'modp6144', 'modp8192',
];
export const dhGroups: readonly (string | null)[] = groups;
export const espTransforms: readonly (string | null)[] = [null, '1des-iv64', '1des', '3des', 'rc5', 'idea', 'cast', 'blowfish', '3idea', '1des-iv32', 'rc4', 'null', 'aes'];

const ikeTransforms = [null, 'ike'];
const ahTransforms = [null, '(reserved)', 'md5', 'sha', '1des', 'sha2-256', 'sha2-384', 'sha2-512'];
const ipcompTransforms = [null, 'oui', 'deflate', 'lzs'];

const ipsecAttrs: AttrMap[] = [
  attrMap(null),
  attrMap('lifetype', 3, [null, 'sec', 'kb']),
  attrMap('life'),
  attrMap('group desc', 18, groups),
  attrMap('enc mode', 3, [null, 'tunnel', 'transport']),
  attrMap('auth', 5, [null, 'hmac-md5', 'hmac-sha1', '1des-mac', 'keyed']),
  attrMap('keylen'),
  attrMap('rounds'),
  attrMap('dictsize'),
  attrMap('privalg'),
];

export const oakleyAttrs: AttrMap[] = [
  attrMap(null),
  attrMap('enc', 8, [null, '1des', 'idea', 'blowfish', 'rc5', '3des', 'cast', 'aes']),
  attrMap('hash', 7, [null, 'md5', 'sha1', 'tiger', 'sha2-256', 'sha2-384', 'sha2-512']),
  attrMap('auth', 6, [null, 'preshared', 'dss', 'rsa sig', 'rsa enc', 'rsa enc revised']),
  attrMap('group desc', 18, groups),
  attrMap('group type', 4, [null, 'MODP', 'ECP', 'EC2N']),
  attrMap('group prime'),
  attrMap('group gen1'),
  attrMap('group gen2'),
  attrMap('group curve A'),
  attrMap('group curve B'),
  attrMap('lifetype', 3, [null, 'sec', 'kb']),
  attrMap('lifeduration'),
  attrMap('prf'),
  attrMap('keylen'),
  attrMap('field'),
  attrMap('order'),
];

/** " [|name]" after a payload cut short: the chain stops. */
function cut(nd: Dissector, np: number): number {
  nd.print(' [|' + npStr(np) + ']');
  return NONE;
}

/** The attributes of a transform, [cp, min(ep, ep2)); "..." when the capture ends inside them. */
export function attributes(nd: Dissector, cp: number, ep: number, ep2: number, map: readonly AttrMap[] | null): number {
  while (cp < ep && cp < ep2) {
    cp = attrPrint(nd, cp, ep2, map);
    if (cp === NONE) return NONE;
  }
  if (ep < ep2) nd.print('...');
  return cp;
}

const sa: PayloadPrinter = (nd, _tpay, ext, _len, ep, phase, _doi, proto, depth) => {
  nd.print(npStr(NP.SA) + ':');
  if (!nd.has(ext, 12)) return cut(nd, NP.SA);
  const doi = nd.u32(ext + 4);
  const sit = nd.u32(ext + 8);
  if (doi !== 1) {
    nd.print(' doi=' + doi + ' situation=' + sit);
    return ext + 12;
  }
  let s = ' doi=ipsec situation=';
  let t = 0;
  if (sit & 1) {
    s += 'identity';
    t++;
  }
  if (sit & 2) {
    s += (t ? '+' : '') + 'secrecy';
    t++;
  }
  if (sit & 4) s += (t ? '+' : '') + 'integrity';
  nd.print(s);
  let np = ext + 12;
  if (sit !== 1) {
    // tcpdump reads its "ident" 4 bytes into the payload (the DOI), and skips 4 bytes.
    nd.print(' ident=' + nd.u32(ext + 4));
    np += 4;
  }
  if (!nd.has(np, 4)) return cut(nd, NP.SA);
  return subPrint(nd, false, NP.P, np, ep, phase, doi, proto, depth);
};

const proposal: PayloadPrinter = (nd, _tpay, ext, _len, ep, phase, doi, _proto, depth) => {
  nd.print(npStr(NP.P) + ':');
  if (!nd.has(ext, 8)) return cut(nd, NP.P);
  const protoId = nd.u8(ext + 5);
  nd.print(' #' + nd.u8(ext + 4) + ' protoid=' + protoIdStr(protoId) + ' transform=' + nd.u8(ext + 7));
  const spiSize = nd.u8(ext + 6);
  if (spiSize) {
    nd.print(' spi=');
    if (!rawPrint(nd, ext + 8, spiSize)) return cut(nd, NP.P);
  }
  const next = ext + 8 + spiSize;
  if (!nd.has(next, 4)) return cut(nd, NP.P);
  return subPrint(nd, false, NP.T, next, ep, phase, doi, protoId, depth);
};

const transform: PayloadPrinter = (nd, _tpay, ext, itemLen, ep, _phase, _doi, proto) => {
  nd.print(npStr(NP.T) + ':');
  if (!nd.has(ext, 8)) return cut(nd, NP.T);
  const id = nd.u8(ext + 5);
  let idstr: string | null = null;
  let map: AttrMap[] | null = null;
  if (proto === 1) {
    idstr = strOrId(id, ikeTransforms);
    map = oakleyAttrs;
  } else if (proto === 2) idstr = strOrId(id, ahTransforms);
  else if (proto === 3) idstr = strOrId(id, espTransforms);
  else if (proto === 4) idstr = strOrId(id, ipcompTransforms);
  if (proto >= 2 && proto <= 4) map = ipsecAttrs;
  nd.print(' #' + nd.u8(ext + 4) + ' id=' + (idstr ?? String(id)) + ' ');
  const cp = attributes(nd, ext + 8, ep, ext + itemLen, map);
  return cp === NONE ? cut(nd, NP.T) : cp;
};

/** The payloads that print their length and, with -vvv, their bytes (KE prints "key len"). */
function opaque(np: number, label: string): PayloadPrinter {
  return (nd, _tpay, ext, itemLen) => {
    nd.print(npStr(np) + ':');
    if (!nd.has(ext, 4)) return cut(nd, np);
    nd.print(label + (itemLen - 4));
    if (nd.verbose > 2 && itemLen > 4) {
      nd.print(' ');
      if (!rawPrint(nd, ext + 4, itemLen - 4)) return cut(nd, np);
    }
    return ext + itemLen;
  };
}

const idTypes = ['IPv4', 'IPv4net', 'IPv6', 'IPv6net'];
const ipsecIdTypes = [null, 'IPv4', 'FQDN', 'user FQDN', 'IPv4net', 'IPv6', 'IPv6net', 'IPv4range', 'IPv6range', 'ASN1 DN', 'ASN1 GN', 'keyid'];

const id: PayloadPrinter = (nd, _tpay, ext, itemLen, _ep, phase) => {
  nd.print(npStr(NP.ID) + ':');
  if (!nd.has(ext, 8)) return cut(nd, NP.ID);
  let data = NONE;
  let len = 0;
  if (8 < itemLen) {
    data = ext + 8;
    len = itemLen - 8;
  }
  if (phase !== 1 && phase !== 2) {
    nd.print(' idtype=' + strOrId(nd.u8(ext + 4), idTypes));
    nd.print(' doi_data=' + (nd.u32(ext + 4) & 0xffffff));
  } else {
    const type = nd.u8(ext + 4);
    nd.print(' idtype=' + strOrId(type, ipsecIdTypes));
    // -nn: the protocol as a number (0 is not IP, it is "any").
    nd.print(' protoid=' + nd.u8(ext + 5));
    nd.print(' port=' + nd.u16(ext + 6));
    if (len) {
      if (!nd.has(data, len)) return cut(nd, NP.ID);
      switch (type) {
        case 1:
          nd.print(len < 4 ? ' len=' + len + ' [bad: < 4]' : ' len=' + len + ' ' + nd.ipv4(data));
          len = 0;
          break;
        case 2:
        case 3: {
          let s = ' len=' + len + ' ';
          for (let i = 0; i < len; i++) s += charText(nd.u8(data + i));
          nd.print(s);
          len = 0;
          break;
        }
        case 4:
          if (len < 8) nd.print(' len=' + len + ' [bad: < 8]');
          else nd.print(' len=' + len + ' ' + nd.ipv4(data) + '/' + nd.u8(data + 4) + '.' + nd.u8(data + 5) + '.' + nd.u8(data + 6) + '.' + nd.u8(data + 7));
          len = 0;
          break;
        case 5:
          nd.print(len < 16 ? ' len=' + len + ' [bad: < 16]' : ' len=' + len + ' ' + nd.ipv6(data));
          len = 0;
          break;
        case 6:
          if (len < 32) nd.print(' len=' + len + ' [bad: < 32]');
          else {
            let m = '';
            for (let i = 0; i < 16; i++) m += hex2(nd.u8(data + 16 + i));
            nd.print(' len=' + len + ' ' + nd.ipv6(data) + '/0x' + m);
          }
          len = 0;
          break;
        case 7:
          nd.print(len < 8 ? ' len=' + len + ' [bad: < 8]' : ' len=' + len + ' ' + nd.ipv4(data) + '-' + nd.ipv4(data + 4));
          len = 0;
          break;
        case 8:
          nd.print(len < 32 ? ' len=' + len + ' [bad: < 32]' : ' len=' + len + ' ' + nd.ipv6(data) + '-' + nd.ipv6(data + 16));
          len = 0;
          break;
      }
    }
  }
  if (data !== NONE && len) {
    nd.print(' len=' + len);
    if (nd.verbose > 2) {
      nd.print(' ');
      if (!rawPrint(nd, data, len)) return cut(nd, NP.ID);
    }
  }
  return ext + itemLen;
};

const certTypes = ['none', 'pkcs7', 'pgp', 'dns', 'x509sign', 'x509ke', 'kerberos', 'crl', 'arl', 'spki', 'x509attr'];

function cert(np: number): PayloadPrinter {
  return (nd, _tpay, ext, itemLen) => {
    nd.print(npStr(np) + ':');
    if (!nd.has(ext, 6)) return cut(nd, np);
    nd.print(' len=' + (itemLen - 4) + ' type=' + strOrId(nd.u8(ext + 4), certTypes));
    if (nd.verbose > 2 && 4 < itemLen) {
      nd.print(' ');
      if (!rawPrint(nd, ext + 4, itemLen - 4)) return cut(nd, np);
    }
    return ext + itemLen;
  };
}

const nonce: PayloadPrinter = (nd, _tpay, ext, itemLen, ep) => {
  nd.print(npStr(NP.NONCE) + ':');
  if (!nd.has(ext, 4)) return cut(nd, NP.NONCE);
  nd.print(' n len=' + (itemLen - 4));
  if (itemLen > 4) {
    if (nd.verbose > 2) {
      nd.print(' ');
      if (!rawPrint(nd, ext + 4, itemLen - 4)) return cut(nd, NP.NONCE);
    } else if (nd.verbose > 1) {
      nd.print(' ');
      if (!showSomeData(nd, ext + 4, ep)) return cut(nd, NP.NONCE);
    }
  }
  return ext + itemLen;
};

const notifyErrors = [
  null, 'INVALID-PAYLOAD-TYPE', 'DOI-NOT-SUPPORTED', 'SITUATION-NOT-SUPPORTED', 'INVALID-COOKIE',
  'INVALID-MAJOR-VERSION', 'INVALID-MINOR-VERSION', 'INVALID-EXCHANGE-TYPE', 'INVALID-FLAGS', 'INVALID-MESSAGE-ID',
  'INVALID-PROTOCOL-ID', 'INVALID-SPI', 'INVALID-TRANSFORM-ID', 'ATTRIBUTES-NOT-SUPPORTED', 'NO-PROPOSAL-CHOSEN',
  'BAD-PROPOSAL-SYNTAX', 'PAYLOAD-MALFORMED', 'INVALID-KEY-INFORMATION', 'INVALID-ID-INFORMATION',
  'INVALID-CERT-ENCODING', 'INVALID-CERTIFICATE', 'CERT-TYPE-UNSUPPORTED', 'INVALID-CERT-AUTHORITY',
  'INVALID-HASH-INFORMATION', 'AUTHENTICATION-FAILED', 'INVALID-SIGNATURE', 'ADDRESS-NOTIFICATION',
  'NOTIFY-SA-LIFETIME', 'CERTIFICATE-UNAVAILABLE', 'UNSUPPORTED-EXCHANGE-TYPE', 'UNEQUAL-PAYLOAD-LENGTHS',
];
const ipsecNotifyErrors = ['RESERVED'];
const notifyStatus = ['CONNECTED'];
const ipsecNotifyStatus = ['RESPONDER-LIFETIME', 'REPLAY-STATUS', 'INITIAL-CONTACT'];
const N = { RESPONDER_LIFETIME: 24576, REPLAY_STATUS: 24577 } as const;

function notifyType(type: number, ipsec: boolean): string {
  if (type < 8192) return strOrId(type, notifyErrors);
  if (type < 16384) return ipsec ? strOrId(type - 8192, ipsecNotifyErrors) : '#' + type;
  if (type < 24576) return strOrId(type - 16384, notifyStatus);
  if (type < 32768 && ipsec) return strOrId(type - 24576, ipsecNotifyStatus);
  return '#' + type;
}

const notify: PayloadPrinter = (nd, _tpay, ext, itemLen, ep) => {
  nd.print(npStr(NP.N) + ':');
  if (!nd.has(ext, 12)) return cut(nd, NP.N);
  const doi = nd.u32(ext + 4);
  const proto = nd.u8(ext + 8);
  const type = nd.u16(ext + 10);
  const spiSize = nd.u8(ext + 9);
  const ipsec = doi === 1;
  nd.print(ipsec ? ' doi=ipsec proto=' + protoIdStr(proto) : ' doi=' + doi + ' proto=' + proto);
  nd.print(' type=' + notifyType(type, ipsec));
  if (spiSize) {
    nd.print(' spi=');
    if (!rawPrint(nd, ext + 12, spiSize)) return cut(nd, NP.N);
  }
  let cp = ext + 12 + spiSize;
  if (!ipsec) return cp;
  const ep2 = ext + itemLen;
  if (cp < ep) {
    if (type === N.RESPONDER_LIFETIME) {
      nd.print(' attrs=(');
      while (cp < ep && cp < ep2) {
        cp = attrPrint(nd, cp, ep2, oakleyAttrs);
        if (cp === NONE) {
          nd.print(')');
          return cut(nd, NP.N);
        }
      }
      nd.print(')');
    } else if (type === N.REPLAY_STATUS) {
      nd.print(' status=(');
      nd.print('replay detection ' + (nd.u32(cp) ? 'en' : 'dis') + 'abled)');
    } else if (nd.verbose > 3) {
      nd.print(' data=(');
      if (!rawPrint(nd, cp, ep - cp)) return cut(nd, NP.N);
      nd.print(')');
    } else if (!showSomeData(nd, cp, ep)) return cut(nd, NP.N);
  }
  return ext + itemLen;
};

const del: PayloadPrinter = (nd, _tpay, ext) => {
  nd.print(npStr(NP.D) + ':');
  if (!nd.has(ext, 12)) return cut(nd, NP.D);
  const doi = nd.u32(ext + 4);
  const proto = nd.u8(ext + 8);
  nd.print(doi !== 1 ? ' doi=' + doi + ' proto=' + proto : ' doi=ipsec proto=' + protoIdStr(proto));
  const spiSize = nd.u8(ext + 9);
  const count = nd.u16(ext + 10);
  nd.print(' spilen=' + spiSize + ' nspi=' + count + ' spi=');
  let q = ext + 12;
  for (let i = 0; i < count; i++, q += spiSize) {
    if (i !== 0) nd.print(',');
    if (!rawPrint(nd, q, spiSize)) return cut(nd, NP.D);
  }
  return q;
};

npFuncs[NP.SA] = sa;
npFuncs[NP.P] = proposal;
npFuncs[NP.T] = transform;
npFuncs[NP.KE] = opaque(NP.KE, ' key len=');
npFuncs[NP.ID] = id;
npFuncs[NP.CERT] = cert(NP.CERT);
npFuncs[NP.CR] = cert(NP.CR);
npFuncs[NP.HASH] = opaque(NP.HASH, ' len=');
npFuncs[NP.SIG] = opaque(NP.SIG, ' len=');
npFuncs[NP.NONCE] = nonce;
npFuncs[NP.N] = notify;
npFuncs[NP.D] = del;
npFuncs[NP.VID] = opaque(NP.VID, ' len=');
