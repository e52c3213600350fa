import { isIP } from 'node:net';
import yargsParser from 'yargs-parser';
import { isFilterKey, type Filter } from '../filter/index.js';
import { filterOf } from './filter-words.js';
import { DETAIL_OPTIONS, takeDetail, type DetailOptions } from './detail.js';
import { shortWord, UsageError } from './errors.js';
import { nearest } from './suggest.js';
import { tokenize } from './tokens.js';

/** How packets of a running capture reach the console as they arrive. */
export type Output = 'none' | 'brief' | 'brief-unbuffered' | 'pcap';

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

/** What `stream` takes of the capture options: no buffer, no lines. */
export interface StreamOptions {
  snapLen: number;
  count: number;
  seconds: number;
  promiscuous: boolean;
  /** -force: write pcap even when stdout is a terminal. */
  force: boolean;
}

export type TunnelCommand =
  | { action: 'enable'; host: string; port: number; days: number; hostKey?: string; user?: string; remotePort: number }
  | { action: 'status' }
  | { action: 'disable' };

export type Command =
  | { verb: 'start'; options: CaptureOptions; filter: Filter; iface: string }
  | { verb: 'stream'; options: StreamOptions; filter: Filter; iface: string }
  | { verb: 'tunnel'; tunnel: TunnelCommand }
  | { verb: 'stop'; iface?: string }
  | { verb: 'status' }
  /** filter and detail.count select packets; detail.print says how the face prints them. */
  | { verb: 'show'; iface?: string; filter: Filter; detail: DetailOptions }
  | { verb: 'write'; iface: string; file: string }
  | { verb: 'wipe'; iface?: string }
  | { verb: 'files' }
  | { verb: 'delete'; file: string }
  | { verb: 'cleanup' }
  | { verb: 'help' }
  | { verb: 'exit' };

export const DEFAULT_SIZE_KB = 512;
/** The longest command line taken: a capture command is a few dozen words; more is a paste gone wrong or an attack. */
export const MAX_LINE = 4096;
/** A ring is one Buffer; Node's Buffer limit and the machine's memory both argue for a cap. */
export const MAX_SIZE_KB = 4 * 1024 * 1024;
export const MAX_SNAPLEN = 262144;
/** -t: 24 days, within what one timer can wait (2^31 ms). */
export const MAX_SECONDS = 24 * 86400;

export const VERBS = ['start', 'stream', 'stop', 'status', 'show', 'write', 'wipe', 'files', 'delete', 'cleanup', 'clean', 'tunnel', 'help', 'exit', 'quit'] as const;
export const OPTIONS = ['-size', '-s', '-c', '-t', '-o', '-ou', '-p'] as const;
/** What `stream` takes: -size, -o and -ou are about a buffer and lines it does not have. */
export const STREAM_OPTIONS = ['-s', '-c', '-t', '-p', '-force'] as const;
/** The verbs a mistyped command is compared with (aliases like clean and quit are not suggested). */
const COMMAND_VERBS: readonly string[] = ['start', 'stream', 'stop', 'status', 'show', 'write', 'wipe', 'files', 'delete', 'cleanup', 'tunnel', 'help', 'exit'];

/** tunnel enable --days: a week by default, as Cisco's techsupport tunnel; at most what one timer waits. */
export const DEFAULT_TUNNEL_DAYS = 7;
export const MAX_TUNNEL_DAYS = 24;

const VALUE_OPTIONS = ['size', 's', 'c', 't'];
const FLAG_OPTIONS = ['o', 'ou', 'p', 'force'];

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
    if (key === 'force') throw new UsageError('-force is for stream (pcap to a terminal); start does not take it');
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

