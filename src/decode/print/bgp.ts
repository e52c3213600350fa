import type { Dissector } from '../dissector.js';
import { hexPrint, printUnknownData } from '../hex.js';
import { tcpPorts } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { afValues } from './af.js';
import { attrPrint, attrValues, checkAddPath, flagsText, safiValues } from './bgp-attr.js';
import { decodePrefix4, prefix } from './prefix.js';
import { charText } from './tcp.js';

/** BGP over TCP port 179 (tcpdump's print-bgp.c): messages here, path attributes in bgp-attr.ts, NLRI encodings in bgp-nlri.ts. */

const HDR = 19;
const OPEN_SIZE = 29;
const NOTIFICATION_SIZE = 21;
const ROUTE_REFRESH_SIZE = 23;

const msgValues = tok({ 1: 'Open', 2: 'Update', 3: 'Notification', 4: 'Keepalive', 5: 'Route Refresh' });
const optValues = tok({ 1: 'Authentication Information', 2: 'Capabilities Advertisement' });
const capcodeValues = tok({
  1: 'Multiprotocol Extensions',
  2: 'Route Refresh',
  3: 'Cooperative Route Filtering',
  4: 'Multiple Routes to a Destination',
  5: 'Extended Next Hop Encoding',
  8: 'Multiple Labels',
  64: 'Graceful Restart',
  65: '32-Bit AS Number',
  67: 'Dynamic Capability',
  68: 'Multisession BGP',
  69: 'Multiple Paths',
  70: 'Enhanced Route Refresh',
  71: 'Long-lived Graceful Restart',
  128: 'Route Refresh (Cisco)',
});
const notifyMajorValues = tok({
  1: 'Message Header Error',
  2: 'OPEN Message Error',
  3: 'UPDATE Message Error',
  4: 'Hold Timer Expired',
  5: 'Finite State Machine Error',
  6: 'Cease',
  7: 'Capability Message Error',
});
const notifyMinor = new Map<number, ReadonlyMap<number, string>>([
  [1, tok({ 1: 'Connection Not Synchronized', 2: 'Bad Message Length', 3: 'Bad Message Type' })],
  [
    2,
    tok({
      1: 'Unsupported Version Number',
      2: 'Bad Peer AS',
      3: 'Bad BGP Identifier',
      4: 'Unsupported Optional Parameter',
      5: 'Authentication Failure',
      6: 'Unacceptable Hold Time',
      7: 'Capability Message Error',
    }),
  ],
  [
    3,
    tok({
      1: 'Malformed Attribute List',
      2: 'Unrecognized Well-known Attribute',
      3: 'Missing Well-known Attribute',
      4: 'Attribute Flags Error',
      5: 'Attribute Length Error',
      6: 'Invalid ORIGIN Attribute',
      7: 'AS Routing Loop',
      8: 'Invalid NEXT_HOP Attribute',
      9: 'Optional Attribute Error',
      10: 'Invalid Network Field',
      11: 'Malformed AS_PATH',
    }),
  ],
  [5, tok({ 0: 'Unspecified Error', 1: 'In OpenSent State', 2: 'In OpenConfirm State', 3: 'In Established State' })],
  [7, tok({ 1: 'Invalid Action Value', 2: 'Invalid Capability Length', 3: 'Malformed Capability Value', 4: 'Unsupported Capability Code' })],
  [
    6,
    tok({
      1: 'Maximum Number of Prefixes Reached',
      2: 'Administrative Shutdown',
      3: 'Peer Unconfigured',
      4: 'Administrative Reset',
      5: 'Connection Rejected',
      6: 'Other Configuration Change',
      7: 'Connection Collision Resolution',
    }),
  ],
]);
const addPathValues = tok({ 1: 'Receive', 2: 'Send', 3: 'Both' });

