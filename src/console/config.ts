import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { UsageError } from './errors.js';

export interface ConsoleConfig {
  /** Where `write` puts files. */
  captureDir: string;
  /** Alias -> real interface (`int` -> `eth1`). */
  interfaces: Record<string, string>;
  /** The support tunnel's keys and who may use it; absent: defaults beside the config file. */
  tunnel?: TunnelConfig;
}

/** The support tunnel's files (paths absolute once loaded). */
export interface TunnelConfig {
  /** Who may log in through the tunnel: support's public keys, in authorized_keys format. */
  authorizedKeys: string;
  /** The service's own key for logging in to the support host (made, ed25519 0600, on first enable). */
  identityFile: string;
  /** The host key of the SSH face support reaches through the tunnel (made on first enable). */
  hostKey: string;
  /** Pinned support hosts, known_hosts format; tunnel enable --host-key pins one instead. */
  knownHosts?: string;
  /** The login name on the support host. */
  user: string;
}

const TUNNEL_KEYS = ['authorizedKeys', 'identityFile', 'hostKey', 'knownHosts', 'user'];

/** Tunnel files default to the config file's directory (else ~/.config/pcapdump): never the capture dir, which SFTP serves. */
export function tunnelDefaults(base: string): TunnelConfig {
  return {
    authorizedKeys: join(base, 'support_authorized_keys'),
    identityFile: join(base, 'tunnel_ed25519'),
    hostKey: join(base, 'tunnel_host_ed25519'),
    user: 'pcapdump',
  };
}

function parseTunnelConfig(raw: unknown, file: string): Partial<TunnelConfig> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`config ${file}: tunnel must be an object (${TUNNEL_KEYS.join(', ')})`);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!TUNNEL_KEYS.includes(key)) throw new UsageError(`config ${file}: unknown key "tunnel.${key}" (known: ${TUNNEL_KEYS.join(', ')})`);
    if (typeof value !== 'string' || value === '') throw new UsageError(`config ${file}: tunnel.${key} must be ${key === 'user' ? 'a login name' : 'a file path'}`);
    out[key] = key === 'user' ? value : resolve(expandHome(value));
  }
  if (out.user !== undefined && !/^[A-Za-z0-9._][A-Za-z0-9._-]{0,31}$/.test(out.user)) throw new UsageError(`config ${file}: tunnel.user must be a login name`);
  return out;
}

const IFACE_NAME = /^[A-Za-z0-9_.:@-]{1,15}$/;

export function defaultCaptureDir(env: NodeJS.ProcessEnv = process.env): string {
  const state = env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(state, 'pcapdump', 'captures');
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : p;
}

/** Checks a parsed config and says, in one line, the first thing wrong with it. */
export function parseConfig(text: string, file: string): Partial<Omit<ConsoleConfig, 'tunnel'>> & { tunnel?: Partial<TunnelConfig> } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`config ${file}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`config ${file}: must be a JSON object`);
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (key !== 'captureDir' && key !== 'interfaces' && key !== 'tunnel') throw new UsageError(`config ${file}: unknown key "${key}" (known: captureDir, interfaces, tunnel)`);
  }
  const out: Partial<Omit<ConsoleConfig, 'tunnel'>> & { tunnel?: Partial<TunnelConfig> } = {};
  if (obj.tunnel !== undefined) out.tunnel = parseTunnelConfig(obj.tunnel, file);
  if (obj.captureDir !== undefined) {
    if (typeof obj.captureDir !== 'string' || obj.captureDir === '') throw new UsageError(`config ${file}: captureDir must be a directory path`);
    out.captureDir = resolve(expandHome(obj.captureDir));
  }
  if (obj.interfaces !== undefined) {
    const ifs = obj.interfaces;
    if (typeof ifs !== 'object' || ifs === null || Array.isArray(ifs)) {
      throw new UsageError(`config ${file}: interfaces must map aliases to interface names, e.g. {"int": "eth1"}`);
    }
    // No prototype: an alias is looked up by the name a user types, whatever it is.
    const map = Object.create(null) as Record<string, string>;
    for (const [alias, dev] of Object.entries(ifs as Record<string, unknown>)) {
      if (!IFACE_NAME.test(alias)) throw new UsageError(`config ${file}: interface alias "${alias}" is not a valid name`);
      if (typeof dev !== 'string' || !IFACE_NAME.test(dev)) throw new UsageError(`config ${file}: alias "${alias}" must name an interface, got ${JSON.stringify(dev)}`);
      map[alias] = dev;
    }
    out.interfaces = map;
  }
  return out;
}

/**
 * --config FILE, else PCAPDUMP_CONFIG, else defaults. A named file that is missing
 * is an error (the user asked for it); no file named means defaults.
 */
export function loadConfig(opts: { configFile?: string; dir?: string; env?: NodeJS.ProcessEnv } = {}): ConsoleConfig {
  const env = opts.env ?? process.env;
  const file = opts.configFile ?? (env.PCAPDUMP_CONFIG || undefined);
  let fromFile: ReturnType<typeof parseConfig> = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(`config ${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
    fromFile = parseConfig(text, file);
  }
  const configHome = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  const base = file !== undefined ? dirname(resolve(file)) : join(configHome, 'pcapdump');
  return {
    captureDir: opts.dir ? resolve(expandHome(opts.dir)) : (fromFile.captureDir ?? defaultCaptureDir(env)),
    interfaces: fromFile.interfaces ?? (Object.create(null) as Record<string, string>),
    tunnel: { ...tunnelDefaults(base), ...fromFile.tunnel },
  };
}
