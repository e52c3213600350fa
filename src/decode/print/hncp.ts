import { ipv4Text } from '../addr.js';
import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { hex, hex2, tok, tok2str } from '../text.js';
import { fqdnPrint } from './dns.js';
import { decodePrefix6, prefix } from './prefix.js';
import { printjnp } from './strings.js';

/** HNCP, the home networking control protocol over DNCP (tcpdump's print-hncp.c). */

const RESERVED = 0x10000;
const UNASSIGNED = 0x10001;
const PRIVATE_USE = 0x10002;
const FUTURE_USE = 0x10003;

const typeValues = tok({
  1: 'Request network state',
  2: 'Request node state',
  3: 'Node endpoint',
  4: 'Network state',
  5: 'Node state',
  8: 'Peer',
  9: 'Keep-alive interval',
  10: 'Trust-Verdict',
  32: 'HNCP-Version',
  33: 'External-Connection',
  34: 'Delegated-Prefix',
  43: 'Prefix-Policy',
  37: 'DHCPv4-Data',
  38: 'DHCPv6-Data',
  35: 'Assigned-Prefix',
  36: 'Node-Address',
  39: 'DNS-Delegated-Zone',
  40: 'Domain-Name',
  41: 'Node-Name',
  42: 'Managed-PSK',
  [RESERVED]: 'Reserved',
  [UNASSIGNED]: 'Unassigned',
  [PRIVATE_USE]: 'Private use',
  [FUTURE_USE]: 'Future use',
});
const dh4optValues = tok({ 6: 'DNS-server', 42: 'NTP-server', 119: 'DNS-search' });
const dh6optValues = tok({ 23: 'DNS-server', 24: 'DNS-search-list', 31: 'SNTP-servers' });

const V4MAPPED = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function isV4Mapped(nd: Dissector, at: number): boolean {
  for (let i = 0; i < 12; i++) if (nd.buf[at + i] !== V4MAPPED[i]) return false;
  return true;
}

function formatNid(nd: Dissector, at: number): string {
  return hex2(nd.u8(at)) + ':' + hex2(nd.u8(at + 1)) + ':' + hex2(nd.u8(at + 2)) + ':' + hex2(nd.u8(at + 3));
}

function format256(nd: Dissector, at: number): string {
  let s = '';
  for (let i = 0; i < 32; i += 4) s += hex(nd.u32(at + i), 8);
  return s;
}

function formatInterval(n: number): string {
  const ms = n % 1000;
  return Math.floor(n / 1000) + '.' + (ms < 10 ? '00' : ms < 100 ? '0' : '') + ms + 's';
}

function formatIp6(nd: Dissector, at: number): string {
  nd.need(at, 16);
  return isV4Mapped(nd, at) ? nd.ipv4(at + 12) : nd.ipv6(at);
}

const addr = Buffer.alloc(4);

/** print_prefix: a prefix (IPv4-mapped ones as IPv4); its length, or -1 / -2 / -3 as decode_prefix6. */
function prefixPrint(nd: Dissector, at: number, max: number): number {
  let text: string;
  let n: number;
  if (nd.u8(at) >= 96 && max >= 13 && nd.has(at + 1, 12) && isV4Mapped(nd, at + 1)) {
    const plen = nd.u8(at) - 96;
    if (plen > 32) return -1;
    max -= 1;
    addr.fill(0);
    const bytes = (plen + 7) >> 3;
    if (max < bytes + 12) return -3;
    nd.need(at + 13, bytes);
    nd.buf.copy(addr, 0, at + 13, at + 13 + bytes);
    if (plen % 8) addr[bytes - 1] &= (0xff00 >> (plen % 8)) & 0xff;
    text = ipv4Text(addr, 0) + '/' + plen;
    n = bytes + 13;
  } else {
    n = decodePrefix6(nd, at, max);
    if (n < 0) return n;
    text = prefix.text;
  }
  nd.print(text);
  return n;
}

