import type { Dissector } from '../dissector.js';
import { hex, tok, tok2str } from '../text.js';
import { NFSPROC as P, nfsprocStr, parseFh, parseFn, procOf, typeStr, uadd, us6, writeModes } from './nfs-fh.js';

/**
 * The results of an NFS reply whose call was seen (tcpdump's interp_reply and its
 * parse* helpers). As in the C code, a part cut short returns -1 (NULL) and the reply
 * ends with ` [|nfs]`, unless an RPC or NFS error was printed ("nfserr"); a field
 * read past the capture ends the packet with ` [|nfs]` at once.
 */

const statusStr = tok({
  1: 'Operation not permitted', 2: 'No such file or directory', 5: 'Input/output error', 6: 'Device not configured',
  11: 'Resource deadlock avoided', 12: 'Cannot allocate memory', 13: 'Permission denied', 17: 'File exists', 18: 'Cross-device link',
  19: 'Operation not supported by device', 20: 'Not a directory', 21: 'Is a directory', 22: 'Invalid argument', 26: 'Text file busy',
  27: 'File too large', 28: 'No space left on device', 30: 'Read-only file system', 31: 'Too many links', 45: 'Operation not supported',
  62: 'Too many levels of symbolic links', 63: 'File name too long', 66: 'Directory not empty', 69: 'Disc quota exceeded',
  70: 'Stale NFS file handle', 71: 'Too many levels of remote in path', 99: 'Write cache flushed to disk', 10001: 'Illegal NFS file handle',
  10002: 'Update synchronization mismatch', 10003: 'READDIR/READDIRPLUS cookie is stale', 10004: 'Operation not supported',
  10005: 'Buffer or request is too small', 10006: 'Unspecified error on server', 10007: 'Object of that type not supported',
  10008: "Request couldn't be completed in time",
});

const rpcStr = tok({ 1: 'PROG_UNAVAIL', 2: 'PROG_MISMATCH', 3: 'PROC_UNAVAIL', 4: 'GARBAGE_ARGS', 5: 'SYSTEM_ERR' });

const NFSX_V2FATTR = 68;
const NFSX_V3FATTR = 84;

/** An RPC or NFS error was printed: a short reply after it is not called truncated. */
let nfserr = false;
/** parsestatus's *er. */
let er = 0;

const u64 = (nd: Dissector, at: number): string => nd.u64(at).toString();
const x64 = (nd: Dissector, at: number): string => nd.u64(at).toString(16);
const time = (nd: Dissector, at: number): string => nd.u32(at) + '.' + us6(nd.u32(at + 4));

/** parserep: past the verifier to the results; -1 when the RPC status is not success. */
function parseRep(nd: Dissector, rp: number, length: number): number {
  let dp = rp + 12;
  const len = nd.u32(dp + 4);
  if (len >= length) return -1;
  dp += Math.floor(uadd(len, 11) / 4) * 4;
  const astat = nd.u32(dp);
  if (astat !== 0) {
    nd.print(' ' + tok2str(rpcStr, 'ar_stat %u', astat));
    nfserr = true;
    return -1;
  }
  return dp + 4;
}

function parseStatus(nd: Dissector, dp: number): number {
  er = nd.u32(dp);
  if (er !== 0) {
    nd.print(' ERROR: ' + tok2str(statusStr, 'unk %u', er));
    nfserr = true;
  }
  return dp + 4;
}

