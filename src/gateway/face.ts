import ssh2, { type Connection } from 'ssh2';
import type { Duplex } from 'node:stream';
import type { EngineAccess } from '../console/link.js';
import type { SshEndpoints } from '../console/stream.js';
import { Authenticator } from './auth.js';
import type { Jail } from './jail.js';
import type { RateLimits } from './rate-limit.js';
import { serveSession } from './session.js';

const { Server } = ssh2;

export interface SshFaceOptions {
  hostKey: Buffer;
  authorizedKeysFile: string;
  jail: Jail;
  limits?: RateLimits;
  log: (line: string) => void;
  /** What the audit log calls sessions of this face: "ssh", or "tunnel". */
  face: string;
  /** Before the console's prompt: "(SERVICE) " for the support tunnel. */
  label?: string;
}

/** Where a connection comes from, as the face was told: the peer, and the TCP connection it rides on. */
export interface ConnectionOrigin {
  /** For the log and the audit: "ssh 192.0.2.7 port 51234", "tunnel from 127.0.0.1 port 40000 via support:22". */
  from: string;
  /** The address failed logins are counted against. */
  address: string;
  /** The TCP connection carrying it, which a stream leaves out of its capture. */
  ssh?: SshEndpoints;
}

/**
 * The SSH face of an Engine: public-key logins against an authorized_keys file, then the
 * console, line mode, exec (and stream) and SFTP. Connections come from the gateway's
 * listening socket, or from the support tunnel's forwarded channels: any duplex stream.
 */
export class SshFace {
  private readonly server: InstanceType<typeof Server>;
  private readonly auth: Authenticator;
  private readonly clients = new Set<Connection>();
  /** Origins of connections handed in and not yet identified by ssh2. */
  private readonly origins = new WeakMap<object, ConnectionOrigin>();

  constructor(
    private readonly access: EngineAccess,
    private readonly opts: SshFaceOptions,
  ) {
    this.auth = new Authenticator({ authorizedKeysFile: opts.authorizedKeysFile, limits: opts.limits, log: opts.log });
    this.server = new Server({ hostKeys: [opts.hostKey], ident: 'pcapdump-gateway' }, (client) => this.connected(client));
  }

  /** Serves one connection; `onClose` is told when it ends. */
  accept(socket: Duplex, origin: ConnectionOrigin): void {
    this.origins.set(socket, origin);
    this.server.injectSocket(socket as never);
  }

  /** Connections being served now. */
  get size(): number {
    return this.clients.size;
  }

  /** Ends every connection. */
  closeAll(): void {
    for (const c of this.clients) c.end();
  }

  private connected(client: Connection): void {
    const sock = (client as Connection & { _sock: Duplex })._sock;
    const origin = this.origins.get(sock) ?? { from: 'unknown', address: 'unknown' };
    const { access, opts, auth } = this;
    this.clients.add(client);
    // SFTP is request/response: Nagle's delay on small packets (window adjusts, requests) stalls the pipeline.
    (client as Connection & { setNoDelay(on: boolean): unknown }).setNoDelay(true); // missing from @types/ssh2, present in ssh2
    client.on('close', () => this.clients.delete(client));
    // Resets and half-done handshakes are the network's business, not the log's.
    client.on('error', () => undefined);
    if (auth.isBlocked(origin.address)) {
      opts.log(`gateway: refused ${origin.address}: blocked after repeated authentication failures`);
      client.end();
      return;
    }
    let user = '';
    client.on('authentication', (ctx) => (user = ctx.username));
    client.on('authentication', auth.forConnection(origin.address, () => client.end()));
    client.on('ready', () => {
      const who = { user, from: origin.from, ...(origin.ssh ? { ssh: origin.ssh } : {}) };
      client.on('session', (accept) => serveSession(accept(), { access, who, jail: opts.jail, log: opts.log, face: opts.face, label: opts.label }));
    });
  }
}
