import { isIP } from 'node:net';
import { userInfo } from 'node:os';
import { UsageError } from '../src/console/errors.js';
import { parseProgramFlags, type ProgramFlags } from '../src/console/flags.js';
import type { EngineLink, SessionInfo } from '../src/console/link.js';
import type { ByteOutput } from '../src/ui/stream.js';
import type { Output as Terminal } from '../src/ui/offline.js';
import { usage } from '../src/ui/usage.js';

const term: Terminal & { pace: () => Promise<void> } = {
  out: (chunk) => {
    process.stdout.write(chunk);
  },
  err: (line) => {
    process.stderr.write(line + '\n');
  },
  // A long `show` into a pipe waits for the reader, instead of piling up in memory.
  pace: () => (process.stdout.writableNeedDrain ? new Promise<void>((r) => process.stdout.once('drain', r)) : Promise.resolve()),
};

/** Set while a stream runs: its reader closing the pipe ends the stream (and says so), not the process. */
let readerGone: ((why: string) => void) | null = null;

// `pcapdump show | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') {
    if (readerGone) return readerGone('reader gone');
    process.exit(0);
  }
  throw err;
});

/** stdout as a stream's output: pcap bytes, paced by the pipe; the stream ends when the reader or the user does. */
function stdoutBytes(): ByteOutput {
  const gone = new Promise<string>((resolve) => {
    readerGone = resolve;
    void interrupted().then(resolve);
  });
  return {
    bytes: (b) => {
      if (!process.stdout.destroyed) process.stdout.write(b);
    },
    pace: () => (process.stdout.writableNeedDrain && !process.stdout.destroyed ? new Promise<void>((r) => process.stdout.once('drain', r).once('close', r)) : Promise.resolve()),
    err: term.err,
    isTTY: process.stdout.isTTY === true,
    gone,
  };
}

/** One stream: the service's (or, with --standalone or Engine flags, this process's own Engine's). */
async function streamCommand(link: EngineLink, words: string[]): Promise<number> {
  const { parseCommand } = await import('../src/console/grammar.js');
  const { runStream } = await import('../src/ui/stream.js');
  const cmd = parseCommand(words);
  if (cmd?.verb !== 'stream') throw new Error('not a stream');
  return runStream(link, words, cmd.options, stdoutBytes());
}

function isStreamWords(words: string[]): boolean {
  return words.includes('stream') && !words.includes('start') && words[0] !== 'tunnel';
}

/** Who this session is, for the service's audit log: the account, and the SSH client when there is one. */
function whoAmI(face: string): SessionInfo {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = `uid ${process.getuid?.() ?? '?'}`;
  }
  const ssh = process.env.SSH_CONNECTION?.split(' ');
  const from = ssh && ssh.length >= 2 ? `ssh ${ssh[0]} port ${ssh[1]}` : 'local';
  // sshd's "client port server port": a stream leaves this very connection out of its capture.
  if (ssh && ssh.length === 4 && isIP(ssh[0]) && isIP(ssh[2])) {
    const [clientPort, serverPort] = [Number(ssh[1]), Number(ssh[3])];
    if (clientPort >= 1 && clientPort <= 65535 && serverPort >= 1 && serverPort <= 65535) {
      return { face, user, from, ssh: { clientAddress: ssh[0], clientPort, serverAddress: ssh[2], serverPort } };
    }
  }
  return { face, user, from };
}

/**
 * A session for the console, line mode or -e: the service's when one runs (and no flag asks
 * for an Engine of this process's own), else an Engine of its own, as on a laptop or a demo.
 */
async function openLink(flags: ProgramFlags, face: string): Promise<EngineLink> {
  const { socketPath } = await import('../src/service/socket-file.js');
  const { path, explicit } = socketPath(flags.socket);
  if (!flags.standalone && flags.engineFlags.length === 0) {
    const { connectService, ServiceUnavailable } = await import('../src/service/client.js');
    try {
      return await connectService(path, whoAmI(face));
    } catch (err) {
      if (!(err instanceof ServiceUnavailable) || explicit || err.reason !== 'absent') throw err;
    }
  }
  const { openEngine } = await import('../src/console/open.js');
  const { LocalAccess } = await import('../src/console/link.js');
  return new LocalAccess(openEngine(flags, term.err), { shared: false }).open(whoAmI(face));
}