function parseStreamOptions(args: yargsParser.Arguments, words: string[]): StreamOptions {
  for (const key of Object.keys(args)) {
    if (key === '_' || key === '--') continue;
    if (key === 'size' || key === 'o' || key === 'ou') {
      throw new UsageError(`stream keeps no buffer and prints no lines: ${typed(words, key)} does not apply (stream takes ${STREAM_OPTIONS.join(' ')})`);
    }
    if (!VALUE_OPTIONS.includes(key) && !FLAG_OPTIONS.includes(key)) {
      throw new UsageError(`unknown option "${typed(words, key)}" (stream takes ${STREAM_OPTIONS.join(' ')})`);
    }
  }
  return {
    snapLen: args.s === undefined ? 0 : wholeNumber('-s', 'a snap length in bytes', args.s, 1, MAX_SNAPLEN),
    count: args.c === undefined ? 0 : wholeNumber('-c', 'a packet count', args.c, 1, Number.MAX_SAFE_INTEGER),
    seconds: args.t === undefined ? 0 : wholeNumber('-t', 'a number of seconds', args.t, 1, MAX_SECONDS),
    promiscuous: args.p === true,
    force: args.force === true,
  };
}

/**
 * `stream` in either order: the verb first (`stream udp int`, as a tcpdump user types it)
 * or, as `start`, just before IFACE (`udp stream int`). IFACE is always the last word.
 */
function parseStream(positional: string[], args: yargsParser.Arguments, words: string[]): Command {
  const options = parseStreamOptions(args, words);
  const at = positional.indexOf('stream');
  if (positional.indexOf('stream', at + 1) !== -1) throw new UsageError('"stream" given twice');
  let filterWords: string[];
  let iface: string | undefined;
  if (at === 0) {
    filterWords = positional.slice(1, -1);
    iface = positional.length > 1 ? positional[positional.length - 1] : undefined;
  } else {
    const after = positional.slice(at + 1);
    atMost('stream', after, 1, '[OPTION...] [FILTER...] stream IFACE, or stream [OPTION...] [FILTER...] IFACE');
    filterWords = positional.slice(0, at);
    iface = after[0];
  }
  if (iface === undefined) throw new UsageError('stream needs an interface: stream [OPTION...] [FILTER...] IFACE');
  if (at === 0 && isFilterKey(iface) && filterWords.length === 0) {
    throw new UsageError(`stream needs an interface after the filter: stream [OPTION...] [FILTER...] IFACE (got "${shortWord(iface)}" last)`);
  }
  return { verb: 'stream', options, filter: filterOf(filterWords), iface };
}

const TUNNEL_USAGE = 'tunnel enable --host HOST --port PORT [--days N] [--host-key SHA256:...] | tunnel status | tunnel disable';

/** `tunnel enable --host H --port P [--days N] [--host-key FP] [--user NAME] [--remote-port N]`, `tunnel status`, `tunnel disable`. */
function parseTunnel(words: string[]): Command {
  const at = words.indexOf('tunnel');
  const rest = words.slice(at + 1);
  if (at !== 0) throw new UsageError(`tunnel takes no options before it (usage: ${TUNNEL_USAGE})`);
  const [action, ...args] = rest;
  if (action === undefined) throw new UsageError(`tunnel needs enable, status or disable (usage: ${TUNNEL_USAGE})`);
  if (action === 'status' || action === 'disable') {
    if (args.length > 0) throw new UsageError(`tunnel ${action}: unexpected "${shortWord(args[0])}" (takes no arguments)`);
    return { verb: 'tunnel', tunnel: { action } };
  }
  if (action !== 'enable') throw new UsageError(`tunnel: unknown action "${shortWord(action)}" (enable, status or disable)`);
  const got: Record<string, string> = {};
  const known = ['--host', '--port', '--days', '--host-key', '--user', '--remote-port'];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!known.includes(name)) throw new UsageError(`tunnel enable: unexpected "${shortWord(arg)}" (takes ${known.join(' ')})`);
    if (got[name] !== undefined) throw new UsageError(`tunnel enable: ${name} given twice`);
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') throw new UsageError(`tunnel enable: ${name} needs a value`);
    got[name] = value;
  }
  const host = got['--host'];
  if (host === undefined) throw new UsageError('tunnel enable needs --host HOST (the support host)');
  if (got['--port'] === undefined) throw new UsageError('tunnel enable needs --port PORT (the support host\'s SSH port)');
  const hostName = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
  if (host.length > 253 || !(hostName.test(host) || isIP(host) !== 0)) {
    throw new UsageError(`tunnel enable: --host needs a host name or address, got "${shortWord(host)}"`);
  }
  const port = wholeNumber('--port', 'a TCP port', got['--port'], 1, 65535);
  const days = got['--days'] === undefined ? DEFAULT_TUNNEL_DAYS : wholeNumber('--days', 'a number of days', got['--days'], 1, MAX_TUNNEL_DAYS);
  const remotePort = got['--remote-port'] === undefined ? 0 : wholeNumber('--remote-port', 'a TCP port', got['--remote-port'], 1, 65535);
  const hostKey = got['--host-key'];
  if (hostKey !== undefined && !/^SHA256:[A-Za-z0-9+/]{43}=?$/.test(hostKey)) {
    throw new UsageError(`tunnel enable: --host-key needs a SHA256:... fingerprint as ssh-keygen -l prints it, got "${shortWord(hostKey)}"`);
  }
  const user = got['--user'];
  if (user !== undefined && !/^[A-Za-z0-9._][A-Za-z0-9._-]{0,31}$/.test(user)) throw new UsageError(`tunnel enable: --user needs a login name, got "${shortWord(user)}"`);
  return { verb: 'tunnel', tunnel: { action: 'enable', host, port, days, remotePort, ...(hostKey ? { hostKey } : {}), ...(user ? { user } : {}) } };
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
  const shown = shortWord(word);
  return new UsageError(guess ? `unknown command "${shown}" (did you mean "${guess}"?)` : `unknown command "${shown}"; "help" lists the commands`);
}

