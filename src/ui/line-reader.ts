import { StringDecoder } from 'node:string_decoder';
import { MAX_LINE } from '../console/grammar.js';

/** A line longer than the cap: only its length is kept, never its text. */
export interface Overlong {
  overlong: number;
}

/**
 * Lines of a byte stream (a pipe, an SSH channel), each at most `max` characters. Past the
 * cap the rest of the line is counted and skipped, not collected, so a client sending one
 * endless line costs its reader a constant amount of memory. The stream is read only as
 * fast as lines are taken (backpressure reaches the sender). "\r\n" ends a line as "\n" does.
 */
export async function* readLines(source: AsyncIterable<Buffer | string>, max = MAX_LINE): AsyncGenerator<string | Overlong> {
  const decoder = new StringDecoder('utf8');
  let line = '';
  /** Characters of an overlong line so far; -1 while within the cap. */
  let skipped = -1;
  const take = (text: string): (string | Overlong)[] => {
    const out: (string | Overlong)[] = [];
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      const piece = nl === -1 ? text.slice(from) : text.slice(from, nl);
      if (skipped >= 0) skipped += piece.length;
      else if (line.length + piece.length > max) {
        skipped = line.length + piece.length;
        line = '';
      } else line += piece;
      if (nl === -1) return out;
      if (skipped >= 0) out.push({ overlong: skipped });
      else out.push(line.endsWith('\r') ? line.slice(0, -1) : line);
      line = '';
      skipped = -1;
      from = nl + 1;
    }
  };
  for await (const chunk of source) yield* take(typeof chunk === 'string' ? chunk : decoder.write(chunk));
  yield* take(decoder.end());
  if (skipped >= 0) yield { overlong: skipped };
  else if (line !== '') yield line.endsWith('\r') ? line.slice(0, -1) : line;
}

export function isOverlong(x: string | Overlong): x is Overlong {
  return typeof x !== 'string';
}
