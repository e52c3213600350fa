import { spawn } from 'node:child_process';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2, { type SFTPWrapper } from 'ssh2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildMissing, haveBuild, projectRoot } from '../support/cli.js';
import { haveTool, runAsync } from '../support/referee.js';
import { sampler, startProgram, type GatewayProgram } from './program.js';

const usable = haveBuild && haveTool('ssh') && haveTool('ssh-keygen');
if (!haveBuild) console.log(buildMissing);

const demo = join(projectRoot, 'samples', 'demo.pcap');
/** What a stalled client may make the gateway grow by, at most (its outflow cap is 8 MiB; the rest is the heap's slack). */
const BOUND_MIB = 40;

/**
 * Issue 12, finding 3: no backpressure anywhere. A client that stops reading an -o stream
 * grew the gateway by 21-24 MB/s; 4,000 pipelined 255 KB READs from a paused client took
 * it from 299 MB to 2.2 GB; `show` of a 1M-packet ring cost 116 MB per session and held
 * every other session for ~2.9 s. The real program, measured from outside (VmRSS).
 */
describe.skipIf(!usable)('clients that stop reading cost the gateway a bounded amount', () => {
  let gw: GatewayProgram;
  beforeAll(async () => {
    // Fast enough to outrun a stopped reader and fill a 64 MiB ring in seconds, not a firehose (other tests share the CPU).
    gw = await startProgram({ replays: { demo }, replaySpeed: 20_000 });
  });
  afterAll(() => gw?.stop());

  const ssh = (cmd: string) => runAsync('ssh', [...gw.ssh(), 'root@127.0.0.1', cmd]);

  test('-o to a client that stops (SIGSTOP) while 400,000 packets arrive: lines dropped and counted, memory bounded', async () => {
    const client = spawn('ssh', ['-T', ...gw.ssh(), 'root@127.0.0.1'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    client.stdout.on('data', (d: Buffer) => (out += d.toString('latin1')));
    client.stdin.write('-o start demo\n');
    while (!/\[demo\]/.test(out)) await new Promise((r) => setTimeout(r, 20));
    const seen = async () => Number(/^demo\s+running\S*\s+(?:\*\s+)?\d+\s+(\d+)/m.exec((await ssh('status')).stdout)?.[1] ?? NaN);
    const before = gw.rssMiB();
    client.kill('SIGSTOP');
    const rss = sampler(() => gw.rssMiB());
    // 400,000 brief lines (about 40 MB) outgrow the kernel's socket buffers (a few MiB each
    // way) and the 8 MiB outflow, however fast the machine replays them.
    const from = await seen();
    for (const end = Date.now() + 60_000; Date.now() < end && (await seen()) - from < 400_000; ) await new Promise((r) => setTimeout(r, 250));
    const peak = rss.stop();
    client.kill('SIGCONT');
    client.stdin.end('stop demo\nwipe demo\n');
    await new Promise((r) => client.on('close', r));
    const dropped = [...out.matchAll(/\.\.\. (\d+) brief lines? lost: this session fell behind the capture/g)].map((m) => Number(m[1]));
    const shown = out.split('\n').filter((l) => l.startsWith('[demo]')).length;
    console.log(`-o, client stopped for 400,000 packets: gateway RSS ${before.toFixed(0)} -> peak ${peak.toFixed(0)} MiB; ${shown} lines shown, ${dropped.reduce((a, b) => a + b, 0)} dropped and said`);
    expect(dropped.length).toBeGreaterThan(0);
    expect(out).toMatch(/demo: stopped, \d+ of \d+ packets? stored/);
    expect(peak - before).toBeLessThan(BOUND_MIB);
  });

  test('1,000 pipelined 255 KiB READs from a client that does not read: memory bounded, then every reply arrives', async () => {
    writeFileSync(join(gw.captures, 'huge.cap'), '');
    truncateSync(join(gw.captures, 'huge.cap'), 1 << 30); // sparse: reads cost no disk
    const client = new ssh2.Client();
    await new Promise<void>((resolve, reject) => {
      client.on('ready', () => resolve()).on('error', reject);
      client.connect({ host: '127.0.0.1', port: gw.port, username: 'root', privateKey: readFileSync(gw.key) });
    });
    const sftp = await new Promise<SFTPWrapper>((resolve, reject) => client.sftp((e, s) => (e ? reject(e) : resolve(s))));
    // Whole 255 KiB requests, as the server allows (ssh2 would split them for a server it does not know).
    (sftp as unknown as { _maxReadLen: number })._maxReadLen = 255 * 1024;
    const handle = await new Promise<Buffer>((resolve, reject) => sftp.open('huge.cap', 'r', (e, h) => (e ? reject(e) : resolve(h))));
    const sock = (client as unknown as { _sock: import('node:net').Socket })._sock;
    const before = gw.rssMiB();
    sock.pause();
    const n = 1000;
    let ok = 0;
    let bytes = 0;
    const all = Promise.all(
      Array.from(
        { length: n },
        (_, i) =>
          new Promise<void>((resolve) =>
            sftp.read(handle, Buffer.alloc(255 * 1024), 0, 255 * 1024, i * 255 * 1024, (e, got) => {
              if (!e) ok++;
              bytes += got ?? 0;
              resolve();
            }),
          ),
      ),
    );
    const rss = sampler(() => gw.rssMiB());
    await new Promise((r) => setTimeout(r, 3000));
    const peak = rss.stop();
    sock.resume();
    await all;
    client.end();
    console.log(`SFTP, ${n} x 255 KiB READs unread for 3 s: gateway RSS ${before.toFixed(0)} -> peak ${peak.toFixed(0)} MiB; then ${ok} replies, ${(bytes / 2 ** 20).toFixed(0)} MiB`);
    expect(peak - before).toBeLessThan(BOUND_MIB);
    expect(ok).toBe(n);
    expect(bytes).toBe(n * 255 * 1024);
  });

  test('exec show of a 64 MiB ring to a client that stops: bounded, and another session is served meanwhile', async () => {
    const started = await ssh('pcapdump -size 65536 start demo');
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    let stored = 0;
    for (;;) {
      const s = await ssh('status');
      const m = /^demo\s+running\S*\s+(?:\*\s+)?(\d+)\s+(\d+)\s+(\d+)/m.exec(s.stdout);
      if (m && Number(m[3]) > 0) break; // the ring has wrapped: full
      await new Promise((r) => setTimeout(r, 200));
    }
    const stopped = await ssh('stop demo');
    stored = Number(/(\d+) of \d+ packets? stored/.exec(stopped.stdout)?.[1]);
    const before = gw.rssMiB();
    const show = spawn('ssh', [...gw.ssh(), 'root@127.0.0.1', 'show demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let first = false;
    show.stdout.on('data', (d: Buffer) => {
      first = true;
      for (const b of d) if (b === 10) lines++;
    });
    while (!first) await new Promise((r) => setTimeout(r, 10));
    show.kill('SIGSTOP');
    const rss = sampler(() => gw.rssMiB());
    // The stalled show holds no one up: another session's command is answered.
    const other = await ssh('status');
    await new Promise((r) => setTimeout(r, 2000));
    const peak = rss.stop();
    show.kill('SIGCONT');
    const code = await new Promise((r) => show.on('close', r));
    console.log(`show of ${stored} packets to a stopped client: gateway RSS ${before.toFixed(0)} -> peak ${peak.toFixed(0)} MiB; ${lines} lines once resumed`);
    expect(other.code).toBe(0);
    expect(other.stdout).toMatch(/demo\s+stopped/);
    expect(code).toBe(0);
    expect(lines).toBe(stored + 1);
    expect(peak - before).toBeLessThan(BOUND_MIB);
    await ssh('wipe demo');
  });
});
