import type { Dissector } from '../dissector.js';
import { tcpPorts, udpPorts } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { NFSPROC as P, nfsprocStr, parseFh, parseFhn, parseFn, procOf, round4, typeStr, uadd, us6, writeModes } from './nfs-fh.js';
import { interpReply } from './nfs-reply.js';

/**
 * NFS over Sun RPC (tcpdump's print-nfs.c): a call to port 2049 prints its procedure
 * and arguments, a reply from it its status and, when the call was seen (the last 64
 * calls are remembered per stream, as tcpdump remembers them), its results. Over TCP
 * the record mark comes first.
 */

const NFS_PORT = 2049;

const authStr = tok({
  0: 'OK',
  1: 'Bogus Credentials (seal broken)',
  2: 'Rejected Credentials (client should begin new session)',
  3: 'Bogus Verifier (seal broken)',
  4: 'Verifier expired or was replayed',
  5: 'Credentials are too weak',
  6: 'Bogus response verifier',
  7: 'Unknown failure',
});

const XIDMAPSIZE = 64;

/** xid_map: a ring of the last calls (xid, addresses, procedure, version), to read their replies by. */
class XidMap {
  readonly xid = new Float64Array(XIDMAPSIZE);
  readonly ipver = new Uint8Array(XIDMAPSIZE);
  readonly client: string[] = new Array<string>(XIDMAPSIZE).fill('');
  readonly server: string[] = new Array<string>(XIDMAPSIZE).fill('');
  readonly proc = new Float64Array(XIDMAPSIZE);
  readonly vers = new Float64Array(XIDMAPSIZE);
  next = 0;
  hint = 0;
}

/** The raw bytes of the innermost IP header's source or destination, compared as text. */
function addrKey(nd: Dissector, src: boolean): string {
  const ip = nd.ipAt;
  if (nd.ipVersion === 6) return nd.buf.toString('latin1', ip + (src ? 8 : 24), ip + (src ? 24 : 40));
  return nd.buf.toString('latin1', ip + (src ? 12 : 16), ip + (src ? 16 : 20));
}

function xidMapEnter(nd: Dissector, rp: number): boolean {
  if (!nd.has(rp + 20, 4)) return false;
  if (nd.ipVersion !== 4 && nd.ipVersion !== 6) return true;
  const m = nd.state.slot('nfs', () => new XidMap());
  const i = m.next;
  if (++m.next >= XIDMAPSIZE) m.next = 0;
  m.xid[i] = nd.u32(rp);
  m.ipver[i] = nd.ipVersion;
  m.client[i] = addrKey(nd, true);
  m.server[i] = addrKey(nd, false);
  m.proc[i] = nd.u32(rp + 20);
  m.vers[i] = nd.u32(rp + 16);
  return true;
}

/** xid_map_find: the call a reply answers (same xid, addresses swapped), searched from the last match on. */
function xidMapFind(nd: Dissector, rp: number): { proc: number; vers: number } | null {
  const m = nd.state.slot('nfs', () => new XidMap());
  const xid = nd.u32(rp);
  let i = m.hint;
  do {
    if (m.ipver[i] === nd.ipVersion && m.xid[i] === xid && m.server[i] === addrKey(nd, true) && m.client[i] === addrKey(nd, false)) {
      m.hint = i;
      return { proc: m.proc[i], vers: m.vers[i] };
    }
    if (++i >= XIDMAPSIZE) i = 0;
  } while (i !== m.hint);
  return null;
}

/** parsereq: past the credentials and the verifier to the call's arguments; -1 when they are not all there. */
function parseReq(nd: Dissector, rp: number, length: number): number {
  let dp = rp + 24;
  if (length < 8) return -1;
  let len = nd.u32(dp + 4);
  let rounded = round4(len);
  if (!nd.has(dp + 8, rounded)) return -1;
  if (uadd(8, rounded) <= length) {
    dp += Math.floor(uadd(len, 11) / 4) * 4;
    length = (length - uadd(8, rounded)) >>> 0;
    if (length < 8) return -1;
    len = nd.u32(dp + 4);
    rounded = round4(len);
    if (!nd.has(dp + 8, rounded)) return -1;
    if (uadd(8, rounded) < length) return dp + Math.floor(uadd(len, 11) / 4) * 4;
  }
  return -1;
}

interface Sattr3 {
  mode: number | null;
  uid: number | null;
  gid: number | null;
  atime: [number, number] | null;
  mtime: [number, number] | null;
}

const sa3: Sattr3 = { mode: null, uid: null, gid: null, atime: null, mtime: null };

/** parse_sattr3: the attributes a v3 create sets, each after its "set" word. */
function parseSattr3(nd: Dissector, dp: number): number {
  const opt = (): number | null => {
    const set = nd.u32(dp);
    dp += 4;
    if (!set) return null;
    const v = nd.u32(dp);
    dp += 4;
    return v;
  };
  const time = (): [number, number] | null => {
    const how = nd.u32(dp);
    dp += 4;
    if (how !== 2) return null;
    const t: [number, number] = [nd.u32(dp), nd.u32(dp + 4)];
    dp += 8;
    return t;
  };
  sa3.mode = opt();
  sa3.uid = opt();
  sa3.gid = opt();
  opt();
  sa3.atime = time();
  sa3.mtime = time();
  return dp;
}

