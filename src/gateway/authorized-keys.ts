import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ssh2, { type ParsedKey } from 'ssh2';

// ssh2 is CommonJS: Node's ESM loader gives its exports only as the default.
const { utils } = ssh2;
import { GatewayError } from './errors.js';

export interface AuthorizedKey {
  /** Key algorithm as sent on the wire: ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa, ... */
  type: string;
  /** The public key blob (what the client sends in its auth request). */
  blob: Buffer;
  parsed: ParsedKey;
  line: number;
}

const KEY_TYPES = new Set(['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'ssh-rsa']);

/** OpenSSH's fingerprint form: SHA256: and the unpadded base64 of the blob's digest. */
export function fingerprint(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

/**
 * Reads an OpenSSH authorized_keys file. Lines with options before the key type
 * (from=, command=, ...) are skipped with a warning: honouring the key while ignoring
 * its restrictions would grant more than the file says.
 */
export function readAuthorizedKeys(file: string, warn: (line: string) => void = () => undefined): AuthorizedKey[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new GatewayError(`authorized keys ${file}: ${(err as Error).message}`);
  }
  const keys: AuthorizedKey[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [type, data] = line.split(/\s+/);
    if (!KEY_TYPES.has(type)) {
      warn(`authorized keys ${file}:${i + 1}: skipped (key options and key type "${type.slice(0, 40)}" are not supported)`);
      return;
    }
    const parsed = utils.parseKey(`${type} ${data ?? ''}`);
    if (parsed instanceof Error) {
      warn(`authorized keys ${file}:${i + 1}: skipped (${parsed.message})`);
      return;
    }
    keys.push({ type, blob: parsed.getPublicSSH(), parsed, line: i + 1 });
  });
  return keys;
}
