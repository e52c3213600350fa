/**
 * Text that came from a client, made safe to print on one line: a terminal or a log must
 * never receive its control characters (a newline forges a log line, an escape sequence
 * drives the reader's terminal), and a huge token must not be echoed whole.
 */

/** C0, DEL, C1, the Unicode line/paragraph separators and the bidirectional overrides. */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

function escapeChar(ch: string): string {
  const c = ch.codePointAt(0) ?? 0;
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  return c <= 0xff ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u{${c.toString(16)}}`;
}

/** Cuts text to `max` characters, saying how many more there were. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}…(+${text.length - max} chars)`;
}

/** Escapes what a terminal or log would act on; `max` characters at most of the original. */
export function printable(text: string, max = 64): string {
  return truncate(text, max).replace(UNSAFE, escapeChar);
}

/** A client's word in double quotes, as log lines show it: quotes and backslashes escaped too. */
export function quoted(text: string, max = 64): string {
  return `"${truncate(text, max).replace(/[\\"]/g, (c) => '\\' + c).replace(UNSAFE, escapeChar)}"`;
}

/**
 * A message meant for one line that may hold a client's tokens: control characters escaped,
 * any run of more than `maxRun` non-blank characters shortened, at most `maxTotal` in all.
 */
export function oneLine(message: string, maxTotal = 400, maxRun = 80): string {
  const runs = message.replace(new RegExp(`\\S{${maxRun + 1},}`, 'gu'), (run) => truncate(run, maxRun - 20));
  return truncate(runs, maxTotal).replace(UNSAFE, escapeChar);
}
