import type { Dissector } from '../dissector.js';

/**
 * tcpdump's txtproto_print (util-print.c), for the text protocols (SIP, and HTTP, RTSP,
 * FTP, SMTP... over TCP): the protocol's name and its first line; with -v every line
 * while they are printable text.
 */

const MAX_TOKEN = 128;

function isPrint(c: number): boolean {
  return c >= 0x20 && c <= 0x7e;
}

/** fetch_token's view of a byte: part of a token, white space that ends one, or neither (not ASCII, not printable). */
const TOKEN = 0;
const WHITE = 1;
const BAD = 2;
const CLASS = new Uint8Array(256).fill(BAD);
for (let c = 0x21; c <= 0x7e; c++) CLASS[c] = TOKEN;
for (const c of [0x20, 0x09, 0x0d, 0x0a]) CLASS[c] = WHITE;

/** The protocol's name in capitals (nd_print_protocol_caps), made once per name. */
const caps = new Map<string, string>();

/** The last token fetch_token found: [tokenStart, tokenEnd) in nd.buf. */
let tokenStart = 0;
let tokenEnd = 0;

/**
 * fetch_token: the token at idx, up to white space, and where the next one starts
 * (after the white space, not past the line's end); -1 when there is none or it is not
 * printable text. The token is left in [tokenStart, tokenEnd): no string is built, as
 * this runs on every segment to port 80 (most of which are not a request line).
 */
function fetchToken(nd: Dissector, p: number, idx: number, len: number): number {
  const buf = nd.buf;
  const start = p + idx;
  if (start < nd.packetAt) return -1;
  // Past the capture (no ND_TTEST_1), or a 129th character (no room for it and the
  // NUL in tcpdump's 129-byte buffer): not a token.
  const snapend = nd.snapend;
  const room = start + MAX_TOKEN;
  let q = start;
  for (const lim = p + len; q < lim; q++) {
    if (q >= snapend) return -1;
    const k = CLASS[buf[q]];
    if (k === WHITE) break;
    if (k === BAD || q >= room) return -1;
  }
  if (q === start) return -1;
  tokenStart = start;
  tokenEnd = q;
  // Spaces up to the next token; a tab (not printable to tcpdump) or a line end stops it.
  for (const lim = p + len; q < lim; q++) {
    if (q >= snapend || buf[q] !== 0x20) break;
  }
  return q - p;
}

/** The longest request name of any text protocol (BASELINE-CONTROL): longer tokens cannot match. */
const LONGEST_COMMAND = 16;

/** The last token is a request name of cmds (ascii_strcasecmp). */
function isCommand(nd: Dissector, cmds: ReadonlySet<string>): boolean {
  if (tokenEnd - tokenStart > LONGEST_COMMAND) return false;
  return cmds.has(nd.buf.toString('latin1', tokenStart, tokenEnd).toUpperCase());
}

/** The last token is a three-digit response code. */
function isResponseCode(nd: Dissector): boolean {
  if (tokenEnd - tokenStart !== 3) return false;
  const b = nd.buf;
  return b[tokenStart] >= 0x30 && b[tokenStart] <= 0x39 && b[tokenStart + 1] >= 0x30 && b[tokenStart + 1] <= 0x39 && b[tokenStart + 2] >= 0x30 && b[tokenStart + 2] <= 0x39;
}

/**
 * print_txt_line: the line from idx without its line end, after prefix; returns where
 * the next line starts, or 0 when the text stops (binary data, or no line end: that
 * prints as cut short).
 */
function txtLine(nd: Dissector, prefix: string, p: number, idx: number, len: number): number {
  const start = idx;
  while (idx < len) {
    const c = nd.u8(p + idx);
    if (c === 0x0a) {
      nd.printBreak(prefix + nd.buf.toString('latin1', p + start, p + idx));
      return idx + 1;
    }
    if (c === 0x0d) {
      if (idx + 1 >= len) return 0;
      if (nd.u8(p + idx + 1) === 0x0a) {
        nd.printBreak(prefix + nd.buf.toString('latin1', p + start, p + idx));
        return idx + 2;
      }
      return 0;
    }
    if (!isPrint(c) && c !== 0x09) return 0;
    idx++;
  }
  nd.printBreak(prefix + nd.buf.toString('latin1', p + start, p + idx));
  nd.printTrunc();
  return 0;
}

/**
 * cmds: the protocol's request names (null: every payload is text to print); with
 * codeSecond the response code is a response line's second token (HTTP, SIP), else its first.
 * prefix: what the caller prints just before the name (tcp_print's ": "), in one piece.
 */
export function txtprotoPrint(nd: Dissector, p: number, len: number, cmds: ReadonlySet<string> | null, codeSecond: boolean, prefix = ''): void {
  let printThis = cmds === null;
  if (cmds !== null) {
    let idx = fetchToken(nd, p, 0, len);
    if (idx >= 0) {
      if (isCommand(nd, cmds)) printThis = true;
      if (codeSecond) idx = fetchToken(nd, p, idx, len);
      if (idx >= 0 && isResponseCode(nd)) printThis = true;
    }
  }
  let name = caps.get(nd.protocol);
  if (name === undefined) caps.set(nd.protocol, (name = nd.protocol.toUpperCase()));
  nd.print(prefix + name);
  if (!printThis) return;
  if (nd.verbose) {
    nd.print(', length: ' + len);
    for (let idx = 0; idx < len; ) {
      const eol = txtLine(nd, '\n\t', p, idx, len);
      if (eol === 0) break;
      idx = eol;
    }
  } else txtLine(nd, ': ', p, 0, len);
}
