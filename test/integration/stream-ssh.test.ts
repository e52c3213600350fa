import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { haveSshd, startSshd, type Sshd } from '../../bench/sshd.js';
import { freePort, keygen, publicLine, tempDir } from '../gateway/harness.js';
import { buildMissing, haveBuild, pcapdumpJs } from '../support/cli.js';
import { haveTool, runAsync, runBinary } from '../support/referee.js';
import { until } from '../support/wait.js';

/**
 * `stream` as a technician uses it: `ssh gw pcapdump stream ... | tshark -r -` through
 * OpenSSH's sshd (ForceCommand pcapdump --ssh-command) and through our own gateway, both
 * on the running service, capturing live on loopback.
 */
const isRoot = process.getuid?.() === 0;
const usable = isRoot && haveBuild && haveSshd && haveTool('ssh') && haveTool('tshark');
if (!isRoot) console.log('not root: live stream tests skipped');
if (!haveBuild) console.log(buildMissing);

/** Debian's wireshark-common ships sshdump among Wireshark's extcap programs. */
const sshdump = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib'].map((d) => join(d, 'wireshark/extcap/sshdump')).find((p) => existsSync(p));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!usable)('stream over SSH, live, read by tshark', () => {
  const dir = tempDir('stream');
  const socket = join(dir, 'pcapdump.sock');
  let service: ChildProcess;
  let gateway: ChildProcess;
  let sshd: Sshd;
  let key: string;
  let knownHosts: string;
  let gwPort: number;
  let udpPort: number;
  let serviceLog = '';
  const udp = createSocket('udp4');

  /** A UDP datagram to nobody on loopback, `size` bytes (tshark tells them apart by length). */
  const send = (size: number) => new Promise<void>((r) => udp.send(Buffer.alloc(size, 0x61), udpPort, '127.0.0.1', () => r()));
  const status = async () => (await runAsync(process.execPath, [pcapdumpJs, '--socket', socket, 'status'])).stdout;

  beforeAll(async () => {
    mkdirSync(join(dir, 'captures'));
    udpPort = await freePort();
    service = spawn(process.execPath, [pcapdumpJs, '--dir', join(dir, 'captures'), 'service', '--socket', socket], { stdio: ['ignore', 'ignore', 'pipe'] });
    service.stderr?.setEncoding('utf8').on('data', (d: string) => (serviceLog += d));
    await until(() => serviceLog.includes('listening on'), 15_000, () => serviceLog);
    key = keygen(join(dir, 'client_key'));
    const ak = join(dir, 'authorized_keys');
    writeFileSync(ak, readFileSync(key + '.pub'));
    sshd = await startSshd(dir, ak, ['Match User root', `  ForceCommand ${process.execPath} ${pcapdumpJs} --socket ${socket} --ssh-command`]);
    gwPort = await freePort();
    gateway = spawn(process.execPath, [pcapdumpJs, '--socket', socket, 'gateway', '--listen', `127.0.0.1:${gwPort}`, '--host-key', join(dir, 'gw_host_key'), '--authorized-keys', ak], { stdio: ['ignore', 'ignore', 'pipe'] });
    let gwLog = '';
    gateway.stderr?.setEncoding('utf8').on('data', (d: string) => (gwLog += d));
    await until(() => gwLog.includes('listening on'), 15_000, () => gwLog);
    knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, `${sshd.knownHostsLine}\n[127.0.0.1]:${gwPort} ${publicLine(join(dir, 'gw_host_key'))}\n`);
  });

  afterAll(() => {
    udp.close();
    gateway?.kill('SIGKILL');
    sshd?.stop();
    service?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  /** tshark's fields of a stream's bytes (from a file: tshark reads no socket as one). */
  const fieldsOf = (pcap: Buffer, ...fields: string[]): string => {
    const file = join(dir, 'got.pcap');
    writeFileSync(file, pcap);
    const t = spawnSync('tshark', ['-r', file, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8' });
    if (t.status !== 0) throw new Error(`tshark: ${t.stderr}`);
    return t.stdout.trim();
  };

  const opts = (port: number) => ['-p', String(port), '-i', key, '-o', 'IdentitiesOnly=yes', '-o', 'IdentityAgent=none', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR'];

  test('OpenSSH: tshark reads each packet as it is captured; the client goes away, the capture stops', async () => {
    // A shell's pipe, as a technician types it: tshark reads no socket as a file.
    const sshArgs = [...opts(sshd.port), 'root@127.0.0.1', `pcapdump stream udp port ${udpPort} lo`].map((a) => `'${a}'`).join(' ');
    const pipeline = spawn('sh', ['-c', `ssh ${sshArgs} | tshark -l -r - -T fields -e udp.length`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = '';
    pipeline.stdout?.setEncoding('utf8').on('data', (d: string) => (lines += d));
    let sshErr = '';
    pipeline.stderr?.setEncoding('utf8').on('data', (d: string) => (sshErr += d));
    // Until the stream is up, packets go by unseen: send until tshark shows one.
    await until(async () => (await send(1), lines.length > 0), 15_000, () => `tshark saw nothing; ssh said ${sshErr}`, 50);
    // Then one packet at a time: each reaches tshark on its own, nothing waits for a buffer to fill.
    for (const size of [101, 202, 303]) {
      await send(size);
      await until(() => lines.split('\n').includes(String(size + 8)), 5_000, () => `no packet of ${size} bytes: ${lines}`);
    }
    expect(await status()).toMatch(/lo\s+streaming\s/);
    // The client goes away: the ssh of this pipeline (found by its command line, which names this test's port), killed.
    const sshPid = spawnSync('pgrep', ['-f', '-P', String(pipeline.pid), `^ssh .*stream udp port ${udpPort} lo`], { encoding: 'utf8' }).stdout.trim();
    expect(sshPid).toMatch(/^\d+$/);
    process.kill(Number(sshPid), 'SIGKILL');
    // OpenSSH closes the channel; the stream ends at its next packet, as tcpdump's would.
    await until(async () => (await send(1), /no captures/.test(await status())), 15_000, () => serviceLog.slice(-1000), 50);
    await until(() => /event=stream-end iface="lo" how="reader gone"/.test(serviceLog), 5_000, () => serviceLog.slice(-1000));
    expect(spawnSync('pgrep', ['-f', `${socket} --ssh-command`]).status).toBe(1);
    await new Promise((r) => (pipeline.exitCode !== null ? r(null) : pipeline.on('exit', r)));
  });

  test("OpenSSH: a stream of the SSH port leaves out its own connection, not the others'", async () => {
    const run = runBinary('ssh', [...opts(sshd.port), 'root@127.0.0.1', `pcapdump stream -c 6 tcp port ${sshd.port} lo`]);
    // Other connections to the same sshd: their packets are what the stream may see.
    let done = false;
    void run.then(() => (done = true));
    const others = (async () => {
      for (let i = 0; i < 10 && !done; i++) await runAsync('ssh', [...opts(sshd.port), 'root@127.0.0.1', 'pcapdump status']);
    })();
    const r = await run;
    await others;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/pcapdump: stream lo: 6 packets sent, \d+ dropped by the kernel; count reached/);
    const opened = [...serviceLog.matchAll(/session=(\d+) face="ssh-command" user="root" from="ssh 127\.0\.0\.1 port (\d+)" event=command command="pcapdump stream -c 6/g)];
    expect(opened.length, serviceLog.slice(-3000)).toBe(1);
    const own = opened[0][2];
    const t = fieldsOf(r.stdout, 'tcp.srcport', 'tcp.dstport');
    const ports = t.split('\n').map((l) => l.split('\t'));
    expect(ports.length).toBe(6);
    for (const [src, dst] of ports) {
      expect([src, dst]).toContain(String(sshd.port));
      expect([src, dst]).not.toContain(own);
    }
  });

  test('our gateway: exec stream to tshark; -t ends it; the gateway leaves its own connection out', async () => {
    const counted = runBinary('ssh', [...opts(gwPort), 'root@127.0.0.1', `pcapdump stream -c 3 udp port ${udpPort} lo`]);
    const sending = (async () => {
      for (let i = 0; i < 200 && !(await Promise.race([counted.then(() => true), sleep(50).then(() => false)])); i++) await send(50);
    })();
    const r = await counted;
    await sending;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^pcapdump: stream lo: 3 packets sent, \d+ dropped by the kernel; count reached\n$/);
    expect(fieldsOf(r.stdout, 'udp.dstport').split('\n')).toEqual([String(udpPort), String(udpPort), String(udpPort)]);

    const started = Date.now();
    const timed = await runBinary('ssh', [...opts(gwPort), 'root@127.0.0.1', `pcapdump stream -t 1 tcp port ${gwPort} lo`]);
    expect(timed.code, timed.stderr).toBe(0);
    expect(timed.stderr).toMatch(/; time reached\n$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    // Its own connection carried the pcap out for a second: none of it was captured.
    expect(timed.stdout.length).toBe(24);
    expect(fieldsOf(timed.stdout, 'frame.number')).toBe('');
    expect(await status()).toMatch(/no captures/);
  });

  test.skipIf(sshdump === undefined)("Wireshark's sshdump, Remote capture command \"other\": pcapdump stream as it is; its default is told what to set", async () => {
    const common = ['--extcap-interface=sshdump', '--capture', '--remote-host', '127.0.0.1', '--remote-port', String(sshd.port), '--remote-username', 'root', '--sshkey', key];
    const fifo = join(dir, 'sshdump.pcap');
    const dumping = runAsync(sshdump as string, [...common, `--fifo=${fifo}`, '--remote-capture-command-select', 'other', '--remote-capture-command', `pcapdump stream -c 3 udp port ${udpPort} lo`]);
    let done = false;
    void dumping.then(() => (done = true));
    for (let i = 0; i < 200 && !done; i++) {
      await send(77);
      await sleep(50);
    }
    const r = await dumping;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/pcapdump: stream lo: 3 packets sent/);
    expect(fieldsOf(readFileSync(fifo), 'udp.length').split('\n')).toEqual(['85', '85', '85']);
    const asIs = await runAsync(sshdump as string, [...common, `--fifo=${join(dir, 'default.pcap')}`, '--remote-interface', 'lo']);
    expect(asIs.stderr).toMatch(/pcapdump: this gateway runs pcapdump, not tcpdump: in sshdump set Remote capture command to "pcapdump stream \[FILTER\.\.\.\] IFACE"/);
  });

  test('bad input: one line, exit status 2 or 1, nothing started', async () => {
    const ssh = (port: number, cmd: string, tty = false) => runAsync('ssh', [...(tty ? ['-tt'] : []), ...opts(port), 'root@127.0.0.1', cmd]);
    for (const port of [sshd.port, gwPort]) {
      expect(await ssh(port, 'pcapdump stream -size 10 lo')).toMatchObject({ code: 2, stdout: '', stderr: 'pcapdump: stream keeps no buffer and prints no lines: -size does not apply (stream takes -s -c -t -p -force)\n' });
      expect(await ssh(port, 'pcapdump stream udp')).toMatchObject({ code: 2, stdout: '' });
      expect(await ssh(port, 'pcapdump stream nosuch0')).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^pcapdump: no interface "nosuch0"; known: [^\n]*\n$/) });
      const tty = await ssh(port, 'pcapdump stream lo', true);
      expect(tty.code, JSON.stringify(tty)).toBe(2);
      expect(tty.stdout + tty.stderr).toMatch(/stream writes pcap, which is binary, and stdout is a terminal/);
    }
    // sshdump's default remote command is told what to run instead.
    const dump = await ssh(sshd.port, `tcpdump -U -i 'lo'  -w -  'not ((host 127.0.0.1) and port 22)'`);
    expect(dump).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^pcapdump: this gateway runs pcapdump, not tcpdump: in sshdump set Remote capture command to "pcapdump stream \[FILTER\.\.\.\] IFACE"/) });
    expect(await status()).toMatch(/no captures/);
  });
});
