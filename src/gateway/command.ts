import type { EngineAccess } from '../console/link.js';
import { UsageError } from '../console/errors.js';
import { GatewayError } from './errors.js';
import { formatStartups, parseStartups, type ServerLimits } from './limits.js';
import { startGateway, type Gateway, type GatewayOptions } from './server.js';

export const gatewayUsage =
  'gateway --listen HOST:PORT --host-key FILE --authorized-keys FILE [--user NAME]... [--login-grace-time S] [--max-startups START:RATE:FULL] [--per-source-max-startups N] [--max-auth-tries N] [--max-sessions N]';

const REQUIRED = ['--listen', '--host-key', '--authorized-keys'] as const;
const OPTIONAL = ['--user', '--login-grace-time', '--max-startups', '--per-source-max-startups', '--max-auth-tries', '--max-sessions'] as const;
type Flag = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];
const FLAGS: readonly string[] = [...REQUIRED, ...OPTIONAL];

/** A login name as sshd takes one: no blanks, no control characters, nothing a log line could be forged with. */
const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}$/;

function count(flag: string, text: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`gateway: ${flag} needs a whole number from ${min} to ${max}, got "${text.slice(0, 40)}"`);
  return Number(text);
}

/**
 * `gateway --listen HOST:PORT --host-key FILE --authorized-keys FILE` and sshd's limits by
 * their sshd_config names (either --flag value or --flag=value). `--user` may be repeated.
 */
export function parseGatewayArgs(argv: string[]): GatewayOptions {
  const got = new Map<Flag, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!FLAGS.includes(name)) throw new UsageError(`gateway: unknown argument "${arg.slice(0, 60)}" (usage: pcapdump [flags] ${gatewayUsage})`);
    const flag = name as Flag;
    if (got.has(flag) && flag !== '--user') throw new UsageError(`gateway: ${flag} given twice`);
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`gateway: ${flag} needs a value`);
    got.set(flag, [...(got.get(flag) ?? []), value]);
  }
  for (const need of REQUIRED) {
    if (!got.has(need)) throw new UsageError(`gateway: ${need} is required (usage: pcapdump [flags] ${gatewayUsage})`);
  }
  const one = (f: Flag) => got.get(f)?.[0];
  const listen = one('--listen')!;
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(listen);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new UsageError(`gateway: --listen needs HOST:PORT (e.g. 0.0.0.0:2222 or [::1]:2222), got "${listen.slice(0, 60)}"`);
  const users = got.get('--user') ?? [];
  for (const u of users) if (!USER_NAME.test(u)) throw new UsageError(`gateway: --user "${u.slice(0, 40)}" is not a usable login name`);
  const server: Partial<ServerLimits> = {};
  const grace = one('--login-grace-time');
  if (grace !== undefined) server.loginGraceMs = count('--login-grace-time', grace, 1, 86_400) * 1000;
  const startups = one('--max-startups');
  if (startups !== undefined) {
    const s = parseStartups(startups);
    if (!s) throw new UsageError(`gateway: --max-startups needs START:RATE:FULL (e.g. 10:30:100) or a number, got "${startups.slice(0, 40)}"`);
    server.maxStartups = s;
  }
  const perSource = one('--per-source-max-startups');
  if (perSource !== undefined) server.perSourceMaxStartups = count('--per-source-max-startups', perSource, 1, 100_000);
  const tries = one('--max-auth-tries');
  if (tries !== undefined) server.maxAuthTries = count('--max-auth-tries', tries, 1, 1000);
  const sessions = one('--max-sessions');
  if (sessions !== undefined) server.maxSessions = count('--max-sessions', sessions, 1, 1000);
  return {
    host: m[1] ?? m[2],
    port,
    hostKeyFile: one('--host-key')!,
    authorizedKeysFile: one('--authorized-keys')!,
    ...(users.length > 0 ? { users } : {}),
    server,
  };
}

/**
 * Runs the gateway until SIGTERM or SIGINT: then sessions close and, on an Engine of its own,
 * captures stop (files already written are complete: write links a finished file into
 * place); status 0. `serving` says whose Engine it is, for the log.
 */
export async function runGateway(access: EngineAccess, argv: string[], log: (line: string) => void, opts2: { serving: string; stop?: () => void }): Promise<number> {
  const opts = parseGatewayArgs(argv);
  let gw: Gateway;
  try {
    gw = await startGateway(access, { ...opts, log });
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err;
    log(`pcapdump: ${err.message}`);
    return 1;
  }
  if (gw.hostKeyCreated) log(`gateway: created host key ${opts.hostKeyFile}`);
  log(`gateway: listening on ${gw.host}:${gw.port}, host key ${gw.hostKeyFingerprint}, capture dir ${access.captureDir}, serving ${opts2.serving}`);
  const l = gw.limits;
  log(
    `gateway: users ${gw.users.join(', ')}; LoginGraceTime ${l.loginGraceMs / 1000} s, MaxStartups ${formatStartups(l.maxStartups)}, ` +
      `PerSourceMaxStartups ${l.perSourceMaxStartups}, MaxAuthTries ${l.maxAuthTries}, MaxSessions ${l.maxSessions}, SFTP handles ${l.maxHandles} per connection`,
  );
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`gateway: ${signal}: ${opts2.stop ? 'stopping captures and closing sessions' : 'closing sessions (the service keeps its captures)'}`);
      opts2.stop?.();
      void gw.close().then(() => resolve(0));
      // A client that never answers must not hold the shutdown.
      setTimeout(() => resolve(0), 3000).unref();
    };
    // `on`, not `once`: ink's signal-exit re-raises a signal when it finds itself the only
    // listener left, which a spent `once` listener would leave it, and the exit status is lost.
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });
}
