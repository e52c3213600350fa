import type { Dissector } from '../dissector.js';
import { tcpPorts } from '../registry.js';
import { bittok2str, hex, tok, tok2str, type Tok } from '../text.js';
import { hexAndAsciiPrint } from '../hex.js';
import { ouiValues } from './llc.js';

/**
 * OpenFlow (tcpdump's print-openflow.c): a TCP segment's messages, one line each after
 * the brief line: version, type, length and xid; with -v the body of the types that
 * openflow-1.0.ts and openflow-1.3.ts decode. The segment is taken to start on a
 * message boundary, as tcpdump does.
 */

export const OF_HEADER_FIXLEN = 8;

/** How long a message body must be (of_msgtypeinfo's req_what). */
export const Req = { NONE: 0, FIXLEN: 1, MINLEN: 2 } as const;
export type Req = (typeof Req)[keyof typeof Req];

/** One message type: its name, its -v body printer (none: the body is not decoded) and its length rule. */
export interface MsgType {
  readonly name: string;
  readonly decoder: ((nd: Dissector, cp: number, len: number) => void) | undefined;
  readonly req: Req;
  readonly value: number;
}

/** A message type entry: its name, length rule and (for -v) body printer. */
export function msgType(name: string, req: Req, value: number, decoder?: MsgType['decoder']): MsgType {
  return { name, decoder, req, value };
}

/**
 * An ERROR message's body (of10_error_print / of13_error_print): its type, its code
 * named by the type's own table (types is indexed by error type), then its data.
 */
export function errorPrint(nd: Dissector, cp: number, len: number, types: Tok, codes: readonly Tok[]): void {
  const type = nd.u16(cp);
  nd.printBreak('\n\t type ' + tok2str(types, 'invalid (0x%04x)', type));
  const code = nd.u16(cp + 2);
  const table = type < codes.length ? codes[type] : undefined;
  nd.print(', code ' + (table !== undefined ? tok2str(table, 'invalid (0x%04x)', code) : 'invalid (0x' + hex(code, 4) + ')'));
  dataPrint(nd, cp + 4, len - 4);
}

/** The message types of each version, by type number: filled by openflow-1.0.ts and openflow-1.3.ts. */
export const msgTypes: { of10: readonly MsgType[]; of13: readonly MsgType[] } = { of10: [], of13: [] };

const versions = tok({ 0x01: '1.0', 0x02: '1.1', 0x03: '1.2', 0x04: '1.3', 0x05: '1.4', 0x06: '1.5' });

const onfExperimenters = tok({
  0x4f4e4600: 'ONF Extensions',
  0xff000001: 'Budapest University of Technology and Economics',
  0xff000002: 'NoviFlow',
  0xff000003: 'L3+ Extensions, Vendor Neutral',
  0xff000004: 'L4-L7 Extensions',
  0xff000005: 'Wireless and Mobility Extensions',
  0xff000006: 'Forwarding Abstractions Extensions',
  0xff000007: 'Optical Transport Extensions',
  0xff000008: 'Network Benchmarking Lab, NCTU',
  0xff000009: 'Mobile Packet Core Extensions',
  0xff00000a: 'MPLS-TP OpenFlow Extensions for SPTN',
});

/** of_vendor_name: an OUI's name, or an ONF experimenter's when the top byte is set. */
export function vendorName(vendor: number): string {
  return tok2str((vendor & 0xff000000) === 0 ? ouiValues : onfExperimenters, 'unknown', vendor);
}

/** of_bitmap_print: the names of the assigned bits set, then "(bogus)" when an unassigned one is. */
export function bitmapPrint(nd: Dissector, t: Tok, v: number, unassigned: number): void {
  if ((v & ~unassigned) >>> 0) nd.print(' (' + bittok2str(t, '', v) + ')');
  if ((v & unassigned) >>> 0) nd.print(' (bogus)');
}

/** of_data_print: a body's opaque data, in hex with -vv. */
export function dataPrint(nd: Dissector, cp: number, len: number): void {
  if (len === 0) return;
  nd.printBreak('\n\t data (' + len + ' octets)');
  if (nd.verbose >= 2) hexAndAsciiPrint(nd, '\n\t  ', cp, len);
  else nd.need(cp, len);
}

function messagePrint(nd: Dissector, cp: number, len: number, mti: MsgType | undefined): void {
  if (mti !== undefined) {
    if ((mti.req === Req.FIXLEN && len !== mti.value) || (mti.req === Req.MINLEN && len < mti.value)) nd.printInvalid();
    else if (nd.verbose && mti.decoder !== undefined) {
      mti.decoder(nd, cp, len);
      return;
    }
  }
  nd.need(cp, len);
}

export function openflowPrint(nd: Dissector, cp: number, len: number): void {
  nd.protocol = 'openflow';
  nd.print(': OpenFlow');
  while (len) {
    const version = nd.u8(cp);
    cp++;
    len--;
    nd.printBreak('\n\tversion ' + tok2str(versions, 'unknown (0x%02x)', version));
    if (len < 1) return partialHeader(nd, cp, len);
    const type = nd.u8(cp);
    cp++;
    len--;
    const table = version === 0x01 ? msgTypes.of10 : version === 0x04 ? msgTypes.of13 : undefined;
    const mti = table === undefined ? undefined : table[type];
    nd.print(mti !== undefined ? ', type ' + mti.name : ', type unknown (0x' + hex(type, 2) + ')');
    if (len < 2) return partialHeader(nd, cp, len);
    const length = nd.u16(cp);
    cp += 2;
    len -= 2;
    nd.print(', length ' + length + (length < OF_HEADER_FIXLEN ? ' (too short!)' : ''));
    if (len < 4) return partialHeader(nd, cp, len);
    nd.print(', xid 0x' + hex(nd.u32(cp), 8));
    cp += 4;
    len -= 4;
    // A message may go on in the next segment: its body is printed as far as this one
    // holds, and the loop stops when it runs past the segment's end.
    if (length < OF_HEADER_FIXLEN) {
      nd.printInvalid();
      nd.need(cp, len);
      return;
    }
    messagePrint(nd, cp, length - OF_HEADER_FIXLEN, mti);
    if (length - OF_HEADER_FIXLEN > len) break;
    cp += length - OF_HEADER_FIXLEN;
    len -= length - OF_HEADER_FIXLEN;
  }
}

function partialHeader(nd: Dissector, cp: number, len: number): void {
  nd.print(' (end of TCP payload)');
  nd.need(cp, len);
}

tcpPorts.register('openflow', openflowPrint);
