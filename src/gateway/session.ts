import { createInterface } from 'node:readline';
import type { ServerChannel, Session as SshSession } from 'ssh2';
import type { Engine } from '../console/engine.js';
import { runConsole } from '../ui/console.js';
import { runLines } from '../ui/line-mode.js';
import type { Jail } from './jail.js';
import { serveSftp } from './sftp.js';
import { ChannelTerminal, type PtySize } from './terminal.js';

export interface SessionContext {
  engine: Engine;
  jail: Jail;
  log: (line: string) => void;
}

function finish(channel: ServerChannel, status: number): void {
  if (!channel.writable) return;
  channel.exit(status);
  channel.end();
}

function lineOutput(channel: ServerChannel) {
  return {
    out: (chunk: string) => {
      if (channel.writable) channel.write(chunk);
    },
    err: (line: string) => {
      if (channel.writable) channel.stderr.write(line + '\n');
    },
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
      const term = new ChannelTerminal(channel, pty);
      terminal = term;
      const gone = new AbortController();
      channel.on('close', () => gone.abort());
      runConsole(ctx.engine, {
        stdin: term.stdin as unknown as NodeJS.ReadStream,
        stdout: term.stdout as unknown as NodeJS.WriteStream,
        historyFile: null,
        shared: true,
        signal: gone.signal,
      }).then(
        done,
        (err: unknown) => {
          ctx.log(`gateway: console session failed: ${(err as Error).message}`);
          done(1);
        },
      );
      return;
    }
    const input = createInterface({ input: channel, crlfDelay: Infinity });
    runLines(ctx.engine, input, lineOutput(channel), { shared: true }).then(done, () => done(1));
  });

  ssh.on('exec', (accept, _reject, info) => {
    const channel = accept();
    runLines(ctx.engine, [info.command], lineOutput(channel), { shared: true }).then(
      (status) => finish(channel, status),
      () => finish(channel, 1),
    );
  });

  ssh.on('sftp', (accept) => {
    serveSftp(accept(), ctx.jail);
  });
}
