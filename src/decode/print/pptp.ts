import type { Dissector } from '../dissector.js';
import { tcpPorts } from '../registry.js';
import { hex, tok, tok2str, type Tok } from '../text.js';
import { printjnp } from './strings.js';

/**
 * PPTP control connection (tcpdump's print-pptp.c, RFC 2637): the control message type
 * and every field of its body; -v adds the header's length and type and the names of
 * result and error codes. Each field is read as it is printed, so a cut message shows
 * the fields before the cut.
 */

const MAGIC_COOKIE = 0x1a2b3c4d;
const SCCRP = 2;
const StopCCRP = 4;
const ECHORP = 6;
const OCRP = 8;
const ICRP = 10;
const CDN = 13;

const messageTypes = ['NOT_DEFINED', 'SCCRQ', 'SCCRP', 'StopCCRQ', 'StopCCRP', 'ECHORQ', 'ECHORP', 'OCRQ', 'OCRP', 'ICRQ', 'ICRP', 'ICCN', 'CCRQ', 'CDN', 'WEN', 'SLI'];

const btypes = tok({ 1: 'A', 2: 'D', 3: 'Any' });
const ftypes = tok({ 1: 'A', 2: 'S', 3: 'E' });
const errcodes = tok({ 0: 'None', 1: 'Not-Connected', 2: 'Bad-Format', 3: 'Bad-Value', 4: 'No-Resource', 5: 'Bad-Call-ID', 6: 'PAC-Error' });
const sccrpResults = tok({
  1: 'Successful channel establishment',
  2: 'General error',
  3: 'Command channel already exists',
  4: 'Requester is not authorized to establish a command channel',
  5: 'The protocol version of the requester is not supported',
});
const echorpResults = tok({ 1: 'OK', 2: 'General Error' });
const ocrpResults = tok({ 1: 'Connected', 2: 'General Error', 3: 'No Carrier', 4: 'Busy', 5: 'No Dial Tone', 6: 'Time-out', 7: 'Do Not Accept' });
const icrpResults = tok({ 1: 'Connect', 2: 'General Error', 3: 'Do Not Accept' });
const cdnResults = tok({ 1: 'Lost Carrier', 2: 'General Error', 3: 'Admin Shutdown', 4: 'Request' });

const resultTables: Record<number, Tok> = { [SCCRP]: sccrpResults, [StopCCRP]: echorpResults, [ECHORP]: echorpResults, [OCRP]: ocrpResults, [ICRP]: icrpResults, [CDN]: cdnResults };

const u16 = (nd: Dissector, at: number, name: string) => nd.print(' ' + name + '(' + nd.u16(at) + ')');
const u32 = (nd: Dissector, at: number, name: string) => nd.print(' ' + name + '(' + nd.u32(at) + ')');

function reserved1(nd: Dissector, at: number): void {
  const v = nd.u8(at);
  if (v) nd.print(' [ERROR: reserved=' + v + ' must be zero]');
}

function reserved2(nd: Dissector, at: number): void {
  const v = nd.u16(at);
  if (v) nd.print(' [ERROR: reserved=' + v + ' must be zero]');
}

function string(nd: Dissector, at: number, name: string, n: number): void {
  nd.print(' ' + name + '(');
  printjnp(nd, at, n);
  nd.print(')');
}

function protoVer(nd: Dissector, at: number): void {
  const v = nd.u16(at);
  nd.print(' PROTO_VER(' + (v >> 8) + '.' + (v & 0xff) + ')');
}

function framingCap(nd: Dissector, at: number): void {
  nd.print(' FRAME_CAP(');
  if (nd.u32(at) & 1) nd.print('A');
  if (nd.u32(at) & 2) nd.print('S');
  nd.print(')');
}

function bearerCap(nd: Dissector, at: number): void {
  const v = nd.u32(at);
  nd.print(' BEARER_CAP(' + (v & 2 ? 'D' : '') + (v & 1 ? 'A' : '') + ')');
}

function resultCode(nd: Dissector, at: number, msgType: number): void {
  nd.print(' RESULT_CODE(' + nd.u8(at));
  if (nd.verbose) nd.print(':' + tok2str(resultTables[msgType], '?', nd.u8(at)));
  nd.print(')');
}

function errCode(nd: Dissector, at: number): void {
  nd.print(' ERR_CODE(' + nd.u8(at));
  if (nd.verbose) nd.print(':' + tok2str(errcodes, '?', nd.u8(at)));
  nd.print(')');
}

const bearerType = (nd: Dissector, at: number) => nd.print(' BEARER_TYPE(' + tok2str(btypes, '?', nd.u32(at)) + ')');
const framingType = (nd: Dissector, at: number) => nd.print(' FRAME_TYPE(' + tok2str(ftypes, '?', nd.u32(at)) + ')');

/** SCCRQ and SCCRP differ only in their second word (reserved, or result and error codes). */
function sccr(nd: Dissector, d: number, reply: boolean): void {
  protoVer(nd, d);
  if (reply) {
    resultCode(nd, d + 2, SCCRP);
    errCode(nd, d + 3);
  } else reserved2(nd, d + 2);
  framingCap(nd, d + 4);
  bearerCap(nd, d + 8);
  u16(nd, d + 12, 'MAX_CHAN');
  u16(nd, d + 14, 'FIRM_REV');
  string(nd, d + 16, 'HOSTNAME', 64);
  string(nd, d + 80, 'VENDOR', 64);
}

