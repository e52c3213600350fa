import { timingSafeEqual } from 'node:crypto';
import type { AuthContext } from 'ssh2';
import { quoted } from '../console/printable.js';
import { fingerprint, readAuthorizedKeys, type AuthorizedKey } from './authorized-keys.js';
import { FailureLimiter, type RateLimits } from './rate-limit.js';

export interface AuthOptions {
  authorizedKeysFile: string;
  /** Login names that may log in (with an authorized key); anyone else is refused. Absent: any name. */
  users?: readonly string[];
  /** Failed attempts on one connection before it is dropped (sshd's MaxAuthTries). */
  maxAuthTries: number;
  limits?: RateLimits;
  log: (line: string) => void;
}

/**
 * Keys a client may merely offer on one connection (asking "would this key do?", no
 * signature). They are not failures: an agent holding several keys must not lock its
 * owner out. They are bounded, so that a connection cannot ask about keys for ever.
 */
export const MAX_KEY_QUERIES = 32;

/** The signature algorithm's wire name: an RSA key signs as rsa-sha2-256/512 (or SHA-1's ssh-rsa). */
function signatureAlgorithm(keyAlgo: string, hashAlgo: string | undefined): string {
  if (keyAlgo !== 'ssh-rsa') return keyAlgo;
  return hashAlgo === 'sha512' ? 'rsa-sha2-512' : hashAlgo === 'sha256' ? 'rsa-sha2-256' : 'ssh-rsa';
}

function sameBlob(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Public-key authentication against the authorized_keys file, re-read on every attempt
 * (as sshd does, so a key added or removed counts at once), for the allowed user names.
 * ssh-rsa signatures with SHA-1 are refused: only rsa-sha2-256/512.
 *
 * What counts as a failure (per connection, MaxAuthTries; per address, the limiter): a
 * signature that does not verify or comes with a key or user that is not allowed, a
 * password or keyboard-interactive attempt, a second "none". Offering a key that is then
 * not used is not a failure, and a successful login clears the address's failures.
 * Every refusal is logged, client-chosen fields quoted and escaped.
 */
export class Authenticator {
  private readonly limiter: FailureLimiter;
  private readonly users: Set<string> | null;

  constructor(private readonly opts: AuthOptions) {
    this.limiter = new FailureLimiter(opts.limits);
    this.users = opts.users ? new Set(opts.users) : null;
  }

  isBlocked(address: string): boolean {
    return this.limiter.isBlocked(address);
  }

  /** Handles one connection's auth requests; `end` drops the connection. */
  forConnection(address: string, end: () => void): (ctx: AuthContext) => void {
    let failures = 0;
    let queries = 0;
    let nones = 0;
    const log = this.opts.log;
    return (ctx) => {
      if (this.limiter.isBlocked(address)) {
        ctx.reject([]);
        end();
        return;
      }
      // Past MaxAuthTries the connection is being dropped: requests already on their way are not heard.
      if (failures >= this.opts.maxAuthTries) return ctx.reject([]);
      const user = quoted(ctx.username);
      const fail = (what: string) => {
        failures++;
        log(`gateway: auth failed from ${address}: user ${user}, ${what} (${failures} of ${this.opts.maxAuthTries})`);
        if (this.limiter.fail(address)) log(`gateway: ${address} blocked after repeated failures`);
        ctx.reject(['publickey']);
        if (failures >= this.opts.maxAuthTries) {
          log(`gateway: ${address}: too many authentication failures for user ${user}: disconnected`);
          end();
        } else if (this.limiter.isBlocked(address)) end();
      };

      if (ctx.method === 'none') {
        // Every client asks once which methods there are: that is not an attempt.
        if (++nones === 1) return ctx.reject(['publickey']);
        return fail('method "none" again');
      }
      if (ctx.method !== 'publickey') return fail(`${quoted(ctx.method)} attempt (only public keys are accepted)`);

      const signed = ctx.signature !== undefined && ctx.blob !== undefined;
      const key = `key ${fingerprint(ctx.key.data)} (${quoted(signed ? signatureAlgorithm(ctx.key.algo, ctx.hashAlgo) : ctx.key.algo, 40)})`;
      const refuse = (why: string) => {
        if (signed) return fail(`${key}: ${why}`);
        // Only asked: not a failure, but logged (the key's owner may wonder), and bounded.
        log(`gateway: key not accepted from ${address}: user ${user}, ${key}: ${why}`);
        ctx.reject(['publickey']);
        if (++queries >= MAX_KEY_QUERIES) {
          log(`gateway: ${address}: ${queries} keys offered, none accepted: disconnected`);
          end();
        }
      };
      if (this.users && !this.users.has(ctx.username)) return refuse('user not allowed');
      let keys: AuthorizedKey[];
      try {
        keys = readAuthorizedKeys(this.opts.authorizedKeysFile);
      } catch (err) {
        return refuse((err as Error).message);
      }
      const match = keys.find((k) => k.type === ctx.key.algo && sameBlob(k.blob, ctx.key.data));
      if (!match) return refuse('not an authorized key');
      if (!signed) return ctx.accept();
      if (match.type === 'ssh-rsa' && ctx.hashAlgo !== 'sha256' && ctx.hashAlgo !== 'sha512') {
        return fail(`${key}: ssh-rsa with SHA-1 signatures is refused (use rsa-sha2-256 or rsa-sha2-512)`);
      }
      if (match.parsed.verify(ctx.blob!, ctx.signature!, ctx.hashAlgo) !== true) return fail(`${key}: bad signature`);
      this.limiter.succeed(address);
      log(`gateway: accepted ${address}: user ${user}, ${key}`);
      ctx.accept();
    };
  }
}
