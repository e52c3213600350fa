import type { Dissector } from '../dissector.js';
import { tok, tok2str } from '../text.js';
import { RX_HEADER, RxOut, rxGuard } from './rx-out.js';

/**
 * The AFS database and volume services of tcpdump's print-rx.c: protection (pt),
 * volume location (vldb), Kerberos authentication (kauth), volume (vol) and basic
 * overseer (bos) calls and replies, and the Ubik calls the databases share.
 */

const ptReq = tok({
  500: 'new-user', 501: 'where-is-it', 502: 'dump-entry', 503: 'add-to-group', 504: 'name-to-id', 505: 'id-to-name', 506: 'delete',
  507: 'remove-from-group', 508: 'get-cps', 509: 'new-entry', 510: 'list-max', 511: 'set-max', 512: 'list-entry', 513: 'change-entry',
  514: 'list-elements', 515: 'same-mbr-of', 516: 'set-fld-sentry', 517: 'list-owned', 518: 'get-cps2', 519: 'get-host-cps',
  520: 'update-entry', 521: 'list-entries', 530: 'list-super-groups',
});
const vldbReq = tok({
  501: 'create-entry', 502: 'delete-entry', 503: 'get-entry-by-id', 504: 'get-entry-by-name', 505: 'get-new-volume-id', 506: 'replace-entry',
  507: 'update-entry', 508: 'setlock', 509: 'releaselock', 510: 'list-entry', 511: 'list-attrib', 512: 'linked-list', 513: 'get-stats',
  514: 'probe', 515: 'get-addrs', 516: 'change-addr', 517: 'create-entry-n', 518: 'get-entry-by-id-n', 519: 'get-entry-by-name-n',
  520: 'replace-entry-n', 521: 'list-entry-n', 522: 'list-attrib-n', 523: 'linked-list-n', 524: 'update-entry-by-name',
  525: 'create-entry-u', 526: 'get-entry-by-id-u', 527: 'get-entry-by-name-u', 528: 'replace-entry-u', 529: 'list-entry-u',
  530: 'list-attrib-u', 531: 'linked-list-u', 532: 'regaddr', 533: 'get-addrs-u', 534: 'list-attrib-n2',
});
const kauthReq = tok({
  1: 'auth-old', 21: 'authenticate', 22: 'authenticate-v2', 2: 'change-pw', 3: 'get-ticket-old', 23: 'get-ticket', 4: 'set-pw',
  5: 'set-fields', 6: 'create-user', 7: 'delete-user', 8: 'get-entry', 9: 'list-entry', 10: 'get-stats', 11: 'debug', 12: 'get-pw',
  13: 'get-random-key', 14: 'unlock', 15: 'lock-status',
});
const volReq = tok({
  100: 'create-volume', 101: 'delete-volume', 102: 'restore', 103: 'forward', 104: 'end-trans', 105: 'clone', 106: 'set-flags',
  107: 'get-flags', 108: 'trans-create', 109: 'dump', 110: 'get-nth-volume', 111: 'set-forwarding', 112: 'get-name', 113: 'get-status',
  114: 'sig-restore', 115: 'list-partitions', 116: 'list-volumes', 117: 'set-id-types', 118: 'monitor', 119: 'partition-info',
  120: 'reclone', 121: 'list-one-volume', 122: 'nuke', 123: 'set-date', 124: 'x-list-volumes', 125: 'x-list-one-volume', 126: 'set-info',
  127: 'x-list-partitions', 128: 'forward-multiple', 65536: 'convert-ro', 65537: 'get-size', 65538: 'dump-v2',
});
const bosReq = tok({
  80: 'create-bnode', 81: 'delete-bnode', 82: 'set-status', 83: 'get-status', 84: 'enumerate-instance', 85: 'get-instance-info',
  86: 'get-instance-parm', 87: 'add-superuser', 88: 'delete-superuser', 89: 'list-superusers', 90: 'list-keys', 91: 'add-key',
  92: 'delete-key', 93: 'set-cell-name', 94: 'get-cell-name', 95: 'get-cell-host', 96: 'add-cell-host', 97: 'delete-cell-host',
  98: 'set-t-status', 99: 'shutdown-all', 100: 'restart-all', 101: 'startup-all', 102: 'set-noauth-flag', 103: 're-bozo', 104: 'restart',
  105: 'start-bozo-install', 106: 'uninstall', 107: 'get-dates', 108: 'exec', 109: 'prune', 110: 'set-restart-time',
  111: 'get-restart-time', 112: 'start-bozo-log', 113: 'wait-all', 114: 'get-instance-strings', 115: 'get-restricted', 116: 'set-restricted',
});
const voltype = ['read-write', 'read-only', 'backup'];

