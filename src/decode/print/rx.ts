import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { RX_HEADER, RxOut, rxGuard } from './rx-out.js';
import { bosPrint, bosReplyPrint, kauthPrint, kauthReplyPrint, protPrint, protReplyPrint, vldbPrint, vldbReplyPrint, volPrint, volReplyPrint } from './rx-services.js';
import { charText } from './tcp.js';

/**
 * AFS's RX (tcpdump's print-rx.c), UDP ports 7000-7009: the packet type; the first
 * packet of a call to a known service with its opcode and arguments, and the reply to
 * a call seen before (64 calls are remembered per stream) with its results or error;
 * acknowledgements. -v adds sequence and serial numbers, -vv call ids and flags.
 */

const FS_PORT = 7000;
const CB_PORT = 7001;
const PROT_PORT = 7002;
const VLDB_PORT = 7003;
const KAUTH_PORT = 7004;
const VOL_PORT = 7005;
const BOS_PORT = 7007;

const DATA = 1;
const ACK = 2;
const ABORT = 4;
const CLIENT_INITIATED = 1;

const types = tok({ 1: 'data', 2: 'ack', 3: 'busy', 4: 'abort', 5: 'ackall', 6: 'challenge', 7: 'response', 8: 'debug', 9: 'params', 13: 'version' });

/** Flag names, and the packet type each is limited to (0: any). */
const flagNames: readonly [number, number, string][] = [
  [1, 0, 'client-init'],
  [2, 0, 'req-ack'],
  [4, 0, 'last-pckt'],
  [8, 0, 'more-pckts'],
  [16, 0, 'free-pckt'],
  [32, ACK, 'slow-start'],
  [32, DATA, 'jumbogram'],
];

const fsReq = tok({
  130: 'fetch-data', 131: 'fetch-acl', 132: 'fetch-status', 133: 'store-data', 134: 'store-acl', 135: 'store-status', 136: 'remove-file',
  137: 'create-file', 138: 'rename', 139: 'symlink', 140: 'link', 141: 'makedir', 142: 'rmdir', 143: 'oldsetlock', 144: 'oldextlock',
  145: 'oldrellock', 146: 'get-stats', 147: 'give-cbs', 148: 'get-vlinfo', 149: 'get-vlstats', 150: 'set-vlstats', 151: 'get-rootvl',
  152: 'check-token', 153: 'get-time', 154: 'nget-vlinfo', 155: 'bulk-stat', 156: 'setlock', 157: 'extlock', 158: 'rellock', 159: 'xstat-ver',
  160: 'get-xstat', 161: 'dfs-lookup', 162: 'dfs-flushcps', 163: 'dfs-symlink', 220: 'residency', 65536: 'inline-bulk-status',
  65537: 'fetch-data-64', 65538: 'store-data-64', 65539: 'give-up-all-cbs', 65540: 'get-caps', 65541: 'cb-rx-conn-addr',
});
const cbReq = tok({
  204: 'callback', 205: 'initcb', 206: 'probe', 207: 'getlock', 208: 'getce', 209: 'xstatver', 210: 'getxstat', 211: 'initcb2',
  212: 'whoareyou', 213: 'initcb3', 214: 'probeuuid', 215: 'getsrvprefs', 216: 'getcellservdb', 217: 'getlocalcell', 218: 'getcacheconf',
  65536: 'getce64', 65537: 'getcellbynum', 65538: 'tellmeaboutyourself',
});
const fsErrors = tok({
  101: 'salvage volume', 102: 'no such vnode', 103: 'no such volume', 104: 'volume exist', 105: 'no service', 106: 'volume offline',
  107: 'voline online', 108: 'diskfull', 109: 'diskquota exceeded', 110: 'volume busy', 111: 'volume moved', 112: 'AFS IO error',
  0xffffff9c: 'restarting fileserver',
});
const ackReasons = tok({ 1: 'ack requested', 2: 'duplicate packet', 3: 'out of sequence', 4: 'exceeds window', 5: 'no buffer space', 6: 'ping', 7: 'ping response', 8: 'delay', 9: 'idle' });

const CACHE_SIZE = 64;

/** rx_cache: the last calls (call number, client, server, port, service, opcode), to read their replies by. */
class RxCache {
  readonly callnum = new Float64Array(CACHE_SIZE);
  readonly client = new Float64Array(CACHE_SIZE);
  readonly server = new Float64Array(CACHE_SIZE);
  readonly dport = new Float64Array(CACHE_SIZE);
  readonly serviceId = new Float64Array(CACHE_SIZE);
  readonly opcode = new Float64Array(CACHE_SIZE);
  next = 0;
  hint = 0;
}

