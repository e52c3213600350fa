import type { Client } from 'ssh2';
import { addressBookPath, lookupGateway } from './address-book.js';
import { fwctlUsage, parseFwctlArgs, type FwctlCommand } from './args.js';
import { connect } from './connect.js';
import { PartFile, fetchInto } from './download.js';
import { Exit, exitTable, FwctlError } from './exit-codes.js';
import { silentProgress, terminalProgress, type Progress } from './progress.js';
import { execCommand, listFiles, openSftp } from './remote.js';

export interface FwctlIO {
  stdout: NodeJS.WriteStream | NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** Resolves when the user interrupts (SIGINT): the download stops and leaves nothing behind. */
  interrupted: Promise<void>;
}

function line(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text + '\n');
}

function isTTY(s: NodeJS.WritableStream): s is NodeJS.WriteStream {
  return (s as NodeJS.WriteStream).isTTY === true;
}

/** What a run leaves behind to tidy when it fails or is interrupted: the part file, the progress line. */
interface Leftovers {
  file?: PartFile;
  progress?: Progress;
}

async function perform(cmd: Exclude<FwctlCommand, { verb: 'help' }>, io: FwctlIO, track: (c: Client) => void, part: Leftovers): Promise<number> {
  const entry = lookupGateway(addressBookPath(cmd.config, io.env), cmd.target, io.env);
  if (cmd.verb === 'download') part.file = await PartFile.create(cmd.destination, cmd.force);
  // The capture files may be another account's (OpenSSH in front: a chrooted internal-sftp account).
  const client = await connect(cmd.verb === 'exec' ? entry : { ...entry, username: entry.filesUsername ?? entry.username }, io.env);
  track(client);
  switch (cmd.verb) {
    case 'download': {
      const sftp = await openSftp(client);
      const file = part.file as PartFile;
      const err = io.stderr;
      const size = await fetchInto(sftp, cmd.source, file, (total) => (part.progress = isTTY(err) ? terminalProgress(err, cmd.source, total) : silentProgress));
      await file.commit(cmd.destination, cmd.force);
      part.file = undefined;
      if (isTTY(io.stderr)) line(io.stderr, `${cmd.destination}: ${size} bytes`);
      return Exit.OK;
    }
    case 'list':
      await listFiles(await openSftp(client), (l) => line(io.stdout, l));
      return Exit.OK;
    case 'exec':
      return execCommand(client, cmd.command, io.stdout, io.stderr);
  }
}

/** fwctl's whole run: argv in, exit status out; every failure is one `fwctl: ...` line. */
export async function runFwctl(argv: string[], io: FwctlIO): Promise<number> {
  let cmd: FwctlCommand;
  try {
    cmd = parseFwctlArgs(argv);
  } catch (err) {
    if (!(err instanceof FwctlError)) throw err;
    line(io.stderr, `fwctl: ${err.message}`);
    return err.code;
  }
  if (cmd.verb === 'help') {
    line(io.stdout, `${fwctlUsage}\n\n${exitTable}`);
    return Exit.OK;
  }
  let client: Client | undefined;
  const part: Leftovers = {};
  const work = perform(cmd, io, (c) => (client = c), part);
  const interrupted = io.interrupted.then(() => {
    throw new FwctlError(Exit.INTERRUPTED, 'interrupted: nothing written');
  });
  interrupted.catch(() => undefined);
  try {
    return await Promise.race([work, interrupted]);
  } catch (err) {
    if (!(err instanceof FwctlError)) throw err;
    // Ctrl-C comes while the bar is drawn: the message starts a line of its own.
    part.progress?.abandon();
    line(io.stderr, `fwctl: ${err.message}`);
    return err.code;
  } finally {
    work.catch(() => undefined);
    await part.file?.discard();
    client?.end();
  }
}
