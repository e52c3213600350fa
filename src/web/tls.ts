import { spawnSync } from 'node:child_process';
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { closeSync, fstatSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import { isIP } from 'node:net';
import { WebError } from './errors.js';

export interface Certificate {
  cert: Buffer;
  key: Buffer;
  /** SHA-256 of the certificate, as browsers show it (AB:CD:...). */
  fingerprint: string;
  validTo: Date;
  /** Made on this start (there was none). */
  made: boolean;
}

/** What a self-made certificate is valid for: this machine's names and addresses. */
export function certificateNames(listenHost: string): { dns: string[]; ips: string[] } {
  const dns = new Set(['localhost']);
  const host = hostname();
  if (/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(host)) dns.add(host);
  const ips = new Set(['127.0.0.1', '::1']);
  if (isIP(listenHost) && listenHost !== '0.0.0.0' && listenHost !== '::') ips.add(listenHost);
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (!a.internal) ips.add(a.address.replace(/%.*$/, ''));
  return { dns: [...dns], ips: [...ips] };
}

function readOrAbsent(file: string, what: string, privateKey: boolean): Buffer | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new WebError(`TLS ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new WebError(`TLS ${what} ${file}: not a regular file`);
    // As sshd does with host keys: a key others may read lets them pose as this page.
    if (privateKey && (st.mode & 0o077) !== 0) throw new WebError(`TLS ${what} ${file}: group or others may read it; chmod 600 ${file}`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a self-signed certificate and its key (EC P-256) with Debian's openssl, never over an existing file. */
function makeCertificate(certFile: string, keyFile: string, names: { dns: string[]; ips: string[] }): void {
  for (const d of new Set([dirname(certFile), dirname(keyFile)])) {
    try {
      mkdirSync(d, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw new WebError(`TLS: cannot make ${d}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message} (give --http-cert and --http-key)`);
    }
  }
  const stamp = `${process.pid}.${Date.now()}`;
  const keyTmp = join(dirname(keyFile), `.key.${stamp}.tmp`);
  const certTmp = join(dirname(certFile), `.cert.${stamp}.tmp`);
  const cleanup = () => {
    for (const f of [keyTmp, certTmp]) {
      try {
        unlinkSync(f);
      } catch {
        // Not made.
      }
    }
  };
  try {
    // The key file exists, mode 0600, before openssl writes the key into it.
    closeSync(openSync(keyTmp, 'wx', 0o600));
    const cn = names.dns.find((n) => n !== 'localhost') ?? 'localhost';
    const san = [...names.dns.map((n) => `DNS:${n}`), ...names.ips.map((a) => `IP:${a}`)].join(',');
    const r = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-sha256', '-days', '825', '-subj', `/O=pcapdump/CN=${cn}`, '-addext', `subjectAltName=${san}`, '-keyout', keyTmp, '-out', certTmp],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 },
    );
    if (r.error) {
      const code = (r.error as NodeJS.ErrnoException).code;
      throw new WebError(code === 'ENOENT' ? 'TLS: openssl is not installed (apt-get install openssl), and no --http-cert was given' : `TLS: openssl: ${r.error.message}`);
    }
    if (r.status !== 0) throw new WebError(`TLS: openssl could not make a certificate: ${(r.stderr || '').trim().split('\n').pop()}`);
    linkSync(keyTmp, keyFile);
    try {
      linkSync(certTmp, certFile);
    } catch (err) {
      unlinkSync(keyFile);
      throw err;
    }
  } catch (err) {
    if (err instanceof WebError) throw err;
    throw new WebError(`TLS: cannot make ${certFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  } finally {
    cleanup();
  }
}

/**
 * The page's certificate: the given files, or, when neither exists, a self-signed one made
 * there on this first start (the log gives its fingerprint, for the technician to compare
 * with the browser's). One of the two alone is an error: a key without its certificate, or
 * the reverse, is a mistake to be told, not papered over.
 */
export function loadCertificate(certFile: string, keyFile: string, names: { dns: string[]; ips: string[] }): Certificate {
  let cert = readOrAbsent(certFile, 'certificate', false);
  let key = readOrAbsent(keyFile, 'key', true);
  let made = false;
  if (cert === null && key === null) {
    makeCertificate(certFile, keyFile, names);
    cert = readOrAbsent(certFile, 'certificate', false);
    key = readOrAbsent(keyFile, 'key', true);
    made = true;
  }
  if (cert === null) throw new WebError(`TLS: key ${keyFile} is there but not its certificate ${certFile}`);
  if (key === null) throw new WebError(`TLS: certificate ${certFile} is there but not its key ${keyFile}`);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (err) {
    throw new WebError(`TLS certificate ${certFile}: not a PEM certificate (${(err as Error).message})`);
  }
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey(key);
  } catch (err) {
    throw new WebError(`TLS key ${keyFile}: not a PEM private key without a passphrase (${(err as Error).message})`);
  }
  if (!x509.checkPrivateKey(keyObject)) throw new WebError(`TLS: key ${keyFile} is not the key of certificate ${certFile}`);
  return { cert, key, fingerprint: x509.fingerprint256, validTo: new Date(x509.validTo), made };
}
