import { spawn, spawnSync, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openCaptureFile } from '../../src/capture/file.js';
import { buildMissing, haveBuild, pcapdumpJs } from '../support/cli.js';
import { haveTool } from '../support/referee.js';
import { ExampleWire } from './example-wire.js';
import { isRoot } from './net.js';

/**
 * The brief's two sequences typed at a bash prompt, one command per line, against
 * `pcapdump service` capturing on a veth pair (`int` is its alias in the config). The
 * service runs in the capture namespace; the shells reach it through its socket only.
 */
const usable = isRoot && haveBuild && haveTool('tcpreplay') && haveTool('tcpdump');
if (!isRoot) console.log('not root: the service on a live interface skipped');
if (!haveBuild) console.log(buildMissing);

const dir = mkdtempSync(join(tmpdir(), 'pcapdump-service-shell-'));
const captures = join(dir, 'captures');
const socket = join(dir, 'run', 'pcapdump.sock');
const bin = join(dir, 'bin');
const wire = new ExampleWire(dir);

/** A bash reading commands from a pipe with `pcapdump` on its PATH: what a technician types, line by line. */
class Bash {
  private out = '';
  readonly child: ChildProcessWithoutNullStreams;
  readonly transcript: string[] = [];

  constructor() {
    this.child = spawn('bash', ['--norc', '--noprofile'], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, PCAPDUMP_SOCKET: socket, TZ: 'UTC' } });
    this.child.stdout.setEncoding('utf8').on('data', (d: string) => (this.out += d));
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (this.out += d));
  }

  /** Runs one line; resolves with its output and exit status. */
  async type(line: string, timeoutMs = 10_000): Promise<{ out: string; rc: number }> {
    const mark = `__rc_${Math.random().toString(36).slice(2)}=`;
    const from = this.out.length;
    this.child.stdin.write(`${line}\necho "${mark}$?"\n`);
    const end = Date.now() + timeoutMs;
    for (;;) {
      const got = this.out.slice(from);
      const at = got.indexOf(mark);
      if (at >= 0 && got.indexOf('\n', at) > 0) {
        const rc = Number(/=(\d+)/.exec(got.slice(at))?.[1]);
        const out = got.slice(0, at);
        this.out = this.out.slice(0, from) + out;
        this.transcript.push(`$ ${line}`, ...out.trimEnd().split('\n').filter((l) => l !== ''));
        return { out, rc };
      }
      if (Date.now() > end) throw new Error(`"${line}" did not finish; output:\n${got}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** Asks `pcapdump status` in the other shell until the table matches: the capture has seen what was sent. */
async function until(shell: Bash, what: RegExp): Promise<void> {
  const end = Date.now() + 10_000;
  for (;;) {
    const { out } = await shell.type('pcapdump status');
    if (what.test(out)) return;
    if (Date.now() > end) throw new Error(`status never matched ${what}:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function count(path: string): number {
  const r = openCaptureFile(path);
  let n = 0;
  while (r.next()) n++;
  r.close();
  return n;
}

describe.skipIf(!usable)('the brief at a bash prompt, against pcapdump service on a veth pair', () => {
  let service: ChildProcess;
  let log = '';
  let sh: Bash;
  let other: Bash;

  beforeAll(async () => {
    wire.up();
    mkdirSync(bin);
    writeFileSync(join(bin, 'pcapdump'), `#!/bin/sh\nexec ${process.execPath} ${pcapdumpJs} "$@"\n`);
    chmodSync(join(bin, 'pcapdump'), 0o755);
    const config = join(dir, 'pcapdump.json');
    writeFileSync(config, JSON.stringify({ captureDir: captures, interfaces: { int: wire.capDev } }));
    service = spawn('ip', ['netns', 'exec', wire.nsCap, process.execPath, pcapdumpJs, '--config', config, '--socket', socket, 'service'], { stdio: ['ignore', 'ignore', 'pipe'] });
    service.stderr?.setEncoding('utf8').on('data', (d: string) => (log += d));
    const end = Date.now() + 15_000;
    while (!log.includes('listening on')) {
      if (Date.now() > end || service.exitCode !== null) throw new Error(`service did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    sh = new Bash();
    other = new Bash();
  });

  afterAll(async () => {
    sh?.child.stdin.end();
    other?.child.stdin.end();
    if (service && service.exitCode === null) {
      service.kill('SIGTERM');
      await Promise.race([new Promise((r) => service.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
      if (service.exitCode === null) service.kill('SIGKILL');
    }
    wire.down();
    rmSync(dir, { recursive: true, force: true });
  });

  test("DESIGN.md's words: > pcapdump -size 1024 ipsrc 192.168.0.1 tcp start int ... cleanup", async () => {
    expect(await sh.type('pcapdump -size 1024 ipsrc 192.168.0.1 tcp start int')).toEqual({ out: `int (${wire.capDev}): capturing with filter "tcp and ip src host 192.168.0.1"\n`, rc: 0 });
    wire.send([...wire.frames('tcp', 5), ...wire.frames('tcp-other', 3), ...wire.frames('udp', 4), ...wire.frames('pim', 2)]);
    await until(other, /running \*.*\s5\s+5\s/);
    // Another technician, another shell: the same capture.
    expect((await other.type('pcapdump status')).out).toMatch(new RegExp(`int \\(${wire.capDev}\\)\\s+running \\*\\s+5\\s+5\\s+0\\s[^\\n]*\\n\\s+-size 1024 tcp ipsrc 192\\.168\\.0\\.1\\n`));
    expect(await sh.type('pcapdump stop int')).toEqual({ out: `int (${wire.capDev}): stopped, 5 of 5 packets stored, not yet written\n`, rc: 0 });
    const shown = await other.type('pcapdump show');
    expect(shown.rc).toBe(0);
    expect(shown.out).toMatch(new RegExp(`^--- int \\(${wire.capDev}\\): 5 packets ---\\n`));
    expect(shown.out.match(/IP 192\.168\.0\.1\.\d+ > 10\.0\.0\.1\.80: Flags \[S\]/g)).toHaveLength(5);
    expect((await sh.type('pcapdump write int capture.cap')).out).toMatch(/^int \(pdxc\w+\): wrote 5 packets \(\d+ B, pcap\) to capture\.cap in\s+\S+\/captures\n$/);
    expect(count(join(captures, 'capture.cap'))).toBe(5);
    expect(await sh.type('pcapdump wipe')).toEqual({ out: `wiped int (${wire.capDev})\n`, rc: 0 });

    expect((await sh.type('pcapdump -p -c 20 ipsrc 192.168.0.1 ipdest 10.0.0.1 proto 103 start int')).rc).toBe(0);
    wire.send([...wire.frames('tcp', 3), ...wire.frames('pim', 25)]);
    await until(other, /count reached/);
    const status = await sh.type('pcapdump status');
    expect(status.out).toMatch(/count reached \*\s+20\s+20\s+0\s[^\n]*\n\s+-size 512 -c 20 -p proto 103/);
    expect((await sh.type('pcapdump write int pim.pcapng')).out).toMatch(/^int \(pdxc\w+\): wrote 20 packets .*pcapng/);
    expect(await sh.type('pcapdump wipe int')).toEqual({ out: `wiped int (${wire.capDev})\n`, rc: 0 });

    expect((await sh.type('pcapdump -s 64 ipsrc 192.168.0.1 ipdest 10.0.0.1 tcp start int')).rc).toBe(0);
    wire.send(wire.frames('tcp', 6, 300));
    await until(other, /running \*.*\s6\s+6\s/);
    expect((await sh.type('pcapdump stop int')).out).toContain('stopped, 6 of 6 packets stored, not yet written');
    // Bad input at the prompt: one line, the status says which kind, nothing changed.
    expect(await sh.type('pcapdump -c x start int')).toEqual({ out: 'pcapdump: -c needs a packet count, got "x"\n', rc: 2 });
    expect(await sh.type('pcapdump start int')).toEqual({ out: 'pcapdump: int holds 6 packets not yet written: write int FILE or wipe int first\n', rc: 1 });
    expect((await sh.type('pcapdump write int snap.cap')).rc).toBe(0);
    expect(await sh.type('pcapdump write int ../x.cap')).toEqual({ out: 'pcapdump: write: "../x.cap" is a path; give a file name only (it goes in the capture directory)\n', rc: 1 });
    const cleanup = await sh.type('pcapdump cleanup');
    expect(cleanup.rc).toBe(0);
    expect(cleanup.out).toMatch(/^cleanup: stopped 0 captures, freed 1 buffer, deleted 3 files \(capture\.cap,\s+pim\.pcapng,\s+snap\.cap\)\n$/);
    expect(readdirSync(captures).filter((f) => !f.startsWith('.'))).toEqual([]);
  });

  test('the issue\'s words: > pcapdump -size 2048 start int, stop int, show, write int capture.cap, clean', async () => {
    expect((await sh.type('pcapdump -size 2048 start int')).out).toBe(`int (${wire.capDev}): capturing\n`);
    wire.send([...wire.frames('tcp', 4), ...wire.frames('udp', 3)]);
    await until(other, /running \*.*\s7\s+7\s/);
    expect((await sh.type('pcapdump stop int')).out).toBe(`int (${wire.capDev}): stopped, 7 of 7 packets stored, not yet written\n`);
    const shown = await other.type('pcapdump show');
    expect(shown.out.trimEnd().split('\n')).toHaveLength(8);
    expect((await sh.type('pcapdump write int capture.cap')).out).toMatch(/^int \(pdxc\w+\): wrote 7 packets/);
    const td = spawnSync('tcpdump', ['-nn', '-r', join(captures, 'capture.cap')], { encoding: 'utf8' });
    expect(td.stdout.trim().split('\n')).toHaveLength(7);
    expect((await sh.type('pcapdump clean')).out).toBe('cleanup: stopped 0 captures, freed 1 buffer, deleted 1 file (capture.cap)\n');
    console.log(`the shell session:\n${sh.transcript.join('\n')}`);
    // Every command is in the audit log, with who and from where.
    expect(log).toMatch(/audit: session=\d+ face="command" user="root" from="local" event=command command="-size 2048 start int" result=ok detail="started int \(pdxc/);
  });
});
