import yargsParser from 'yargs-parser';
import { FilterError, isFilterKey, parseFilter, type Filter } from '../filter/index.js';
import { UsageError } from './errors.js';
import { nearest } from './suggest.js';
import { tokenize } from './tokens.js';

/** How packets of a running capture reach the console as they arrive. */
export type Output = 'none' | 'brief' | 'brief-unbuffered';

export interface CaptureOptions {
  /** Ring buffer size in KB (1024 bytes). */
  sizeKB: number;
  /** Bytes kept of each packet; 0 keeps all (up to the capture's maximum). */
  snapLen: number;
  /** Stop by itself after this many packets; 0 for no limit. */
  count: number;
  /** Stop by itself after this many seconds; 0 for no limit. */
  seconds: number;
  output: Output;
  promiscuous: boolean;
}

export type Command =
  | { verb: 'start'; options: CaptureOptions; filter: Filter; iface: string }
  | { verb: 'stop'; iface?: string }
  | { verb: 'status' }
  | { verb: 'show'; iface?: string }
  | { verb: 'write'; iface: string; file: string }
  | { verb: 'wipe'; iface?: string }
  | { verb: 'files' }
  | { verb: 'delete'; file: string }
  | { verb: 'cleanup' }
  | { verb: 'help' }
  | { verb: 'exit' };

export const DEFAULT_SIZE_KB = 512;
/** A ring is one Buffer; Node's Buffer limit and the machine's memory both argue for a cap. */
export const MAX_SIZE_KB = 4 * 1024 * 1024;
export const MAX_SNAPLEN = 262144;
/** -t: 24 days, within what one timer can wait (2^31 ms). */
export const MAX_SECONDS = 24 * 86400;

export const VERBS = ['start', 'stop', 'status', 'show', 'write', 'wipe', 'files', 'delete', 'cleanup', 'clean', 'help', 'exit', 'quit'] as const;
export const OPTIONS = ['-size', '-s', '-c', '-t', '-o', '-ou', '-p'] as const;
/** The verbs a mistyped command is compared with (aliases like clean and quit are not suggested). */
const COMMAND_VERBS: readonly string[] = ['start', 'stop', 'status', 'show', 'write', 'wipe', 'files', 'delete', 'cleanup', 'help', 'exit'];

const VALUE_OPTIONS = ['size', 's', 'c', 't'];
const FLAG_OPTIONS = ['o', 'ou', 'p'];

const parserConfig: yargsParser.Options = {
  configuration: {
    'short-option-groups': false,
    'parse-numbers': false,
    'parse-positional-numbers': false,
    'camel-case-expansion': false,
    'dot-notation': false,
    'duplicate-arguments-array': true,
    'flatten-duplicate-arrays': true,
    'boolean-negation': false,
    'unknown-options-as-args': false,
  },
  string: VALUE_OPTIONS,
  boolean: FLAG_OPTIONS,
};

function wholeNumber(option: string, what: string, raw: unknown, min: number, max: number): number {
  if (Array.isArray(raw)) throw new UsageError(`${option} given more than once`);
  const text = String(raw ?? '');
  if (!/^\d+$/.test(text)) throw new UsageError(`${option} needs ${what}, got ${text === '' ? 'nothing' : `"${text}"`}`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`${option} needs ${what} from ${min} to ${max}, got "${text}"`);
  return n;
}

/** The word as typed, for messages: yargs-parser forgets whether it was -x or --x. */
function typed(words: string[], key: string): string {
  return words.find((w) => w.startsWith('-') && w.replace(/^-+/, '').split('=')[0] === key) ?? `-${key}`;
}

function parseOptions(args: yargsParser.Arguments, words: string[]): CaptureOptions {
  for (const key of Object.keys(args)) {
    if (key === '_' || key === '--') continue;
    if (!VALUE_OPTIONS.includes(key) && !FLAG_OPTIONS.includes(key)) {
      throw new UsageError(`unknown option "${typed(words, key)}" (options: ${OPTIONS.join(' ')})`);
    }
  }
  if (args.o && args.ou) throw new UsageError('-o and -ou exclude each other: -o shows and stores, -ou only shows');
  return {
    sizeKB: args.size === undefined ? DEFAULT_SIZE_KB : wholeNumber('-size', 'a buffer size in KB', args.size, 1, MAX_SIZE_KB),
    snapLen: args.s === undefined ? 0 : wholeNumber('-s', 'a snap length in bytes', args.s, 1, MAX_SNAPLEN),
    count: args.c === undefined ? 0 : wholeNumber('-c', 'a packet count', args.c, 1, Number.MAX_SAFE_INTEGER),
    seconds: args.t === undefined ? 0 : wholeNumber('-t', 'a number of seconds', args.t, 1, MAX_SECONDS),
    output: args.ou ? 'brief-unbuffered' : args.o ? 'brief' : 'none',
    promiscuous: args.p === true,
  };
}

