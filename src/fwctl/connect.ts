import { readFileSync } from 'node:fs';
import ssh2, { type Client, type ConnectConfig } from 'ssh2';
import type { GatewayEntry } from './address-book.js';
import { Exit, FwctlError } from './exit-codes.js';
import { checkHostKey, type HostVerdict } from './host-check.js';

const CONNECT_TIMEOUT_MS = 15_000;

function identity(entry: GatewayEntry, env: NodeJS.ProcessEnv): Pick<ConnectConfig, 'privateKey' | 'agent'> {
  if (entry.identityFile === undefined) {
    if (!env.SSH_AUTH_SOCK) throw new FwctlError(Exit.ADDRESS_BOOK, `no identityFile for ${entry.host} and no ssh-agent (SSH_AUTH_SOCK is not set)`);
    return { agent: env.SSH_AUTH_SOCK };
  }
  try {
    return { privateKey: readFileSync(entry.identityFile) };
  } catch (err) {
    throw new FwctlError(Exit.ADDRESS_BOOK, `identity file ${entry.identityFile}: ${(err as Error).message}`);
  }
}

function where(e: GatewayEntry): string {
  return `${e.host}:${e.port}`;
}

/**
 * An authenticated SSH connection to the gateway. The host key is checked before any
 * credential is sent; every way of failing ends as a FwctlError with its own status.
 */
export function connect(entry: GatewayEntry, env: NodeJS.ProcessEnv = process.env): Promise<Client> {
  const auth = identity(entry, env);
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    let verdict: HostVerdict | undefined;
    let verifyError: unknown;
    let authStarted = false;
    client.on('ready', () => resolve(client));
    // Read requests are small packets: Nagle's algorithm would hold them back behind delayed ACKs.
    client.on('connect', () => client.setNoDelay(true));
    client.on('error', (err: Error & { code?: string; level?: string }) => {
      client.end();
      if (verifyError) return reject(verifyError);
      if (verdict && !verdict.ok) {
        const what = verdict.why === 'unknown' ? 'is unknown (not in the known hosts file)' : 'has CHANGED from the one on record';
        return reject(new FwctlError(Exit.HOST_KEY, `host key of ${where(entry)} ${what}: it offers ${verdict.fingerprint}; refused`));
      }
      if (err.level === 'client-authentication') return reject(new FwctlError(Exit.AUTH, `authentication failed at ${where(entry)} as ${entry.username}`));
      if (err.level === 'client-timeout') return reject(new FwctlError(Exit.CONNECT, `connection to ${where(entry)} timed out`));
      if (err.message.includes('parse privateKey') || err.message.includes('privateKey')) {
        return reject(new FwctlError(Exit.ADDRESS_BOOK, `identity file ${entry.identityFile}: ${err.message} (passphrase-protected keys: use the ssh-agent)`));
      }
      if (err.code) return reject(new FwctlError(Exit.CONNECT, `cannot connect to ${where(entry)}: ${err.code}`));
      if (authStarted) return reject(new FwctlError(Exit.AUTH, `authentication failed at ${where(entry)}: ${err.message}`));
      reject(new FwctlError(Exit.CONNECT, `connection to ${where(entry)} failed: ${err.message}`));
    });
    try {
      client.connect({
        host: entry.host,
        port: entry.port,
        username: entry.username,
        ...auth,
        readyTimeout: CONNECT_TIMEOUT_MS,
        hostVerifier: (key: Buffer) => {
          try {
            verdict = checkHostKey(entry, key);
          } catch (err) {
            verifyError = err;
            return false;
          }
          authStarted = verdict.ok;
          return verdict.ok;
        },
      });
    } catch (err) {
      reject(new FwctlError(Exit.ADDRESS_BOOK, `identity file ${entry.identityFile}: ${(err as Error).message}`));
    }
  });
}