const PRNAMEMAX = 64;
const VLNAMEMAX = 65;
const KANAMEMAX = 64;
const AFSNAMEMAX = 256;
const BOSNAMEMAX = 256;

/** Prints each word's label and then the value its printer reads. */
function fields(o: RxOut, ...items: [string, () => void][]): void {
  for (const [label, out] of items) {
    o.print(label);
    out();
  }
}

function start(nd: Dissector, bp: number, offset: number): RxOut {
  const o = new RxOut(nd);
  o.bp = bp + offset;
  return o;
}

/** The errcode of a reply that is not a data packet. */
function errcode(o: RxOut): void {
  o.print(' errcode');
  o.int();
}

const ubikReq = tok({
  10000: 'vote-beacon', 10001: 'vote-debug-old', 10002: 'vote-sdebug-old', 10003: 'vote-getsyncsite', 10004: 'vote-debug', 10005: 'vote-sdebug',
  10006: 'vote-xdebug', 10007: 'vote-xsdebug', 20000: 'disk-begin', 20001: 'disk-commit', 20002: 'disk-lock', 20003: 'disk-write',
  20004: 'disk-getversion', 20005: 'disk-getfile', 20006: 'disk-sendfile', 20007: 'disk-abort', 20008: 'disk-releaselocks',
  20009: 'disk-truncate', 20010: 'disk-probe', 20011: 'disk-writev', 20012: 'disk-interfaceaddr', 20013: 'disk-setversion',
});

export function isUbik(op: number): boolean {
  return (op >= 10000 && op <= 10007) || (op >= 20000 && op <= 20013);
}

export function ubikPrint(nd: Dissector, bp: number): void {
  const op = nd.u32(bp + RX_HEADER);
  nd.print(' ubik call ' + tok2str(ubikReq, 'op#%u', op));
  const o = new RxOut(nd);
  o.bp = bp + RX_HEADER + 4;
  rxGuard(nd, 'ubik', () => {
    switch (op) {
      case 10000: {
        const t = o.u32();
        o.print(' syncsite ' + (t ? 'yes' : 'no'));
        o.print(' votestart');
        o.date();
        o.print(' dbversion');
        o.ubikVersion();
        o.print(' tid');
        o.ubikVersion();
        break;
      }
      case 10003:
        o.print(' site');
        o.uint();
        break;
      case 20000:
      case 20001:
      case 20007:
      case 20008:
      case 20010:
        o.print(' tid');
        o.ubikVersion();
        break;
      case 20002:
        o.print(' tid');
        o.ubikVersion();
        for (const w of [' file', ' pos', ' length']) {
          o.print(w);
          o.int();
        }
        o.u32();
        break;
      case 20003:
        o.print(' tid');
        o.ubikVersion();
        o.print(' file');
        o.int();
        o.print(' pos');
        o.int();
        break;
      case 20005:
        o.print(' file');
        o.int();
        break;
      case 20006:
        o.print(' file');
        o.int();
        o.print(' length');
        o.int();
        o.print(' dbversion');
        o.ubikVersion();
        break;
      case 20009:
        o.print(' tid');
        o.ubikVersion();
        o.print(' file');
        o.int();
        o.print(' length');
        o.int();
        break;
      case 20012:
        o.print(' tid');
        o.ubikVersion();
        o.print(' oldversion');
        o.ubikVersion();
        o.print(' newversion');
        o.ubikVersion();
    }
  });
}

