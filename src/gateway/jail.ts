import { realpath } from 'node:fs/promises';
import { posix, sep } from 'node:path';

/** A path the client may not reach: outside the capture dir, or through a symlink that leaves it. */
export class OutsideError extends Error {
  readonly code = 'EOUTSIDE';
}

/**
 * The capture dir as the client's whole file system: '/' is the dir. `..` stops at '/',
 * as under chroot, so no spelling of a path names anything above it; symlinks are
 * resolved on disk and refused when they lead out.
 */
export class Jail {
  private constructor(readonly root: string) {}

  /** The dir, with its own symlinks resolved once: containment is checked against this. */
  static async open(dir: string): Promise<Jail> {
    return new Jail(await realpath(dir));
  }

  /** The client's path, normalised inside the jail: always absolute, never above '/'. */
  virtual(path: string): string {
    const p = posix.normalize('/' + path.replace(/\0/g, ''));
    // normalize('/..') is '/': leading '..' cannot climb above the root.
    return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
  }

  /** The host path a virtual path names, before symlinks. */
  private host(virtualPath: string): string {
    return virtualPath === '/' ? this.root : this.root + virtualPath;
  }

  contains(hostPath: string): boolean {
    return hostPath === this.root || hostPath.startsWith(this.root + sep);
  }

  /** Host path with every symlink resolved; refused if it lands outside the dir. */
  async resolve(path: string): Promise<string> {
    const real = await realpath(this.host(this.virtual(path)));
    if (!this.contains(real)) throw new OutsideError(`${path} leads outside the capture dir`);
    return real;
  }

  /**
   * Host path of the entry itself (for lstat): its parent resolved and checked, the last
   * component not followed.
   */
  async resolveEntry(path: string): Promise<string> {
    const v = this.virtual(path);
    if (v === '/') return this.root;
    const parent = await this.resolve(posix.dirname(v));
    return parent + sep + posix.basename(v);
  }
}
