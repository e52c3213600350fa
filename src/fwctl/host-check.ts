import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Exit, FwctlError } from './exit-codes.js';
import type { GatewayEntry } from './address-book.js';

export function fingerprint(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

export type HostVerdict = { ok: true } | { ok: false; why: 'unknown' | 'changed'; fingerprint: string };

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** How known_hosts names a host: bare on port 22, [host]:port otherwise. */
function hostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function patternMatches(pattern: string, name: string): boolean {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    if (!salt || !hash) return false;
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return sameText(mac, hash);
  }
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  return re.test(name);
}

function hostsMatch(field: string, name: string): boolean {
  let hit = false;
  for (const p of field.split(',')) {
    if (p.startsWith('!')) {
      if (patternMatches(p.slice(1), name)) return false;
    } else if (patternMatches(p, name)) hit = true;
  }
  return hit;
}

/** Keys a known_hosts file holds for host:port (as base64 blobs); @revoked keys are listed apart. */
export function knownKeys(file: string, host: string, port: number): { keys: string[]; revoked: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new FwctlError(Exit.ADDRESS_BOOK, `known hosts ${file}: ${(err as Error).message}`);
  }
  const name = hostName(host, port);
  const keys: string[] = [];
  const revoked: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const parts = line.split(/\s+/);
    let marker = '';
    if (parts[0].startsWith('@')) marker = parts.shift() ?? '';
    const [hosts, , key] = parts;
    if (!hosts || !key || marker === '@cert-authority') continue;
    if (!hostsMatch(hosts, name)) continue;
    (marker === '@revoked' ? revoked : keys).push(key);
  }
  return { keys, revoked };
}

/** The gateway's key, checked against the address book's fingerprint or known_hosts file. */
export function checkHostKey(entry: GatewayEntry, blob: Buffer): HostVerdict {
  const fp = fingerprint(blob);
  if (entry.hostKey !== undefined) return sameText(fp, entry.hostKey) ? { ok: true } : { ok: false, why: 'changed', fingerprint: fp };
  const { keys, revoked } = knownKeys(entry.knownHosts as string, entry.host, entry.port);
  const b64 = blob.toString('base64');
  if (revoked.some((k) => sameText(k, b64))) return { ok: false, why: 'changed', fingerprint: fp };
  if (keys.some((k) => sameText(k, b64))) return { ok: true };
  return { ok: false, why: keys.length > 0 ? 'changed' : 'unknown', fingerprint: fp };
}
