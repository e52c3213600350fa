import type { SourceEvents } from '../../src/capture/source.js';

export interface Rec {
  tsUs: number;
  capLen: number;
  origLen: number;
  data: Buffer;
}

/** Splits chunk[start, end) into records, copying each (tests keep them). Throws on a partial record. */
export function splitRecords(chunk: Buffer, start: number, end: number, out: Rec[] = []): Rec[] {
  let off = start;
  while (off < end) {
    if (off + 16 > end) throw new Error(`partial header at ${off}`);
    const capLen = chunk.readUInt32LE(off + 8);
    if (off + 16 + capLen > end) throw new Error(`partial record at ${off}`);
    out.push({
      tsUs: chunk.readUInt32LE(off) * 1e6 + Math.floor(chunk.readUInt32LE(off + 4) / 1000),
      capLen,
      origLen: chunk.readUInt32LE(off + 12),
      data: Buffer.from(chunk.subarray(off + 16, off + 16 + capLen)),
    });
    off += 16 + capLen;
  }
  return out;
}

/** Events that keep every record and the end reason. */
export function collector(): SourceEvents & { recs: Rec[]; ended: string | undefined | null; calls: number } {
  const c = {
    recs: [] as Rec[],
    ended: null as string | undefined | null,
    calls: 0,
    records(chunk: Buffer, start: number, end: number) {
      c.calls++;
      splitRecords(chunk, start, end, c.recs);
    },
    end(error?: string) {
      c.ended = error;
    },
  };
  return c;
}
