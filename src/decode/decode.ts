import type { PacketView } from '../pcap/types.js';
import { LinkType } from '../pcap/linktype.js';
import { decodeNullLoop, decodeRawIp, decodeSll, decodeSll2 } from './cooked.js';
import { decodeEthernet } from './ether.js';
import { resetSummary, type Summary } from './summary.js';

/**
 * Fills `out` (reused by the caller) with what the brief line of packet p says.
 * Never throws: every read is checked against the captured bytes, which are also
 * clamped to the backing buffer in case a view claims more than it holds.
 */
export function decodeSummary(p: PacketView, out: Summary): Summary {
  resetSummary(out);
  out.tsSec = p.tsSec;
  out.tsNsec = p.tsNsec;
  out.capLen = p.capLen;
  out.origLen = p.origLen;
  out.linkType = p.linkType;
  const buf = p.buf;
  const off = p.offset >= 0 ? p.offset : 0;
  let end = off + (p.capLen > 0 ? p.capLen : 0);
  if (!(end <= buf.length)) end = buf.length;
  // A record claiming fewer bytes on the wire than captured: trust the capture.
  const wire = p.origLen > p.capLen ? p.origLen : p.capLen;
  switch (p.linkType) {
    case LinkType.ETHERNET:
      decodeEthernet(buf, off, end, wire, out);
      break;
    case LinkType.LINUX_SLL:
      decodeSll(buf, off, end, wire, out);
      break;
    case LinkType.LINUX_SLL2:
      decodeSll2(buf, off, end, wire, out);
      break;
    case LinkType.RAW:
    case LinkType.IPV4:
    case LinkType.IPV6:
      decodeRawIp(buf, off, end, wire, out);
      break;
    case LinkType.NULL:
      decodeNullLoop(buf, off, end, wire, out, false);
      break;
    case LinkType.LOOP:
      decodeNullLoop(buf, off, end, wire, out, true);
      break;
    default:
      out.linkKnown = false;
      out.length = wire;
  }
  return out;
}
