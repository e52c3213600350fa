import type { WebSocket } from 'ws';
import type { EngineLink } from '../console/link.js';
import type { CaptureStatus } from '../console/status.js';
import { StreamDecoders } from '../decode/index.js';
import type { PacketView } from '../pcap/types.js';
import { interfaceNames } from '../ui/interface-names.js';

/** Queued bytes past which a page's brief lines are dropped (counted and said) instead of queued. */
export const LINES_LIMIT = 256 * 1024;
/** Queued bytes past which a page that does not read at all is cut off: news is small, so this means a dead reader. */
export const HARD_LIMIT = 4 * 1024 * 1024;
/** Brief lines gathered in one turn of the event loop before the rest of the burst is dropped (counted). */
export const MAX_BATCH_LINES = 2000;
/** Close codes the page knows: its session is over (log in again), or it was cut off. */
export const CLOSE_SESSION_OVER = 4001;
export const CLOSE_TOO_SLOW = 4002;
export const CLOSE_TOO_MANY = 4003;

/** What the live channel tells a page (JSON, one message per WebSocket frame). */
export type LiveMessage =
  | { t: 'hello'; user: string; names: string[]; captures: CaptureStatus[]; captureDir: string }
  | { t: 'status'; captures: CaptureStatus[] }
  | { t: 'names'; names: string[] }
  | { t: 'lines'; lines: { iface: string; text: string }[] }
  /** Brief lines this page did not get: it fell behind, or no page of the session was open. */
  | { t: 'lost'; count: number }
  | { t: 'change'; status: CaptureStatus; mine: boolean };

/** One open page of a session: its WebSocket, and the brief lines it missed. */
export class LivePage {
  private lost = 0;
  alive = true;

  constructor(readonly ws: WebSocket) {
    ws.on('pong', () => (this.alive = true));
  }

  /** News and status: always sent, unless the page has stopped reading altogether. */
  send(m: LiveMessage | string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > HARD_LIMIT) {
      this.ws.close(CLOSE_TOO_SLOW, 'this page does not read what it is sent');
      return;
    }
    this.ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  }

  /** A batch of brief lines, or, when the page is behind, their count added to what it lost. */
  lines(message: string, count: number): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount + message.length > LINES_LIMIT) {
      this.lost += count;
      return;
    }
    this.sayLost();
    this.ws.send(message);
  }

  /** Tells the page what it lost, once it has room again. */
  sayLost(): void {
    if (this.lost === 0 || this.ws.bufferedAmount > LINES_LIMIT / 2) return;
    const count = this.lost;
    this.lost = 0;
    this.send({ t: 'lost', count });
  }

  missed(count: number): void {
    this.lost += count;
  }
}

/**
 * A web session's side of its EngineLink: brief lines of the -o/-ou captures it started,
 * decoded once and sent to each of its open pages, and news of every capture. Lines that
 * no page can take are counted, never kept: a hidden tab costs the service nothing.
 */
export class LiveFeed {
  readonly pages = new Set<LivePage>();
  private readonly streams = new StreamDecoders({ interfaceName: interfaceNames() });
  private batch: { iface: string; text: string }[] = [];
  private dropped = 0;
  /** Lines of this session's streams while no page of it was open. */
  private unseen = 0;
  private scheduled = false;

  constructor(link: EngineLink, onClosed: (reason: string) => void) {
    link.listen({
      packet: (iface, p) => this.packet(iface, p),
      lost: (count) => {
        for (const page of this.pages) page.missed(count);
      },
      change: (status, mine) => {
        if (status.state !== 'running') this.streams.end(status.iface);
        // The lines that led to the change (the count's last packet) go first.
        this.flush();
        const m = JSON.stringify({ t: 'change', status, mine } satisfies LiveMessage);
        for (const page of this.pages) page.send(m);
      },
      closed: onClosed,
    });
  }

  add(page: LivePage): void {
    this.pages.add(page);
    if (this.unseen > 0) {
      page.missed(this.unseen);
      this.unseen = 0;
      page.sayLost();
    }
  }

  private packet(iface: string, p: PacketView): void {
    if (this.pages.size === 0) {
      this.unseen++;
      return;
    }
    if (this.batch.length >= MAX_BATCH_LINES) {
      this.dropped++;
      return;
    }
    this.batch.push({ iface, text: this.streams.line(iface, p) });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    const lines = this.batch;
    const dropped = this.dropped;
    this.batch = [];
    this.dropped = 0;
    if (lines.length === 0 && dropped === 0) return;
    const m = JSON.stringify({ t: 'lines', lines } satisfies LiveMessage);
    for (const page of this.pages) {
      if (dropped > 0) page.missed(dropped);
      if (lines.length > 0) page.lines(m, lines.length);
      else page.sayLost();
    }
  }
}
