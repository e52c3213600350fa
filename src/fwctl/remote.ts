import type { Client, FileEntry, SFTPWrapper } from 'ssh2';
import { Exit, FwctlError } from './exit-codes.js';
import { formatSize } from './progress.js';

export function openSftp(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) =>
    client.sftp((err, sftp) => (err ? reject(new FwctlError(Exit.CONNECT, `the gateway offers no SFTP: ${err.message}`)) : resolve(sftp))),
  );
}

function utc(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19);
}

/** The capture dir's regular files, oldest first: name, size, modification time (UTC). */
export async function listFiles(sftp: SFTPWrapper, out: (line: string) => void): Promise<void> {
  const entries = await new Promise<FileEntry[]>((resolve, reject) =>
    sftp.readdir('.', (err, list) => (err ? reject(new FwctlError(Exit.NO_SUCH_FILE, `cannot list the gateway's capture dir: ${err.message}`)) : resolve(list))),
  );
  const files = entries.filter((e) => ((e.attrs.mode ?? 0) & 0o170000) === 0o100000 && !e.filename.startsWith('.'));
  files.sort((a, b) => (a.attrs.mtime ?? 0) - (b.attrs.mtime ?? 0) || a.filename.localeCompare(b.filename));
  if (files.length === 0) return out('no capture files');
  const w = Math.max(4, ...files.map((f) => f.filename.length));
  out(`${'NAME'.padEnd(w)}  ${'SIZE'.padStart(10)}  MODIFIED (UTC)`);
  for (const f of files) out(`${f.filename.padEnd(w)}  ${formatSize(f.attrs.size ?? 0).padStart(10)}  ${utc(f.attrs.mtime ?? 0)}`);
}

/** Runs one console command over an exec channel; resolves with its exit status. */
export function execCommand(client: Client, command: string, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => {
      if (err) return reject(new FwctlError(Exit.CONNECT, `the gateway refused to run a command: ${err.message}`));
      let status: number | null = null;
      channel.on('exit', (code: number | null) => {
        status = code;
      });
      channel.on('data', (d: Buffer) => stdout.write(d));
      channel.stderr.on('data', (d: Buffer) => stderr.write(d));
      channel.on('close', () => {
        if (status === null) reject(new FwctlError(Exit.TRANSFER, 'the connection closed before the command finished'));
        else resolve(status);
      });
    });
  });
}
