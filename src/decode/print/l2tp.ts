import type { Dissector } from '../dissector.js';
import { etherTypes, namedPrinter, udpPorts } from '../registry.js';
import { hex, hex2, tok, tok2str } from '../text.js';
import { charText } from './tcp.js';

/**
 * L2TPv2 (tcpdump's print-l2tp.c): flags, tunnel and session; a control message's
 * AVPs, or the PPP frame a data message carries (through the PPP printer).
 */

const FLAG = { TYPE: 0x8000, LENGTH: 0x4000, SEQUENCE: 0x0800, OFFSET: 0x0200, PRIORITY: 0x0100 } as const;
const VERSION = { L2F: 1, L2TP: 2 } as const;
const ETHERTYPE_PPP = 0x880b;

const msgTypes = tok({
  1: 'SCCRQ', 2: 'SCCRP', 3: 'SCCCN', 4: 'StopCCN', 6: 'HELLO', 7: 'OCRQ', 8: 'OCRP', 9: 'OCCN', 10: 'ICRQ', 11: 'ICRP',
  12: 'ICCN', 14: 'CDN', 15: 'WEN', 16: 'SLI',
});
const avpNames = tok({
  0: 'MSGTYPE', 1: 'RESULT_CODE', 2: 'PROTO_VER', 3: 'FRAMING_CAP', 4: 'BEARER_CAP', 5: 'TIE_BREAKER', 6: 'FIRM_VER',
  7: 'HOST_NAME', 8: 'VENDOR_NAME', 9: 'ASSND_TUN_ID', 10: 'RECV_WIN_SIZE', 11: 'CHALLENGE', 12: 'Q931_CC',
  13: 'CHALLENGE_RESP', 14: 'ASSND_SESS_ID', 15: 'CALL_SER_NUM', 16: 'MINIMUM_BPS', 17: 'MAXIMUM_BPS', 18: 'BEARER_TYPE',
  19: 'FRAMING_TYPE', 20: 'PACKET_PROC_DELAY', 21: 'CALLED_NUMBER', 22: 'CALLING_NUMBER', 23: 'SUB_ADDRESS',
  24: 'TX_CONN_SPEED', 25: 'PHY_CHANNEL_ID', 26: 'INI_RECV_LCP', 27: 'LAST_SENT_LCP', 28: 'LAST_RECV_LCP',
  29: 'PROXY_AUTH_TYPE', 30: 'PROXY_AUTH_NAME', 31: 'PROXY_AUTH_CHAL', 32: 'PROXY_AUTH_ID', 33: 'PROXY_AUTH_RESP',
  34: 'CALL_ERRORS', 35: 'ACCM', 36: 'RANDOM_VECTOR', 37: 'PRIVATE_GRP_ID', 38: 'RX_CONN_SPEED', 39: 'SEQ_REQUIRED',
  46: 'PPP_DISCON_CC',
});
const authTypes = tok({ 0: 'Reserved', 1: 'Textual', 2: 'CHAP', 3: 'PAP', 4: 'No Auth', 5: 'MS-CHAPv1' });
const ccDirections = tok({ 0: 'global error', 1: 'at peer', 2: 'at local' });

const SHORT = 'AVP too short';

function str(nd: Dissector, at: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += charText(nd.u8(at + i));
  return s;
}

function octets(nd: Dissector, at: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += hex2(nd.u8(at + i));
  return s;
}

/** Two flag letters of a 32-bit capability or type: a for bit 1, b for bit 0. */
function twoBits(nd: Dissector, at: number, len: number, a: string, b: string): string {
  if (len < 4) return SHORT;
  const v = nd.u32(at);
  return (v & 2 ? a : '') + (v & 1 ? b : '');
}

/** Six 32-bit error counters after 2 reserved bytes, each checked against the length as it goes. */
const callErrors = ['CRCErr', 'FrameErr', 'HardOver', 'BufOver', 'Timeout', 'AlignErr'];

function counters(nd: Dissector, at: number, len: number, names: readonly string[], fmt: (v: number) => string): string {
  if (len < 2) return SHORT;
  at += 2;
  len -= 2;
  let s = '';
  for (const name of names) {
    if (len < 4) return s + SHORT;
    s += name + '=' + fmt(nd.u32(at)) + ' ';
    at += 4;
    len -= 4;
  }
  return s;
}

