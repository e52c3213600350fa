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
 * returned with the counts so far, so nothing read is lost.
 */
export function readCaptureFile(path: string, filter: Filter, onMatch?: (p: PacketView) => void, limit = 0): ReadResult {
  return readAll(openCaptureFile(path), filter, onMatch, limit);
}

/** readCaptureFile over an opened reader, which it closes. */
function readAll(reader: CaptureFileReader, filter: Filter, onMatch: ((p: PacketView) => void) | undefined, limit: number): ReadResult {
  const result: ReadResult = { packets: 0, matched: 0 };
  const empty = isEmptyFilter(filter);
  // A pcapng file may mix link types: one compiled predicate per type, made on first sight.
  const predicates = new Map<number, Predicate>();
  let lastType = -1;
  let predicate: Predicate | undefined;
  try {
    for (;;) {
      let p: PacketView | null;
      try {
        p = reader.next();
      } catch (err) {
        if (result.packets === 0) throw err;
        result.error = err as Error;
        break;
      }
      if (p === null) break;
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
        if (!predicate!(p.buf, p.offset, p.capLen)) continue;
      }
      result.matched++;
      onMatch?.(p);
      if (result.matched === limit) break;
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
      if (result.packets === 0) throw err;
      result.error = err as Error;
    }
  } finally {
    reader.close();
  }
  return result;
}
