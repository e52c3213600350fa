import { Depth, type Dissector } from '../dissector.js';
import { ipProtos, tcpPorts } from '../registry.js';
import type { SeqTable } from '../state.js';
import { labelledNumber } from '../text.js';
import { IpProto } from './ip-demux.js';
import { tcpOptions } from './tcp-options.js';

/** TCP (tcpdump's print-tcp.c, default output): ports, flags, relative numbers, options, then the port's printer. */

export const TH = { FIN: 0x01, SYN: 0x02, RST: 0x04, PUSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80 } as const;

const FLAG_CHARS = 'FSRP.UEW';

const FLAG_TEXT: string[] = [];
for (let f = 0; f < 256; f++) {
  let s = '';
  for (let i = 0; i < 8; i++) if (f & (1 << i)) s += FLAG_CHARS[i];
  FLAG_TEXT.push(f === 0 ? 'none' : s);
}

/** Flag letters in tcpdump's order ("S.", "FP.", "none"). */
export function tcpFlagsText(flags: number): string {
  return FLAG_TEXT[flags & 0xff];
}

// tcp_print's port chain, in its order (SMB/NetBIOS are left out as in tcpdump built
// without --enable-smb, which Debian's is). The printers of smtp, whois, ftp, http and
// rtsp print the ": " tcpdump puts before them.
tcpPorts.define('telnet', { either: [23] });
tcpPorts.define('smtp', { either: [25] });
tcpPorts.define('whois', { either: [43] });
tcpPorts.define('bgp', { either: [179] });
tcpPorts.define('pptp', { either: [1723] });
tcpPorts.define('resp', { either: [6379] });
tcpPorts.define('ssh', { either: [22] });
tcpPorts.define('beep', { either: [10288] });
tcpPorts.define('openflow', { either: [6633, 6653] });
tcpPorts.define('ftp', { either: [21] });
tcpPorts.define('http', { either: [80, 8080] });
tcpPorts.define('rtsp', { either: [554, 8554] });
tcpPorts.define('domain', { either: [53] });
tcpPorts.define('msdp', { either: [639] });
tcpPorts.define('rpki-rtr', { either: [323] });
tcpPorts.define('ldp', { either: [646] });
tcpPorts.define('nfs', { either: [2049] }, (nd, at, length) => length >= 4 && nd.has(at, 4));

/**
 * Relative sequence numbers as tcpdump keeps them: only segments with ACK take part;
 * the first of a connection (or any SYN) records its numbers and prints them whole,
 * the later ones print the difference. The connection is keyed in one direction
 * (lower port first, then lower address), so both directions share an entry.
 */
const rel = { seq: 0, ack: 0, thseq: 0, thack: 0, rev: false };

function relative(nd: Dissector, table: SeqTable, words: number, sport: number, dport: number, seq: number, ack: number, flags: number): void {
  const a = nd.ipAt;
  const srcAt = words === 3 ? a + 12 : a + 8;
  const dstAt = words === 3 ? a + 16 : a + 24;
  const addrWords = (words - 1) / 2;
  let rev = false;
  if (sport > dport) rev = true;
  else if (sport === dport) {
    for (let i = 0; i < addrWords; i++) {
      const s = nd.u32(srcAt + 4 * i);
      const d = nd.u32(dstAt + 4 * i);
      if (s !== d) {
        rev = s > d;
        break;
      }
    }
  }
  const key = table.key;
  for (let i = 0; i < addrWords; i++) {
    const s = nd.u32(srcAt + 4 * i);
    const d = nd.u32(dstAt + 4 * i);
    key[i] = rev ? d : s;
    key[addrWords + i] = rev ? s : d;
  }
  key[words - 1] = rev ? ((dport << 16) | sport) >>> 0 : ((sport << 16) | dport) >>> 0;
  const remember = nd.state.remember;
  const e = remember ? table.find() : -1;
  rel.rev = rev;
  if (e < 0 || flags & TH.SYN) {
    const thseq = rev ? (ack - 1) >>> 0 : seq;
    const thack = rev ? seq : (ack - 1) >>> 0;
    if (remember) table.set(e < 0 ? table.add() : e, thseq, thack);
    rel.seq = seq;
    rel.ack = ack;
    rel.thseq = thseq;
    rel.thack = thack;
  } else {
    const thseq = table.seq(e);
    const thack = table.ack(e);
    rel.seq = (seq - (rev ? thack : thseq)) >>> 0;
    rel.ack = (ack - (rev ? thseq : thack)) >>> 0;
    rel.thseq = thseq;
    rel.thack = thack;
  }
}

const ackText = labelledNumber(', ack ');
const winText = labelledNumber(', win ');
const lengthText = labelledNumber(', length ');

/** A hook for -v's checksum text (", cksum 0x1234 (correct)"), unset until a printer provides it. */
export const tcpVerbose: { checksum: ((nd: Dissector, at: number, length: number) => void) | undefined } = { checksum: undefined };

