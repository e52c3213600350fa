import type { SFTPWrapper } from 'ssh2';
import type { Outflow } from './outflow.js';
import { CHANNEL_WINDOW, sftpChannel, type SftpChannel } from './ssh2-channel.js';

/**
 * Admission of SFTP requests in arrival order. ssh2 parses every request a client sends and
 * answers none of them with backpressure: a client that pipelines thousands of 255 KB READs
 * and never reads the replies made the server read the whole file into memory. Here a
 * READ ("heavy") waits while the connection's outflow is full; behind a waiting request
 * everything waits (replies keep the order of requests), and the raw bytes that arrive
 * meanwhile are held unparsed while the client's window stays shut, so what is held is
 * bounded by the window ssh2 granted.
 */
export class SftpIntake {
  private queue: (() => void)[] = [];
  private held: Buffer[] = [];
  private waiting = false;
  private dropped = false;
  private readonly ch: SftpChannel;
  private readonly pushNow: (data: Buffer | null) => boolean | undefined;

  constructor(
    private readonly sftp: SFTPWrapper,
    private readonly outflow: Outflow,
  ) {
    this.ch = sftpChannel(sftp);
    const push = this.ch.push.bind(sftp);
    this.pushNow = push;
    this.ch.push = (data) => {
      // The client is done (EOF or close): what it left queued will not be answered.
      if (data === null) {
        this.drop();
        return push(null);
      }
      if (this.queue.length > 0 || this.held.length > 0) {
        // ssh2 may reuse the packet buffer: keep a copy.
        this.held.push(Buffer.from(data));
        this.wake();
        return false;
      }
      push(data);
      if (this.queue.length === 0) return true;
      this.wake();
      return false;
    };
  }

  /** Handles request `name`; `heavy` requests (READ) wait while the outflow is full. */
  on(name: string, handler: (...args: never[]) => void, opts: { heavy?: boolean } = {}): void {
    const heavy = opts.heavy === true;
    this.sftp.on(name as 'READ', (...args: unknown[]) => {
      if (this.dropped) return;
      const run = () => (handler as (...a: unknown[]) => void)(...args);
      if (this.queue.length > 0 || (heavy && this.outflow.congested())) {
        this.queue.push(run);
        this.wake();
      } else run();
    });
  }

  /** Bytes of replies waiting for the client's window. */
  buffered(): number {
    let n = 0;
    for (const b of this.ch._buffer) n += b.length;
    return n;
  }

  /** A heavy request finished: waiting ones may go now, without waiting for the next poll. */
  settled(): void {
    if (this.queue.length > 0 && !this.outflow.congested()) this.drain();
  }

  drop(): void {
    this.dropped = true;
    this.queue = [];
    this.held = [];
  }

  private wake(): void {
    if (this.waiting) return;
    this.waiting = true;
    void this.outflow.whenFree().then(() => {
      this.waiting = false;
      this.drain();
    });
  }

  private drain(): void {
    while (!this.dropped) {
      while (this.queue.length > 0) {
        if (this.outflow.congested()) return this.wake();
        this.queue.shift()!();
      }
      const next = this.held.shift();
      if (next === undefined) break;
      this.pushNow(next);
    }
    if (this.dropped || !this.ch._waitChanDrain) return;
    // All taken in: let the client send again, as ssh2 itself would have.
    this.ch._waitChanDrain = false;
    const amount = CHANNEL_WINDOW - this.ch.incoming.window;
    if (amount >= CHANNEL_WINDOW / 2 && this.ch.outgoing.state === 'open') {
      this.ch.incoming.window += amount;
      this.ch._protocol.channelWindowAdjust(this.ch.outgoing.id, amount);
    }
  }
}
