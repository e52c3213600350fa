/**
 * Failed authentications per source address. After `maxFailures` within `windowMs`,
 * the address is turned away for `blockMs`: a guesser gets a handful of tries a minute.
 */
export interface RateLimits {
  maxFailures: number;
  windowMs: number;
  blockMs: number;
}

/** Addresses remembered at most, in each table. */
const TABLE_MAX = 10_000;

export const DEFAULT_LIMITS: RateLimits = { maxFailures: 10, windowMs: 60_000, blockMs: 5 * 60_000 };

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly limits: RateLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  isBlocked(address: string): boolean {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return false;
    if (this.now() < until) return true;
    this.blockedUntil.delete(address);
    return false;
  }

  /** Records one failure; true when this one blocks the address. */
  fail(address: string): boolean {
    const t = this.now();
    if (this.failures.size > TABLE_MAX || this.blockedUntil.size > TABLE_MAX) this.prune(t);
    const recent = (this.failures.get(address) ?? []).filter((x) => t - x < this.limits.windowMs);
    recent.push(t);
    if (recent.length >= this.limits.maxFailures) {
      this.failures.delete(address);
      this.blockedUntil.set(address, t + this.limits.blockMs);
      return true;
    }
    this.failures.set(address, recent);
    return false;
  }

  /** A login succeeded: earlier failures from the address (a key tried before the right one) are forgiven. */
  succeed(address: string): void {
    this.failures.delete(address);
  }

  /** A scan from many addresses must not grow the table without bound. */
  private prune(t: number): void {
    for (const [a, times] of this.failures) if (t - times[times.length - 1] >= this.limits.windowMs) this.failures.delete(a);
    for (const [a, until] of this.blockedUntil) if (t >= until) this.blockedUntil.delete(a);
    // Still full (a scan from more addresses than that): the oldest entries go first.
    for (const table of [this.failures, this.blockedUntil] as Map<string, unknown>[]) {
      for (const a of table.keys()) {
        if (table.size <= TABLE_MAX / 2) break;
        table.delete(a);
      }
    }
  }
}
