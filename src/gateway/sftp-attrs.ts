import type { Stats } from 'node:fs';
import type { Attributes, FileEntry } from 'ssh2';

export function attrsOf(st: Stats): Attributes {
  return {
    mode: st.mode,
    uid: st.uid,
    gid: st.gid,
    size: st.size,
    atime: Math.floor(st.atimeMs / 1000),
    mtime: Math.floor(st.mtimeMs / 1000),
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function modeString(mode: number): string {
  const type = (mode & 0o170000) === 0o040000 ? 'd' : (mode & 0o170000) === 0o120000 ? 'l' : (mode & 0o170000) === 0o100000 ? '-' : '?';
  const rwx = (bits: number) => (bits & 4 ? 'r' : '-') + (bits & 2 ? 'w' : '-') + (bits & 1 ? 'x' : '-');
  return type + rwx((mode >> 6) & 7) + rwx((mode >> 3) & 7) + rwx(mode & 7);
}

/** The `ls -l` line OpenSSH's sftp shows for `ls -l`. */
export function entryOf(name: string, st: Stats): FileEntry {
  const t = st.mtime;
  const month = MONTHS[t.getUTCMonth()] ?? '???';
  const day = String(t.getUTCDate()).padStart(2, ' ');
  const hm = `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
  const longname = `${modeString(st.mode)} ${String(st.nlink).padStart(4)} ${String(st.uid).padEnd(8)} ${String(st.gid).padEnd(8)} ${String(st.size).padStart(10)} ${month} ${day} ${hm} ${name}`;
  return { filename: name, longname, attrs: attrsOf(st) };
}
