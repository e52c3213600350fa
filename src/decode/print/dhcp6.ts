import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { printjnp } from '../strings.js';
import { hex, hex2, tok, tok2str } from '../text.js';
import { fqdnPrint } from './dns.js';

/**
 * DHCPv6 (tcpdump's print-dhcp6.c): the message type on the brief line; with -v the
 * transaction id (or a relay's addresses) and every option, nested ones in place.
 */

const MSG = { RENEW: 5, INFORM_REQ: 11, RELAY_FORW: 12, RELAY_REPLY: 13 } as const;
const msgTypes = tok({
  1: 'solicit', 2: 'advertise', 3: 'request', 4: 'confirm', 5: 'renew', 6: 'rebind', 7: 'reply', 8: 'release',
  9: 'decline', 10: 'reconfigure', 11: 'inf-req', 12: 'relay-fwd', 13: 'relay-reply', 14: 'leasequery', 15: 'leasequery-reply',
});

const OPT = {
  CLIENTID: 1, SERVERID: 2, IA_NA: 3, IA_TA: 4, IA_ADDR: 5, ORO: 6, PREFERENCE: 7, ELAPSED_TIME: 8, RELAY_MSG: 9,
  AUTH: 11, UNICAST: 12, STATUS_CODE: 13, RAPID_COMMIT: 14, USER_CLASS: 15, VENDOR_CLASS: 16, VENDOR_OPTS: 17,
  INTERFACE_ID: 18, RECONF_MSG: 19, RECONF_ACCEPT: 20, SIP_SERVER_D: 21, SIP_SERVER_A: 22, DNS_SERVERS: 23,
  DOMAIN_LIST: 24, IA_PD: 25, IA_PD_PREFIX: 26, NIS_SERVERS: 27, NISP_SERVERS: 28, NIS_NAME: 29, NISP_NAME: 30,
  SNTP_SERVERS: 31, LIFETIME: 32, BCMCS_SERVER_D: 33, BCMCS_SERVER_A: 34, GEOCONF_CIVIC: 36, REMOTE_ID: 37,
  SUBSCRIBER_ID: 38, CLIENT_FQDN: 39, PANA_AGENT: 40, NEW_POSIX_TIMEZONE: 41, NEW_TZDB_TIMEZONE: 42, ERO: 43,
  LQ_QUERY: 44, CLIENT_DATA: 45, CLT_TIME: 46, LQ_RELAY_DATA: 47, LQ_CLIENT_LINK: 48, NTP_SERVER: 56, AFTR_NAME: 64,
  MUDURL: 112,
} as const;

const optNames = tok({
  1: 'client-ID', 2: 'server-ID', 3: 'IA_NA', 4: 'IA_TA', 5: 'IA_ADDR', 6: 'option-request', 7: 'preference',
  8: 'elapsed-time', 9: 'relay-message', 11: 'authentication', 12: 'server-unicast', 13: 'status-code',
  14: 'rapid-commit', 15: 'user-class', 16: 'vendor-class', 17: 'vendor-specific-info', 18: 'interface-ID',
  19: 'reconfigure-message', 20: 'reconfigure-accept', 21: 'SIP-servers-domain', 22: 'SIP-servers-address',
  23: 'DNS-server', 24: 'DNS-search-list', 25: 'IA_PD', 26: 'IA_PD-prefix', 31: 'SNTP-servers', 32: 'lifetime',
  27: 'NIS-server', 28: 'NIS+-server', 29: 'NIS-domain-name', 30: 'NIS+-domain-name', 33: 'BCMCS-domain-name',
  34: 'BCMCS-server', 36: 'Geoconf-Civic', 37: 'Remote-ID', 38: 'Subscriber-ID', 39: 'Client-FQDN', 40: 'PANA-agent',
  41: 'POSIX-timezone', 42: 'POSIX-tz-database', 43: 'Echo-request-option', 44: 'Lease-query', 45: 'LQ-client-data',
  46: 'Clt-time', 47: 'LQ-relay-data', 48: 'LQ-client-link', 56: 'NTP-server', 64: 'AFTR-Name', 112: 'MUD-URL',
});