function capabilitiesPrint(nd: Dissector, opt: number, capsLen: number): void {
  let i = 0;
  const afSafi = (at: number) => 'AFI ' + tok2str(afValues, 'Unknown', nd.u16(at)) + ' (' + nd.u16(at) + '), SAFI ' + tok2str(safiValues, 'Unknown', nd.u8(at + 2)) + ' (' + nd.u8(at + 2) + ')';
  while (i < capsLen) {
    if (!nd.has(opt + i, 2)) return nd.printTrunc();
    const type = nd.u8(opt + i);
    const len = nd.u8(opt + i + 1);
    nd.printBreak('\n\t      ' + tok2str(capcodeValues, 'Unknown', type) + ' (' + type + '), length: ' + len);
    if (!nd.has(opt + 2 + i, len)) return nd.printTrunc();
    const v = opt + i + 2;
    switch (type) {
      case 1:
        if (len < 4) {
          nd.print(' (too short, < 4)');
          return;
        }
        nd.printBreak('\n\t\tAFI ' + tok2str(afValues, 'Unknown', nd.u16(v)) + ' (' + nd.u16(v) + '), SAFI ' + tok2str(safiValues, 'Unknown', nd.u8(v + 3)) + ' (' + nd.u8(v + 3) + ')');
        break;
      case 8:
        for (let t = len, off = 0; t >= 4; t -= 4, off += 4) nd.printBreak('\n\t\t' + afSafi(v + off) + ', Count: ' + nd.u8(v + off + 3));
        break;
      case 64:
        if (len < 2) {
          nd.print(' (too short, < 2)');
          return;
        }
        nd.printBreak('\n\t\tRestart Flags: [' + (nd.u8(v) & 0x80 ? 'R' : 'none') + '], Restart Time ' + (nd.u16(v) & 0xfff) + 's');
        for (let t = len - 2, off = 2; t >= 4; t -= 4, off += 4) {
          nd.printBreak('\n\t\t  ' + afSafi(v + off) + ', Forwarding state preserved: ' + (nd.u8(v + off + 3) & 0x80 ? 'yes' : 'no'));
        }
        break;
      case 2:
      case 71:
      case 128:
        break;
      case 65:
        if (len < 4) {
          nd.print(' (too short, < 4)');
          return;
        }
        nd.printBreak('\n\t\t 4 Byte AS ' + nd.u32(v));
        break;
      case 69: {
        if (len === 0) {
          nd.print(' (bogus)');
          break;
        }
        for (let t = len, off = 0; t !== 0; t -= 4, off += 4) {
          if (t < 4) {
            nd.printInvalid();
            break;
          }
          nd.printBreak('\n\t\t' + afSafi(v + off) + ', Send/Receive: ' + tok2str(addPathValues, 'Bogus (0x%02x)', nd.u8(v + off + 3)));
        }
        break;
      }
      default:
        nd.printBreak('\n\t\tno decoder for Capability ' + type);
        if (nd.verbose <= 1) printUnknownData(nd, v, '\n\t\t', len);
    }
    if (nd.verbose > 1 && len !== 0) printUnknownData(nd, v, '\n\t\t', len);
    i += 2 + len;
  }
}

function openPrint(nd: Dissector, dat: number, length: number): void {
  if (!nd.has(dat, OPEN_SIZE) || length < OPEN_SIZE) return nd.printTrunc();
  nd.printBreak('\n\t  Version ' + nd.u8(dat + 19) + ', ');
  nd.print('my AS ' + nd.u16(dat + 20) + ', ');
  nd.print('Holdtime ' + nd.u16(dat + 22) + 's, ');
  nd.print('ID ' + nd.ipv4(dat + 24));
  const optslen = nd.u8(dat + 28);
  nd.printBreak('\n\t  Optional parameters, length: ' + optslen);
  const opt = dat + OPEN_SIZE;
  length -= OPEN_SIZE;
  let i = 0;
  while (i < optslen) {
    if (!nd.has(opt + i, 2) || length < 2 + i) return nd.printTrunc();
    const type = nd.u8(opt + i);
    const len = nd.u8(opt + i + 1);
    if (2 + i + len > optslen) {
      nd.printBreak('\n\t     Option ' + type + ', length: ' + len + ', goes past the end of the options');
      break;
    }
    nd.printBreak('\n\t    Option ' + tok2str(optValues, 'Unknown', type) + ' (' + type + '), length: ' + len);
    if (type === 2) capabilitiesPrint(nd, opt + 2 + i, len);
    else nd.printBreak('\n\t      no decoder for option ' + type);
    i += 2 + len;
  }
}

