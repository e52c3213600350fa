import { compilePredicate, FilterError, isEmptyFilter, type Filter } from '../filter/index.js';
import { forEachRecord } from '../pcap/records.js';
import type { PacketView } from '../pcap/types.js';
import { PCAP_RECORD_HEADER } from '../pcap/writer.js';
import type { RingBuffer, RingCursor } from '../ring/ring-buffer.js';
import { UsageError } from './errors.js';

/** Packets as classic-pcap records (16-byte little-endian header with nanoseconds, then the data) in buf[start, end). */
export interface RecordBatch {
  buf: Buffer;
  start: number;
  end: number;
  /** Packets a running capture overwrote before this batch could be read. */
  missed: number;
}

export interface ShowSection {
  iface: string;
  device: string;
  linkType: number;
  /** Packets in the buffer when `show` ran. */
  packets: number;
  /** Of those, the ones the batches hold: all, or those the filter and -c chose. */
  shown: number;
  /**
   * The packets, oldest first, a batch at a time, so that a face can pace them to its
   * reader (a socket, an SSH channel) without holding them all. A batch is valid only
   * until the next one is asked for.
   */
  batches(): AsyncIterable<RecordBatch>;
}

/** About this much of a ring per batch of `show`: large enough to cost little per batch, small enough to pace. */
export const SHOW_BATCH_BYTES = 256 * 1024;

/** Visits every packet of a `show` section, oldest first; returns how many were overwritten before they were read. */
export async function eachPacket(section: ShowSection, fn: (p: PacketView) => void): Promise<number> {
  const view: PacketView = { linkType: section.linkType, interfaceId: 0, tsSec: 0, tsNsec: 0, capLen: 0, origLen: 0, buf: Buffer.alloc(0), offset: 0 };
  let missed = 0;
  for await (const b of section.batches()) {
    missed += b.missed;
    forEachRecord(b.buf, b.start, b.end, view, fn);
  }
  return missed;
}

type Test = (buf: Uint8Array, offset: number, capLen: number) => boolean;

/** A ring's records from `from` up to record `until`, read a batch at a time while the ring may go on filling. */
async function* ringBatches(ring: RingBuffer, from: RingCursor, until: number): AsyncGenerator<RecordBatch> {
  let cursor = from;
  for (;;) {
    const r = ring.readAt(cursor, until, SHOW_BATCH_BYTES);
    if (r.records === 0 && r.missed === 0) return;
    yield { buf: r.buf, start: r.start, end: r.end, missed: r.missed };
    if (r.records === 0) return;
    cursor = r.next;
  }
}

/**
 * ringBatches of the records `test` accepts: they are copied into a batch of their own
 * (the ring's regions hold the others too). Regions without a match yield nothing unless
 * packets were overwritten before them, which the face is told.
 */
async function* matchingBatches(ring: RingBuffer, from: RingCursor, until: number, test: Test): AsyncGenerator<RecordBatch> {
  let out = Buffer.allocUnsafe(SHOW_BATCH_BYTES);
  let cursor = from;
  for (;;) {
    const r = ring.readAt(cursor, until, SHOW_BATCH_BYTES);
    if (r.records === 0 && r.missed === 0) return;
    let end = 0;
    for (let at = r.start; at < r.end; ) {
      const n = PCAP_RECORD_HEADER + r.buf.readUInt32LE(at + 8);
      if (test(r.buf, at + PCAP_RECORD_HEADER, n - PCAP_RECORD_HEADER)) {
        if (end + n > out.length) out = Buffer.concat([out.subarray(0, end), Buffer.allocUnsafe(Math.max(n, out.length))]);
        r.buf.copy(out, end, at, at + n);
        end += n;
      }
      at += n;
    }
    if (end > 0 || r.missed > 0) yield { buf: out, start: 0, end, missed: r.missed };
    if (r.records === 0) return;
    cursor = r.next;
  }
}

/**
 * Walks the records [from, until) now, without yielding (nothing is pushed meanwhile):
 * calls visit with each record's cursor and whether test accepts it; visit returns false
 * to stop.
 */
function walk(ring: RingBuffer, from: RingCursor, until: number, test: Test | null, visit: (at: RingCursor, accepted: boolean) => boolean): void {
  let cursor = from;
  for (;;) {
    const r = ring.readAt(cursor, until, Number.MAX_SAFE_INTEGER);
    if (r.records === 0) return;
    let seq = r.next.seq - r.records;
    for (let at = r.start; at < r.end; seq++) {
      const capLen = r.buf.readUInt32LE(at + 8);
      if (!visit({ seq, offset: at }, test === null || test(r.buf, at + PCAP_RECORD_HEADER, capLen))) return;
      at += PCAP_RECORD_HEADER + capLen;
    }
    cursor = r.next;
  }
}

/** What `show` prints of one ring: where it starts, how many, and the batches. */
export interface RingSelection {
  shown: number;
  batches(): AsyncIterable<RecordBatch>;
}

/**
 * The packets of a ring that `show` prints: all of them, those the filter accepts, the
 * last `count` (0: no limit) of either, as tcpdump -c would keep them of a file read
 * backwards. The choice is made now; the batches read them later, while the ring may go
 * on filling. A filter that cannot apply to the ring's link type is a usage error naming
 * the interface.
 */
export function selectFromRing(ring: RingBuffer, iface: string, filter: Filter, count: number): RingSelection {
  const oldest = ring.oldest();
  const until = ring.pushed;
  const packets = until - oldest.seq;
  let test: Test | null = null;
  if (!isEmptyFilter(filter)) {
    try {
      test = compilePredicate(filter, ring.linkType);
    } catch (err) {
      if (err instanceof FilterError) throw new UsageError(`${iface}: ${err.message}`);
      throw err;
    }
  }
  let matched = packets;
  if (test !== null) {
    matched = 0;
    walk(ring, oldest, until, test, (_, accepted) => {
      if (accepted) matched++;
      return true;
    });
  }
  const shown = count > 0 && count < matched ? count : matched;
  let from = oldest;
  if (shown < matched) {
    // The first of the last `shown`: skip matched - shown accepted records.
    let skip = matched - shown;
    walk(ring, oldest, until, test, (at, accepted) => {
      if (!accepted) return true;
      if (skip-- > 0) return true;
      from = at;
      return false;
    });
  }
  const t = test;
  return { shown, batches: () => (t === null ? ringBatches(ring, from, until) : matchingBatches(ring, from, until, t)) };
}
