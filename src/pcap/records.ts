import { PCAP_RECORD_HEADER } from './writer.js';
import type { PacketView } from './types.js';

/**
 * Visits classic-pcap records (16-byte little-endian header with nanoseconds, the ring's and every
 * source's layout, then the data) lying back to
 * back in buf[start, end), filling one reused view. A record that runs past `end` stops the
 * walk: the bytes come from a ring or a socket, and are not trusted beyond their bounds.
 * Returns how many records were visited.
 */
export function forEachRecord(buf: Buffer, start: number, end: number, view: PacketView, fn: (p: PacketView) => void): number {
  let n = 0;
  view.buf = buf;
  if (end > buf.length) end = buf.length;
  if (start < 0) start = 0;
  for (let at = start; at + PCAP_RECORD_HEADER <= end; ) {
    const capLen = le32(buf, at + 8);
    const data = at + PCAP_RECORD_HEADER;
    if (data + capLen > end) break;
    view.tsSec = le32(buf, at);
    view.tsNsec = le32(buf, at + 4);
    view.capLen = capLen;
    view.origLen = le32(buf, at + 12);
    view.offset = data;
    at = data + capLen;
    n++;
    fn(view);
  }
  return n;
}

/**
 * A little-endian 32-bit word at an offset the caller has bounds-checked: readUInt32LE
 * checks its argument again on every call (it showed in `show`'s profile).
 */
function le32(buf: Buffer, at: number): number {
  return (buf[at] | (buf[at + 1] << 8) | (buf[at + 2] << 16)) + buf[at + 3] * 0x1000000;
}
