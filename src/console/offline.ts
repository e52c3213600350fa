import { openCaptureFile, type CaptureFileReader } from '../capture/file.js';
import { compilePredicate, isEmptyFilter, type Filter } from '../filter/index.js';
import type { PacketView } from '../pcap/types.js';

export interface ReadResult {
  /** Packets read from the file, matching or not. */
  packets: number;
  /** Packets the filter selected. */
  matched: number;
  /** Set when the file turned out malformed part-way: what was read before it still counts. */
  error?: Error;
}

type Predicate = (buf: Uint8Array, offset: number, capLen: number) => boolean;

/**
 * Streams a capture file through a filter, as `tcpdump -r FILE EXPR` does, stopping after
 * `limit` matching packets when it is not 0 (tcpdump -c). Opening errors (missing file,
 * bad magic, a filter that cannot apply) throw; an error after the first packet is
 * returned with the counts so far, so nothing read is lost. A classic pcap file's next
 * chunk is read on libuv's thread pool while the packets of one are handed to onMatch.
 */
export async function readCaptureFile(path: string, filter: Filter, onMatch?: (p: PacketView) => void, limit = 0): Promise<ReadResult> {
  const reader = openCaptureFile(path, { readAhead: true });
  if (reader.visitAsync === undefined) return readAll(reader, filter, onMatch, limit);
  const result: ReadResult = { packets: 0, matched: 0 };
  const take = taker(filter, result, onMatch, limit);
  // What onMatch throws (the output failing) is not the file's fault: it goes up as it is.
  let failed: { err: unknown } | undefined;
  const visit = (p: PacketView): boolean => {
    try {
      return take(p);
    } catch (err) {
      failed = { err };
      return false;
    }
  };
  try {
    try {
      await reader.visitAsync(visit);
    } catch (err) {
      keepOrThrow(result, err);
    }
  } finally {
    reader.close();
  }
  if (failed) throw failed.err;
  return result;
}

/** A fault before the first packet is the file's: thrown. After it, kept with the counts so far: nothing read is lost. */
function keepOrThrow(result: ReadResult, err: unknown): void {
  if (result.packets === 0) throw err;
  result.error = err as Error;
}

/**
 * What readAll does with each packet: counts it, tests it, hands a match to onMatch;
 * false once `limit` matches were taken.
 */
function taker(filter: Filter, result: ReadResult, onMatch: ((p: PacketView) => void) | undefined, limit: number): (p: PacketView) => boolean {
  const empty = isEmptyFilter(filter);
  // A pcapng file may mix link types: one compiled predicate per type, made on first sight.
  const predicates = new Map<number, Predicate>();
  let lastType = -1;
  let predicate: Predicate | undefined;
  return (p) => {
    result.packets++;
    if (!empty) {
      if (p.linkType !== lastType) {
        lastType = p.linkType;
        predicate = predicates.get(lastType);
        if (!predicate) {
          predicate = compilePredicate(filter, lastType);
          predicates.set(lastType, predicate);
        }
      }
      if (!predicate!(p.buf, p.offset, p.capLen)) return true;
    }
    result.matched++;
    onMatch?.(p);
    return result.matched !== limit;
  };
}

/** readCaptureFile over an opened reader, without reading ahead; closes the reader. */
function readAll(reader: CaptureFileReader, filter: Filter, onMatch: ((p: PacketView) => void) | undefined, limit: number): ReadResult {
  const result: ReadResult = { packets: 0, matched: 0 };
  const take = taker(filter, result, onMatch, limit);
  try {
    for (;;) {
      let p: PacketView | null;
      try {
        p = reader.next();
      } catch (err) {
        keepOrThrow(result, err);
        break;
      }
      if (p === null || !take(p)) break;
    }
  } finally {
    reader.close();
  }
  return result;
}

/**
 * How many packets of a capture file the filter selects, up to `limit` (0: all), as
 * `tcpdump -r FILE -w /dev/null EXPR` goes through them: errors as readCaptureFile's.
 * A classic pcap file is tested in the reader's own loop, reading ahead.
 */
export async function countCaptureFile(path: string, filter: Filter, limit = 0): Promise<ReadResult> {
  const reader = openCaptureFile(path, { readAhead: true });
  if (reader.scanAsync === undefined) return readAll(reader, filter, undefined, limit);
  const result: ReadResult = { packets: 0, matched: 0 };
  try {
    const test: Predicate = isEmptyFilter(filter) ? () => true : compilePredicate(filter, reader.interfaces[0].linkType);
    try {
      await reader.scanAsync(test, limit, result);
    } catch (err) {
      keepOrThrow(result, err);
    }
  } finally {
    reader.close();
  }
  return result;
}