export function ubikReplyPrint(nd: Dissector, bp: number, length: number, opcode: number): void {
  if (length < RX_HEADER) return;
  nd.print(' ubik reply ' + tok2str(ubikReq, 'op#%u', opcode));
  const type = nd.u8(bp + 20);
  const o = new RxOut(nd);
  o.bp = bp + RX_HEADER;
  rxGuard(nd, 'ubik', () => {
    if (type === 1) {
      if (opcode === 10000) o.print(' vote no');
      else if (opcode === 20004) {
        o.print(' dbversion');
        o.ubikVersion();
      }
    } else if (opcode === 10000) {
      o.print(' vote yes until');
      o.date();
    } else {
      o.print(' errcode');
      o.int();
    }
  });
}


export function protPrint(nd: Dissector, bp: number, length: number): void {
  if (length <= RX_HEADER) return;
  const op = nd.u32(bp + RX_HEADER);
  nd.print(' pt');
  if (isUbik(op)) return ubikPrint(nd, bp);
  nd.print(' call ' + tok2str(ptReq, 'op#%u', op));
  const o = start(nd, bp, RX_HEADER + 4);
  const int = () => o.int();
  rxGuard(nd, 'pt', () => {
    switch (op) {
      case 500:
        o.str(PRNAMEMAX);
        fields(o, [' id', int], [' oldid', int]);
        break;
      case 501:
      case 506:
      case 508:
      case 512:
      case 514:
      case 517:
      case 518:
      case 519:
      case 530:
        fields(o, [' id', int]);
        break;
      case 502:
        fields(o, [' pos', int]);
        break;
      case 503:
      case 507:
      case 515:
        fields(o, [' uid', int], [' gid', int]);
        break;
      case 504:
        o.each(() => o.vec(PRNAMEMAX));
        break;
      case 505:
        o.print(' ids:');
        o.each(int);
        break;
      case 509:
        o.str(PRNAMEMAX);
        fields(o, [' flag', int], [' oid', int]);
        break;
      case 511:
        fields(o, [' id', int], [' gflag', int]);
        break;
      case 513:
        fields(o, [' id', int]);
        o.str(PRNAMEMAX);
        fields(o, [' oldid', int], [' newid', int]);
        break;
      case 520:
        fields(o, [' id', int]);
        o.str(PRNAMEMAX);
    }
  });
}

export function protReplyPrint(nd: Dissector, bp: number, length: number, opcode: number): void {
  if (length < RX_HEADER) return;
  nd.print(' pt');
  if (isUbik(opcode)) return ubikReplyPrint(nd, bp, length, opcode);
  nd.print(' reply ' + tok2str(ptReq, 'op#%u', opcode));
  const type = nd.u8(bp + 20);
  const o = start(nd, bp, RX_HEADER);
  rxGuard(nd, 'pt', () => {
    if (type !== 1) return errcode(o);
    switch (opcode) {
      case 504:
        o.print(' ids:');
        o.each(() => o.int());
        break;
      case 505:
        o.each(() => o.vec(PRNAMEMAX));
        break;
      case 508:
      case 514:
      case 517:
      case 518:
      case 519:
        o.each(() => o.int());
        break;
      case 510:
        fields(o, [' maxuid', () => o.int()], [' maxgid', () => o.int()]);
    }
  });
}

/** A volume id and, when it is one of the three, its type. */
function volidAndType(o: RxOut): void {
  o.print(' volid');
  o.int();
  const i = o.u32();
  if (i <= 2) o.print(' type ' + voltype[i]);
}