export function tcpPrint(nd: Dissector, at: number, length: number): void {
  nd.protocol = 'tcp';
  const ip = nd.ipAt;
  const v6 = nd.ipVersion === 6;
  if (!nd.has(at + 2, 2)) {
    if (v6) nd.print(nd.ipv6(ip + 8) + ' > ' + nd.ipv6(ip + 24) + ':');
    else nd.print(nd.ipv4(ip + 12) + ' > ' + nd.ipv4(ip + 16) + ':');
    nd.printTrunc();
    return;
  }
  const sport = nd.u16(at);
  const dport = nd.u16(at + 2);
  nd.srcPort = sport;
  nd.dstPort = dport;
  if (v6) {
    if (nd.u8(ip + 6) === IpProto.TCP) nd.print(nd.endpoints(sport, dport));
    else nd.print(sport + ' > ' + dport + ': ');
  } else if (nd.u8(ip + 9) === IpProto.TCP) nd.print(nd.endpoints(sport, dport));
  else nd.print(sport + ' > ' + dport + ': ');

  if (!nd.has(at, 20)) {
    nd.printTrunc();
    return;
  }
  const hlen = (nd.u8(at + 12) >> 4) * 4;
  if (hlen < 20) {
    nd.print(' tcp ' + ((length - hlen) >>> 0) + ' [bad hdr length ' + hlen + ' - too short, < 20]');
    return;
  }
  let seq = nd.u32(at + 4);
  let ack = nd.u32(at + 8);
  const win = nd.u16(at + 14);
  const urp = nd.u16(at + 18);
  const flags = nd.u8(at + 13);
  nd.print('Flags [' + tcpFlagsText(flags) + ']');

  let thseq = 0;
  let thack = 0;
  let rev = false;
  if (flags & TH.ACK) {
    relative(nd, v6 ? nd.state.tcp6 : nd.state.tcp4, v6 ? 9 : 3, sport, dport, seq, ack, flags);
    seq = rel.seq;
    ack = rel.ack;
    thseq = rel.thseq;
    thack = rel.thack;
    rev = rel.rev;
  }
  if (hlen > length) {
    nd.print(' [bad hdr length ' + hlen + ' - too long, > ' + length + ']');
    return;
  }
  if (nd.verbose > 0 && !nd.ipFragmented && tcpVerbose.checksum !== undefined) tcpVerbose.checksum(nd, at, length);

  length -= hlen;
  if (nd.verbose > 1 || length > 0 || flags & (TH.SYN | TH.FIN | TH.RST)) {
    // One piece where the numbers are short: a line of fewer pieces is written faster.
    nd.print(length > 0 ? ', seq ' + seq + ':' + ((seq + length) >>> 0) : ', seq ' + seq);
  }
  if (flags & TH.ACK) nd.print(ackText(ack));
  nd.print(winText(win));
  if (flags & TH.URG) nd.print(', urg ' + urp);
  if (hlen > 20) {
    if (!tcpOptions(nd, at, hlen - 20, flags, rev ? thseq : thack, length)) return;
  }
  nd.print(lengthText(length));
  if (length === 0) return;

  const headerLen = (nd.u8(at + 12) >> 4) * 4;
  if (!nd.has(at, headerLen)) {
    nd.print(' [remaining caplen(' + nd.avail(at) + ') < header length(' + headerLen + ')]');
    nd.trunc();
  }
  const bp = at + headerLen;
  if (flags & TH.RST && nd.verbose > 0) {
    rstData(nd, bp, length);
    return;
  }
  const rule = tcpPorts.find(nd, sport, dport, bp, length);
  if (rule === undefined) return;
  nd.classify(Depth.APP, 'tcp:' + rule.name);
  if (rule.print !== undefined) rule.print(nd, bp, length);
}

/** -v: the text some stacks put in a RST (RFC 1122 4.2.2.12), as tcpdump shows it. */
function rstData(nd: Dissector, sp: number, length: number): void {
  nd.print(nd.has(sp, length) ? ' [RST' : ' [!RST');
  if (length > 30) {
    length = 30;
    nd.print('+');
  }
  nd.print(' ');
  while (length > 0 && sp < nd.snapend) {
    nd.print(charText(nd.u8(sp)));
    sp++;
    length--;
  }
  nd.print(']');
}

/** tcpdump's fn_print_char: M- for the high bit, ^ for controls. */
export function charText(c: number): string {
  let s = '';
  if (c > 0x7f) {
    c &= 0x7f;
    s = 'M-';
  }
  if (!(c >= 0x20 && c <= 0x7e)) {
    c ^= 0x40;
    s += '^';
  }
  return s + String.fromCharCode(c);
}

ipProtos.register(IpProto.TCP, 'tcp', tcpPrint);
