import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openCaptureFile } from '../../src/capture/file.js';
import { buildMissing, haveBuild, pcapdumpJs } from '../support/cli.js';
import { haveTool } from '../support/referee.js';
import { ExampleWire, type ExampleFrames } from './example-wire.js';
import { isRoot } from './net.js';

/**
 * Every example of DESIGN.md "The user's words", typed into pcapdump's line mode
 * (a pipe), with `int` an alias of a real interface. Both ends of the veth pair live in
 * namespaces of the test's own, so the example addresses (192.168.0.1, 10.0.0.1) exist
 * only on that wire and nothing can be routed anywhere else.
 */
const usable = isRoot && haveBuild && haveTool('tcpreplay') && haveTool('tcpdump');
if (!isRoot) console.log('not root: DESIGN.md examples on a live interface skipped');
if (!haveBuild) console.log(buildMissing);

const dir = mkdtempSync(join(tmpdir(), 'pcapdump-examples-'));
const captures = join(dir, 'captures');
const wire = new ExampleWire(dir);
const { nsCap, capDev } = wire;
const frames = (kind: ExampleFrames, n: number, payload = 0) => wire.frames(kind, n, payload);
const send = (list: Buffer[]) => wire.send(list);

/** pcapdump in line mode, fed one command at a time; resolves when `expect` has appeared. */
class LineMode {
  private out = '';
  private err = '';
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number>;

  constructor(config: string) {
    this.child = spawn('ip', ['netns', 'exec', nsCap, process.execPath, pcapdumpJs, '--config', config, '--dir', captures], { env: { ...process.env, TZ: 'UTC' } });
    this.child.stdout.setEncoding('utf8').on('data', (d: string) => (this.out += d));
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (this.err += d));
    this.exited = new Promise((r) => this.child.on('close', (code) => r(code ?? -1)));
  }

  async say(line: string, expectOut: string | RegExp, timeoutMs = 5000): Promise<string> {
    const from = this.out.length;
    const fromErr = this.err.length;
    this.child.stdin.write(line + '\n');
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const got = this.out.slice(from) + this.err.slice(fromErr);
      if (typeof expectOut === 'string' ? got.includes(expectOut) : expectOut.test(got)) {
        await new Promise((r) => setTimeout(r, 50));
        return this.out.slice(from) + this.err.slice(fromErr);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`"${line}" never answered ${expectOut}; stdout:\n${this.out.slice(from)}\nstderr:\n${this.err.slice(fromErr)}`);
  }
}

function packetsIn(path: string): { n: number; capLens: number[]; origLens: number[] } {
  const r = openCaptureFile(path);
  const capLens: number[] = [];
  const origLens: number[] = [];
  for (let p = r.next(); p; p = r.next()) {
    capLens.push(p.capLen);
    origLens.push(p.origLen);
  }
  r.close();
  return { n: capLens.length, capLens, origLens };
}

