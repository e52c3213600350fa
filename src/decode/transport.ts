import { decodeIcmp } from './icmp.js';
import { decodeIcmp6 } from './icmp6.js';
import { decodeTcp } from './tcp.js';
import { decodeUdp } from './udp.js';
import type { Summary } from './summary.js';

/** The layer above IP; anything not listed stays a protocol number and a length. */
export function decodeIpPayload(buf: Buffer, off: number, end: number, len: number, proto: number, v6: boolean, s: Summary): void {
  s.length = len;
  if (proto === 6) decodeTcp(buf, off, end, len, s);
  else if (proto === 17) decodeUdp(buf, off, end, len, s);
  else if (proto === 1 && !v6) decodeIcmp(buf, off, end, len, s);
  else if (proto === 58 && v6) decodeIcmp6(buf, off, end, len, s);
}
