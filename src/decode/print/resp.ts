import type { Dissector } from '../dissector.js';
import { tcpPorts } from '../registry.js';
import { charText } from './tcp.js';

/**
 * REdis Serialization Protocol (tcpdump's print-resp.c): every item of every pipelined
 * command or reply as a quoted string, with "empty", "null" and the length errors
 * tcpdump names. Any item cut short or malformed ends the packet with ` [|resp]`.
 */

const CR = 0x0d;
const LF = 0x0a;
const INT_MAX = 0x7fffffff;
const TRUNC = -1;

// resp_get_length's results below zero: null (-1) is a value, the rest are errors.
const LEN_TRUNC = -2;
const LEN_TOO_LARGE = -3;
const LEN_NEGATIVE = -4;

/** Where resp_get_length stopped (its *endp). */
let lengthEnd = 0;

export function respPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'resp';
  nd.print(': RESP');
  while (length > 0) {
    const n = parse(nd, bp, length);
    if (n < 0) {
      nd.printTrunc();
      return;
    }
    bp += n;
    length -= n;
  }
}

function parse(nd: Dissector, bp: number, length: number): number {
  if (length < 1) return TRUNC;
  switch (nd.u8(bp)) {
    case 0x2b: // '+' simple string
    case 0x3a: // ':' integer
    case 0x2d: // '-' error
      return stringErrorInteger(nd, bp, length);
    case 0x24: // '$'
      return bulkString(nd, bp, length);
    case 0x2a: // '*'
      return array(nd, bp, length);
    default:
      return inline(nd, bp, length);
  }
}

/** RESP_PRINT_SEGMENT: ` "text"`, false when the capture ended inside the text (nd_printn's truncation). */
function segment(nd: Dissector, at: number, len: number): boolean {
  nd.print(' "');
  // nd_printn up to snapend: character by character, as a cut string prints what it has.
  let s = '';
  while (len > 0 && at < nd.snapend) {
    len--;
    s += charText(nd.u8(at));
    at++;
  }
  nd.print(s);
  if (len !== 0) return false;
  nd.print('"');
  return true;
}

/** FIND_CRLF: the offset of the next CR LF within len bytes, or -1 (cut short or not there). */
function findCrlf(nd: Dissector, at: number, len: number): number {
  for (;;) {
    if (len < 2 || !nd.has(at, 2)) return -1;
    if (nd.u8(at) === CR && nd.u8(at + 1) === LF) return at;
    at++;
    len--;
  }
}

function stringErrorInteger(nd: Dissector, bp: number, length: number): number {
  const text = bp + 1;
  const crlf = findCrlf(nd, text, length - 1);
  if (crlf < 0) return TRUNC;
  const len = crlf - text;
  if (!segment(nd, text, len)) return TRUNC;
  return 1 + len + 2;
}

function bulkString(nd: Dissector, bp: number, length: number): number {
  let cur = length - 1;
  let p = bp + 1;
  const stringLen = getLength(nd, p, cur);
  cur -= lengthEnd - p;
  p = lengthEnd;
  if (stringLen >= 0) {
    if (stringLen === 0) nd.print(' empty');
    else {
      if (cur < stringLen || !nd.has(p, stringLen)) return TRUNC;
      if (!segment(nd, p, stringLen)) return TRUNC;
      p += stringLen;
      cur -= stringLen;
    }
    // The CR LF after the string, wherever it is.
    const crlf = findCrlf(nd, p, cur);
    if (crlf < 0) return TRUNC;
    cur -= crlf - p + 2;
  } else if (!lengthError(nd, stringLen)) return TRUNC;
  return length - cur;
}

function array(nd: Dissector, bp: number, length: number): number {
  let cur = length - 1;
  let p = bp + 1;
  const arrayLen = getLength(nd, p, cur);
  cur -= lengthEnd - p;
  p = lengthEnd;
  if (arrayLen > 0) {
    for (let i = 0; i < arrayLen; i++) {
      const n = parse(nd, p, cur);
      if (n < 0) return TRUNC;
      p += n;
      cur -= n;
    }
  } else if (arrayLen === 0) nd.print(' empty');
  else if (!lengthError(nd, arrayLen)) return TRUNC;
  return length - cur;
}

/** The words for a length that is not one; false for a length cut short. */
function lengthError(nd: Dissector, len: number): boolean {
  switch (len) {
    case -1:
      nd.print(' null');
      return true;
    case LEN_TRUNC:
      return false;
    case LEN_TOO_LARGE:
      nd.print(' length too large');
      return true;
    case LEN_NEGATIVE:
      nd.print(' length negative and not -1');
      return true;
    default:
      nd.print(' invalid');
      return true;
  }
}

/** Inline commands (telnet style): a line ended by any run of CR and LF. */
function inline(nd: Dissector, bp: number, length: number): number {
  let cur = length;
  let p = bp;
  // CONSUME_CR_OR_LF before the text: running out of data here is a truncation.
  let found = false;
  for (;;) {
    if (cur === 0 || !nd.has(p, 1)) {
      if (found) break;
      return TRUNC;
    }
    const c = nd.u8(p);
    if (c !== CR && c !== LF) break;
    found = true;
    p++;
    cur--;
  }
  let q = p;
  for (;;) {
    if (cur < 1) return TRUNC;
    const c = nd.u8(q);
    if (c === CR || c === LF) break;
    q++;
    cur--;
  }
  if (!segment(nd, p, q - p)) return TRUNC;
  found = false;
  for (;;) {
    if (cur === 0 || !nd.has(q, 1)) {
      if (found) break;
      return TRUNC;
    }
    const c = nd.u8(q);
    if (c !== CR && c !== LF) break;
    found = true;
    q++;
    cur--;
  }
  return length - cur;
}

/**
 * resp_get_length: a bulk string's or array's length, digits then CR LF; -1 for "-1"
 * (null), else LEN_* for errors, -5 for anything not a length. Sets lengthEnd to
 * where it stopped.
 */
function getLength(nd: Dissector, bp: number, len: number): number {
  if (len === 0) {
    lengthEnd = bp;
    return LEN_TRUNC;
  }
  let tooLarge = false;
  let neg = false;
  if (nd.u8(bp) === 0x2d) {
    neg = true;
    bp++;
    len--;
  }
  let result = 0;
  let sawDigit = false;
  for (;;) {
    if (len === 0) {
      lengthEnd = bp;
      return LEN_TRUNC;
    }
    let c = nd.u8(bp);
    if (!(c >= 0x30 && c <= 0x39)) {
      if (!sawDigit) {
        lengthEnd = bp + 1;
        return -5;
      }
      break;
    }
    c -= 0x30;
    if (result > Math.trunc(INT_MAX / 10)) tooLarge = true;
    else {
      result *= 10;
      if (result === Math.trunc(INT_MAX / 10) * 10 && c > INT_MAX % 10) tooLarge = true;
      else result += c;
    }
    bp++;
    len--;
    sawDigit = true;
  }
  if (nd.u8(bp) !== CR) {
    lengthEnd = bp + 1;
    return -5;
  }
  bp++;
  len--;
  if (len === 0) {
    lengthEnd = bp;
    return LEN_TRUNC;
  }
  if (nd.u8(bp) !== LF) {
    lengthEnd = bp + 1;
    return -5;
  }
  bp++;
  lengthEnd = bp;
  if (neg) {
    if (tooLarge || result !== 1) return LEN_NEGATIVE;
    return -1;
  }
  return tooLarge ? LEN_TOO_LARGE : result;
}

tcpPorts.register('resp', respPrint);
