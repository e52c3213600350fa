import { constants } from 'node:fs';
import { link, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { SFTPWrapper, Stats } from 'ssh2';
import { Exit, FwctlError } from './exit-codes.js';
import type { Progress } from './progress.js';

/**
 * Read size: the largest one SFTP message carries, 256 KiB less 2 KiB (what ssh2 asks of
 * OpenSSH's sftp-server in one request; our gateway answers up to 255 KiB). Per request
 * the client pays an SSH packet each way and a socket write: 32 KiB reads made that
 * fwctl's bottleneck (200 MiB from sshd: 0.75x OpenSSH sftp's speed with 32 KiB x 128,
 * about 1.0x with 254 KiB x 16, on a loaded 2-core machine).
 */
const CHUNK = 256 * 1024 - 2 * 1024;
/** Bytes asked for ahead: 16 of the largest reads. */
const AHEAD = 16 * CHUNK;
/** What our gateway answers in one READ (src/gateway/sftp.ts MAX_READ). */
const GATEWAY_MAX_READ = 255 * 1024;
/** Written data is pushed to disk in the background every so often, so the final fsync has little left to do. */
const SYNC_EVERY = 64 * 1024 * 1024;

/** The parts of ssh2's client SFTP (lib/protocol/SFTP.js) that sizing reads needs. */
interface SftpInternals {
  _maxReadLen: number;
  _client?: { _remoteVer?: string; _sock?: import('node:net').Socket };
}

/**
 * The read size to use with this server. ssh2 knows OpenSSH answers 254 KiB reads; of any
 * other server it asks 31 KiB at most, splitting larger reads into requests one after
 * another. Our gateway is told apart by its identification string.
 */
function readSize(sftp: SFTPWrapper): number {
  const s = sftp as unknown as SftpInternals;
  if (typeof s._maxReadLen !== 'number') return 32 * 1024;
  if (/^pcapdump-gateway\b/.test(s._client?._remoteVer ?? '') && s._maxReadLen < GATEWAY_MAX_READ) s._maxReadLen = GATEWAY_MAX_READ;
  return Math.min(CHUNK, s._maxReadLen);
}

const SFTP_NO_SUCH_FILE = 2;
const SFTP_PERMISSION_DENIED = 3;

function localError(path: string, err: unknown): FwctlError {
  return new FwctlError(Exit.LOCAL_WRITE, `cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
}

/** The file being written: hidden beside the destination, gone unless the download completes. */
export class PartFile {
  private constructor(
    readonly path: string,
    readonly file: FileHandle,
  ) {}

  /** Refuses an existing destination (unless force) and makes the temp file, before any network work. */
  static async create(destination: string, force: boolean): Promise<PartFile> {
    if (!force) {
      const exists = await open(destination, constants.O_RDONLY).then(
        (f) => f.close().then(() => true),
        (err: NodeJS.ErrnoException) => err.code !== 'ENOENT',
      );
      if (exists) throw new FwctlError(Exit.DEST_EXISTS, `${destination} exists: not overwritten (use --force)`);
    }
    const path = join(dirname(destination), `.${basename(destination)}.fwctl-${process.pid}.part`);
    try {
      return new PartFile(path, await open(path, 'wx', 0o644));
    } catch (err) {
      throw localError(destination, err);
    }
  }

  /** Makes the finished file the destination: fsync, then a no-clobber link (or rename with --force). */
  async commit(destination: string, force: boolean): Promise<void> {
    try {
      await this.file.sync();
      await this.file.close();
    } catch (err) {
      throw localError(destination, err);
    }
    try {
      if (force) await rename(this.path, destination);
      else {
        await link(this.path, destination);
        await unlink(this.path);
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new FwctlError(Exit.DEST_EXISTS, `${destination} appeared during the download: not overwritten (use --force)`);
      throw localError(destination, err);
    }
  }

  /** Removes the temp file; safe to call more than once, and after commit. */
  discard(): Promise<void> {
    return this.file
      .close()
      .catch(() => undefined)
      .then(() => unlink(this.path))
      .catch(() => undefined);
  }
}

function remoteFailure(source: string, err: { code?: number; message: string }): FwctlError {
  if (err.code === SFTP_NO_SUCH_FILE) return new FwctlError(Exit.NO_SUCH_FILE, `no such file on the gateway: ${source}`);
  if (err.code === SFTP_PERMISSION_DENIED) return new FwctlError(Exit.NO_SUCH_FILE, `the gateway refuses to read ${source}: permission denied`);
  return new FwctlError(Exit.TRANSFER, `reading ${source} on the gateway failed: ${err.message}`);
}

function sftpStat(sftp: SFTPWrapper, path: string): Promise<Stats> {
  return new Promise((resolve, reject) => sftp.stat(path, (err, st) => (err ? reject(err) : resolve(st))));
}

/**
 * Copies the remote file into the part file with many reads in flight, each written at
 * its own offset as it lands. The size is taken from the gateway before, and checked after.
 */
export async function fetchInto(sftp: SFTPWrapper, source: string, part: PartFile, makeProgress: (size: number) => Progress): Promise<number> {
  let st: Stats;
  try {
    st = await sftpStat(sftp, source);
  } catch (err) {
    throw remoteFailure(source, err as { code?: number; message: string });
  }
  if (!st.isFile()) throw new FwctlError(Exit.NO_SUCH_FILE, `${source} on the gateway is not a regular file`);
  const size = st.size;
  const handle = await new Promise<Buffer>((resolve, reject) =>
    sftp.open(source, 'r', (err, h) => (err ? reject(remoteFailure(source, err as { code?: number; message: string })) : resolve(h))),
  );
  const progress = makeProgress(size);
  const chunk = readSize(sftp);
  const inFlight = Math.max(4, Math.ceil(AHEAD / chunk));
  const socket = (sftp as unknown as SftpInternals)._client?._sock;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let active = 0;
      let failed = false;
      let unsynced = 0;
      let syncing = false;
      const buffers: Buffer[] = [];
      const stop = (err: FwctlError) => {
        if (!failed) {
          failed = true;
          reject(err);
        }
      };
      const issue = (pos: number, len: number) => {
        active++;
        const buf = buffers.pop() ?? Buffer.allocUnsafe(chunk);
        sftp.read(handle, buf, 0, len, pos, (err, n) => {
          if (failed) return;
          if (err) return stop(remoteFailure(source, err as { code?: number; message: string }));
          if (n === 0) return stop(new FwctlError(Exit.TRANSFER, `${source} shrank on the gateway during the download (${done} of ${size} bytes)`));
          part.file.write(buf, 0, n, pos).then(
            () => {
              active--;
              buffers.push(buf);
              done += n;
              unsynced += n;
              progress.update(done);
              syncBehind();
              // A short read leaves a gap: ask for the rest of that range.
              if (n < len) issue(pos + n, len - n);
              pump();
            },
            (e) => stop(localError(part.path, e)),
          );
        });
      };
      /**
       * Past SYNC_EVERY unsynced bytes, one fdatasync in the background: the disk writes
       * while the network reads. Its error fails the download (a later fsync may no longer
       * report a write the kernel lost).
       */
      const syncBehind = () => {
        if (syncing || unsynced < SYNC_EVERY) return;
        syncing = true;
        unsynced = 0;
        part.file.datasync().then(
          () => {
            syncing = false;
            if (active === 0 && next >= size && !failed) resolve();
          },
          (e) => stop(localError(part.path, e)),
        );
      };
      const pump = () => {
        // Requests issued in one go leave in one socket write.
        socket?.cork();
        while (!failed && active < inFlight && next < size) {
          const len = Math.min(chunk, size - next);
          issue(next, len);
          next += len;
        }
        if (socket) process.nextTick(() => socket.uncork());
        if (active === 0 && next >= size && !failed && !syncing) resolve();
      };
      pump();
    });
  } catch (err) {
    progress.abandon();
    throw err;
  } finally {
    sftp.close(handle, () => undefined);
  }
  progress.finish();
  const local = await part.file.stat();
  if (local.size !== size || done !== size) throw new FwctlError(Exit.TRANSFER, `size check failed: gateway says ${size} bytes, received ${done}`);
  return size;
}
