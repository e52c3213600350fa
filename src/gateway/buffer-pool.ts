/**
 * Buffers of one size kept for reuse by the whole gateway, at most `keep` of them: a steady
 * download allocates none after its first, and what is kept stays a known amount.
 */
export class BufferPool {
  private readonly free: Buffer[] = [];

  constructor(
    readonly size: number,
    private readonly keep: number,
  ) {}

  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(this.size);
  }

  /** Back for reuse: nothing may refer to `buf` any more. One of another size is left to the GC. */
  give(buf: Buffer): void {
    if (buf.length === this.size && this.free.length < this.keep) this.free.push(buf);
  }
}
