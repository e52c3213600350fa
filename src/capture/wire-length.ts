import { LinkType } from '../pcap/linktype.js';

/** cap asks libpcap for 65535 bytes and never says how long a longer packet was. */
export const CAP_SNAPLEN = 65535;

/**
 * The length on the wire of a packet cap cut at CAP_SNAPLEN, from its IP header
 * (loopback and offloaded segments exceed 64 KiB). Falls back to what was captured.
 */
export function wireLength(buf: Buffer, captured: number, linkType: number): number {
  if (captured < CAP_SNAPLEN) return captured;
  let off: number;
  let etherType: number;
  if (linkType === LinkType.ETHERNET) {
    off = 14;
    etherType = buf.readUInt16BE(12);
    while ((etherType === 0x8100 || etherType === 0x88a8) && off + 4 <= captured) {
      etherType = buf.readUInt16BE(off + 2);
      off += 4;
    }
  } else if (linkType === LinkType.LINUX_SLL) {
    off = 16;
    etherType = buf.readUInt16BE(14);
  } else if (linkType === LinkType.RAW) {
    off = 0;
    etherType = buf[0] >> 4 === 6 ? 0x86dd : 0x0800;
  } else {
    return captured;
  }
  if (etherType === 0x0800 && off + 4 <= captured) {
    const total = buf.readUInt16BE(off + 2);
    return total > 0 ? Math.max(captured, off + total) : captured;
  }
  if (etherType === 0x86dd && off + 6 <= captured) {
    const payload = buf.readUInt16BE(off + 4);
    return payload > 0 ? Math.max(captured, off + 40 + payload) : captured;
  }
  return captured;
}