const statusCodes = tok({
  0: 'Success', 1: 'UnspecFail', 2: 'NoAddrsAvail', 3: 'NoBinding', 4: 'NotOnLink', 5: 'UseMulticast',
  6: 'NoPrefixAvail', 7: 'UnknownQueryType', 8: 'MalformedQuery', 9: 'NotConfigured', 10: 'NotAllowed',
});

/** Hex of the bytes [from, to) of the option at tp, as the loops of "%02x" print them. */
function hexRun(nd: Dissector, tp: number, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += hex2(nd.u8(tp + i));
  return s;
}

/** dhcp6opt_print: the options in [cp, ep), each " (name ...)". */
function options(nd: Dissector, cp: number, ep: number): void {
  while (cp < ep) {
    if (ep < cp + 4 || !nd.has(cp, 4)) {
      nd.printTrunc();
      return;
    }
    const optlen = nd.u16(cp + 2);
    if (ep < cp + 4 + optlen) {
      nd.printTrunc();
      return;
    }
    const type = nd.u16(cp);
    nd.print(' (' + tok2str(optNames, 'opt_%u', type));
    if (!nd.has(cp + 4, optlen)) {
      nd.printTrunc();
      return;
    }
    const tp = cp + 4;
    if (!option(nd, type, tp, optlen, cp)) {
      nd.printTrunc();
      return;
    }
    cp += 4 + optlen;
  }
}

