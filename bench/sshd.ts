import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

/** OpenSSH's sshd, started on a loopback port with its own keys and config: the referee for SFTP. */
export interface Sshd {
  port: number;
  hostKeyFile: string;
  /** "SHA256:..." as ssh-keygen -l prints it. */
  hostKeyFingerprint: string;
  /** "[127.0.0.1]:PORT ssh-ed25519 AAAA..." for a known_hosts file. */
  knownHostsLine: string;
  stop(): void;
}

export const SSHD = '/usr/sbin/sshd';
export const haveSshd = existsSync(SSHD);

/** A port nobody listens on now (for sshd, which cannot be told to pick one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

/**
 * Starts sshd -D -e in `dir`, letting in the public keys in `authorizedKeys` (as root, key
 * only); `extra` lines (Match blocks) go at the end of its config.
 */
export async function startSshd(dir: string, authorizedKeys: string, extra: string[] = []): Promise<Sshd> {
  mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege-separation dir
  const hostKeyFile = join(dir, 'sshd_host_ed25519_key');
  if (!existsSync(hostKeyFile)) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKeyFile], { stdio: 'ignore' });
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKeyFile}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      'PidFile none',
      'UsePAM no',
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'Subsystem sftp internal-sftp',
      ...extra,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const end = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > end) {
      child.kill();
      throw new Error(`sshd did not start: ${log.trim().slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const pub = readFileSync(hostKeyFile + '.pub', 'utf8').trim().split(/\s+/);
  const fp = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', hostKeyFile + '.pub'], { encoding: 'utf8' }).split(' ')[1];
  return {
    port,
    hostKeyFile,
    hostKeyFingerprint: fp,
    knownHostsLine: `[127.0.0.1]:${port} ${pub[0]} ${pub[1]}`,
    stop: () => {
      child.kill('SIGTERM');
    },
  };
}