// The cache reads the addresses where an IPv4 header has them, whatever the IP version (as tcpdump does).
function cacheInsert(nd: Dissector, bp: number, dport: number): void {
  if (!nd.has(bp + RX_HEADER, 4)) return;
  const c = nd.state.slot('rx', () => new RxCache());
  const i = c.next;
  if (++c.next >= CACHE_SIZE) c.next = 0;
  c.callnum[i] = nd.u32(bp + 8);
  c.client[i] = nd.u32(nd.ipAt + 12);
  c.server[i] = nd.u32(nd.ipAt + 16);
  c.dport[i] = dport;
  c.serviceId[i] = nd.u16(bp + 26);
  c.opcode[i] = nd.u32(bp + RX_HEADER);
}

function cacheFind(nd: Dissector, bp: number, sport: number): number {
  const c = nd.state.slot('rx', () => new RxCache());
  const clip = nd.u32(nd.ipAt + 16);
  const sip = nd.u32(nd.ipAt + 12);
  let i = c.hint;
  do {
    if (c.callnum[i] === nd.u32(bp + 8) && c.client[i] === clip && c.server[i] === sip && c.serviceId[i] === nd.u16(bp + 26) && c.dport[i] === sport) {
      c.hint = i;
      return c.opcode[i];
    }
    if (++i >= CACHE_SIZE) i = 0;
  } while (i !== c.hint);
  return -1;
}

export function rxPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'rx';
  if (!nd.has(bp, RX_HEADER)) {
    nd.print(' [|rx] (' + length + ')');
    return;
  }
  const type = nd.u8(bp + 20);
  nd.print(' rx ' + tok2str(types, 'type %u', type));
  const flags = nd.u8(bp + 21);
  if (nd.verbose) {
    if (nd.verbose > 1) nd.print(' cid ' + hex(nd.u32(bp + 4), 8) + ' call# ' + nd.u32(bp + 8));
    nd.print(' seq ' + nd.u32(bp + 12) + ' ser ' + nd.u32(bp + 16));
    if (nd.verbose > 2) nd.print(' secindex ' + nd.u8(bp + 23) + ' serviceid ' + nd.u16(bp + 26));
    if (nd.verbose > 1) {
      let first = true;
      for (const [flag, only, name] of flagNames) {
        if (flags & flag && (!only || type === only)) {
          nd.print(first ? ' ' : ',');
          first = false;
          nd.print('<' + name + '>');
        }
      }
    }
  }
  const sport = nd.srcPort;
  const dport = nd.dstPort;
  let opcode = -1;
  if (type === DATA && nd.u32(bp + 12) === 1 && flags & CLIENT_INITIATED) {
    cacheInsert(nd, bp, dport);
    const call = calls[dport];
    if (call !== undefined) call(nd, bp, length);
  } else if (((type === DATA && nd.u32(bp + 12) === 1) || type === ABORT) && (flags & CLIENT_INITIATED) === 0 && (opcode = cacheFind(nd, bp, sport)) >= 0) {
    const reply = replies[sport];
    if (reply !== undefined) reply(nd, bp, length, opcode);
  } else if (type === ACK) ackPrint(nd, bp, length);
  nd.print(' (' + length + ')');
}

function fsPrint(nd: Dissector, bp: number, length: number): void {
  if (length <= RX_HEADER) return;
  const op = nd.u32(bp + RX_HEADER);
  nd.print(' fs call ' + tok2str(fsReq, 'op#%u', op));
  const o = new RxOut(nd);
  o.bp = bp + RX_HEADER + 4;
  rxGuard(nd, 'fs', () => {
    switch (op) {
      case 130:
        o.fid();
        o.print(' offset');
        o.uint();
        o.print(' length');
        o.uint();
        break;
      case 131:
      case 132:
      case 143:
      case 144:
      case 145:
      case 156:
      case 157:
      case 158:
        o.fid();
        break;
      case 135:
        o.fid();
        o.storeAttr();
        break;
      case 133:
        o.fid();
        o.storeAttr();
        for (const w of [' offset', ' length', ' flen']) {
          o.print(w);
          o.uint();
        }
        break;
      case 134:
        o.fid();
        acl(nd, o);
        break;
      case 137:
      case 141:
        o.fid();
        o.str(256);
        o.storeAttr();
        break;
      case 136:
      case 142:
        o.fid();
        o.str(256);
        break;
      case 138:
        o.print(' old');
        o.fid();
        o.str(256);
        o.print(' new');
        o.fid();
        o.str(256);
        break;
      case 139:
        o.fid();
        o.str(256);
        o.print(' link to');
        o.str(256);
        break;
      case 140:
        o.fid();
        o.str(256);
        o.print(' link to');
        o.fid();
        break;
      case 148:
        o.str(256);
        break;
      case 149:
      case 150:
        o.print(' volid');
        o.uint();
        break;
      case 154:
        o.print(' volname');
        o.str(256);
        break;
      case 155:
      case 65536:
        o.list(() => o.fid());
        break;
      case 65537:
        o.fid();
        o.print(' offset');
        o.uint64();
        o.print(' length');
        o.uint64();
        break;
      case 65538:
        o.fid();
        o.storeAttr();
        for (const w of [' offset', ' length', ' flen']) {
          o.print(w);
          o.uint64();
        }
        break;
      case 65541:
        o.print(' addr');
        o.uint();
    }
  });
}

