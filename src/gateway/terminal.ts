import { PassThrough, Writable } from 'node:stream';
import type { ServerChannel } from 'ssh2';
import type { Outflow } from './outflow.js';

export interface PtySize {
  cols: number;
  rows: number;
}

/**
 * Output held for a client that does not read, beyond what the connection's outflow
 * holds: past this, screen updates are discarded (the next full redraw repairs the screen).
 */
const MAX_HELD = 1024 * 1024;

/**
 * An SSH channel dressed as the terminal ink expects. There is no kernel pty on our
 * side, so its two duties fall to us: output newlines become CR LF (the client's
 * terminal is raw), and the size comes from the pty request and window-change.
 * Like a pty, it holds a writer back while the client is not reading: a write completes
 * only once the connection's outflow has room, so stdout.writableLength shows the backlog
 * (the console drops brief lines while it is large).
 */
export class ChannelTerminal {
  readonly stdin: PassThrough & { isTTY: boolean; setRawMode: (on: boolean) => unknown; ref: () => unknown; unref: () => unknown };
  readonly stdout: Writable & { isTTY: boolean; columns: number; rows: number };
  /** Bytes of screen output discarded because the client was not reading. */
  discarded = 0;

  constructor(
    private readonly channel: ServerChannel,
    size: PtySize,
    outflow: Outflow,
  ) {
    const input = new PassThrough();
    this.stdin = Object.assign(input, {
      isTTY: true,
      setRawMode: () => input,
      ref: () => input,
      unref: () => input,
    });
    // pipe: while the console has not taken what came, the channel stops reading and the
    // client's window closes, instead of its keystrokes piling up here.
    channel.pipe(input, { end: false });
    const output = new Writable({
      highWaterMark: 64 * 1024,
      write: (chunk: Buffer | string, _enc, done) => {
        if (!channel.writable) return done();
        if (output.writableLength > MAX_HELD) {
          this.discarded += chunk.length;
          return done();
        }
        channel.write(chunk.toString().replace(/\r?\n/g, '\r\n'));
        outflow.whenFree().then(() => done());
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
