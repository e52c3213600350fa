import type { Dissector } from '../dissector.js';
import { hex2, tok } from '../text.js';
import { charText } from './tcp.js';

/**
 * What the NFS request and reply printers share (tcpdump's print-nfs.c and
 * parsenfsfh.c): file handles, guessed apart by the layout of the servers that made
 * them, and file names. Offsets are absolute; -1 stands for C's NULL (cut short).
 */

export const NFSPROC = {
  NULL: 0, GETATTR: 1, SETATTR: 2, LOOKUP: 3, ACCESS: 4, READLINK: 5, READ: 6, WRITE: 7, CREATE: 8, MKDIR: 9, SYMLINK: 10,
  MKNOD: 11, REMOVE: 12, RMDIR: 13, RENAME: 14, LINK: 15, READDIR: 16, READDIRPLUS: 17, FSSTAT: 18, FSINFO: 19, PATHCONF: 20,
  COMMIT: 21, NOOP: 25,
} as const;
const P = NFSPROC;

/** NFS version 2 procedure numbers in version 3's numbering. */
const v2procs = [
  P.NULL, P.GETATTR, P.SETATTR, P.NOOP, P.LOOKUP, P.READLINK, P.READ, P.NOOP, P.WRITE, P.CREATE, P.REMOVE, P.RENAME, P.LINK,
  P.SYMLINK, P.MKDIR, P.RMDIR, P.READDIR, P.FSSTAT, P.NOOP, P.NOOP, P.NOOP, P.NOOP, P.NOOP, P.NOOP, P.NOOP, P.NOOP,
];

/** The procedure in version 3's numbering (v2's are mapped while below NFS_NPROCS). */
export function procOf(proc: number, v3: boolean): number {
  return !v3 && proc < v2procs.length ? v2procs[proc] : proc;
}

export const nfsprocStr = tok({
  [P.NOOP]: 'nop', [P.NULL]: 'null', [P.GETATTR]: 'getattr', [P.SETATTR]: 'setattr', [P.LOOKUP]: 'lookup', [P.ACCESS]: 'access',
  [P.READLINK]: 'readlink', [P.READ]: 'read', [P.WRITE]: 'write', [P.CREATE]: 'create', [P.MKDIR]: 'mkdir', [P.SYMLINK]: 'symlink',
  [P.MKNOD]: 'mknod', [P.REMOVE]: 'remove', [P.RMDIR]: 'rmdir', [P.RENAME]: 'rename', [P.LINK]: 'link', [P.READDIR]: 'readdir',
  [P.READDIRPLUS]: 'readdirplus', [P.FSSTAT]: 'fsstat', [P.FSINFO]: 'fsinfo', [P.PATHCONF]: 'pathconf', [P.COMMIT]: 'commit',
});

export const typeStr = tok({ 0: 'NON', 1: 'REG', 2: 'DIR', 3: 'BLK', 4: 'CHR', 5: 'LNK', 7: 'FIFO' });
export const writeModes = tok({ 0: 'unstable', 1: 'datasync', 2: 'filesync' });

/** C's u_int sum (wraps at 2^32). */
export const uadd = (a: number, b: number): number => (a + b) >>> 0;
/** roundup2(len, 4) on a u_int. */
export const round4 = (len: number): number => ((len + 3) & ~3) >>> 0;

/** printf's %06u. */
export function us6(v: number): string {
  const s = String(v);
  return s.length >= 6 ? s : '000000'.slice(s.length) + s;
}

const FHT = { UNKNOWN: 0, AUSPEX: 1, DECOSF: 2, IRIX4: 3, IRIX5: 4, SUNOS4: 6, ULTRIX: 7, VMSUCX: 8, SUNOS5: 9, HPUX9: 11, BSD44: 12 } as const;

/** is_UCX: a VMS UCX handle: a code byte, printable characters, then only NULs. */
function isUcx(nd: Dissector, fhp: number, len: number): boolean {
  if (len < 7) return false;
  let seenNull = false;
  for (let i = 1; i < 14; i++) {
    const c = nd.u8(fhp + i);
    if (c >= 0x20 && c <= 0x7e) {
      if (seenNull) return false;
    } else if (c === 0) seenNull = true;
    else return false;
  }
  return true;
}

/** Parse_fh's decision tree over the first bytes of a handle of len 32-bit words. */
function fhType(nd: Dissector, fhp: number, len: number): number {
  if (len < 4) return FHT.UNKNOWN;
  const b = (i: number) => nd.u8(fhp + i);
  if (b(0) === 0 && b(1) === 0) {
    if (b(2) === 0 && b(3) === 0) return FHT.AUSPEX;
    if (b(4) !== 0 && b(5) === 0 && b(8) === 12 && b(9) === 0) return FHT.DECOSF;
    if (b(4) === 0 && b(5) === 8 && b(6) === 0 && b(7) === 0) return FHT.IRIX4;
    return FHT.SUNOS4;
  }
  if (b(2) === 0 && b(3) === 0) {
    if (b(6) === 0 && b(7) === 0) return FHT.BSD44;
    if (len >= 6 && b(21) === 0 && b(23) === 0) return FHT.ULTRIX;
    return b(9) === 10 ? FHT.SUNOS5 : FHT.UNKNOWN;
  }
  if (b(8) === 12 && b(9) === 0) return FHT.DECOSF;
  if (b(8) === 0 && b(9) === 10) {
    if (b(7) === 0 && b(6) === 0 && b(5) === 0 && b(4) === 0) return FHT.HPUX9;
    return FHT.SUNOS5;
  }
  return isUcx(nd, fhp, len) ? FHT.VMSUCX : FHT.UNKNOWN;
}

