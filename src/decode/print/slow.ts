import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { etherTypes } from '../registry.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';
import { ouiValues } from './llc.js';

/** IEEE 802.3 slow protocols: LACP and Marker (802.3ad), OAM (802.3ah) (tcpdump's print-slow.c). */

const LACP = 1;
const MARKER = 2;
const OAM = 3;

const protoValues = tok({ 1: 'LACP', 2: 'MARKER', 3: 'OAM' });
const oamFlags = tok({
  0x01: 'Link Fault',
  0x02: 'Dying Gasp',
  0x04: 'Critical Event',
  0x08: 'Local Evaluating',
  0x10: 'Local Stable',
  0x20: 'Remote Evaluating',
  0x40: 'Remote Stable',
});
const oamCodes = tok({
  0x00: 'Information',
  0x01: 'Event Notification',
  0x02: 'Variable Request',
  0x03: 'Variable Response',
  0x04: 'Loopback Control',
  0xfe: 'Vendor Private',
});
const oamInfoTypes = tok({ 0x00: 'End of TLV marker', 0x01: 'Local', 0x02: 'Remote', 0xfe: 'Organization specific' });
const oamParserStates = tok({ 0: 'forwarding', 1: 'looping back', 2: 'discarding', 3: 'reserved' });
const oamMuxStates = tok({ 0: 'forwarding', 4: 'discarding' });
const oamConfig = tok({ 0x01: 'Active', 0x02: 'Unidirectional', 0x04: 'Remote-Loopback', 0x08: 'Link-Events', 0x10: 'Variable-Retrieval' });
const oamLinkEvents = tok({
  0x00: 'End of TLV marker',
  0x01: 'Errored Symbol Period Event',
  0x02: 'Errored Frame Event',
  0x03: 'Errored Frame Period Event',
  0x04: 'Errored Frame Seconds Summary Event',
  0xfe: 'Organization specific',
});
const loopbackCommands = tok({ 1: 'Enable OAM Remote Loopback', 2: 'Disable OAM Remote Loopback' });
const tlvValues = tok({
  0x100: 'Terminator',
  0x101: 'Actor Information',
  0x102: 'Partner Information',
  0x103: 'Collector Information',
  0x200: 'Terminator',
  0x201: 'Marker Information',
});
const stateFlags = tok({
  0x01: 'Activity',
  0x02: 'Timeout',
  0x04: 'Aggregation',
  0x08: 'Synchronization',
  0x10: 'Collecting',
  0x20: 'Distributing',
  0x40: 'Default',
  0x80: 'Expired',
});

const TOO_SHORT = '\n\t\t packet is too short';

export function slowPrint(nd: Dissector, p: number, len: number): void {
  nd.protocol = 'slow';
  const tooShort = () => (nd.verbose ? nd.printBreak(TOO_SHORT) : nd.print(' (packet is too short)'));
  if (len < 1) return tooShort();
  const subtype = nd.u8(p);
  let printVersion = -1;
  if (subtype === LACP || subtype === MARKER) {
    if (len < 2) return tooShort();
    const v = nd.u8(p + 1);
    if (v !== 1) {
      nd.print((subtype === LACP ? 'LACP' : 'MARKER') + ' version ' + v + ' packet not supported');
      return;
    }
    printVersion = 1;
  } else if (subtype === OAM) printVersion = 0;
  const name = tok2str(protoValues, 'unknown (%u)', subtype);
  if (printVersion === 1) nd.print(name + 'v' + nd.u8(p + 1) + ', length ' + len);
  else nd.print(name + ', length ' + len);
  if (printVersion === -1) {
    printUnknownData(nd, p, '\n\t', len);
    return;
  }
  if (!nd.verbose) return;
  if (subtype === OAM) oamPrint(nd, p + 1, len - 1);
  else markerLacpPrint(nd, p + 2, len - 2, subtype);
}

function markerLacpPrint(nd: Dissector, p: number, tlen: number, proto: number): void {
  while (tlen > 0) {
    if (tlen < 2) return nd.printBreak(TOO_SHORT);
    const type = nd.u8(p);
    const tlvLen = nd.u8(p + 1);
    nd.printBreak('\n\t' + tok2str(tlvValues, 'Unknown', (proto << 8) + type) + ' TLV (0x' + hex(type, 2) + '), length ' + tlvLen);
    if (type === 0) return;
    if (tlvLen < 2) {
      nd.printBreak('\n\t    ERROR: illegal length - should be >= 2');
      return;
    }
    if (tlen < tlvLen) return nd.printBreak(TOO_SHORT);
    nd.need(p, tlvLen);
    const v = p + 2;
    const vlen = tlvLen - 2;
    const key = (proto << 8) + type;
    if (key === 0x101 || key === 0x102) {
      if (vlen !== 18) nd.printBreak('\n\t    ERROR: illegal length - should be 20');
      else {
        nd.printBreak(
          '\n\t  System ' +
            nd.mac(v + 2) +
            ', System Priority ' +
            nd.u16(v) +
            ', Key ' +
            nd.u16(v + 8) +
            ', Port ' +
            nd.u16(v + 12) +
            ', Port Priority ' +
            nd.u16(v + 10),
        );
        nd.printBreak('\n\t  State Flags [' + bittok2str(stateFlags, 'none', nd.u8(v + 14)) + ']');
      }
    } else if (key === 0x103) {
      if (vlen !== 14) nd.printBreak('\n\t    ERROR: illegal length - should be 16');
      else nd.printBreak('\n\t  Max Delay ' + nd.u16(v));
    } else if (key === 0x201) {
      if (vlen !== 14) nd.printBreak('\n\t    ERROR: illegal length - should be 16');
      else nd.printBreak('\n\t  Request System ' + nd.mac(v + 2) + ', Request Port ' + nd.u16(v) + ', Request Transaction ID 0x' + hex(nd.u32(v + 8), 8));
    } else if (nd.verbose <= 1) printUnknownData(nd, v, '\n\t  ', vlen);
    if (nd.verbose > 1) printUnknownData(nd, v, '\n\t  ', vlen);
    p += tlvLen;
    tlen -= tlvLen;
  }
}

