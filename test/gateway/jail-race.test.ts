import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ssh2, { type SFTPWrapper } from 'ssh2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { haveTool, runAsync } from '../support/referee.js';
import { startTestGateway, type TestGateway } from './harness.js';

/**
 * Issue 12, finding 1: a directory in the capture dir swapped for a symlink to somewhere
 * else (renameat2 RENAME_EXCHANGE in a loop) while clients open, stat and list through it.
 * A check-then-use jail leaks there; a race-free one gives 0 bytes from outside, however
 * the swaps fall.
 */
const SWAPPER = `
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
/* swapper A B [C D]: exchanges A<->B (and C<->D) until SIGTERM; ends as it began. */
static volatile sig_atomic_t stop = 0;
static void on_term(int sig) { (void)sig; stop = 1; }
static int swap(const char *a, const char *b) { return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE); }
int main(int argc, char **argv) {
  signal(SIGTERM, on_term);
  long n = 0;
  for (;;) {
    if (swap(argv[1], argv[2]) != 0 || (argc > 4 && swap(argv[3], argv[4]) != 0)) { perror("renameat2"); return 1; }
    n++;
    if ((n & 1) == 0 && stop) break;
  }
  printf("%ld\\n", n);
  return 0;
}
`;

/** The race runs at least this long, and until enough requests went through it (a loaded machine is slow). */
const SWAP_SECONDS = 4;
const MIN_REQUESTS = 50;
const MIN_OPENSSH_RUNS = 3;
const usable = haveTool('cc') && haveTool('sftp') && haveTool('ssh-keygen');
if (!usable) console.log('cc or OpenSSH client missing: SFTP race test skipped');

function connect(t: TestGateway): Promise<{ client: ssh2.Client; sftp: SFTPWrapper }> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.on('error', reject);
    client.on('ready', () => client.sftp((err, sftp) => (err ? reject(err) : resolve({ client, sftp }))));
    client.connect({ host: '127.0.0.1', port: t.gw.port, username: 'root', privateKey: readFileSync(t.clientKey) });
  });
}

type Outcome = { ok: boolean; data: string };

/** One SFTP request as a promise that never rejects: success and what came back. */
function ask(fn: (cb: (err: unknown, v?: unknown) => void) => void, show: (v: unknown) => string): Promise<Outcome> {
  return new Promise((resolve) => fn((err, v) => resolve(err ? { ok: false, data: '' } : { ok: true, data: show(v) })));
}

function readWhole(sftp: SFTPWrapper, path: string): Promise<Outcome> {
  return new Promise((resolve) => {
    sftp.open(path, 'r', (err, handle) => {
      if (err) return resolve({ ok: false, data: '' });
      const buf = Buffer.alloc(64 * 1024);
      sftp.read(handle, buf, 0, buf.length, 0, (e, n) => {
        sftp.close(handle, () => undefined);
        resolve(e ? { ok: false, data: '' } : { ok: true, data: buf.subarray(0, n).toString('latin1') });
      });
    });
  });
}

async function list(sftp: SFTPWrapper, path: string): Promise<Outcome> {
  return ask((cb) => sftp.readdir(path, cb), (v) => (v as { filename: string; longname: string }[]).map((e) => `${e.filename} ${e.longname}`).join('\n'));
}

