import type { Dissector } from '../dissector.js';
import { tcpPorts } from '../registry.js';

/** BEEP (tcpdump's print-beep.c, RFC 3080): the frame's keyword when the segment starts with one. */

/**
 * l_strnstart: the first four bytes are the keyword's (strncmp over 4, so "MSG" and
 * "END" match only when a NUL follows them), captured and within the segment.
 */
function startsWith(nd: Dissector, kw: string, p: number, len: number): boolean {
  if (!nd.has(p, 4) || len < 4) return false;
  for (let i = 0; i < 4; i++) if (nd.buf[p + i] !== (i < kw.length ? kw.charCodeAt(i) : 0)) return false;
  return true;
}

const keywords: readonly [string, string][] = [
  ['MSG', ' BEEP MSG'],
  ['RPY ', ' BEEP RPY'],
  ['ERR ', ' BEEP ERR'],
  ['ANS ', ' BEEP ANS'],
  ['NUL ', ' BEEP NUL'],
  ['SEQ ', ' BEEP SEQ'],
  ['END', ' BEEP END'],
];

export function beepPrint(nd: Dissector, p: number, len: number): void {
  nd.protocol = 'beep';
  for (const [kw, text] of keywords) {
    if (startsWith(nd, kw, p, len)) {
      nd.print(text);
      return;
    }
  }
  nd.print(' BEEP (payload or undecoded)');
}

tcpPorts.register('beep', beepPrint);
