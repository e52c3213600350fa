import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Engine, type PcapStream } from '../../src/console/engine.js';
import { parseCommand } from '../../src/console/grammar.js';
import { usageErrorOf } from '../support/grammar.js';
import { LocalAccess } from '../../src/console/link.js';
import { excludeConnection, StreamQueue } from '../../src/console/stream.js';
import { pcapFileHeader } from '../../src/pcap/writer.js';
import { formatFilter } from '../../src/filter/index.js';
import { readAll } from '../pcap/read-all.js';
import { auditLine } from '../../src/service/audit.js';
import { EtherType, ethernet, ipv4, udp } from '../../samples/frames.js';
import { FakeKind } from '../console/fake-source.js';
import { until } from '../support/wait.js';

const frame = (n: number, size = 60) =>
  ethernet({ dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', type: EtherType.IPV4, payload: ipv4({ src: '192.168.0.2', dst: '10.0.0.1', id: n, payload: udp({ sport: 2000, dport: 53, payload: 'x'.repeat(size) }) }) });

const dirs: string[] = [];
function engine(): { engine: Engine; kind: FakeKind } {
  const dir = mkdtempSync(join(tmpdir(), 'pcapdump-stream-'));
  dirs.push(dir);
  const kind = new FakeKind(['fake0', 'fake1']);
  return { engine: new Engine({ config: { captureDir: dir, interfaces: { int: 'fake0' } }, kinds: [kind] }), kind };
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function streamOf(e: Engine, line: string, session = {}): Promise<PcapStream> {
  const r = await e.run(line, session);
  if (r.kind !== 'stream') throw new Error(`not a stream: ${r.kind}`);
  return r.stream;
}

/** Every byte of a stream until it ends. */
async function drain(s: PcapStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let b = await s.next(); b !== null; b = await s.next()) parts.push(b);
  return Buffer.concat(parts);
}


describe('stream: the grammar', () => {
  test('the verb first (the issue) or just before IFACE (as start): the same command', () => {
    const a = parseCommand('stream -c 10 udp port 53 int');
    const b = parseCommand('pcapdump -c 10 udp port 53 stream int');
    for (const c of [a, b]) {
      if (c?.verb !== 'stream') throw new Error('not a stream');
      expect(c.iface).toBe('int');
      expect(c.options).toEqual({ snapLen: 0, count: 10, seconds: 0, promiscuous: false, force: false });
      expect(formatFilter(c.filter)).toBe('udp port 53');
    }
    expect(parseCommand('stream lo')).toMatchObject({ verb: 'stream', iface: 'lo' });
    expect(parseCommand('stream -s 96 -t 5 -p -force tcp lo')).toMatchObject({ options: { snapLen: 96, seconds: 5, promiscuous: true, force: true } });
  });

  test('bad input: one line naming what is wrong', () => {
    expect(usageErrorOf('stream')).toMatch(/stream needs an interface/);
    expect(usageErrorOf('stream udp')).toMatch(/needs an interface after the filter/);
    expect(usageErrorOf('stream -size 10 lo')).toMatch(/stream keeps no buffer and prints no lines: -size does not apply/);
    expect(usageErrorOf('stream -o lo')).toMatch(/-o does not apply/);
    expect(usageErrorOf('stream -c x lo')).toMatch(/-c needs a packet count, got "x"/);
    expect(usageErrorOf('stream -q lo')).toMatch(/unknown option "-q" \(stream takes -s -c -t -p -force\)/);
    expect(usageErrorOf('udp stream lo extra')).toMatch(/unexpected "extra"/);
    expect(usageErrorOf('stream udp stream lo')).toMatch(/"stream" given twice/);
    expect(usageErrorOf('stream ipsrc nonsense lo')).toMatch(/nonsense/);
    expect(usageErrorOf('-force udp start lo')).toMatch(/-force is for stream/);
  });
});

describe('stream: the queue between a capture and its reader', () => {
  test('the file header first, then a batch of records as one chunk', async () => {
    const q = new StreamQueue(pcapFileHeader({ linkType: 1, snapLen: 65535 }));
    expect((await q.next())?.length).toBe(24);
    const rec = Buffer.alloc(16 + 10);
    rec.writeUInt32LE(10, 8);
    q.push(rec, 0, 10);
    q.push(rec, 0, 10);
    const b = await q.next();
    expect(b?.length).toBe(52);
    q.end();
    expect(await q.next()).toBeNull();
  });

  test('a reader that does not take: past the limit packets are dropped and counted, memory stays put', () => {
    const q = new StreamQueue(pcapFileHeader({ linkType: 1, snapLen: 65535 }), 64 * 1024);
    const rec = Buffer.alloc(16 + 1000);
    for (let i = 0; i < 10_000; i++) q.push(rec, 0, 1000);
    expect(q.pending).toBeLessThanOrEqual(64 * 1024);
    expect(q.dropped).toBe(10_000 - Math.floor((64 * 1024 - 24) / 1016));
  });

  test('the filter that leaves one SSH connection out: both hosts, both ports; IPv4 seen through IPv6', () => {
    expect(excludeConnection({ clientAddress: '::ffff:192.0.2.7', clientPort: 51234, serverAddress: '::ffff:192.0.2.1', serverPort: 22 })).toBe(
      'not (host 192.0.2.7 and tcp port 51234 and host 192.0.2.1 and tcp port 22)',
    );
  });
});

describe('stream: the Engine', () => {
  test('pcap that tshark-grade readers take: header, records; -c ends it', async () => {
    const { engine: e, kind } = engine();
    const s = await streamOf(e, 'stream -c 3 udp int');
    expect(s.device).toBe('fake0');
    kind.deliver('fake0', [frame(1), frame(2)]);
    kind.deliver('fake0', [frame(3), frame(4)]);
    const bytes = await drain(s);
    const { packets, error } = readAll(bytes);
    expect(error).toBeUndefined();
    expect(packets.map((p) => p.data)).toEqual([frame(1), frame(2), frame(3)]);
    expect(s.status().state).toBe('count reached');
    expect(kind.isRunning('fake0')).toBe(false);
    expect(e.status()).toEqual([]);
  });

  test('a stream beside a capture into a ring on the same interface; status tells them apart; cleanup stops it', async () => {
    const { engine: e, kind } = engine();
    await e.run('start int');
    const s = await streamOf(e, 'stream int', { who: 'tech (ssh, ssh 192.0.2.7 port 51234)' });
    const rows = e.status();
    expect(rows.map((r) => r.stream?.to ?? 'ring')).toEqual(['ring', 'tech (ssh, ssh 192.0.2.7 port 51234)']);
    expect(rows[1].options).toBe('stream');
    // Both got their own source.
    expect(kind.opened.length).toBe(2);
    const c = await e.run('cleanup');
    expect(c).toMatchObject({ kind: 'cleanup', stopped: ['int', 'int'] });
    await drain(s);
    expect(e.status()).toEqual([]);
  });

  test('-t ends it by itself (time reached)', async () => {
    const { engine: e } = engine();
    const s = await streamOf(e, 'stream -t 1 int');
    await drain(s);
    expect(s.status().state).toBe('time reached');
  });

  test('a session that came over SSH: its connection is left out of the kernel filter', async () => {
    const { engine: e, kind } = engine();
    const ssh = { clientAddress: '192.0.2.7', clientPort: 51234, serverAddress: '192.0.2.1', serverPort: 22 };
    const s = await streamOf(e, 'stream tcp int', { ssh });
    expect(s.bpf).toBe('(tcp) and not (host 192.0.2.7 and tcp port 51234 and host 192.0.2.1 and tcp port 22)');
    expect(kind.opened[0].bpf).toBe(s.bpf);
    const all = await streamOf(e, 'stream fake1', { ssh });
    expect(all.bpf).toBe('not (host 192.0.2.7 and tcp port 51234 and host 192.0.2.1 and tcp port 22)');
    s.stop();
    all.stop();
  });

  test('a reader that falls behind: drops counted in status, never more than the queue held', async () => {
    const { engine: e, kind } = engine();
    const s = await streamOf(e, 'stream int');
    for (let i = 0; i < 300; i++) kind.deliver('fake0', Array.from({ length: 20 }, (_, j) => frame(i * 20 + j, 1400)));
    const row = e.status()[0];
    expect(row.seen).toBe(6000);
    expect(row.stream?.drops).toBeGreaterThan(0);
    // 4 MiB of 1456-byte records, the rest dropped.
    expect(row.seen - (row.stream?.drops ?? 0)).toBeLessThanOrEqual(Math.ceil((4 * 1024 * 1024) / 1456));
    s.stop();
    await drain(s);
  });

  test('bad input changes nothing: no such interface, a source that will not open', async () => {
    const { engine: e, kind } = engine();
    await expect(e.run('stream nosuch0')).rejects.toThrow(/no interface "nosuch0"; known: /);
    kind.failWith = 'permission denied';
    await expect(e.run('stream int')).rejects.toThrow('stream int: permission denied');
    expect(e.status()).toEqual([]);
  });

  test('a session that ends takes its streams with it; the audit log says how a stream ended', async () => {
    const { engine: e, kind } = engine();
    const lines: string[] = [];
    const access = new LocalAccess(e, { shared: true, audit: (ev) => lines.push(auditLine(ev)) });
    const link = access.openNow({ face: 'ssh', user: 'tech', from: 'ssh 192.0.2.7 port 51234' });
    const r = await link.run('stream udp int');
    if (r.kind !== 'stream') throw new Error('not a stream');
    kind.deliver('fake0', [frame(1)]);
    link.closeNow();
    expect(kind.isRunning('fake0')).toBe(false);
    expect(e.status()).toEqual([]);
    expect(lines.find((l) => l.includes('event=stream-end'))).toMatch(/iface="int" how="reader gone" packets=1 kernel-drops=3 stream-drops=0/);
  });
});

describe('stream: faces that print text refuse it', () => {
  test('line mode: one line on stderr, exit status 2, nothing started', async () => {
    const { runLines } = await import('../../src/ui/line-mode.js');
    const { engine: e } = engine();
    const access = new LocalAccess(e, { shared: true });
    const out: string[] = [];
    const err: string[] = [];
    const status = await runLines(access.openNow({ face: 'lines', user: 'tech', from: 'local' }), ['stream udp int', 'status'], { out: (c) => out.push(c), err: (l) => err.push(l) });
    expect(status).toBe(2);
    expect(err).toEqual(['pcapdump: stream writes pcap to stdout: give it as a command of its own (pcapdump stream ... | wireshark -k -i -, or ssh gw pcapdump stream ...)']);
    expect(out.join('')).toBe('no captures\n');
  });

  test('a terminal: refused before anything starts, unless -force', async () => {
    const { runStream } = await import('../../src/ui/stream.js');
    const { engine: e, kind } = engine();
    const access = new LocalAccess(e, { shared: true });
    const err: string[] = [];
    const bytes: Buffer[] = [];
    const out = (isTTY: boolean) => ({ bytes: (b: Buffer) => bytes.push(b), pace: async () => undefined, err: (l: string) => err.push(l), isTTY, gone: new Promise<string>(() => undefined) });
    const refused = await runStream(access.openNow({ face: 'command', user: 't', from: 'local' }), ['stream', 'int'], { snapLen: 0, count: 0, seconds: 0, promiscuous: false, force: false }, out(true));
    expect([refused, err, kind.opened.length]).toEqual([2, ['pcapdump: stream writes pcap, which is binary, and stdout is a terminal: pipe it (| wireshark -k -i -, | tshark -r -) or add -force'], 0]);
    const forced = runStream(access.openNow({ face: 'command', user: 't', from: 'local' }), ['stream', '-force', '-c', '1', 'int'], { snapLen: 0, count: 1, seconds: 0, promiscuous: false, force: true }, out(true));
    await until(() => kind.opened.length === 1, 5000, 'the source opened');
    kind.deliver('fake0', [frame(1)]);
    expect(await forced).toBe(0);
    expect(Buffer.concat(bytes).length).toBe(24 + 16 + frame(1).length);
    expect(err.at(-1)).toBe('pcapdump: stream int (fake0): 1 packet sent, 3 dropped by the kernel; count reached');
  });
});

