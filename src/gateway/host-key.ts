import { chmodSync, closeSync, fstatSync, openSync, readFileSync, writeSync } from 'node:fs';
import ssh2 from 'ssh2';

const { utils } = ssh2;
import { GatewayError } from './errors.js';

/**
 * The gateway's private host key: read from FILE, or made (ed25519) on first start and kept
 * there with mode 0600. Like sshd, a key file that group or others may read is refused:
 * a host key anyone on the box can read lets anyone impersonate the gateway.
 */
export function loadHostKey(file: string): { key: Buffer; created: boolean } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new GatewayError(`host key ${file}: ${(err as Error).message}`);
    return { key: createHostKey(file), created: true };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new GatewayError(`host key ${file}: not a regular file`);
    if ((st.mode & 0o077) !== 0) {
      const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
      throw new GatewayError(`host key ${file}: permissions ${mode} are too open (group or others may read it); chmod 600 ${file}`);
    }
    const key = readFileSync(fd);
    const parsed = utils.parseKey(key);
    if (parsed instanceof Error) throw new GatewayError(`host key ${file}: not a usable private key (${parsed.message})`);
    if (!parsed.isPrivateKey()) throw new GatewayError(`host key ${file}: holds a public key, a private key is needed`);
    return { key, created: false };
  } finally {
    closeSync(fd);
  }
}

/**
 * A new ed25519 key that ssh2 itself reads back and that signs and verifies. ssh2 1.17 writes
 * a key whose public half begins with a zero byte one byte short (about 1 key in 300 here,
 * which its own parser then refuses: "Malformed OpenSSH private key"); such a key is made again.
 */
function newUsableKey(): Buffer {
  const probe = Buffer.from('pcapdump host key check');
  for (let attempt = 0; attempt < 16; attempt++) {
    const key = Buffer.from(utils.generateKeyPairSync('ed25519', { comment: 'pcapdump gateway host key' }).private);
    const parsed = utils.parseKey(key);
    if (parsed instanceof Error || !parsed.isPrivateKey()) continue;
    if (parsed.verify(probe, parsed.sign(probe))) return key;
  }
  throw new GatewayError('cannot make a usable ed25519 host key (16 attempts)');
}

function createHostKey(file: string): Buffer {
  const key = newUsableKey();
  let fd: number;
  try {
    // 'wx': a key that appears meanwhile is never overwritten.
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    throw new GatewayError(`host key ${file}: cannot create it (${(err as Error).message})`);
  }
  try {
    writeSync(fd, key);
  } finally {
    closeSync(fd);
  }
  chmodSync(file, 0o600); // the umask may have narrowed it further, never widened; make it exact
  return key;
}
