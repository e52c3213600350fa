import type { FileHandle } from 'node:fs/promises';
import ssh2, { type SFTPWrapper } from 'ssh2';
import { BufferPool } from './buffer-pool.js';
import { entryOf, attrsOf } from './sftp-attrs.js';
import { Jail, OutsideError } from './jail.js';
import { ReadAhead, type ReadAheadBudget } from './read-ahead.js';
import { DataReplies } from './sftp-data.js';
import { SftpIntake } from './sftp-intake.js';
import type { Allowance, Outflow } from './outflow.js';

const { STATUS_CODE, OPEN_MODE } = ssh2.utils.sftp;

/** Largest READ answered: OpenSSH's own limit on an SFTP message, less room for the header. */
export const MAX_READ = 255 * 1024;
const DIR_BATCH = 100;
/**
 * Read buffers kept for reuse by every SFTP channel of the gateway: 32 x 255 KiB. More
 * reads in flight at once (the outflow caps them per connection) allocate and drop theirs.
 */
const readBuffers = new BufferPool(MAX_READ, 32);

type Handle = { kind: 'file'; file: FileHandle; ahead: ReadAhead } | { kind: 'dir'; names: string[]; next: number };

/** Requests a read-only view never grants. */
const DENIED = ['WRITE', 'REMOVE', 'RENAME', 'MKDIR', 'RMDIR', 'SETSTAT', 'FSETSTAT', 'SYMLINK', 'READLINK', 'EXTENDED'] as const;

export interface SftpContext {
  jail: Jail;
  /** The connection's bytes on their way to the client; READs wait while it is full. */
  outflow: Outflow;
  /** Open handles of this SSH connection, all its SFTP channels together. */
  handles: Allowance;
  /** Open files of the whole gateway: descriptors are one pool for every client. */
  files: Allowance;
  /** Read-ahead blocks of this SSH connection, all its SFTP channels together. */
  readAhead: ReadAheadBudget;
}

function statusFor(err: unknown): number {
  if (err instanceof OutsideError) return STATUS_CODE.NO_SUCH_FILE;
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return STATUS_CODE.NO_SUCH_FILE;
    case 'EACCES':
    case 'EPERM':
      return STATUS_CODE.PERMISSION_DENIED;
    default:
      return STATUS_CODE.FAILURE;
  }
}

/**
 * A read-only SFTP server over the capture dir's files (see Jail: a flat view). Reads are
 * positioned reads of at most MAX_READ bytes: a 200 MB file never sits in memory, and
 * clients may pipeline many requests; while the connection's outflow is full, requests
 * wait in order and the channel's window stays shut, so a client that asks and never
 * reads costs a bounded amount.
 */
