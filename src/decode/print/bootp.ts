import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { udpPorts } from '../registry.js';
import { printn, printztn } from '../strings.js';
import { bittok2str, hex, hex2, tok, tok2str } from '../text.js';

/**
 * BOOTP and DHCP (tcpdump's print-bootp.c): the op and the client's MAC on the brief
 * line; with -v the addresses, names and every RFC 1048 option, one a line.
 */

const OP = { REQUEST: 1, REPLY: 2 } as const;
const opValues = tok({ 1: 'Request', 2: 'Reply' });
const flagValues = tok({ 0x8000: 'Broadcast' });

// Field offsets of struct bootp.
const F = { htype: 1, hlen: 2, hops: 3, xid: 4, secs: 8, flags: 10, ciaddr: 12, yiaddr: 16, siaddr: 20, giaddr: 24, chaddr: 28, sname: 44, file: 108, vend: 236 } as const;

const TAG = {
  PAD: 0,
  END: 255,
  NETBIOS_NODE: 46,
  OPT_OVERLOAD: 52,
  DHCP_MESSAGE: 53,
  PARM_REQUEST: 55,
  CLIENT_ID: 61,
  USER_CLASS: 77,
  CLIENT_FQDN: 81,
  AGENT_CIRCUIT: 82,
  CLASSLESS_STATIC_RT: 121,
  CLASSLESS_STA_RT_MS: 249,
} as const;

/**
 * Option names, each led by the character saying how its value prints (tcpdump's
 * tag2str): i addresses, p address pairs, l/L unsigned/signed 32-bit, s 16-bit,
 * b dotted bytes, x hex bytes, a text, B booleans, $ a format of its own.
 */
const tagNames = tok({
  0: ' PAD', 1: 'iSubnet-Mask', 2: 'LTime-Zone', 3: 'iDefault-Gateway', 4: 'iTime-Server', 5: 'iIEN-Name-Server',
  6: 'iDomain-Name-Server', 7: 'iLOG', 8: 'iCS', 9: 'iLPR-Server', 10: 'iIM', 11: 'iRL', 12: 'aHostname', 13: 'sBS',
  255: ' END', 14: 'aDP', 15: 'aDomain-Name', 16: 'iSS', 17: 'aRP', 18: 'aEP', 19: 'BIPF', 20: 'BSRT', 21: 'pPF',
  22: 'sRSZ', 23: 'bTTL', 24: 'lMTU-Timeout', 25: 'sMTU-Table', 26: 'sMTU', 27: 'BLSN', 28: 'iBR', 29: 'BMD', 30: 'BMS',
  31: 'BRouter-Discovery', 32: 'iRSA', 33: 'pStatic-Route', 34: 'BUT', 35: 'lAT', 36: 'BIE', 37: 'bTT', 38: 'lKI',
  39: 'BKG', 40: 'aYD', 41: 'iYS', 42: 'iNTP', 43: 'bVendor-Option', 44: 'iNetbios-Name-Server', 45: 'iWDD',
  46: '$Netbios-Node', 47: 'aNetbios-Scope', 48: 'iXFS', 49: 'iXDM', 64: 'sN+D', 65: 'iN+S', 68: 'iMH', 69: 'iSMTP',
  70: 'iPOP3', 71: 'iNNTP', 72: 'iWWW', 73: 'iFG', 74: 'iIRC', 75: 'iSTS', 76: 'iSTDA', 50: 'iRequested-IP',
  51: 'lLease-Time', 52: '$OO', 66: 'aTFTP', 67: 'aBF', 53: ' DHCP-Message', 54: 'iServer-ID', 55: 'bParameter-Request',
  56: 'aMSG', 57: 'sMSZ', 58: 'lRN', 59: 'lRB', 60: 'aVendor-Class', 61: '$Client-ID', 98: 'aUAP', 116: 'BNOAUTO',
  78: 'bSLP-DA', 79: 'bSLP-SCOPE', 117: 'sNSSEARCH', 77: '$User-Class', 118: 'iSUBNET', 121: '$Classless-Static-Route',
  249: '$Classless-Static-Route-Microsoft', 150: 'iTFTP-Server-Address', 80: 'aSLP-NA', 81: '$FQDN',
  82: '$Agent-Information', 83: 'bARMT', 88: 'aTZSTR', 89: 'bFQDNS', 90: 'bAUTH', 91: 'LLast-Transaction-Time',
  92: 'iAssociated-IP', 93: 'sARCH', 94: 'bNDI', 97: 'bGUID', 95: 'aLDAP', 100: 'aPOSIX-TZ', 101: 'aTZ-Name',
  112: 'iNI', 113: 'aNITAG', 114: 'aURL', 161: 'aMUD-URL',
});

