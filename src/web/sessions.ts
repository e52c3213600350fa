import { randomBytes } from 'node:crypto';
import type { EngineLink } from '../console/link.js';
import { CLOSE_SESSION_OVER, LiveFeed } from './live.js';

/** A login's life: ended by logging out, by this long without a request or an open page, or by its age. */
export const IDLE_MS = 30 * 60_000;
export const MAX_AGE_MS = 12 * 3600_000;
/** Sessions at once; a login past this ends the one idle longest. */
export const MAX_SESSIONS = 64;

export interface WebSession {
  /** The cookie's value: 256 random bits. */
  readonly id: string;
  readonly user: string;
  readonly address: string;
  readonly link: EngineLink;
  readonly feed: LiveFeed;
  readonly createdAt: number;
  seenAt: number;
}

export interface SessionLimits {
  idleMs: number;
  maxAgeMs: number;
  max: number;
}

/**
 * The logged-in browsers: each one a session of the Engine (its own EngineLink, so the audit
 * log names the user and the -o lines go to that browser alone). Bounded in number; each
 * ends with its link, whose -o/-ou streams stop with it.
 */
export class Sessions {
  private readonly byId = new Map<string, WebSession>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly still: (user: string) => boolean,
    private readonly limits: SessionLimits = { idleMs: IDLE_MS, maxAgeMs: MAX_AGE_MS, max: MAX_SESSIONS },
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  get size(): number {
    return this.byId.size;
  }

  all(): IterableIterator<WebSession> {
    return this.byId.values();
  }

  create(user: string, address: string, link: EngineLink): WebSession {
    while (this.byId.size >= this.limits.max) {
      const oldest = [...this.byId.values()].sort((a, b) => a.seenAt - b.seenAt)[0];
      void this.end(oldest.id, 'ended to make room for a newer login');
    }
    const id = randomBytes(32).toString('base64url');
    const t = this.now();
    const feed = new LiveFeed(link, (reason) => void this.end(id, reason));
    const s: WebSession = { id, user, address, link, feed, createdAt: t, seenAt: t };
    this.byId.set(id, s);
    return s;
  }

  /** The live session with this id, touched; an expired one is ended and not returned. */
  get(id: string | undefined): WebSession | undefined {
    if (id === undefined) return undefined;
    const s = this.byId.get(id);
    if (!s) return undefined;
    const why = this.expired(s);
    if (why) {
      void this.end(id, why);
      return undefined;
    }
    s.seenAt = this.now();
    return s;
  }

  private expired(s: WebSession): string | null {
    const t = this.now();
    if (t - s.createdAt > this.limits.maxAgeMs) return 'session too old: log in again';
    if (s.feed.pages.size === 0 && t - s.seenAt > this.limits.idleMs) return 'session idle too long: log in again';
    if (!this.still(s.user)) return `user ${s.user} is no longer in the users file`;
    return null;
  }

  /** Ends a session: its pages are told why, its link closes (its streams stop, the audit log says so). */
  async end(id: string, reason: string): Promise<void> {
    const s = this.byId.get(id);
    if (!s) return;
    this.byId.delete(id);
    for (const page of s.feed.pages) page.ws.close(CLOSE_SESSION_OVER, reason.slice(0, 120));
    await s.link.close();
  }

  sweep(): void {
    for (const s of [...this.byId.values()]) {
      const why = this.expired(s);
      if (why) void this.end(s.id, why);
    }
  }

  async endAll(reason: string): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.byId.keys()].map((id) => this.end(id, reason)));
  }
}
