import type { PacketView } from '../pcap/types.js';
import { Dissector, TRUNCATED, type DecodeOptions } from './dissector.js';
import { linkTypes } from './registry.js';
import { StreamState } from './state.js';
import { formatTimeSpace } from './time.js';
import './print/all.js';
import { asciiPrint, hexAndAsciiPrint, hexPrint } from './hex.js';

/** tcpdump's MAXIMUM_SNAPLEN: records claiming more are refused as invalid headers. */
const MAXIMUM_SNAPLEN = 262144;

/**
 * Prints one stream of packets as `tcpdump -nn` does, keeping what tcpdump keeps from
 * packet to packet (relative TCP sequence numbers). One Decoder per stream: a `show`
 * of a ring, a file `read`, a live capture.
 */
export class Decoder {
  readonly state = new StreamState();
  private readonly nd: Dissector;
  /** A printer threw something other than a truncation (a bug): its message, for tests. */
  lastError = '';

  /** The bytes after the text: 0 none, 1 hex (-x), 2 hex and ASCII (-X), 3 ASCII (-A). */
  private readonly dump: number;
  /** -xx/-XX/-AA: the dump starts at the link-level header. */
  private readonly dumpLinkHeader: boolean;

  constructor(opts: Partial<DecodeOptions> = {}) {
    this.nd = new Dissector(this.state, opts);
    const x = opts.hex ?? 0;
    const X = opts.hexAscii ?? 0;
    const A = opts.ascii ?? 0;
    // tcpdump's precedence: -X over -x over -A.
    this.dump = X > 0 ? 2 : x > 0 ? 1 : A > 0 ? 3 : 0;
    this.dumpLinkHeader = X > 0 ? X > 1 : x > 0 ? x > 1 : A > 1;
  }

  /** The family the last packet was counted under (e.g. "tcp", "udp:domain", "arp"). */
  get family(): string {
    return this.nd.family;
  }

  /**
   * Everything tcpdump prints for the packet after its time stamp (with -v and -x
   * that may be several lines), or null for a record tcpdump refuses as an invalid
   * header (it then prints only invalidHeader's text, without a time).
   */
  body(p: PacketView): string | null {
    const nd = this.nd;
    this.lastError = '';
    if (invalidHeader(p) !== '') {
      nd.family = 'invalid';
      return null;
    }
    nd.begin(p.buf, p.offset, p.capLen);
    const print = linkTypes.printer(p.linkType);
    try {
      if (print === undefined) unsupported(nd, p.linkType);
      else print(nd, nd.packetAt, p.origLen);
    } catch (e) {
      if (e !== TRUNCATED) this.lastError = e instanceof Error ? e.message : String(e);
      nd.printTrunc();
      // tcpdump dumps the whole packet when a printer stopped early.
      nd.llHdrLen = 0;
    }
    if (this.dump !== 0) this.dumpBytes();
    return nd.out;
  }

  /** -x/-xx/-X/-XX/-A/-AA: the captured bytes after the packet's text, as tcpdump's pretty_print_packet ends. */
  private dumpBytes(): void {
    const nd = this.nd;
    nd.endPacket();
    let at = nd.packetAt;
    let len = nd.captureEnd - at;
    if (!this.dumpLinkHeader) {
      // Without the link-level header, and nothing at all when the packet is only that.
      if (len <= nd.llHdrLen) return;
      at += nd.llHdrLen;
      len -= nd.llHdrLen;
    }
    if (this.dump === 2) hexAndAsciiPrint(nd, '\n\t', at, len);
    else if (this.dump === 1) hexPrint(nd, '\n\t', at, len);
    else asciiPrint(nd, at, len);
  }

  /**
   * Everything tcpdump prints for the packet, as it prints it (time stamp, the line,
   * the lines -v and -x add), without the final newline.
   */
  text(p: PacketView): string {
    const body = this.body(p);
    if (body === null) return invalidHeader(p);
    return formatTimeSpace(p.tsSec, p.tsNsec) + body;
  }

  /** The brief line: tcpdump -nn's line for the packet, time first (its first line where tcpdump prints more). */
  line(p: PacketView): string {
    const body = this.body(p);
    if (body === null) return invalidHeader(p);
    const end = this.nd.firstLineEnd;
    return formatTimeSpace(p.tsSec, p.tsNsec) + (end < 0 ? body : body.slice(0, end));
  }

  reset(): void {
    this.state.reset();
  }
}

function unsupported(nd: Dissector, linkType: number): void {
  nd.protocol = 'unsupported';
  nd.classify(1, 'link:' + linkType);
  nd.print('UNSUPPORTED');
  hexAndAsciiPrint(nd, '\n\t', nd.packetAt, nd.avail(nd.packetAt));
}

/** tcpdump's sanity checks of a record header, in its words; '' when the record is sound. */
export function invalidHeader(p: PacketView): string {
  if (p.capLen > 0 && p.origLen > 0 && p.origLen >= p.capLen && p.capLen <= MAXIMUM_SNAPLEN && p.origLen <= MAXIMUM_SNAPLEN) return '';
  const why: string[] = [];
  if (p.capLen === 0) why.push(' caplen==0');
  if (p.origLen === 0) why.push(' len==0');
  else if (p.origLen < p.capLen) why.push(` len(${p.origLen}) < caplen(${p.capLen})`);
  if (p.capLen > MAXIMUM_SNAPLEN) why.push(` caplen(${p.capLen}) > ${MAXIMUM_SNAPLEN}`);
  if (p.origLen > MAXIMUM_SNAPLEN) why.push(` len(${p.origLen}) > ${MAXIMUM_SNAPLEN}`);
  return '[Invalid header:' + why.join(',') + ']';
}

/**
 * One Decoder per stream name, for a face that receives the packets of several live
 * captures in one sink (keyed by interface): a capture's relative sequence numbers
 * start with it and end with it (end()).
 */
export class StreamDecoders {
  private readonly byName = new Map<string, Decoder>();

  constructor(private readonly opts: Partial<DecodeOptions> = {}) {}

  line(stream: string, p: PacketView): string {
    let d = this.byName.get(stream);
    if (d === undefined) {
      d = new Decoder(this.opts);
      this.byName.set(stream, d);
    }
    return d.line(p);
  }

  /** The stream's capture ended: the next packets under that name start afresh. */
  end(stream: string): void {
    this.byName.delete(stream);
  }
}

const lone = new Decoder();
lone.state.remember = false;

/**
 * The brief line of a packet on its own, outside any stream: TCP sequence numbers are
 * the absolute ones tcpdump prints for the first packet of a connection. Lines of a
 * stream of packets come from a Decoder kept for that stream.
 */
export function brief(p: PacketView): string {
  return lone.line(p);
}