const overloadValues = tok({ 1: 'file', 2: 'sname', 3: 'file+sname' });
const netbiosNodeValues = tok({ 1: 'b-node', 2: 'p-node', 4: 'm-node', 8: 'h-node' });
const hardwareValues = tok({ 1: 'ether', 6: 'ieee802', 7: 'arcnet', 15: 'frelay', 23: 'strip', 24: 'ieee1394' });
const dhcpMessageValues = tok({
  1: 'Discover', 2: 'Offer', 3: 'Request', 4: 'Decline', 5: 'ACK', 6: 'NACK', 7: 'Release', 8: 'Inform',
  10: 'LeaseQuery', 11: 'LeaseUnassigned', 12: 'LeaseUnknown', 13: 'LeaseActive',
});
const agentSuboptionValues = tok({ 1: 'Circuit-ID', 2: 'Remote-ID', 6: 'Subscriber-ID' });

export function bootpPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'bootp';
  const op = nd.u8(bp);
  nd.print('BOOTP/DHCP, ' + tok2str(opValues, 'unknown (0x%02x)', op));
  const htype = nd.u8(bp + F.htype);
  const hlen = nd.u8(bp + F.hlen);
  if (htype === 1 && hlen === 6 && op === OP.REQUEST) nd.print(' from ' + nd.mac(bp + F.chaddr));
  nd.print(', length ' + length);
  if (nd.verbose === 0) return;

  nd.need(bp + F.secs, 2);
  if (htype !== 1) nd.print(', htype ' + htype);
  if (htype !== 1 || hlen !== 6) nd.print(', hlen ' + hlen);
  const hops = nd.u8(bp + F.hops);
  if (hops) nd.print(', hops ' + hops);
  const xid = nd.u32(bp + F.xid);
  if (xid) nd.print(', xid 0x' + hex(xid));
  const secs = nd.u16(bp + F.secs);
  if (secs) nd.print(', secs ' + secs);
  const flags = nd.u16(bp + F.flags);
  nd.print(', Flags [' + bittok2str(flagValues, 'none', flags) + ']');
  if (nd.verbose > 1) nd.print(' (0x' + hex(flags, 4) + ')');

  if (nd.u32(bp + F.ciaddr)) nd.printBreak('\n\t  Client-IP ' + nd.ipv4(bp + F.ciaddr));
  if (nd.u32(bp + F.yiaddr)) nd.printBreak('\n\t  Your-IP ' + nd.ipv4(bp + F.yiaddr));
  if (nd.u32(bp + F.siaddr)) nd.printBreak('\n\t  Server-IP ' + nd.ipv4(bp + F.siaddr));
  if (nd.u32(bp + F.giaddr)) nd.printBreak('\n\t  Gateway-IP ' + nd.ipv4(bp + F.giaddr));
  if (htype === 1 && hlen === 6) nd.printBreak('\n\t  Client-Ethernet-Address ' + nd.mac(bp + F.chaddr));

  if (nd.u8(bp + F.sname) && !fixedName(nd, 'sname', bp + F.sname, 64)) return;
  if (nd.u8(bp + F.file) && !fixedName(nd, 'file', bp + F.file, 128)) return;

  const vend = bp + F.vend;
  nd.need(vend, 4);
  const magic = nd.u32(vend);
  if (magic === 0x63825363) rfc1048Print(nd, vend);
  else if (magic === 0x434d5500) cmuPrint(nd, vend);
  else if (magic !== 0) nd.printBreak('\n\t  Vendor-#0x' + hex(magic));
}

/** sname and file: NUL-terminated in a fixed field; false when cut (truncation printed). */
function fixedName(nd: Dissector, what: string, at: number, size: number): boolean {
  nd.printBreak('\n\t  ' + what + ' "');
  if (printztn(nd, at, size) === 0) {
    nd.print('"');
    nd.printTrunc();
    return false;
  }
  nd.print('"');
  return true;
}

