import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { openCapture, type CaptureReader } from '../pcap/reader.js';
import type { ByteSource } from '../pcap/types.js';

const reasons: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  EIO: 'Input/output error',
  EMFILE: 'Too many open files',
};

/** `<path>: <reason>` in the words of strerror, one line, for any fs failure. */
function fsError(path: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const why = (code && reasons[code]) ?? (e instanceof Error ? e.message : String(e));
  return new Error(`${path}: ${why}`);
}

export type CaptureFileReader = CaptureReader & { close(): void };

/** Opens a pcap or pcapng file for streaming reads (constant memory). Throws one clear line on failure. */
export function openCaptureFile(path: string): CaptureFileReader {
  let fd: number;
  try {
    fd = openSync(path, 'r');
    if (fstatSync(fd).isDirectory()) {
      closeSync(fd);
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
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
  let open = true;
  const close = (): void => {
    if (open) {
      open = false;
      closeSync(fd);
    }
  };
  let reader: CaptureReader;
  try {
    reader = openCapture(source, path);
  } catch (e) {
    close();
    throw e;
  }
  // The reader itself, so next() costs no extra call per packet.
  return Object.assign(reader, { close });
}
