import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { userInfo } from 'node:os';
import ssh2 from 'ssh2';

const { utils } = ssh2;
import type { EngineAccess } from '../console/link.js';
import { fingerprint, readAuthorizedKeys } from './authorized-keys.js';
import { SshFace } from './face.js';
import { GatewayError } from './errors.js';
import { loadHostKey } from './host-key.js';
import { Jail } from './jail.js';
import { dropStartup, formatStartups, type ServerLimits } from './limits.js';
import type { RateLimits } from './rate-limit.js';

export interface GatewayOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  hostKeyFile: string;
  authorizedKeysFile: string;
  /** Login names allowed in; default: the account the gateway runs as. */
  users?: string[];
  limits?: RateLimits;
  /** sshd's limits (see ServerLimits); the defaults are sshd's. */
  server?: Partial<ServerLimits>;
  /** One line per event worth keeping: failed logins, blocks (stderr by default). */
  log?: (line: string) => void;
  /** For tests of MaxStartups' random early drop: a number in [0, 1). */
  random?: () => number;
}

export interface Gateway {
  host: string;
  port: number;
  hostKeyFingerprint: string;
  hostKeyCreated: boolean;
  users: string[];
  limits: ServerLimits;
  /** Connections accepted and not yet logged in (what MaxStartups counts). */
  unauthenticated(): number;
  /** Drops every connection (their sessions' streams stop) and stops listening. */
  close(): Promise<void>;
}

/** Each connection's admission, from accept until it logs in or goes. */
interface Waiting {
  socket: Socket;
  address: string;
  settled: boolean;
  grace: NodeJS.Timeout;
}

/** Drops past MaxStartups are logged at most this often, with a count (a flood must not flood the log). */
const DROP_LOG_MS = 10_000;

export function defaultUsers(): string[] {
  try {
    return [userInfo().username];
  } catch {
    return ['root'];
  }
}

/**
 * The SSH gateway: every connection's sessions on one Engine (its own, or the service's),
 * SFTP over its capture dir. Connections are admitted here as sshd admits them
 * (MaxStartups, PerSourceMaxStartups, LoginGraceTime) before the SSH face sees them.
 */
export async function startGateway(access: EngineAccess, opts: GatewayOptions): Promise<Gateway> {
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const users = opts.users && opts.users.length > 0 ? opts.users : defaultUsers();
  const random = opts.random ?? Math.random;
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
  const face = new SshFace(access, { hostKey: key, authorizedKeysFile: opts.authorizedKeysFile, jail, limits: opts.limits, log, face: 'ssh', users, server: opts.server });
  const limits = face.limits;
  const waiting = new Map<Socket, Waiting>();
  /** Every connection open now, logged in or not. */
  const sockets = new Set<Socket>();
  let unauthenticated = 0;
  /** Connections not logged in, by source address (PerSourceMaxStartups). */
  const waitingFrom = new Map<string, number>();
  let closing = false;
  let closed: Promise<void> | undefined;

  /** The connection logged in or went away: it no longer counts as waiting. */
  const settle = (w: Waiting) => {
    if (w.settled) return;
    w.settled = true;
    unauthenticated--;
    const n = (waitingFrom.get(w.address) ?? 1) - 1;
    if (n > 0) waitingFrom.set(w.address, n);
    else waitingFrom.delete(w.address);
    clearTimeout(w.grace);
  };

  const drops = { startups: 0, perSource: 0 };
  let lastDropLog = 0;
  let dropTimer: NodeJS.Timeout | null = null;
  const plural = (n: number) => `${n} connection${n === 1 ? '' : 's'}`;
  const logDrops = () => {
    dropTimer = null;
    if (drops.startups > 0) log(`gateway: ${plural(drops.startups)} dropped past MaxStartups ${formatStartups(limits.maxStartups)} (${unauthenticated} not logged in now)`);
    if (drops.perSource > 0) log(`gateway: ${plural(drops.perSource)} dropped past PerSourceMaxStartups ${limits.perSourceMaxStartups} (from one address)`);
    if (drops.startups + drops.perSource > 0) lastDropLog = Date.now();
    drops.startups = drops.perSource = 0;
  };

  const server = createServer({ noDelay: true }, (socket) => {
    socket.on('error', () => undefined);
    if (closing) return socket.destroy();
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const address = socket.remoteAddress ?? '?';
    const fromThere = waitingFrom.get(address) ?? 0;
    // sshd's random early drop, for addresses already waiting; an address with nothing
    // waiting (a technician's one login) is turned away only when MaxStartups is full.
    const early = fromThere > 0 ? dropStartup(limits.maxStartups, unauthenticated, random()) : unauthenticated >= limits.maxStartups.full;
    const tooMany = fromThere >= limits.perSourceMaxStartups ? 'perSource' : early ? 'startups' : null;
    if (tooMany) {
      socket.destroy();
      drops[tooMany]++;
      if (Date.now() - lastDropLog >= DROP_LOG_MS) logDrops();
      else dropTimer ??= setTimeout(logDrops, DROP_LOG_MS - (Date.now() - lastDropLog)).unref();
      return;
    }
    unauthenticated++;
    waitingFrom.set(address, fromThere + 1);
    const w: Waiting = {
      socket,
      address,
      settled: false,
      grace: setTimeout(() => {
        if (w.settled) return;
        log(`gateway: ${address}: not logged in within ${limits.loginGraceMs / 1000} s (LoginGraceTime): disconnected`);
        socket.destroy();
      }, limits.loginGraceMs),
    };
    waiting.set(socket, w);
    socket.once('close', () => {
      waiting.delete(socket);
      settle(w);
    });
    const ssh =
      socket.localAddress && socket.localPort && socket.remotePort
        ? { clientAddress: address, clientPort: socket.remotePort, serverAddress: socket.localAddress, serverPort: socket.localPort }
        : undefined;
    face.accept(socket, { from: `ssh ${address} port ${socket.remotePort}`, address, ...(ssh ? { ssh } : {}), loggedIn: () => settle(w) });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(new GatewayError(`cannot listen on ${opts.host}:${opts.port}: ${err.code ?? err.message}`)));
    server.listen(opts.port, opts.host, () => resolve());
  });
  server.on('error', (err) => log(`gateway: listener: ${err.message}`));
  const addr = server.address() as AddressInfo;
  return {
    host: addr.address,
    port: addr.port,
    hostKeyFingerprint: fingerprint(parsed.getPublicSSH()),
    hostKeyCreated: created,
    users,
    limits,
    unauthenticated: () => unauthenticated,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        closing = true;
        if (dropTimer) clearTimeout(dropTimer);
        logDrops();
        // An SSH goodbye to the clients there are; connections still at the door, and a
        // client that does not close its end within a second, are cut off.
        face.closeAll();
        for (const w of waiting.values()) w.socket.destroy();
        server.close(() => {
          jail.close();
          resolve();
        });
        setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, 1000).unref();
      })),
  };
}