function updatePrint(nd: Dissector, dat: number, length: number): void {
  if (!nd.has(dat, HDR) || length < HDR) return nd.printTrunc();
  let p = dat + HDR;
  length -= HDR;
  if (!nd.has(p, 2) || length < 2) return nd.printTrunc();
  let withdrawn = nd.u16(p);
  p += 2;
  length -= 2;
  if (withdrawn > 1) {
    if (!nd.has(p, withdrawn) || length < withdrawn) return nd.printTrunc();
    nd.printBreak('\n\t  Withdrawn routes:');
    const addPath = checkAddPath(nd, p, withdrawn, 32);
    let pathId = 0;
    while (withdrawn !== 0) {
      if (addPath) {
        if (withdrawn < 4) {
          p += withdrawn;
          length -= withdrawn;
          break;
        }
        pathId = nd.u32(p);
        p += 4;
        length -= 4;
        withdrawn -= 4;
      }
      const n = decodePrefix4(nd, p, withdrawn);
      if (n === -1) {
        nd.printBreak('\n\t    (illegal prefix length)');
        break;
      }
      if (n === -2) return nd.printTrunc();
      nd.printBreak('\n\t    ' + prefix.text);
      if (addPath) nd.print('   Path Id: ' + pathId);
      p += n;
      length -= n;
      withdrawn -= n;
    }
  } else {
    if (!nd.has(p, withdrawn) || length < withdrawn) return nd.printTrunc();
    p += withdrawn;
    length -= withdrawn;
  }
  if (!nd.has(p, 2) || length < 2) return nd.printTrunc();
  let len = nd.u16(p);
  p += 2;
  length -= 2;
  if (withdrawn === 0 && len === 0 && length === 0) {
    nd.printBreak('\n\t  End-of-Rib Marker (empty NLRI)');
    return;
  }
  if (len) {
    if (length < len) return nd.printTrunc();
    while (len) {
      if (!nd.has(p, 2) || length < 2) return nd.printTrunc();
      if (len < 2) {
        nd.printBreak('\n\t  [path attrs too short]');
        p += len;
        length -= len;
        break;
      }
      const aflags = nd.u8(p);
      const atype = nd.u8(p + 1);
      p += 2;
      len -= 2;
      length -= 2;
      const alenlen = aflags & 0x10 ? 2 : 1;
      if (!nd.has(p, alenlen) || length < alenlen) return nd.printTrunc();
      if (len < alenlen) {
        nd.printBreak('\n\t  [path attrs too short]');
        p += len;
        length -= len;
        break;
      }
      const alen = alenlen === 2 ? nd.u16(p) : nd.u8(p);
      p += alenlen;
      len -= alenlen;
      length -= alenlen;
      nd.printBreak('\n\t  ' + tok2str(attrValues, 'Unknown Attribute', atype) + ' (' + atype + '), length: ' + alen);
      if (aflags) nd.print(flagsText(aflags) + ']: ');
      if (len < alen) {
        nd.print(' [path attrs too short]');
        p += len;
        length -= len;
        break;
      }
      if (length < alen) return nd.printTrunc();
      if (!attrPrint(nd, atype, p, alen, 0)) return nd.printTrunc();
      p += alen;
      len -= alen;
      length -= alen;
    }
  }
  if (length) {
    const addPath = checkAddPath(nd, p, length, 32);
    nd.printBreak('\n\t  Updated routes:');
    let pathId = 0;
    while (length !== 0) {
      if (addPath) {
        if (!nd.has(p, 4) || length < 4) return nd.printTrunc();
        pathId = nd.u32(p);
        p += 4;
        length -= 4;
      }
      const n = decodePrefix4(nd, p, length);
      if (n === -1) {
        nd.printBreak('\n\t    (illegal prefix length)');
        break;
      }
      if (n === -2) return nd.printTrunc();
      nd.printBreak('\n\t    ' + prefix.text);
      if (addPath) nd.print('   Path Id: ' + pathId);
      p += n;
      length -= n;
    }
  }
}