function body(nd: Dissector, type: number, d: number): void {
  switch (type) {
    case 1:
      return sccr(nd, d, false);
    case SCCRP:
      return sccr(nd, d, true);
    case 3: {
      const reason = nd.u8(d);
      nd.print(' REASON(' + reason);
      if (nd.verbose) nd.print(reason === 1 ? ':None' : reason === 2 ? ':Stop-Protocol' : reason === 3 ? ':Stop-Local-Shutdown' : ':?');
      nd.print(')');
      reserved1(nd, d + 1);
      reserved2(nd, d + 2);
      return;
    }
    case StopCCRP:
      resultCode(nd, d, StopCCRP);
      errCode(nd, d + 1);
      reserved2(nd, d + 2);
      return;
    case 5:
      u32(nd, d, 'ID');
      return;
    case ECHORP:
      u32(nd, d, 'ID');
      resultCode(nd, d + 4, ECHORP);
      errCode(nd, d + 5);
      reserved2(nd, d + 6);
      return;
    case 7: {
      u16(nd, d, 'CALL_ID');
      u16(nd, d + 2, 'CALL_SER_NUM');
      u32(nd, d + 4, 'MIN_BPS');
      u32(nd, d + 8, 'MAX_BPS');
      bearerType(nd, d + 12);
      framingType(nd, d + 16);
      u16(nd, d + 20, 'RECV_WIN');
      u16(nd, d + 22, 'PROC_DELAY');
      u16(nd, d + 24, 'PHONE_NO_LEN');
      reserved2(nd, d + 26);
      string(nd, d + 28, 'PHONE_NO', Math.min(64, nd.u16(d + 24)));
      string(nd, d + 92, 'SUB_ADDR', 64);
      return;
    }
    case OCRP:
      u16(nd, d, 'CALL_ID');
      u16(nd, d + 2, 'PEER_CALL_ID');
      resultCode(nd, d + 4, OCRP);
      errCode(nd, d + 5);
      u16(nd, d + 6, 'CAUSE_CODE');
      u32(nd, d + 8, 'CONN_SPEED');
      u16(nd, d + 12, 'RECV_WIN');
      u16(nd, d + 14, 'PROC_DELAY');
      u32(nd, d + 16, 'PHY_CHAN_ID');
      return;
    case 9:
      u16(nd, d, 'CALL_ID');
      u16(nd, d + 2, 'CALL_SER_NUM');
      bearerType(nd, d + 4);
      u32(nd, d + 8, 'PHY_CHAN_ID');
      u16(nd, d + 12, 'DIALED_NO_LEN');
      u16(nd, d + 14, 'DIALING_NO_LEN');
      string(nd, d + 16, 'DIALED_NO', Math.min(64, nd.u16(d + 12)));
      string(nd, d + 80, 'DIALING_NO', Math.min(64, nd.u16(d + 14)));
      string(nd, d + 144, 'SUB_ADDR', 64);
      return;
    case ICRP:
      u16(nd, d, 'CALL_ID');
      u16(nd, d + 2, 'PEER_CALL_ID');
      resultCode(nd, d + 4, ICRP);
      errCode(nd, d + 5);
      u16(nd, d + 6, 'RECV_WIN');
      u16(nd, d + 8, 'PROC_DELAY');
      reserved2(nd, d + 10);
      return;
    case 11:
      u16(nd, d, 'PEER_CALL_ID');
      reserved2(nd, d + 2);
      u32(nd, d + 4, 'CONN_SPEED');
      u16(nd, d + 8, 'RECV_WIN');
      u16(nd, d + 10, 'PROC_DELAY');
      framingType(nd, d + 12);
      return;
    case 12:
      u16(nd, d, 'CALL_ID');
      reserved2(nd, d + 2);
      return;
    case CDN:
      u16(nd, d, 'CALL_ID');
      resultCode(nd, d + 2, CDN);
      errCode(nd, d + 3);
      u16(nd, d + 4, 'CAUSE_CODE');
      reserved2(nd, d + 6);
      string(nd, d + 8, 'CALL_STATS', 128);
      return;
    case 14:
      u16(nd, d, 'PEER_CALL_ID');
      reserved2(nd, d + 2);
      u32(nd, d + 4, 'CRC_ERR');
      u32(nd, d + 8, 'FRAMING_ERR');
      u32(nd, d + 12, 'HARDWARE_OVERRUN');
      u32(nd, d + 16, 'BUFFER_OVERRUN');
      u32(nd, d + 20, 'TIMEOUT_ERR');
      u32(nd, d + 24, 'ALIGN_ERR');
      return;
    case 15:
      u16(nd, d, 'PEER_CALL_ID');
      reserved2(nd, d + 2);
      nd.print(' SEND_ACCM(0x' + hex(nd.u32(d + 4), 8) + ')');
      nd.print(' RECV_ACCM(0x' + hex(nd.u32(d + 8), 8) + ')');
  }
}

export function pptpPrint(nd: Dissector, dat: number): void {
  nd.protocol = 'pptp';
  nd.print(': pptp');
  if (nd.verbose) nd.print(' Length=' + nd.u16(dat));
  if (nd.verbose) {
    const t = nd.u16(dat + 2);
    nd.print(t === 1 ? ' CTRL-MSG' : t === 2 ? ' MGMT-MSG' : ' UNKNOWN-MSG-TYPE');
  }
  const mc = nd.u32(dat + 4);
  if (mc !== MAGIC_COOKIE) nd.print(' UNEXPECTED Magic-Cookie!!(' + hex(mc, 8) + ')');
  if (nd.verbose || mc !== MAGIC_COOKIE) nd.print(' Magic-Cookie=' + hex(mc, 8));
  const type = nd.u16(dat + 8);
  nd.print(type < messageTypes.length ? ' CTRL_MSGTYPE=' + messageTypes[type] : ' UNKNOWN_CTRL_MSGTYPE(' + type + ')');
  reserved2(nd, dat + 10);
  body(nd, type, dat + 12);
}

tcpPorts.register('pptp', (nd, at) => pptpPrint(nd, at));
