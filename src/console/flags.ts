import { UsageError } from './errors.js';
import type { EngineFlags } from './open.js';

export interface ProgramFlags extends EngineFlags {
  /** Commands from -e, in order; empty for the console / line mode. */
  commands: string[];
  /** --socket PATH: the service's socket. */
  socket?: string;
  /** --standalone: an Engine of this process's own, even when a service runs. */
  standalone: boolean;
  /** --ssh-command: run as OpenSSH's ForceCommand (the command is in SSH_ORIGINAL_COMMAND). */
  sshCommand: boolean;
  /** The flags given that describe an Engine of this process's own (--config, --dir, --replay...). */
  engineFlags: string[];
  /** What follows the flags: `service ...`, `gateway ...`, a command's words, or nothing. */
  rest: string[];
}

const REPLAY_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,14}$/;

/**
 * The program's own flags, before anything else: --config, --dir, --replay NAME=FILE,
 * --replay-speed N, -e CMD, --socket PATH, --standalone. Both `--flag value` and
 * `--flag=value` are taken. The first word that is not one of them ends the flags: it
 * starts `service`, `gateway`, or a console command (whose options, like -size or -c,
 * are the command's own, not the program's).
 */
export function parseProgramFlags(argv: string[]): ProgramFlags {
  // No prototype: a replay named "constructor" or "toString" is a name like any other.
  const flags: ProgramFlags = { replays: Object.create(null) as Record<string, string>, replaySpeed: 1, commands: [], standalone: false, sshCommand: false, engineFlags: [], rest: [] };
  let i = 0;
  const value = (name: string, inline: string | undefined): string => {
    if (inline !== undefined) return inline;
    const v = argv[++i];
    if (v === undefined) throw new UsageError(`${name} needs a value`);
    return v;
  };
  const engineFlag = (name: string) => {
    if (!flags.engineFlags.includes(name)) flags.engineFlags.push(name);
  };
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-')) break;
    // A single-dash word other than -e is a console option (-size, -s, -c, -o, -ou, -p): the command begins.
    if (!arg.startsWith('--') && arg !== '-e') break;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    if (['--config', '--dir', '--replay', '--replay-speed'].includes(name)) engineFlag(name);
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
        if (Object.hasOwn(flags.replays, replayName)) throw new UsageError(`--replay: "${replayName}" given twice`);
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
      case '--socket': {
        const v = value(name, inline);
        if (v === '') throw new UsageError('--socket needs a path');
        if (flags.socket !== undefined) throw new UsageError('--socket given twice');
        flags.socket = v;
        break;
      }
      case '--standalone':
        if (inline !== undefined) throw new UsageError('--standalone takes no value');
        flags.standalone = true;
        break;
      case '--ssh-command':
        if (inline !== undefined) throw new UsageError('--ssh-command takes no value');
        flags.sshCommand = true;
        break;
      default:
        throw new UsageError(`unknown flag "${arg}" (see pcapdump --help)`);
    }
  }
  flags.rest = argv.slice(i);
  return flags;
}