function notificationPrint(nd: Dissector, dat: number, length: number): void {
  if (!nd.has(dat, NOTIFICATION_SIZE)) return nd.printTrunc();
  if (length < NOTIFICATION_SIZE) return;
  const major = nd.u8(dat + 19);
  const minor = nd.u8(dat + 20);
  nd.print(', ' + tok2str(notifyMajorValues, 'Unknown Error', major) + ' (' + major + ')');
  const minors = notifyMinor.get(major);
  if (minors === undefined) return;
  // tcpdump has no comma before the FSM and capability subcodes.
  nd.print((major === 5 || major === 7 ? ' subcode ' : ', subcode ') + tok2str(minors, 'Unknown', minor) + ' (' + minor + ')');
  if (major !== 6) return;
  const tptr = dat + NOTIFICATION_SIZE;
  if (minor === 1 && length >= NOTIFICATION_SIZE + 7) {
    nd.print(
      ', AFI ' +
        tok2str(afValues, 'Unknown', nd.u16(tptr)) +
        ' (' +
        nd.u16(tptr) +
        '), SAFI ' +
        tok2str(safiValues, 'Unknown', nd.u8(tptr + 2)) +
        ' (' +
        nd.u8(tptr + 2) +
        '), Max Prefixes: ' +
        nd.u32(tptr + 3),
    );
  }
  if ((minor === 2 || minor === 4) && length >= NOTIFICATION_SIZE + 1) {
    const commLen = nd.u8(tptr);
    let remainder = 0;
    if (commLen > length - (NOTIFICATION_SIZE + 1)) nd.print(', invalid Shutdown Communication length');
    else if (commLen === 0) {
      nd.print(', empty Shutdown Communication');
      remainder += 1;
    } else {
      nd.print(', Shutdown Communication (length: ' + commLen + '): "');
      for (let i = 0; i < commLen; i++) nd.print(charText(nd.u8(tptr + 1 + i)));
      nd.print('"');
      remainder = (remainder + commLen + 1) & 0xff;
    }
    const rest = (length - (remainder + NOTIFICATION_SIZE)) >>> 0;
    if (rest > 0) {
      nd.print(', Data: (length: ' + rest + ')');
      hexPrint(nd, '\n\t\t', tptr + remainder, rest);
    }
  }
}

function routeRefreshPrint(nd: Dissector, pptr: number, len: number): void {
  if (!nd.has(pptr, ROUTE_REFRESH_SIZE)) return nd.printTrunc();
  if (len < ROUTE_REFRESH_SIZE) return;
  nd.printBreak(
    '\n\t  AFI ' + tok2str(afValues, 'Unknown', nd.u16(pptr + 19)) + ' (' + nd.u16(pptr + 19) + '), SAFI ' + tok2str(safiValues, 'Unknown', nd.u8(pptr + 22)) + ' (' + nd.u8(pptr + 22) + ')',
  );
  if (nd.verbose > 1) {
    if (!nd.has(pptr, len)) return nd.printTrunc();
    printUnknownData(nd, pptr, '\n\t  ', len);
  }
}

/** One message: false when cut short (tcpdump stops the packet there). */
function pduPrint(nd: Dissector, dat: number, length: number): boolean {
  if (!nd.has(dat, HDR)) {
    nd.printTrunc();
    return false;
  }
  const type = nd.u8(dat + 18);
  nd.printBreak('\n\t' + tok2str(msgValues, 'Unknown', type) + ' Message (' + type + '), length: ' + length);
  switch (type) {
    case 1:
      openPrint(nd, dat, length);
      break;
    case 2:
      updatePrint(nd, dat, length);
      break;
    case 3:
      notificationPrint(nd, dat, length);
      break;
    case 4:
      break;
    case 5:
      routeRefreshPrint(nd, dat, length);
      break;
    default:
      if (!nd.has(dat, length)) {
        nd.printTrunc();
        return false;
      }
      nd.printBreak('\n\t  no Message ' + type + ' decoder');
      printUnknownData(nd, dat, '\n\t  ', length);
  }
  return true;
}

function isMarker(nd: Dissector, p: number): boolean {
  for (let i = 0; i < 16; i++) if (nd.buf[p + i] !== 0xff) return false;
  return true;
}

export function bgpPrint(nd: Dissector, dat: number, _length: number): void {
  nd.protocol = 'bgp';
  nd.print(': BGP');
  if (nd.verbose < 1) return;
  const ep = nd.snapend;
  let p = dat;
  let start = p;
  // Messages are found by their all-ones marker: a segment may start in the middle of one.
  while (p < ep) {
    if (!nd.has(p, 1)) break;
    if (nd.u8(p) !== 0xff) {
      p++;
      continue;
    }
    if (!nd.has(p, 16)) break;
    if (!isMarker(nd, p)) {
      p++;
      continue;
    }
    if (!nd.has(p, HDR)) return nd.printTrunc();
    if (start !== p) nd.printTrunc();
    const hlen = nd.u16(p + 16);
    if (hlen < HDR) {
      nd.printBreak('\nmessage length ' + hlen + ' < ' + HDR);
      nd.printInvalid();
      break;
    }
    if (nd.has(p, hlen)) {
      if (!pduPrint(nd, p, hlen)) return;
      p += hlen;
      start = p;
    } else {
      nd.printBreak('\n[|BGP ' + tok2str(msgValues, 'Unknown Message Type', nd.u8(p + 18)) + ']');
      break;
    }
  }
}

tcpPorts.register('bgp', bgpPrint);

