import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import ssh2, { type ClientChannel, type TcpConnectionDetails } from 'ssh2';
import type { TunnelControl, TunnelStatus } from '../console/engine.js';
import { CommandError } from '../console/errors.js';
import type { TunnelConfig } from '../console/config.js';
import type { TunnelCommand } from '../console/grammar.js';
import type { EngineAccess } from '../console/link.js';
import { fingerprint, knownKeys } from '../fwctl/host-check.js';
import { readAuthorizedKeys } from './authorized-keys.js';
import { SshFace } from './face.js';
import { loadHostKey } from './host-key.js';
import type { Jail } from './jail.js';

const { Client, utils } = ssh2;

export const DAY_MS = 86_400_000;
/** How long the support host has to answer, and the first wait before a dropped tunnel is tried again. */
const CONNECT_TIMEOUT_MS = 15_000;
const RETRY_MS = [2_000, 5_000, 15_000, 60_000];

export interface TunnelOptions {
  log: (line: string) => void;
  jail: Jail;
  /** Tests shorten the day. */
  dayMs?: number;
}

type Enable = Extract<TunnelCommand, { action: 'enable' }>;

interface Open {
  cmd: Enable;
  user: string;
  expiresAt: number;
  client: InstanceType<typeof Client> | null;
  /** The TCP connection to the support host, which a stream leaves out. */
  socket: Socket | null;
  remotePort: number;
  hostKey: string;
  face: SshFace;
  sessions: Set<ClientChannel>;
  sessionsTotal: number;
  state: 'open' | 'reconnecting' | 'expired';
  problem?: string;
  expiry: NodeJS.Timeout;
  retry: NodeJS.Timeout | null;
  retries: number;
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/**
 * Cisco's techsupport tunnel: the service logs in to a support host over SSH (its host key
 * pinned), asks it to listen on a port of its loopback, and serves each connection support
 * makes there with its own SSH face: the same logins (support's keys in authorizedKeys),
 * the console with "(SERVICE)" before its prompt, face "tunnel" in the audit log. After
 * --days no new session is taken; open ones go on until they close.
 */
export class SupportTunnel implements TunnelControl {
  private open: Open | null = null;
  private busy = false;
  private readonly dayMs: number;
  private clientKeyLine: string | undefined;

  constructor(
    private readonly access: EngineAccess,
    private readonly cfg: TunnelConfig,
    private readonly opts: TunnelOptions,
  ) {
    this.dayMs = opts.dayMs ?? DAY_MS;
  }

  async run(cmd: TunnelCommand): Promise<TunnelStatus> {
    switch (cmd.action) {
      case 'status':
        return this.status();
      case 'disable':
        return this.disable();
      case 'enable':
        return this.enable(cmd);
    }
  }

  status(): TunnelStatus {
    this.clientKeyLine ??= this.publicKey();
    const o = this.open;
    if (!o) return { state: 'off', sessions: 0, sessionsTotal: 0, ...(this.clientKeyLine ? { clientKey: this.clientKeyLine } : {}) };
    return {
      state: o.state,
      host: o.cmd.host,
      port: o.cmd.port,
      user: o.user,
      remotePort: o.remotePort,
      hostKey: o.hostKey,
      expiresAt: o.expiresAt,
      sessions: o.sessions.size,
      sessionsTotal: o.sessionsTotal,
      ...(this.clientKeyLine ? { clientKey: this.clientKeyLine } : {}),
      ...(o.problem ? { problem: o.problem } : {}),
    };
  }

  /** The service's key as support must allow it, once it exists (it is made by the first enable). */
  private publicKey(): string | undefined {
    try {
      const parsed = utils.parseKey(readFileSync(this.cfg.identityFile));
      return parsed instanceof Error ? undefined : `${parsed.type} ${parsed.getPublicSSH().toString('base64')}`;
    } catch {
      return undefined;
    }
  }

  /** The service is stopping: the tunnel and every session through it end. */
  close(): void {
    if (this.open) this.shut(this.open, 'the service stopped');
  }

