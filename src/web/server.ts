import type { AddressInfo } from 'node:net';
import type { EngineAccess } from '../console/link.js';
import { buildApp, DEFAULT_LIMITS, type WebLimits } from './app.js';
import { WebError } from './errors.js';
import type { WebOptions } from './options.js';
import { Sessions } from './sessions.js';
import { certificateNames, loadCertificate } from './tls.js';
import { UserFile } from './users.js';

export { WebError } from './errors.js';

export interface StartWebOptions {
  access: EngineAccess;
  options: WebOptions;
  log: (line: string) => void;
  limits?: Partial<WebLimits>;
}

export interface RunningWeb {
  /** Where the page is, with the port it got (for --http HOST:0). */
  url: string;
  port: number;
  /** The TLS certificate's SHA-256 fingerprint; null over plain HTTP. */
  fingerprint: string | null;
  /** Ends every session (their -o streams stop), closes every connection, stops listening. */
  close(reason: string): Promise<void>;
}

function hostInUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * The capture page, one more face of the service's Engine: its certificate (made on first
 * start when there is none), its users, its HTTP(S) server. Fails with one WebError line.
 */
export async function startWeb(opts: StartWebOptions): Promise<RunningWeb> {
  const { options, log } = opts;
  let tlsFiles: { cert: Buffer; key: Buffer } | null = null;
  let fingerprint: string | null = null;
  if (options.tls) {
    const c = loadCertificate(options.tls.certFile, options.tls.keyFile, certificateNames(options.host));
    tlsFiles = c;
    fingerprint = c.fingerprint;
    const made = c.made ? 'made on first start (self-signed): ' : '';
    log(`web: TLS certificate ${made}${options.tls.certFile}, valid to ${c.validTo.toISOString().slice(0, 10)}, SHA-256 fingerprint ${c.fingerprint}`);
    if (c.validTo.getTime() < Date.now()) log(`web: the TLS certificate ${options.tls.certFile} has expired: browsers will refuse it`);
  }
  const users = new UserFile(options.usersFile);
  try {
    const n = users.users().size;
    if (n === 0) log(`web: no users in ${options.usersFile} yet: add one with pcapdump passwd --file ${options.usersFile} USER`);
  } catch (err) {
    if (!(err instanceof WebError)) throw err;
    log(`web: ${err.message}; no one can log in until it is fixed`);
  }
  const sessions = new Sessions((user) => users.has(user));
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const app = await buildApp({ access: opts.access, users, sessions, limits, tls: tlsFiles !== null, log }, tlsFiles);
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (err) {
    await sessions.endAll('the page did not start');
    const code = (err as NodeJS.ErrnoException).code;
    throw new WebError(`web: cannot listen on ${hostInUrl(options.host)}:${options.port}: ${code === 'EADDRINUSE' ? 'the port is in use' : (code ?? (err as Error).message)}`);
  }
  const port = (app.server.address() as AddressInfo).port;
  const url = `${tlsFiles ? 'https' : 'http'}://${hostInUrl(options.host)}:${port}/`;
  log(`web: the capture page is at ${url} (users in ${options.usersFile}${tlsFiles ? '' : '; plain HTTP on loopback'})`);
  return {
    url,
    port,
    fingerprint,
    close: async (reason) => {
      await sessions.endAll(reason);
      await app.close();
    },
  };
}
