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

/**
 * fetch_token: the token at idx, up to white space, and where the next one starts
 * (after the white space, not past the line's end); null when there is none or it is
 * not printable text.
 */
function fetchToken(nd: Dissector, p: number, idx: number, len: number): { token: string; next: number } | null {
  let token = '';
  for (; idx < len; idx++) {
    if (!nd.has(p + idx, 1)) return null;
    const c = nd.buf[p + idx];
    if (c > 0x7f) return null;
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) break;
    if (!isPrint(c)) return null;
    if (token.length + 2 > MAX_TOKEN + 1) return null;
    token += String.fromCharCode(c);
  }
  if (token === '') return null;
  for (; idx < len; idx++) {
    if (!nd.has(p + idx, 1)) break;
    const c = nd.buf[p + idx];
    if (c === 0x0d || c === 0x0a) break;
    if (!isPrint(c)) break;
    if (c !== 0x20 && c !== 0x09) break;
  }
  return { token, next: idx };
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
 */
export function txtprotoPrint(nd: Dissector, p: number, len: number, cmds: ReadonlySet<string> | null, codeSecond: boolean): void {
  let printThis = cmds === null;
  if (cmds !== null) {
    let t = fetchToken(nd, p, 0, len);
    if (t !== null) {
      if (cmds.has(t.token.toUpperCase())) printThis = true;
      if (codeSecond) t = fetchToken(nd, p, t.next, len);
      if (t !== null && /^\d\d\d$/.test(t.token)) printThis = true;
    }
  }
  nd.print(nd.protocol.toUpperCase());
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