/** Words technicians bring from other consoles, and the verb that does that here. */
const VERB_ALIASES: Readonly<Record<string, string>> = {
  save: 'write',
  dump: 'show',
  print: 'show',
  list: 'files',
  ls: 'files',
  dir: 'files',
  rm: 'delete',
  del: 'delete',
  remove: 'delete',
  erase: 'delete',
  clear: 'wipe',
  begin: 'start',
  halt: 'stop',
  end: 'stop',
  q: 'exit',
};

function unknownCommand(word: string): UsageError {
  const guess = nearest(word, COMMAND_VERBS, VERB_ALIASES);
  const shown = word.length > 24 ? `${word.slice(0, 24)}...` : word;
  return new UsageError(guess ? `unknown command "${shown}" (did you mean "${guess}"?)` : `unknown command "${shown}"; "help" lists the commands`);
}

function noOptions(verb: string, args: yargsParser.Arguments, words: string[]): void {
  const given = Object.keys(args).filter((k) => k !== '_' && k !== '--');
  if (given.length > 0) throw new UsageError(`${verb} takes no options, got "${typed(words, given[0])}"`);
}

function atMost(verb: string, rest: string[], n: number, shape: string): void {
  if (rest.length > n) throw new UsageError(`${verb}: unexpected "${rest[n]}" (${shape})`);
}

/** Filter words to a Filter; a filter error is a usage error, since the user typed it. */
export function filterOf(tokens: string[]): Filter {
  try {
    return parseFilter(tokens);
  } catch (err) {
    if (err instanceof FilterError) throw new UsageError(err.message);
    throw err;
  }
}

/**
 * One console command, with or without the leading word `pcapdump`.
 * Returns null for a blank line. Throws UsageError naming the token at fault.
 */
export function parseCommand(line: string | string[]): Command | null {
  const words = typeof line === 'string' ? tokenize(line) : [...line];
  if (words[0] === 'pcapdump') words.shift();
  if (words.length === 0) return null;
  const args = yargsParser(words, parserConfig);
  const positional = args._.map(String);
  const [first, ...rest] = positional;

  switch (first) {
    case 'stop':
    case 'show':
    case 'wipe':
      noOptions(first, args, words);
      atMost(first, rest, 1, `${first} [IFACE]`);
      return { verb: first, iface: rest[0] };
    case 'status':
    case 'files':
    case 'cleanup':
    case 'clean':
    case 'help':
    case 'exit':
    case 'quit':
      noOptions(first, args, words);
      atMost(first, rest, 0, `${first} takes no arguments`);
      if (first === 'clean') return { verb: 'cleanup' };
      if (first === 'quit') return { verb: 'exit' };
      return { verb: first };
    case 'delete':
      noOptions(first, args, words);
      if (rest.length < 1) throw new UsageError('delete needs a file name: delete FILE');
      atMost(first, rest, 1, 'delete FILE');
      return { verb: 'delete', file: rest[0] };
    case 'write':
      noOptions(first, args, words);
      if (rest.length < 2) throw new UsageError(`write needs an interface and a file name: write IFACE FILE`);
      atMost(first, rest, 2, 'write IFACE FILE');
      return { verb: 'write', iface: rest[0], file: rest[1] };
  }

  // Anything else is a capture: [OPTION...] [FILTER...] start IFACE.
  // Options first: "-c start int" is a missing count, not a missing verb.
  const options = parseOptions(args, words);
  const at = positional.lastIndexOf('start');
  if (at === -1) {
    if (first !== undefined && !isFilterKey(first)) throw unknownCommand(first);
    // Filter words and no "start": a capture whose verb was mistyped, or left out.
    const typo = positional.find((w) => !isFilterKey(w) && nearest(w, ['start']) !== undefined);
    if (typo !== undefined) throw new UsageError(`"${typo}" is not a filter word (did you mean "start"?)`);
    throw new UsageError('a capture ends with "start IFACE": [OPTION...] [FILTER...] start IFACE');
  }
  const after = positional.slice(at + 1);
  if (after.length === 0) throw new UsageError('start needs an interface: ... start IFACE');
  atMost('start', after, 1, '[OPTION...] [FILTER...] start IFACE');
  return { verb: 'start', options, filter: filterOf(positional.slice(0, at)), iface: after[0] };
}
