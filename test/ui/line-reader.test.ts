import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { readLines, type Overlong } from '../../src/ui/line-reader.js';

async function all(chunks: (string | Buffer)[], max?: number): Promise<(string | Overlong)[]> {
  const out: (string | Overlong)[] = [];
  for await (const l of readLines(Readable.from(chunks, { objectMode: true }), max)) out.push(l);
  return out;
}

describe('readLines: lines of a byte stream, each capped', () => {
  test('splits on \\n and \\r\\n, across chunks, keeps a last line without newline', async () => {
    expect(await all(['sta', 'tus\nsh', 'ow\r', '\nwipe'])).toEqual(['status', 'show', 'wipe']);
    expect(await all(['\n\n'])).toEqual(['', '']);
  });

  test('a multi-byte character split between chunks arrives whole', async () => {
    const b = Buffer.from('start é0\n');
    expect(await all([b.subarray(0, 7), b.subarray(7)])).toEqual(['start é0']);
  });

  test('past the cap: the line is counted, not kept, and the next line is read as usual', async () => {
    expect(await all(['ab', 'cdef', 'g\nok\n'], 4)).toEqual([{ overlong: 7 }, 'ok']);
    expect(await all(['abcd\nabcde'], 4)).toEqual(['abcd', { overlong: 5 }]);
  });

  test('a 64 MB line with no newline costs a bounded amount of memory', async () => {
    const piece = 'x'.repeat(1 << 20);
    async function* endless() {
      for (let i = 0; i < 64; i++) yield piece;
      yield '\nstatus\n';
    }
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    const out: (string | Overlong)[] = [];
    for await (const l of readLines(endless(), 4096)) {
      out.push(l);
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(out).toEqual([{ overlong: 64 << 20 }, 'status']);
    // One 1 MB piece at a time, never the line.
    expect(peak).toBeLessThan(32 << 20);
  });
});
