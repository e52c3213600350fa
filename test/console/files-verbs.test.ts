import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { Engine, type Result } from '../../src/console/engine.js';
import { CommandError, UsageError } from '../../src/console/errors.js';
import { expandTime } from '../../src/console/files.js';
import { parseCommand } from '../../src/console/grammar.js';
import { filesTable, renderResult, statusLine, statusTable } from '../../src/ui/render.js';
import { EtherType, ethernet, ipv4, udp } from '../../samples/frames.js';
import { FakeKind } from './fake-source.js';

const frame = (n: number) =>
  ethernet({ dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', type: EtherType.IPV4, payload: ipv4({ src: '192.168.0.2', dst: '10.0.0.1', payload: udp({ sport: 2000 + n, dport: 53, payload: 'x' }) }) });

let dir: string;
let kind: FakeKind;
let engine: Engine;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pcapdump-files-'));
  kind = new FakeKind(['eth0', 'eth1']);
  engine = new Engine({ config: { captureDir: dir, interfaces: { int: 'eth1' } }, kinds: [kind] });
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

async function ok<K extends Result['kind']>(line: string, k: K): Promise<Extract<Result, { kind: K }>> {
  const r = await engine.run(line);
  expect(r.kind).toBe(k);
  return r as Extract<Result, { kind: K }>;
}

async function fails(line: string): Promise<string> {
  const before = JSON.stringify(engine.status().map(({ elapsedMs, timeLeftMs, ...s }) => s));
  try {
    await engine.run(line);
  } catch (err) {
    expect(err instanceof CommandError || err instanceof UsageError).toBe(true);
    expect(JSON.stringify(engine.status().map(({ elapsedMs, timeLeftMs, ...s }) => s))).toBe(before);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${line}`);
}

const lines = (r: Result) => {
  const out: string[] = [];
  renderResult(r, (l) => out.push(l));
  return out;
};

describe('-t SECONDS', () => {
  test('stops the capture by itself at the time (state "time reached"); status tells the time left', async () => {
    vi.useFakeTimers();
    await ok('-t 60 udp start int', 'started');
    kind.deliver('eth1', [frame(1)]);
    vi.advanceTimersByTime(12_000);
    const [s] = engine.status();
    expect(s).toMatchObject({ state: 'running', options: '-size 512 -t 60', timeLeftMs: 48_000 });
    expect(statusLine(s)).toMatch(/^int \(eth1\) running 00:12 \(00:48 left\): 1/);
    const table: string[] = [];
    statusTable([s], (l) => table.push(l));
    expect(table[2]).toBe('  -size 512 -t 60 udp (00:48 left)');
    const changes: string[] = [];
    engine.onChange((c) => changes.push(c.state));
    vi.advanceTimersByTime(48_000);
    expect(engine.status()[0]).toMatchObject({ state: 'time reached', timeLeftMs: null, stored: 1 });
    expect(changes).toEqual(['time reached']);
    expect(kind.isRunning('eth1')).toBe(false);
    // As with -c: stop afterwards says how it ended, and the buffer is kept.
    expect(lines(await ok('stop int', 'stopped'))).toEqual(['int (eth1): already ended (time reached), 1 of 1 packet stored, not yet written']);
  });

  test('a capture stopped before its time has no timer left running', async () => {
    vi.useFakeTimers();
    await ok('-t 5 start eth0', 'started');
    await ok('stop eth0', 'stopped');
    vi.advanceTimersByTime(10_000);
    expect(engine.status()[0].state).toBe('stopped');
    expect(vi.getTimerCount()).toBe(0);
  });

  test.each([
    ['-t 0 start eth0', '-t needs a number of seconds from 1 to 2073600, got "0"'],
    ['-t 1.5 start eth0', '-t needs a number of seconds, got "1.5"'],
    ['-t start eth0', '-t needs a number of seconds, got "start"'],
    ['-t 99999999 start eth0', '-t needs a number of seconds from 1 to 2073600'],
  ])('%s: one line, nothing started', async (line, message) => {
    expect(await fails(line)).toContain(message);
    expect(kind.opened).toHaveLength(0);
  });
});

describe('write names by time', () => {
  test('%Y%m%d-%H%M%S (and the other digit conversions) fill in the local time of the write', () => {
    const when = new Date(2026, 10, 22, 3, 4, 5);
    expect(expandTime('cap-%Y%m%d-%H%M%S.pcap', when)).toBe('cap-20261122-030405.pcap');
    expect(expandTime('%y-%j-%%.cap', when)).toBe('26-326-%.cap');
    expect(expandTime('plain.cap', when)).toBe('plain.cap');
  });

  test('the written file carries the expanded name; a bad conversion or an unsafe result is one line', async () => {
    await ok('start eth0', 'started');
    kind.deliver('eth0', [frame(1)]);
    const w = await ok('write eth0 eth0-%Y%m%d-%H%M%S.cap', 'written');
    expect(w.path).toMatch(/\/eth0-\d{8}-\d{6}\.cap$/);
    expect(existsSync(w.path)).toBe(true);
    expect(await fails('write eth0 x-%Q.cap')).toBe('write: "%Q" in a file name: use %Y %y %m %d %H %M %S %j %s or %%');
    expect(await fails('write eth0 x-%%.cap')).toContain('unsafe file name "x-%.cap"');
    expect(await fails('write eth0 x-%')).toContain('"%" in a file name');
  });
});

describe('files and delete', () => {
  async function writeSome(name: string, n: number): Promise<void> {
    await ok('wipe', 'wiped');
    await ok('start eth0', 'started');
    kind.deliver('eth0', Array.from({ length: n }, (_, i) => frame(i)), 1_763_780_000);
    await ok(`write eth0 ${name}`, 'written');
  }

  test('files: size, packets, first and last time, and which pcapdump wrote', async () => {
    await writeSome('ours.cap', 3);
    await writeSome('ours.pcapng', 2);
    writeFileSync(join(dir, 'notes.txt'), 'not a capture');
    execFileSync('cp', [join(dir, 'ours.cap'), join(dir, 'copy.cap')]);
    // Cut short: the packets before the cut are counted, and the fault said.
    writeFileSync(join(dir, 'cut.cap'), readFileSync(join(dir, 'ours.cap')).subarray(0, 24 + 16 + 60 + 20));
    const r = await ok('files', 'files');
    expect(r.files.map((f) => [f.name, f.ours, f.packets])).toEqual([
      ['copy.cap', false, 3],
      ['cut.cap', false, 1],
      ['notes.txt', false, null],
      ['ours.cap', true, 3],
      ['ours.pcapng', true, 2],
    ]);
    const ours = r.files.find((f) => f.name === 'ours.cap');
    expect(ours).toMatchObject({ firstMs: 1_763_780_000_000, lastMs: 1_763_780_000_002 });
    expect(r.files.find((f) => f.name === 'cut.cap')?.problem).toMatch(/byte|truncated|cut|short/i);
    const text = lines(r);
    expect(text.filter((l) => l.length > 80)).toEqual([]);
    expect(text[1]).toMatch(/^NAME\s+SIZE\s+PACKETS\s+FIRST\s+LAST$/);
    expect(text.find((l) => l.startsWith('ours.cap *'))).toMatch(/^ours\.cap \*\s+\d+ B\s+3\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\d\d:\d\d:\d\d$/);
    expect(text[text.findIndex((l) => l.startsWith('notes.txt')) + 1]).toMatch(/^  not a capture file: /);
    expect(text.at(-1)).toBe('* written by pcapdump: delete and cleanup remove only these');
  });

  test('files never follows a link, never opens a FIFO, never lists hidden temp files', async () => {
    await writeSome('ours.cap', 1);
    symlinkSync('/etc/passwd', join(dir, 'link.cap'));
    execFileSync('mkfifo', [join(dir, 'fifo.cap')]);
    writeFileSync(join(dir, '.ours.cap.123.tmp'), 'x');
    const r = await ok('files', 'files');
    expect(r.files.map((f) => f.name)).toEqual(['ours.cap']);
  });

  test('a long name or a span over midnight still fits 80 columns (a block per file)', () => {
    const out: string[] = [];
    filesTable(dir, [{ name: `${'n'.repeat(60)}.pcapng`, size: 123456789, mtimeMs: 0, ours: true, packets: 1234567, firstMs: Date.UTC(2026, 0, 1, 12), lastMs: Date.UTC(2026, 0, 3, 12) }], (l) => out.push(l));
    expect(out.filter((l) => l.length > 80)).toEqual([]);
    expect(out.join('\n')).toMatch(/1234567 packets, 2026-01-0\d \d\d:00:00 to 2026-01-0\d \d\d:00:00/);
  });

  test('delete removes a file pcapdump wrote, and only such a file', async () => {
    await writeSome('ours.cap', 2);
    await writeSome('changed.cap', 2);
    writeFileSync(join(dir, 'theirs.cap'), 'x');
    expect(lines(await ok('delete ours.cap', 'deleted'))).toEqual([`deleted ours.cap from ${dir}`]);
    expect(existsSync(join(dir, 'ours.cap'))).toBe(false);
    expect(await fails('delete ours.cap')).toBe('delete: no file ours.cap in the capture directory');
    expect(await fails('delete theirs.cap')).toBe('delete: theirs.cap was not written by pcapdump: not deleted');
    utimesSync(join(dir, 'changed.cap'), new Date(), new Date(2000, 0, 1));
    expect(await fails('delete changed.cap')).toBe('delete: changed.cap changed since pcapdump wrote it: not deleted');
    expect(await fails('delete ../etc/passwd')).toBe('delete: "../etc/passwd" is not a file name of the capture directory');
    expect(await fails('delete .pcapdump-manifest.json')).toContain('is not a file name of the capture directory');
    expect(existsSync(join(dir, 'theirs.cap')) && existsSync(join(dir, 'changed.cap'))).toBe(true);
    // The deleted file left the manifest: cleanup has nothing more of it to delete.
    expect((await ok('cleanup', 'cleanup')).deleted).toEqual([]);
  });

  test('grammar: delete needs one file name; rm and del mean delete', () => {
    expect(parseCommand('delete a.cap')).toEqual({ verb: 'delete', file: 'a.cap' });
    expect(parseCommand('files')).toEqual({ verb: 'files' });
    expect(() => parseCommand('delete')).toThrow('delete needs a file name: delete FILE');
    expect(() => parseCommand('delete a.cap b.cap')).toThrow('delete: unexpected "b.cap"');
    expect(() => parseCommand('files x')).toThrow('files: unexpected "x"');
    expect(() => parseCommand('rm a.cap')).toThrow('unknown command "rm" (did you mean "delete"?)');
    expect(() => parseCommand('ls')).toThrow('unknown command "ls" (did you mean "files"?)');
  });
});
