import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { ipProtos } from '../registry.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';
import { ctypeValues, INVALID, objBody, STOP, SUB_TOOSHORT, TOOSHORT } from './rsvp-obj.js';
import { printLines } from './strings.js';

/** RSVP messages (tcpdump's print-rsvp.c); the objects' bodies are in rsvp-obj.ts. */

const HDR = 8;

const msgTypeValues = tok({
  1: 'Path',
  2: 'Resv',
  3: 'PathErr',
  4: 'ResvErr',
  5: 'PathTear',
  6: 'ResvTear',
  7: 'ResvConf',
  12: 'Bundle',
  13: 'Acknowledgement',
  14: 'Hello (Old)',
  15: 'Refresh',
  20: 'Hello',
});
const headerFlagValues = tok({ 0x01: 'Refresh reduction capable' });
const objValues = tok({
  1: 'Session',
  3: 'RSVP Hop',
  4: 'Integrity',
  5: 'Time Values',
  6: 'Error Spec',
  7: 'Scope',
  8: 'Style',
  9: 'Flowspec',
  10: 'FilterSpec',
  11: 'Sender Template',
  12: 'Sender TSpec',
  13: 'Adspec',
  14: 'Policy Data',
  15: 'Confirm',
  16: 'Label',
  19: 'Label Request',
  20: 'ERO',
  21: 'RRO',
  22: 'Hello',
  23: 'Message ID',
  24: 'Message ID Ack',
  25: 'Message ID List',
  34: 'Recovery Label',
  35: 'Upstream Label',
  36: 'Label Set',
  130: 'Acceptable Label Set',
  63: 'Detour',
  66: 'Class Type',
  125: 'Class Type (old)',
  129: 'Suggested Label',
  204: 'Properties',
  205: 'Fast Re-Route',
  207: 'Session Attribute',
  229: 'Generalized UNI',
  230: 'Call-ID',
  236: 'Call Capability',
  131: 'Restart Capability',
  134: 'Capability',
  195: 'Notify Request',
  37: 'Protection',
  196: 'Administrative Status',
  50: 'Sub-LSP to LSP',
});

/** The objects of a message: false when tcpdump stops the packet's decoding. */
function objPrint(nd: Dissector, tptr: number, ind: string, tlen: number): boolean {
  const st = { hexdump: false };
  while (tlen >= 4) {
    if (!nd.has(tptr, 4)) {
      nd.printTrunc();
      return false;
    }
    const objLen = nd.u16(tptr);
    const ctype = nd.u8(tptr + 3);
    if (objLen % 4) {
      printLines(nd, ind + 'ERROR: object header size ' + objLen + ' not a multiple of 4');
      return false;
    }
    if (objLen < 4) {
      printLines(nd, ind + 'ERROR: object header too short ' + objLen + ' < 4');
      return false;
    }
    const cls = nd.u8(tptr + 2);
    printLines(nd, ind + tok2str(objValues, 'Unknown', cls) + ' Object (' + cls + ') Flags: [' + (cls & 0x80 ? (cls & 0x40 ? 'ignore and forward' : 'ignore silently') : 'reject'));
    nd.print(' if unknown], Class-Type: ' + tok2str(ctypeValues, 'Unknown', (cls << 8) + ctype) + ' (' + ctype + '), length: ' + objLen);
    if (tlen < objLen) {
      printLines(nd, ind + 'ERROR: object goes past end of objects TLV');
      return false;
    }
    if (!nd.has(tptr, objLen)) {
      nd.printTrunc();
      return false;
    }
    st.hexdump = false;
    const r = objBody(nd, cls, ctype, tptr + 4, objLen - 4, ind, st);
    if (r === TOOSHORT) {
      printLines(nd, ind + 'ERROR: object is too short');
      return false;
    }
    if (r === SUB_TOOSHORT) {
      printLines(nd, ind + 'ERROR: sub-object is too short');
      return false;
    }
    if (r === INVALID) {
      nd.printInvalid();
      return false;
    }
    if (r === STOP) return false;
    if (nd.verbose > 1 || st.hexdump) printUnknownData(nd, tptr + 4, '\n\t    ', objLen - 4);
    tptr += objLen;
    tlen -= objLen;
  }
  return true;
}

function headerText(nd: Dissector, at: number, lead: string, vf: number, type: number, len: number): string {
  return (
    lead +
    'RSVPv' +
    (vf >> 4) +
    ' ' +
    tok2str(msgTypeValues, 'unknown, type: %u', type) +
    ' Message (' +
    type +
    '), Flags: [' +
    bittok2str(headerFlagValues, 'none', vf & 0x0f) +
    '], length: ' +
    len +
    ', ttl: ' +
    nd.u8(at + 4) +
    ', checksum: 0x' +
    hex(nd.u16(at + 2), 4)
  );
}

export function rsvpPrint(nd: Dissector, pptr: number, len: number): void {
  nd.protocol = 'rsvp';
  if (!nd.has(pptr, HDR)) return nd.printTrunc();
  const vf = nd.u8(pptr);
  if (vf >> 4 !== 1) {
    nd.print('ERROR: RSVP version ' + (vf >> 4) + ' packet not supported');
    return;
  }
  const type = nd.u8(pptr + 1);
  if (nd.verbose < 1) {
    nd.print('RSVPv' + (vf >> 4) + ' ' + tok2str(msgTypeValues, 'unknown (%u)', type) + ' Message, length: ' + len);
    return;
  }
  let tlen = nd.u16(pptr + 6);
  printLines(nd, headerText(nd, pptr, '\n\t', vf, type, tlen));
  if (tlen < HDR) {
    nd.print('ERROR: common header too short ' + tlen + ' < ' + HDR);
    return;
  }
  let tptr = pptr + HDR;
  tlen -= HDR;
  switch (type) {
    case 12:
      while (tlen > 0) {
        const sub = tptr;
        if (!nd.has(sub, HDR)) return nd.printTrunc();
        const svf = nd.u8(sub);
        if (svf >> 4 !== 1) {
          nd.print('ERROR: RSVP version ' + (svf >> 4) + ' packet not supported');
          return;
        }
        let subtlen = nd.u16(sub + 6);
        printLines(nd, headerText(nd, sub, '\n\t  ', svf, nd.u8(sub + 1), subtlen));
        if (subtlen < HDR) {
          nd.print('ERROR: common header too short ' + subtlen + ' < ' + HDR);
          return;
        }
        if (tlen < subtlen) {
          nd.print('ERROR: common header too large ' + subtlen + ' > ' + tlen);
          return;
        }
        subtlen -= HDR;
        if (!objPrint(nd, sub + HDR, '\n\t    ', subtlen)) return;
        tptr += subtlen + HDR;
        tlen = (tlen - (subtlen + HDR)) & 0xffff;
      }
      break;
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 6:
    case 7:
    case 14:
    case 20:
    case 13:
    case 15:
      objPrint(nd, tptr, '\n\t  ', tlen);
      break;
    default:
      printUnknownData(nd, tptr, '\n\t    ', tlen);
  }
}

ipProtos.register(46, 'ip:rsvp', rsvpPrint);
