import type { EngineAccess } from '../console/link.js';
import { UsageError } from '../console/errors.js';
import { GatewayError } from './errors.js';
import { startGateway, type Gateway, type GatewayOptions } from './server.js';

export const gatewayUsage = 'gateway --listen HOST:PORT --host-key FILE --authorized-keys FILE';

/** `gateway --listen HOST:PORT --host-key FILE --authorized-keys FILE` (either --flag value or --flag=value). */
export function parseGatewayArgs(argv: string[]): GatewayOptions {
  const got: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name !== '--listen' && name !== '--host-key' && name !== '--authorized-keys') throw new UsageError(`gateway: unknown argument "${arg}" (usage: pcapdump [flags] ${gatewayUsage})`);
    if (got[name] !== undefined) throw new UsageError(`gateway: ${name} given twice`);
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`gateway: ${name} needs a value`);
    got[name] = value;
  }
  for (const need of ['--listen', '--host-key', '--authorized-keys']) {
    if (got[need] === undefined) throw new UsageError(`gateway: ${need} is required (usage: pcapdump [flags] ${gatewayUsage})`);
  }
  const listen = got['--listen'];
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(listen);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new UsageError(`gateway: --listen needs HOST:PORT (e.g. 0.0.0.0:2222 or [::1]:2222), got "${listen}"`);
  return { host: m[1] ?? m[2], port, hostKeyFile: got['--host-key'], authorizedKeysFile: got['--authorized-keys'] };
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
