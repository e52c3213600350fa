import { cksumShouldBe, nextprotoCksum } from './checksum.js';
import type { Dissector } from '../dissector.js';
import { hex } from '../text.js';
import { icmp6Verbose } from './icmp6.js';
import { IpProto } from './ip-demux.js';
import { tcpVerbose } from './tcp.js';
import { udpVerbose } from './udp.js';

/**
 * The checksums -v checks for TCP, UDP and ICMPv6 (print-tcp.c, print-udp.c,
 * print-icmp6.c): only over a segment captured whole, and never in a fragment (the
 * printers call these only then).
 */

function hex4(v: number): string {
  return hex(v, 4);
}

/** TCP: ", cksum 0x1c46 (correct)" or "(incorrect -> 0x...)"; at is the TCP header, length the segment's. */
function tcpChecksum(nd: Dissector, at: number, length: number): void {
  if (nd.ipVersion !== 4 && nd.ipVersion !== 6) return;
  if (!nd.has(at, length)) return;
  const sum = nextprotoCksum(nd, at, length, length, IpProto.TCP);
  const field = nd.u16(at + 16);
  nd.print(', cksum 0x' + hex4(field) + (sum !== 0 ? ' (incorrect -> 0x' + hex4(cksumShouldBe(field, sum)) + ')' : ' (correct)'));
}

/**
 * UDP: "[udp sum ok] " or "[bad udp cksum 0x.. -> 0x..!] " before the payload's text; over
 * IPv4 only from -vv, as tcpdump. at is the UDP header, length the payload's.
 */
function udpChecksum(nd: Dissector, at: number, length: number): void {
  const field = nd.u16(at + 6);
  if (nd.ipVersion === 4) {
    if (nd.verbose < 2) return;
    if (field === 0) {
      nd.print('[no cksum] ');
      return;
    }
  } else if (nd.ipVersion !== 6) return;
  if (!nd.has(at + 8, length)) return;
  const sum = nextprotoCksum(nd, at, length + 8, length + 8, IpProto.UDP);
  nd.print(sum !== 0 ? '[bad udp cksum 0x' + hex4(field) + ' -> 0x' + hex4(cksumShouldBe(field, sum)) + '!] ' : '[udp sum ok] ');
}

/** ICMPv6: "[icmp6 sum ok] " or "[bad icmp6 cksum 0x.. -> 0x..!] " before "ICMP6, ...". */
function icmp6Checksum(nd: Dissector, at: number, length: number): void {
  if (!nd.has(at, length)) return;
  const field = nd.u16(at + 2);
  const sum = nextprotoCksum(nd, at, length, length, IpProto.ICMPV6);
  nd.print(sum !== 0 ? '[bad icmp6 cksum 0x' + hex4(field) + ' -> 0x' + hex4(cksumShouldBe(field, sum)) + '!] ' : '[icmp6 sum ok] ');
}

tcpVerbose.checksum = tcpChecksum;
udpVerbose.checksum = udpChecksum;
icmp6Verbose.checksum = icmp6Checksum;
