import type { ByteSource } from './types.js';

export const DEFAULT_CHUNK = 1024 * 1024;

/**
 * A sliding window over a ByteSource: the readers parse records in place in one
 * reused chunk, so memory stays constant whatever the file size. A record larger
 * than the chunk grows it, but never beyond the limit the caller checked first.
 */
export class ByteWindow {
  buf: Buffer;
  /** Index in buf of the next unread byte. */
  start = 0;
  /** Index in buf one past the last valid byte. */
  end = 0;
  /** File position of buf[0]. */
  base = 0;
  private eof = false;

  constructor(
    private readonly source: ByteSource,
    chunkSize = DEFAULT_CHUNK,
  ) {
    this.buf = Buffer.allocUnsafe(chunkSize);
  }

  get position(): number {
    return this.base + this.start;
  }

  /**
   * Makes n bytes from start available in buf; returns how many are (less than n
   * only at the end of the data). Moves start, so earlier views are invalidated.
   */
  fill(n: number): number {
    let have = this.end - this.start;
    if (have >= n || this.eof) return Math.min(have, n);
    if (this.start + n > this.buf.length) {
      if (n > this.buf.length) {
        const bigger = Buffer.allocUnsafe(Math.max(n, this.buf.length * 2));
        this.buf.copy(bigger, 0, this.start, this.end);
        this.buf = bigger;
      } else {
        this.buf.copyWithin(0, this.start, this.end);
      }
      this.base += this.start;
      this.end -= this.start;
      this.start = 0;
    }
    while (have < n) {
      const got = this.source(this.buf, this.end, this.buf.length - this.end, this.base + this.end);
      if (!(got > 0)) {
        this.eof = true;
        break;
      }
      this.end += got;
      have += got;
    }
    return Math.min(have, n);
  }
}