export function vldbPrint(nd: Dissector, bp: number, length: number): void {
  if (length <= RX_HEADER) return;
  const op = nd.u32(bp + RX_HEADER);
  nd.print(' vldb');
  if (isUbik(op)) return ubikPrint(nd, bp);
  nd.print(' call ' + tok2str(vldbReq, 'op#%u', op));
  const o = start(nd, bp, RX_HEADER + 4);
  rxGuard(nd, 'vldb', () => {
    switch (op) {
      case 501:
      case 517:
        o.vec(VLNAMEMAX);
        break;
      case 502:
      case 503:
      case 507:
      case 508:
      case 509:
      case 518:
        volidAndType(o);
        break;
      case 504:
      case 519:
      case 524:
      case 527:
        o.str(VLNAMEMAX);
        break;
      case 505:
        fields(o, [' bump', () => o.int()]);
        break;
      case 506:
      case 520:
        volidAndType(o);
        o.vec(VLNAMEMAX);
        break;
      case 510:
      case 521:
        fields(o, [' index', () => o.int()]);
    }
  });
}

/** The partitions of a VLDB entry's n servers: a letter each, or the number when it is not one. */
function partitions(o: RxOut, slots: number, nservers: number): void {
  o.print(' partitions');
  for (let i = 0; i < slots; i++) {
    const j = o.u32();
    if (i < nservers && j <= 26) o.print(' ' + String.fromCharCode(0x61 + j));
    else if (i < nservers) o.print(' ' + j);
  }
}

/** The end of a VLDB entry: the server flags (skipped) and the three volume ids. */
function volumeIds(o: RxOut, slots: number): void {
  o.check(slots * 4);
  o.bp += slots * 4;
  fields(o, [' rwvol', () => o.uint()], [' rovol', () => o.uint()], [' backup', () => o.uint()]);
}

/** A VLDB entry with servers given by their addresses (slots of them: 8, or 13 in the N forms). */
function vldbEntry(nd: Dissector, o: RxOut, slots: number, skipWord: boolean): void {
  o.vec(VLNAMEMAX);
  if (skipWord) {
    o.check(4);
    o.bp += 4;
  }
  o.print(' numservers');
  const nservers = o.u32();
  o.print(' ' + nservers);
  o.print(' servers');
  for (let i = 0; i < slots; i++) {
    o.check(4);
    if (i < nservers) o.print(' ' + nd.ipv4(o.bp));
    o.bp += 4;
  }
  partitions(o, slots, nservers);
  volumeIds(o, slots);
}

export function vldbReplyPrint(nd: Dissector, bp: number, length: number, opcode: number): void {
  if (length < RX_HEADER) return;
  nd.print(' vldb');
  if (isUbik(opcode)) return ubikReplyPrint(nd, bp, length, opcode);
  nd.print(' reply ' + tok2str(vldbReq, 'op#%u', opcode));
  const type = nd.u8(bp + 20);
  const o = start(nd, bp, RX_HEADER);
  const count = () => fields(o, [' count', () => o.int()], [' nextindex', () => o.int()]);
  rxGuard(nd, 'vldb', () => {
    if (type !== 1) return errcode(o);
    switch (opcode) {
      case 510:
        count();
        vldbEntry(nd, o, 8, true);
        break;
      case 503:
      case 504:
        vldbEntry(nd, o, 8, true);
        break;
      case 505:
        fields(o, [' newvol', () => o.uint()]);
        break;
      case 521:
      case 529:
        count();
        vldbEntry(nd, o, 13, false);
        break;
      case 518:
      case 519:
        vldbEntry(nd, o, 13, false);
        break;
      case 526:
      case 527: {
        o.vec(VLNAMEMAX);
        o.print(' numservers');
        const nservers = o.u32();
        o.print(' ' + nservers);
        o.print(' servers');
        for (let i = 0; i < 13; i++) {
          if (i < nservers) {
            o.print(' afsuuid');
            o.afsUuid();
          } else {
            o.check(44);
            o.bp += 44;
          }
        }
        o.check(4 * 13);
        o.bp += 4 * 13;
        partitions(o, 13, nservers);
        volumeIds(o, 13);
      }
    }
  });
}

