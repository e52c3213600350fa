import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import ssh2 from 'ssh2';

const { utils } = ssh2;
import type { EngineAccess } from '../console/link.js';
import { fingerprint, readAuthorizedKeys } from './authorized-keys.js';
import { SshFace } from './face.js';
import { GatewayError } from './errors.js';
import { loadHostKey } from './host-key.js';
import { Jail } from './jail.js';
import type { RateLimits } from './rate-limit.js';

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
  const face = new SshFace(access, { hostKey: key, authorizedKeysFile: opts.authorizedKeysFile, jail, limits: opts.limits, log, face: 'ssh' });
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    const address = socket.remoteAddress ?? '?';
    const ssh =
      socket.localAddress && socket.localPort && socket.remotePort
        ? { clientAddress: address, clientPort: socket.remotePort, serverAddress: socket.localAddress, serverPort: socket.localPort }
        : undefined;
    face.accept(socket, { from: `ssh ${address} port ${socket.remotePort}`, address, ...(ssh ? { ssh } : {}) });
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
        face.closeAll();
        server.close(() => resolve());
      }),
  };
}
