import { randomBytes } from 'node:crypto';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BLOCK, ReadAhead, ReadAheadBudget } from '../../src/gateway/read-ahead.js';
import { tempDir } from './harness.js';

/** A file handle whose reads are counted: what the read-ahead saves is file reads. */
function counted(file: FileHandle): { file: FileHandle; reads: () => number } {
  let n = 0;
  const proxy = {
    read: (...args: Parameters<FileHandle['read']>) => {
      n++;
      return file.read(...args);
    },
  } as unknown as FileHandle;
  return { file: proxy, reads: () => n };
}

/** What a READ gets: from a block, or null (the caller reads it directly). */
async function served(ahead: ReadAhead, offset: number, len: number): Promise<Buffer | null> {
  const lease = ahead.lease(offset, len);
  if (!lease) return null;
  const data = await lease.data;
  const copy = data && Buffer.from(data);
  lease.release();
  return copy;
}

describe('SFTP read-ahead: sequential READs served from large blocks, bounded per connection', () => {
  const dir = tempDir('read-ahead');
  const path = join(dir, 'f.cap');
  const content = randomBytes(5 * BLOCK + 12_345);
  const opened: FileHandle[] = [];
  const openFile = async () => {
    const f = await open(path, 'r');
    opened.push(f);
    return f;
  };
  beforeAll(() => writeFileSync(path, content));
  afterAll(async () => {
    for (const f of opened) await f.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('OpenSSH-style 32 KiB READs from start to end: the right bytes, one file read per MiB', async () => {
    const { file, reads } = counted(await openFile());
    const budget = new ReadAheadBudget();
    const ahead = new ReadAhead(file, budget);
    const len = 32 * 1024;
    const got: Buffer[] = [];
    for (let off = 0; off < content.length; off += len) {
      const b = await served(ahead, off, len);
      // The last request runs past the end: left to a direct read, which says how much there is.
      if (off + len > content.length) expect(b).toBeNull();
      else got.push(b!);
      expect(budget.bytes()).toBeLessThanOrEqual(budget.max * BLOCK);
    }
    const whole = Math.floor(content.length / len) * len;
    expect(Buffer.concat(got).equals(content.subarray(0, whole))).toBe(true);
    // 166 requests; 6 blocks and at most one read-ahead past the end.
    expect(reads()).toBeLessThanOrEqual(7);
    ahead.close();
    await new Promise((r) => setTimeout(r, 10));
    expect(budget.bytes()).toBe(0);
  });

  test('many READs in flight at once (as clients pipeline them): each gets its own bytes', async () => {
    const budget = new ReadAheadBudget();
    const ahead = new ReadAhead(await openFile(), budget);
    const len = 255 * 1024;
    const offsets = Array.from({ length: 16 }, (_, i) => i * len);
    const leases = offsets.map((off) => ({ off, lease: ahead.lease(off, len) }));
    let fromBlocks = 0;
    for (const { off, lease } of leases) {
      if (!lease) continue; // beyond what the budget holds: read directly
      const data = await lease.data;
      if (data) {
        fromBlocks++;
        expect(data.equals(content.subarray(off, off + len))).toBe(true);
      }
      lease.release();
    }
    expect(fromBlocks).toBeGreaterThanOrEqual(8);
    ahead.close();
  });

  test('READs out of sequence are not served from blocks (no 1 MiB read for a 1-byte peek)', async () => {
    const { file, reads } = counted(await openFile());
    const ahead = new ReadAhead(file, new ReadAheadBudget());
    expect(ahead.lease(3 * BLOCK + 7, 1)).toBeNull();
    expect(ahead.lease(17, 4096)).toBeNull();
    expect(reads()).toBe(0);
    ahead.close();
  });

  test('two handles of one connection share its blocks; an idle handle gives its blocks up', async () => {
    const budget = new ReadAheadBudget(2);
    const a = new ReadAhead(await openFile(), budget);
    const b = new ReadAhead(await openFile(), budget);
    expect((await served(a, 0, 64 * 1024))!.equals(content.subarray(0, 64 * 1024))).toBe(true);
    expect(budget.bytes()).toBe(2 * BLOCK);
    // a is idle now: b takes its blocks back rather than go without.
    expect((await served(b, 0, 64 * 1024))!.equals(content.subarray(0, 64 * 1024))).toBe(true);
    expect(budget.bytes()).toBeLessThanOrEqual(2 * BLOCK);
    a.close();
    b.close();
    await new Promise((r) => setTimeout(r, 10));
    expect(budget.bytes()).toBe(0);
  });

  test('a file that grows: bytes past what a block saw are read afresh, never stale or missing', async () => {
    const growing = join(dir, 'growing.cap');
    const first = randomBytes(100_000);
    writeFileSync(growing, first);
    const f = await open(growing, 'r');
    opened.push(f);
    const ahead = new ReadAhead(f, new ReadAheadBudget());
    const len = 32 * 1024;
    expect((await served(ahead, 0, len))!.equals(first.subarray(0, len))).toBe(true);
    const more = randomBytes(200_000);
    appendFileSync(growing, more);
    // 98,304..131,072 was past the end when the block was read: not served from it.
    for (let off = len; off + len <= first.length; off += len) expect((await served(ahead, off, len))!.equals(first.subarray(off, off + len))).toBe(true);
    expect(await served(ahead, 3 * len, len)).toBeNull();
    ahead.close();
  });
});
