import type { PacketView } from '../pcap/types.js';
import { PCAP_RECORD_HEADER, writeRecordHeader } from '../pcap/writer.js';

/** A position in the ring's stream of records: record number (as `pushed` counts) and its offset. */
export interface RingCursor {
  seq: number;
  offset: number;
}

export interface RingRead {
  /** Records buf[start, end): classic pcap, little-endian, nanoseconds. */
  buf: Buffer;
  start: number;
  end: number;
  records: number;
  /** Records overwritten before they could be read. */
  missed: number;
  next: RingCursor;
}

/**
 * Captured packets held as classic-pcap records (little-endian, nanoseconds) back to back in one
 * Buffer of exactly `sizeBytes`, so that writing a capture file is a file header plus at
 * most two copies, and showing packets reads them in place.
 *
 * Layout: a record never straddles the end of the buffer. When the next record does not
 * fit in the space left at the end, writing wraps to offset 0 and the tail gap is dead
 * space until the writer passes it again. Think of an endless byte stream in which that
 * gap is an unused filler: the ring always holds exactly the records that start within
 * the last `sizeBytes` bytes of the stream. Oldest records are overwritten first.
 *
 * When wrapped, records lie in [head, wrapEnd) then [0, tail); otherwise in [head, tail).
 */
export class RingBuffer {
  private readonly buf: Buffer;
  private readonly view: PacketView;
  private head = 0;
  private tail = 0;
  private wrapEnd = 0;
  private wrapped = false;
  private count = 0;
  private used = 0;
  private overwrittenCount = 0;
  private droppedCount = 0;
  private pushedCount = 0;

  constructor(sizeBytes: number, linkType: number) {
    if (!Number.isSafeInteger(sizeBytes) || sizeBytes < 0) {
      throw new RangeError(`ring size must be a whole number of bytes, got ${sizeBytes}`);
    }
    // alloc, not allocUnsafe: a small unsafe Buffer is a slice of a shared pool, and the
    // ring promises one region of exactly this size that nothing else writes into.
    this.buf = Buffer.alloc(sizeBytes);
    this.view = { linkType, interfaceId: 0, tsSec: 0, tsNsec: 0, capLen: 0, origLen: 0, buf: this.buf, offset: 0 };
  }

  get size(): number {
    return this.buf.length;
  }
  get linkType(): number {
    return this.view.linkType;
  }
  /** Packets stored now. */
  get packets(): number {
    return this.count;
  }
  /** Bytes of the stored records (headers included); the dead tail gap is not counted. */
  get usedBytes(): number {
    return this.used;
  }
  /** Packets pushed out by newer ones since the last clear(). */
  get overwritten(): number {
    return this.overwrittenCount;
  }
  /** Packets refused because their record is larger than the whole ring. */
  get dropped(): number {
    return this.droppedCount;
  }
  /** Packets accepted since the last clear(): always packets + overwritten. */
  get pushed(): number {
    return this.pushedCount;
  }

  /**
   * Stores one packet: capLen bytes of data from dataOffset, recorded with the wire length
   * origLen. Returns false (and counts it as dropped) when the record could never fit;
   * a packet is never cut to make it fit — cutting is the snap length's job, upstream.
   */
  push(tsSec: number, tsNsec: number, origLen: number, data: Uint8Array, dataOffset: number, capLen: number): boolean {
    if (
      !Number.isInteger(capLen) ||
      !Number.isInteger(dataOffset) ||
      capLen < 0 ||
      dataOffset < 0 ||
      dataOffset + capLen > data.length
    ) {
      throw new RangeError(`ring push: ${capLen} bytes at offset ${dataOffset} lie outside the ${data.length}-byte packet`);
    }
    const n = PCAP_RECORD_HEADER + capLen;
    if (n > this.buf.length) {
      this.droppedCount++;
      return false;
    }
    if (this.tail + n > this.buf.length) this.wrapToStart();
    if (this.wrapped) this.evictBefore(this.tail + n);

    const at = this.tail;
    writeRecordHeader(this.buf, at, tsSec, tsNsec, capLen, origLen);
    if (Buffer.isBuffer(data)) {
      data.copy(this.buf, at + PCAP_RECORD_HEADER, dataOffset, dataOffset + capLen);
    } else {
      // A plain Uint8Array: copy by hand, since subarray() would allocate a view per packet.
      const dst = at + PCAP_RECORD_HEADER;
      for (let i = 0; i < capLen; i++) this.buf[dst + i] = data[dataOffset + i];
    }
    this.tail = at + n;
    this.count++;
    this.used += n;
    this.pushedCount++;
    return true;
  }

  /**
   * Stores records that are already in the ring's layout, back to back in src[start, end) (a
   * capture source's batch), as push() would one by one, but copying each run of records that
   * fits before the end of the buffer at once: no work or allocation per packet beyond reading
   * its header. Stops at a record that runs past end. Returns the number of records taken
   * (stored, or dropped as too large for the ring).
   */
  pushRecords(src: Buffer, start: number, end: number): number {
    const size = this.buf.length;
    let off = start;
    let taken = 0;
    while (off + PCAP_RECORD_HEADER <= end) {
      const runStart = off;
      let runBytes = 0;
      let runCount = 0;
      while (off + PCAP_RECORD_HEADER <= end) {
        const n = PCAP_RECORD_HEADER + src.readUInt32LE(off + 8);
        if (off + n > end || n > size || this.tail + runBytes + n > size) break;
        runBytes += n;
        runCount++;
        off += n;
      }
      if (runCount > 0) {
        if (this.wrapped) this.evictBefore(this.tail + runBytes);
        src.copy(this.buf, this.tail, runStart, runStart + runBytes);
        this.tail += runBytes;
        this.count += runCount;
        this.used += runBytes;
        this.pushedCount += runCount;
        taken += runCount;
        continue;
      }
      const n = PCAP_RECORD_HEADER + src.readUInt32LE(off + 8);
      if (off + n > end) break;
      if (n > size) {
        this.droppedCount++;
        taken++;
        off += n;
        continue;
      }
      this.wrapToStart(); // the next record fits only from offset 0
    }
    return taken;
  }