export function kauthPrint(nd: Dissector, bp: number, length: number): void {
  if (length <= RX_HEADER) return;
  const op = nd.u32(bp + RX_HEADER);
  nd.print(' kauth');
  if (isUbik(op)) return ubikPrint(nd, bp);
  nd.print(' call ' + tok2str(kauthReq, 'op#%u', op));
  const o = start(nd, bp, RX_HEADER + 4);
  const principal = () => {
    o.print(' principal');
    o.str(KANAMEMAX);
    o.str(KANAMEMAX);
  };
  rxGuard(nd, 'kauth', () => {
    switch (op) {
      case 1:
      case 21:
      case 22:
      case 2:
      case 5:
      case 6:
      case 7:
      case 8:
      case 14:
      case 15:
        principal();
        break;
      case 3:
      case 23: {
        fields(o, [' kvno', () => o.int()], [' domain', () => o.str(KANAMEMAX)]);
        const i = o.u32();
        o.check(i);
        o.bp += i;
        principal();
        break;
      }
      case 4:
        principal();
        fields(o, [' kvno', () => o.int()]);
        break;
      case 12:
        fields(o, [' name', () => o.str(KANAMEMAX)]);
    }
  });
}

/** The reply of a service whose data replies print nothing (kauth, bos): the error code otherwise. */
function errcodeOnly(nd: Dissector, bp: number, type: number): void {
  if (type !== 1) errcode(start(nd, bp, RX_HEADER));
}

export function kauthReplyPrint(nd: Dissector, bp: number, length: number, opcode: number): void {
  if (length <= RX_HEADER) return;
  nd.print(' kauth');
  if (isUbik(opcode)) return ubikReplyPrint(nd, bp, length, opcode);
  nd.print(' reply ' + tok2str(kauthReq, 'op#%u', opcode));
  errcodeOnly(nd, bp, nd.u8(bp + 20));
}

export function volPrint(nd: Dissector, bp: number, length: number): void {
  if (length <= RX_HEADER) return;
  const op = nd.u32(bp + RX_HEADER);
  nd.print(' vol call ' + tok2str(volReq, 'op#%u', op));
  const o = start(nd, bp, RX_HEADER + 4);
  const uint = () => o.uint();
  const int = () => o.int();
  const date = () => o.date();
  const name = () => o.str(AFSNAMEMAX);
  rxGuard(nd, 'vol', () => {
    switch (op) {
      case 100:
        fields(o, [' partition', uint], [' name', name], [' type', uint], [' parent', uint]);
        break;
      case 101:
      case 107:
        fields(o, [' trans', uint]);
        break;
      case 102:
        fields(o, [' totrans', uint], [' flags', uint]);
        break;
      case 103:
        fields(o, [' fromtrans', uint], [' fromdate', date]);
        o.destServer();
        fields(o, [' desttrans', int]);
        break;
      case 104:
        fields(o, [' trans', uint]);
        break;
      case 105:
        fields(o, [' trans', uint], [' purgevol', uint], [' newtype', uint], [' newname', name]);
        break;
      case 106:
        fields(o, [' trans', uint], [' flags', uint]);
        break;
      case 108:
        fields(o, [' vol', uint], [' partition', uint], [' flags', uint]);
        break;
      case 109:
      case 655537:
        fields(o, [' fromtrans', uint], [' fromdate', date]);
        break;
      case 110:
        fields(o, [' index', uint]);
        break;
      case 111:
        fields(o, [' tid', uint], [' newsite', uint]);
        break;
      case 112:
      case 113:
        o.print(' tid');
        break;
      case 114:
        fields(o, [' name', name], [' type', uint], [' pid', uint], [' cloneid', uint]);
        break;
      case 116:
        fields(o, [' partition', uint], [' flags', uint]);
        break;
      case 117:
        fields(o, [' tid', uint], [' name', name], [' type', uint], [' pid', uint], [' clone', uint], [' backup', uint]);
        break;
      case 119:
        fields(o, [' name', name]);
        break;
      case 120:
        fields(o, [' tid', uint]);
        break;
      case 121:
      case 122:
      case 124:
      case 125:
      case 65536:
        fields(o, [' partid', uint], [' volid', uint]);
        break;
      case 123:
        fields(o, [' tid', uint], [' date', date]);
        break;
      case 126:
        fields(o, [' tid', uint]);
        break;
      case 128:
        fields(o, [' fromtrans', uint], [' fromdate', date]);
        o.list(() => o.destServer());
        break;
      case 65538:
        fields(o, [' fromtrans', uint], [' fromdate', date], [' flags', uint]);
    }
  });
}

