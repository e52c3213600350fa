import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { GatewayRef } from './args.js';
import { Exit, FwctlError } from './exit-codes.js';

export interface GatewayEntry {
  host: string;
  port: number;
  username: string;
  /**
   * The account for the capture files (download, list) where it is not `username`: OpenSSH's
   * sshd in front of the gateway serves them from a chrooted internal-sftp account.
   */
  filesUsername?: string;
  /** Private key file, ~ expanded; undefined: the ssh-agent. */
  identityFile?: string;
  /** Either the host key's SHA256 fingerprint or a known_hosts file, ~ expanded. */
  hostKey?: string;
  knownHosts?: string;
}

export function expandHome(p: string, home = homedir()): string {
  return p === '~' || p.startsWith('~/') ? join(home, p.slice(1)) : p;
}

/** Where the address book is: --config, else FWCTL_CONFIG, else ~/.config/fwctl/gateways.json. */
export function addressBookPath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  // Set but empty means unset, as most tools read their *_CONFIG variables.
  const fromEnv = env.FWCTL_CONFIG === '' ? undefined : env.FWCTL_CONFIG;
  const p = flag ?? fromEnv ?? join(env.HOME || homedir(), '.config', 'fwctl', 'gateways.json');
  return resolve(expandHome(p, env.HOME || homedir()));
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const GATEWAY_KEYS = new Set(['host', 'port', 'username', 'filesUsername', 'identityFile', 'hostKey', 'knownHosts']);

function bad(file: string, what: string): never {
  throw new FwctlError(Exit.ADDRESS_BOOK, `address book ${file}: ${what}`);
}

function checkGateway(file: string, where: string, raw: unknown, home: string): GatewayEntry {
  if (!isObject(raw)) bad(file, `${where} must be an object`);
  for (const k of Object.keys(raw)) if (!GATEWAY_KEYS.has(k)) bad(file, `${where}: unknown key "${k}" (known: ${[...GATEWAY_KEYS].join(', ')})`);
  const str = (k: string, required: boolean): string | undefined => {
    const v = raw[k];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v.trim() === '') bad(file, `${where}: "${k}" must be a non-empty string`);
    return v;
  };
  const host = str('host', true) as string;
  const username = str('username', true) as string;
  const filesUsername = str('filesUsername', false);
  const port = raw.port ?? 22;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) bad(file, `${where}: "port" must be a whole number 1-65535`);
  const hostKey = str('hostKey', false);
  const knownHosts = str('knownHosts', false);
  if (hostKey === undefined && knownHosts === undefined) bad(file, `${where}: needs "hostKey" (SHA256:... fingerprint) or "knownHosts" (a file): an unchecked host key is never accepted`);
  if (hostKey !== undefined && !/^SHA256:[A-Za-z0-9+/]{43}=?$/.test(hostKey)) bad(file, `${where}: "hostKey" must be a fingerprint as ssh-keygen -l prints it: SHA256: and 43 base64 characters`);
  const identityFile = str('identityFile', false);
  const path = (p: string | undefined) => (p === undefined ? undefined : resolve(expandHome(p, home)));
  return { host, port, username, ...(filesUsername === undefined ? {} : { filesUsername }), hostKey: hostKey?.replace(/=$/, ''), knownHosts: path(knownHosts), identityFile: path(identityFile) };
}

/**
 * Finds DATASOURCE:GATEWAY in the address book. The file's JSON and its shape (data sources
 * holding gateways) must be right; a gateway entry is checked only when it is the one asked
 * for, so one unusable entry does not take every other gateway down with it.
 */
export function lookupGateway(file: string, ref: GatewayRef, env: NodeJS.ProcessEnv = process.env): GatewayEntry {
  const home = env.HOME || homedir();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    bad(file, code === 'ENOENT' ? 'no such file (give --config FILE or set FWCTL_CONFIG)' : (err as Error).message);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    bad(file, `not valid JSON (${(err as Error).message})`);
  }
  if (!isObject(raw) || !isObject(raw.datasources)) bad(file, 'must be an object with "datasources": {NAME: {"gateways": {NAME: {...}}}}');
  const sources = raw.datasources;
  for (const [ds, body] of Object.entries(sources)) {
    if (!isObject(body) || !isObject(body.gateways)) bad(file, `datasource "${ds}" must hold "gateways": {NAME: {...}}`);
  }
  const source = Object.hasOwn(sources, ref.datasource) ? sources[ref.datasource] : undefined;
  if (!isObject(source)) {
    throw new FwctlError(Exit.UNKNOWN_GATEWAY, `unknown data source "${ref.datasource}" in ${file} (known: ${Object.keys(sources).join(', ') || 'none'})`);
  }
  const gateways = source.gateways as Json;
  if (!Object.hasOwn(gateways, ref.gateway)) {
    throw new FwctlError(Exit.UNKNOWN_GATEWAY, `unknown gateway "${ref.gateway}" in data source "${ref.datasource}" (known: ${Object.keys(gateways).join(', ') || 'none'})`);
  }
  return checkGateway(file, `gateway "${ref.datasource}:${ref.gateway}"`, gateways[ref.gateway], home);
}