describe.skipIf(!usable)('SFTP under a symlink-swapping race (renameat2 RENAME_EXCHANGE)', () => {
  let t: TestGateway;
  let swapper: string;
  const secret = 'OUTSIDE-' + randomBytes(12).toString('hex');

  beforeAll(async () => {
    t = await startTestGateway();
    const src = join(t.root, 'swapper.c');
    swapper = join(t.root, 'swapper');
    writeFileSync(src, SWAPPER);
    const cc = spawnSync('cc', ['-O2', '-o', swapper, src], { encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(`cc: ${cc.stderr}`);
    // Outside: a dir with a file named like the one inside, and a marker only it holds.
    const outside = join(t.root, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'passwd'), `${secret}\n`.repeat(8));
    writeFileSync(join(outside, `only-outside-${secret}`), secret);
    // Inside: d/passwd and x.cap are harmless; their twins d-swap and x-swap lead outside.
    mkdirSync(join(t.captures, 'd'));
    writeFileSync(join(t.captures, 'd', 'passwd'), 'inside d\n');
    symlinkSync(outside, join(t.captures, 'd-swap'));
    writeFileSync(join(t.captures, 'x.cap'), 'inside x\n');
    symlinkSync(join(outside, 'passwd'), join(t.captures, 'x-swap'));
  });
  afterAll(() => t?.close());

  test(`at least ${SWAP_SECONDS} s of swaps: 0 bytes, names or attributes from outside, through ssh2 and OpenSSH sftp`, async () => {
    const run = spawn(swapper, [join(t.captures, 'd'), join(t.captures, 'd-swap'), join(t.captures, 'x.cap'), join(t.captures, 'x-swap')]);
    let swaps = '';
    run.stdout.on('data', (d: Buffer) => (swaps += d));
    const ended = new Promise<number | null>((resolve) => run.on('close', resolve));
    const t0 = Date.now();
    let swapping = true;
    void ended.then(() => (swapping = false));

    const counts = { requests: 0, ok: 0, leaks: 0 };
    let opensshRuns = 0;
    const running = () =>
      swapping && Date.now() - t0 < 60_000 && (Date.now() - t0 < SWAP_SECONDS * 1000 || counts.requests < MIN_REQUESTS || opensshRuns < MIN_OPENSSH_RUNS);
    const leaked: string[] = [];
    const note = (what: string, o: Outcome) => {
      counts.requests++;
      if (o.ok) counts.ok++;
      if (o.data.includes(secret) || o.data.includes('only-outside')) {
        counts.leaks++;
        if (leaked.length < 5) leaked.push(`${what}: ${o.data.slice(0, 80)}`);
      }
    };

    const { client, sftp } = await connect(t);
    const attacker = (async () => {
      while (running()) {
        const size = (v: unknown) => String((v as { size: number }).size);
        const batch: [string, Promise<Outcome>][] = [
          ['open /d/passwd', readWhole(sftp, '/d/passwd')],
          ['open d/../d/passwd', readWhole(sftp, 'd/../d/passwd')],
          ['open /x.cap', readWhole(sftp, '/x.cap')],
          ['opendir /d', list(sftp, '/d')],
          ['opendir /', list(sftp, '/')],
          // A size of the outside file (8 marker lines) in a stat is a leak of its attributes.
          ['stat /d/passwd', ask((cb) => sftp.stat('/d/passwd', cb), (v) => (size(v) === String((secret.length + 1) * 8) ? secret : size(v)))],
          ['stat /x.cap', ask((cb) => sftp.stat('/x.cap', cb), (v) => (size(v) === String((secret.length + 1) * 8) ? secret : size(v)))],
        ];
        for (const [what, p] of batch) note(what, await p);
      }
    })();

    // OpenSSH's sftp, the client a technician would use, in the same window.
    const local = join(t.root, 'local');
    mkdirSync(local);
    const batchFile = join(t.root, 'batch');
    writeFileSync(batchFile, ['-get d/passwd ' + join(local, 'a'), '-get x.cap ' + join(local, 'b'), '-ls -l d', '-ls -l'].join('\n') + '\n');
    while (running()) {
      for (const f of ['a', 'b']) rmSync(join(local, f), { force: true });
      const r = await runAsync('sftp', ['-b', batchFile, '-P', String(t.gw.port), ...t.sshOptions(), 'root@127.0.0.1']);
      opensshRuns++;
      const got = ['a', 'b'].map((f) => (existsSync(join(local, f)) ? readFileSync(join(local, f), 'latin1') : '')).join('') + r.stdout;
      note('OpenSSH sftp batch', { ok: r.code === 0, data: got });
    }
    await attacker;
    run.kill('SIGTERM');
    expect(await ended).toBe(0);
    // The harmless file is still served once the swaps are over (the swapper ends as it began).
    const after = await readWhole(sftp, '/x.cap');
    client.end();
    console.log(
      `jail race: ${swaps.trim()} swaps in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${counts.requests} requests (${opensshRuns} OpenSSH sftp batches), ${counts.ok} succeeded, ${counts.leaks} leaked from outside`,
    );
    expect(leaked).toEqual([]);
    expect(counts.leaks).toBe(0);
    // The race ran: requests went through while the swaps happened.
    expect(counts.requests).toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(after.data).toBe('inside x\n');
  });
});
