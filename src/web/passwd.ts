import { UsageError } from '../console/errors.js';
import { DEFAULT_USERS_FILE } from './options.js';
import { hashPassword, MAX_PASSWORD, MIN_PASSWORD, removeUser, setUser, USER_NAME } from './users.js';

export const passwdUsage = 'passwd [--file FILE] [--delete] USER';

export interface PasswdIo {
  out(line: string): void;
  err(line: string): void;
  /** The password typed twice at a terminal without echo, or the first line of a pipe. */
  password(user: string): Promise<{ first: string; again: string | null } | null>;
}

interface PasswdArgs {
  file: string;
  remove: boolean;
  user: string;
}

function parsePasswdArgs(argv: string[]): PasswdArgs {
  let file: string | undefined;
  let remove = false;
  const users: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--delete' || arg === '-d') remove = true;
    else if (arg === '--file' || arg.startsWith('--file=')) {
      if (file !== undefined) throw new UsageError('passwd: --file given twice');
      file = arg === '--file' ? argv[++i] : arg.slice('--file='.length);
      if (!file) throw new UsageError('passwd: --file needs a path');
    } else if (arg.startsWith('-')) throw new UsageError(`passwd: unknown flag "${arg}" (usage: pcapdump ${passwdUsage})`);
    else users.push(arg);
  }
  if (users.length !== 1) throw new UsageError(`passwd needs one user name (usage: pcapdump ${passwdUsage})`);
  const user = users[0];
  if (!USER_NAME.test(user)) throw new UsageError(`passwd: "${user.slice(0, 40)}" is not a usable user name (a letter, digit or _, then up to 31 of A-Z a-z 0-9 . _ -)`);
  return { file: file ?? DEFAULT_USERS_FILE, remove, user };
}

/**
 * `pcapdump passwd USER`: adds a user of the web page, or changes their password, in the
 * users file (scrypt hashes, mode 0600); `--delete` removes one. The service reads the file
 * again at the next login: no restart.
 */
export async function runPasswd(argv: string[], io: PasswdIo): Promise<number> {
  const args = parsePasswdArgs(argv);
  try {
    if (args.remove) {
      if (!removeUser(args.file, args.user)) {
        io.err(`pcapdump: passwd: no user ${args.user} in ${args.file}`);
        return 1;
      }
      io.out(`passwd: removed ${args.user} from ${args.file}`);
      return 0;
    }
    const typed = await io.password(args.user);
    if (typed === null) {
      io.err('pcapdump: passwd: interrupted; nothing changed');
      return 1;
    }
    const { first, again } = typed;
    if (again !== null && again !== first) {
      io.err('pcapdump: passwd: the two passwords differ; nothing changed');
      return 1;
    }
    if (first.length < MIN_PASSWORD) {
      io.err(`pcapdump: passwd: a password of at least ${MIN_PASSWORD} characters, please; nothing changed`);
      return 1;
    }
    if (first.length > MAX_PASSWORD) {
      io.err(`pcapdump: passwd: a password of at most ${MAX_PASSWORD} characters, please; nothing changed`);
      return 1;
    }
    const added = setUser(args.file, args.user, await hashPassword(first));
    io.out(added ? `passwd: added ${args.user} to ${args.file}` : `passwd: changed ${args.user}'s password in ${args.file}`);
    return 0;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (!e.code) throw err;
    io.err(`pcapdump: passwd: ${args.file}: ${e.code}`);
    return 1;
  }
}

/** Reads a line at the terminal without showing it (raw mode: no echo, our own Backspace and Ctrl-C). */
function readHidden(prompt: string, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<string | null> {
  return new Promise((resolve) => {
    output.write(prompt);
    let text = '';
    input.setRawMode(true);
    input.resume();
    const done = (typed: string | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      resolve(typed);
    };
    const onData = (d: Buffer) => {
      for (const ch of d.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(text);
        if (ch === '\u0003' || ch === '\u0004') return done(null);
        if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else if (ch >= ' ') text += ch;
      }
    };
    input.on('data', onData);
  });
}

/** The first line of standard input (a script's pipe), read to its end, at most a few KiB. */
async function readPiped(input: NodeJS.ReadStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.length > 4 * MAX_PASSWORD) break;
  }
  return text.split(/\r?\n/)[0];
}

/** The password from the terminal (asked twice) or a pipe (once). */
export async function askPassword(user: string): Promise<{ first: string; again: string | null } | null> {
  const { stdin, stderr } = process;
  if (!stdin.isTTY) return { first: await readPiped(stdin), again: null };
  const first = await readHidden(`new password for ${user}: `, stdin, stderr);
  if (first === null) return null;
  const again = await readHidden('again: ', stdin, stderr);
  return again === null ? null : { first, again };
}
