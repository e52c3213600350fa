import { Depth, type Dissector } from '../dissector.js';
import { ipProtos, udpPorts } from '../registry.js';
import { labelledNumber } from '../text.js';
import { IpProto } from './ip-demux.js';

/** UDP (tcpdump's print-udp.c, default output): ports, length warnings, then the port's printer. */

// udp_print's port chain, in its order. NFS comes first (tcpdump tries it before the
// others) and only for an RPC call to port 2049 or a reply from it. SMB/NetBIOS are
// left out as in tcpdump built without --enable-smb, which Debian's is.
const rpcDirection = (nd: Dissector, at: number): number => (nd.has(at + 4, 4) ? nd.u32(at + 4) : -1);
udpPorts.define('nfs', { either: [2049] }, (nd, at) => {
  const dir = rpcDirection(nd, at);
  return (nd.dstPort === 2049 && dir === 0) || (nd.srcPort === 2049 && dir === 1);
});
udpPorts.define('domain', { either: [53] });
udpPorts.define('mdns', { either: [5353] });
udpPorts.define('timed', { either: [525] });
udpPorts.define('tftp', { either: [69] });
udpPorts.define('bootp', { either: [67, 68] });
udpPorts.define('rip', { either: [520] });
udpPorts.define('aodv', { either: [654] });
udpPorts.define('isakmp', { either: [500] });
udpPorts.define('isakmp-natt', { either: [4500] });
udpPorts.define('isakmp-user', { either: [7500, 8500] });
udpPorts.define('snmp', { either: [161, 162] });
udpPorts.define('ntp', { either: [123] });
udpPorts.define('krb', { either: [88, 750] });
udpPorts.define('l2tp', { either: [1701] });
udpPorts.define('vat', { dst: [3456] });
udpPorts.define('zephyr', { either: [2103, 2104] });
udpPorts.define('rx', { ranges: [[7000, 7009]] });
udpPorts.define('ripng', { either: [521] });
udpPorts.define('dhcp6', { either: [546, 547] });
udpPorts.define('ahcp', { either: [5359] });
udpPorts.define('babel', { either: [6696, 6697] });
udpPorts.define('hncp', { either: [8231] });
udpPorts.define('wb', { dst: [4567] });
udpPorts.define('cisco-autorp', { either: [496] });
udpPorts.define('radius', { either: [1645, 1812, 1646, 1813, 1700, 3799] });
udpPorts.define('hsrp', { dst: [1985] });
udpPorts.define('lwres', { either: [921] });
udpPorts.define('ldp', { either: [646] });
udpPorts.define('olsr', { either: [698] });
udpPorts.define('lspping', { either: [3503] });
udpPorts.define('bcm-li', { src: [49152] });
udpPorts.define('bfd', { dst: [3784, 4784, 6784, 3785] });
udpPorts.define('lmp', { either: [701] });
udpPorts.define('vqp', { either: [1589] });
udpPorts.define('sflow', { either: [6343] });
// The control printer is told the direction by the ports (dport 12223: a request).
udpPorts.define('lwapp-control', { dst: [12223], src: [12223] });
udpPorts.define('lwapp-data', { either: [12222] });
udpPorts.define('sip', { either: [5060] });
udpPorts.define('syslog', { either: [514] });
udpPorts.define('otv', { either: [8472] });
udpPorts.define('vxlan', { either: [4789] });
udpPorts.define('geneve', { either: [6081] });
udpPorts.define('lisp', { either: [4342] });
udpPorts.define('vxlan-gpe', { either: [4790] });
udpPorts.define('zep', { either: [17754] });
udpPorts.define('mpls', { either: [6635] });
// AppleTalk DDP in UDP: the ports of the three socket ranges, and a LAP header of type DDP.
udpPorts.define(
  'kip',
  {
    ranges: [
      [16512, 16639],
      [200, 327],
      [768, 895],
    ],
  },
  (nd, at) => nd.has(at + 2, 1) && nd.u8(at + 2) === 2,
);
udpPorts.define('ptp', { either: [319, 320] });
udpPorts.define('someip', { either: [30490] });

/** "src.sport > dst.dport: " as udpipaddr_print (sport -1: no ports). */
function addrs(nd: Dissector, sport: number, dport: number): void {
  const ip = nd.ipAt;
  if (nd.ipVersion === 6) {
    if (nd.u8(ip + 6) === IpProto.UDP) {
      if (sport === -1) nd.print(nd.ipv6(ip + 8) + ' > ' + nd.ipv6(ip + 24) + ': ');
      else nd.print(nd.endpoints(sport, dport));
    } else if (sport !== -1) nd.print(sport + ' > ' + dport + ': ');
  } else if (nd.u8(ip + 9) === IpProto.UDP) {
    if (sport === -1) nd.print(nd.ipv4(ip + 12) + ' > ' + nd.ipv4(ip + 16) + ': ');
    else nd.print(nd.endpoints(sport, dport));
  } else if (sport !== -1) nd.print(sport + ' > ' + dport + ': ');
}

const lengthText = labelledNumber('UDP, length ');

/** A hook for -v's checksum text ("[udp sum ok] "), unset until a printer provides it. */
export const udpVerbose: { checksum: ((nd: Dissector, at: number, length: number) => void) | undefined } = { checksum: undefined };

export function udpPrint(nd: Dissector, at: number, length: number): void {
  nd.protocol = 'udp';
  if (!nd.has(at + 2, 2)) {
    addrs(nd, -1, -1);
    nd.printTrunc();
    return;
  }
  const sport = nd.u16(at);
  const dport = nd.u16(at + 2);
  nd.srcPort = sport;
  nd.dstPort = dport;
  if (length < 8) {
    addrs(nd, sport, dport);
    nd.print('truncated-udp ' + length);
    return;
  }
  if (!nd.has(at + 4, 2)) {
    addrs(nd, sport, dport);
    nd.printTrunc();
    return;
  }
  let ulen = nd.u16(at + 4);
  // RFC 2675 jumbograms carry 0 and leave the length to IPv6.
  if (ulen === 0 && length > 65535) ulen = length;
  if (ulen < 8) {
    addrs(nd, sport, dport);
    nd.print('truncated-udplength ' + ulen);
    return;
  }
  ulen -= 8;
  length -= 8;
  if (ulen < length) length = ulen;
  const cp = at + 8;
  if (cp > nd.snapend) {
    addrs(nd, sport, dport);
    nd.printTrunc();
    return;
  }
  addrs(nd, sport, dport);
  if (nd.verbose > 0 && !nd.ipFragmented && udpVerbose.checksum !== undefined) udpVerbose.checksum(nd, at, length);
  const rule = udpPorts.find(nd, sport, dport, cp, length);
  if (rule !== undefined) {
    nd.classify(Depth.APP, 'udp:' + rule.name);
    if (rule.print !== undefined) {
      rule.print(nd, cp, length);
      return;
    }
  }
  if (ulen > length && !nd.ipFragmented) nd.print('UDP, bad length ' + ulen + ' > ' + length);
  else nd.print(lengthText(ulen));
}

ipProtos.register(IpProto.UDP, 'udp', udpPrint);
