import type { Dissector } from '../dissector.js';
import { ipProtos } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { IpProto } from './ip-demux.js';

/** ICMP for IPv4 (tcpdump's print-icmp.c, default output: one line per message). */

const icmp2str = tok({
  0: 'echo reply',
  4: 'source quench',
  8: 'echo request',
  10: 'router solicitation',
  13: 'time stamp request',
  14: 'time stamp reply',
  15: 'information request',
  16: 'information reply',
  17: 'address mask request',
});

// Unreachable codes whose text is a pattern around the quoted destination (# is the address).
const unreachText: Record<number, string> = {
  0: 'net # unreachable',
  1: 'host # unreachable',
  5: '# unreachable - source route failed',
  6: 'net # unreachable - unknown',
  7: 'host # unreachable - unknown',
  8: '# unreachable - source host isolated',
  9: 'net # unreachable - admin prohibited',
  10: 'host # unreachable - admin prohibited',
  11: 'net # unreachable - tos prohibited',
  12: 'host # unreachable - tos prohibited',
  13: 'host # unreachable - admin prohibited filter',
  14: 'host # unreachable - host precedence violation',
  15: 'host # unreachable - precedence cutoff',
};

const redirectText: Record<number, string> = { 0: 'redirect # to net ', 1: 'redirect # to host ', 2: 'redirect-tos # to net ', 3: 'redirect-tos # to host ' };

/** "HH:MM:SS.mmm" of milliseconds since midnight UTC, as icmp_tstamp_print. */
function tstamp(ms: number): string {
  const msec = ms % 1000;
  let sec = Math.floor(ms / 1000);
  let min = Math.floor(sec / 60);
  sec -= min * 60;
  const hrs = Math.floor(min / 60);
  min -= hrs * 60;
  const p2 = (n: number) => (n < 10 ? '0' + n : String(n));
  return p2(hrs) + ':' + p2(min) + ':' + p2(sec) + '.' + (msec < 10 ? '00' : msec < 100 ? '0' : '') + msec;
}

function lifetimeText(t: number): string {
  const p2 = (n: number) => (n < 10 ? '0' + n : String(n));
  if (t < 60) return String(t);
  if (t < 3600) return Math.floor(t / 60) + ':' + p2(t % 60);
  return Math.floor(t / 3600) + ':' + p2(Math.floor((t % 3600) / 60)) + ':' + p2(t % 60);
}

/**
 * -v's additions (checksum, the quoted datagram, RFC 4884 extensions): a hook, unset
 * until a printer provides it. Called after the line's text with the message's offset.
 */
export const icmpVerbose: { print: ((nd: Dissector, at: number, length: number, type: number) => void) | undefined } = { print: undefined };

/** The text after "ICMP ", or null after printing a truncation. */
function message(nd: Dissector, dp: number, type: number, code: number): string | null {
  const quotedDst = dp + 8 + 16;
  switch (type) {
    case 0:
    case 8:
      return 'echo ' + (type === 8 ? 'request' : 'reply') + ', id ' + nd.u16(dp + 4) + ', seq ' + nd.u16(dp + 6);
    case 3: {
      if (code === 2) return nd.ipv4(quotedDst) + ' protocol ' + nd.u8(dp + 8 + 9) + ' unreachable';
      if (code === 3) {
        nd.need(dp + 8 + 9, 1);
        const oip = dp + 8;
        const hlen = (nd.u8(oip) & 15) * 4;
        const dport = nd.u16(oip + hlen + 2);
        const proto = nd.u8(oip + 9);
        if (proto === IpProto.TCP) return nd.ipv4(oip + 16) + ' tcp port ' + dport + ' unreachable';
        if (proto === IpProto.UDP) return nd.ipv4(oip + 16) + ' udp port ' + dport + ' unreachable';
        return nd.ipv4(oip + 16) + ' protocol ' + proto + ' port ' + dport + ' unreachable';
      }
      if (code === 4) {
        const mtu = nd.u16(dp + 6);
        return nd.ipv4(quotedDst) + ' unreachable - need to frag' + (mtu ? ' (mtu ' + mtu + ')' : '');
      }
      const pattern = unreachText[code];
      if (pattern === undefined) return nd.ipv4(quotedDst) + ' unreachable - #' + code;
      return pattern.replace('#', nd.ipv4(quotedDst));
    }
    case 5: {
      const pattern = redirectText[code];
      const dst = nd.ipv4(quotedDst);
      const gw = nd.ipv4(dp + 4);
      if (pattern === undefined) return 'redirect-#' + code + ' ' + dst + ' to ' + gw;
      return pattern.replace('#', dst) + gw;
    }
    case 9: {
      let s = 'router advertisement';
      if (!nd.has(dp + 4, 4)) {
        nd.printTrunc();
        return null;
      }
      s += ' lifetime ' + lifetimeText(nd.u16(dp + 6));
      let num = nd.u8(dp + 4);
      s += ' ' + num + ':';
      const size = nd.u8(dp + 5);
      if (size !== 2) return s + ' [size ' + size + ']';
      let idp = dp + 8;
      while (num > 0) {
        if (!nd.has(idp, 8)) {
          nd.printTrunc();
          return null;
        }
        s += ' {' + nd.ipv4(idp) + ' ' + nd.u32(idp + 4) + '}';
        idp += 8;
        num--;
      }
      return s;
    }
    case 11:
      if (!nd.has(quotedDst, 4)) {
        nd.printTrunc();
        return null;
      }
      if (code === 0) return 'time exceeded in-transit';
      if (code === 1) return 'ip reassembly time exceeded';
      return 'time exceeded-#' + code;
    case 12:
      if (code) return 'parameter problem - code ' + code;
      return 'parameter problem - octet ' + nd.u8(dp + 4);
    case 18:
      return 'address mask is 0x' + hex(nd.u32(dp + 8), 8);
    case 13:
      return 'time stamp query id ' + nd.u16(dp + 4) + ' seq ' + nd.u16(dp + 6);
    case 14:
      if (!nd.has(dp + 16, 4)) {
        nd.printTrunc();
        return null;
      }
      return (
        'time stamp reply id ' +
        nd.u16(dp + 4) +
        ' seq ' +
        nd.u16(dp + 6) +
        ': org ' +
        tstamp(nd.u32(dp + 8)) +
        ', recv ' +
        tstamp(nd.u32(dp + 12)) +
        ', xmit ' +
        tstamp(nd.u32(dp + 16))
      );
    default:
      return tok2str(icmp2str, 'type-#%u', type);
  }
}

export function icmpPrint(nd: Dissector, at: number, length: number): void {
  nd.protocol = 'icmp';
  const type = nd.u8(at);
  const code = nd.u8(at + 1);
  const text = message(nd, at, type, code);
  if (text === null) return;
  nd.print('ICMP ' + text + ', length ' + length);
  if (nd.verbose > 0 && icmpVerbose.print !== undefined) icmpVerbose.print(nd, at, length, type);
}

ipProtos.register(IpProto.ICMP, 'icmp', icmpPrint);