/** One option's value and its ")"; false where tcpdump jumps to its truncation. */
function option(nd: Dissector, type: number, tp: number, optlen: number, cp: number): boolean {
  const end = tp + optlen;
  switch (type) {
    case OPT.CLIENTID:
    case OPT.SERVERID: {
      if (optlen < 2) break;
      const duid = nd.u16(tp);
      if (duid === 1) {
        if (optlen < 8) break;
        nd.print(' hwaddr/time type ' + nd.u16(tp + 2) + ' time ' + nd.u32(tp + 4) + ' ' + hexRun(nd, tp, 8, optlen) + ')');
      } else if (duid === 2) {
        if (optlen < 10) break;
        nd.print(' vid ' + hexRun(nd, tp, 2, 10) + ')');
      } else if (duid === 3) {
        if (optlen < 4) break;
        nd.print(' hwaddr type ' + nd.u16(tp + 2) + ' ' + hexRun(nd, tp, 4, optlen) + ')');
      } else nd.print(' type ' + duid + ')');
      return true;
    }
    case OPT.IA_ADDR:
      if (optlen < 24) break;
      nd.print(' ' + nd.ipv6(tp) + ' pltime:' + nd.u32(tp + 16) + ' vltime:' + nd.u32(tp + 20));
      if (optlen > 24) options(nd, tp + 24, end);
      nd.print(')');
      return true;
    case OPT.ORO:
    case OPT.ERO: {
      if (optlen % 2) break;
      let s = '';
      for (let i = 0; i < optlen; i += 2) s += ' ' + tok2str(optNames, 'opt_%u', nd.u16(tp + i));
      nd.print(s + ')');
      return true;
    }
    case OPT.PREFERENCE:
      if (optlen !== 1) break;
      nd.print(' ' + nd.u8(tp) + ')');
      return true;
    case OPT.ELAPSED_TIME:
      if (optlen !== 2) break;
      nd.print(' ' + nd.u16(tp) + ')');
      return true;
    case OPT.RELAY_MSG:
      nd.print(' (');
      // The nested message ends with the option: options may follow it.
      nd.pushEnd(tp, optlen);
      dhcp6Print(nd, tp, optlen);
      nd.popEnd();
      nd.print(')');
      return true;
    case OPT.AUTH:
      if (optlen < 11) break;
      auth(nd, tp, optlen);
      return true;
    case OPT.RAPID_COMMIT:
    case OPT.RECONF_ACCEPT:
      nd.print(')');
      return true;
    case OPT.INTERFACE_ID:
    case OPT.SUBSCRIBER_ID:
      // The encoding is anyone's: at most 10 bytes in hex.
      nd.print(' ' + hexRun(nd, tp, 0, Math.min(optlen, 10)) + '...)');
      return true;
    case OPT.RECONF_MSG: {
      if (optlen !== 1) break;
      const t = nd.u8(tp);
      nd.print(t === MSG.RENEW ? ' for renew)' : t === MSG.INFORM_REQ ? ' for inf-req)' : ' for ???(' + hex2(t) + '))');
      return true;
    }
    case OPT.SIP_SERVER_A:
    case OPT.DNS_SERVERS:
    case OPT.SNTP_SERVERS:
    case OPT.NIS_SERVERS:
    case OPT.NISP_SERVERS:
    case OPT.BCMCS_SERVER_A:
    case OPT.PANA_AGENT:
    case OPT.LQ_CLIENT_LINK: {
      if (optlen % 16) break;
      let s = '';
      for (let i = 0; i < optlen; i += 16) s += ' ' + nd.ipv6(tp + i);
      nd.print(s + ')');
      return true;
    }
    case OPT.SIP_SERVER_D:
    case OPT.DOMAIN_LIST: {
      let p = tp;
      while (p < end) {
        nd.print(' ');
        p = fqdnPrint(nd, p, end);
        if (p < 0) return false;
      }
      nd.print(')');
      return true;
    }
    case OPT.STATUS_CODE: {
      if (optlen < 2) break;
      const code = nd.u16(tp);
      nd.print(' ' + (code > 255 ? 'INVALID code' : tok2str(statusCodes, 'code%u', code)) + ')');
      return true;
    }
    case OPT.IA_NA:
    case OPT.IA_PD:
      if (optlen < 12) break;
      nd.print(' IAID:' + nd.u32(tp) + ' T1:' + nd.u32(tp + 4) + ' T2:' + nd.u32(tp + 8));
      if (optlen > 12) options(nd, tp + 12, end);
      nd.print(')');
      return true;
    case OPT.IA_TA:
      if (optlen < 4) break;
      nd.print(' IAID:' + nd.u32(tp));
      if (optlen > 4) options(nd, tp + 4, end);
      nd.print(')');
      return true;
    case OPT.IA_PD_PREFIX:
      if (optlen < 25) break;
      nd.print(' ' + nd.ipv6(tp + 9) + '/' + nd.u8(tp + 8) + ' pltime:' + nd.u32(tp) + ' vltime:' + nd.u32(tp + 4));
      if (optlen > 25) options(nd, tp + 25, end);
      nd.print(')');
      return true;
    case OPT.LIFETIME:
    case OPT.CLT_TIME:
      if (optlen !== 4) break;
      nd.print(' ' + nd.u32(tp) + ')');
      return true;
    case OPT.REMOTE_ID:
      if (optlen < 4) break;
      nd.print(' ' + nd.u32(tp) + ' ' + hexRun(nd, tp, 4, Math.min(optlen, 14)) + '...)');
      return true;
    case OPT.LQ_QUERY: {
      if (optlen < 17) break;
      const q = nd.u8(tp);
      nd.print((q === 1 ? ' by-address' : q === 2 ? ' by-clientID' : ' type_' + q) + ' ' + nd.ipv6(tp + 1));
      if (optlen > 17) options(nd, tp + 17, end);
      nd.print(')');
      return true;
    }
    case OPT.CLIENT_DATA:
      if (optlen > 0) options(nd, tp, end);
      nd.print(')');
      return true;
    case OPT.LQ_RELAY_DATA:
      if (optlen < 16) break;
      nd.print(' ' + nd.ipv6(tp) + ' ' + hexRun(nd, tp, 16, Math.min(optlen, 26)) + '...)');
      return true;
    case OPT.NTP_SERVER: {
      if (optlen < 4) break;
      let p = tp;
      while (p < cp + 4 + optlen - 4) {
        const code = nd.u16(p);
        const len = nd.u16(p + 2);
        p += 4;
        if (p + len > end) return false;
        nd.print(' subopt:' + code);
        if (code === 1 || code === 2) nd.print(len !== 16 ? ' ?' : ' ' + nd.ipv6(p));
        else if (code === 3) {
          nd.print(' ');
          if (fqdnPrint(nd, p, p + len) < 0) return false;
        } else nd.print(' ?');
        p += len;
      }
      nd.print(')');
      return true;
    }
    case OPT.AFTR_NAME: {
      if (optlen < 3) break;
      let p = tp;
      let remain = optlen;
      nd.print(' ');
      // Labels as in RFC 1035 section 3.1.
      while (remain && nd.u8(p)) {
        const label = nd.u8(p);
        p++;
        if (label < remain - 1) {
          printjnp(nd, p, label);
          p += label;
          remain -= label + 1;
          if (nd.u8(p)) nd.print('.');
        } else {
          nd.print(' ?');
          break;
        }
      }
      nd.print(')');
      return true;
    }
    case OPT.NEW_POSIX_TIMEZONE:
    case OPT.NEW_TZDB_TIMEZONE:
    case OPT.MUDURL:
      if (optlen < 5) break;
      nd.print(' ');
      printjnp(nd, tp, optlen);
      nd.print(')');
      return true;
    default:
      nd.print(')');
      return true;
  }
  nd.print(' ?)');
  return true;
}