function parseFattr(nd: Dissector, dp: number, verbose: number, v3: boolean): number {
  if (!nd.has(dp + 16, 4)) return -1;
  if (verbose) {
    nd.print(' ' + tok2str(typeStr, 'unk-ft %u ', nd.u32(dp)) + ' ' + nd.u32(dp + 4).toString(8) + ' ids ' + (nd.u32(dp + 12) | 0) + '/' + (nd.u32(dp + 16) | 0));
    nd.print(v3 ? ' sz ' + u64(nd, dp + 20) : ' sz ' + nd.u32(dp + 20));
  }
  if (verbose > 1) {
    if (v3) {
      if (!nd.has(dp + 76, 8)) return -1;
      nd.print(' nlink ' + nd.u32(dp + 8) + ' rdev ' + nd.u32(dp + 36) + '/' + nd.u32(dp + 40));
      nd.print(' fsid ' + x64(nd, dp + 44));
      nd.print(' fileid ' + x64(nd, dp + 52));
      nd.print(' a/m/ctime ' + time(nd, dp + 60));
      nd.print(' ' + time(nd, dp + 68));
      nd.print(' ' + time(nd, dp + 76));
    } else {
      if (!nd.has(dp + 60, 8)) return -1;
      nd.print(' nlink ' + nd.u32(dp + 8) + ' rdev 0x' + hex(nd.u32(dp + 28)) + ' fsid 0x' + hex(nd.u32(dp + 36)) + ' nodeid 0x' + hex(nd.u32(dp + 40)) + ' a/m/ctime');
      nd.print(' ' + time(nd, dp + 44));
      nd.print(' ' + time(nd, dp + 52));
      nd.print(' ' + time(nd, dp + 60));
    }
  }
  return dp + (v3 ? NFSX_V3FATTR : NFSX_V2FATTR);
}

function parseAttrStat(nd: Dissector, dp: number, verbose: number, v3: boolean): boolean {
  dp = parseStatus(nd, dp);
  if (er) return true;
  return parseFattr(nd, dp, verbose, v3) >= 0;
}

function parseDirOpRes(nd: Dissector, dp: number): boolean {
  dp = parseStatus(nd, dp);
  if (er) return true;
  dp = parseFh(nd, dp, false);
  if (dp < 0) return false;
  return parseFattr(nd, dp, nd.verbose, false) >= 0;
}

function parseLinkRes(nd: Dissector, dp: number, v3: boolean): boolean {
  dp = parseStatus(nd, dp);
  if (er) return true;
  if (v3) {
    dp = parsePostOpAttr(nd, dp, nd.verbose);
    if (dp < 0) return false;
  }
  nd.print(' ');
  return parseFn(nd, dp) >= 0;
}

function parseStatfs(nd: Dissector, dp: number, v3: boolean): boolean {
  dp = parseStatus(nd, dp);
  if (!v3 && er) return true;
  if (v3) {
    if (nd.verbose) nd.print(' POST:');
    dp = parsePostOpAttr(nd, dp, nd.verbose);
    if (dp < 0) return false;
  }
  if (!nd.has(dp, v3 ? 52 : 20)) return false;
  if (v3) {
    nd.print(' tbytes ' + u64(nd, dp) + ' fbytes ' + u64(nd, dp + 8) + ' abytes ' + u64(nd, dp + 16));
    if (nd.verbose) nd.print(' tfiles ' + u64(nd, dp + 24) + ' ffiles ' + u64(nd, dp + 32) + ' afiles ' + u64(nd, dp + 40) + ' invar ' + nd.u32(dp + 48));
  } else {
    nd.print(' tsize ' + nd.u32(dp) + ' bsize ' + nd.u32(dp + 4) + ' blocks ' + nd.u32(dp + 8) + ' bfree ' + nd.u32(dp + 12) + ' bavail ' + nd.u32(dp + 16));
  }
  return true;
}

function parseRddirRes(nd: Dissector, dp: number): boolean {
  dp = parseStatus(nd, dp);
  if (er) return true;
  nd.print(' offset 0x' + hex(nd.u32(dp)) + ' size ' + nd.u32(dp + 4) + ' ');
  if (nd.u32(dp + 8) !== 0) nd.print(' eof');
  return true;
}

function parsePreOpAttr(nd: Dissector, dp: number, verbose: number): number {
  if (!nd.u32(dp)) return dp + 4;
  dp += 4;
  if (!nd.has(dp, 24)) return -1;
  if (verbose > 1) {
    nd.print(' sz ' + u64(nd, dp));
    nd.print(' mtime ' + time(nd, dp + 8) + ' ctime ' + time(nd, dp + 16));
  }
  return dp + 24;
}

function parsePostOpAttr(nd: Dissector, dp: number, verbose: number): number {
  if (!nd.u32(dp)) return dp + 4;
  dp += 4;
  return verbose ? parseFattr(nd, dp, verbose, true) : dp + NFSX_V3FATTR;
}

