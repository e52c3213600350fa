import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Engine, type Result } from '../../src/console/engine.js';
import { parseConfig } from '../../src/console/config.js';
import { CommandError, UsageError } from '../../src/console/errors.js';
import { CAPTURE_GROUP, groupId } from '../../src/console/files.js';
import { parseProgramFlags } from '../../src/console/flags.js';
import { openCaptureFile } from '../../src/capture/file.js';
import { EtherType, ethernet, ipv4, tcp, udp } from '../../samples/frames.js';
import { haveTool, run } from '../support/referee.js';
import { EagerKind, FakeKind } from './fake-source.js';

const mac = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', type: EtherType.IPV4 };
const tcpFrame = (n: number) => ethernet({ ...mac, payload: ipv4({ src: '192.168.0.1', dst: '10.0.0.1', payload: tcp({ sport: 1000 + n, dport: 80, flags: 'S', seq: n }) }) });
const udpFrame = (n: number) => ethernet({ ...mac, payload: ipv4({ src: '192.168.0.2', dst: '10.0.0.1', payload: udp({ sport: 2000 + n, dport: 53, payload: 'x'.repeat(100) }) }) });

let dir: string;
let kind: FakeKind;
let engine: Engine;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pcapdump-engine-'));
  kind = new FakeKind(['eth1', 'eth0', 'lo']);
  engine = new Engine({ config: { captureDir: dir, interfaces: { int: 'eth1', ext: 'eth0' } }, kinds: [kind] });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function fails(line: string, kindOf: typeof UsageError | typeof CommandError = CommandError): Promise<string> {
  const before = JSON.stringify(engine.status().map(({ elapsedMs, ...s }) => s));
  try {
    await engine.run(line);
  } catch (err) {
    expect(err).toBeInstanceOf(kindOf);
    // State unchanged by a refused command.
    expect(JSON.stringify(engine.status().map(({ elapsedMs, ...s }) => s))).toBe(before);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${line}`);
}

async function ok<K extends Result['kind']>(line: string, k: K): Promise<Extract<Result, { kind: K }>> {
  const r = await engine.run(line);
  expect(r.kind).toBe(k);
  return r as Extract<Result, { kind: K }>;
}

describe('start, stop, status', () => {
  test('an alias starts on its interface with the kernel filter compiled from the words', async () => {
    const r = await ok('pcapdump -size 1024 ipsrc 192.168.0.1 tcp start int', 'started');
    expect(r.device).toBe('eth1');
    expect(kind.opened[0].bpf).toBe('tcp and ip src host 192.168.0.1');
    kind.deliver('eth1', [tcpFrame(1), tcpFrame(2)]);
    const [s] = engine.status();
    expect(s).toMatchObject({ iface: 'int', device: 'eth1', state: 'running', stored: 2, seen: 2, sizeBytes: 1024 * 1024, kernelDrops: 3 });
    expect(s.options).toBe('-size 1024');
    await ok('stop int', 'stopped');
    expect(engine.status()[0].state).toBe('stopped');
    expect(kind.isRunning('eth1')).toBe(false);
  });

  test('-c stops by itself, -s cuts, options shown as typed', async () => {
    await ok('-c 3 -s 64 start lo', 'started');
    expect(kind.opened[0].snapLen).toBe(64);
    const changes: string[] = [];
    engine.onChange((s) => changes.push(s.state));
    kind.deliver('lo', [udpFrame(1), udpFrame(2), udpFrame(3), udpFrame(4), udpFrame(5)]);
    const [s] = engine.status();
    expect(s).toMatchObject({ state: 'count reached', stored: 3, seen: 3, options: '-size 512 -s 64 -c 3' });
    expect(changes).toEqual(['count reached']);
    expect(kind.isRunning('lo')).toBe(false);
  });

  test('several interfaces at once, each its own buffer; stop with no IFACE stops all', async () => {
    await ok('-size 64 tcp start eth0', 'started');
    await ok('-size 128 udp start eth1', 'started');
    kind.deliver('eth0', [tcpFrame(1)]);
    kind.deliver('eth1', [udpFrame(1), udpFrame(2)]);
    expect(engine.status().map((s) => [s.device, s.stored, s.sizeBytes])).toEqual([
      ['eth0', 1, 64 * 1024],
      ['eth1', 2, 128 * 1024],
    ]);
    const r = await ok('stop', 'stopped');
    expect(r.captures.map((c) => c.device)).toEqual(['eth0', 'eth1']);
    expect((await ok('stop', 'stopped')).captures).toEqual([]);
  });

  test('an error from the source leaves the buffer readable and writable', async () => {
    await ok('start eth0', 'started');
    kind.deliver('eth0', [tcpFrame(1), tcpFrame(2)]);
    kind.fail('eth0', 'interface eth0 disappeared');
    expect(engine.status()[0]).toMatchObject({ state: 'error', error: 'interface eth0 disappeared', stored: 2 });
    expect((await ok('show eth0', 'show')).sections[0].packets).toBe(2);
    expect((await ok('write eth0 after-error.cap', 'written')).packets).toBe(2);
  });

  test('-ou keeps nothing; -o stores and streams to the session that started it', async () => {
    const seen: string[] = [];
    await engine.run('-ou start eth0', { sink: (iface) => seen.push(iface) });
    await engine.run('-o start eth1', { sink: (iface) => seen.push(iface) });
    kind.deliver('eth0', [tcpFrame(1)]);
    kind.deliver('eth1', [tcpFrame(1)]);
    expect(seen).toEqual(['eth0', 'eth1']);
    expect(engine.status().map((s) => s.stored)).toEqual([0, 1]);
    expect(await fails('write eth0 x.cap')).toContain('keeps no packets (started with -ou)');
  });
});

describe('nothing captured is dropped unasked', () => {
  test('start over unwritten packets refuses; write or wipe first', async () => {
    await ok('start int', 'started');
    kind.deliver('eth1', [tcpFrame(1)]);
    expect(await fails('start int')).toBe('int is already capturing: stop int first');
    await ok('stop int', 'stopped');
    expect(await fails('tcp start int')).toBe('int holds 1 packet not yet written: write int FILE or wipe int first');
    await ok('write int first.cap', 'written');
    await ok('start int', 'started');
    expect(kind.opened).toHaveLength(2);
  });

  test('wipe frees the buffer so start may begin anew', async () => {
    await ok('start eth0', 'started');
    kind.deliver('eth0', [tcpFrame(1)]);
    await ok('stop eth0', 'stopped');
    expect((await ok('wipe eth0', 'wiped')).captures).toEqual([{ iface: 'eth0', device: 'eth0' }]);
    expect(engine.status()).toEqual([]);
    await ok('start eth0', 'started');
  });

  test('exit reports unwritten captures', async () => {
    await ok('start eth0', 'started');
    kind.deliver('eth0', [tcpFrame(1)]);
    expect((await ok('exit', 'exit')).unwritten.map((s) => s.iface)).toEqual(['eth0']);
  });
});

describe('write', () => {
  test('classic pcap and pcapng, read back by us and by tcpdump', async () => {
    await ok('start int', 'started');
    kind.deliver('eth1', [tcpFrame(1), udpFrame(2), tcpFrame(3)]);
    const a = await ok('write int capture.cap', 'written');
    const b = await ok('write int capture.pcapng', 'written');
    expect([a.format, b.format, a.packets, b.packets]).toEqual(['pcap', 'pcapng', 3, 3]);
    for (const path of [a.path, b.path]) {
      const r = openCaptureFile(path);
      let n = 0;
      while (r.next()) n++;
      r.close();
      expect(n).toBe(3);
      if (haveTool('tcpdump')) {
        const t = run('tcpdump', ['-nn', '-r', path]);
        expect(t.code).toBe(0);
        expect(t.stdout.trim().split('\n')).toHaveLength(3);
      }
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test.each([
    ['../escape.cap', 'is a path'],
    ['/etc/passwd.cap', 'is a path'],
    ['my file.cap', 'unsafe file name'],
    ['.hidden.cap', 'unsafe file name'],
    ['a'.repeat(62) + '.cap', 'unsafe file name'],
    ['capture.txt', 'needs the extension .cap, .pcap'],
    ['capture', 'needs the extension'],
  ])('refuses %s', async (name, message) => {
    await ok('start eth0', 'started');
    kind.deliver('eth0', [tcpFrame(1)]);
    expect(await fails(`write eth0 "${name}"`)).toContain(message);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('never overwrites a file', async () => {
    writeFileSync(join(dir, 'taken.cap'), 'precious');
    await ok('start eth0', 'started');
    kind.deliver('eth0', [tcpFrame(1)]);
    expect(await fails('write eth0 taken.cap')).toContain('taken.cap already exists');
    expect(readFileSync(join(dir, 'taken.cap'), 'utf8')).toBe('precious');
    expect(readdirSync(dir)).toEqual(['taken.cap']);
  });
});

describe('cleanup deletes what pcapdump wrote, nothing else', () => {
  test('files written go; other files, replaced files and links stay', async () => {
    writeFileSync(join(dir, 'someone-elses.cap'), 'keep');
    await ok('start eth0', 'started');
    kind.deliver('eth0', [tcpFrame(1)]);
    await ok('write eth0 ours.cap', 'written');
    await ok('write eth0 replaced.cap', 'written');
    await ok('write eth0 linked.pcap', 'written');
    // Someone replaces one written file and swaps another for a link to their own file.
    rmSync(join(dir, 'replaced.cap'));
    writeFileSync(join(dir, 'replaced.cap'), 'theirs now');
    rmSync(join(dir, 'linked.pcap'));
    symlinkSync(join(dir, 'someone-elses.cap'), join(dir, 'linked.pcap'));
    const r = await ok('clean', 'cleanup');
    expect(r).toMatchObject({ stopped: ['eth0'], freed: ['eth0'], deleted: ['ours.cap'] });
    expect(readdirSync(dir).sort()).toEqual(['linked.pcap', 'replaced.cap', 'someone-elses.cap']);
    expect(engine.status()).toEqual([]);
  });
});

describe('bad input: one line, nothing changes', () => {
  test.each([
    ['start eth9', 'no interface "eth9"; known: eth0, eth1, ext, int, lo', CommandError],
    ['stop eth0', 'no capture on eth0', CommandError],
    ['stop eth9', 'no interface "eth9"', CommandError],
    ['show eth0', 'no capture on eth0', CommandError],
    ['write eth0 a.cap', 'no capture on eth0', CommandError],
    ['wipe eth0', 'no capture on eth0', CommandError],
    ['ipsrc 300.1.1.1 start eth0', 'ipsrc needs an IP address', UsageError],
    ['-size x start eth0', '-size needs a buffer size', UsageError],
  ] as const)('%s', async (line, message, kindOf) => {
    await ok('start lo', 'started');
    expect(await fails(line, kindOf)).toContain(message);
  });

  test('stopping a capture that already ended succeeds and tells how it ended (the brief\'s -c then stop)', async () => {
    await ok('-p -c 2 ipsrc 192.168.0.1 start int', 'started');
    kind.deliver('eth1', [tcpFrame(1), tcpFrame(2), tcpFrame(3)]);
    const r = await ok('stop int', 'stopped');
    expect(r.endedEarlier).toEqual(['eth1']);
    expect(r.captures[0]).toMatchObject({ iface: 'int', state: 'count reached', stored: 2, seen: 2 });
    await ok('start eth0', 'started');
    await ok('stop eth0', 'stopped');
    const again = await ok('stop eth0', 'stopped');
    expect(again.endedEarlier).toEqual(['eth0']);
    expect(again.captures[0].state).toBe('stopped');
  });

  test('pseudo-devices are not offered, and still start when typed in full; a long list is cut to fit a line', async () => {
    const pseudo = ['bluetooth-monitor', 'dbus-session', 'dbus-system', 'nflog', 'nfqueue'];
    const many = Array.from({ length: 30 }, (_, i) => `veth${i}`);
    kind = new FakeKind(['eth0', 'lo', ...many], pseudo);
    engine = new Engine({ config: { captureDir: dir, interfaces: { int: 'eth1' } }, kinds: [kind] });
    for (const p of pseudo) expect(engine.interfaceNames()).not.toContain(p);
    const message = await fails('start nosuch0');
    for (const p of pseudo) expect(message).not.toContain(p);
    expect(message).toMatch(/^no interface "nosuch0"; known: eth0, int, lo, veth0, .*\.\.\. \(\d+ more\)$/);
    expect(`pcapdump: ${message}`.length).toBeLessThanOrEqual(80);
    await ok('start nflog', 'started');
    expect(kind.opened.at(-1)?.device).toBe('nflog');
  });

  test('a source that will not open is one line and no capture', async () => {
    kind.failWith = "eth0: You don't have permission to capture on that device";
    expect(await fails('start eth0')).toBe("start eth0: eth0: You don't have permission to capture on that device");
    expect(engine.status()).toEqual([]);
    expect(existsSync(join(dir, '.pcapdump-manifest.json'))).toBe(false);
  });
});

describe('write where the capture directory cannot be written', () => {
  test('one line naming the path and the reason, packets kept', async () => {
    const blocked = join(dir, 'not-a-dir');
    writeFileSync(blocked, 'a file where the directory should be');
    const e2 = new Engine({ config: { captureDir: join(blocked, 'captures'), interfaces: {} }, kinds: [kind] });
    await e2.run('start eth0');
    kind.deliver('eth0', [tcpFrame(1)]);
    await expect(e2.run('write eth0 x.cap')).rejects.toThrow(/^write: cannot create .*not-a-dir\/captures\/x\.cap: (ENOTDIR|EEXIST)$/);
    expect(e2.status()[0]).toMatchObject({ stored: 1, unwritten: true });
  });
});

describe('sessions sharing one Engine (a gateway)', () => {
  test('stopStreams stops only the -o/-ou captures streaming to that session', async () => {
    const a = { sink: () => undefined };
    const b = { sink: () => undefined };
    await engine.run('-o start eth0', a);
    await engine.run('-ou start eth1', b);
    await engine.run('start lo', a);
    expect(engine.stopStreams(b).map((c) => c.device)).toEqual(['eth1']);
    expect(engine.stopStreams({})).toEqual([]);
    expect(engine.status().map((s) => [s.device, s.state])).toEqual([
      ['eth0', 'running'],
      ['eth1', 'stopped'],
      ['lo', 'running'],
    ]);
    expect(engine.stopStreams(a).map((c) => c.device)).toEqual(['eth0']);
    expect(engine.status().find((s) => s.device === 'lo')?.state).toBe('running');
  });
});

describe('state changes name the session that started the capture', () => {
  test('listeners get the starting session, so shared consoles report only their own', async () => {
    const a = { sink: () => undefined };
    const seen: [string, boolean][] = [];
    engine.onChange((s, sink) => seen.push([s.iface, sink === a.sink]));
    await engine.run('-c 1 start eth0', a);
    await engine.run('-c 1 start eth1', {});
    kind.deliver('eth0', [tcpFrame(1)]);
    kind.deliver('eth1', [tcpFrame(1)]);
    expect(seen).toEqual([
      ['eth0', true],
      ['eth1', false],
    ]);
  });
});

describe('packets that arrive before start has finished opening the source', () => {
  test('are kept, counted and stored', async () => {
    const eager = new EagerKind(['eth0'], [tcpFrame(1), tcpFrame(2)]);
    const e2 = new Engine({ config: { captureDir: dir, interfaces: {} }, kinds: [eager] });
    await e2.run('start eth0');
    expect(e2.status()[0]).toMatchObject({ state: 'running', stored: 2, seen: 2 });
  });
  test('an end reported that early still ends the capture', async () => {
    const eager = new EagerKind(['eth0'], [tcpFrame(1)], 'interface eth0 disappeared');
    const e2 = new Engine({ config: { captureDir: dir, interfaces: {} }, kinds: [eager] });
    await e2.run('start eth0');
    expect(e2.status()[0]).toMatchObject({ state: 'error', error: 'interface eth0 disappeared', stored: 1 });
  });
});

describe('files pcapdump writes, and what it leaves behind (issue 12)', () => {
  test('capture files are 0640 whatever the umask, group pcapdump where that group exists', async () => {
    const old = process.umask(0o002);
    try {
      await ok('start eth0', 'started');
      kind.deliver('eth0', [tcpFrame(1)]);
      await ok('write eth0 perm.cap', 'written');
    } finally {
      process.umask(old);
    }
    const st = statSync(join(dir, 'perm.cap'));
    expect((st.mode & 0o777).toString(8)).toBe('640');
    const gid = groupId(CAPTURE_GROUP);
    if (gid !== null) expect(st.gid).toBe(gid);
    else console.log('no group "pcapdump" on this machine: the file keeps the writer\'s group');
    expect(groupId('root')).toBe(0);
    expect(groupId('no-such-group-here')).toBeNull();
  });

  test('cleanup keeps a file that is no longer the one written: same inode, size and mtime, but a new ctime (a cp -p restore)', async () => {
    await ok('start eth0', 'started');
    kind.deliver('eth0', [tcpFrame(1)]);
    await ok('write eth0 kept.cap', 'written');
    await ok('write eth0 restored.cap', 'written');
    const backup = join(dir, '..', `backup-${process.pid}.cap`);
    const path = join(dir, 'kept.cap');
    const before = statSync(path);
    // The same inode with the same size and mtime, touched since: only its ctime tells.
    await new Promise((r) => setTimeout(r, 20));
    chmodSync(path, 0o640); // the same mode: only the ctime moves
    const after = statSync(path);
    expect([after.ino, after.size, after.mtimeMs]).toEqual([before.ino, before.size, before.mtimeMs]);
    expect(after.ctimeMs).not.toBe(before.ctimeMs);
    // And the real thing: a user's cp -p backup put back in place of the file written.
    const restored = join(dir, 'restored.cap');
    const ino = statSync(restored).ino;
    execFileSync('cp', ['-p', restored, backup]);
    rmSync(restored);
    execFileSync('cp', ['-p', backup, restored]);
    rmSync(backup);
    const r = await ok('cleanup', 'cleanup');
    expect(r.deleted).toEqual([]);
    expect(readdirSync(dir).filter((n) => !n.startsWith('.')).sort()).toEqual(['kept.cap', 'restored.cap']);
    console.log(`cp -p restore ${statSync(restored).ino === ino ? 'reused the inode number' : 'got a new inode number'}; kept either way`);
  });

  test('temp files of a write killed mid-way are removed at start and by cleanup; a live pcapdump\'s are not', async () => {
    await ok('start eth0', 'started');
    kind.deliver('eth0', [tcpFrame(1)]);
    await ok('write eth0 done.cap', 'written');
    // A pid that is no process: the write that made it is dead.
    const dead = 4_000_000 + (process.pid % 100_000);
    const stale = [`.big.cap.${dead}.tmp`, `.pcapdump-manifest.json.${dead}.tmp`];
    for (const n of stale) writeFileSync(join(dir, n), 'x'.repeat(1000));
    // Ours (this process is alive), a dir that only looks like one, and a name that is not one.
    const alive = [`.mine.cap.${process.pid}.tmp`, 'not-a-temp.tmp', `.x.cap.${dead}.tmp.bak`];
    for (const n of alive) writeFileSync(join(dir, n), 'keep');
    mkdirSync(join(dir, `.dir.cap.${dead}.tmp`));
    expect(new Engine({ config: { captureDir: dir, interfaces: {} }, kinds: [kind] }).removeStaleTemps().sort()).toEqual([...stale].sort());
    writeFileSync(join(dir, stale[0]), 'again');
    const r = await ok('cleanup', 'cleanup');
    expect(r).toMatchObject({ deleted: ['done.cap'], stale: [stale[0]] });
    expect(readdirSync(dir).sort()).toEqual([...alive, `.dir.cap.${dead}.tmp`].sort());
  });

  test('a pcapdump killed (SIGKILL) while writing leaves a temp file; the next start removes it', async () => {
    const victim = spawn(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(join(dir, '.huge.cap.'))} + process.pid + '.tmp', 'partial'); setInterval(() => {}, 1000)`, 'pcapdump-write']);
    const temp = join(dir, `.huge.cap.${victim.pid}.tmp`);
    while (!existsSync(temp)) await new Promise((r) => setTimeout(r, 10));
    // Its command line names pcapdump: while it lives, its temp file is left alone.
    expect(engine.removeStaleTemps()).toEqual([]);
    victim.kill('SIGKILL');
    await new Promise((r) => victim.on('close', r));
    expect(engine.removeStaleTemps()).toEqual([`.huge.cap.${victim.pid}.tmp`]);
  });
});

describe('names typed by the user are never looked up through the object prototype', () => {
  test.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])('start %s: no such interface, one line', async (name) => {
    const msg = await fails(`start ${name}`);
    expect(msg).toMatch(new RegExp(`^no interface "${name}"; known: eth0, eth1, `));
    expect(msg).not.toMatch(/function|native code|object/i);
  });

  test('a config alias or a replay named like a prototype member works like any other name', async () => {
    const aliases = parseConfig(JSON.stringify({ interfaces: { constructor: 'eth0', toString: 'eth1' } }), 'c.json').interfaces!;
    const e2 = new Engine({ config: { captureDir: dir, interfaces: aliases }, kinds: [kind] });
    expect((await e2.run('start constructor')).kind).toBe('started');
    expect(kind.opened.at(-1)?.device).toBe('eth0');
    await expect(e2.run('start hasOwnProperty')).rejects.toThrow(/no interface "hasOwnProperty"/);
    const flags = parseProgramFlags(['--replay', 'constructor=/x.pcap', '--replay', 'toString=/y.pcap']);
    expect({ ...flags.replays }).toEqual({ constructor: '/x.pcap', toString: '/y.pcap' });
  });
});
