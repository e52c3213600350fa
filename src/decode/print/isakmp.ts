import type { Dissector } from '../dissector.js';
import { namedPrinter, udpPorts } from '../registry.js';
import { hex } from '../text.js';
import { npStr, strOrId, subPrint } from './ike-common.js';
import './ikev1.js';
import './ikev2.js';

/**
 * ISAKMP / IKE (tcpdump's print-isakmp.c): the exchange on the brief line, the payloads
 * with -v; IKE and ESP over UDP 4500 (RFC 3948). Whether a packet comes from the
 * initiator or the responder is remembered per stream by the initiator's cookie, as
 * tcpdump remembers it over a run.
 */

const HDR_LEN = 28;
const FLAG = { E: 0x01, C: 0x02, I: 0x08, V: 0x10, R: 0x20 } as const;

const exchangeTypes: (string | null)[] = [
  'none', 'base', 'ident', 'auth', 'agg', 'inf', null, null,
  ...new Array<null>(24).fill(null),
  'oakley-quick', 'oakley-newgroup', 'ikev2_init', 'ikev2_auth', 'child_sa', 'inf2',
];

const MAX_INITIATORS = 20;

/**
 * tcpdump's cookiecache: the last 20 initiator cookies with both addresses. Slots start
 * zeroed, as tcpdump's static array does (a zero cookie is "found" in an empty slot).
 */
class Cookies {
  readonly cookies = Buffer.alloc(MAX_INITIATORS * 8);
  readonly versions = new Uint8Array(MAX_INITIATORS);
  readonly iaddr = Buffer.alloc(MAX_INITIATORS * 16);
  readonly raddr = Buffer.alloc(MAX_INITIATORS * 16);
  next = 0;

  find(buf: Buffer, at: number): number {
    for (let i = 0; i < MAX_INITIATORS; i++) if (buf.compare(this.cookies, i * 8, i * 8 + 8, at, at + 8) === 0) return i;
    return -1;
  }

  record(nd: Dissector, at: number): void {
    const i = this.find(nd.buf, at);
    if (i >= 0) {
      this.next = (i + 1) % MAX_INITIATORS;
      return;
    }
    const n = this.next;
    const ip = nd.ipAt;
    if (nd.ipVersion === 4) {
      this.versions[n] = 4;
      nd.buf.copy(this.iaddr, n * 16, ip + 12, ip + 16);
      nd.buf.copy(this.raddr, n * 16, ip + 16, ip + 20);
    } else if (nd.ipVersion === 6) {
      this.versions[n] = 6;
      nd.buf.copy(this.iaddr, n * 16, ip + 8, ip + 24);
      nd.buf.copy(this.raddr, n * 16, ip + 24, ip + 40);
    } else return;
    nd.buf.copy(this.cookies, n * 8, at, at + 8);
    this.next = (n + 1) % MAX_INITIATORS;
  }

  /** cookie_sidecheck: the packet's source is the initiator's (or the responder's) address. */
  sideIs(nd: Dissector, i: number, initiator: boolean): boolean {
    const v = nd.ipVersion;
    if (v !== 4 && v !== 6) return false;
    if (this.versions[i] !== v) return false;
    const len = v === 4 ? 4 : 16;
    const src = nd.ipAt + (v === 4 ? 12 : 8);
    return nd.buf.compare(initiator ? this.iaddr : this.raddr, i * 16, i * 16 + len, src, src + len) === 0;
  }
}

function isZero(nd: Dissector, at: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (nd.u8(at + i)) return false;
  return true;
}

function hexBytes(nd: Dissector, at: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += hex(nd.u8(at + i), 2);
  return s;
}

/** The payloads (-v), or "[encrypted x]", and a length that disagrees with the datagram's. */
function payloads(nd: Dissector, p: number, length: number, flags: number, phase: number, v2: boolean): void {
  if (nd.verbose) {
    nd.print(':');
    const np = nd.u8(p + 16);
    if (flags & FLAG.E) nd.print(' [encrypted ' + npStr(np) + ']');
    else if (nd.snapend < p + HDR_LEN) nd.print(' [|' + npStr(np) + ']');
    else subPrint(nd, v2, np, p + HDR_LEN, nd.snapend, phase, 0, 0, 0);
    const len = nd.u32(p + 24);
    if (len !== length) nd.print(' (len mismatch: isakmp ' + len + '/ip ' + length + ')');
  }
}

function ikev1Print(nd: Dissector, p: number, length: number): void {
  const phase = nd.u32(p + 20) === 0 ? 1 : 2;
  nd.print(phase === 1 ? ' phase 1' : ' phase 2/others');
  const cookies = nd.state.slot('isakmp', () => new Cookies());
  nd.need(p, 8);
  const i = cookies.find(nd.buf, p);
  if (i < 0) {
    if (isZero(nd, p + 8, 8)) {
      // The first packet of an exchange: its sender is the initiator.
      nd.print(' I');
      cookies.record(nd, p);
    } else nd.print(' ?');
  } else if (cookies.sideIs(nd, i, true)) nd.print(' I');
  else if (cookies.sideIs(nd, i, false)) nd.print(' R');
  else nd.print(' ?');
  nd.print(' ' + strOrId(nd.u8(p + 18), exchangeTypes));
  const flags = nd.u8(p + 19);
  if (flags) nd.print('[' + (flags & FLAG.E ? 'E' : '') + (flags & FLAG.C ? 'C' : '') + ']');
  payloads(nd, p, length, flags, phase, false);
}

function ikev2Print(nd: Dissector, p: number, length: number): void {
  const phase = nd.u32(p + 20) === 0 ? 1 : 2;
  nd.print(phase === 1 ? ' parent_sa' : ' child_sa ');
  nd.print(' ' + strOrId(nd.u8(p + 18), exchangeTypes));
  const flags = nd.u8(p + 19);
  if (flags) nd.print('[' + (flags & FLAG.I ? 'I' : '') + (flags & FLAG.V ? 'V' : '') + (flags & FLAG.R ? 'R' : '') + ']');
  payloads(nd, p, length, flags, phase, true);
}

export function isakmpPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'isakmp';
  if (nd.snapend < p + HDR_LEN) {
    nd.printTrunc();
    return;
  }
  nd.print('isakmp');
  const vers = nd.u8(p + 17);
  const major = vers >> 4;
  if (nd.verbose) nd.print(' ' + major + '.' + (vers & 0x0f) + ' msgid ' + hexBytes(nd, p + 20, 4));
  if (nd.verbose > 1) nd.print(' cookie ' + hexBytes(nd, p, 8) + '->' + hexBytes(nd, p + 8, 8));
  nd.print(':');
  if (major === 1) ikev1Print(nd, p, length);
  else if (major === 2) ikev2Print(nd, p, length);
}

/** UDP 4500 (RFC 3948): a NAT keepalive, IKE after a zero non-ESP marker, or ESP. */
export function isakmpNattPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'isakmp_rfc3948';
  if (length === 1 && nd.u8(bp) === 0xff) {
    nd.print('isakmp-nat-keep-alive');
    return;
  }
  if (length < 4) {
    nd.printTrunc();
    return;
  }
  if (nd.u32(bp) === 0) {
    nd.print('NONESP-encap: ');
    isakmpPrint(nd, bp + 4, length - 4);
    return;
  }
  nd.print('UDP-encap: ');
  const esp = namedPrinter('esp');
  if (esp !== undefined) esp(nd, bp, length);
}

udpPorts.register('isakmp', isakmpPrint);
udpPorts.register('isakmp-natt', isakmpNattPrint);
udpPorts.register('isakmp-user', isakmpPrint);

