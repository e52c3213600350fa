import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { eachPacket } from '../../src/console/engine.js';
import { CommandError, UsageError } from '../../src/console/errors.js';
import type { CaptureStatus } from '../../src/console/status.js';
import { brief } from '../../src/decode/index.js';
import { OUT_LIMIT } from '../../src/service/connection.js';
import { runLines } from '../../src/ui/line-mode.js';
import { renderResult } from '../../src/ui/render.js';
import { frameOf, RawClient, sleep, startTestService, type TestService } from './harness.js';

let svc: TestService;
beforeEach(async () => {
  svc = await startTestService();
});
afterEach(async () => {
  await svc.close();
});

describe('the service and its clients', () => {
  test('a capture started by one client is seen, shown and stopped by another; each hears its own news', async () => {
    const a = await svc.client('command', 'alice');
    const b = await svc.client('console', 'bob');
    const news: [string, CaptureStatus['state'], boolean][] = [];
    a.listen({ change: (s, mine) => news.push(['a', s.state, mine]) });
    b.listen({ change: (s, mine) => news.push(['b', s.state, mine]) });
    expect(await a.run('pcapdump -size 64 -c 3 udp start int')).toMatchObject({ kind: 'started', iface: 'int', device: 'fake0', bpf: 'udp' });
    svc.kind.deliver('fake0', [frameOf(1), frameOf(2), frameOf(3), frameOf(4)]);
    const status = await b.status();
    expect(status).toMatchObject([{ iface: 'int', state: 'count reached', stored: 3, seen: 3, unwritten: true }]);
    const shown = await b.run(['show', 'int']);
    if (shown.kind !== 'show') throw new Error(shown.kind);
    const lines: string[] = [];
    expect(await eachPacket(shown.sections[0], (p) => lines.push(brief(p)))).toBe(0);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('IP 192.168.0.2.2001 > 10.0.0.1.5555: UDP, length 100');
    await sleep(50);
    expect(news).toEqual(expect.arrayContaining([['a', 'count reached', true], ['b', 'count reached', false]]));
    expect(await b.interfaceNames()).toEqual(expect.arrayContaining(['int', 'fake0', 'fake1']));
    // The audit log: one line per session opened and per command, who and from where.
    expect(svc.logs.filter((l) => l.includes('event=command'))).toEqual([
      'audit: session=1 face="command" user="alice" from="local" event=command command="pcapdump -size 64 -c 3 udp start int" result=ok detail="started int (fake0) filter \\"udp\\""',
      'audit: session=2 face="console" user="bob" from="local" event=command command="show int" result=ok detail="showed 3 packets of int"',
    ]);
  });

  test('show\'s options cross the socket: the service chooses the packets, the face prints them as asked', async () => {
    const a = await svc.client();
    await a.run('start int');
    svc.kind.deliver('fake0', [frameOf(1), frameOf(2), frameOf(3), frameOf(4)]);
    const shown = await a.run('show int -c 2 -v udp');
    if (shown.kind !== 'show') throw new Error(shown.kind);
    expect(shown).toMatchObject({ count: 2, filter: 'udp', print: { verbose: 1, hex: 0 } });
    expect(shown.sections.map((s) => [s.packets, s.shown])).toEqual([[4, 2]]);
    const lines: string[] = [];
    await renderResult(shown, (l) => lines.push(l));
    expect(lines[0]).toBe('--- int (fake0): 2 of 4 packets (the last 2 matching "udp") ---');
    expect(lines.filter((l) => l.includes('proto UDP (17)'))).toHaveLength(2);
    expect(lines.filter((l) => /^ {4}192\.168\.0\.2\.200[34] > 10\.0\.0\.1\.5555: \[udp sum ok\] UDP, length 100$/.test(l))).toHaveLength(0);
    expect(lines.filter((l) => /^ {4}192\.168\.0\.2\.200[34] > 10\.0\.0\.1\.5555: UDP, length 100$/.test(l))).toHaveLength(2);
    await expect(a.run('show int -c 0')).rejects.toThrow(new UsageError('show: -c needs a packet count from 1 up, got "0"'));
  });

  test('errors keep their kind across the socket: usage (exit 2) and cannot-do (exit 1), nothing changed', async () => {
    const a = await svc.client();
    await expect(a.run('-c x start int')).rejects.toThrow(new UsageError('-c needs a packet count, got "x"'));
    await expect(a.run('start nosuch0')).rejects.toBeInstanceOf(CommandError);
    await expect(a.run('start nosuch0')).rejects.toThrow(/no interface "nosuch0"/);
    expect(await a.status()).toEqual([]);
  });

  test('-o packets stream to the session that started the capture only; Ctrl-C stops that stream', async () => {
    const a = await svc.client();
    const b = await svc.client();
    const got: string[] = [];
    const other: string[] = [];
    a.listen({ packet: (iface, p) => got.push(`[${iface}] ${brief(p)}`) });
    b.listen({ packet: (iface, p) => other.push(`[${iface}] ${brief(p)}`) });
    await a.run('-o start fake1');
    await b.run('start fake0');
    svc.kind.deliver('fake1', [frameOf(1), frameOf(2)]);
    svc.kind.deliver('fake0', [frameOf(3)]);
    await sleep(100);
    expect(got).toHaveLength(2);
    expect(got[1]).toMatch(/^\[fake1\] \d\d:\d\d:\d\d\.\d{6} IP 192\.168\.0\.2\.2002 > 10\.0\.0\.1\.5555: UDP, length 100$/);
    expect(other).toEqual([]);
    expect(await b.stopStreams()).toEqual([]);
    expect((await a.stopStreams()).map((s) => [s.iface, s.state, s.stored])).toEqual([['fake1', 'stopped', 2]]);
    expect((await b.status()).map((s) => [s.iface, s.state])).toEqual([
      ['fake1', 'stopped'],
      ['fake0', 'running'],
    ]);
  });

  test('a client that goes away stops only its own streams; others keep theirs and the buffers stay', async () => {
    const a = await svc.client();
    const b = await svc.client();
    await a.run('-o start fake1');
    await b.run('-o start fake0');
    svc.kind.deliver('fake1', [frameOf(1)]);
    a.close();
    await sleep(100);
    expect(svc.kind.isRunning('fake1')).toBe(false);
    expect(svc.kind.isRunning('fake0')).toBe(true);
    expect((await b.status()).find((s) => s.iface === 'fake1')).toMatchObject({ state: 'stopped', stored: 1 });
    expect(svc.logs.some((l) => l.startsWith('audit: session=1 ') && l.endsWith('event=close commands=1'))).toBe(true);
  });

  test('show of a large ring comes in batches as the client reads, all of it and in order', async () => {
    const a = await svc.client();
    await a.run('-size 8192 start fake0');
    const n = 30_000;
    for (let i = 0; i < n; i += 1000) svc.kind.deliver('fake0', Array.from({ length: 1000 }, (_, j) => frameOf(i + j, 150)), 1_700_000_000 + i);
    await a.run('stop');
    const r = await a.run('show');
    if (r.kind !== 'show') throw new Error(r.kind);
    let batches = 0;
    const ids: number[] = [];
    for await (const b of r.sections[0].batches()) {
      batches++;
      expect(b.missed).toBe(0);
      const view = { linkType: 1, interfaceId: 0, tsSec: 0, tsNsec: 0, capLen: 0, origLen: 0, buf: b.buf, offset: 0 };
      const { forEachRecord } = await import('../../src/pcap/records.js');
      forEachRecord(b.buf, b.start, b.end, view, (p) => ids.push(p.buf.readUInt16BE(p.offset + 14 + 4)));
    }
    expect(ids).toHaveLength(n);
    expect(ids.every((id, i) => id === (i & 0xffff))).toBe(true);
    expect(batches).toBeGreaterThan(10);
  });

  test('a show a client stops reading holds at most two batches in the service, and nothing after it goes away', async () => {
    const a = await svc.client();
    await a.run('-size 65536 start fake0');
    for (let i = 0; i < 200_000; i += 5000) svc.kind.deliver('fake0', Array.from({ length: 5000 }, (_, j) => frameOf(i + j, 200)));
    await a.run('stop');
    const raw = new RawClient(svc.socketPath);
    raw.hello();
    raw.send({ t: 'run', id: 1, words: ['show'] });
    await raw.until((c) => c.messages.some((m) => m.t === 'result'));
    raw.send({ t: 'next', id: 1, section: 0 });
    await raw.until((c) => c.frames.some((f) => f.type === 3));
    await sleep(200);
    // One request, one batch: the ring's 48 MB stay in the ring.
    expect(raw.received.length).toBeLessThan(400 * 1024);
    raw.socket.destroy();
    await sleep(100);
    // The raw client's connection and its show are gone; `a` is still there.
    expect(svc.service.connections()).toBe(1);
    expect(await a.status()).toMatchObject([{ state: 'stopped', stored: 200_000 }]);
  });

  test('a show of a running capture that overwrites as it goes says how many it missed', async () => {
    const a = await svc.client();
    await a.run('-size 64 start fake0');
    for (let i = 0; i < 2000; i += 100) svc.kind.deliver('fake0', Array.from({ length: 100 }, (_, j) => frameOf(i + j, 200)));
    const r = await a.run('show');
    if (r.kind !== 'show') throw new Error(r.kind);
    const held = r.sections[0].packets;
    let seen = 0;
    let missed = 0;
    let first = true;
    for await (const b of r.sections[0].batches()) {
      missed += b.missed;
      const { forEachRecord } = await import('../../src/pcap/records.js');
      seen += forEachRecord(b.buf, b.start, b.end, { linkType: 1, interfaceId: 0, tsSec: 0, tsNsec: 0, capLen: 0, origLen: 0, buf: b.buf, offset: 0 }, () => undefined);
      // While the client reads the first batch, the capture runs on and overwrites the rest.
      if (first) svc.kind.deliver('fake0', Array.from({ length: 400 }, (_, j) => frameOf(5000 + j, 200)));
      first = false;
    }
    expect(missed).toBeGreaterThan(0);
    expect(seen + missed).toBe(held);
  });

  test('a client that stops reading loses -o packets, counted and said; the service holds at most its output limit', async () => {
    const raw = new RawClient(svc.socketPath, false);
    raw.hello();
    raw.send({ t: 'run', id: 1, words: ['-o', '-size', '1', 'start', 'fake0'] });
    await sleep(100);
    for (let i = 0; i < 200; i++) {
      svc.kind.deliver('fake0', Array.from({ length: 100 }, (_, j) => frameOf(i * 100 + j, 1000)));
      await new Promise((r) => setImmediate(r));
    }
    // 20 MB of packets were offered; a paused reader got at most the output limit plus what the kernel buffers.
    raw.socket.resume();
    const lost = () => raw.messages.filter((m) => m.t === 'lost').reduce((a, m) => a + (m.count as number), 0);
    await raw.until(() => lost() + raw.packets === 20_000);
    const packetBytes = raw.frames.filter((f) => f.type === 2).reduce((a, f) => a + f.length, 0);
    expect(lost()).toBeGreaterThan(10_000);
    expect(packetBytes).toBeLessThan(OUT_LIMIT + 8 * 1024 * 1024);
  });

  test('line mode over the socket is the console a pipe gets: output, errors and exit status', async () => {
    const link = await svc.client('lines');
    let out = '';
    const err: string[] = [];
    const status = await runLines(link, ['-c 2 start int', 'status', 'frob', 'start nosuch0'], { out: (c) => (out += c), err: (l) => err.push(l) });
    expect(status).toBe(1);
    expect(out).toMatch(/^int \(fake0\): capturing\nIFACE/);
    expect(err).toEqual(['pcapdump: unknown command "frob"; "help" lists the commands', expect.stringMatching(/^pcapdump: no interface "nosuch0"/)]);
  });

  test('the service stopping tells its clients: pending requests fail with the reason', async () => {
    const a = await svc.client();
    const said: string[] = [];
    a.listen({ closed: (r) => said.push(r) });
    await svc.service.close('SIGTERM: the service is stopping');
    await sleep(100);
    expect(said).toEqual(['the pcapdump service stopped (SIGTERM: the service is stopping)']);
    await expect(a.status()).rejects.toThrow('the pcapdump service stopped');
  });
});