/** Ctrl-C, or the terminal or SSH connection gone: what ends a `-o` stream started from a shell. */
function interrupted(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('Ctrl-C'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGHUP', () => resolve('hangup'));
  });
}

/**
 * OpenSSH's ForceCommand for the technicians' account: `ssh gw` opens the console (line mode
 * without a terminal), `ssh gw pcapdump status` runs that one command, always on the service.
 * sshd passes the command the client asked for in SSH_ORIGINAL_COMMAND; it is parsed as
 * pcapdump words, never given to a shell.
 */
async function forcedCommand(flags: ProgramFlags): Promise<number> {
  if (flags.rest.length > 0 || flags.commands.length > 0 || flags.engineFlags.length > 0 || flags.standalone) {
    throw new UsageError('--ssh-command takes only --socket: the command comes from SSH_ORIGINAL_COMMAND');
  }
  const { tokenize } = await import('../src/console/tokens.js');
  const words = tokenize(process.env.SSH_ORIGINAL_COMMAND ?? '');
  if (words.length > 0 && /(^|\/)(internal-sftp|sftp-server)$/.test(words[0])) {
    term.err('pcapdump: this account has the pcapdump console; capture files are served by SFTP to the files account (see the README)');
    return 1;
  }
  // sshdump runs "[sudo|doas -n [-u USER]] tcpdump ..." or "... dumpcap ..." unless told otherwise.
  const capturer = words.slice(0, 5).find((w) => /(^|\/)(tcpdump|dumpcap)$/.test(w));
  if (capturer !== undefined) {
    // sshdump's default remote command: say what to run instead, where sshdump shows stderr.
    term.err(`pcapdump: this gateway runs pcapdump, not ${capturer.replace(/.*\//, '')}: in sshdump set Remote capture command to "pcapdump stream [FILTER...] IFACE" (see the README)`);
    return 2;
  }
  const { socketPath } = await import('../src/service/socket-file.js');
  const { connectService, ServiceUnavailable } = await import('../src/service/client.js');
  const tty = process.stdin.isTTY && process.stdout.isTTY;
  let link: EngineLink;
  try {
    link = await connectService(socketPath(flags.socket).path, whoAmI(words.length > 0 ? 'ssh-command' : tty ? 'ssh-console' : 'ssh-lines'));
  } catch (err) {
    if (!(err instanceof ServiceUnavailable)) throw err;
    term.err(`pcapdump: ${err.message}`);
    return 1;
  }
  if (words.length > 0) {
    const { parseCommand } = await import('../src/console/grammar.js');
    let cmd;
    try {
      cmd = parseCommand(words);
    } catch (err) {
      await link.close();
      throw err;
    }
    if (cmd?.verb === 'stream') return streamCommand(link, words);
    const { runCommand } = await import('../src/ui/command.js');
    return runCommand(link, words, term, { interrupted: interrupted() });
  }
  if (tty) {
    const { runConsole } = await import('../src/ui/console.js');
    return runConsole(link);
  }
  const { runLines } = await import('../src/ui/line-mode.js');
  const { readLines } = await import('../src/ui/line-reader.js');
  return runLines(link, readLines(process.stdin), term);
}