function parseWccData(nd: Dissector, dp: number, verbose: number): number {
  if (verbose > 1) nd.print(' PRE:');
  dp = parsePreOpAttr(nd, dp, verbose);
  if (dp < 0) return -1;
  if (verbose) nd.print(' POST:');
  return parsePostOpAttr(nd, dp, verbose);
}

function parseCreateOpRes(nd: Dissector, dp: number, verbose: number): number {
  dp = parseStatus(nd, dp);
  if (er) return parseWccData(nd, dp, verbose);
  if (!nd.u32(dp)) return dp + 4;
  dp = parseFh(nd, dp + 4, true);
  if (dp < 0) return -1;
  if (verbose) {
    dp = parsePostOpAttr(nd, dp, verbose);
    if (dp < 0) return -1;
    if (nd.verbose > 1) {
      nd.print(' dir attr:');
      dp = parseWccData(nd, dp, verbose);
    }
  }
  return dp;
}

function parseWccRes(nd: Dissector, dp: number, verbose: number): number {
  dp = parseStatus(nd, dp);
  return parseWccData(nd, dp, verbose);
}

function parseV3RddirRes(nd: Dissector, dp: number, verbose: number): number {
  dp = parseStatus(nd, dp);
  if (nd.verbose) nd.print(' POST:');
  dp = parsePostOpAttr(nd, dp, verbose);
  if (dp < 0) return -1;
  if (er) return dp;
  if (nd.verbose) {
    nd.print(' verf ' + hex(nd.u32(dp), 8) + hex(nd.u32(dp + 4), 8));
    dp += 8;
  }
  return dp;
}

function parseFsinfo(nd: Dissector, dp: number): boolean {
  dp = parseStatus(nd, dp);
  if (nd.verbose) nd.print(' POST:');
  dp = parsePostOpAttr(nd, dp, nd.verbose);
  if (dp < 0) return false;
  if (er) return true;
  if (!nd.has(dp, 48)) return false;
  nd.print(' rtmax ' + nd.u32(dp) + ' rtpref ' + nd.u32(dp + 4) + ' wtmax ' + nd.u32(dp + 12) + ' wtpref ' + nd.u32(dp + 16) + ' dtpref ' + nd.u32(dp + 24));
  if (nd.verbose) {
    nd.print(' rtmult ' + nd.u32(dp + 8) + ' wtmult ' + nd.u32(dp + 20) + ' maxfsz ' + u64(nd, dp + 28));
    nd.print(' delta ' + time(nd, dp + 36) + ' ');
  }
  return true;
}

function parsePathconf(nd: Dissector, dp: number): boolean {
  dp = parseStatus(nd, dp);
  if (nd.verbose) nd.print(' POST:');
  dp = parsePostOpAttr(nd, dp, nd.verbose);
  if (dp < 0) return false;
  if (er) return true;
  if (!nd.has(dp, 24)) return false;
  nd.print(
    ' linkmax ' + nd.u32(dp) + ' namemax ' + nd.u32(dp + 4) + ' ' + (nd.u32(dp + 8) ? 'notrunc' : '') + ' ' + (nd.u32(dp + 12) ? 'chownres' : '') + ' ' +
      (nd.u32(dp + 16) ? 'igncase' : '') + ' ' + (nd.u32(dp + 20) ? 'keepcase' : ''),
  );
  return true;
}

/** interp_reply: the results of procedure proc of version vers. */
export function interpReply(nd: Dissector, rp: number, proc: number, vers: number, length: number): void {
  nfserr = false;
  er = 0;
  const v3 = vers === 3;
  proc = procOf(proc, v3);
  nd.print(' ' + tok2str(nfsprocStr, 'proc-%u', proc));
  if (!results(nd, rp, proc, v3, length) && !nfserr) nd.printTrunc();
}