function printSattr3(nd: Dissector, verbose: number): void {
  if (sa3.mode !== null) nd.print(' mode ' + sa3.mode.toString(8));
  if (sa3.uid !== null) nd.print(' uid ' + sa3.uid);
  if (sa3.gid !== null) nd.print(' gid ' + sa3.gid);
  if (verbose > 1) {
    if (sa3.atime) nd.print(' atime ' + sa3.atime[0] + '.' + us6(sa3.atime[1]));
    if (sa3.mtime) nd.print(' mtime ' + sa3.mtime[0] + '.' + us6(sa3.mtime[1]));
  }
}

const ACCESS_NAMES: readonly [number, string][] = [
  [0x01, 'NFS_ACCESS_READ'],
  [0x02, 'NFS_ACCESS_LOOKUP'],
  [0x04, 'NFS_ACCESS_MODIFY'],
  [0x08, 'NFS_ACCESS_EXTEND'],
  [0x10, 'NFS_ACCESS_DELETE'],
  [0x20, 'NFS_ACCESS_EXECUTE'],
];

const u64 = (nd: Dissector, at: number): string => nd.u64(at).toString();
const s64 = (nd: Dissector, at: number): string => BigInt.asIntN(64, nd.u64(at)).toString();

/** nfsreq_noaddr_print: the call's length, procedure and arguments. */
export function nfsRequestPrint(nd: Dissector, rp: number, length: number): void {
  nd.protocol = 'nfs';
  nd.print(String(length));
  if (!xidMapEnter(nd, rp)) return nd.printTrunc();
  const v3 = nd.u32(rp + 16) === 3;
  const proc = procOf(nd.u32(rp + 20), v3);
  nd.print(' ' + tok2str(nfsprocStr, 'proc-%u', proc));
  if (!requestArgs(nd, rp, length, proc, v3)) nd.printTrunc();
}

/** The arguments of each procedure; false when cut short (C's goto trunc). */
function requestArgs(nd: Dissector, rp: number, length: number, proc: number, v3: boolean): boolean {
  let dp: number;
  switch (proc) {
    case P.GETATTR:
    case P.SETATTR:
    case P.READLINK:
    case P.FSSTAT:
    case P.FSINFO:
    case P.PATHCONF:
      dp = parseReq(nd, rp, length);
      return dp >= 0 && parseFh(nd, dp, v3) >= 0;
    case P.LOOKUP:
    case P.CREATE:
    case P.MKDIR:
    case P.REMOVE:
    case P.RMDIR:
      dp = parseReq(nd, rp, length);
      return dp >= 0 && parseFhn(nd, dp, v3) >= 0;
    case P.ACCESS: {
      dp = parseReq(nd, rp, length);
      if (dp < 0 || (dp = parseFh(nd, dp, v3)) < 0) return false;
      const flags = nd.u32(dp);
      if (flags & ~0x3f) nd.print(' ' + hex(flags, 4));
      else if ((flags & 0x3f) === 0x3f) nd.print(' NFS_ACCESS_FULL');
      else {
        let sep = ' ';
        for (const [bit, name] of ACCESS_NAMES) {
          if (flags & bit) {
            nd.print(sep + name);
            sep = '|';
          }
        }
      }
      return true;
    }
    case P.READ:
      dp = parseReq(nd, rp, length);
      if (dp < 0 || (dp = parseFh(nd, dp, v3)) < 0) return false;
      if (v3) nd.print(' ' + nd.u32(dp + 8) + ' bytes @ ' + u64(nd, dp));
      else nd.print(' ' + nd.u32(dp + 4) + ' bytes @ ' + nd.u32(dp));
      return true;
    case P.WRITE:
      dp = parseReq(nd, rp, length);
      if (dp < 0 || (dp = parseFh(nd, dp, v3)) < 0) return false;
      if (v3) {
        nd.print(' ' + nd.u32(dp + 16) + ' (' + nd.u32(dp + 8) + ') bytes @ ' + u64(nd, dp));
        if (nd.verbose) nd.print(' <' + tok2str(writeModes, null, nd.u32(dp + 12)) + '>');
      } else nd.print(' ' + nd.u32(dp + 12) + ' (' + nd.u32(dp + 8) + ') bytes @ ' + nd.u32(dp + 4) + ' (' + nd.u32(dp) + ')');
      return true;
    case P.SYMLINK:
      dp = parseReq(nd, rp, length);
      if (dp < 0 || (dp = parseFhn(nd, dp, v3)) < 0) return false;
      nd.print(' ->');
      if (v3) dp = parseSattr3(nd, dp);
      if (parseFn(nd, dp) < 0) return false;
      if (v3 && nd.verbose) printSattr3(nd, nd.verbose);
      return true;
    case P.MKNOD: {
      dp = parseReq(nd, rp, length);
      if (dp < 0 || (dp = parseFhn(nd, dp, v3)) < 0) return false;
      const type = nd.u32(dp);
      dp = parseSattr3(nd, dp + 4);
      nd.print(' ' + tok2str(typeStr, 'unk-ft %u', type));
      if (nd.verbose && (type === 4 || type === 3)) nd.print(' ' + nd.u32(dp) + '/' + nd.u32(dp + 4));
      if (nd.verbose) printSattr3(nd, nd.verbose);
      return true;
    }
    case P.RENAME:
      dp = parseReq(nd, rp, length);
      if (dp < 0 || (dp = parseFhn(nd, dp, v3)) < 0) return false;
      nd.print(' ->');
      return parseFhn(nd, dp, v3) >= 0;
    case P.LINK:
      dp = parseReq(nd, rp, length);
      if (dp < 0 || (dp = parseFh(nd, dp, v3)) < 0) return false;
      nd.print(' ->');
      return parseFhn(nd, dp, v3) >= 0;
    case P.READDIR:
      dp = parseReq(nd, rp, length);
      if (dp < 0 || (dp = parseFh(nd, dp, v3)) < 0) return false;
      if (v3) {
        nd.print(' ' + nd.u32(dp + 16) + ' bytes @ ' + s64(nd, dp));
        if (nd.verbose) nd.print(' verf ' + hex(nd.u32(dp + 8), 8) + hex(nd.u32(dp + 12), 8));
      } else nd.print(' ' + nd.u32(dp + 4) + ' bytes @ ' + nd.u32(dp));
      return true;
    case P.READDIRPLUS:
      dp = parseReq(nd, rp, length);
      if (dp < 0 || (dp = parseFh(nd, dp, v3)) < 0) return false;
      nd.print(' ' + nd.u32(dp + 16) + ' bytes @ ' + s64(nd, dp));
      if (nd.verbose) nd.print(' max ' + nd.u32(dp + 20) + ' verf ' + hex(nd.u32(dp + 8), 8) + hex(nd.u32(dp + 12), 8));
      return true;
    case P.COMMIT:
      dp = parseReq(nd, rp, length);
      if (dp < 0 || (dp = parseFh(nd, dp, v3)) < 0) return false;
      nd.print(' ' + nd.u32(dp + 8) + ' bytes @ ' + u64(nd, dp));
      return true;
    default:
      return true;
  }
}

