import { constants } from 'node:fs';
import { lstat, open, readdir, stat, type FileHandle } from 'node:fs/promises';
import ssh2, { type SFTPWrapper } from 'ssh2';
import { entryOf, attrsOf } from './sftp-attrs.js';
import { Jail, OutsideError } from './jail.js';

const { STATUS_CODE, OPEN_MODE } = ssh2.utils.sftp;

/** Largest READ answered: OpenSSH's own limit on an SFTP message, less room for the header. */
const MAX_READ = 255 * 1024;
const DIR_BATCH = 100;
const MAX_HANDLES = 256;

type Handle = { kind: 'file'; file: FileHandle } | { kind: 'dir'; path: string; names: string[]; next: number };

/** Requests a read-only view never grants. */
const DENIED = ['WRITE', 'REMOVE', 'RENAME', 'MKDIR', 'RMDIR', 'SETSTAT', 'FSETSTAT', 'SYMLINK', 'READLINK', 'EXTENDED'] as const;

function statusFor(err: unknown): number {
  if (err instanceof OutsideError) return STATUS_CODE.PERMISSION_DENIED;
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return STATUS_CODE.NO_SUCH_FILE;
    case 'EACCES':
    case 'EPERM':
    case 'ELOOP':
      return STATUS_CODE.PERMISSION_DENIED;
    default:
      return STATUS_CODE.FAILURE;
  }
}

/**
 * A read-only SFTP server over the capture dir. Reads are positioned reads of at most
 * MAX_READ bytes into pooled buffers: a 200 MB file never sits in memory, and many
 * requests may be in flight at once (clients pipeline them).
 */
export function serveSftp(sftp: SFTPWrapper, jail: Jail): void {
  const handles = new Map<number, Handle>();
  const pool: Buffer[] = [];
  let nextId = 1;

  const newHandle = (h: Handle): Buffer | null => {
    if (handles.size >= MAX_HANDLES) return null;
    const id = nextId++;
    handles.set(id, h);
    const b = Buffer.alloc(4);
    b.writeUInt32BE(id >>> 0);
    return b;
  };
  const lookup = (b: Buffer): [number, Handle | undefined] => {
    if (b.length !== 4) return [0, undefined];
    const id = b.readUInt32BE(0);
    return [id, handles.get(id)];
  };
  const fail = (reqid: number, err: unknown) => sftp.status(reqid, statusFor(err));

  for (const name of DENIED) {
    sftp.on(name, (reqid: number) => sftp.status(reqid, STATUS_CODE.PERMISSION_DENIED, 'read-only: the capture dir cannot be changed'));
  }

  sftp.on('REALPATH', (reqid, path) => {
    const v = jail.virtual(path);
    sftp.name(reqid, [{ filename: v, longname: v, attrs: {} as never }]);
  });

  sftp.on('STAT', (reqid, path) => {
    jail
      .resolve(path)
      .then((p) => stat(p))
      .then((st) => sftp.attrs(reqid, attrsOf(st)), (err) => fail(reqid, err));
  });

  sftp.on('LSTAT', (reqid, path) => {
    jail
      .resolveEntry(path)
      .then((p) => lstat(p))
      .then((st) => sftp.attrs(reqid, attrsOf(st)), (err) => fail(reqid, err));
  });

  sftp.on('OPEN', (reqid, path, flags) => {
    if (flags !== OPEN_MODE.READ) return sftp.status(reqid, STATUS_CODE.PERMISSION_DENIED, 'read-only: files can only be opened for reading');
    (async () => {
      const real = await jail.resolve(path);
      // resolve() followed every link; O_NOFOLLOW refuses one swapped in since.
      const file = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      const st = await file.stat();
      if (!st.isFile()) {
        await file.close();
        return sftp.status(reqid, STATUS_CODE.FAILURE, 'not a regular file');
      }
      const h = newHandle({ kind: 'file', file });
      if (!h) {
        await file.close();
        return sftp.status(reqid, STATUS_CODE.FAILURE, 'too many open handles');
      }
      sftp.handle(reqid, h);
    })().catch((err) => fail(reqid, err));
  });

  sftp.on('READ', (reqid, hbuf, offset, length) => {
    const [, h] = lookup(hbuf);
    if (h?.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
    const len = Math.min(length, MAX_READ);
    const buf = pool.pop() ?? Buffer.allocUnsafeSlow(MAX_READ);
    h.file.read(buf, 0, len, offset).then(
      ({ bytesRead }) => {
        if (bytesRead === 0) sftp.status(reqid, STATUS_CODE.EOF);
        else sftp.data(reqid, buf.subarray(0, bytesRead)); // data() copies into its packet
        pool.push(buf);
      },
      (err) => {
        pool.push(buf);
        fail(reqid, err);
      },
    );
  });

  sftp.on('FSTAT', (reqid, hbuf) => {
    const [, h] = lookup(hbuf);
    if (h?.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
    h.file.stat().then((st) => sftp.attrs(reqid, attrsOf(st)), (err) => fail(reqid, err));
  });

  sftp.on('OPENDIR', (reqid, path) => {
    (async () => {
      const real = await jail.resolve(path);
      const names = await readdir(real);
      const h = newHandle({ kind: 'dir', path: real, names, next: 0 });
      if (!h) return sftp.status(reqid, STATUS_CODE.FAILURE, 'too many open handles');
      sftp.handle(reqid, h);
    })().catch((err) => fail(reqid, err));
  });

  sftp.on('READDIR', (reqid, hbuf) => {
    const [, h] = lookup(hbuf);
    if (h?.kind !== 'dir') return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
    if (h.next >= h.names.length) return sftp.status(reqid, STATUS_CODE.EOF);
    const batch = h.names.slice(h.next, h.next + DIR_BATCH);
    h.next += batch.length;
    // lstat: a link is listed as a link; following it is for OPEN/STAT, which check where it leads.
    Promise.all(batch.map((n) => lstat(`${h.path}/${n}`).then((st) => entryOf(n, st), () => null))).then(
      (entries) => sftp.name(reqid, entries.filter((e) => e !== null)),
      (err) => fail(reqid, err),
    );
  });

  sftp.on('CLOSE', (reqid, hbuf) => {
    const [id, h] = lookup(hbuf);
    if (!h) return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
    handles.delete(id);
    if (h.kind === 'dir') return sftp.status(reqid, STATUS_CODE.OK);
    h.file.close().then(() => sftp.status(reqid, STATUS_CODE.OK), (err) => fail(reqid, err));
  });

  const closeAll = () => {
    for (const h of handles.values()) if (h.kind === 'file') void h.file.close().catch(() => undefined);
    handles.clear();
  };
  sftp.on('close', closeAll);
  // The client's EOF ends the subsystem: close our side too, or its sftp waits for us forever.
  sftp.on('end', () => {
    closeAll();
    sftp.end();
  });
}
