const CHUNK = 1024 * 1024;

/**
 * Output gathered into 1 MiB chunks, so a writer's sink is called rarely. Each chunk handed
 * to the sink is a fresh Buffer the sink may keep; a record larger than a chunk gets a chunk
 * of its own size.
 */
export class Chunks {
  buf = Buffer.allocUnsafe(CHUNK);
  /** Bytes of buf already written; the caller advances it after writing at this offset. */
  used = 0;

  constructor(private readonly sink: (chunk: Buffer) => void) {}

  /** Makes room for n bytes at `used`, flushing first if they do not fit; returns the buffer to write into. */
  reserve(n: number): Buffer {
    if (this.used + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
    }
    return this.buf;
  }

  /** Hands what is buffered to the sink. */
  flush(): void {
    if (this.used === 0) return;
    const out = this.buf.subarray(0, this.used);
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.used = 0;
    this.sink(out);
  }
}
