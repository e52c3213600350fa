import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import ssh2, { type Connection } from 'ssh2';

const { Server, utils } = ssh2;
import type { EngineAccess } from '../console/link.js';
import { Authenticator } from './auth.js';
import { fingerprint, readAuthorizedKeys } from './authorized-keys.js';
import { GatewayError } from './errors.js';
import { loadHostKey } from './host-key.js';
import { Jail } from './jail.js';
import type { RateLimits } from './rate-limit.js';
import { serveSession } from './session.js';

export interface GatewayOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  hostKeyFile: string;
  authorizedKeysFile: string;
  limits?: RateLimits;
  /** One line per event worth keeping: failed logins, blocks (stderr by default). */
  log?: (line: string) => void;
}

export interface Gateway {
  host: string;
  port: number;
  hostKeyFingerprint: string;
  hostKeyCreated: boolean;
  /** Drops every connection (their sessions' streams stop) and stops listening. */
  close(): Promise<void>;
}

/** The SSH gateway: every connection's sessions on one Engine (its own, or the service's), SFTP over its capture dir. */
export async function startGateway(access: EngineAccess, opts: GatewayOptions): Promise<Gateway> {
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const { key, created } = loadHostKey(opts.hostKeyFile);
  const parsed = utils.parseKey(key);
  if (parsed instanceof Error) throw new GatewayError(`host key ${opts.hostKeyFile}: ${parsed.message}`);
  const keys = readAuthorizedKeys(opts.authorizedKeysFile, log);
  if (keys.length === 0) log(`gateway: warning: ${opts.authorizedKeysFile} holds no usable key: nobody can log in`);
  const dir = access.captureDir;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o750 });
  } catch (err) {
    throw new GatewayError(`capture dir ${dir}: ${(err as Error).message}`);
  }
  const jail = await Jail.open(dir);
  const auth = new Authenticator({ authorizedKeysFile: opts.authorizedKeysFile, limits: opts.limits, log });
  const clients = new Set<Connection>();

  const server = new Server({ hostKeys: [key], ident: 'pcapdump-gateway' }, (client, info) => {
    const address = info.ip;
    clients.add(client);
    // SFTP is request/response: Nagle's delay on small packets (window adjusts, requests) stalls the pipeline.
    (client as Connection & { setNoDelay(on: boolean): unknown }).setNoDelay(true); // missing from @types/ssh2, present in ssh2
    client.on('close', () => clients.delete(client));
    // Resets and half-done handshakes are the network's business, not the log's.
    client.on('error', () => undefined);
    if (auth.isBlocked(address)) {
      log(`gateway: refused ${address}: blocked after repeated authentication failures`);
      client.end();
      return;
    }
    let user = '';
    client.on('authentication', (ctx) => (user = ctx.username));
    client.on('authentication', auth.forConnection(address, () => client.end()));
    client.on('ready', () => {
      const sock = (client as Connection & { _sock?: { localAddress?: string; localPort?: number } })._sock;
      const ssh =
        sock?.localAddress && sock.localPort ? { clientAddress: address, clientPort: info.port, serverAddress: sock.localAddress, serverPort: sock.localPort } : undefined;
      const who = { user, from: `ssh ${address} port ${info.port}`, ...(ssh ? { ssh } : {}) };
      client.on('session', (accept) => serveSession(accept(), { access, who, jail, log }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(new GatewayError(`cannot listen on ${opts.host}:${opts.port}: ${err.code ?? err.message}`)));
    server.listen(opts.port, opts.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return {
    host: addr.address,
    port: addr.port,
    hostKeyFingerprint: fingerprint(parsed.getPublicSSH()),
    hostKeyCreated: created,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.end();
        server.close(() => resolve());
      }),
  };
}