/** print_dns_label: a name of labels within max bytes; its length, or -1 (after [|DNS]). */
function dnsLabelPrint(nd: Dissector, cp: number, max: number, print: boolean): number {
  let length = 0;
  while (length < max) {
    const lab = nd.u8(cp + length);
    length++;
    if (lab === 0) return length;
    if (length > 1 && print) nd.print('.');
    if (length + lab > max) {
      if (print) printjnp(nd, cp + length, max - length);
      break;
    }
    if (print) printjnp(nd, cp + length, lab);
    length += lab;
  }
  if (print) nd.print('[|DNS]');
  return -1;
}

function newlineIndent(nd: Dissector, indent: number): void {
  nd.newline();
  nd.print('\t'.repeat(indent));
}

function dhcpv4Print(nd: Dissector, cp: number, length: number, indent: number): boolean {
  let i = 0;
  while (i < length) {
    if (i + 2 > length) return false;
    const type = nd.u8(cp + i);
    const optlen = nd.u8(cp + i + 1);
    const value = cp + i + 2;
    newlineIndent(nd, indent);
    nd.print(tok2str(dh4optValues, 'Unknown', type));
    nd.print(' (' + (optlen + 2) + ')');
    if (i + 2 + optlen > length) return false;
    if (type === 6 || type === 42) {
      if (optlen < 4 || optlen % 4 !== 0) return false;
      for (let t = 0; t < optlen; t += 4) nd.print(' ' + nd.ipv4(value + t));
    } else if (type === 119) {
      for (let tp = value; tp < value + optlen; ) {
        nd.print(' ');
        tp = fqdnPrint(nd, tp, value + optlen);
        if (tp < 0) return false;
      }
    }
    i += 2 + optlen;
  }
  return true;
}

function dhcpv6Print(nd: Dissector, cp: number, length: number, indent: number): boolean {
  let i = 0;
  while (i < length) {
    if (i + 4 > length) return false;
    const type = nd.u16(cp + i);
    const optlen = nd.u16(cp + i + 2);
    const value = cp + i + 4;
    newlineIndent(nd, indent);
    nd.print(tok2str(dh6optValues, 'Unknown', type));
    nd.print(' (' + (optlen + 4) + ')');
    if (i + 4 + optlen > length) return false;
    if (type === 23 || type === 31) {
      if (optlen % 16 !== 0) {
        nd.printInvalid();
        return false;
      }
      for (let t = 0; t < optlen; t += 16) nd.print(' ' + nd.ipv6(value + t));
    } else if (type === 24) {
      for (let tp = value; tp < value + optlen; ) {
        nd.print(' ');
        tp = fqdnPrint(nd, tp, value + optlen);
        if (tp < 0) return false;
      }
    }
    i += 4 + optlen;
  }
  return true;
}

function typeInLine(nd: Dissector, type: number, count: number, indent: number, st: { first: boolean }): void {
  if (count <= 0) return;
  if (st.first) {
    st.first = false;
    if (indent > 1) newlineIndent(nd, indent);
    else nd.print(' ');
  } else nd.print(', ');
  nd.print(tok2str(typeValues, 'Easter Egg', type));
  if (count > 1) nd.print(' (x' + count + ')');
}

const roundup4 = (n: number) => (n + 3) & ~3;

function rec(nd: Dissector, cp: number, length: number, indent: number): void {
  const inLine = indent - 1 >= nd.verbose && nd.verbose < 3;
  const st = { first: true };
  let lastMask = 0xffffffff;
  let lastCount = -1;
  let i = 0;
  while (i < length) {
    const tlv = cp + i;
    if (!inLine) newlineIndent(nd, indent);
    if (!nd.has(tlv, 4)) return nd.printTrunc();
    if (i + 4 > length) return nd.printInvalid();
    const type = nd.u16(tlv);
    const bodylen = nd.u16(tlv + 2);
    const value = tlv + 4;
    if (!nd.has(value, bodylen)) return nd.printTrunc();
    if (i + bodylen + 4 > length) return nd.printInvalid();
    let mask = type === 0 ? RESERVED : type >= 44 && type <= 511 ? UNASSIGNED : type >= 768 && type <= 1023 ? PRIVATE_USE : FUTURE_USE;
    if (type === 6 || type === 7) mask = FUTURE_USE;
    if (typeValues.has(type) && type <= 0xffff) mask = type;
    if (inLine) {
      if (lastMask === mask) lastCount++;
      else {
        typeInLine(nd, lastMask, lastCount, indent, st);
        lastMask = mask;
        lastCount = 1;
      }
      i += 4 + roundup4(bodylen);
      continue;
    }
    nd.print(tok2str(typeValues, 'Easter Egg (42)', mask));
    if (mask > 0xffff) nd.print(': type=' + type);
    nd.print(' (' + (bodylen + 4) + ')');
    if (!body(nd, mask, value, bodylen, indent)) return nd.printInvalid();
    i += 4 + roundup4(bodylen);
  }
  typeInLine(nd, lastMask, lastCount, indent, st);
}