function rfc1048Print(nd: Dissector, bp: number): void {
  nd.printBreak('\n\t  Vendor-rfc1048 Extensions');
  nd.printBreak('\n\t    Magic Cookie 0x' + hex(nd.u32(bp), 8));
  bp += 4;
  while (nd.has(bp, 1)) {
    const tag = nd.u8(bp);
    bp++;
    if (tag === TAG.PAD && nd.verbose < 3) continue;
    if (tag === TAG.END && nd.verbose < 3) return;
    const name = tok2str(tagNames, '?Unknown', tag);
    let c = name[0];
    let len = 0;
    if (tag !== TAG.PAD && tag !== TAG.END) {
      len = nd.u8(bp);
      bp++;
    }
    nd.printBreak('\n\t    ' + name.slice(1) + ' (' + tag + '), length ' + len + (len > 0 ? ': ' : ''));
    if (tag === TAG.PAD && nd.verbose > 2) {
      let ntag = 1;
      while (nd.has(bp, 1) && nd.u8(bp) === TAG.PAD) {
        bp++;
        ntag++;
      }
      if (ntag > 1) nd.print(', occurs ' + ntag);
    }
    if (!nd.has(bp, len)) {
      nd.printTrunc();
      return;
    }
    if (tag === TAG.DHCP_MESSAGE && len === 1) {
      nd.print(tok2str(dhcpMessageValues, 'Unknown (%u)', nd.u8(bp)));
      bp++;
      continue;
    }
    if (tag === TAG.PARM_REQUEST) {
      for (let idx = 0; len > 0; idx++, bp++, len--) {
        const inner = nd.u8(bp);
        nd.printBreak((idx % 4 === 0 ? '\n\t      ' : ', ') + tok2str(tagNames, '?Unknown', inner).slice(1) + ' (' + inner + ')');
      }
      continue;
    }
    if (c === '?') c = len & 1 ? 'b' : len & 2 ? 's' : 'l';
    let t = '';
    switch (c) {
      case 'a':
        nd.print('"');
        printn(nd, bp, len);
        nd.print('"');
        bp += len;
        len = 0;
        break;
      case 'i':
      case 'l':
      case 'L':
        for (; len >= 4; bp += 4, len -= 4) {
          if (t !== '') t += ',';
          t += c === 'i' ? nd.ipv4(bp) : c === 'L' ? String(nd.u32(bp) | 0) : String(nd.u32(bp));
        }
        nd.print(t);
        break;
      case 'p':
        for (; len >= 8; bp += 8, len -= 8) {
          if (t !== '') t += ',';
          t += '(' + nd.ipv4(bp) + ':' + nd.ipv4(bp + 4) + ')';
        }
        nd.print(t);
        break;
      case 's':
        for (; len >= 2; bp += 2, len -= 2) {
          if (t !== '') t += ',';
          t += nd.u16(bp);
        }
        nd.print(t);
        break;
      case 'B':
        for (; len > 0; bp++, len--) {
          if (t !== '') t += ',';
          const v = nd.u8(bp);
          t += v === 0 ? 'N' : v === 1 ? 'Y' : v + '?';
        }
        nd.print(t);
        break;
      case '$':
        [bp, len] = special(nd, tag, bp, len);
        if (len < 0) return;
        break;
      default:
        for (let first = true; len > 0; bp++, len--, first = false) {
          if (!first) t += c === 'x' ? ':' : '.';
          t += c === 'x' ? hex2(nd.u8(bp)) : nd.u8(bp);
        }
        nd.print(t);
        break;
    }
    if (len) {
      nd.printBreak('\n\t  trailing data length ' + len);
      bp += len;
    }
  }
}

/**
 * The options of format '$'. Returns where the option's bytes go on and what is left
 * of them, or len -1 when the option was cut short (truncation printed).
 */