/** The value of an IETF AVP (its bytes were captured: the caller checked). */
function value(nd: Dissector, type: number, at: number, len: number): string {
  switch (type) {
    case 0:
      return len < 2 ? SHORT : tok2str(msgTypes, 'MSGTYPE-#%u', nd.u16(at));
    case 1: {
      if (len < 2) return SHORT;
      let s = String(nd.u16(at));
      if (len === 2) return s;
      if (len < 4) return s + ' ' + SHORT;
      s += '/' + nd.u16(at + 2);
      return len === 4 ? s : s + ' ' + str(nd, at + 4, len - 4);
    }
    case 2:
      return len < 2 ? SHORT : (nd.u16(at) >> 8) + '.' + (nd.u16(at) & 0xff);
    case 3:
    case 19:
      return twoBits(nd, at, len, 'A', 'S');
    case 4:
    case 18:
      return twoBits(nd, at, len, 'A', 'D');
    case 5:
      return len < 8 ? SHORT : octets(nd, at, 8);
    case 6:
    case 9:
    case 10:
    case 14:
      return len < 2 ? SHORT : String(nd.u16(at));
    case 7:
    case 8:
    case 21:
    case 22:
    case 23:
    case 30:
    case 37:
      return str(nd, at, len);
    case 11:
    case 26:
    case 27:
    case 28:
    case 31:
    case 33:
    case 36:
      return octets(nd, at, len);
    case 12:
      if (len < 3) return SHORT;
      return nd.u16(at) + ', ' + hex2(nd.u8(at + 2)) + (len > 3 ? ' ' + str(nd, at + 3, len - 3) : '');
    case 13:
      return len < 16 ? SHORT : octets(nd, at, 16);
    case 15:
    case 16:
    case 17:
    case 24:
    case 25:
    case 38:
      return len < 4 ? SHORT : String(nd.u32(at));
    case 20:
      return 'obsolete';
    case 29:
      return len < 2 ? SHORT : tok2str(authTypes, 'AuthType-#%u', nd.u16(at));
    case 32:
      return len < 2 ? SHORT : String(nd.u16(at) & 0xff);
    case 34:
      return counters(nd, at, len, callErrors, String);
    case 35:
      return counters(nd, at, len, ['send', 'recv'], (v) => hex(v, 8));
    case 46:
      if (len < 5) return SHORT;
      return hex(nd.u16(at), 4) + ', ' + hex(nd.u16(at + 2), 4) + ' ' + tok2str(ccDirections, 'Direction-#%u', nd.u8(at + 4)) + (len > 5 ? ' ' + str(nd, at + 5, len - 5) : '');
  }
  return '';
}

/** One AVP; its length, or 0 when it is cut or its length is wrong (truncation printed). */
function avp(nd: Dissector, dat: number, length: number): number {
  nd.print(' ');
  const head = nd.u16(dat);
  const len = head & 0x03ff;
  if (len < 6 || len > length || !nd.has(dat, len)) {
    nd.printTrunc();
    return 0;
  }
  const hidden = (head & 0x4000) !== 0;
  nd.print((head & 0x8000 ? '*' : '') + (hidden ? '?' : ''));
  const vendor = nd.u16(dat + 2);
  if (vendor) {
    nd.print('VENDOR' + hex(vendor, 4) + ':ATTR' + hex(nd.u16(dat + 4), 4) + '(' + octets(nd, dat + 6, len - 6) + ')');
    return len;
  }
  const type = nd.u16(dat + 4);
  nd.print(tok2str(avpNames, 'AVP-#%u', type) + '(' + (hidden ? '???' : value(nd, type, dat + 6, len - 6)) + ')');
  return len;
}

export function l2tpPrint(nd: Dissector, dat: number, length: number): void {
  nd.protocol = 'l2tp';
  const flags = nd.u16(dat);
  const version = flags & 0x000f;
  if (version === VERSION.L2F) {
    nd.print(' l2f:');
    return;
  }
  if (version !== VERSION.L2TP) {
    nd.print(' Unknown Version, neither L2F(1) nor L2TP(2)');
    return;
  }
  nd.print(' l2tp:[' + (flags & FLAG.TYPE ? 'T' : '') + (flags & FLAG.LENGTH ? 'L' : '') + (flags & FLAG.SEQUENCE ? 'S' : '') + (flags & FLAG.OFFSET ? 'O' : '') + (flags & FLAG.PRIORITY ? 'P' : '') + ']');
  let ptr = dat + 2;
  let l2tpLen = 0;
  if (flags & FLAG.LENGTH) {
    l2tpLen = nd.u16(ptr);
    ptr += 2;
  }
  nd.print('(' + nd.u16(ptr) + '/');
  nd.print(nd.u16(ptr + 2) + ')');
  ptr += 4;
  if (flags & FLAG.SEQUENCE) {
    nd.print('Ns=' + nd.u16(ptr) + ',');
    nd.print('Nr=' + nd.u16(ptr + 2));
    ptr += 4;
  }
  if (flags & FLAG.OFFSET) {
    const pad = nd.u16(ptr);
    if (!nd.has(ptr + 2, pad)) {
      nd.printTrunc();
      return;
    }
    ptr += 2 + pad;
  }
  let cnt = ptr - dat;
  if (flags & FLAG.LENGTH) {
    if (length < l2tpLen) {
      nd.print(' Length ' + l2tpLen + ' larger than packet');
      return;
    }
    length = l2tpLen;
  }
  if (length < cnt) {
    nd.print(' Length ' + length + ' smaller than header length');
    return;
  }
  if (flags & FLAG.TYPE) {
    if (!(flags & FLAG.LENGTH)) {
      nd.print(' No length');
      return;
    }
    if (length === cnt) {
      nd.print(' ZLB');
      return;
    }
    while (length - cnt !== 0) {
      const n = avp(nd, ptr, length - cnt);
      if (n === 0) break;
      cnt += n;
      ptr += n;
    }
    return;
  }
  nd.print(' {');
  // PPP is the link layer's printer (ppp_print): reached by its name.
  const ppp = namedPrinter('ppp') ?? etherTypes.printer(ETHERTYPE_PPP);
  if (ppp !== undefined) ppp(nd, ptr, length - cnt);
  nd.print('}');
}

udpPorts.register('l2tp', l2tpPrint);
