import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { connect, type Server } from 'node:net';
import { dirname } from 'node:path';
import { ServiceError } from './errors.js';

export { ServiceError } from './errors.js';

export const DEFAULT_SOCKET = '/run/pcapdump/pcapdump.sock';
/** The group whose members may use the service (besides root). */
export const SERVICE_GROUP = 'pcapdump';

/** The socket a client or the service uses: --socket, else PCAPDUMP_SOCKET, else the default. */
export function socketPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): { path: string; explicit: boolean } {
  if (flag !== undefined) return { path: flag, explicit: true };
  if (env.PCAPDUMP_SOCKET) return { path: env.PCAPDUMP_SOCKET, explicit: true };
  return { path: DEFAULT_SOCKET, explicit: false };
}


/** The gid of a group by name (through NSS, as ls and chgrp see it), or null when there is none. */
export function groupId(name: string): number | null {
  const r = spawnSync('getent', ['group', name], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const gid = Number(r.stdout.split(':')[2]);
  return Number.isInteger(gid) ? gid : null;
}

/** Whether a service answers on the socket: true (live), false (nobody: a stale file or none). */
export function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = connect(path);
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

function listenOnce(server: Server, path: string): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const onError = (err: NodeJS.ErrnoException) => resolve(err);
    server.once('error', onError);
    server.listen(path, () => {
      server.off('error', onError);
      resolve(null);
    });
  });
}

/**
 * Listens on the socket path: a socket file left by a service that died is replaced, a live
 * one is refused, and a path that is not a socket is never touched. The socket is made mode
 * 0660 from the start (umask), owned by root and group pcapdump where that group exists.
 */
export async function listenOnSocket(server: Server, path: string): Promise<{ group: string }> {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  } catch (err) {
    throw new ServiceError(`cannot make ${dirname(path)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const old = process.umask(0o117);
  try {
    let err = await listenOnce(server, path);
    if (err?.code === 'EADDRINUSE') {
      const st = lstatSync(path, { throwIfNoEntry: false });
      if (st && !st.isSocket()) throw new ServiceError(`${path} exists and is not a socket; not replacing it`);
      if (await answers(path)) throw new ServiceError(`a pcapdump service is already running on ${path}`);
      unlinkSync(path);
      err = await listenOnce(server, path);
    }
    if (err) throw new ServiceError(`cannot listen on ${path}: ${err.code ?? err.message}`);
  } finally {
    process.umask(old);
  }
  chmodSync(path, 0o660);
  const gid = groupId(SERVICE_GROUP);
  if (gid !== null && process.getuid?.() === 0) {
    chownSync(path, 0, gid);
    return { group: SERVICE_GROUP };
  }
  const st = lstatSync(path);
  return { group: `gid ${st.gid} (no group "${SERVICE_GROUP}")` };
}