/**
 * nfs_printfh: " fh MAJOR,MINOR/INODE" for a handle whose layout is known, " fh
 * Unknown/HEX" (the first 32 bytes) for one that is not, a VMS device name for UCX.
 */
export function printFh(nd: Dissector, fhp: number, len: number): void {
  const type = fhType(nd, fhp, len);
  let major = 0;
  let minor = 0;
  let ino = 0;
  let opaque = '';
  let fsname: string | null = null;
  const le32 = (at: number) => nd.le32(at);
  switch (type) {
    case FHT.AUSPEX:
      minor = nd.u8(fhp + 7);
      major = nd.u8(fhp + 6);
      ino = nd.u32(fhp + 12);
      break;
    case FHT.BSD44:
      minor = nd.u8(fhp);
      major = nd.u8(fhp + 1);
      ino = le32(fhp + 12);
      break;
    case FHT.DECOSF: {
      le32(fhp + 4);
      const t = le32(fhp);
      minor = t & 0xfffff;
      major = (t >>> 20) & 0xfff;
      ino = le32(fhp + 12);
      break;
    }
    case FHT.IRIX4:
      minor = nd.u8(fhp + 3);
      major = nd.u8(fhp + 2);
      ino = nd.u32(fhp + 8);
      break;
    case FHT.SUNOS4:
      minor = nd.u8(fhp + 3);
      major = nd.u8(fhp + 2);
      nd.u32(fhp + 4);
      ino = nd.u32(fhp + 12);
      break;
    case FHT.SUNOS5:
      major = (nd.u16(fhp) >> 2) & 0x3fff;
      minor = nd.u24(fhp + 1) & 0x3ffff;
      nd.u32(fhp + 4);
      ino = nd.u32(fhp + 12);
      break;
    case FHT.ULTRIX:
      minor = nd.u8(fhp);
      major = nd.u8(fhp + 1);
      ino = le32(fhp + 4);
      break;
    case FHT.VMSUCX: {
      // The fsid is the handle's first 14 bytes copied over the structure (a
      // little-endian host's view of them), the name the device name after the code byte.
      nd.need(fhp, 14);
      minor = le32(fhp);
      major = le32(fhp + 4);
      for (let i = 8; i < 14 && nd.buf[fhp + i] !== 0; i++) opaque += String.fromCharCode(nd.buf[fhp + i]);
      ino = ((nd.u8(fhp + 26) << 24) | (nd.u8(fhp + 27) << 16) | nd.le16(fhp + 22)) >>> 0;
      let name = '';
      // strncpy of at most len (words, as the C code has it) bytes, to a NUL.
      for (let i = 0; i < Math.min(len, 64); i++) {
        const c = nd.u8(fhp + 1 + i);
        if (c === 0) break;
        name += String.fromCharCode(c);
      }
      fsname = name;
      break;
    }
    case FHT.HPUX9:
      major = nd.u8(fhp);
      minor = nd.u24(fhp + 1);
      nd.u32(fhp + 4);
      ino = nd.u32(fhp + 12);
      break;
    default:
      for (let i = 0; i < len * 4 && i < 32; i++) opaque += hex2(nd.u8(fhp + i)).toUpperCase();
      minor = 257;
      major = 257;
      ino = 1;
      fsname = 'Unknown'.slice(0, Math.min(len, 64));
  }
  if (fsname !== null) {
    const sp = fsname.indexOf(' ');
    nd.print(' fh ' + (sp >= 0 ? fsname.slice(0, sp) : fsname) + '/');
  } else nd.print(' fh ' + major + ',' + minor + '/');
  // A known layout with minor 257 prints tcpdump's uninitialised buffer: here, nothing.
  nd.print(minor === 257 ? opaque : String(ino));
}

/** parsefh: a v2 handle (8 words) or a v3 one (a length, then its words); -1 when not all captured. */
export function parseFh(nd: Dissector, dp: number, v3: boolean): number {
  let len = 8;
  if (v3) {
    len = Math.floor(nd.u32(dp) / 4);
    dp += 4;
  }
  if (!nd.has(dp, len * 4)) return -1;
  printFh(nd, dp, len);
  return dp + len * 4;
}

/** parsefn: a quoted file name padded to 4 bytes; -1 when cut short or its length cannot be padded. */
export function parseFn(nd: Dissector, dp: number): number {
  const len = nd.u32(dp);
  dp += 4;
  if (0xffffffff - len < 3) {
    nd.print('[cannot pad to 32-bit boundaries]');
    nd.printInvalid();
    return -1;
  }
  const rounded = round4(len);
  if (!nd.has(dp, rounded)) return -1;
  let s = '"';
  for (let i = 0; i < len; i++) s += charText(nd.buf[dp + i]);
  nd.print(s + '"');
  return dp + rounded;
}

/** parsefhn: a handle, a space and a name. */
export function parseFhn(nd: Dissector, dp: number, v3: boolean): number {
  dp = parseFh(nd, dp, v3);
  if (dp < 0) return -1;
  nd.print(' ');
  return parseFn(nd, dp);
}