export function volReplyPrint(nd: Dissector, bp: number, length: number, opcode: number): void {
  if (length <= RX_HEADER) return;
  nd.print(' vol reply ' + tok2str(volReq, 'op#%u', opcode));
  const type = nd.u8(bp + 20);
  const o = start(nd, bp, RX_HEADER);
  const uint = () => o.uint();
  const date = () => o.date();
  rxGuard(nd, 'vol', () => {
    if (type !== 1) return errcode(o);
    switch (opcode) {
      case 100:
        fields(o, [' volid', uint], [' trans', uint]);
        break;
      case 104:
      case 107:
        o.uint();
        break;
      case 105:
        fields(o, [' newvol', uint]);
        break;
      case 108:
        fields(o, [' trans', uint]);
        break;
      case 110:
        fields(o, [' volume', uint], [' partition', uint]);
        break;
      case 112:
        o.str(AFSNAMEMAX);
        break;
      case 113:
        fields(
          o,
          [' volid', uint], [' nextuniq', uint], [' type', uint], [' parentid', uint], [' clone', uint], [' backup', uint], [' restore', uint],
          [' maxquota', uint], [' minquota', uint], [' owner', uint], [' create', date], [' access', date], [' update', date], [' expire', date],
          [' backup', date], [' copy', date],
        );
        break;
      case 116:
      case 121:
        o.list(() => {
          fields(o, [' name', () => o.vec(32)], [' volid', uint]);
          o.print(' type');
          o.bp += 4 * 21;
        });
    }
  });
}

export function bosPrint(nd: Dissector, bp: number, length: number): void {
  if (length <= RX_HEADER) return;
  const op = nd.u32(bp + RX_HEADER);
  nd.print(' bos call ' + tok2str(bosReq, 'op#%u', op));
  const o = start(nd, bp, RX_HEADER + 4);
  const int = () => o.int();
  const name = () => o.str(BOSNAMEMAX);
  rxGuard(nd, 'bos', () => {
    switch (op) {
      case 80:
        fields(o, [' type', name], [' instance', name]);
        break;
      case 81:
      case 83:
      case 85:
      case 87:
      case 88:
      case 93:
      case 96:
      case 97:
      case 104:
      case 106:
      case 108:
      case 112:
      case 114:
        name();
        break;
      case 82:
      case 98:
        name();
        fields(o, [' status', int]);
        break;
      case 86:
        name();
        fields(o, [' num', int]);
        break;
      case 84:
      case 89:
      case 90:
      case 91:
      case 92:
      case 95:
        int();
        break;
      case 105:
        name();
        fields(o, [' size', int], [' flags', int], [' date', int]);
    }
  });
}

export function bosReplyPrint(nd: Dissector, bp: number, length: number, opcode: number): void {
  if (length <= RX_HEADER) return;
  nd.print(' bos reply ' + tok2str(bosReq, 'op#%u', opcode));
  errcodeOnly(nd, bp, nd.u8(bp + 20));
}
