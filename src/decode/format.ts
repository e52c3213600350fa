import { linkTypeName } from '../pcap/linktype.js';
import { icmp6Text, icmpText } from './icmp-text.js';
import { etherTypeName, hex2, hex4, ipProtoName } from './names.js';
import { formatTime } from './time.js';
import { Ip6Ext, TcpFlag, type Summary } from './summary.js';

/**
 * One brief line from a filled Summary, in the manner of `tcpdump -nn -S`: sequence
 * numbers are absolute (no per-connection state), VLAN tags are shown (tcpdump
 * shows them only with -e) and non-first fragments say so.
 */

const FLAG_CHARS = 'FSRP.UEW';

function tcpFlagsText(flags: number): string {
  if ((flags & 0xff) === 0) return 'none';
  let s = '';
  for (let i = 0; i < 8; i++) if (flags & (1 << i)) s += FLAG_CHARS[i];
  return s;
}

function trunc(s: Summary): string {
  return '[|' + s.truncatedIn + ']';
}

function tcpBody(s: Summary): string {
  if (s.malformed !== '') return 'tcp, ' + s.malformed;
  if (s.tcpFlags < 0) return trunc(s);
  const f = s.tcpFlags;
  let t = 'Flags [' + tcpFlagsText(f) + ']';
  const len = s.length;
  if (len > 0 || f & (TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST)) {
    t += ', seq ' + s.seq;
    if (len > 0) t += ':' + ((s.seq + len) % 4294967296);
  }
  if (f & TcpFlag.ACK) t += ', ack ' + s.ack;
  t += ', win ' + s.win;
  if (f & TcpFlag.URG) t += ', urg ' + s.urg;
  t += ', length ' + len;
  return s.truncated ? t + ' ' + trunc(s) : t;
}

function udpBody(s: Summary): string {
  if (s.malformed !== '') return 'UDP, ' + s.malformed;
  if (s.truncated) return 'UDP ' + trunc(s);
  return 'UDP, length ' + s.length;
}

function ip6ExtPrefix(s: Summary): string {
  const e = s.ip6Ext;
  if (e === 0) return '';
  let t = '';
  if (e & Ip6Ext.HBH) t += 'HBH ';
  if (e & Ip6Ext.ROUTING) t += 'srcrt ';
  if (e & Ip6Ext.DSTOPT) t += 'DSTOPT ';
  return t;
}

function fragText(s: Summary): string {
  return 'frag id ' + s.ipId + ' off ' + s.fragOffset + (s.moreFragments ? '+' : '');
}

function protoText(proto: number, length: number): string {
  const name = ipProtoName(proto);
  return name === undefined ? 'ip-proto-' + proto + ' ' + length : name + ', length ' + length;
}

function ipBody(s: Summary): string {
  const head = s.net === 'IP' ? 'IP ' : 'IP6 ';
  if (s.src === '') {
    if (s.malformed !== '') return head + s.malformed;
    return head + trunc(s);
  }
  let t = head + s.src;
  if (s.hasPorts) t += '.' + s.sport + ' > ' + s.dst + '.' + s.dport + ': ';
  else t += ' > ' + s.dst + ': ';
  t += ip6ExtPrefix(s);
  if (s.isFragment && s.fragOffset !== 0) {
    return t + fragText(s) + ', ' + protoText(s.ipProto, s.length);
  }
  switch (s.transport) {
    case 'TCP':
      t += tcpBody(s);
      break;
    case 'UDP':
      t += udpBody(s);
      break;
    case 'ICMP':
      t += s.icmpType < 0 ? 'ICMP ' + trunc(s) : 'ICMP ' + icmpText(s) + ', length ' + s.length + (s.truncated ? ' ' + trunc(s) : '');
      break;
    case 'ICMP6':
      t += s.icmpType < 0 ? 'ICMP6 ' + trunc(s) : 'ICMP6, ' + icmp6Text(s) + ', length ' + s.length + (s.truncated ? ' ' + trunc(s) : '');
      break;
    default:
      if (s.malformed !== '') t += s.malformed;
      else if (s.truncated) t += trunc(s);
      else t += protoText(s.ipProto, s.length);
  }
  if (s.isFragment) t += ' (' + fragText(s) + ')';
  return t;
}

function arpOpText(s: Summary): string {
  const tha = s.arpTargetHw;
  switch (s.arpOp) {
    case 1:
      return 'Request who-has ' + s.dst + (tha !== '' ? ' (' + tha + ')' : '') + ' tell ' + s.src;
    case 2:
      return 'Reply ' + s.src + ' is-at ' + s.arpSenderHw;
    case 3:
      return 'Reverse Request who-is ' + (tha || '?') + ' tell ' + s.arpSenderHw;
    case 4:
      return 'Reverse Reply ' + (tha || '?') + ' at ' + s.dst;
    case 8:
      return 'Inverse Request who-is ' + (tha || '?') + ' tell ' + s.arpSenderHw;
    case 9:
      return 'Inverse Reply ' + (tha || '?') + ' at ' + s.dst;
    default:
      return 'Unknown (' + s.arpOp + ')';
  }
}

function arpBody(s: Summary): string {
  if (s.truncated) return 'ARP ' + trunc(s);
  if (s.src === '') {
    return 'ARP, hardware ' + s.arpHrd + ' (len ' + s.arpHln + '), proto ' + hex4(s.arpPro) + ' (len ' + s.arpPln + '), op ' + s.arpOp + ', length ' + s.length;
  }
  return 'ARP, ' + arpOpText(s) + ', length ' + s.length;
}

function vlanPrefix(s: Summary): string {
  let t = '';
  for (let i = 0; i < s.vlanCount; i++) t += i < s.vlanIds.length ? 'vlan ' + s.vlanIds[i] + ', ' : 'vlan ?, ';
  return t;
}

function body(s: Summary): string {
  if (!s.linkKnown) return 'link-type ' + linkTypeName(s.linkType) + ' (not decoded), length ' + s.origLen;
  switch (s.net) {
    case 'IP':
    case 'IP6':
      return ipBody(s);
    case 'ARP':
      return arpBody(s);
    case 'LLC':
      return s.truncated ? 'LLC ' + trunc(s) : 'LLC, dsap ' + hex2(s.llcDsap) + ', ssap ' + hex2(s.llcSsap) + ', length ' + s.length;
    case 'OTHER':
      if (s.family >= 0) return 'AF ' + s.family + ', length ' + s.length;
      return 'ethertype ' + etherTypeName(s.etherType) + ' (' + hex4(s.etherType) + '), length ' + s.length;
    default:
      if (s.malformed !== '') return s.malformed + ', length ' + s.length;
      return trunc(s) + ', length ' + s.origLen;
  }
}

export function formatBrief(s: Summary): string {
  return formatTime(s.tsSec, s.tsNsec) + ' ' + (s.vlanCount > 0 ? vlanPrefix(s) : '') + body(s);
}