function auth(nd: Dissector, tp: number, optlen: number): void {
  const proto = nd.u8(tp);
  const alg = nd.u8(tp + 1);
  const rdm = nd.u8(tp + 2);
  let s = proto === 2 ? ' proto: delayed' : proto === 3 ? ' proto: reconfigure' : ' proto: ' + proto;
  s += alg === 1 ? ', alg: HMAC-MD5' : ', alg: ' + alg;
  s += rdm === 0 ? ', RDM: mono' : ', RDM: ' + rdm;
  s += ', RD:';
  tp += 3;
  for (let i = 0; i < 4; i++, tp += 2) s += ' ' + hex(nd.u16(tp), 4);
  const infolen = optlen - 11;
  if (proto === 2) {
    if (infolen !== 0) {
      if (infolen < 20) s += ' ??';
      else {
        const realmlen = infolen - 20;
        if (realmlen > 0) s += ', realm: ';
        for (let i = 0; i < realmlen; i++, tp++) s += hex2(nd.u8(tp));
        s += ', key ID: ' + hex(nd.u32(tp), 8) + ', HMAC-MD5:';
        tp += 4;
        for (let i = 0; i < 4; i++, tp += 4) s += ' ' + hex(nd.u32(tp), 8);
      }
    }
  } else if (proto === 3) {
    if (infolen !== 17) s += ' ??';
    else {
      const t = nd.u8(tp);
      s += t === 1 ? ' reconfig-key' : t === 2 ? ' type: HMAC-MD5' : ' type: ??';
      tp++;
      s += ' value:';
      for (let i = 0; i < 4; i++, tp += 4) s += ' ' + hex(nd.u32(tp), 8);
    }
  } else s += ' ??';
  nd.print(s + ')');
}

export function dhcp6Print(nd: Dissector, cp: number, length: number): void {
  nd.protocol = 'dhcp6';
  nd.print('dhcp6');
  let ep = nd.snapend;
  if (cp + length < ep) ep = cp + length;
  nd.need(cp, 4);
  const type = nd.u8(cp);
  const name = tok2str(msgTypes, 'msgtype-%u', type);
  if (nd.verbose === 0) {
    nd.print(' ' + name);
    return;
  }
  nd.print(' ' + name + ' (');
  if (type !== MSG.RELAY_FORW && type !== MSG.RELAY_REPLY) {
    nd.print('xid=' + hex(nd.u32(cp) & 0xffffff));
    options(nd, cp + 4, ep);
  } else {
    nd.print('linkaddr=' + nd.ipv6(cp + 2));
    nd.print(' peeraddr=' + nd.ipv6(cp + 18));
    options(nd, cp + 34, ep);
  }
  nd.print(')');
}

udpPorts.register('dhcp6', dhcp6Print);
