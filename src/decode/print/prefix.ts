import { ipv4Text, ipv6Text } from '../addr.js';
import type { Dissector } from '../dissector.js';

/**
 * BGP's prefix encoding (a length in bits, then as many bytes as it needs), as
 * tcpdump's decode_prefix4 / decode_prefix6 (print-bgp.c) read it; LDP's FECs use it
 * too. Each returns the bytes read and leaves the text in `prefix.text`, or -1 for a
 * length beyond the address, -2 when the item is shorter than the prefix.
 */
export const prefix = { text: '' };

const addr = Buffer.alloc(16);

function decode(nd: Dissector, pptr: number, itemlen: number, max: number): number {
  if (itemlen < 1) return -2;
  const plen = nd.u8(pptr);
  if (plen > max) return -1;
  itemlen -= 1;
  addr.fill(0);
  const bytes = (plen + 7) >> 3;
  if (itemlen < bytes) return -2;
  nd.need(pptr + 1, bytes);
  nd.buf.copy(addr, 0, pptr + 1, pptr + 1 + bytes);
  if (plen % 8) addr[bytes - 1] &= (0xff00 >> (plen % 8)) & 0xff;
  prefix.text = (max === 32 ? ipv4Text(addr, 0) : ipv6Text(addr, 0)) + '/' + plen;
  return 1 + bytes;
}

export function decodePrefix4(nd: Dissector, pptr: number, itemlen: number): number {
  return decode(nd, pptr, itemlen, 32);
}

export function decodePrefix6(nd: Dissector, pptr: number, itemlen: number): number {
  return decode(nd, pptr, itemlen, 128);
}
