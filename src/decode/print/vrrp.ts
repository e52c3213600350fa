import type { Dissector } from '../dissector.js';
import { ipProtos, registerPrinter } from '../registry.js';
import { hex } from '../text.js';
import { inCksum, nextprotoCksum } from './checksum.js';
import { printjnp } from './strings.js';

/**
 * VRRP v2/v3 (tcpdump's print-vrrp.c) and CARP, which shares its IP protocol number
 * (print-carp.c): tcpdump prints protocol 112 as VRRP unless told `-T carp`, so CARP
 * is a named printer for that choice.
 */

export function vrrpPrint(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'vrrp';
  nd.print('VRRP');
  const version = nd.u8(bp) >> 4;
  const type = nd.u8(bp) & 0x0f;
  nd.print('v' + version + ', ' + (type === 1 ? 'Advertisement' : 'unknown type (' + type + ')'));
  if (nd.ipTtl !== 255) nd.print(', (ttl ' + nd.ipTtl + ')');
  if (version < 2 || version > 3 || type !== 1) return;
  nd.print(', vrid ' + nd.u8(bp + 1) + ', prio ' + nd.u8(bp + 2));
  let authType = 0;
  if (version === 2) {
    authType = nd.u8(bp + 4);
    nd.print(', authtype ' + (authType === 0 ? 'none' : authType === 1 ? 'simple' : authType === 2 ? 'ah' : '#' + authType));
    nd.print(', intvl ' + nd.u8(bp + 5) + 's, length ' + len);
  } else {
    nd.print(', intvl ' + (((nd.u8(bp + 4) & 0x0f) << 8) | nd.u8(bp + 5)) + 'cs, length ' + len);
  }
  if (!nd.verbose) return;
  const naddrs = nd.u8(bp + 3);
  if (nd.has(bp, len)) {
    const bad = version === 2 ? inCksum(nd, bp, len) : nextprotoCksum(nd, bp, len, len, 112);
    if (bad) nd.print(', (bad vrrp cksum ' + hex(nd.u16(bp + 6)) + ')');
  }
  nd.print(', addrs');
  if (naddrs > 1) nd.print('(' + naddrs + ')');
  nd.print(':');
  let c = ' ';
  bp += 8;
  for (let i = 0; i < naddrs; i++) {
    if (nd.ipVersion === 4) {
      nd.print(c + nd.ipv4(bp));
      bp += 4;
    } else {
      nd.print(c + nd.ipv6(bp));
      bp += 16;
    }
    c = ',';
  }
  if (version === 2 && authType === 1) {
    nd.print(' auth "');
    printjnp(nd, bp, 8);
    nd.print('"');
  }
}

export function carpPrint(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'carp';
  const version = nd.u8(bp) >> 4;
  const type = nd.u8(bp) & 0x0f;
  nd.print('CARPv' + version + '-' + (type === 1 ? 'advertise' : 'unknown') + ' ' + len + ': ');
  if (nd.ipTtl !== 255) nd.print('[ttl=' + nd.ipTtl + '!] ');
  if (version !== 2 || type !== 1) return;
  nd.print('vhid=' + nd.u8(bp + 1) + ' advbase=' + nd.u8(bp + 5) + ' advskew=' + nd.u8(bp + 2) + ' authlen=' + nd.u8(bp + 3) + ' ');
  if (nd.verbose && nd.has(bp, len) && inCksum(nd, bp, len)) nd.print(' (bad carp cksum ' + hex(nd.u16(bp + 6)) + '!)');
  nd.print('counter=' + nd.u64(bp + 8));
}

ipProtos.register(112, 'ip:vrrp', vrrpPrint);
registerPrinter('carp', carpPrint);
