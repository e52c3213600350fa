import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { haveTool, run, runAsync } from '../support/referee.js';
import { startTestGateway, type TestGateway } from './harness.js';

const usable = haveTool('ssh') && haveTool('ssh-keygen') && haveTool('tcpdump');
if (!usable) console.log('OpenSSH client or tcpdump not installed: SSH session tests skipped');

/** An Ethernet/IPv4/UDP frame, enough for a capture to store and tcpdump to read. */
function udpFrame(i: number): Buffer {
  const f = Buffer.alloc(14 + 20 + 8 + 4);
  f.writeUInt16BE(0x0800, 12);
  f[14] = 0x45;
  f.writeUInt16BE(20 + 8 + 4, 16);
  f[22] = 64;
  f[23] = 17;
  Buffer.from([10, 0, 0, 1]).copy(f, 26);
  Buffer.from([10, 0, 0, 2]).copy(f, 30);
  f.writeUInt16BE(40000 + i, 34);
  f.writeUInt16BE(53, 36);
  f.writeUInt16BE(12, 38);
  return f;
}

describe.skipIf(!usable)("OpenSSH's ssh against our gateway", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t?.close());

  const ssh = (args: string[]) => runAsync('ssh', ['-p', String(t.gw.port), ...t.sshOptions(), 'root@127.0.0.1', ...args]);

  test('exec: pcapdump status prints the table, exit 0', async () => {
    const r = await ssh(['pcapdump status']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('no captures\n');
    expect(r.code).toBe(0);
  });

  test('exec: the leading word is optional; a bad command gives one line on stderr and exit 2', async () => {
    const ok = await ssh(['status']);
    expect(ok.code).toBe(0);
    const bad = await ssh(['pcapdump', 'start']);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^pcapdump: /);
    expect(bad.code).toBe(2);
    const unknown = await ssh(['pcapdump start nosuch0']);
    expect(unknown.stderr).toMatch(/^pcapdump: .*no interface "nosuch0"/);
    expect(unknown.code).toBe(1);
  });

  test('a capture one session starts, another sees (one Engine); a plain shell without PTY is line mode', async () => {
    const r = await ssh(['start fake0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fake0: capturing/);
    t.kind.deliver('fake0', [udpFrame(1), udpFrame(2)]);
    const plain = spawn('ssh', ['-T', '-p', String(t.gw.port), ...t.sshOptions(), 'root@127.0.0.1']);
    let out = '';
    plain.stdout.on('data', (d: Buffer) => (out += d));
    plain.stdin.end('status\nshow fake0 -c 1 -v udp\nstop fake0\nwipe fake0\n');
    const code = await new Promise<number | null>((resolve) => plain.on('close', resolve));
    expect(code).toBe(0);
    expect(out).toMatch(/fake0\s+running\s+\*?\s+2\s+2\s+0\s/);
    // show with tcpdump's options over SSH: the last packet, with -v's second line.
    expect(out).toMatch(/--- fake0: 1 of 2 packets \(the last 1 matching "udp"\) ---\r?\n\d\d:\d\d:\d\d\.\d{6} IP \(tos 0x0, ttl \d+, id \d+, offset 0, flags \[\w*\], proto UDP \(17\), length \d+[^\n]*\)\r?\n {4}\S+ > \S+: /);
    expect(out).toMatch(/fake0: stopped, 2 of 2 packets stored/);
    expect(out).toMatch(/wiped fake0/);
  });

  test('shell with a PTY: the console runs start, stop and write; the file appears in the capture dir', async () => {
    const child = spawn('ssh', ['-tt', '-p', String(t.gw.port), ...t.sshOptions(), 'root@127.0.0.1'], { env: { ...process.env, TERM: 'xterm' } });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
    const until = async (what: RegExp, ms = 10_000) => {
      const end = Date.now() + ms;
      while (!what.test(screen)) {
        if (Date.now() > end) throw new Error(`console never showed ${what}:\n${screen.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    // The client's terminal is raw: Enter is a carriage return.
    const type = async (line: string) => {
      for (const ch of line) {
        child.stdin.write(ch);
        await new Promise((r) => setTimeout(r, 5));
      }
      child.stdin.write('\r');
    };
    await until(/help/);
    await type('-o start fake0');
    await until(/fake0: capturing/);
    t.kind.deliver('fake0', [udpFrame(1), udpFrame(2), udpFrame(3)]);
    // -o: brief lines stream to this session.
    await until(/\[fake0\].*10\.0\.0\.1/);
    await type('stop fake0');
    await until(/fake0: stopped, 3 of 3 packets stored/);
    await type('write fake0 from-ssh.cap');
    await until(/wrote 3 packets/);
    await type('exit');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    // A real terminal gets CR LF: no line starts a staircase.
    expect(screen).not.toMatch(/[^\r]\n/);
    const file = join(t.captures, 'from-ssh.cap');
    expect(existsSync(file)).toBe(true);
    const read = run('tcpdump', ['-nn', '-r', file]);
    expect(read.code).toBe(0);
    expect(read.stdout.trim().split('\n')).toHaveLength(3);
    console.log(`ssh shell session: start, 3 packets streamed, stop, write -> tcpdump reads ${read.stdout.trim().split('\n').length} packets (${readFileSync(file).length} bytes)`);
  });
});