  private async enable(cmd: Enable): Promise<TunnelStatus> {
    if (this.open || this.busy) {
      const o = this.open;
      throw new CommandError(o ? `tunnel: already enabled (${o.state}, to ${o.cmd.host}:${o.cmd.port}): tunnel disable first` : 'tunnel: an enable is under way');
    }
    this.busy = true;
    try {
      const { key, hostKey } = this.keys();
      const user = cmd.user ?? this.cfg.user;
      const face = new SshFace(this.access, { hostKey, authorizedKeysFile: this.cfg.authorizedKeys, jail: this.opts.jail, log: this.opts.log, face: 'tunnel', label: '(SERVICE) ' });
      const o: Open = {
        cmd,
        user,
        expiresAt: Date.now() + cmd.days * this.dayMs,
        client: null,
        socket: null,
        remotePort: 0,
        hostKey: '',
        face,
        sessions: new Set(),
        sessionsTotal: 0,
        state: 'open',
        expiry: setTimeout(() => this.expire(o), cmd.days * this.dayMs),
        retry: null,
        retries: 0,
      };
      o.expiry.unref();
      try {
        await this.connect(o, key);
      } catch (err) {
        clearTimeout(o.expiry);
        throw err;
      }
      this.open = o;
      this.opts.log(`tunnel: open to ${cmd.host}:${cmd.port} as ${user}, support reaches this gateway at localhost:${o.remotePort} there, host key ${o.hostKey}, until ${new Date(o.expiresAt).toISOString()}`);
      return this.status();
    } finally {
      this.busy = false;
    }
  }

  private disable(): TunnelStatus {
    const o = this.open;
    if (!o) throw new CommandError('tunnel: not enabled');
    const total = o.sessionsTotal;
    this.shut(o, 'disabled');
    return { ...this.status(), sessionsTotal: total };
  }

  /** The service's client key (made on first use) and the face's host key; support's keys must be there. */
  private keys(): { key: Buffer; hostKey: Buffer } {
    const cfg = this.cfg;
    let keys;
    try {
      keys = readAuthorizedKeys(cfg.authorizedKeys);
    } catch (err) {
      throw new CommandError(`tunnel: nobody could log in through it: ${(err as Error).message} (support's public keys go there)`);
    }
    if (keys.length === 0) throw new CommandError(`tunnel: nobody could log in through it: ${cfg.authorizedKeys} holds no key (support's public keys go there)`);
    let key: Buffer;
    let hostKey: Buffer;
    try {
      key = loadHostKey(cfg.identityFile).key;
      hostKey = loadHostKey(cfg.hostKey).key;
    } catch (err) {
      throw new CommandError(`tunnel: ${(err as Error).message.replace(/^host key /, 'key ')}`);
    }
    const parsed = utils.parseKey(key);
    // No comment after the key: an ed25519 line is then exactly 80 columns, copied whole from a console.
    if (!(parsed instanceof Error)) this.clientKeyLine = `${parsed.type} ${parsed.getPublicSSH().toString('base64')}`;
    return { key, hostKey };
  }

  /** Whether the support host's key is the pinned one; the reason when not. */
  private verdict(cmd: Enable, blob: Buffer): string | null {
    const fp = fingerprint(blob);
    const again = `tunnel enable --host ${cmd.host} --port ${cmd.port} --host-key ${fp}`;
    if (cmd.hostKey !== undefined) return fp === cmd.hostKey ? null : `tunnel: the host key of ${cmd.host}:${cmd.port} is ${fp}, NOT the ${cmd.hostKey} given: refused (someone may be in between)`;
    if (this.cfg.knownHosts !== undefined) {
      let known;
      try {
        known = knownKeys(this.cfg.knownHosts, cmd.host, cmd.port);
      } catch (err) {
        return `tunnel: ${(err as Error).message}`;
      }
      const b64 = blob.toString('base64');
      if (known.revoked.includes(b64)) return `tunnel: the host key of ${cmd.host}:${cmd.port} (${fp}) is revoked in ${this.cfg.knownHosts}`;
      if (known.keys.includes(b64)) return null;
      if (known.keys.length > 0) return `tunnel: the host key of ${cmd.host}:${cmd.port} is ${fp}, NOT the one pinned in ${this.cfg.knownHosts}: refused`;
    }
    return `tunnel: the host key of ${cmd.host}:${cmd.port} is ${fp}, which nothing pins: check it with support, then: ${again}`;
  }

