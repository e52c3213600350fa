import { FILTER_KEYS } from '../filter/index.js';
import { OPTIONS, VERBS } from '../console/grammar.js';

export interface Completion {
  line: string;
  cursor: number;
  /** What the word could become, when more than one thing fits. */
  candidates: string[];
}

/** Verbs whose next word is an interface name. */
const TAKES_IFACE = new Set(['start', 'stop', 'show', 'write', 'wipe']);

function commonPrefix(words: string[]): string {
  let p = words[0] ?? '';
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/**
 * Tab completion of the word before the cursor: interface names after a verb that
 * takes one, options for a word starting with "-", else verbs and filter keys.
 */
export function complete(line: string, cursor: number, interfaces: readonly string[]): Completion {
  const before = line.slice(0, cursor);
  const start = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\t')) + 1;
  const word = before.slice(start);
  const previous = before.slice(0, start).trim().split(/\s+/).filter((w) => w !== '' && w !== 'pcapdump');
  const last = previous[previous.length - 1];
  let pool: readonly string[];
  if (last !== undefined && TAKES_IFACE.has(last)) pool = interfaces;
  else if (word.startsWith('-')) pool = OPTIONS;
  else pool = [...VERBS, ...FILTER_KEYS];
  const matches = [...new Set(pool.filter((w) => w.startsWith(word)))].sort();
  if (matches.length === 0) return { line, cursor, candidates: [] };
  const fill = matches.length === 1 ? matches[0] + ' ' : commonPrefix(matches);
  const next = line.slice(0, start) + fill + line.slice(cursor);
  return { line: next, cursor: start + fill.length, candidates: matches.length > 1 ? matches : [] };
}
