import { closeSync, constants, existsSync, fstatSync, openSync, type Stats } from 'node:fs';
import { lstat, open, readdir, type FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';

/** A path the client may not reach (not a file of the capture dir). Answered as "no such file". */
export class OutsideError extends Error {
  readonly code = 'ENOENT';
}

/**
 * The capture dir as the client's whole file system, flat: '/' is the dir, '/NAME' one of
 * the regular files directly in it. Nothing deeper exists, nothing is followed: symlinks
 * and subdirectories are neither listed nor entered, and hidden names (temp files of a
 * `write` under way, the manifest) do not exist.
 *
 * Race-free by construction, with no check-then-use on a path: the dir is opened once, and
 * every name is resolved inside that open dir (/proc/self/fd/N/NAME, Linux's openat) with
 * O_NOFOLLOW on the only component the client names, then fstat'ed on the descriptor it
 * got. Whatever is swapped in between, a client gets a regular file of this dir or nothing.
 */
export class Jail {
  private constructor(
    /** Where names are resolved: the open dir's /proc path, or the dir's own path without /proc. */
    private readonly base: string,
    private readonly fd: number,
  ) {}

  static async open(dir: string): Promise<Jail> {
    const fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
    const viaProc = `/proc/self/fd/${fd}`;
    return new Jail(existsSync(viaProc) ? viaProc : dir, fd);
  }

  close(): void {
    closeSync(this.fd);
  }

  /** The client's path, normalised inside the jail: always absolute, never above '/' (`..` stops there, as under chroot). */
  virtual(path: string): string {
    const p = posix.normalize('/' + path.replace(/\0/g, ''));
    return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
  }

  /** '/' for the dir itself, else the one file name a path means; throws OutsideError for anything else. */
  name(path: string): string {
    const v = this.virtual(path);
    if (v === '/') return '/';
    const name = v.slice(1);
    if (name.includes('/') || !visible(name)) throw new OutsideError(`${path}: no such file`);
    return name;
  }

  /** Attributes of the dir ('/') or of one of its regular files; the entry itself, never what a link points at. */
  async stat(path: string): Promise<Stats> {
    const name = this.name(path);
    if (name === '/') return fstatSync(this.fd);
    const st = await lstat(`${this.base}/${name}`);
    if (!st.isFile()) throw new OutsideError(`${path}: no such file`);
    return st;
  }

  /** Opens one regular file of the dir for reading; a link, a dir, a fifo or a device is "no such file". */
  async openFile(path: string): Promise<{ file: FileHandle; stat: Stats }> {
    const name = this.name(path);
    if (name === '/') throw new OutsideError(`${path}: is the directory`);
    let file: FileHandle;
    try {
      // O_NONBLOCK: a fifo swapped in must not hang the open.
      file = await open(`${this.base}/${name}`, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new OutsideError(`${path}: no such file`);
      throw err;
    }
    const st = await file.stat().catch(async (err: unknown) => {
      await file.close();
      throw err;
    });
    if (!st.isFile()) {
      await file.close();
      throw new OutsideError(`${path}: no such file`);
    }
    return { file, stat: st };
  }

  /** Names of the regular files in the dir now (hidden ones left out). */
  async list(): Promise<string[]> {
    const entries = await readdir(this.base, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && visible(e.name)).map((e) => e.name);
  }

  /** One listed name's attributes, or null when it is no longer a regular file of the dir. */
  async entry(name: string): Promise<Stats | null> {
    if (name.includes('/') || !visible(name)) return null;
    const st = await lstat(`${this.base}/${name}`).catch(() => null);
    return st?.isFile() ? st : null;
  }
}

/** Hidden names are pcapdump's own (temp files of a write, the manifest): not the client's business. */
function visible(name: string): boolean {
  return name !== '' && !name.startsWith('.');
}