async function run(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === 'passwd') {
    const { askPassword, runPasswd } = await import('../src/web/passwd.js');
    return runPasswd(rest, { out: (l) => term.out(l + '\n'), err: term.err, password: askPassword });
  }
  if (verb === '-h' || verb === '--help' || verb === 'help') {
    term.out(usage);
    return 0;
  }
  const flags = parseProgramFlags(argv);
  if (flags.sshCommand) return forcedCommand(flags);
  const [word, ...more] = flags.rest;
  if ((word === 'service' || word === 'gateway') && flags.commands.length > 0) throw new UsageError(`-e and ${word} do not go together`);

  if (word === 'service') {
    if (flags.standalone) throw new UsageError('--standalone and service do not go together: the service has an Engine of its own');
    const { parseServiceArgs, runService } = await import('../src/service/command.js');
    const args = parseServiceArgs(more, flags.socket);
    const { openEngine } = await import('../src/console/open.js');
    const engine = openEngine(flags, term.err);
    // The support tunnel is a face of the service: `tunnel enable` on any session opens it.
    const tunnel = async (access: import('../src/console/link.js').LocalAccess) => {
      const { SupportTunnel } = await import('../src/gateway/tunnel.js');
      const { Jail } = await import('../src/gateway/jail.js');
      const { tunnelDefaults } = await import('../src/console/config.js');
      const t = new SupportTunnel(access, engine.config.tunnel ?? tunnelDefaults('/etc/pcapdump'), { log: term.err, jail: await Jail.open(engine.config.captureDir) });
      engine.tunnel = t;
      return () => t.close();
    };
    return runService(engine, args, term.err, [tunnel]);
  }

  if (word === 'gateway') {
    const { parseGatewayArgs, runGateway } = await import('../src/gateway/command.js');
    parseGatewayArgs(more);
    const { socketPath } = await import('../src/service/socket-file.js');
    const { path, explicit } = socketPath(flags.socket);
    if (!flags.standalone && flags.engineFlags.length === 0) {
      const { ServiceAccess, ServiceUnavailable } = await import('../src/service/client.js');
      try {
        const access = await ServiceAccess.open(path, whoAmI('gateway'));
        return runGateway(access, more, term.err, { serving: `the pcapdump service at ${path}` });
      } catch (err) {
        if (!(err instanceof ServiceUnavailable) || explicit || err.reason !== 'absent') throw err;
      }
    }
    const { openEngine } = await import('../src/console/open.js');
    const { LocalAccess } = await import('../src/console/link.js');
    const engine = openEngine(flags, term.err);
    return runGateway(new LocalAccess(engine, { shared: true }), more, term.err, { serving: 'an Engine of its own', stop: () => engine.stopAll() });
  }

  if (flags.rest.length > 0) {
    // One command to the running service, as typed at a shell.
    if (flags.commands.length > 0) throw new UsageError(`-e and a command's words do not go together (got "${word}")`);
    const own = flags.standalone ? ['--standalone'] : flags.engineFlags;
    if (isStreamWords(flags.rest)) {
      // A stream is whole in itself: on an Engine of this process's own when flags ask for one.
      const { parseCommand } = await import('../src/console/grammar.js');
      parseCommand(flags.rest);
      let link: EngineLink;
      try {
        link = await openLink(flags, 'command');
      } catch (err) {
        const { ServiceUnavailable } = await import('../src/service/client.js');
        if (!(err instanceof ServiceUnavailable)) throw err;
        term.err(`pcapdump: ${err.message}`);
        return 1;
      }
      return streamCommand(link, flags.rest);
    }
    if (own.length > 0) throw new UsageError(`${own[0]} is for a console of your own, and "${word}" starts a command for the service: for your own Engine give the command with -e '...'`);
    const { parseCommand } = await import('../src/console/grammar.js');
    parseCommand(flags.rest);
    const { socketPath } = await import('../src/service/socket-file.js');
    const { connectService, ServiceUnavailable } = await import('../src/service/client.js');
    let link: EngineLink;
    try {
      link = await connectService(socketPath(flags.socket).path, whoAmI('command'));
    } catch (err) {
      if (!(err instanceof ServiceUnavailable)) throw err;
      term.err(`pcapdump: ${err.message}`);
      return 1;
    }
    const { runCommand } = await import('../src/ui/command.js');
    return runCommand(link, flags.rest, term, { interrupted: interrupted() });
  }

  const { runLines } = await import('../src/ui/line-mode.js');
  const tty = process.stdin.isTTY && process.stdout.isTTY;
  let link: EngineLink;
  try {
    link = await openLink(flags, flags.commands.length > 0 ? 'command' : tty ? 'console' : 'lines');
  } catch (err) {
    const { ServiceUnavailable } = await import('../src/service/client.js');
    if (!(err instanceof ServiceUnavailable)) throw err;
    term.err(`pcapdump: ${err.message}`);
    return 1;
  }
  if (flags.commands.length > 0) return runLines(link, flags.commands, term);
  if (tty) {
    const { runConsole } = await import('../src/ui/console.js');
    return runConsole(link);
  }
  const { readLines } = await import('../src/ui/line-reader.js');
  return runLines(link, readLines(process.stdin), term);
}

/**
 * Everything but the offline tools, which pcapdump.ts runs before loading this: the
 * console, line mode, commands at a shell, streams, the service, the gateway.
 */
export async function main(argv: string[]): Promise<void> {
  let code: number;
  try {
    code = await run(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    term.err(`pcapdump: ${err.message}`);
    process.exitCode = 2;
    return;
  }
  process.exitCode = code;
  // A capture worker or replay timer must not keep a finished run alive; the timer itself does not.
  setTimeout(() => process.exit(code), 200).unref();
}
