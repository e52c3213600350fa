import { isIP } from 'node:net';
import { join } from 'node:path';
import { UsageError } from '../console/errors.js';

/** Where `pcapdump passwd` and the page look for their users unless told otherwise. */
export const DEFAULT_USERS_FILE = '/etc/pcapdump/web-users';
/** Where the page's TLS certificate and key are kept (made there on first start when absent). */
export const DEFAULT_TLS_DIR = '/var/lib/pcapdump-web';

export interface WebOptions {
  host: string;
  /** 0: any free port (the log says which). */
  port: number;
  usersFile: string;
  /** null: plain HTTP (--http-plain, loopback only). */
  tls: { certFile: string; keyFile: string } | null;
}

/** The web flags of `service`, each taking a value but --http-plain. */
export const WEB_FLAGS = ['--http', '--http-users', '--http-cert', '--http-key', '--http-plain'] as const;
export type WebFlag = (typeof WEB_FLAGS)[number];

export function isWebFlag(name: string): name is WebFlag {
  return (WEB_FLAGS as readonly string[]).includes(name);
}

/** Loopback addresses and names: where plain HTTP may listen (the password never crosses a wire). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * `--http` HOST:PORT, [V6]:PORT, or a PORT alone (then 127.0.0.1: the page is opened to the
 * network only when asked). HOST is an address or `localhost`: a name that resolves to
 * several addresses would leave which one listens to chance.
 */
export function parseListen(spec: string): { host: string; port: number } {
  let host = '127.0.0.1';
  let portText = spec;
  const v6 = /^\[([^\]]*)\]:(.*)$/.exec(spec);
  if (v6) {
    host = v6[1];
    portText = v6[2];
    if (isIP(host) !== 6) throw new UsageError(`--http: "${host}" in brackets is not an IPv6 address`);
  } else if (spec.includes(':')) {
    const at = spec.lastIndexOf(':');
    host = spec.slice(0, at);
    portText = spec.slice(at + 1);
    if (host.includes(':')) throw new UsageError(`--http: put an IPv6 address in brackets: [${host}]:${portText}`);
    if (isIP(host) !== 4 && host !== 'localhost') throw new UsageError(`--http: "${host}" is not an IPv4 address (an IPv6 one goes in brackets; or localhost)`);
  }
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new UsageError(`--http needs HOST:PORT or PORT with PORT from 0 to 65535, got "${spec}"`);
  }
  return { host, port: Number(portText) };
}

/** Collects the web flags of `service`; null when --http is not among them (the page is off). */
export class WebFlags {
  private readonly values = new Map<WebFlag, string>();

  set(name: WebFlag, value: string): void {
    if (this.values.has(name)) throw new UsageError(`service: ${name} given twice`);
    if (name !== '--http-plain' && value === '') throw new UsageError(`service: ${name} needs a value`);
    this.values.set(name, value);
  }

  options(): WebOptions | null {
    const listen = this.values.get('--http');
    if (listen === undefined) {
      const first = [...this.values.keys()][0];
      if (first !== undefined) throw new UsageError(`service: ${first} is for the web page, which needs --http HOST:PORT`);
      return null;
    }
    const { host, port } = parseListen(listen);
    const plain = this.values.has('--http-plain');
    const cert = this.values.get('--http-cert');
    const key = this.values.get('--http-key');
    if (plain && (cert !== undefined || key !== undefined)) throw new UsageError('service: --http-plain and a TLS certificate do not go together');
    if (plain && !isLoopback(host)) {
      throw new UsageError(`service: --http-plain only on a loopback address (passwords would cross the network in clear), not ${host}; drop it for TLS`);
    }
    if ((cert === undefined) !== (key === undefined)) throw new UsageError('service: --http-cert and --http-key go together');
    return {
      host,
      port,
      usersFile: this.values.get('--http-users') ?? DEFAULT_USERS_FILE,
      tls: plain ? null : { certFile: cert ?? join(DEFAULT_TLS_DIR, 'cert.pem'), keyFile: key ?? join(DEFAULT_TLS_DIR, 'key.pem') },
    };
  }
}
