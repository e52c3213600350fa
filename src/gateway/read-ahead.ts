import type { FileHandle } from 'node:fs/promises';
import { BufferPool } from './buffer-pool.js';

/**
 * How much one read-ahead reads at once. OpenSSH's sftp asks 32 KiB per READ (64 in
 * flight): a file read per request was 6,400 trips through libuv's thread pool for 200 MiB,
 * the largest single cost of the gateway's SFTP (a third of its main thread).
 */
export const BLOCK = 1024 * 1024;
/** Blocks kept for reuse by the whole gateway: 8. */
const blocks = new BufferPool(BLOCK, 8);

/**
 * Read-ahead blocks one SSH connection may hold, all its SFTP handles together: the block
 * being served, the next one, and one still being copied from. What they hold counts in
 * the connection's outflow, and stays well below its cap, so waiting READs never wait on
 * blocks only they would free.
 */
export class ReadAheadBudget {
  private used = 0;
  private readonly readers = new Set<ReadAhead>();

  constructor(readonly max = 3) {}

  /** Bytes held in blocks (the connection's outflow counts them). */
  bytes(): number {
    return this.used * BLOCK;
  }

  /** A block for `who`; when none is left, idle blocks of the connection's other handles are taken back first. */
  take(who: ReadAhead): boolean {
    if (this.used >= this.max) for (const r of this.readers) if (r !== who && this.used >= this.max) r.shed();
    if (this.used >= this.max) return false;
    this.used++;
    return true;
  }

  give(): void {
    if (this.used > 0) this.used--;
  }

  join(r: ReadAhead): void {
    this.readers.add(r);
  }

  leave(r: ReadAhead): void {
    this.readers.delete(r);
  }
}

interface Block {
  start: number;
  size: number;
  buf: Buffer;
  /** 'reading' while the file read writes into buf; 'returned' once buf went back. */
  state: 'reading' | 'read' | 'failed' | 'returned';
  /** Bytes read: less than size at the end of the file. */
  bytes: number;
  ready: Promise<void>;
  /** Replies still copying from it. */
  users: number;
  /** No longer in the cache: its buffer goes back once the read is over and the last user is done. */
  evicted: boolean;
}

/** A READ served from a block: `data` is null when the block cannot serve it (read it directly then). */
export interface Lease {
  data: Promise<Buffer | null>;
  /** After the bytes were copied into the reply. */
  release(): void;
}

/**
 * Sequential reads of one open file, served from large blocks read ahead: a client reading
 * a file from start to end (OpenSSH's sftp, fwctl) costs one file read per BLOCK instead of
 * one per request. A request that is not the continuation of the previous one, or that the
 * blocks do not cover, is not served here (the caller reads it directly, as before). Blocks
 * hold bytes read moments earlier: files in the capture dir are only appended to or
 * replaced (a new inode), never rewritten in place.
 */
export class ReadAhead {
  /** In file order; at most the block being served and the one after it. */
  private blocks: Block[] = [];
  /** Where the previous request ended: a request starting there is sequential. */
  private expected = 0;
  private closed = false;

  constructor(
    private readonly file: FileHandle,
    private readonly budget: ReadAheadBudget,
  ) {
    budget.join(this);
  }

  lease(offset: number, len: number): Lease | null {
    const sequential = offset === this.expected;
    this.expected = offset + len;
    if (this.closed) return null;
    const size = blockSize(len);
    let at = this.blocks.findIndex((b) => offset >= b.start && offset + len <= b.start + b.size);
    if (at < 0) {
      if (!sequential || size === 0) return null;
      // A new run: what was cached belongs to another place in the file.
      this.evict(this.blocks.length);
      if (!this.load(offset, size)) return null;
      at = 0;
    }
    // Blocks before this one are behind the reader for good.
    this.evict(at);
    const b = this.blocks[0]!;
    const short = b.state !== 'reading' && b.bytes < b.size;
    if (sequential && this.blocks.length === 1 && size > 0 && !short) this.load(b.start + b.size, b.size);
    b.users++;
    let released = false;
    return {
      data: b.ready.then(() => (b.state === 'read' && offset + len <= b.start + b.bytes ? b.buf.subarray(offset - b.start, offset - b.start + len) : null)),
      release: () => {
        if (released) return;
        released = true;
        b.users--;
        this.recycle(b);
      },
    };
  }

  /** Drops the blocks no reply is copying from (another handle of the connection needs one). */
  shed(): void {
    const keep: Block[] = [];
    for (const b of this.blocks) {
      if (b.users === 0 && b.state !== 'reading') this.drop(b);
      else keep.push(b);
    }
    this.blocks = keep;
  }

  /** The handle is closed: blocks go back as soon as no reply uses them. */
  close(): void {
    this.closed = true;
    this.evict(this.blocks.length);
    this.budget.leave(this);
  }

  private load(start: number, size: number): boolean {
    if (!this.budget.take(this)) return false;
    const buf = blocks.take();
    const b: Block = { start, size, buf, state: 'reading', bytes: 0, ready: Promise.resolve(), users: 0, evicted: false };
    b.ready = this.file.read(buf, 0, size, start).then(
      ({ bytesRead }) => {
        b.state = 'read';
        b.bytes = bytesRead;
        this.recycle(b);
      },
      () => {
        // Not served from here: the direct read of each request says what is wrong.
        b.state = 'failed';
        this.blocks = this.blocks.filter((x) => x !== b);
        this.drop(b);
      },
    );
    this.blocks.push(b);
    return true;
  }

  private evict(count: number): void {
    for (const b of this.blocks.splice(0, count)) this.drop(b);
  }

  private drop(b: Block): void {
    b.evicted = true;
    this.recycle(b);
  }

  private recycle(b: Block): void {
    if (!b.evicted || b.users > 0 || b.state === 'reading' || b.state === 'returned') return;
    b.state = 'returned';
    this.budget.give();
    blocks.give(b.buf);
  }
}

/** A whole number of requests of this length per block, so that a steady reader never straddles two. */
function blockSize(len: number): number {
  if (len <= 0 || len > BLOCK / 2) return 0;
  return Math.floor(BLOCK / len) * len;
}
