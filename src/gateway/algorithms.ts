import type { Algorithms, ServerHostKeyAlgorithm } from 'ssh2';

/**
 * The algorithms the gateway offers, set explicitly: only what ssh2 implements and this
 * server accepts, nothing legacy. ssh2's own defaults offered ssh-rsa (SHA-1) host
 * signatures, zlib, hmac-sha1 and CBC-era choices a modern sshd has dropped.
 *
 * Ciphers: AES-GCM and AES-CTR run in Node's native crypto. chacha20-poly1305, which
 * OpenSSH's client prefers, is left out: without ssh2's optional native module its
 * Poly1305 runs in JavaScript, and a client choosing it got half the speed.
 */
export function serverAlgorithms(hostKeyType: string): Algorithms {
  return {
    kex: [
      'curve25519-sha256',
      'curve25519-sha256@libssh.org',
      'ecdh-sha2-nistp256',
      'ecdh-sha2-nistp384',
      'ecdh-sha2-nistp521',
      'diffie-hellman-group-exchange-sha256',
      'diffie-hellman-group16-sha512',
      'diffie-hellman-group18-sha512',
      'diffie-hellman-group14-sha256',
    ],
    // An RSA host key signs with SHA-2 only.
    serverHostKey: hostKeyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256'] : [hostKeyType as ServerHostKeyAlgorithm],
    cipher: ['aes128-gcm@openssh.com', 'aes256-gcm@openssh.com', 'aes128-ctr', 'aes192-ctr', 'aes256-ctr'],
    hmac: ['hmac-sha2-256-etm@openssh.com', 'hmac-sha2-512-etm@openssh.com', 'hmac-sha2-256', 'hmac-sha2-512'],
    compress: ['none'],
  };
}

/** Signature algorithms the gateway verifies for user keys (see Authenticator): what server-sig-algs must say. */
export const USER_SIGNATURE_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
];

interface PacketWriter {
  allocStart: number;
  alloc(payloadSize: number, force?: boolean): Buffer;
  finalize(packet: Buffer, force?: boolean): Buffer;
}

const MSG_EXT_INFO = 7;

/**
 * ssh2 1.17 sends a fixed server-sig-algs in its EXT_INFO with a comma missing
 * ("...nistp521rsa-sha2-512") and algorithms the gateway refuses (ssh-rsa, ssh-dss), so
 * OpenSSH clients never chose rsa-sha2-512 and might offer SHA-1. The EXT_INFO packet is
 * rebuilt with the right list as it is written (once, after the first key exchange).
 * ssh2 (lib/protocol/Protocol.js) writes packets through `_packetRW.write`, an object it
 * replaces at the end of each key exchange: each new one is wrapped as it is set.
 */
export function fixServerSigAlgs(protocol: unknown, algorithms: readonly string[] = USER_SIGNATURE_ALGORITHMS): void {
  const rw = (protocol as { _packetRW?: { write: PacketWriter } })._packetRW;
  if (!rw || typeof rw.write?.finalize !== 'function') return;
  let done = false;
  let current = rw.write;
  const wrap = (writer: PacketWriter): PacketWriter => {
    const finalize = writer.finalize.bind(writer);
    writer.finalize = (packet, force) => {
      if (done || packet[writer.allocStart] !== MSG_EXT_INFO) return finalize(packet, force);
      done = true;
      return finalize(extInfo(writer, algorithms.join(','), force), force);
    };
    return writer;
  };
  Object.defineProperty(rw, 'write', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (w: PacketWriter) => {
      current = done ? w : wrap(w);
    },
  });
  current = wrap(current);
}

/** SSH_MSG_EXT_INFO with the one extension server-sig-algs (RFC 8308). */
function extInfo(writer: PacketWriter, value: string, force?: boolean): Buffer {
  const name = 'server-sig-algs';
  const out = writer.alloc(1 + 4 + 4 + name.length + 4 + Buffer.byteLength(value), force);
  let p = writer.allocStart;
  out[p++] = MSG_EXT_INFO;
  p = out.writeUInt32BE(1, p);
  p = out.writeUInt32BE(name.length, p);
  p += out.write(name, p, 'latin1');
  p = out.writeUInt32BE(Buffer.byteLength(value), p);
  out.write(value, p, 'latin1');
  return out;
}