function oamInfo(nd: Dissector, p: number, tlen: number): void {
  while (tlen > 0) {
    if (tlen < 2) return nd.printBreak(TOO_SHORT);
    nd.need(p, 2);
    const type = nd.u8(p);
    const length = nd.u8(p + 1);
    nd.printBreak('\n\t  ' + tok2str(oamInfoTypes, 'Reserved', type) + ' Information Type (' + type + '), length ' + length);
    if (type === 0) return;
    if (length < 2) {
      nd.printBreak('\n\t    ERROR: illegal length - should be >= 2');
      return;
    }
    if (tlen < length) return nd.printBreak(TOO_SHORT);
    nd.need(p, length);
    let hexdump = false;
    if (type === 1 || type === 2) {
      if (nd.u8(p + 1) !== 16) {
        nd.printBreak('\n\t    ERROR: illegal length - should be 16');
        hexdump = true;
      } else {
        nd.printBreak('\n\t    OAM-Version ' + nd.u8(p + 2) + ', Revision ' + nd.u16(p + 3));
        const state = nd.u8(p + 5);
        nd.printBreak(
          '\n\t    State-Parser-Action ' + tok2str(oamParserStates, 'Reserved', state & 3) + ', State-MUX-Action ' + tok2str(oamMuxStates, 'Reserved', state & 4),
        );
        nd.printBreak(
          '\n\t    OAM-Config Flags [' + bittok2str(oamConfig, 'none', nd.u8(p + 6)) + '], OAM-PDU-Config max-PDU size ' + (nd.u16(p + 7) & 0x7ff),
        );
        const oui = nd.u24(p + 9);
        nd.printBreak('\n\t    OUI ' + tok2str(ouiValues, 'Unknown', oui) + ' (0x' + hex(oui, 6) + '), Vendor-Private 0x' + hex(nd.u32(p + 12), 8));
      }
    } else hexdump = true;
    if (nd.verbose > 1 || hexdump) printUnknownData(nd, p, '\n\t  ', length);
    tlen -= length;
    p += length;
  }
}

function oamEvents(nd: Dissector, p: number, tlen: number): void {
  if (tlen < 2) return nd.printBreak(TOO_SHORT);
  nd.printBreak('\n\t  Sequence Number ' + nd.u16(p));
  tlen -= 2;
  p += 2;
  while (tlen > 0) {
    if (tlen < 2) return nd.printBreak(TOO_SHORT);
    const type = nd.u8(p);
    const length = nd.u8(p + 1);
    nd.printBreak('\n\t  ' + tok2str(oamLinkEvents, 'Reserved', type) + ' Link Event Type (' + type + '), length ' + length);
    if (type === 0) return;
    if (length < 2) {
      nd.printBreak('\n\t    ERROR: illegal length - should be >= 2');
      return;
    }
    if (tlen < length) return nd.printBreak(TOO_SHORT);
    nd.need(p, length);
    let hexdump = false;
    if (type >= 1 && type <= 4) {
      if (nd.u8(p + 1) !== 40) {
        nd.printBreak('\n\t    ERROR: illegal length - should be 40');
        hexdump = true;
      } else {
        const ts = nd.u16(p + 2) * 100;
        const window = nd.u64(p + 4);
        const threshold = nd.u64(p + 12);
        const errors = nd.u64(p + 20);
        const total = nd.u64(p + 28);
        const events = nd.u32(p + 36);
        nd.printBreak('\n\t    Timestamp ' + ts + ' ms, Errored Window ' + window);
        nd.printBreak('\n\t    Errored Threshold ' + threshold);
        nd.printBreak('\n\t    Errors ' + errors);
        nd.printBreak('\n\t    Error Running Total ' + total);
        nd.printBreak('\n\t    Event Running Total ' + events);
      }
    } else hexdump = true;
    if (nd.verbose > 1 || hexdump) printUnknownData(nd, p, '\n\t  ', length);
    tlen -= length;
    p += length;
  }
}

function oamPrint(nd: Dissector, p: number, tlen: number): void {
  if (tlen < 3) return nd.printBreak(TOO_SHORT);
  nd.need(p, 3);
  const code = nd.u8(p + 2);
  nd.printBreak('\n\tCode ' + tok2str(oamCodes, 'Unknown (%u)', code) + ' OAM PDU, Flags [' + bittok2str(oamFlags, 'none', nd.u16(p)) + ']');
  p += 3;
  tlen -= 3;
  if (code === 0x00) oamInfo(nd, p, tlen);
  else if (code === 0x01) oamEvents(nd, p, tlen);
  else if (code === 0x04) {
    if (tlen < 1) return nd.printBreak(TOO_SHORT);
    const command = nd.u8(p);
    nd.printBreak('\n\t  Command ' + tok2str(loopbackCommands, 'Unknown', command) + ' (' + command + ')');
  } else if (nd.verbose <= 1) printUnknownData(nd, p, '\n\t  ', tlen);
}

etherTypes.register(0x8809, 'slow', slowPrint);
