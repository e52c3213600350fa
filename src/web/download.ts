import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import contentDisposition from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import rangeParser from 'range-parser';

/** Why a file is not served: the status and the one line the client gets. */
export class DownloadError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A name the capture directory's listing could show: no path, no hidden file (the manifest,
 * temp files), nothing a file system would take as a directory step.
 */
export function checkFileName(name: string): void {
  if (name === '' || name.length > 255) throw new DownloadError(400, 'a file name of 1 to 255 characters, please');
  if (name.includes('/') || name.includes('\\') || name.includes('\0')) throw new DownloadError(400, `"${name.slice(0, 64)}" is a path; only files of the capture directory are served`);
  if (name.startsWith('.')) throw new DownloadError(404, `no file ${name.slice(0, 64)} in the capture directory`);
}

/**
 * Opens one file of the capture directory without a race: the name has no '/', so the file
 * is a direct entry of the directory; O_NOFOLLOW refuses a symbolic link put there, and the
 * checks are made on the open descriptor (fstat), so what is checked is what is sent.
 */
export async function openInDir(dir: string, name: string): Promise<{ file: FileHandle; st: Stats }> {
  checkFileName(name);
  let file: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO put there must not hang the request.
    file = await open(join(dir, name), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DownloadError(404, `no file ${name} in the capture directory`);
    if (code === 'ELOOP') throw new DownloadError(404, `${name} is a symbolic link: only regular files are served`);
    if (code === 'EACCES' || code === 'EPERM') throw new DownloadError(403, `${name}: permission denied`);
    throw new DownloadError(500, `${name}: ${code ?? (err as Error).message}`);
  }
  const st = await file.stat();
  if (!st.isFile()) {
    await file.close();
    throw new DownloadError(404, `${name} is not a regular file: only regular files are served`);
  }
  return { file, st };
}

export function etagOf(st: Stats): string {
  return `"${st.ino.toString(36)}-${st.size.toString(36)}-${Math.floor(st.mtimeMs).toString(36)}"`;
}

function mediaType(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith('.pcapng')) return 'application/x-pcapng';
  if (lower.endsWith('.pcap') || lower.endsWith('.cap')) return 'application/vnd.tcpdump.pcap';
  return 'application/octet-stream';
}

/**
 * Whether a Range may be honoured: without If-Range always; with it, only when the file is
 * still the one the client started from (its strong ETag, or its exact Last-Modified date),
 * so a resumed download never splices two different files.
 */
function rangeStillValid(ifRange: string | string[] | undefined, st: Stats): boolean {
  if (ifRange === undefined) return true;
  if (typeof ifRange !== 'string') return false;
  const v = ifRange.trim();
  if (v.startsWith('"')) return v === etagOf(st);
  if (v.startsWith('W/')) return false;
  const t = Date.parse(v);
  return Number.isFinite(t) && t === Math.floor(st.mtimeMs / 1000) * 1000;
}

export interface Sent {
  status: number;
  /** The bytes asked for ([start, end], inclusive), or null for the whole file. */
  range: { start: number; end: number } | null;
  size: number;
}

/**
 * Answers a GET or HEAD of a capture file: 200 with the whole file, 206 with one range
 * (resuming a download), 416 for a range past the end. A malformed Range, or several
 * ranges, get the whole file (RFC 9110 lets a server ignore Range). `done` is told how
 * much went out once the response is over (or cut off).
 */
export async function sendFile(req: FastifyRequest, reply: FastifyReply, dir: string, name: string, done: (sent: Sent, bytes: number, complete: boolean) => void): Promise<FastifyReply> {
  const { file, st } = await openInDir(dir, name);
  const size = st.size;
  reply
    .header('accept-ranges', 'bytes')
    .header('etag', etagOf(st))
    .header('last-modified', new Date(st.mtimeMs).toUTCString())
    .header('cache-control', 'private, no-cache')
    .header('content-disposition', contentDisposition(name))
    .type(mediaType(name));
  let range: { start: number; end: number } | null = null;
  const header = req.headers.range;
  if (header !== undefined && rangeStillValid(req.headers['if-range'], st)) {
    const parsed = rangeParser(size, header, { combine: true });
    if (parsed === -1) {
      await file.close();
      done({ status: 416, range: null, size }, 0, false);
      return reply
        .code(416)
        .header('content-range', `bytes */${size}`)
        .type('application/json')
        .send({ error: `range "${header.slice(0, 64)}" is past the end of ${name} (${size} bytes)` });
    }
    if (parsed !== -2 && parsed.type === 'bytes' && parsed.length === 1) range = parsed[0];
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  reply.code(range ? 206 : 200).header('content-length', String(length));
  if (range) reply.header('content-range', `bytes ${start}-${end}/${size}`);
  const sent: Sent = { status: range ? 206 : 200, range, size };
  if (req.method === 'HEAD' || length === 0) {
    await file.close();
    done(sent, 0, true);
    // No payload: the Content-Length above stands (a HEAD tells the size without reading the file).
    return reply.send();
  }
  const stream = file.createReadStream({ start, end, autoClose: true });
  reply.raw.once('close', () => {
    done(sent, stream.bytesRead, reply.raw.writableFinished);
    stream.destroy();
  });
  return reply.send(stream);
}