/** nfsreply_noaddr_print: accepted (and the results when the call was seen), or why it was denied. */
export function nfsReplyPrint(nd: Dissector, rp: number, length: number): void {
  nd.protocol = 'nfs';
  if (!nd.has(rp + 8, 4)) return nd.printTrunc();
  const stat = nd.u32(rp + 8);
  if (stat === 0) {
    nd.print('reply ok ' + length);
    const call = xidMapFind(nd, rp);
    if (call !== null) interpReply(nd, rp, call.proc, call.vers, length);
  } else if (stat === 1) {
    nd.print('reply ERR ' + length + ': ');
    if (!nd.has(rp + 12, 4)) return nd.printTrunc();
    const rstat = nd.u32(rp + 12);
    if (rstat === 0) {
      if (!nd.has(rp + 20, 4)) return nd.printTrunc();
      nd.print('RPC Version mismatch (' + nd.u32(rp + 16) + '-' + nd.u32(rp + 20) + ')');
    } else if (rstat === 1) {
      if (!nd.has(rp + 16, 4)) return nd.printTrunc();
      nd.print('Auth ' + tok2str(authStr, 'Invalid failure code %u', nd.u32(rp + 16)));
    } else nd.print('Unknown reason for rejecting rpc message ' + rstat);
  } else nd.print('reply Unknown rpc response code=' + stat + ' ' + length);
}

// Over TCP a record mark (last-fragment bit and length) comes before the message.
tcpPorts.register('nfs', (nd, bp, length) => {
  let fraglen = nd.u32(bp) & 0x7fffffff;
  if (fraglen > length - 4) fraglen = length - 4;
  const rp = bp + 4;
  if (!nd.has(rp + 4, 4)) return;
  const direction = nd.u32(rp + 4);
  if (nd.dstPort === NFS_PORT && direction === 0) {
    nd.print(': NFS request xid ' + nd.u32(rp) + ' ');
    nfsRequestPrint(nd, rp, fraglen);
  } else if (nd.srcPort === NFS_PORT && direction === 1) {
    nd.print(': NFS reply xid ' + nd.u32(rp) + ' ');
    nfsReplyPrint(nd, rp, fraglen);
  }
});

// udp.ts's rule admits only a call to port 2049 or a reply from it.
udpPorts.register('nfs', (nd, rp, length) => {
  if (nd.u32(rp + 4) === 0) {
    nd.print('NFS request xid ' + nd.u32(rp) + ' ');
    nfsRequestPrint(nd, rp, length);
  } else {
    nd.print('NFS reply xid ' + nd.u32(rp) + ' ');
    nfsReplyPrint(nd, rp, length);
  }
});
