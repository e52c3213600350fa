import { UsageError } from './errors.js';
import type { EngineFlags } from './open.js';

export interface ProgramFlags extends EngineFlags {
  /** Commands from -e, in order; empty for the console / line mode. */
  commands: string[];
  /** What follows the flags: `gateway ...` and its own flags, or nothing. */
  rest: string[];
}

const REPLAY_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,14}$/;

/**
 * The program's own flags, before any verb: --config, --dir, --replay NAME=FILE,
 * --replay-speed N, -e CMD. Both `--flag value` and `--flag=value` are taken.
 */
export function parseProgramFlags(argv: string[]): ProgramFlags {
  const flags: ProgramFlags = { replays: {}, replaySpeed: 1, commands: [], rest: [] };
  let i = 0;
  const value = (name: string, inline: string | undefined): string => {
    if (inline !== undefined) return inline;
    const v = argv[++i];
    if (v === undefined) throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-')) break;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    switch (name) {
      case '--config':
        flags.configFile = value(name, inline);
        break;
      case '--dir':
        flags.dir = value(name, inline);
        break;
      case '--replay': {
        const spec = value(name, inline);
        const at = spec.indexOf('=');
        const replayName = spec.slice(0, at);
        if (at <= 0 || at === spec.length - 1) throw new UsageError(`--replay needs NAME=FILE, got "${spec}"`);
        if (!REPLAY_NAME.test(replayName)) throw new UsageError(`--replay: "${replayName}" is not a usable interface name (a letter, then up to 14 of A-Z a-z 0-9 _ -)`);
        if (flags.replays[replayName] !== undefined) throw new UsageError(`--replay: "${replayName}" given twice`);
        flags.replays[replayName] = spec.slice(at + 1);
        break;
      }
      case '--replay-speed': {
        const v = value(name, inline);
        const n = Number(v);
        if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--replay-speed needs a number >= 0 (0: as fast as possible), got "${v}"`);
        flags.replaySpeed = n;
        break;
      }
      case '-e':
        flags.commands.push(value(name, inline));
        break;
      default:
        throw new UsageError(`unknown flag "${arg}" (see pcapdump --help)`);
    }
  }
  flags.rest = argv.slice(i);
  return flags;
}
