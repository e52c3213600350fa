import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildMissing, haveBuild, pcapdump, pcapdumpJs, projectRoot } from '../support/cli.js';
import { haveTool, runAsync } from '../support/referee.js';
import { freePort, keygen, publicLine } from '../gateway/harness.js';

if (!haveBuild) console.log(buildMissing);
const demo = `demo=${join(projectRoot, 'samples/demo.pcap')}`;
const other = `other=${join(projectRoot, 'samples/demo.pcap')}`;
const tmp = mkdtempSync(join(tmpdir(), 'pcapdump-program-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `pcapdump ... service` in the background; resolves once it listens. */
async function startService(args: string[]): Promise<{ child: ChildProcess; log: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [pcapdumpJs, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TZ: 'UTC' } });
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (log += d));
  // 'close', not 'exit': the last log lines may still be in the pipe when the process has exited.
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  const end = Date.now() + 15_000;
  while (!log.includes('listening on')) {
    if (Date.now() > end || child.exitCode !== null) throw new Error(`service did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, log: () => log, exited };
}

const at = (socket: string, ...args: string[]) => runAsync(process.execPath, [pcapdumpJs, '--socket', socket, ...args]);

describe.skipIf(!haveBuild)('pcapdump CMD at a shell', () => {
  test('no service: one line saying how to start it, status 1, nothing started', () => {
    const socket = join(tmp, 'none', 'pcapdump.sock');
    for (const r of [pcapdump(['--socket', socket, 'status']), pcapdump(['-size', '1024', 'start', 'int'], { env: { ...process.env, PCAPDUMP_SOCKET: socket } })]) {
      expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `pcapdump: no pcapdump service is running at ${socket} (start it: systemctl start pcapdump, or pcapdump service)\n`]);
    }
    expect(existsSync(join(tmp, 'none'))).toBe(false);
  });

  test.each([
    [['--socket', '/x.sock', '-c', 'x', 'start', 'int'], 'pcapdump: -c needs a packet count, got "x"'],
    [['--dir', '/tmp', 'status'], 'pcapdump: --dir is for a console of your own, and "status" starts a command for the service'],
    [['--standalone', 'show'], 'pcapdump: --standalone is for a console of your own'],
    [['-e', 'status', 'show'], 'pcapdump: -e and a command\'s words do not go together'],
    [['service', '--frob'], 'pcapdump: service: unknown argument "--frob"'],
  ])('usage errors need no service: %j', (args, message) => {
    const r = pcapdump(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });
});

describe.skipIf(!haveBuild)('pcapdump service, the program', () => {
  const dir = join(tmp, 'captures');
  const socket = join(tmp, 'run', 'pcapdump.sock');
  let svc: Awaited<ReturnType<typeof startService>>;

  beforeAll(async () => {
    svc = await startService(['--replay', demo, '--replay', other, '--replay-speed', '5', '--dir', dir, 'service', '--socket', socket]);
  });
  afterAll(() => {
    if (svc?.child.exitCode === null) svc.child.kill('SIGKILL');
  });

  test('a second service on the same socket: one line, status 1; the first goes on', async () => {
    const r = await runAsync(process.execPath, [pcapdumpJs, '--replay', demo, '--socket', socket, 'service']);
    expect([r.code, r.stderr]).toEqual([1, `pcapdump: a pcapdump service is already running on ${socket}\n`]);
    expect((await at(socket, 'status')).stdout).toBe('no captures\n');
  });

  test('-o streams brief lines until the count is reached; the shell gets its prompt back, status 0', async () => {
    const r = await at(socket, '-o', '-c', '4', 'udp', 'start', 'demo');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('demo: capturing with filter "udp"');
    expect(lines.slice(1, 5).every((l) => /^\[demo\] \d\d:\d\d:\d\d\.\d{6} IP \S+\.53 > |^\[demo\] \d\d:\d\d:\d\d\.\d{6} IP \S+ > \S+\.53: /.test(l))).toBe(true);
    expect(lines[5]).toBe('demo: count reached, 4 of 4 packets stored, not yet written');
    expect((await at(socket, 'write', 'demo', 'dns.cap')).code).toBe(0);
    expect((await at(socket, 'wipe')).stdout).toBe('wiped demo\n');
  });

  test('-o from a shell: Ctrl-C stops that stream only, says what it holds, status 0', async () => {
    expect((await at(socket, 'start', 'other')).code).toBe(0);
    const child = spawn(process.execPath, [pcapdumpJs, '--socket', socket, '-o', 'tcp', 'start', 'demo']);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const code = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    const end = Date.now() + 10_000;
    while (!/\[demo\] .*Flags/.test(out)) {
      if (Date.now() > end) throw new Error(`no brief line: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    expect(await code).toBe(0);
    expect(out.trim().split('\n').at(-1)).toMatch(/^demo: stopped \(Ctrl-C\), (\d+) of \1 packets stored, not yet written$/);
    const status = (await at(socket, 'status')).stdout;
    expect(status).toMatch(/\ndemo\s+stopped \*\s+\d+\s+\d+[^\n]*\n\s+-size 512 -o tcp\n/);
    expect(status).toMatch(/\nother\s+running/);
    expect((await at(socket, 'show', 'demo')).stdout).toMatch(/^--- demo: \d+ packets ---\n.*Flags/);
  });

  test('-e and line mode attach to the service when it runs', async () => {
    const e = await at(socket, '-e', 'status');
    expect(e.stdout).toMatch(/\nother\s+running/);
    const lines = await runAsync('sh', ['-c', `printf 'stop other\\nstatus\\n' | ${process.execPath} ${pcapdumpJs} --socket ${socket}`]);
    expect(lines.stdout).toMatch(/^other: stopped, (\d+) of \1 packets stored, not yet written\n/);
    // --standalone (or any flag describing an Engine) is a console of its own: it sees none of the service's captures.
    expect((await at(socket, '--standalone', '-e', 'status')).stdout).toBe('no captures\n');
  });

  test.skipIf(!haveTool('ssh'))('the SSH gateway serves the service\'s captures; stopping it leaves them running', async () => {
    await at(socket, 'wipe', 'other');
    expect((await at(socket, 'start', 'other')).code).toBe(0);
    const key = keygen(join(tmp, 'client_key'));
    const ak = join(tmp, 'authorized_keys');
    writeFileSync(ak, publicLine(key) + '\n');
    const port = await freePort();
    const gw = spawn(process.execPath, [pcapdumpJs, '--socket', socket, 'gateway', '--listen', `127.0.0.1:${port}`, '--host-key', join(tmp, 'host_key'), '--authorized-keys', ak, '--user', 'tech'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    gw.stderr?.setEncoding('utf8').on('data', (d: string) => (log += d));
    const end = Date.now() + 15_000;
    while (!log.includes('listening on')) {
      if (Date.now() > end || gw.exitCode !== null) throw new Error(`gateway did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(log).toContain(`serving the pcapdump service at ${socket}`);
    const kh = join(tmp, 'known_hosts');
    writeFileSync(kh, `[127.0.0.1]:${port} ${publicLine(join(tmp, 'host_key'))}\n`);
    const ssh = await runAsync('ssh', ['-p', String(port), '-i', key, '-o', 'IdentitiesOnly=yes', '-o', 'IdentityAgent=none', '-o', `UserKnownHostsFile=${kh}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', 'tech@127.0.0.1', 'pcapdump status']);
    expect(ssh.code).toBe(0);
    expect(ssh.stdout).toMatch(/\nother\s+running/);
    gw.kill('SIGTERM');
    expect(await new Promise((r) => gw.on('exit', r))).toBe(0);
    expect(log).toContain('gateway: SIGTERM: closing sessions (the service keeps its captures)');
    expect((await at(socket, 'status')).stdout).toMatch(/\nother\s+running/);
    expect(svc.log()).toMatch(/audit: session=\d+ face="ssh" user="tech" from="ssh 127\.0\.0\.1 port \d+" event=command command="pcapdump status" result=ok/);
  });

  test('SIGTERM: unwritten buffers autosaved and named in the log, exit 0; the next start says what it recovered', async () => {
    svc.child.kill('SIGTERM');
    expect(await svc.exited).toBe(0);
    const log = svc.log();
    const saved = [...log.matchAll(/service: autosaved (\w+): (\d+) packets to (\S+)/g)].map((m) => [m[1], m[3].split('/').at(-1) ?? '']);
    expect(saved.map((s) => s[0]).sort()).toEqual(['demo', 'other']);
    for (const [, file] of saved) expect(file).toMatch(/^autosave-\d{8}T\d{6}Z-(demo|other)\.pcapng$/);
    expect(existsSync(socket)).toBe(false);
    const tshark = haveTool('capinfos') ? await runAsync('capinfos', ['-c', join(dir, saved[0][1])]) : null;
    if (tshark) expect(tshark.stdout).toMatch(/Number of packets:\s+\d+/);

    svc = await startService(['--replay', demo, '--replay', other, '--dir', dir, 'service', '--socket', socket]);
    for (const [iface, file] of saved) expect(svc.log()).toContain(`service: recovered from the last stop: ${file} (`);
    expect(svc.log()).toMatch(/recovered from the last stop: autosave-\S+ \(\d+ packets of (demo|other), autosaved\)/);
    // Autosaves are pcapdump's own files: cleanup deletes them, and the user's are kept.
    const clean = await at(socket, 'cleanup');
    expect(clean.stdout).toMatch(/deleted 3 files/);
    expect(readdirSync(dir).filter((f) => !f.startsWith('.'))).toEqual([]);
  });
});
