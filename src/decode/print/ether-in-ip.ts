import type { Dissector } from '../dissector.js';
import { ipProtos } from '../registry.js';
import { etherPrint } from './ether.js';

/** IP protocol 143, an Ethernet frame after IPv6 headers (tcpdump's ip_demux_print; ip-demux.ts refuses it over IPv4). */

function etherInIpPrint(nd: Dissector, at: number, length: number): void {
  etherPrint(nd, at, length);
}

ipProtos.register(143, 'ip:ether', etherInIpPrint);
