import { AddressCache, macText } from './addr.js';
import type { StreamState } from './state.js';

/**
 * Thrown by a read past the captured bytes, caught once per packet by the Decoder,
 * which then prints tcpdump's ` [|proto]`: the same control flow as tcpdump's
 * GET_* macros and their longjmp. One frozen object, never an Error, so throwing
 * costs no stack trace.
 */
export const TRUNCATED: { readonly truncated: true } = Object.freeze({ truncated: true });

/** What a printer prints besides the brief line's defaults (tcpdump's -v count and -e). */
export interface DecodeOptions {
  /** tcpdump -v, -vv, -vvv: 0 for the default line. */
  verbose: number;
  /** tcpdump -e: print the link-level header. */
  linkHeader: boolean;
  /**
   * The name of the interface with this index on the machine printing, as tcpdump's
   * if_indextoname (Linux cooked v2 lines start with it); undefined prints "?".
   */
  interfaceName: (index: number) => string | undefined;
  /** tcpdump -x (1) and -xx (2): the packet in hex after its text; 2 includes the link-level header. */
  hex: number;
  /** tcpdump -X (1) and -XX (2): hex and ASCII, as hex; wins over it as in tcpdump. */
  hexAscii: number;
  /** tcpdump -A (1) and -AA (2): the bytes as ASCII text, when neither -x nor -X is given. */
  ascii: number;
}

const noInterfaces = (): undefined => undefined;

/**
 * How deep a classification is: a deeper layer refines the family a shallower one
 * set, the outermost stack wins at each depth (a TCP packet inside GRE stays "gre").
 */
export const Depth = { LINK: 1, NET: 2, TRANSPORT: 3, APP: 4 } as const;

const MAX_SAVED = 64;

/**
 * One packet being printed, in the manner of tcpdump's netdissect_options: the bytes
 * and how far they may be read (snapend, narrowed by a header's own length and
 * restored after it), the protocol being printed (for ` [|proto]`), the text so far,
 * the options and the per-stream state. One instance per Decoder, reused for every
 * packet: printers keep nothing in it beyond the packet they print.
 *
 * Offsets are absolute indexes into buf. Every read goes through a method here that
 * checks it against snapend; a printer never indexes buf itself.
 */
export class Dissector {
  buf: Buffer = Buffer.alloc(0);
  /** Offset of the packet's first byte (tcpdump's ndo_packetp). */
  packetAt = 0;
  /** First offset that may not be read: the capture's end, or a header's end when narrower. */
  snapend = 0;
  /** The capture's end: snapend before any header narrowed it. */
  captureEnd = 0;
  private readonly savedEnds = new Int32Array(MAX_SAVED);
  private readonly addrs = new AddressCache();
  private depth = 0;
  /** Name printed in ` [|name]` when a read runs off the captured bytes. */
  protocol = '';
  /** The text printed so far (the line after the time stamp). */
  out = '';
  /** Length of out where its first line ends (newline() was called), -1 while it is one line. */
  firstLineEnd = -1;
  /** Bytes of link-level header, for the hex dump of -x (tcpdump's ndo_ll_hdr_len). */
  llHdrLen = 0;
  /** What the packet is, for per-family statistics: see classify(). */
  family = '';
  private familyDepth = 0;
  /** The innermost IP header printed so far: transports print its addresses. */
  ipAt = 0;
  ipVersion = 0;
  /** The datagram is a fragment (IPv4 MF or IPv6 fragment header). */
  ipFragmented = false;
  ipTtl = 0;
  /** Source and destination of the link layer (offsets of 6-byte MACs), -1 when it has none: LLC prints them. */
  linkSrcAt = -1;
  linkDstAt = -1;
  /** Ports of the innermost TCP/UDP header, for application printers that look at them. */
  srcPort = 0;
  dstPort = 0;
  verbose = 0;
  linkHeader = false;
  /** tcpdump's ndo_suppress_default_print (-x, -X, -q): no hex of unknown payloads after the line. */
  suppressDefaultPrint = false;
  readonly ifName: (index: number) => string | undefined;

  constructor(
    readonly state: StreamState,
    opts: Partial<DecodeOptions> = {},
  ) {
    this.verbose = opts.verbose ?? 0;
    this.linkHeader = opts.linkHeader ?? false;
    this.ifName = opts.interfaceName ?? noInterfaces;
    // tcpdump: -x and -X print the bytes themselves, so printers print no hex of unknown payloads.
    this.suppressDefaultPrint = (opts.hex ?? 0) > 0 || (opts.hexAscii ?? 0) > 0;
  }

  /** Starts a packet: buf[at, at + caplen) are the captured bytes (clamped to buf). */
  begin(buf: Buffer, at: number, caplen: number): void {
    this.buf = buf;
    if (at < 0) at = 0;
    let end = at + (caplen > 0 ? caplen : 0);
    if (!(end <= buf.length)) end = buf.length;
    if (at > end) at = end;
    this.packetAt = at;
    this.snapend = end;
    this.captureEnd = end;
    this.depth = 0;
    this.protocol = '';
    this.out = '';
    this.firstLineEnd = -1;
    this.llHdrLen = 0;
    this.family = '';
    this.familyDepth = 0;
    this.ipAt = at;
    this.ipVersion = 0;
    this.ipFragmented = false;
    this.ipTtl = 0;
    this.linkSrcAt = -1;
    this.linkDstAt = -1;
    this.srcPort = 0;
    this.dstPort = 0;
  }

  // ---- bounds ----

  /** True when len bytes from at were captured (tcpdump's ND_TTEST_LEN). */
  has(at: number, len: number): boolean {
    return at >= this.packetAt && len >= 0 && at + len <= this.snapend;
  }

