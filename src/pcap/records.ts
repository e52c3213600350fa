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
  for (let at = start; at + PCAP_RECORD_HEADER <= end; ) {
    const capLen = buf.readUInt32LE(at + 8);
    const data = at + PCAP_RECORD_HEADER;
    if (data + capLen > end) break;
    view.tsSec = buf.readUInt32LE(at);
    view.tsNsec = buf.readUInt32LE(at + 4);
    view.capLen = capLen;
    view.origLen = buf.readUInt32LE(at + 12);
    view.offset = data;
    at = data + capLen;
    n++;
    fn(view);
  }
  return n;
}
