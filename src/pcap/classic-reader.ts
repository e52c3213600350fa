import { normalizeLinkType } from './linktype.js';
import { adjustSnapLen, maxSnapLenFor } from './snaplen.js';
import { CaptureFileError, type InterfaceInfo, type PacketView } from './types.js';
import { NEED_BYTES, ReadAheadWindow, type ByteWindow } from './window.js';
import type { CaptureReader, RecordTest, ScanCounts } from './reader.js';

const FILE_HEADER = 24;

/** Magic numbers as read big-endian from the first four bytes, and what each means. */
const MAGIC: Record<number, { little: boolean; nano: boolean; recordHeader: number }> = {
  0xa1b2c3d4: { little: false, nano: false, recordHeader: 16 },
  0xd4c3b2a1: { little: true, nano: false, recordHeader: 16 },
  0xa1b23c4d: { little: false, nano: true, recordHeader: 16 },
  0x4d3cb2a1: { little: true, nano: true, recordHeader: 16 },
  // Alexey Kuznetzov's patched libpcap: 8 more bytes per record (ifindex, protocol, pkt_type); libpcap reads it.
  0xa1b2cd34: { little: false, nano: false, recordHeader: 24 },
  0x34cdb2a1: { little: true, nano: false, recordHeader: 24 },
};
export const CLASSIC_MAGICS = new Set(Object.keys(MAGIC).map(Number));

/** How old writers stored caplen and len (sf-pcap.c: versions before 2.3 swapped them). */
const enum Lengths {
  NotSwapped,
  MaybeSwapped,
  Swapped,
}

export class ClassicReader implements CaptureReader {
  readonly format = 'pcap' as const;
  readonly interfaces: InterfaceInfo[];
  private readonly view: PacketView;
  private readonly little: boolean;
  private readonly nano: boolean;
  private readonly recordHeader: number;
  private readonly snapLen: number;
  private readonly maxCapLen: number;
  private readonly lengths: Lengths;

  constructor(
    private readonly win: ByteWindow,
    private readonly name: string,
  ) {
    const got = win.fill(FILE_HEADER);
    if (got < FILE_HEADER) {
      throw new CaptureFileError(name, got, `truncated pcap file header: ${FILE_HEADER} bytes needed, only ${got} present`);
    }
    const b = win.buf;
    const o = win.start;
    const kind = MAGIC[b.readUInt32BE(o)];
    this.little = kind.little;
    this.nano = kind.nano;
    this.recordHeader = kind.recordHeader;
    const u16 = (at: number) => (kind.little ? b.readUInt16LE(o + at) : b.readUInt16BE(o + at));
    const u32 = (at: number) => (kind.little ? b.readUInt32LE(o + at) : b.readUInt32BE(o + at));
    const major = u16(4);
    const minor = u16(6);
    if (major < 2) throw new CaptureFileError(name, 4, `archaic pcap savefile format (version ${major}.${minor})`);
    if (!((major === 2 && minor <= 4) || (major === 543 && minor === 0))) {
      throw new CaptureFileError(name, 4, `unsupported pcap savefile version ${major}.${minor}`);
    }
    this.lengths = major === 543 || minor < 3 ? Lengths.Swapped : minor === 3 ? Lengths.MaybeSwapped : Lengths.NotSwapped;
    // The top 6 bits carry FCS-length flags, not the link type (libpcap 1.10's LT_LINKTYPE mask),
    // so a fuzzed value in bits 16-25 stays an unknown link type, as tcpdump sees it.
    const linkType = normalizeLinkType(u32(20) & 0x03ffffff);
    this.snapLen = adjustSnapLen(linkType, u32(16));
    this.maxCapLen = maxSnapLenFor(linkType);
    this.interfaces = [{ linkType, snapLen: this.snapLen }];
    this.view = { linkType, interfaceId: 0, tsSec: 0, tsNsec: 0, capLen: 0, origLen: 0, buf: win.buf, offset: 0 };
    win.start += FILE_HEADER;
  }

  get position(): number {
    return this.win.position;
  }