/** One TLV's body; false for tcpdump's "goto invalid" (only DHCPv4 data takes it). */
function body(nd: Dissector, mask: number, value: number, bodylen: number, indent: number): boolean {
  switch (mask) {
    case 1:
      if (bodylen !== 0) nd.printInvalid();
      break;
    case 2:
      if (bodylen !== 4) nd.printInvalid();
      else nd.print(' NID: ' + formatNid(nd, value));
      break;
    case 3:
      if (bodylen !== 8) nd.printInvalid();
      else nd.print(' NID: ' + formatNid(nd, value) + ' EPID: ' + hex(nd.u32(value + 4), 8));
      break;
    case 4:
      if (bodylen !== 8) nd.printInvalid();
      else nd.print(' hash: ' + hex(nd.u32(value), 8) + hex(nd.u32(value + 4), 8));
      break;
    case 5:
      if (bodylen < 20) {
        nd.printInvalid();
        break;
      }
      nd.print(
        ' NID: ' + formatNid(nd, value) + ' seqno: ' + nd.u32(value + 4) + ' ' + formatInterval(nd.u32(value + 8)) + ' hash: ' + hex(nd.u32(value + 12), 8) + hex(nd.u32(value + 16), 8),
      );
      rec(nd, value + 20, bodylen - 20, indent + 1);
      break;
    case 8:
      if (bodylen !== 12) nd.printInvalid();
      else nd.print(' Peer-NID: ' + formatNid(nd, value) + ' Peer-EPID: ' + hex(nd.u32(value + 4), 8) + ' Local-EPID: ' + hex(nd.u32(value + 8), 8));
      break;
    case 9:
      if (bodylen < 8) nd.printInvalid();
      else nd.print(' EPID: ' + hex(nd.u32(value), 8) + ' Interval: ' + formatInterval(nd.u32(value + 4)));
      break;
    case 10:
      if (bodylen <= 36) {
        nd.printInvalid();
        break;
      }
      nd.print(' Verdict: ' + nd.u8(value) + ' Fingerprint: ' + format256(nd, value + 4) + ' Common Name: ');
      printjnp(nd, value + 36, bodylen - 36);
      break;
    case 32: {
      if (bodylen < 5) {
        nd.printInvalid();
        break;
      }
      const c = nd.u16(value + 2);
      nd.print(' M: ' + ((c >> 12) & 0xf) + ' P: ' + ((c >> 8) & 0xf) + ' H: ' + ((c >> 4) & 0xf) + ' L: ' + (c & 0xf) + ' User-agent: ');
      printjnp(nd, value + 4, bodylen - 4);
      break;
    }
    case 33:
      rec(nd, value, bodylen, indent + 1);
      break;
    case 34: {
      if (bodylen < 9 || bodylen < 9 + ((nd.u8(value + 8) + 7) >> 3)) {
        nd.printInvalid();
        break;
      }
      nd.print(' VLSO: ' + formatInterval(nd.u32(value)) + ' PLSO: ' + formatInterval(nd.u32(value + 4)) + ' Prefix: ');
      let l = prefixPrint(nd, value + 8, bodylen - 8);
      if (l === -1) {
        nd.print('(length is invalid)');
        break;
      }
      if (l < 0) {
        nd.printInvalid();
        break;
      }
      l += 8 + (-l & 3);
      if (bodylen >= l) rec(nd, value + l, bodylen - l, indent + 1);
      break;
    }
    case 43: {
      if (bodylen < 1) {
        nd.printInvalid();
        break;
      }
      const policy = nd.u8(value);
      nd.print(' type: ');
      if (policy === 0) {
        if (bodylen !== 1) nd.printInvalid();
        else nd.print('Internet connectivity');
      } else if (policy <= 128) {
        nd.print('Dest-Prefix: ');
        const l = prefixPrint(nd, value, bodylen);
        if (l === -1) nd.print('(length is invalid)');
        else if (l < 0) nd.printInvalid();
      } else if (policy === 129) {
        nd.print('DNS domain: ');
        dnsLabelPrint(nd, value + 1, bodylen - 1, true);
      } else if (policy === 130) {
        nd.print('Opaque UTF-8: ');
        printjnp(nd, value + 1, bodylen - 1);
      } else if (policy === 131) {
        if (bodylen !== 1) nd.printInvalid();
        else nd.print('Restrictive assignment');
      } else nd.print('Unknown (' + policy + ')');
      break;
    }
    case 37:
      if (bodylen === 0) nd.printInvalid();
      else if (!dhcpv4Print(nd, value, bodylen, indent + 1)) return false;
      break;
    case 38:
      if (bodylen === 0 || !dhcpv6Print(nd, value, bodylen, indent + 1)) nd.printInvalid();
      break;
    case 35: {
      if (bodylen < 6 || bodylen < 6 + ((nd.u8(value + 5) + 7) >> 3)) {
        nd.printInvalid();
        break;
      }
      nd.print(' EPID: ' + hex(nd.u32(value), 8) + ' Prty: ' + (nd.u8(value + 4) & 0xf));
      nd.print(' Prefix: ');
      let l = prefixPrint(nd, value + 5, bodylen - 5);
      if (l < 0) {
        nd.printInvalid();
        break;
      }
      l += 5;
      l += -l & 3;
      if (bodylen >= l) rec(nd, value + l, bodylen - l, indent + 1);
      break;
    }
    case 36:
      if (bodylen < 20) {
        nd.printInvalid();
        break;
      }
      nd.print(' EPID: ' + hex(nd.u32(value), 8) + ' IP Address: ' + formatIp6(nd, value + 4));
      rec(nd, value + 20, bodylen - 20, indent + 1);
      break;
    case 39: {
      if (bodylen < 17) {
        nd.printInvalid();
        break;
      }
      const f = nd.u8(value + 16);
      nd.print(' IP-Address: ' + formatIp6(nd, value) + ' ' + (f & 4 ? 'l' : '-') + (f & 2 ? 'b' : '-') + (f & 1 ? 's' : '-') + ' ');
      let len = dnsLabelPrint(nd, value + 17, bodylen - 17, true);
      if (len < 0) {
        nd.printInvalid();
        break;
      }
      len += 17;
      len += -len & 3;
      if (bodylen >= len) rec(nd, value + len, bodylen - len, indent + 1);
      break;
    }
    case 40:
      if (bodylen === 0) {
        nd.printInvalid();
        break;
      }
      nd.print(' Domain: ');
      dnsLabelPrint(nd, value, bodylen, true);
      break;
    case 41: {
      if (bodylen < 17) {
        nd.printInvalid();
        break;
      }
      let l = nd.u8(value + 16);
      if (bodylen < 17 + l) {
        nd.printInvalid();
        break;
      }
      nd.print(' IP-Address: ' + formatIp6(nd, value) + ' Name: ');
      if (l < 64) {
        nd.print('"');
        printjnp(nd, value + 17, l);
        nd.print('"');
      } else nd.printInvalid();
      l = roundup4(l + 17);
      if (bodylen >= l) rec(nd, value + l, bodylen - l, indent + 1);
      break;
    }
    case 42:
      if (bodylen < 32) {
        nd.printInvalid();
        break;
      }
      nd.print(' PSK: ' + format256(nd, value));
      rec(nd, value + 32, bodylen - 32, indent + 1);
      break;
  }
  return true;
}

export function hncpPrint(nd: Dissector, cp: number, length: number): void {
  nd.protocol = 'hncp';
  nd.print('hncp (' + length + ')');
  rec(nd, cp, length, 1);
}

udpPorts.register('hncp', hncpPrint);
