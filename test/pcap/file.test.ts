import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCaptureFile } from '../../src/capture/file.js';
import { CaptureFileError } from '../../src/pcap/types.js';
import { bytes, classic } from './build.js';

const dir = mkdtempSync(join(tmpdir(), 'pcapdump-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openCaptureFile', () => {
  it('streams a file from disk', () => {
    const path = join(dir, 'a.pcap');
    const recs = Array.from({ length: 1000 }, (_, i) => ({ sec: i, frac: 0, data: bytes(1000, i) }));
    writeFileSync(path, classic({}, recs));
    const r = openCaptureFile(path);
    let n = 0;
    for (let p = r.next(); p; p = r.next()) {
      expect(p.buf.subarray(p.offset, p.offset + p.capLen).equals(recs[n].data)).toBe(true);
      n++;
    }
    expect(n).toBe(1000);
    r.close();
    r.close();
  });

  it('says what is wrong in one line: missing file, directory, not a capture', () => {
    expect(() => openCaptureFile(join(dir, 'nope.pcap'))).toThrow(new Error(`${join(dir, 'nope.pcap')}: No such file or directory`));
    expect(() => openCaptureFile(dir)).toThrow(new Error(`${dir}: Is a directory`));
    const text = join(dir, 'text.pcap');
    writeFileSync(text, 'hello world\n');
    let err: unknown;
    try {
      openCaptureFile(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CaptureFileError);
    expect((err as Error).message).toBe(`${text}: at byte 0: unknown file format (magic 0x68656c6c is neither pcap nor pcapng)`);
    expect((err as Error).message).not.toContain('\n');
  });
});