/** Each procedure's results; false when cut short (C's goto trunc). */
function results(nd: Dissector, rp: number, proc: number, v3: boolean, length: number): boolean {
  const v = nd.verbose;
  // Procedures without a case of their own (null, nop, unknown ones) print no results.
  if (proc < P.GETATTR || proc > P.COMMIT) return true;
  let dp = parseRep(nd, rp, length);
  switch (proc) {
    case P.GETATTR:
      return dp >= 0 && parseAttrStat(nd, dp, 1, v3);
    case P.SETATTR:
      if (dp < 0) return false;
      return v3 ? parseWccRes(nd, dp, v) >= 0 : parseAttrStat(nd, dp, 1, false);
    case P.LOOKUP:
      if (dp < 0) return false;
      if (!v3) return parseDirOpRes(nd, dp);
      dp = parseStatus(nd, dp);
      if (!er) {
        if ((dp = parseFh(nd, dp, true)) < 0) return false;
        if ((dp = parsePostOpAttr(nd, dp, v)) < 0) return false;
      }
      if (v > 1) {
        nd.print(' post dattr:');
        if (parsePostOpAttr(nd, dp, v) < 0) return false;
      }
      return true;
    case P.ACCESS:
      if (dp < 0) return false;
      dp = parseStatus(nd, dp);
      if (v) nd.print(' attr:');
      if ((dp = parsePostOpAttr(nd, dp, v)) < 0) return false;
      if (!er) nd.print(' c ' + hex(nd.u32(dp), 4));
      return true;
    case P.READLINK:
      return dp >= 0 && parseLinkRes(nd, dp, v3);
    case P.READ:
      if (dp < 0) return false;
      if (!v3) return parseAttrStat(nd, dp, v, false);
      dp = parseStatus(nd, dp);
      if ((dp = parsePostOpAttr(nd, dp, v)) < 0) return false;
      if (!er && v) {
        nd.print(' ' + nd.u32(dp) + ' bytes');
        if (nd.u32(dp + 4)) nd.print(' EOF');
      }
      return true;
    case P.WRITE:
      if (dp < 0) return false;
      if (!v3) return parseAttrStat(nd, dp, v, false);
      dp = parseStatus(nd, dp);
      if ((dp = parseWccData(nd, dp, v)) < 0) return false;
      if (!er && v) {
        nd.print(' ' + nd.u32(dp) + ' bytes');
        if (v > 1) {
          nd.print(' <' + tok2str(writeModes, null, nd.u32(dp + 4)) + '>');
          nd.print(' verf ' + x64(nd, dp + 8));
        }
      }
      return true;
    case P.CREATE:
    case P.MKDIR:
      if (dp < 0) return false;
      return v3 ? parseCreateOpRes(nd, dp, v) >= 0 : parseDirOpRes(nd, dp);
    case P.SYMLINK:
      if (dp < 0) return false;
      if (v3) return parseCreateOpRes(nd, dp, v) >= 0;
      parseStatus(nd, dp);
      return true;
    case P.MKNOD:
      return dp >= 0 && parseCreateOpRes(nd, dp, v) >= 0;
    case P.REMOVE:
    case P.RMDIR:
      if (dp < 0) return false;
      if (v3) return parseWccRes(nd, dp, v) >= 0;
      parseStatus(nd, dp);
      return true;
    case P.RENAME:
      if (dp < 0) return false;
      dp = parseStatus(nd, dp);
      if (v3 && v) {
        nd.print(' from:');
        if ((dp = parseWccData(nd, dp, v)) < 0) return false;
        nd.print(' to:');
        if (parseWccData(nd, dp, v) < 0) return false;
      }
      return true;
    case P.LINK:
      if (dp < 0) return false;
      dp = parseStatus(nd, dp);
      if (v3 && v) {
        nd.print(' file POST:');
        if ((dp = parsePostOpAttr(nd, dp, v)) < 0) return false;
        nd.print(' dir:');
        if (parseWccData(nd, dp, v) < 0) return false;
      }
      return true;
    case P.READDIR:
      if (dp < 0) return false;
      return v3 ? parseV3RddirRes(nd, dp, v) >= 0 : parseRddirRes(nd, dp);
    case P.READDIRPLUS:
      return dp >= 0 && parseV3RddirRes(nd, dp, v) >= 0;
    case P.FSSTAT:
      return dp >= 0 && parseStatfs(nd, dp, v3);
    case P.FSINFO:
      return dp >= 0 && parseFsinfo(nd, dp);
    case P.PATHCONF:
      return dp >= 0 && parsePathconf(nd, dp);
    case P.COMMIT:
      if (dp < 0 || (dp = parseWccRes(nd, dp, v)) < 0) return false;
      if (v > 1) nd.print(' verf ' + x64(nd, dp));
      return true;
    default:
      return true;
  }
}
