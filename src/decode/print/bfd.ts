import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { udpPorts } from '../registry.js';
import { bittok2str, hex, hex2, tok, tok2str } from '../text.js';
import { charText } from './tcp.js';
import { toks } from './strings.js';

/** BFD control and echo packets (tcpdump's print-bfd.c). */

const CONTROL = 3784;
const MULTIHOP = 4784;
const LAG = 6784;
const ECHO = 3785;
const FLAG_AUTH = 0x04;

const authValues = tok({ 1: 'Simple Password', 2: 'Keyed MD5', 3: 'Meticulous Keyed MD5', 4: 'Keyed SHA1', 5: 'Meticulous Keyed SHA1' });
const diagValues = tok({
  0: 'No Diagnostic',
  1: 'Control Detection Time Expired',
  2: 'Echo Function Failed',
  3: 'Neighbor Signaled Session Down',
  4: 'Forwarding Plane Reset',
  5: 'Path Down',
  6: 'Concatenated Path Down',
  7: 'Administratively Down',
  8: 'Reverse Concatenated Path Down',
});
const portValues = tok({ [CONTROL]: 'Control', [MULTIHOP]: 'Multihop', [LAG]: 'Lag' });
const v0FlagValues = toks([
  [0x80, 'I Hear You'],
  [0x40, 'Demand'],
  [0x20, 'Poll'],
  [0x10, 'Final'],
  [0x08, 'Control Plane Independent'],
  [FLAG_AUTH, 'Authentication Present'],
  [0x02, 'Reserved'],
  [0x01, 'Reserved'],
]);
const v1FlagValues = toks([
  [0x20, 'Poll'],
  [0x10, 'Final'],
  [0x08, 'Control Plane Independent'],
  [FLAG_AUTH, 'Authentication Present'],
  [0x02, 'Demand'],
  [0x01, 'Multipoint'],
]);
const v1StateValues = tok({ 0: 'AdminDown', 1: 'Down', 2: 'Init', 3: 'Up' });

function pad4(n: number): string {
  let s = String(n);
  while (s.length < 4) s = ' ' + s;
  return s;
}

function authPrint(nd: Dissector, p: number): void {
  p += 24;
  nd.need(p, 4);
  const type = nd.u8(p);
  const len = nd.u8(p + 1);
  nd.printBreak('\n\tAuthentication: ' + tok2str(authValues, 'Unknown', type) + ' (' + type + '), length: ' + len);
  p += 2;
  nd.printBreak('\n\t  Auth Key ID: ' + nd.u8(p));
  const digest = (fieldLen: number, hashLen: number, what: string) => {
    if (len !== fieldLen) {
      nd.print('[invalid length ' + len + ']');
      return;
    }
    p += 2;
    nd.print(', Sequence Number: 0x' + hex(nd.u32(p), 8));
    p += 4;
    nd.need(p, hashLen);
    nd.printBreak('\n\t  ' + what + ': ');
    for (let i = 0; i < hashLen; i++) nd.print(hex2(nd.u8(p + i)));
  };
  switch (type) {
    case 1:
      if (len < 4 || len > 19) {
        nd.print('[invalid length ' + len + ']');
        break;
      }
      p++;
      nd.print(', Password: ');
      for (let i = 0; i < len - 3; i++) nd.print(charText(nd.u8(p + i)));
      break;
    case 2:
    case 3:
      digest(24, 16, 'Digest');
      break;
    case 4:
    case 5:
      digest(28, 20, 'Hash');
      break;
  }
}

export function bfdPrint(nd: Dissector, p: number, len: number): void {
  nd.protocol = 'bfd';
  const port = nd.dstPort;
  if (port === CONTROL || port === MULTIHOP || port === LAG) {
    nd.need(p, 24);
    const vd = nd.u8(p);
    const version = vd >> 5;
    const diag = vd & 0x1f;
    const flags = nd.u8(p + 1);
    if (version === 0 || version === 1) {
      const head =
        version === 0
          ? 'Control, Flags: [' + bittok2str(v0FlagValues, 'none', flags) + ']'
          : tok2str(portValues, 'unknown (%u)', port) + ', State ' + tok2str(v1StateValues, 'unknown (%u)', (flags & 0xc0) >> 6) + ', Flags: [' + bittok2str(v1FlagValues, 'none', flags & 0x3f) + ']';
      if (nd.verbose < 1) {
        nd.print('BFDv' + version + ', ' + head + ', length: ' + len);
        return;
      }
      nd.print('BFDv' + version + ', length: ' + len);
      nd.printBreak('\n\t' + head + ', Diagnostic: ' + tok2str(diagValues, 'unknown', diag) + ' (0x' + hex(diag, 2) + ')');
      const mult = nd.u8(p + 2);
      const tx = nd.u32(p + 12);
      nd.printBreak('\n\tDetection Timer Multiplier: ' + mult + ' (' + Math.floor((Math.imul(mult, tx) >>> 0) / 1000) + ' ms Detection time), BFD Length: ' + nd.u8(p + 3));
      nd.printBreak('\n\tMy Discriminator: 0x' + hex(nd.u32(p + 4), 8));
      nd.print(', Your Discriminator: 0x' + hex(nd.u32(p + 8), 8));
      nd.printBreak('\n\t  Desired min Tx Interval:    ' + pad4(Math.floor(tx / 1000)) + ' ms');
      nd.printBreak('\n\t  Required min Rx Interval:   ' + pad4(Math.floor(nd.u32(p + 16) / 1000)) + ' ms');
      nd.printBreak('\n\t  Required min Echo Interval: ' + pad4(Math.floor(nd.u32(p + 20) / 1000)) + ' ms');
      if (flags & FLAG_AUTH) authPrint(nd, p);
      return;
    }
    nd.print('BFDv' + version + ', Control, length: ' + len);
  } else if (port === ECHO) nd.print('BFD, Echo, length: ' + len);
  else nd.print('BFD, unknown (' + port + '), length: ' + len);
  if (nd.verbose >= 1) printUnknownData(nd, p, '\n\t', len);
}

udpPorts.register('bfd', bfdPrint);