function noOptions(verb: string, args: yargsParser.Arguments, words: string[]): void {
  const given = Object.keys(args).filter((k) => k !== '_' && k !== '--');
  if (given.length > 0) throw new UsageError(`${verb} takes no options, got "${typed(words, given[0])}"`);
}

function atMost(verb: string, rest: string[], n: number, shape: string): void {
  if (rest.length > n) throw new UsageError(`${verb}: unexpected "${rest[n]}" (${shape})`);
}


/**
 * `show [OPTION...] [IFACE] [FILTER...]` with tcpdump's options (detail.ts) anywhere: the
 * first word after them is the interface unless it is a filter word (`show tcp` filters
 * every interface). `words` is the whole command; the verb is the first "show" that is not
 * -c's value.
 */
function parseShow(words: string[]): Command {
  const rest = [...words];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '-c') i++;
    else if (rest[i] === 'show') {
      rest.splice(i, 1);
      break;
    }
  }
  const { detail, rest: positional } = takeDetail('show', rest);
  const dashed = positional.find((w) => w.startsWith('-'));
  if (dashed !== undefined) throw new UsageError(`show: unknown option "${shortWord(dashed, 16)}" (${DETAIL_OPTIONS})`);
  const iface = positional.length > 0 && !isFilterKey(positional[0]) ? positional.shift() : undefined;
  return { verb: 'show', iface, filter: filterOf(positional), detail };
}

/**
 * One console command, with or without the leading word `pcapdump`.
 * Returns null for a blank line. Throws UsageError naming the token at fault.
 */
export function parseCommand(line: string | string[]): Command | null {
  const length = typeof line === 'string' ? line.length : line.reduce((n, w) => n + w.length + 1, 0);
  if (length > MAX_LINE) throw new UsageError(`command too long: ${length} characters (at most ${MAX_LINE})`);
  const words = typeof line === 'string' ? tokenize(line) : [...line];
  if (words[0] === 'pcapdump') words.shift();
  if (words.length === 0) return null;
  // tunnel's --flags are its own: yargs would read them as capture options.
  if (words[0] === 'tunnel') return parseTunnel(words);
  const args = yargsParser(words, parserConfig);
  const positional = args._.map(String);
  const [first, ...rest] = positional;

  switch (first) {
    case 'show':
      return parseShow(words);
    case 'stop':
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
    case 'tunnel':
      throw new UsageError(`tunnel takes no options before it (usage: ${TUNNEL_USAGE})`);
    case 'write':
      noOptions(first, args, words);
      if (rest.length < 2) throw new UsageError(`write needs an interface and a file name: write IFACE FILE`);
      atMost(first, rest, 2, 'write IFACE FILE');
      return { verb: 'write', iface: rest[0], file: rest[1] };
  }

  if (positional.includes('stream') && !positional.includes('start')) return parseStream(positional, args, words);

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
