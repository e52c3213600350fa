import { timingSafeEqual } from 'node:crypto';
import type { AuthContext } from 'ssh2';
import { fingerprint, readAuthorizedKeys, type AuthorizedKey } from './authorized-keys.js';
import { FailureLimiter, type RateLimits } from './rate-limit.js';

export interface AuthOptions {
  authorizedKeysFile: string;
  limits?: RateLimits;
  log: (line: string) => void;
}

/** More attempts than this on one connection end it, as sshd's MaxAuthTries does. */
const MAX_TRIES_PER_CONNECTION = 6;

function sameBlob(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Public-key authentication against the authorized_keys file, re-read on every attempt
 * (as sshd does, so a key added or removed counts at once). ssh-rsa signatures with
 * SHA-1 are refused: only rsa-sha2-256/512.
 */
export class Authenticator {
  private readonly limiter: FailureLimiter;

  constructor(private readonly opts: AuthOptions) {
    this.limiter = new FailureLimiter(opts.limits);
  }

  isBlocked(address: string): boolean {
    return this.limiter.isBlocked(address);
  }

  /** Handles one connection's auth requests; `end` drops the connection. */
  forConnection(address: string, end: () => void): (ctx: AuthContext) => void {
    let tries = 0;
    return (ctx) => {
      if (this.limiter.isBlocked(address)) {
        ctx.reject([]);
        end();
        return;
      }
      if (ctx.method !== 'publickey') {
        ctx.reject(['publickey']);
        return;
      }
      const fail = (why: string) => {
        this.opts.log(`gateway: auth failed from ${address}: user "${ctx.username}", key ${fingerprint(ctx.key.data)} (${ctx.key.algo}): ${why}`);
        if (this.limiter.fail(address)) this.opts.log(`gateway: ${address} blocked after repeated failures`);
        ctx.reject(['publickey']);
        if (++tries >= MAX_TRIES_PER_CONNECTION || this.limiter.isBlocked(address)) end();
      };
      let keys: AuthorizedKey[];
      try {
        keys = readAuthorizedKeys(this.opts.authorizedKeysFile);
      } catch (err) {
        return fail((err as Error).message);
      }
      const match = keys.find((k) => k.type === ctx.key.algo && sameBlob(k.blob, ctx.key.data));
      if (!match) return fail('not an authorized key');
      // Without a signature the client only asks whether this key would do.
      if (ctx.signature === undefined || ctx.blob === undefined) return ctx.accept();
      if (match.type === 'ssh-rsa' && ctx.hashAlgo !== 'sha256' && ctx.hashAlgo !== 'sha512') {
        return fail('ssh-rsa with SHA-1 signatures is refused (use rsa-sha2-256 or rsa-sha2-512)');
      }
      if (match.parsed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) return fail('bad signature');
      ctx.accept();
    };
  }
}
