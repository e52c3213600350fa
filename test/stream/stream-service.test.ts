import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { PcapStream } from '../../src/console/engine.js';
import { FrameType } from '../../src/service/frames.js';
import { STREAM_OUT } from '../../src/service/connection.js';
import { STREAM_QUEUE_BYTES } from '../../src/console/stream.js';
import { readAll } from '../pcap/read-all.js';
import { frameOf, RawClient, sleep, startTestService, type TestService } from '../service/harness.js';
import { until } from '../support/wait.js';

let svc: TestService;
beforeEach(async () => {
  svc = await startTestService({ helloMs: 300 });
});
afterEach(async () => {
  await svc.close();
});

describe('stream through the service socket', () => {
  test('the bytes arrive batch by batch as packets come, -c ends it, and the end says what was sent', async () => {
    const link = await svc.client('command', 'tech');
    const r = await link.run(['stream', '-c', '3', 'udp', 'int']);
    if (r.kind !== 'stream') throw new Error('not a stream');
    const s: PcapStream = r.stream;
    const header = (await s.next()) as Buffer;
    expect(header.length).toBe(24);
    svc.kind.deliver('fake0', [frameOf(1), frameOf(2)]);
    // The first batch arrives before any more packets exist: it was not held back.
    const first = await s.next();
    expect(first?.length).toBe(2 * (16 + frameOf(1).length));
    svc.kind.deliver('fake0', [frameOf(3), frameOf(4)]);
    const parts = [first as Buffer];
    for (let b = await s.next(); b !== null; b = await s.next()) parts.push(b);
    const { packets } = readAll(Buffer.concat([header, ...parts]));
    expect(packets.map((p) => p.data)).toEqual([frameOf(1), frameOf(2), frameOf(3)]);
    expect(s.status()).toMatchObject({ state: 'count reached', seen: 3, stream: { drops: 0 } });
    await until(() => svc.logs.some((l) => l.includes('event=stream-end')), 5000, 'event=stream-end in the log');
    expect(svc.logs.find((l) => l.includes('event=stream-end'))).toMatch(/how="count reached" packets=3/);
  });

  test('the client stops reading: drops are counted in status, what the service holds stays bounded', async () => {
    const raw = new RawClient(svc.socketPath, false);
    raw.hello();
    raw.send({ t: 'run', id: 1, words: ['stream', 'int'] });
    await until(() => svc.engine.status().length === 1, 5000, 'captures: 1');
    for (let i = 0; i < 200; i++) {
      svc.kind.deliver('fake0', Array.from({ length: 50 }, (_, j) => frameOf(i * 50 + j, 1400)));
      await sleep(0);
    }
    const row = svc.engine.status()[0];
    expect(row.seen).toBe(10_000);
    expect(row.stream?.drops).toBeGreaterThan(0);
    // The socket holds at most STREAM_OUT and a chunk, the Engine its queue.
    const sent = (row.seen - (row.stream?.drops ?? 0)) * (16 + frameOf(0, 1400).length);
    expect(sent).toBeLessThanOrEqual(STREAM_QUEUE_BYTES + STREAM_OUT + 2 * 256 * 1024 + 64 * 1024 * 4);
    raw.socket.destroy();
    await until(() => svc.engine.status().length === 0, 5000, 'captures: 0');
    expect(svc.kind.isRunning('fake0')).toBe(false);
  });

  test('the client goes away mid-stream: the capture stops, nothing is left running', async () => {
    const raw = new RawClient(svc.socketPath);
    raw.hello();
    raw.send({ t: 'run', id: 1, words: ['stream', 'udp', 'int'] });
    await raw.until((c) => c.frames.some((f) => f.type === FrameType.data));
    svc.kind.deliver('fake0', [frameOf(1)]);
    raw.socket.destroy();
    await until(() => svc.engine.status().length === 0, 5000, 'captures: 0');
    expect(svc.kind.isRunning('fake0')).toBe(false);
    await until(() => svc.logs.some((l) => l.includes('event=stream-end')), 5000, 'event=stream-end in the log');
    expect(svc.logs.find((l) => l.includes('event=stream-end'))).toMatch(/how="reader gone"/);
  });

  test('cancel stops the stream and ends it with its counts', async () => {
    const raw = new RawClient(svc.socketPath);
    raw.hello();
    raw.send({ t: 'run', id: 5, words: ['stream', 'int'] });
    await raw.until((c) => c.frames.some((f) => f.type === FrameType.data));
    raw.send({ t: 'cancel', id: 5 });
    await raw.until((c) => c.messages.some((m) => m.t === 'stream-end'));
    expect(svc.engine.status()).toEqual([]);
  });

  test('a hello whose SSH connection is not addresses and ports: one line, closed', async () => {
    const raw = new RawClient(svc.socketPath);
    raw.send({ t: 'hello', v: 1, face: 'ssh', user: 'x', from: 'y', ssh: { clientAddress: '1.2.3.4) or (tcp', clientPort: 1, serverAddress: '::1', serverPort: 22 } });
    await raw.closed;
    expect(raw.received.toString()).toMatch(/ssh\.clientAddress must be an IP address/);
  });
});
