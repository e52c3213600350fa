import { closeSync, fchmodSync, fchownSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import { PcapngWriter, pcapFileHeader } from '../pcap/index.js';
import type { RingBuffer } from '../ring/ring-buffer.js';
import { CommandError } from './errors.js';

export type FileFormat = 'pcap' | 'pcapng';

/** No path, no spaces, no leading dot: a name that means the same file on every system it travels to. */
const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * strftime's conversions a file name wants (`capture-%Y%m%d-%H%M%S.cap`), in local time as
 * tcpdump -G uses them. Only those that give digits, so the result is still a safe name.
 */
const CONVERSIONS: Record<string, (d: Date) => string> = {
  Y: (d) => String(d.getFullYear()),
  y: (d) => pad(d.getFullYear() % 100),
  m: (d) => pad(d.getMonth() + 1),
  d: (d) => pad(d.getDate()),
  H: (d) => pad(d.getHours()),
  M: (d) => pad(d.getMinutes()),
  S: (d) => pad(d.getSeconds()),
  j: (d) => pad(Math.floor((Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - Date.UTC(d.getFullYear(), 0, 1)) / 86_400_000) + 1, 3),
  s: (d) => String(Math.floor(d.getTime() / 1000)),
  '%': () => '%',
};

/** A file name with its %-conversions filled in from `when`; an unknown one is a one-line error. */
export function expandTime(name: string, when: Date): string {
  return name.replace(/%(.?)/g, (_all, c: string) => {
    const conv = Object.hasOwn(CONVERSIONS, c) ? CONVERSIONS[c] : undefined;
    if (!conv) throw new CommandError(`write: "%${c}" in a file name: use %Y %y %m %d %H %M %S %j %s or %%`);
    return conv(when);
  });
}

export function captureFileFormat(name: string): FileFormat {
  if (name.includes('/') || name.includes('\\')) throw new CommandError(`write: "${name}" is a path; give a file name only (it goes in the capture directory)`);
  if (!SAFE_NAME.test(name)) {
    throw new CommandError(`write: unsafe file name "${name}": at most 64 of A-Z a-z 0-9 . _ - and not starting with a dot`);
  }
  const lower = name.toLowerCase();
  if (lower.endsWith('.pcapng')) return 'pcapng';
  if (lower.endsWith('.cap') || lower.endsWith('.pcap')) return 'pcap';
  throw new CommandError(`write: "${name}" needs the extension .cap, .pcap (classic pcap) or .pcapng`);
}

export interface WriteRequest {
  dir: string;
  name: string;
  ring: RingBuffer;
  /** For the pcapng interface block. */
  device: string;
  snapLen: number;
  bpf: string;
}

export interface Written {
  path: string;
  format: FileFormat;
  packets: number;
  bytes: number;
}

/**
 * Capture files hold other people's traffic: owner read-write, group read, nothing for
 * others, whatever the umask. The group is `pcapdump` where that group exists (so its
 * members may read captures without being root), else the writer's own.
 */
export const CAPTURE_MODE = 0o640;
export const CAPTURE_GROUP = 'pcapdump';

/** The gid of a group named in /etc/group, or null. */
export function groupId(name: string, groupFile = '/etc/group'): number | null {
  let text: string;
  try {
    text = readFileSync(groupFile, 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const [n, , gid] = line.split(':');
    if (n === name && /^\d+$/.test(gid ?? '')) return Number(gid);
  }
  return null;
}

/** Mode 0640, group pcapdump where it exists; a group we may not give the file is left as it is. */
function restrict(fd: number): void {
  fchmodSync(fd, CAPTURE_MODE);
  const gid = groupId(CAPTURE_GROUP);
  if (gid === null) return;
  try {
    fchownSync(fd, -1, gid);
  } catch {
    // Not root and not a member: the file keeps the writer's group, still 0640.
  }
}

function writeAll(fd: number, chunk: Buffer): number {
  let done = 0;
  while (done < chunk.length) done += writeSync(fd, chunk, done, chunk.length - done);
  return chunk.length;
}

/**
 * Writes the ring as a capture file atomically and without ever replacing a file:
 * a temp file is written and fsynced, then hard-linked to the final name (which fails
 * if that name exists), then the temp name is removed.
 */
export function writeRing(req: WriteRequest): Written {
  const format = captureFileFormat(req.name);
  const path = join(req.dir, req.name);
  const tmp = join(req.dir, `.${req.name}.${process.pid}.tmp`);
  let bytes = 0;
  let fd: number;
  try {
    mkdirSync(req.dir, { recursive: true });
    fd = openSync(tmp, 'wx', CAPTURE_MODE);
  } catch (err) {
    throw new CommandError(`write: cannot create ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    restrict(fd);
    if (format === 'pcap') {
      bytes += writeAll(fd, pcapFileHeader({ linkType: req.ring.linkType, snapLen: req.snapLen, nanosecond: true }));
      for (const seg of req.ring.segments()) bytes += writeAll(fd, seg);
    } else {
      const w = new PcapngWriter((chunk) => (bytes += writeAll(fd, chunk)), {
        interfaces: [{ linkType: req.ring.linkType, snapLen: req.snapLen, name: req.device, filter: req.bpf || undefined }],
        application: 'pcapdump',
        nanosecond: true,
      });
      req.ring.forEach((p) => w.writePacket(p));
      w.flush();
    }
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(tmp);
    throw new CommandError(`write: ${path}: ${(err as Error).message}`);
  }
  closeSync(fd);
  try {
    linkSync(tmp, path);
  } catch (err) {
    unlinkSync(tmp);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CommandError(`write: ${req.name} already exists in ${req.dir}; pick another name`);
    throw new CommandError(`write: ${path}: ${(err as Error).message}`);
  }
  unlinkSync(tmp);
  syncDir(req.dir);
  return { path, format, packets: req.ring.packets, bytes };
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const MANIFEST = '.pcapdump-manifest.json';

export interface ManifestEntry {
  name: string;
  /**
   * Identity of the file written: one since put under the same name by someone else is not
   * ours to delete. Inodes are reused at once on some file systems, hence size and mtime too,
   * and ctime, which no one can set: a `cp -p` restore of the file keeps inode number (when
   * reused), size and mtime, but gets a new ctime.
   */
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** The files pcapdump itself wrote in a directory: cleanup deletes these and nothing else. */
export function readManifest(dir: string): ManifestEntry[] {
  try {
    const list: unknown = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
    if (!Array.isArray(list)) return [];
    return list.filter(
      (e): e is ManifestEntry =>
        typeof e?.name === 'string' &&
        SAFE_NAME.test(e.name) &&
        typeof e?.ino === 'number' &&
        typeof e?.size === 'number' &&
        typeof e?.mtimeMs === 'number' &&
        typeof e?.ctimeMs === 'number',
    );
  } catch {
    return [];
  }
}

export function recordInManifest(dir: string, name: string): void {
  const entries = readManifest(dir).filter((e) => e.name !== name);
  const st = lstatSync(join(dir, name));
  entries.push({ name, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs });
  saveManifest(dir, entries);
}

function saveManifest(dir: string, entries: ManifestEntry[]): void {
  const tmp = join(dir, `${MANIFEST}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeAll(fd, Buffer.from(JSON.stringify(entries, null, 1) + '\n'));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, MANIFEST));
}

/** Whether a file with these stats is still the very file the manifest entry recorded. */
export function isStillWritten(e: ManifestEntry, st: Stats): boolean {
  return st.isFile() && st.ino === e.ino && st.size === e.size && st.mtimeMs === e.mtimeMs && st.ctimeMs === e.ctimeMs;
}

/**
 * Deletes one file pcapdump wrote (named in the manifest and still that very file), and its
 * manifest entry; any other file is refused with one line and left alone.
 */
export function deleteOne(dir: string, name: string): void {
  if (name.includes('/') || name.includes('\\') || !SAFE_NAME.test(name)) throw new CommandError(`delete: "${name.slice(0, 64)}" is not a file name of the capture directory`);
  const entries = readManifest(dir);
  const entry = entries.find((e) => e.name === name);
  let st: Stats;
  try {
    st = lstatSync(join(dir, name));
  } catch {
    throw new CommandError(`delete: no file ${name} in the capture directory`);
  }
  if (!entry) throw new CommandError(`delete: ${name} was not written by pcapdump: not deleted`);
  if (!isStillWritten(entry, st)) throw new CommandError(`delete: ${name} changed since pcapdump wrote it: not deleted`);
  unlinkSync(join(dir, name));
  saveManifest(
    dir,
    entries.filter((e) => e !== entry),
  );
}

/** Deletes the files the manifest names that are still the very files written, then the manifest. */
export function deleteWritten(dir: string): string[] {
  const deleted: string[] = [];
  for (const entry of readManifest(dir)) {
    const name = entry.name;
    const path = join(dir, basename(name));
    try {
      const st = lstatSync(path);
      if (!isStillWritten(entry, st)) continue;
      unlinkSync(path);
      deleted.push(name);
    } catch {
      // Already gone: nothing to delete.
    }
  }
  try {
    unlinkSync(join(dir, MANIFEST));
  } catch {
    // No manifest: nothing was written.
  }
  return deleted;
}

/** `.NAME.PID.tmp`: a write under way (or the manifest's), by process PID. */
const TEMP_NAME = /^\.([A-Za-z0-9_-][A-Za-z0-9._-]{0,63})\.(\d{1,10})\.tmp$/;

/** Whether a process id is a running pcapdump (this process, or one whose command line names pcapdump). */
function livePcapdump(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pcapdump');
  } catch {
    return false;
  }
}

/**
 * Removes temp files that a write killed mid-way left behind (`kill -9`, power loss): regular
 * files named `.NAME.PID.tmp` whose PID is not a running pcapdump. Returns their names.
 * A write under way in a live pcapdump is never touched.
 */
export function removeStaleTemps(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m || livePcapdump(Number(m[2]))) continue;
    const path = join(dir, name);
    try {
      if (!lstatSync(path).isFile()) continue;
      unlinkSync(path);
      removed.push(name);
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}