export function serveSftp(sftp: SFTPWrapper, ctx: SftpContext): void {
  const { jail } = ctx;
  const handles = new Map<number, Handle>();
  let nextId = 1;
  let readsUnderWay = 0;
  let closed = false;
  const intake = new SftpIntake(sftp, ctx.outflow);
  const replies = new DataReplies(sftp, () => ctx.outflow.cork());
  const stopCounting = ctx.outflow.add(() => readsUnderWay + intake.buffered() + replies.staged());

  const takeFile = (): boolean => {
    if (!ctx.handles.take()) return false;
    if (ctx.files.take()) return true;
    ctx.handles.give();
    return false;
  };
  const giveFile = () => {
    ctx.handles.give();
    ctx.files.give();
  };
  /** A handle for what was opened; its allowance is already taken. */
  const newHandle = (h: Handle): Buffer => {
    const id = nextId++;
    handles.set(id, h);
    const b = Buffer.alloc(4);
    b.writeUInt32BE(id >>> 0);
    return b;
  };
  const release = (h: Handle) => {
    if (h.kind === 'file') {
      h.ahead.close();
      giveFile();
    } else ctx.handles.give();
  };
  const tooMany = (reqid: number) =>
    sftp.status(reqid, STATUS_CODE.FAILURE, `too many open handles (at most ${ctx.handles.max} per connection, ${ctx.files.max} files in all)`);
  const lookup = (b: Buffer): [number, Handle | undefined] => {
    if (b.length !== 4) return [0, undefined];
    const id = b.readUInt32BE(0);
    return [id, handles.get(id)];
  };
  const fail = (reqid: number, err: unknown) => sftp.status(reqid, statusFor(err));

  for (const name of DENIED) {
    intake.on(name, (reqid: number) => sftp.status(reqid, STATUS_CODE.PERMISSION_DENIED, 'read-only: the capture dir cannot be changed'));
  }

  intake.on('REALPATH', (reqid: number, path: string) => {
    const v = jail.virtual(path);
    sftp.name(reqid, [{ filename: v, longname: v, attrs: {} as never }]);
  });

  const stat = (reqid: number, path: string) => {
    jail.stat(path).then((st) => sftp.attrs(reqid, attrsOf(st)), (err) => fail(reqid, err));
  };
  intake.on('STAT', stat);
  intake.on('LSTAT', stat);

  intake.on('OPEN', (reqid: number, path: string, flags: number) => {
    if (flags !== OPEN_MODE.READ) return sftp.status(reqid, STATUS_CODE.PERMISSION_DENIED, 'read-only: files can only be opened for reading');
    // Counted before the open, so that a burst of OPENs cannot overshoot the allowances.
    if (!takeFile()) return tooMany(reqid);
    jail.openFile(path).then(
      ({ file }) => {
        if (closed) {
          giveFile();
          void file.close().catch(() => undefined);
          return;
        }
        sftp.handle(reqid, newHandle({ kind: 'file', file, ahead: new ReadAhead(file, ctx.readAhead) }));
      },
      (err) => {
        giveFile();
        fail(reqid, err);
      },
    );
  });

  /** A READ that no read-ahead block serves: a positioned read of its own. */
  const readDirect = (reqid: number, file: FileHandle, offset: number, len: number) => {
    const buf = readBuffers.take();
    readsUnderWay += len;
    const done = () => {
      readsUnderWay -= len;
      readBuffers.give(buf);
      intake.settled();
    };
    file.read(buf, 0, len, offset).then(
      ({ bytesRead }) => {
        if (!closed) {
          if (bytesRead === 0) {
            ctx.outflow.cork();
            sftp.status(reqid, STATUS_CODE.EOF);
          } else replies.data(reqid, buf.subarray(0, bytesRead));
        }
        done();
      },
      (err) => {
        if (!closed) fail(reqid, err);
        done();
      },
    );
  };

  intake.on('READ', (reqid: number, hbuf: Buffer, offset: number | bigint, length: number) => {
    const [, h] = lookup(hbuf);
    if (h?.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
    // ssh2 hands a uint64 offset over as a double: past 2^53 it is no longer the offset the
    // client sent (and no file here is that large), so it is past the end.
    if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) return sftp.status(reqid, STATUS_CODE.EOF);
    const len = Math.min(length, MAX_READ);
    if (len === 0) return sftp.data(reqid, Buffer.alloc(0));
    const lease = h.ahead.lease(offset, len);
    if (!lease) return readDirect(reqid, h.file, offset, len);
    lease.data.then((data) => {
      if (data === null) readDirect(reqid, h.file, offset, len);
      else if (!closed) replies.data(reqid, data);
      lease.release();
      intake.settled();
    });
  }, { heavy: true });

  intake.on('FSTAT', (reqid: number, hbuf: Buffer) => {
    const [, h] = lookup(hbuf);
    if (h?.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
    h.file.stat().then((st) => sftp.attrs(reqid, attrsOf(st)), (err) => fail(reqid, err));
  });

  intake.on('OPENDIR', (reqid: number, path: string) => {
    let name: string;
    try {
      name = jail.name(path);
    } catch (err) {
      return fail(reqid, err);
    }
    // Flat: the capture dir is the only directory there is.
    if (name !== '/') return jail.stat(path).then(() => sftp.status(reqid, STATUS_CODE.FAILURE, 'not a directory'), (err) => fail(reqid, err));
    if (!ctx.handles.take()) return tooMany(reqid);
    jail.list().then(
      (names) => {
        if (closed) return ctx.handles.give();
        sftp.handle(reqid, newHandle({ kind: 'dir', names, next: 0 }));
      },
      (err) => {
        ctx.handles.give();
        fail(reqid, err);
      },
    );
  });

  intake.on('READDIR', (reqid: number, hbuf: Buffer) => {
    const [, h] = lookup(hbuf);
    if (h?.kind !== 'dir') return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
    if (h.next >= h.names.length) return sftp.status(reqid, STATUS_CODE.EOF);
    const batch = h.names.slice(h.next, h.next + DIR_BATCH);
    h.next += batch.length;
    Promise.all(batch.map((n) => jail.entry(n).then((st) => (st ? entryOf(n, st) : null)))).then(
      (entries) => sftp.name(reqid, entries.filter((e) => e !== null)),
      (err) => fail(reqid, err),
    );
  });

  intake.on('CLOSE', (reqid: number, hbuf: Buffer) => {
    const [id, h] = lookup(hbuf);
    if (!h) return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
    handles.delete(id);
    release(h);
    if (h.kind === 'dir') return sftp.status(reqid, STATUS_CODE.OK);
    h.file.close().then(() => sftp.status(reqid, STATUS_CODE.OK), (err) => fail(reqid, err));
  });

  const closeAll = () => {
    if (closed) return;
    closed = true;
    stopCounting();
    intake.drop();
    replies.drop();
    for (const h of handles.values()) {
      release(h);
      if (h.kind === 'file') void h.file.close().catch(() => undefined);
    }
    handles.clear();
  };
  sftp.on('close', closeAll);
  sftp.on('error', closeAll);
  // The client's EOF ends the subsystem: close our side too, or its sftp waits for us forever.
  sftp.on('end', () => {
    closeAll();
    sftp.end();
  });
}