describe.skipIf(!usable)("DESIGN.md's examples in line mode", () => {
  let pd: LineMode;

  beforeAll(() => {
    wire.up();
    const config = join(dir, 'pcapdump.json');
    writeFileSync(config, JSON.stringify({ interfaces: { int: capDev } }));
    pd = new LineMode(config);
  });

  afterAll(async () => {
    pd?.child.stdin.end();
    await Promise.race([pd?.exited, new Promise((r) => setTimeout(r, 3000))]);
    pd?.child.kill('SIGKILL');
    wire.down();
    rmSync(dir, { recursive: true, force: true });
  });

  test('> pcapdump -size 1024 ipsrc 192.168.0.1 tcp start int, stop int, show, write int capture.cap', async () => {
    await pd.say('pcapdump -size 1024 ipsrc 192.168.0.1 tcp start int', `int (${capDev}): capturing with filter "`);
    send([...frames('tcp', 5), ...frames('tcp-other', 3), ...frames('udp', 4), ...frames('pim', 2)]);
    await new Promise((r) => setTimeout(r, 300));
    await pd.say('pcapdump stop int', `int (${capDev}): stopped, 5 of 5 packets stored, not yet written`);
    const shown = await pd.say('pcapdump show', /--- int .*: 5 packets ---\n(.*\n){5}/);
    expect(shown.match(/IP 192\.168\.0\.1\.\d+ > 10\.0\.0\.1\.80: Flags \[S\]/g)).toHaveLength(5);
    await pd.say('pcapdump write int capture.cap', /int \(.*\): wrote 5 packets .* to capture\.cap/);
    expect(packetsIn(join(captures, 'capture.cap')).n).toBe(5);
    const td = spawnSync('tcpdump', ['-nn', '-r', join(captures, 'capture.cap')], { encoding: 'utf8' });
    expect(td.stdout.trim().split('\n')).toHaveLength(5);
  });

  test('> pcapdump wipe, then pcapdump -p -c 20 ipsrc 192.168.0.1 ipdest 10.0.0.1 proto 103 start int', async () => {
    await pd.say('pcapdump wipe', `wiped int (${capDev})`);
    await pd.say('pcapdump -p -c 20 ipsrc 192.168.0.1 ipdest 10.0.0.1 proto 103 start int', 'capturing with filter');
    send([...frames('tcp', 3), ...frames('pim', 25)]);
    await pd.say('', `int (${capDev}): count reached, 20 of 20 packets stored, not yet written`);
    // The brief's next step: stop after the count was reached is not an error.
    await pd.say('pcapdump stop int', `int (${capDev}): already ended (count reached), 20 of 20 packets stored, not yet written`);
    const status = await pd.say('pcapdump status', /int \(.*\):?\s+count reached \*/);
    // A table row, or a block where the test's veth name makes the row too wide for 80 columns.
    expect(status).toMatch(/count reached \*(\s+20\s+20\s+0\s|, ).*\n  -size 512 -c 20 -p proto 103 ipsrc 192\.168\.0\.1 ipdest 10\.0\.0\.1\n/);
    await pd.say('pcapdump write int pim.pcapng', /int \(.*\): wrote 20 packets .*pcapng/);
    expect(packetsIn(join(captures, 'pim.pcapng')).n).toBe(20);
  });

  test('> pcapdump -s 64 ipsrc 192.168.0.1 ipdest 10.0.0.1 tcp start int', async () => {
    await pd.say('pcapdump wipe int', `wiped int (${capDev})`);
    await pd.say('pcapdump -s 64 ipsrc 192.168.0.1 ipdest 10.0.0.1 tcp start int', 'capturing with filter');
    send(frames('tcp', 6, 300));
    await new Promise((r) => setTimeout(r, 300));
    await pd.say('pcapdump stop int', 'stopped, 6 of 6 packets stored');
    await pd.say('pcapdump write int snap.cap', `int (${capDev}): wrote 6 packets`);
    const got = packetsIn(join(captures, 'snap.cap'));
    expect(got.capLens).toEqual(Array(6).fill(64));
    expect(got.origLens).toEqual(Array(6).fill(14 + 20 + 20 + 300));
  });

  test('bad input on a live console: one line, exit status of the last failure, state unchanged', async () => {
    await pd.say('pcapdump start int', 'capturing');
    send(frames('tcp', 2));
    await new Promise((r) => setTimeout(r, 300));
    await pd.say('pcapdump stop int', 'stopped, 2 of 2 packets stored');
    await pd.say('pcapdump start int', 'pcapdump: int holds 2 packets not yet written: write int FILE or wipe int first');
    await pd.say('pcapdump status', /int \(.*\):?\s+stopped \*/);
    await pd.say('pcapdump write int snap.cap', 'snap.cap already exists');
    await pd.say('pcapdump -c x start int', 'pcapdump: -c needs a packet count, got "x"');
    await pd.say('pcapdump write int ../x.cap', 'pcapdump: write: "../x.cap" is a path');
  });

  test('> pcapdump cleanup deletes the files it wrote and frees everything', async () => {
    writeFileSync(join(captures, 'not-ours.cap'), 'kept');
    await pd.say('pcapdump cleanup', /cleanup: stopped 0 captures, freed 1 buffer, deleted 3 files/);
    expect(readdirSync(captures).sort()).toEqual(['not-ours.cap']);
    await pd.say('pcapdump status', 'no captures');
    pd.child.stdin.end();
    // The last command that failed was the write of "../x.cap": a command error, status 1.
    expect(await pd.exited).toBe(1);
    expect(existsSync(join(captures, '.pcapdump-manifest.json'))).toBe(false);
  });
});
