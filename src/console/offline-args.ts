import type { Filter } from '../filter/index.js';
import { DETAIL_OPTIONS, takeDetail, type DetailOptions } from './detail.js';
import { shortWord, UsageError } from './errors.js';
import { filterOf } from './filter-words.js';

export interface ReadArgs {
  file: string;
  filter: Filter;
  /** --count: print how many packets match instead of the packets. */
  countOnly: boolean;
  /** tcpdump's print options and -c (the first N matching packets). */
  detail: DetailOptions;
}

const READ_SHAPE = `read FILE [OPTION...] [FILTER...] [--count]`;

/** `read FILE [OPTION...] [FILTER...] [--count]`: options and --count may stand anywhere after `read`. */
export function parseReadArgs(args: string[]): ReadArgs {
  let countOnly = false;
  const words: string[] = [];
  for (const a of args) {
    if (a === '--count') countOnly = true;
    else if (a.startsWith('--')) throw new UsageError(`read: unknown option "${shortWord(a, 16)}" (${DETAIL_OPTIONS} --count)`);
    else words.push(a);
  }
  const { detail, rest } = takeDetail('read', words);
  const file = rest.shift();
  if (file === undefined || file === '') throw new UsageError(`read needs a capture file: ${READ_SHAPE}`);
  return { file, filter: filterOf(rest), countOnly, detail };
}

/** `bpf FILTER...`: at least one filter word, else there is nothing to compile. */
export function parseBpfArgs(args: string[]): Filter {
  if (args.length === 0) throw new UsageError('bpf needs a filter: bpf FILTER... (e.g. bpf ipsrc 192.168.0.1 tcp)');
  return filterOf(args);
}
