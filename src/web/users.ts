import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WebError } from './errors.js';

/** A user name: what a technician types, and what the audit log names. */
export const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$/;
export const MIN_PASSWORD = 8;
/** Longer passwords are refused before hashing: scrypt's cost must not be the client's to choose. */
export const MAX_PASSWORD = 1024;

/**
 * scrypt's cost: 2^15 x 8 blocks of 128 bytes = 32 MiB per hash (0.31-0.37 s measured on a
 * busy 2-core machine); stored with each hash (PHC string), so it can be raised without
 * breaking old ones.
 */
const COST = { ln: 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const HASH = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,64})\$([A-Za-z0-9+/]{32,128})$/;

interface Params {
  ln: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function derive(password: string, salt: Buffer, ln: number, r: number, p: number, length: number): Promise<Buffer> {
  const N = 2 ** ln;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

/** `$scrypt$ln=15,r=8,p=1$SALT$HASH`, as the users file keeps it. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST.ln, COST.r, COST.p, KEY_BYTES);
  return `$scrypt$ln=${COST.ln},r=${COST.r},p=${COST.p}$${b64(salt)}$${b64(key)}`;
}

function parseHash(text: string): Params | null {
  const m = HASH.exec(text);
  if (!m) return null;
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Bounds, so that a hand-edited line cannot make one login take gigabytes or minutes.
  if (ln < 10 || ln > 20 || r < 1 || r > 32 || p < 1 || p > 4 || 128 * 2 ** ln * r > 512 * 1024 * 1024) return null;
  return { ln, r, p, salt: Buffer.from(m[4], 'base64'), key: Buffer.from(m[5], 'base64') };
}

/** Whether `password` is the one `stored` was made from. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const h = parseHash(stored);
  if (!h) return false;
  const key = await derive(password, h.salt, h.ln, h.r, h.p, h.key.length);
  return timingSafeEqual(key, h.key);
}

/** A hash for no one: a login for an unknown user costs what a known user's does, so timing tells no names. */
const NOBODY = `$scrypt$ln=${COST.ln},r=${COST.r},p=${COST.p}$${b64(Buffer.alloc(SALT_BYTES))}$${b64(Buffer.alloc(KEY_BYTES))}`;

/** The users file, `NAME:HASH` a line, `#` comments: what `pcapdump passwd` writes. */
export function parseUsers(text: string, file: string): Map<string, string> {
  const users = new Map<string, string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const at = line.indexOf(':');
    const name = at < 0 ? line : line.slice(0, at);
    const hash = at < 0 ? '' : line.slice(at + 1);
    if (!USER_NAME.test(name)) throw new WebError(`users file ${file} line ${i + 1}: "${name.slice(0, 40)}" is not a user name`);
    if (!parseHash(hash)) throw new WebError(`users file ${file} line ${i + 1}: ${name}'s password is not an scrypt hash made by pcapdump passwd`);
    if (users.has(name)) throw new WebError(`users file ${file} line ${i + 1}: ${name} is there twice`);
    users.set(name, hash);
  });
  return users;
}

export type LoginCheck = { ok: true } | { ok: false; why: 'no such user' | 'wrong password' } | { ok: false; why: 'users file'; message: string };

/**
 * The users the page lets in, read again whenever the file changes: `pcapdump passwd`
 * adds, changes or removes a user without a restart. A file others may write is refused:
 * anyone who can write it can let themselves in.
 */
export class UserFile {
  private cache: { stamp: string; users: Map<string, string> } | null = null;

  constructor(readonly path: string) {}

  /** The users now; throws WebError when the file is unreadable, too open or malformed. An absent file has none. */
  users(): Map<string, string> {
    let st;
    try {
      st = statSync(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw new WebError(`users file ${this.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (!st.isFile()) throw new WebError(`users file ${this.path}: not a regular file`);
    if ((st.mode & 0o022) !== 0) throw new WebError(`users file ${this.path}: group or others may write it; chmod 600 ${this.path}`);
    const stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
    if (this.cache?.stamp === stamp) return this.cache.users;
    const users = parseUsers(readFileSync(this.path, 'utf8'), this.path);
    this.cache = { stamp, users };
    return users;
  }

  async check(user: string, password: string): Promise<LoginCheck> {
    let users: Map<string, string>;
    try {
      users = this.users();
    } catch (err) {
      if (err instanceof WebError) return { ok: false, why: 'users file', message: err.message };
      throw err;
    }
    const stored = users.get(user);
    const match = await verifyPassword(stored ?? NOBODY, password);
    if (stored === undefined) return { ok: false, why: 'no such user' };
    return match ? { ok: true } : { ok: false, why: 'wrong password' };
  }

  /** Whether the user may still be let in (a removed user's sessions end). A broken file lets no one in. */
  has(user: string): boolean {
    try {
      return this.users().has(user);
    } catch {
      return false;
    }
  }
}

/** Replaces the users file atomically (temp file, fsync, rename), mode 0600. */
function saveUsers(path: string, lines: string[]): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  const tmp = join(dirname(path), `.${Date.now()}.${process.pid}.users.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    const text = Buffer.from(lines.join('\n') + '\n');
    let done = 0;
    while (done < text.length) done += writeSync(fd, text, done);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(tmp);
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

function readLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

const nameOf = (line: string) => line.trim().split(':')[0];

/** Adds the user, or changes their password; other lines (comments too) stay as they are. Returns whether the user was new. */
export function setUser(path: string, user: string, hash: string): boolean {
  const lines = readLines(path);
  const at = lines.findIndex((l) => !l.trim().startsWith('#') && nameOf(l) === user);
  if (at >= 0) lines[at] = `${user}:${hash}`;
  else lines.push(`${user}:${hash}`);
  saveUsers(path, lines.filter((l, i) => l !== '' || i < lines.length - 1));
  return at < 0;
}

/** Removes the user; false when there was none. */
export function removeUser(path: string, user: string): boolean {
  const lines = readLines(path);
  const kept = lines.filter((l) => l.trim().startsWith('#') || nameOf(l) !== user);
  if (kept.length === lines.length) return false;
  saveUsers(path, kept);
  return true;
}
