import type { Duplex } from 'node:stream';

/**
 * Bytes one SSH connection holds for its client and has not yet handed to the kernel:
 * the socket's unsent buffer, channel data waiting for the client's SSH window, SFTP
 * reads under way. A client that stops reading makes this grow; past `cap` the faces
 * stop producing (SFTP stops reading files and stops opening its window, -o drops and
 * counts lines, `show` waits) so the server's memory per connection stays bounded.
 */
export class Outflow {
  private readonly sources = new Set<() => number>();
  private waiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    /** The connection's transport: a TCP socket, or a tunnel's forwarded channel. */
    private readonly socket: Duplex | null,
    readonly cap: number,
  ) {
    socket?.once('close', () => this.close());
  }

  private corked = false;

  /**
   * Writes made until the end of this turn go to the socket in one writev: a 255 KiB SFTP
   * reply is 8 SSH packets, and a write per packet was a fifth of the gateway's time.
   */
  cork(): void {
    if (this.corked || !this.socket) return;
    this.corked = true;
    this.socket.cork();
    process.nextTick(() => {
      this.corked = false;
      this.socket?.uncork();
    });
  }

  /** Adds what a channel holds; the returned function removes it. */
  add(source: () => number): () => void {
    this.sources.add(source);
    return () => this.sources.delete(source);
  }

  pending(): number {
    let n = this.socket?.writableLength ?? 0;
    for (const s of this.sources) n += s();
    return n;
  }

  congested(): boolean {
    return !this.closed && this.pending() > this.cap;
  }

  /**
   * Resolves once the connection is below its cap (or gone). Polled: the client opening its
   * SSH window is handled inside ssh2 and raises no event, so a short timer looks again.
   */
  whenFree(): Promise<void> {
    if (!this.congested()) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.poll();
    });
  }

  private poll(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.congested()) return this.poll();
      const ready = this.waiters;
      this.waiters = [];
      for (const w of ready) w();
    }, 5);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ready = this.waiters;
    this.waiters = [];
    for (const w of ready) w();
  }
}

/** A count with a ceiling (open SFTP handles of a connection, of the whole gateway). */
export class Allowance {
  used = 0;
  constructor(readonly max: number) {}

  take(): boolean {
    if (this.used >= this.max) return false;
    this.used++;
    return true;
  }

  give(): void {
    if (this.used > 0) this.used--;
  }
}