  /** Throws TRUNCATED unless len bytes from at were captured (ND_TCHECK_LEN). */
  need(at: number, len: number): void {
    if (!(at >= this.packetAt && len >= 0 && at + len <= this.snapend)) throw TRUNCATED;
  }

  /** Captured bytes from at to snapend, 0 when at is past it (ND_BYTES_AVAILABLE_AFTER). */
  avail(at: number): number {
    return at < this.snapend ? this.snapend - at : 0;
  }

  /**
   * Narrows snapend to at + len when that is nearer (a header's length field says the
   * rest is padding); popEnd restores it. The Decoder drops what is left at packet end.
   */
  pushEnd(at: number, len: number): void {
    if (this.depth === MAX_SAVED) throw TRUNCATED;
    this.savedEnds[this.depth++] = this.snapend;
    if (len >= 0 && at + len < this.snapend) this.snapend = at + len;
  }

  /** Resets the narrowing of the last pushEnd to at + len, bounded by the end before it (nd_change_snaplen). */
  changeEnd(at: number, len: number): void {
    const prev = this.depth > 0 ? this.savedEnds[this.depth - 1] : this.snapend;
    if (len >= 0 && at + len <= prev) this.snapend = at + len;
  }

  popEnd(): void {
    if (this.depth > 0) this.snapend = this.savedEnds[--this.depth];
  }

  /** Drops every narrowing (a printer that stopped early left some): reads go to the capture's end again. */
  endPacket(): void {
    this.depth = 0;
    this.snapend = this.captureEnd;
  }

  // ---- reads (big-endian unless named otherwise) ----

  u8(at: number): number {
    if (!(at >= this.packetAt && at < this.snapend)) throw TRUNCATED;
    return this.buf[at];
  }

  u16(at: number): number {
    if (!(at >= this.packetAt && at + 2 <= this.snapend)) throw TRUNCATED;
    return (this.buf[at] << 8) | this.buf[at + 1];
  }

  u24(at: number): number {
    if (!(at >= this.packetAt && at + 3 <= this.snapend)) throw TRUNCATED;
    const b = this.buf;
    return (b[at] << 16) | (b[at + 1] << 8) | b[at + 2];
  }

  u32(at: number): number {
    if (!(at >= this.packetAt && at + 4 <= this.snapend)) throw TRUNCATED;
    const b = this.buf;
    return b[at] * 0x1000000 + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);
  }

  /** 64 bits, as a bigint (rare: sequence numbers, keys). */
  u64(at: number): bigint {
    if (!(at >= this.packetAt && at + 8 <= this.snapend)) throw TRUNCATED;
    return (BigInt(this.u32(at)) << 32n) | BigInt(this.u32(at + 4));
  }

  le16(at: number): number {
    if (!(at >= this.packetAt && at + 2 <= this.snapend)) throw TRUNCATED;
    return this.buf[at] | (this.buf[at + 1] << 8);
  }

  le32(at: number): number {
    if (!(at >= this.packetAt && at + 4 <= this.snapend)) throw TRUNCATED;
    const b = this.buf;
    return b[at + 3] * 0x1000000 + ((b[at + 2] << 16) | (b[at + 1] << 8) | b[at]);
  }

  // ---- addresses (bounds-checked, as GET_IPADDR_STRING and friends) ----

  ipv4(at: number): string {
    if (!(at >= this.packetAt && at + 4 <= this.snapend)) throw TRUNCATED;
    return this.addrs.ipv4(this.buf, at);
  }

  ipv6(at: number): string {
    if (!(at >= this.packetAt && at + 16 <= this.snapend)) throw TRUNCATED;
    return this.addrs.ipv6(this.buf, at);
  }

  /**
   * "src.sport > dst.dport: " of the innermost IP header (see AddressCache.endpoints);
   * the caller has checked that the header is the transport's own (its next header).
   */
  endpoints(sport: number, dport: number): string {
    const ip = this.ipAt;
    const v6 = this.ipVersion === 6;
    if (v6) this.need(ip + 8, 32);
    else this.need(ip + 12, 8);
    return this.addrs.endpoints(this.buf, ip, v6, sport, dport);
  }

  mac(at: number): string {
    this.need(at, 6);
    return macText(this.buf, at, 6);
  }

  /** A link address of any length, colon-separated hex. */
  linkAddr(at: number, len: number): string {
    this.need(at, len);
    return macText(this.buf, at, len);
  }

  // ---- output ----

  print(s: string): void {
    this.out += s;
  }

  /**
   * Ends a line (tcpdump's "\n" in a format): the brief line is the text before the
   * first one. Printers never put "\n" in print(); the hostile tests make sure.
   */
  newline(): void {
    if (this.firstLineEnd < 0) this.firstLineEnd = this.out.length;
    this.out += '\n';
  }

  /** A line break and indentation written as one string in tcpdump ("\n\t"): newline() and the rest. */
  printBreak(s: string): void {
    if (s.charCodeAt(0) === 10) {
      this.newline();
      this.out += s.slice(1);
    } else this.out += s;
  }

  /** tcpdump's nd_print_trunc: ` [|proto]`, printing goes on. */
  printTrunc(): void {
    this.out += ' [|' + this.protocol + ']';
  }

  /** tcpdump's nd_print_invalid. */
  printInvalid(): void {
    this.out += ' (invalid)';
  }

  /** Stops the packet here as a truncated one (tcpdump's nd_trunc_longjmp). */
  trunc(): never {
    throw TRUNCATED;
  }

  /** Records what the packet is, at depth: see Depth. */
  classify(depth: number, name: string): void {
    if (depth > this.familyDepth) {
      this.familyDepth = depth;
      this.family = name;
    }
  }
}
