import ssh2, { type Connection } from 'ssh2';
import type { Duplex } from 'node:stream';
import type { EngineAccess } from '../console/link.js';
import type { SshEndpoints } from '../console/stream.js';
import { fixServerSigAlgs, serverAlgorithms } from './algorithms.js';
import { Authenticator } from './auth.js';
import type { Jail } from './jail.js';
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from './limits.js';
import { Allowance, Outflow } from './outflow.js';
import { ReadAheadBudget } from './read-ahead.js';
import type { RateLimits } from './rate-limit.js';
import { serveSession } from './session.js';

const { Server, utils } = ssh2;

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
  /** Login names let in; absent: any name with an authorized key (the support tunnel's keys are its people). */
  users?: readonly string[];
  /** sshd's per-connection limits (MaxAuthTries, MaxSessions, handles, outflow); the listener applies the rest. */
  server?: Partial<ServerLimits>;
}

/** Where a connection comes from, as the face was told: the peer, and the TCP connection it rides on. */
export interface ConnectionOrigin {
  /** For the log and the audit: "ssh 192.0.2.7 port 51234", "tunnel from 127.0.0.1 port 40000 via support:22". */
  from: string;
  /** The address failed logins are counted against. */
  address: string;
  /** The TCP connection carrying it, which a stream leaves out of its capture. */
  ssh?: SshEndpoints;
  /** Told once the connection has logged in (the listener stops counting it as waiting). */
  loggedIn?: () => void;
}

/**
 * The SSH face of an Engine: public-key logins against an authorized_keys file, then the
 * console, line mode, exec (and stream) and SFTP. Connections come from the gateway's
 * listening socket, or from the support tunnel's forwarded channels: any duplex stream.
 * Each logged-in connection has sshd's limits: MaxSessions session channels, a number of
 * SFTP handles, and a bounded outflow (what it holds for a client that does not read).
 */
export class SshFace {
  private readonly server: InstanceType<typeof Server>;
  private readonly auth: Authenticator;
  private readonly clients = new Set<Connection>();
  /** Origins of connections handed in and not yet identified by ssh2. */
  private readonly origins = new WeakMap<object, ConnectionOrigin>();
  readonly limits: ServerLimits;
  /** Files open for SFTP across every connection of this face: descriptors are one pool. */
  private readonly files: Allowance;

  constructor(
    private readonly access: EngineAccess,
    private readonly opts: SshFaceOptions,
  ) {
    this.limits = { ...DEFAULT_SERVER_LIMITS, ...opts.server };
    this.files = new Allowance(this.limits.maxOpenFiles);
    this.auth = new Authenticator({ authorizedKeysFile: opts.authorizedKeysFile, users: opts.users, maxAuthTries: this.limits.maxAuthTries, limits: opts.limits, log: opts.log });
    const parsed = utils.parseKey(opts.hostKey);
    const keyType = parsed instanceof Error ? 'ssh-ed25519' : parsed.type;
    this.server = new Server({ hostKeys: [opts.hostKey], ident: 'pcapdump-gateway', algorithms: serverAlgorithms(keyType) }, (client) => this.connected(client));
  }

  /** Serves one connection. */
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
    const { access, opts, auth, limits } = this;
    const address = origin.address;
    this.clients.add(client);
    fixServerSigAlgs((client as Connection & { _protocol: unknown })._protocol);
    // SFTP is request/response: Nagle's delay on small packets (window adjusts, requests) stalls the pipeline.
    (client as Connection & { setNoDelay(on: boolean): unknown }).setNoDelay(true); // missing from @types/ssh2, present in ssh2
    client.on('close', () => this.clients.delete(client));
    // Resets and half-done handshakes are the network's business, not the log's; a client
    // that stops answering keepalives (ssh2: a ping every 15 s, dropped at the 4th unanswered) is said.
    client.on('error', (err: Error & { level?: string }) => {
      if (err.level === 'client-timeout') opts.log(`gateway: ${address}: no answer to keepalives: disconnected`);
    });
    if (auth.isBlocked(address)) {
      opts.log(`gateway: refused ${address}: blocked after repeated authentication failures`);
      client.end();
      return;
    }
    let user = '';
    client.on('authentication', (ctx) => (user = ctx.username));
    client.on('authentication', auth.forConnection(address, () => client.end()));
    client.on('ready', () => {
      origin.loggedIn?.();
      const who = { user, from: origin.from, ...(origin.ssh ? { ssh: origin.ssh } : {}) };
      const outflow = new Outflow(sock, limits.outflowBytes);
      const handles = new Allowance(limits.maxHandles);
      const readAhead = new ReadAheadBudget();
      outflow.add(() => readAhead.bytes());
      let sessions = 0;
      let refused = false;
      client.on('session', (accept, reject) => {
        if (sessions >= limits.maxSessions) {
          if (!refused) opts.log(`gateway: ${address}: more than ${limits.maxSessions} sessions at once refused (MaxSessions)`);
          refused = true;
          reject();
          return;
        }
        sessions++;
        const session = accept();
        session.once('close', () => sessions--);
        serveSession(session, { access, who, jail: opts.jail, log: opts.log, face: opts.face, label: opts.label, outflow, handles, files: this.files, readAhead });
      });
    });
  }
}
