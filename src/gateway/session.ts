import { createInterface } from 'node:readline';
import type { ServerChannel, Session as SshSession } from 'ssh2';
import type { Engine } from '../console/engine.js';
import { runConsole } from '../ui/console.js';
import type { Jail } from './jail.js';
import { runSessionLines } from './lines.js';
import { sessionEngine } from './session-engine.js';
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
    const { view, leave } = sessionEngine(ctx.engine);
    const done = (status: number) => {
      leave();
      finish(channel, status);
    };
    if (pty) {
      const term = new ChannelTerminal(channel, pty);
      terminal = term;
      channel.on('close', () => term.hangUp());
      runConsole(view, { stdin: term.stdin as unknown as NodeJS.ReadStream, stdout: term.stdout as unknown as NodeJS.WriteStream, historyFile: null }).then(
        done,
        (err: unknown) => {
          ctx.log(`gateway: console session failed: ${(err as Error).message}`);
          done(1);
        },
      );
      return;
    }
    const input = createInterface({ input: channel, crlfDelay: Infinity });
    runSessionLines(view, input, lineOutput(channel)).then(done, () => done(1));
  });

  ssh.on('exec', (accept, _reject, info) => {
    const channel = accept();
    const { view, leave } = sessionEngine(ctx.engine);
    runSessionLines(view, [info.command], lineOutput(channel)).then(
      (status) => {
        leave();
        finish(channel, status);
      },
      () => {
        leave();
        finish(channel, 1);
      },
    );
  });

  ssh.on('sftp', (accept) => {
    serveSftp(accept(), ctx.jail);
  });
}
