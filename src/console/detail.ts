import type { DecodeOptions } from '../decode/index.js';
import { shortWord, UsageError } from './errors.js';

/** How packets are printed, as tcpdump's options say it (the Decoder's options). */
export type PrintOptions = Pick<DecodeOptions, 'verbose' | 'linkHeader' | 'hex' | 'hexAscii' | 'ascii'>;

/** The options `show` and `read` take, with tcpdump's letters and meanings. */
export interface DetailOptions {
  print: PrintOptions;
  /** -c N: at most N packets (read: the first N, show: the last N); 0 for all. */
  count: number;
}

/** For messages: the doubled and tripled letters (-vv, -XX) go without saying. */
export const DETAIL_OPTIONS = '-v -e -x -X -A -c N';

/** The most -c takes: a count no capture file or buffer reaches. */
const MAX_COUNT = Number.MAX_SAFE_INTEGER;

export function plainDetail(): DetailOptions {
  return { print: { verbose: 0, linkHeader: false, hex: 0, hexAscii: 0, ascii: 0 }, count: 0 };
}

/** True when a packet prints more than its brief line (-v, -x, -X, -A); -e alone keeps one line. */
export function detailed(p: PrintOptions): boolean {
  return p.verbose > 0 || p.hex > 0 || p.hexAscii > 0 || p.ascii > 0;
}


function countOf(verb: string, text: string | undefined): number {
  if (text === undefined || text === '') throw new UsageError(`${verb}: -c needs a packet count, got nothing`);
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_COUNT) {
    throw new UsageError(`${verb}: -c needs a packet count from 1 up, got "${shortWord(text, 16)}"`);
  }
  return Number(text);
}

/**
 * Takes tcpdump's print options out of a command's words, as tcpdump's getopt reads them:
 * letters may be grouped (`-vvX`, `-ex`), -c takes the rest of its word or the next word
 * (`-c5`, `-c 5`). -n and -nn are accepted and change nothing: lines are always -nn's.
 * Returns the options and the other words in their order; throws UsageError, naming the
 * word, for an option it does not know. Words starting with `--` are left in the rest
 * (read's own `--count`).
 */
export function takeDetail(verb: string, words: string[]): { detail: DetailOptions; rest: string[] } {
  const detail = plainDetail();
  const p = detail.print;
  const rest: string[] = [];
  let counted = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w.startsWith('-') || w === '-' || w.startsWith('--')) {
      rest.push(w);
      continue;
    }
    for (let j = 1; j < w.length; j++) {
      const c = w[j];
      if (c === 'v') p.verbose++;
      else if (c === 'e') p.linkHeader = true;
      else if (c === 'x') p.hex++;
      else if (c === 'X') p.hexAscii++;
      else if (c === 'A') p.ascii++;
      else if (c === 'n') continue;
      else if (c === 'c') {
        if (counted) throw new UsageError(`${verb}: -c given more than once`);
        counted = true;
        detail.count = countOf(verb, j + 1 < w.length ? w.slice(j + 1) : words[++i]);
        break;
      } else {
        throw new UsageError(`${verb}: unknown option "${shortWord(w, 16)}" (${DETAIL_OPTIONS})`);
      }
    }
  }
  return { detail, rest };
}