function fsReplyPrint(nd: Dissector, bp: number, length: number, opcode: number): void {
  if (length <= RX_HEADER) return;
  nd.print(' fs reply ' + tok2str(fsReq, 'op#%u', opcode));
  const type = nd.u8(bp + 20);
  const o = new RxOut(nd);
  o.bp = bp + RX_HEADER;
  rxGuard(nd, 'fs', () => {
    if (type === DATA) {
      switch (opcode) {
        case 131:
          acl(nd, o);
          break;
        case 137:
        case 141:
          o.print(' new');
          o.fid();
          break;
        case 151:
          o.print(' root volume');
          o.str(256);
          break;
        case 153:
          o.date();
      }
    } else if (type === ABORT) {
      const err = o.u32();
      nd.print(' error ' + (fsErrors.get(err) ?? '#' + (err | 0)));
    } else nd.print(' strange fs reply of type ' + type);
  });
}

/** The ACL of a store-acl call or a fetch-acl reply: a counted string, as far as a NUL, parsed as acl_print does. */
function acl(nd: Dissector, o: RxOut): void {
  const n = o.u32();
  o.check(n);
  const max = Math.min(1024, n);
  let s = '';
  for (let i = 0; i < max; i++) {
    const c = nd.buf[o.bp + i];
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  aclPrint(nd, s);
}

/** sscanf's %d: white space, a sign, digits; the int it stores (a long clamped, then its low 32 bits). */
function scanInt(s: string, at: number): [number, number] | null {
  const m = /^\s*([+-]?)(\d+)/.exec(s.slice(at));
  if (m === null) return null;
  let v = BigInt(m[2]);
  const max = (1n << 63n) - 1n;
  if (m[1] === '-') v = v > max + 1n ? -(max + 1n) : -v;
  else if (v > max) v = max;
  return [Number(BigInt.asIntN(32, v)), at + m[0].length];
}

/** sscanf's "\n" (any white space) and its %n. */
function skipSpace(s: string, at: number): number {
  while (at < s.length && /\s/.test(s[at])) at++;
  return at;
}

const ACL_BITS: readonly [number, string][] = [
  [1, 'r'],
  [8, 'l'],
  [4, 'i'],
  [16, 'd'],
  [2, 'w'],
  [32, 'k'],
  [64, 'a'],
];

/** acl_print: "<positive> <negative>" then that many "<user> <rights>" lines, as " +{user rlidwka}" and " -{...}". */
function aclPrint(nd: Dissector, s: string): void {
  const pos = scanInt(s, 0);
  if (pos === null) return;
  const neg = scanInt(s, pos[1]);
  if (neg === null) return;
  let at = skipSpace(s, neg[1]);
  for (const [count, sign] of [
    [pos[0], '+'],
    [neg[0], '-'],
  ] as const) {
    for (let i = 0; i < count; i++) {
      // %1024s: white space, then up to 1024 non-space characters.
      let u = skipSpace(s, at);
      const start = u;
      while (u < s.length && u - start < 1024 && !/\s/.test(s[u])) u++;
      if (u === start) return;
      const user = s.slice(start, u);
      const rights = scanInt(s, u);
      if (rights === null) return;
      at = skipSpace(s, rights[1]);
      let text = '';
      for (let k = 0; k < user.length; k++) text += charText(user.charCodeAt(k));
      let bits = '';
      for (const [bit, ch] of ACL_BITS) if (rights[0] & bit) bits += ch;
      nd.print(' ' + sign + '{' + text + ' ' + bits + '}');
    }
  }
}

function cbPrint(nd: Dissector, bp: number, length: number): void {
  if (length <= RX_HEADER) return;
  const op = nd.u32(bp + RX_HEADER);
  nd.print(' cb call ' + tok2str(cbReq, 'op#%u', op));
  const o = new RxOut(nd);
  o.bp = bp + RX_HEADER + 4;
  rxGuard(nd, 'cb', () => {
    if (op === 204) {
      o.list(() => o.fid());
      const j = o.u32();
      if (j !== 0) o.print(';');
      for (let i = 0; i < j; i++) {
        o.print(' ver');
        o.int();
        o.print(' expires');
        o.date();
        o.u32();
      }
    } else if (op === 214) {
      o.print(' afsuuid');
      o.afsUuid();
    }
  });
}

function cbReplyPrint(nd: Dissector, bp: number, length: number, opcode: number): void {
  if (length <= RX_HEADER) return;
  nd.print(' cb reply ' + tok2str(cbReq, 'op#%u', opcode));
  const type = nd.u8(bp + 20);
  const o = new RxOut(nd);
  o.bp = bp + RX_HEADER;
  rxGuard(nd, 'cb', () => {
    if (type === DATA) {
      if (opcode === 213) o.afsUuid();
    } else {
      o.print(' errcode');
      o.int();
    }
  });
}

/** The packet numbers of an ack's entries of one kind (ACK 1 or NACK 0), runs joined as "a-b". */
function ackRuns(nd: Dissector, bp: number, nAcks: number, first: number, kind: number, word: string): void {
  let start = -2;
  let last = -2;
  let i = 0;
  for (; i < nAcks; i++) {
    if (nd.u8(bp + i) === kind) {
      if (last === -2) {
        nd.print(' ' + word + ' ' + ((first + i) >>> 0));
        start = i;
      } else if (last !== i - 1) {
        nd.print(',' + ((first + i) >>> 0));
        start = i;
      }
      last = i;
    } else if (last === i - 1 && start !== last) nd.print('-' + ((first + i - 1) >>> 0));
  }
  if (last === i - 1 && start !== last) nd.print('-' + ((first + i - 1) >>> 0));
}

function ackPrint(nd: Dissector, bp: number, length: number): void {
  if (length < RX_HEADER) return;
  bp += RX_HEADER;
  if (!nd.has(bp, 18)) {
    nd.print(' [|ack]');
    return;
  }
  const rxa = bp;
  bp += 18;
  if (nd.verbose > 2) nd.print(' bufspace ' + nd.u16(rxa) + ' maxskew ' + nd.u16(rxa + 2));
  const first = nd.u32(rxa + 4);
  nd.print(' first ' + first + ' serial ' + nd.u32(rxa + 12) + ' reason ' + tok2str(ackReasons, '#%u', nd.u8(rxa + 16)));
  const nAcks = nd.u8(rxa + 17);
  if (nAcks !== 0) {
    if (!nd.has(bp, nAcks)) {
      nd.print(' [|ack]');
      return;
    }
    ackRuns(nd, bp, nAcks, first, 1, 'acked');
    ackRuns(nd, bp, nAcks, first, 0, 'nacked');
    bp += nAcks;
  }
  bp += 3;
  if (nd.verbose > 1) {
    // TRUNCRET: stop quietly unless more than n bytes are left.
    const o = new RxOut(nd);
    o.bp = bp;
    for (const w of [' ifmtu', ' maxmtu', ' rwind', ' maxpackets']) {
      if (nd.snapend - o.bp + 1 <= 4) return;
      o.print(w);
      o.uint();
    }
  }
}

const calls: Record<number, (nd: Dissector, bp: number, length: number) => void> = {
  [FS_PORT]: fsPrint,
  [CB_PORT]: cbPrint,
  [PROT_PORT]: protPrint,
  [VLDB_PORT]: vldbPrint,
  [KAUTH_PORT]: kauthPrint,
  [VOL_PORT]: volPrint,
  [BOS_PORT]: bosPrint,
};

const replies: Record<number, (nd: Dissector, bp: number, length: number, opcode: number) => void> = {
  [FS_PORT]: fsReplyPrint,
  [CB_PORT]: cbReplyPrint,
  [PROT_PORT]: protReplyPrint,
  [VLDB_PORT]: vldbReplyPrint,
  [KAUTH_PORT]: kauthReplyPrint,
  [VOL_PORT]: volReplyPrint,
  [BOS_PORT]: bosReplyPrint,
};

udpPorts.register('rx', rxPrint);
