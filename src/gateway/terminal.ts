import { PassThrough, Writable } from 'node:stream';
import type { ServerChannel } from 'ssh2';

export interface PtySize {
  cols: number;
  rows: number;
}

/**
 * An SSH channel dressed as the terminal ink expects. There is no kernel pty on our
 * side, so its two duties fall to us: output newlines become CR LF (the client's
 * terminal is raw), and the size comes from the pty request and window-change.
 */
export class ChannelTerminal {
  readonly stdin: PassThrough & { isTTY: boolean; setRawMode: (on: boolean) => unknown; ref: () => unknown; unref: () => unknown };
  readonly stdout: Writable & { isTTY: boolean; columns: number; rows: number };

  constructor(
    private readonly channel: ServerChannel,
    size: PtySize,
  ) {
    const input = new PassThrough();
    this.stdin = Object.assign(input, {
      isTTY: true,
      setRawMode: () => input,
      ref: () => input,
      unref: () => input,
    });
    channel.on('data', (d: Buffer) => input.write(d));
    const output = new Writable({
      write: (chunk: Buffer | string, _enc, done) => {
        if (!channel.writable) return done();
        channel.write(chunk.toString().replace(/\r?\n/g, '\r\n'));
        done();
      },
    });
    this.stdout = Object.assign(output, { isTTY: true, columns: size.cols || 80, rows: size.rows || 24 });
  }

  resize(size: PtySize): void {
    if (size.cols > 0) this.stdout.columns = size.cols;
    if (size.rows > 0) this.stdout.rows = size.rows;
    this.stdout.emit('resize');
  }

  get closed(): boolean {
    return !this.channel.writable;
  }
}
