import type { ServerChannel, Session as SshSession } from 'ssh2';
import type { EngineAccess, EngineLink } from '../console/link.js';
import { runConsole } from '../ui/console.js';
import { readLines } from '../ui/line-reader.js';
import { runLines, type Terminal } from '../ui/line-mode.js';
import { runStream, type ByteOutput } from '../ui/stream.js';
import { parseCommand, type StreamOptions } from '../console/grammar.js';
import type { SshEndpoints } from '../console/stream.js';
import { tokenize } from '../console/tokens.js';
import type { Jail } from './jail.js';
import type { Allowance, Outflow } from './outflow.js';
import type { ReadAheadBudget } from './read-ahead.js';
import { serveSftp } from './sftp.js';
import { ChannelTerminal, type PtySize } from './terminal.js';

export interface SessionContext {
  access: EngineAccess;
  /** The SSH user and where the connection comes from, for the audit log; the connection, which a stream leaves out. */
  who: { user: string; from: string; ssh?: SshEndpoints };
  /** The way in, as the audit log names it: "ssh", or "tunnel" through the support tunnel. */
  face?: string;
  /** Before the console's prompt: "(SERVICE) " through the support tunnel. */
  label?: string;
  jail: Jail;
  log: (line: string) => void;
  /** The connection's bytes on their way to the client (see Outflow). */
  outflow: Outflow;
  /** SFTP handles of this connection, and open files of the whole gateway. */
  handles: Allowance;
  files: Allowance;
  /** Read-ahead blocks of this connection's SFTP (see ReadAhead). */
  readAhead: ReadAheadBudget;
}

/** A session on the Engine, or one line on the channel and exit 1 when it cannot be had (the service is down). */
async function openLink(ctx: SessionContext, channel: ServerChannel): Promise<EngineLink | null> {
  try {
    return await ctx.access.open({ face: ctx.face ?? 'ssh', ...ctx.who });
  } catch (err) {
    if (channel.writable) channel.stderr.write(`pcapdump: ${(err as Error).message}\r\n`);
    finish(channel, 1);
    return null;
  }
}

function finish(channel: ServerChannel, status: number): void {
  if (!channel.writable) return;
  channel.exit(status);
  channel.end();
}

/** Line mode's terminal on a channel: what the channel holds counts in the connection's outflow. */
function lineOutput(channel: ServerChannel, outflow: Outflow): Terminal {
  const stopCounting = outflow.add(() => channel.writableLength + channel.stderr.writableLength);
  channel.once('close', stopCounting);
  return {
    // A long `show` waits for the client to read (its window and the socket), instead of
    // piling up in the channel; -o lines meanwhile are dropped and counted.
    pace: () => outflow.whenFree(),
    behind: () => outflow.congested(),
    out: (chunk: string) => {
      if (channel.writable) channel.write(chunk);
    },
    err: (line: string) => {
      if (channel.writable) channel.stderr.write(line + '\n');
    },
  };
}

/** An exec that is a stream: its words and options; null for any other command (or one that does not parse). */
function streamOf(command: string): { words: string[]; options: StreamOptions } | null {
  try {
    const words = tokenize(command);
    const cmd = parseCommand(words);
    return cmd?.verb === 'stream' ? { words, options: cmd.options } : null;
  } catch {
    return null;
  }
}

/** A channel as a stream's output: pcap on its stdout, paced by the client's window; it ends when the client closes it. */
function channelBytes(channel: ServerChannel, isTTY: boolean, outflow: Outflow): ByteOutput {
  const stopCounting = outflow.add(() => channel.writableLength + channel.stderr.writableLength);
  channel.once('close', stopCounting);
  return {
    bytes: (b) => {
      if (channel.writable) channel.write(b);
    },
    // The client's window and the socket both: a stream's reader that stops costs its drops, not memory.
    pace: () => outflow.whenFree(),
    err: (line) => {
      if (channel.writable) channel.stderr.write(line + '\n');
    },
    isTTY,
    gone: new Promise((resolve) => channel.once('close', () => resolve('reader gone'))),
  };
}

/** One SSH session channel: a PTY shell (the console), a plain shell or exec (line mode), or sftp. */
export function serveSession(ssh: SshSession, ctx: SessionContext): void {
  let pty: PtySize | null = null;
  let terminal: ChannelTerminal | null = null;

  ssh.on('pty', (accept, _reject, info) => {
    pty = { cols: info.cols, rows: info.rows };
    accept?.();
  });
  ssh.on('window-change', (accept, _reject, info) => {
    const size = { cols: info.cols, rows: info.rows };
    if (pty) pty = size;
    terminal?.resize(size);
    accept?.();
  });
  ssh.on('env', (accept) => accept?.());
  ssh.on('signal', (accept) => accept?.());

  ssh.on('shell', (accept) => {
    const channel = accept();
    const done = (status: number) => finish(channel, status);
    if (pty) {
      const term = new ChannelTerminal(channel, pty, ctx.outflow);
      terminal = term;
      const gone = new AbortController();
      channel.on('close', () => gone.abort());
      void openLink(ctx, channel).then((link) => {
        if (!link) return;
        if (gone.signal.aborted) return void link.close();
        runConsole(link, {
          stdin: term.stdin as unknown as NodeJS.ReadStream,
          stdout: term.stdout as unknown as NodeJS.WriteStream,
          historyFile: null,
          signal: gone.signal,
          label: ctx.label,
        }).then(done, (err: unknown) => {
          ctx.log(`gateway: console session failed: ${(err as Error).message}`);
          done(1);
        });
      });
      return;
    }
    void openLink(ctx, channel).then((link) => {
      if (!link) return;
      // Lines are read as fast as commands run, at most MAX_LINE characters each. The channel
      // must outlive its input (the exit status goes out after), so the iterator leaves it open.
      const input = (channel as unknown as { iterator(o: { destroyOnReturn: boolean }): AsyncIterable<Buffer> }).iterator({ destroyOnReturn: false });
      runLines(link, readLines(input), lineOutput(channel, ctx.outflow)).then(done, () => done(1));
    });
  });

  ssh.on('exec', (accept, _reject, info) => {
    const channel = accept();
    void openLink(ctx, channel).then((link) => {
      if (!link) return;
      const stream = streamOf(info.command);
      if (stream) {
        runStream(link, stream.words, stream.options, channelBytes(channel, pty !== null, ctx.outflow)).then(
          (status) => finish(channel, status),
          () => finish(channel, 1),
        );
        return;
      }
      runLines(link, [info.command], lineOutput(channel, ctx.outflow)).then(
        (status) => finish(channel, status),
        () => finish(channel, 1),
      );
    });
  });

  ssh.on('sftp', (accept) => {
    serveSftp(accept(), ctx);
  });
}
