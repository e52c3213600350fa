import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { haveTool, runAsync } from '../support/referee.js';
import { startTestGateway, type TestGateway } from './harness.js';

const usable = haveTool('sftp') && haveTool('ssh-keygen');
if (!usable) console.log('OpenSSH client (sftp, ssh-keygen) not installed: SFTP tests skipped');

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.skipIf(!usable)("OpenSSH's sftp against our gateway", () => {
  let t: TestGateway;
  let outside: string;
  let local: string;
  const secret = 'OUTSIDE-SECRET-' + randomBytes(8).toString('hex');

  beforeAll(async () => {
    t = await startTestGateway();
    outside = join(t.root, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.txt'), secret);
    // The capture dir's parent holds a file too: "../secret.txt" must not reach it.
    writeFileSync(join(t.root, 'secret.txt'), secret);
    symlinkSync(join(outside, 'secret.txt'), join(t.captures, 'link-out.cap'));
    symlinkSync(outside, join(t.captures, 'dir-out'));
    writeFileSync(join(t.captures, 'inside.cap'), randomBytes(300_000));
    symlinkSync('inside.cap', join(t.captures, 'link-in.cap'));
    // A real subdirectory and a write's temp file: neither is part of the view.
    mkdirSync(join(t.captures, 'sub'));
    writeFileSync(join(t.captures, 'sub', 'deeper.cap'), 'deeper');
    writeFileSync(join(t.captures, '.inside.cap.4242.tmp'), 'half written');
    local = join(t.root, 'local');
    mkdirSync(local);
  });
  afterAll(() => t?.close());

  /** One sftp batch; `-` before a command would let it fail quietly, so none is used: each must succeed or fail as asked. */
  async function sftp(commands: string[]) {
    const batch = join(t.root, `batch-${Math.random().toString(36).slice(2)}`);
    writeFileSync(batch, commands.join('\n') + '\n');
    return runAsync('sftp', ['-b', batch, '-P', String(t.gw.port), ...t.sshOptions(), 'root@127.0.0.1']);
  }

  function snapshot(): string {
    const list = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() && !e.isSymbolicLink() ? [e.name + '/', ...list(join(d, e.name)).map((x) => `${e.name}/${x}`)] : [e.name]));
    return list(t.root)
      .filter((n) => !n.startsWith('batch-') && !n.startsWith('local/'))
      .map((n) => {
        const s = statSync(join(t.root, n), { throwIfNoEntry: false });
        return `${n} ${s?.size ?? '-'} ${s?.mtimeMs ?? '-'}`;
      })
      .sort()
      .join('\n');
  }

  test('get downloads identical bytes; ls lists the regular files of the capture dir, nothing else', async () => {
    const r = await sftp(['ls -la', `get inside.cap ${join(local, 'a.cap')}`]);
    expect(r.stderr).not.toMatch(/denied|failure/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/-rw.+300000 .+inside\.cap/);
    // Flat: no links (in or out), no subdirectory, no hidden temp file.
    expect(r.stdout).not.toMatch(/link-in|link-out|dir-out|sub|\.tmp/);
    const want = sha(readFileSync(join(t.captures, 'inside.cap')));
    expect(sha(readFileSync(join(local, 'a.cap')))).toBe(want);
  });

  test('pwd is / and cd .. stays at /', async () => {
    const r = await sftp(['cd ..', 'cd ../..', 'pwd']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Remote working directory: \/$/m);
  });

  test('refused: a symlink to a dir outside, or a subdirectory, is neither listed nor entered', async () => {
    for (const cmd of ['ls -l dir-out', 'ls -l dir-out/', 'ls dir-out/*', 'cd dir-out', 'ls sub', 'cd sub']) {
      const r = await sftp([cmd]);
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/secret\.txt|deeper/);
    }
  });

  const refusals: [string, string, RegExp][] = [
    ['../ traversal', 'get ../secret.txt', /not found|No such file/i],
    ['deep ../ traversal', 'get ../../../../../etc/passwd', /not found|No such file/i],
    ['absolute path outside', 'get /etc/passwd', /not found|No such file/i],
    ['symlink to a file outside', 'get link-out.cap', /not found|No such file/i],
    ['symlink to a file inside (links are not followed)', 'get link-in.cap', /not found|No such file/i],
    ['a file in a subdirectory', 'get sub/deeper.cap', /not found|No such file/i],
    ['a temp file of a write under way', 'get .inside.cap.4242.tmp', /not found|No such file/i],
    ['symlink to a dir outside', 'get dir-out/secret.txt', /denied|not found/i],
    ['put (write)', 'put /etc/hostname new.cap', /denied/i],
    ['rm', 'rm inside.cap', /denied/i],
    ['rename', 'rename inside.cap moved.cap', /denied/i],
    ['mkdir', 'mkdir newdir', /denied/i],
    ['rmdir', 'rmdir dir-out', /denied/i],
    ['chmod (setstat)', 'chmod 777 inside.cap', /denied/i],
    ['symlink', 'symlink inside.cap x.cap', /denied/i],
  ];
  for (const [what, cmd, message] of refusals) {
    test(`refused: ${what} (${cmd})`, async () => {
      const before = snapshot();
      const r = await sftp([cmd.startsWith('get') ? `${cmd} ${join(local, 'got')}` : cmd]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(snapshot()).toBe(before);
      // Nothing from outside the dir arrived here.
      const got = join(local, 'got');
      if (existsSync(got)) expect(readFileSync(got, 'utf8')).not.toContain(secret);
      expect(existsSync(got) ? readFileSync(got).length : 0).toBe(0);
    });
  }
});
