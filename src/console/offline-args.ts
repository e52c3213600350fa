import type { Filter } from '../filter/index.js';
import { UsageError } from './errors.js';
import { filterOf } from './grammar.js';

export interface ReadArgs {
  file: string;
  filter: Filter;
  countOnly: boolean;
}

/** `read FILE [FILTER...] [--count]`: --count may stand anywhere after `read`. */
export function parseReadArgs(args: string[]): ReadArgs {
  let countOnly = false;
  const rest: string[] = [];
  for (const a of args) {
    if (a === '--count') countOnly = true;
    else if (a.startsWith('--')) throw new UsageError(`read: unknown option "${a}" (read FILE [FILTER...] [--count])`);
    else rest.push(a);
  }
  const file = rest.shift();
  if (file === undefined || file === '') throw new UsageError('read needs a capture file: read FILE [FILTER...] [--count]');
  return { file, filter: filterOf(rest), countOnly };
}

/** `bpf FILTER...`: at least one filter word, else there is nothing to compile. */
export function parseBpfArgs(args: string[]): Filter {
  if (args.length === 0) throw new UsageError('bpf needs a filter: bpf FILTER... (e.g. bpf ipsrc 192.168.0.1 tcp)');
  return filterOf(args);
}
