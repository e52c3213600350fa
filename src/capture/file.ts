import { closeSync, constants, fstatSync, openSync, read, readSync } from 'node:fs';
import { openCapture, type CaptureReader } from '../pcap/reader.js';
import type { AsyncByteSource, ByteSource } from '../pcap/types.js';

const reasons: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  EIO: 'Input/output error',
  EMFILE: 'Too many open files',
  ENOTREG: 'Not a regular file',
};

/** `<path>: <reason>` in the words of strerror, one line, for any fs failure. */
function fsError(path: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const why = (code && reasons[code]) ?? (e instanceof Error ? e.message : String(e));
  return new Error(`${path}: ${why}`);
}

export type CaptureFileReader = CaptureReader & { close(): void };

export interface OpenFileOptions {
  /**
   * Only a regular file, reached without a symbolic link at the last step and without
   * blocking on a FIFO: for files in a directory others may write to.
   */
  regularOnly?: boolean;
  /**
   * Counting reads ahead: while one chunk is tested the next is read on libuv's thread
   * pool (scanAsync). Only for a file read to its end or to a limit by scanAsync.
   */
  readAhead?: boolean;
}

/** Opens a pcap or pcapng file for streaming reads (constant memory). Throws one clear line on failure. */
export function openCaptureFile(path: string, opts: OpenFileOptions = {}): CaptureFileReader {
  let fd: number;
  try {
    fd = opts.regularOnly ? openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK) : openSync(path, 'r');
    const st = fstatSync(fd);
    if (st.isDirectory() || (opts.regularOnly && !st.isFile())) {
      closeSync(fd);
      throw Object.assign(new Error(st.isDirectory() ? 'is a directory' : 'not a regular file'), { code: st.isDirectory() ? 'EISDIR' : 'ENOTREG' });
    }
  } catch (e) {
    throw fsError(path, e);
  }
  const source: ByteSource = (buf, off, len, position) => {
    try {
      return readSync(fd, buf, off, len, position);
    } catch (e) {
      throw fsError(path, e);
    }
  };
  const readAhead: AsyncByteSource = (buf, off, len, position) =>
    new Promise((resolve, reject) => {
      read(fd, buf, off, len, position, (e, got) => (e ? reject(fsError(path, e)) : resolve(got)));
    });
  let open = true;
  const close = (): void => {
    if (open) {
      open = false;
      closeSync(fd);
    }
  };
  let reader: CaptureReader;
  try {
    reader = openCapture(source, path, { readAhead: opts.readAhead ? readAhead : undefined });
  } catch (e) {
    close();
    throw e;
  }
  // The reader itself, so next() costs no extra call per packet.
  return Object.assign(reader, { close });
}