  /** Calls fn for each stored packet, oldest first, with one reused view into the ring. Do not push from fn. */
  forEach(fn: (p: PacketView) => void): void {
    if (this.count === 0) return;
    if (this.wrapped) {
      this.visit(this.head, this.wrapEnd, fn);
      this.visit(0, this.tail, fn);
    } else {
      this.visit(this.head, this.tail, fn);
    }
  }

  /** Where the oldest stored record is: the start of a read that may span several turns of the event loop. */
  oldest(): RingCursor {
    return { seq: this.pushedCount - this.count, offset: this.head };
  }

  /**
   * Whole records from `cursor` on, up to the record numbered `until` (a `pushed` value) and
   * about `maxBytes` (at least one record), as one region of the ring: buf[start, end).
   * The ring may have taken packets since the cursor was made; records it overwrote in the
   * meantime are skipped and counted in `missed`. The region is valid until the next push.
   */
  readAt(cursor: RingCursor, until: number, maxBytes: number): RingRead {
    const oldestSeq = this.pushedCount - this.count;
    let { seq, offset } = cursor;
    let missed = 0;
    if (seq >= until) return { buf: this.buf, start: 0, end: 0, records: 0, missed, next: cursor };
    if (seq < oldestSeq) {
      missed = Math.min(oldestSeq, until) - seq;
      seq = oldestSeq;
      offset = this.head;
    }
    const last = Math.min(until, this.pushedCount);
    if (seq >= last) return { buf: this.buf, start: 0, end: 0, records: 0, missed, next: { seq: Math.max(seq, until), offset } };
    // Records never move: a record still stored is where the cursor says. Which region it
    // lies in decides where the region after it continues.
    const upper = this.wrapped && offset >= this.head;
    const regionEnd = upper ? this.wrapEnd : this.tail;
    const start = offset;
    let records = 0;
    while (seq < last && offset < regionEnd && (records === 0 || offset - start < maxBytes)) {
      offset += PCAP_RECORD_HEADER + this.buf.readUInt32LE(offset + 8);
      seq++;
      records++;
    }
    const end = offset;
    if (upper && offset >= this.wrapEnd) offset = 0;
    return { buf: this.buf, start, end, records, missed, next: { seq, offset } };
  }

  /** The stored records, oldest first, as 0, 1 or 2 views of the ring: a pcap file's body. */
  segments(): Buffer[] {
    if (this.count === 0) return [];
    if (this.wrapped) return [this.buf.subarray(this.head, this.wrapEnd), this.buf.subarray(0, this.tail)];
    return [this.buf.subarray(this.head, this.tail)];
  }

  /** Empties the ring and zeroes its counters; the buffer itself is kept. */
  clear(): void {
    this.head = this.tail = this.wrapEnd = 0;
    this.wrapped = false;
    this.count = this.used = 0;
    this.overwrittenCount = this.droppedCount = this.pushedCount = 0;
  }

  private visit(from: number, to: number, fn: (p: PacketView) => void): void {
    const v = this.view;
    const b = this.buf;
    for (let at = from; at < to; ) {
      v.tsSec = b.readUInt32LE(at);
      v.tsNsec = b.readUInt32LE(at + 4);
      v.capLen = b.readUInt32LE(at + 8);
      v.origLen = b.readUInt32LE(at + 12);
      v.offset = at + PCAP_RECORD_HEADER;
      at = v.offset + v.capLen;
      fn(v);
    }
  }

  /**
   * The next record does not fit before the end: the gap from tail to the end becomes
   * dead space, so any (older) records still beyond tail are overwritten with it.
   */
  private wrapToStart(): void {
    if (this.wrapped) {
      // Everything in [head, wrapEnd) lies beyond tail: all of it falls into the gap.
      while (this.count > 0 && this.head < this.wrapEnd) this.evictOldest();
      this.unwrap();
    }
    if (this.count === 0) {
      this.head = this.tail = 0;
      return;
    }
    this.wrapped = true;
    this.wrapEnd = this.tail;
    this.tail = 0;
  }

  /** Overwrites the oldest records of the upper region until [tail, end) is free. */
  private evictBefore(end: number): void {
    while (this.wrapped && this.head < end) {
      this.evictOldest();
      if (this.head >= this.wrapEnd) this.unwrap();
    }
  }

  /** The upper region is empty: what remains is [0, tail). */
  private unwrap(): void {
    this.wrapped = false;
    this.head = 0;
    this.wrapEnd = 0;
  }

  private evictOldest(): void {
    const n = PCAP_RECORD_HEADER + this.buf.readUInt32LE(this.head + 8); // incl_len
    this.head += n;
    this.used -= n;
    this.count--;
    this.overwrittenCount++;
  }
}
