/**
 * What one client may hold of the gateway, after OpenSSH's sshd and its defaults: a
 * technician who knows sshd_config finds the same names and the same numbers.
 */
export interface ServerLimits {
  /** LoginGraceTime: a connection not logged in by then is closed (sshd: 120 s). */
  loginGraceMs: number;
  /**
   * MaxStartups start:rate:full, connections not yet logged in (sshd: 10:30:100). Unlike
   * sshd, the random early drop applies to addresses that already have a connection
   * waiting: a first connection is refused only when `full` are waiting.
   */
  maxStartups: Startups;
  /**
   * PerSourceMaxStartups: connections not yet logged in from one address. sshd's default is
   * none; ours is 10, so that one host holding idle connections cannot fill MaxStartups and
   * lock everyone else out.
   */
  perSourceMaxStartups: number;
  /** MaxAuthTries: failed attempts on one connection before it is dropped (sshd: 6). */
  maxAuthTries: number;
  /** MaxSessions: session channels open at once on one connection (sshd: 10). */
  maxSessions: number;
  /** SFTP handles open at once on one connection, every channel together. */
  maxHandles: number;
  /** Files open for SFTP in the whole gateway: descriptors are one pool for every client. */
  maxOpenFiles: number;
  /** Bytes one connection may hold for its client before it stops producing (see Outflow). */
  outflowBytes: number;
}

export interface Startups {
  start: number;
  rate: number;
  full: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  loginGraceMs: 120_000,
  maxStartups: { start: 10, rate: 30, full: 100 },
  perSourceMaxStartups: 10,
  maxAuthTries: 6,
  maxSessions: 10,
  maxHandles: 64,
  maxOpenFiles: 512,
  outflowBytes: 8 * 1024 * 1024,
};

/** "10:30:100" or "10" (= 10:100:10, a hard limit), as sshd_config's MaxStartups; null when malformed. */
export function parseStartups(text: string): Startups | null {
  const m = /^(\d{1,6})(?::(\d{1,3}):(\d{1,6}))?$/.exec(text);
  if (!m) return null;
  const start = Number(m[1]);
  if (m[2] === undefined) return start > 0 ? { start, rate: 100, full: start } : null;
  const rate = Number(m[2]);
  const full = Number(m[3]);
  if (start < 1 || rate < 1 || rate > 100 || full < start) return null;
  return { start, rate, full };
}

export function formatStartups(s: Startups): string {
  return `${s.start}:${s.rate}:${s.full}`;
}

/**
 * Whether a new connection is turned away, with `unauthenticated` connections already
 * waiting: never below start; from start on with probability rate%, rising linearly to
 * 100% at full (sshd's random early drop). `random` is in [0, 1).
 */
export function dropStartup(s: Startups, unauthenticated: number, random: number): boolean {
  if (unauthenticated < s.start) return false;
  if (unauthenticated >= s.full) return true;
  const p = s.rate / 100 + ((1 - s.rate / 100) * (unauthenticated - s.start)) / (s.full - s.start);
  return random < p;
}