function special(nd: Dissector, tag: number, bp: number, len: number): [number, number] {
  switch (tag) {
    case TAG.NETBIOS_NODE:
    case TAG.OPT_OVERLOAD:
      if (len < 1) {
        nd.print('[ERROR: length < 1 bytes]');
        return [bp, len];
      }
      nd.print(tok2str(tag === TAG.NETBIOS_NODE ? netbiosNodeValues : overloadValues, null, nd.u8(bp)));
      return [bp + 1, len - 1];
    case TAG.CLIENT_FQDN: {
      if (len < 3) {
        nd.print('[ERROR: length < 3 bytes]');
        return [bp + len, 0];
      }
      const flags = nd.u8(bp);
      if (flags & 0xf0) nd.print('[ERROR: MBZ nibble 0x' + hex((flags & 0xf0) >> 4) + ' != 0] ');
      if (flags & 0x0f) nd.print('[' + fqdnFlags(flags) + '] ');
      const r1 = nd.u8(bp + 1);
      const r2 = nd.u8(bp + 2);
      if (r1 || r2) nd.print(r1 + '/' + r2 + ' ');
      nd.print('"');
      if (printn(nd, bp + 3, len - 3)) {
        nd.print('"');
        nd.printTrunc();
        return [bp, -1];
      }
      nd.print('"');
      return [bp + len, 0];
    }
    case TAG.CLIENT_ID: {
      if (len < 1) {
        nd.print('[ERROR: length < 1 bytes]');
        return [bp, len];
      }
      const type = nd.u8(bp);
      bp++;
      len--;
      if (type === 0) {
        nd.print('"');
        printn(nd, bp, len);
        nd.print('"');
        return [bp + len, 0];
      }
      let t = tok2str(hardwareValues, 'hardware-type %u,', type) + ' ';
      for (let first = true; len > 0; bp++, len--, first = false) t += (first ? '' : ':') + hex2(nd.u8(bp));
      nd.print(t);
      return [bp, len];
    }
    case TAG.AGENT_CIRCUIT:
      while (len >= 2) {
        const sub = nd.u8(bp);
        const sublen = nd.u8(bp + 1);
        bp += 2;
        len -= 2;
        const name = tok2str(agentSuboptionValues, 'Unknown', sub);
        if (sublen > len) {
          nd.printBreak('\n\t      ' + name + ' SubOption ' + sub + ', length ' + sublen + ': length goes past end of option');
          return [bp + len, 0];
        }
        nd.printBreak('\n\t      ' + name + ' SubOption ' + sub + ', length ' + sublen + ': ');
        if (sub === 1 || sub === 2 || sub === 6) {
          if (printn(nd, bp, sublen)) {
            nd.printTrunc();
            return [bp, -1];
          }
        } else printUnknownData(nd, bp, '\n\t\t', sublen);
        len -= sublen;
        bp += sublen;
      }
      return [bp, len];
    case TAG.CLASSLESS_STATIC_RT:
    case TAG.CLASSLESS_STA_RT_MS: {
      if (len < 5) {
        nd.print('[ERROR: length < 5 bytes]');
        return [bp + len, 0];
      }
      for (let first = true; len > 0; first = false) {
        if (!first) nd.print(',');
        const width = nd.u8(bp);
        bp++;
        len--;
        if (width > 32) {
          nd.print('[ERROR: Mask width (' + width + ') > 32]');
          return [bp + len, 0];
        }
        const octets = (width + 7) >> 3;
        if (len < octets + 4) {
          nd.print('[ERROR: Remaining length (' + len + ') < ' + (octets + 4) + ' bytes]');
          return [bp + len, 0];
        }
        let t = '(';
        if (width === 0) t += 'default';
        else {
          for (let i = 0; i < octets; i++, bp++) t += (i > 0 ? '.' : '') + nd.u8(bp);
          for (let i = octets; i < 4; i++) t += '.0';
          t += '/' + width;
        }
        nd.print(t + ':' + nd.ipv4(bp) + ')');
        bp += 4;
        len -= octets + 4;
      }
      return [bp, len];
    }
    case TAG.USER_CLASS: {
      if (len < 2) {
        nd.print('[ERROR: length < 2 bytes]');
        return [bp + len, 0];
      }
      for (let n = 1; len > 0; n++) {
        const sublen = nd.u8(bp);
        bp++;
        len--;
        nd.printBreak('\n\t      instance#' + n + ': ');
        if (sublen === 0) {
          nd.print('[ERROR: suboption length must be non-zero]');
          return [bp + len, 0];
        }
        if (len < sublen) {
          nd.print('[ERROR: invalid option]');
          return [bp + len, 0];
        }
        nd.print('"');
        printn(nd, bp, sublen);
        nd.print('", length ' + sublen);
        len -= sublen;
        bp += sublen;
      }
      return [bp, len];
    }
    default:
      nd.print('[unknown special tag ' + tag + ', size ' + len + ']');
      return [bp + len, 0];
  }
}

function fqdnFlags(flags: number): string {
  return (flags & 1 ? 'S' : '') + (flags & 2 ? 'O' : '') + (flags & 4 ? 'E' : '') + (flags & 8 ? 'N' : '');
}

/** The CMU vendor area: only its non-zero addresses. */
function cmuPrint(nd: Dissector, bp: number): void {
  nd.print(' vend-cmu');
  nd.need(bp + 4, 4);
  const flags = nd.u8(bp + 4);
  if ((flags & ~1) !== 0) nd.print(' F:0x' + hex(flags));
  const addr = (off: number, name: string) => {
    nd.need(bp + off, 4);
    if (nd.u32(bp + off) !== 0) nd.print(' ' + name + ':' + nd.ipv4(bp + off));
  };
  addr(12, 'DG');
  addr(8, flags & 1 ? 'SM' : 'SM*');
  addr(16, 'NS1');
  addr(20, 'NS2');
  addr(24, 'IEN1');
  addr(28, 'IEN2');
  addr(32, 'TS1');
  addr(36, 'TS2');
}

udpPorts.register('bootp', bootpPrint);