  next(): PacketView | null {
    const win = this.win;
    const hl = this.recordHeader;
    if (win.end - win.start < hl) {
      const got = win.fill(hl);
      if (got === 0) return null;
      if (got < hl) {
        throw this.fail(win.position, `truncated record header: ${hl} bytes needed, only ${got} present (tcpdump: truncated dump file)`);
      }
    }
    let b = win.buf;
    let o = win.start;
    let sec: number, frac: number, capLen: number, origLen: number;
    // The fraction is signed, as libpcap reads it (struct pcap_timeval): tcpdump agrees on files that abuse it.
    // Plain byte arithmetic: Buffer.read*() validates its offset on every call, and this
    // runs once per packet (the window guarantees the 16 bytes are there).
    if (this.little) {
      sec = (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
      frac = b[o + 4] | (b[o + 5] << 8) | (b[o + 6] << 16) | (b[o + 7] << 24);
      capLen = (b[o + 8] | (b[o + 9] << 8) | (b[o + 10] << 16) | (b[o + 11] << 24)) >>> 0;
      origLen = (b[o + 12] | (b[o + 13] << 8) | (b[o + 14] << 16) | (b[o + 15] << 24)) >>> 0;
    } else {
      sec = ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
      frac = (b[o + 4] << 24) | (b[o + 5] << 16) | (b[o + 6] << 8) | b[o + 7];
      capLen = ((b[o + 8] << 24) | (b[o + 9] << 16) | (b[o + 10] << 8) | b[o + 11]) >>> 0;
      origLen = ((b[o + 12] << 24) | (b[o + 13] << 16) | (b[o + 14] << 8) | b[o + 15]) >>> 0;
    }
    if (this.lengths !== Lengths.NotSwapped && (this.lengths === Lengths.Swapped || capLen > origLen)) {
      const t = capLen;
      capLen = origLen;
      origLen = t;
    }
    if (capLen > this.maxCapLen) {
      const why = capLen > this.snapLen ? `snaplen of ${this.snapLen}` : `maximum of ${this.maxCapLen}`;
      throw this.fail(win.position, `invalid packet capture length ${capLen}, bigger than ${why}`);
    }
    const need = hl + capLen;
    if (win.end - win.start < need) {
      const got = win.fill(need);
      if (got < need) {
        throw this.fail(win.position, `truncated record: ${capLen} captured bytes announced, only ${got - hl} present (tcpdump: truncated dump file)`);
      }
      b = win.buf;
      o = win.start;
    }
    const v = this.view;
    const unit = this.nano ? 1_000_000_000 : 1_000_000;
    if (frac >= unit || frac < 0) {
      // Out-of-range fractions carry into the seconds. A negative ns fraction is first cut toward
      // zero to whole µs, as libpcap's ns-to-µs scaling does, so the µs times agree with tcpdump.
      if (this.nano && frac < 0) frac = -Math.floor(-frac / 1000) * 1000;
      const carry = Math.floor(frac / unit);
      sec += carry;
      frac -= carry * unit;
    }
    v.tsNsec = this.nano ? frac : frac * 1000;
    v.tsSec = sec;
    // A record longer than the snaplen (old Solaris bufmod, buggy writers): libpcap keeps the first snaplen bytes.
    v.capLen = capLen > this.snapLen ? this.snapLen : capLen;
    v.origLen = origLen;
    v.buf = b;
    v.offset = o + hl;
    win.start = o + need;
    return v;
  }

  /**
   * next() without the view, for counting: one loop over the window, reading only the
   * lengths (no time stamp), so that a large file is filtered at the speed of the test.
   * Each check is next()'s, in next()'s order.
   */
  scan(test: RecordTest, limit: number, counts: ScanCounts): void {
    for (;;) {
      const need = this.scanWindow(test, limit, counts);
      if (need === 0 || !this.refilled(need, this.win.fill(need))) return;
    }
  }

  /** scan() over a ReadAheadWindow: the next chunk is read while this one is tested. */
  async scanAsync(test: RecordTest, limit: number, counts: ScanCounts): Promise<void> {
    const win = this.win;
    if (!(win instanceof ReadAheadWindow)) return this.scan(test, limit, counts);
    try {
      win.readAhead();
      for (;;) {
        const need = this.scanWindow(test, limit, counts);
        if (need === 0 || !this.refilled(need, await win.fillAsync(need))) return;
      }
    } finally {
      await win.settle();
    }
  }

  /** CaptureReader.visitAsync: next() as it is, its fills turned into waits for the read ahead. */
  async visitAsync(visit: (p: PacketView) => boolean): Promise<void> {
    const win = this.win;
    if (!(win instanceof ReadAheadWindow)) {
      for (let p = this.next(); p !== null; p = this.next()) if (!visit(p)) return;
      return;
    }
    try {
      win.readAhead();
      win.deferFills = true;
      for (;;) {
        let p: PacketView | null;
        try {
          p = this.next();
        } catch (e) {
          if (e !== NEED_BYTES) throw e;
          // next() stopped before changing anything: the bytes it wanted, then the same call again.
          win.deferFills = false;
          await win.fillAsync(win.wanted);
          win.deferFills = true;
          continue;
        }
        if (p === null || !visit(p)) return;
      }
    } finally {
      win.deferFills = false;
      await win.settle();
    }
  }

  /**
   * After a fill for `need` bytes that gave `got`: true to go on, false at a clean end
   * (no byte of a next record), else next()'s error for a cut header or record.
   */
  private refilled(need: number, got: number): boolean {
    if (got >= need) return true;
    const hl = this.recordHeader;
    if (need === hl) {
      if (got === 0) return false;
      throw this.fail(this.win.position, `truncated record header: ${hl} bytes needed, only ${got} present (tcpdump: truncated dump file)`);
    }
    throw this.fail(this.win.position, `truncated record: ${need - hl} captured bytes announced, only ${got - hl} present (tcpdump: truncated dump file)`);
  }

  /**
   * Tests the records the window holds whole. Returns 0 when `limit` is reached, else how
   * many bytes from win.start the next record needs (its header, or header and data);
   * throws next()'s error for a capture length too large.
   */
  private scanWindow(test: RecordTest, limit: number, counts: ScanCounts): number {
    const win = this.win;
    const hl = this.recordHeader;
    const little = this.little;
    const lengths = this.lengths;
    const snapLen = this.snapLen;
    const maxCapLen = this.maxCapLen;
    const b = win.buf;
    const end = win.end;
    let o = win.start;
    let need = 0;
    for (;;) {
      if (end - o < hl) {
        need = hl;
        break;
      }
      let capLen: number, origLen: number;
      if (little) {
        capLen = (b[o + 8] | (b[o + 9] << 8) | (b[o + 10] << 16) | (b[o + 11] << 24)) >>> 0;
        origLen = (b[o + 12] | (b[o + 13] << 8) | (b[o + 14] << 16) | (b[o + 15] << 24)) >>> 0;
      } else {
        capLen = ((b[o + 8] << 24) | (b[o + 9] << 16) | (b[o + 10] << 8) | b[o + 11]) >>> 0;
        origLen = ((b[o + 12] << 24) | (b[o + 13] << 16) | (b[o + 14] << 8) | b[o + 15]) >>> 0;
      }
      if (lengths !== Lengths.NotSwapped && (lengths === Lengths.Swapped || capLen > origLen)) capLen = origLen;
      if (capLen > maxCapLen) {
        win.start = o;
        const why = capLen > snapLen ? `snaplen of ${snapLen}` : `maximum of ${maxCapLen}`;
        throw this.fail(win.position, `invalid packet capture length ${capLen}, bigger than ${why}`);
      }
      if (end - o < hl + capLen) {
        need = hl + capLen;
        break;
      }
      counts.packets++;
      const accepted = test(b, o + hl, capLen > snapLen ? snapLen : capLen);
      o += hl + capLen;
      if (accepted && ++counts.matched === limit) break;
    }
    win.start = o;
    return need;
  }

  private fail(offset: number, reason: string): CaptureFileError {
    return new CaptureFileError(this.name, offset, reason);
  }
}