  /** Logs in to the support host and asks for the remote forward; rejects with one line saying what failed. */
  private connect(o: Open, key: Buffer): Promise<void> {
    const { cmd } = o;
    return new Promise<void>((resolve, reject) => {
      const client = new Client();
      let refused: string | null = null;
      let settled = false;
      const fail = (why: string) => {
        if (settled) return;
        settled = true;
        client.end();
        reject(new CommandError(why));
      };
      client.on('error', (err: Error & { level?: string; code?: string }) => {
        if (refused) return fail(refused);
        if (err.level === 'client-authentication') return fail(`tunnel: ${cmd.host}:${cmd.port} did not let ${o.user} in with this gateway's key: add it to ~${o.user}/.ssh/authorized_keys there (tunnel status shows it)`);
        if (err.level === 'client-timeout') return fail(`tunnel: ${cmd.host}:${cmd.port} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s`);
        if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return fail(`tunnel: cannot resolve the support host "${cmd.host}" (${err.code})`);
        fail(`tunnel: cannot reach ${cmd.host}:${cmd.port} (${err.code ?? err.message})`);
      });
      client.on('close', () => {
        if (!settled) return fail(refused ?? `tunnel: ${cmd.host}:${cmd.port} closed the connection`);
        if (o.client === client) this.dropped(o, key);
      });
      client.on('tcp connection', (info, accept, rejectConn) => this.incoming(o, info, accept, rejectConn));
      client.on('ready', () => {
        client.forwardIn('localhost', cmd.remotePort, (err, port) => {
          if (err) return fail(`tunnel: ${cmd.host}:${cmd.port} refused to listen for support (remote port forward: ${err.message}; AllowTcpForwarding?)`);
          settled = true;
          o.client = client;
          o.socket = (client as unknown as { _sock: Socket })._sock;
          o.remotePort = port || cmd.remotePort;
          o.state = Date.now() >= o.expiresAt ? 'expired' : 'open';
          o.problem = undefined;
          o.retries = 0;
          resolve();
        });
      });
      client.connect({
        host: cmd.host,
        port: cmd.port,
        username: o.user,
        privateKey: key,
        readyTimeout: CONNECT_TIMEOUT_MS,
        keepaliveInterval: 15_000,
        keepaliveCountMax: 4,
        hostVerifier: (blob: Buffer) => {
          o.hostKey = fingerprint(blob);
          refused = this.verdict(cmd, blob);
          return refused === null;
        },
      });
    });
  }

  /** A connection support made to the forwarded port: a session of the tunnel's SSH face, while the tunnel has not expired. */
  private incoming(o: Open, info: TcpConnectionDetails, accept: () => ClientChannel, reject: () => void): void {
    if (this.open !== o || o.state === 'expired' || Date.now() >= o.expiresAt) {
      this.opts.log(`tunnel: refused a session from ${info.srcIP} port ${info.srcPort} on ${o.cmd.host}: the tunnel expired ${new Date(o.expiresAt).toISOString()}`);
      reject();
      return;
    }
    const channel = accept();
    o.sessions.add(channel);
    o.sessionsTotal++;
    channel.once('close', () => {
      o.sessions.delete(channel);
      if (o.state === 'expired' && o.sessions.size === 0 && this.open === o) this.shut(o, 'expired, and its last session closed');
    });
    const sock = o.socket;
    const ssh =
      sock?.localAddress && sock.localPort && sock.remoteAddress && sock.remotePort
        ? { clientAddress: sock.localAddress, clientPort: sock.localPort, serverAddress: sock.remoteAddress, serverPort: sock.remotePort }
        : undefined;
    o.face.accept(channel, {
      from: `tunnel ${info.srcIP} port ${info.srcPort} via ${o.cmd.host}:${o.cmd.port}`,
      address: `tunnel:${info.srcIP}`,
      ...(ssh ? { ssh } : {}),
    });
  }

  /** N days are over: no new session; the tunnel ends when the last open one does. */
  private expire(o: Open): void {
    if (this.open !== o) return;
    o.state = 'expired';
    this.opts.log(`tunnel: expired: no new sessions from ${o.cmd.host}; ${plural(o.sessions.size, 'session')} open go on until they close`);
    if (o.sessions.size === 0) return this.shut(o, 'expired');
    // The support host stops listening at once: new connections fail there, not here.
    o.client?.unforwardIn('localhost', o.remotePort, () => undefined);
  }

  /** The connection to the support host broke: tried again, as long as the tunnel has days left. */
  private dropped(o: Open, key: Buffer): void {
    if (this.open !== o) return;
    o.client = null;
    o.socket = null;
    if (o.state === 'expired' || Date.now() >= o.expiresAt) return this.shut(o, 'expired, and the connection closed');
    o.state = 'reconnecting';
    const wait = RETRY_MS[Math.min(o.retries++, RETRY_MS.length - 1)];
    o.problem = `the connection to ${o.cmd.host}:${o.cmd.port} dropped; trying again every ${wait / 1000} s`;
    this.opts.log(`tunnel: ${o.problem}`);
    o.retry = setTimeout(() => {
      o.retry = null;
      if (this.open !== o) return;
      this.connect(o, key).then(
        () => this.opts.log(`tunnel: open again to ${o.cmd.host}:${o.cmd.port}, support at localhost:${o.remotePort} there`),
        (err: Error) => {
          o.problem = err.message.replace(/^tunnel: /, '');
          this.dropped(o, key);
        },
      );
    }, wait);
    o.retry.unref();
  }

  private shut(o: Open, why: string): void {
    if (this.open === o) this.open = null;
    clearTimeout(o.expiry);
    if (o.retry) clearTimeout(o.retry);
    const client = o.client;
    o.client = null;
    o.face.closeAll();
    client?.end();
    this.opts.log(`tunnel: closed (${why}); ${plural(o.sessionsTotal, 'session')} went through it`);
  }
}
