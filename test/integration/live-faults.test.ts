import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveSource, liveKind } from '../../src/capture/live.js';
import { CommandError } from '../../src/console/errors.js';
import { emptyFilter, parseFilter, toBpf } from '../../src/filter/index.js';
import { haveTool } from '../support/referee.js';
import { collector } from '../capture/records.js';
import { until } from '../support/wait.js';
import { isRoot, makeVeth, readPackets, sendUdp, sendUdpAsync, type Veth } from './net.js';
import { expect1, newEngine } from './session.js';

const ready = isRoot && haveTool('python3') && haveTool('ip');
if (!ready) console.log('live fault tests skipped: they need root, python3 and iproute2');

const port = () => 20000 + Math.floor(Math.random() * 20000);
const binding = fileURLToPath(new URL('../../build/Release/pcapdump_capture.node', import.meta.url));

function udpSource(device: string, p: number, opts: Parameters<typeof liveKind>[0] = {}) {
  const events = collector();
  const filter = parseFilter(['udp', 'destport', String(p)]);
  const src = LiveSource.open({ device, bpf: toBpf(filter), filter, snapLen: 0, promiscuous: false, events }, opts);
  return { src, events };
}

/** Keeps this thread busy (no event loop) for ms. */
function block(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // the capture thread reads on meanwhile
  }
}

/**
 * A child process that captures during a burst and then goes away without stopping:
 * `callback` exits from inside a batch, `timer` from a timer while batches flow, `worker`
 * terminates a worker thread that holds the capture, then exits.
 */
const EXITER = `
const [binding, device, filter, mode] = process.argv.slice(1);
const { createRequire } = await import('node:module');
const { Worker } = await import('node:worker_threads');
const open = (onBatch) => new (createRequire(binding)(binding).Capture)(
  { device, filter, snaplen: 0, promiscuous: false, bufferBytes: 1 << 20, timeoutMs: 10, queueBytes: 2 << 20 }, onBatch, () => {});
if (mode === 'worker') {
  // The worker's code is a module too (--input-type reaches it).
  const w = new Worker(\`const { parentPort, workerData } = await import('node:worker_threads');
    const n = (await import('node:module')).createRequire(workerData.binding)(workerData.binding);
    let b = 0;
    new n.Capture({ device: workerData.device, filter: workerData.filter, snaplen: 0, promiscuous: false, bufferBytes: 1 << 20, timeoutMs: 10, queueBytes: 2 << 20 },
      () => { if (++b === 3) parentPort.postMessage('flowing'); }, () => {});\`, { eval: true, workerData: { binding, device, filter } });
  w.on('message', async () => { await w.terminate(); process.stdout.write('terminated\\n'); process.exit(0); });
} else {
  let batches = 0;
  open(() => {
    batches++;
    if (mode === 'callback' && batches === 3) process.exit(0);
    if (mode === 'timer' && batches === 3) setTimeout(() => process.exit(0), 5);
  });
  process.stdout.write('capturing\\n');
}
`;

function runExiter(device: string, filter: string, mode: string): Promise<{ code: number | null; signal: string | null; out: string }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', EXITER, binding, device, filter, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, out });
    }),
  );
}

describe.skipIf(!ready)('live capture faults', () => {
  let s: ReturnType<typeof newEngine>;
  const veths: Veth[] = [];
  beforeAll(() => {
    s = newEngine();
  });
  afterAll(() => {
    s?.done();
    for (const v of veths) v.remove();
  });

  it('an interface deleted mid-capture: state error naming it, buffer still shows and writes', async () => {
    const v = makeVeth();
    veths.push(v);
    const p = port();
    expect1(await s.engine.run(`udp destport ${p} start ${v.host}`), 'started');
    sendUdp(v.ns, v.hostIp, p, 10);
    await until(() => s.engine.status()[0]?.seen === 10, 5000, '10 packets');
    spawnSync('ip', ['link', 'del', v.host]);
    await until(() => s.engine.status()[0]?.state !== 'running', 5000, 'the capture to end');
    const st = s.engine.status()[0];
    console.log(`interface deleted: state ${st.state}, reason "${st.error}", ${st.stored} packets kept`);
    expect(st).toMatchObject({ state: 'error', stored: 10 });
    expect(st.error).toBe(`interface ${v.host} disappeared`);
    const shown = expect1(await s.engine.run(`show ${v.host}`), 'show');
    expect(shown.sections[0].packets).toBe(10);
    const w = expect1(await s.engine.run(`write ${v.host} gone.cap`), 'written');
    expect(readPackets(w.path).packets).toHaveLength(10);
    await s.engine.run('wipe');
  });

  it('link down: state error saying so, buffer kept; up again: a new capture works', async () => {
    const v = makeVeth();
    veths.push(v);
    const p = port();
    expect1(await s.engine.run(`udp destport ${p} start ${v.host}`), 'started');
    sendUdp(v.ns, v.hostIp, p, 7);
    await until(() => s.engine.status()[0]?.seen === 7, 5000, '7 packets');
    spawnSync('ip', ['link', 'set', v.host, 'down']);
    await until(() => s.engine.status()[0]?.state !== 'running', 5000, 'the capture to end');
    const st = s.engine.status()[0];
    console.log(`link down: state ${st.state}, reason "${st.error}", ${st.stored} packets kept`);
    expect(st).toMatchObject({ state: 'error', stored: 7, error: `interface ${v.host} went down` });
    expect(readPackets(expect1(await s.engine.run(`write ${v.host} down.cap`), 'written').path).packets).toHaveLength(7);
    spawnSync('ip', ['link', 'set', v.host, 'up']);
    await s.engine.run(`wipe ${v.host}`);
    expect1(await s.engine.run(`udp destport ${p} start ${v.host}`), 'started');
    // The veth needs a moment before it carries traffic again (carrier back on both ends).
    await until(() => /LOWER_UP/.test(spawnSync('ip', ['link', 'show', v.host], { encoding: 'utf8' }).stdout), 5000, 'carrier');
    sendUdp(v.ns, v.hostIp, p, 5);
    await until(() => s.engine.status()[0]?.seen === 5, 5000, '5 packets after up');
    expect(s.engine.status()[0].state).toBe('running');
    await s.engine.run('wipe');
  });

  it('an unknown device or a filter libpcap refuses: one clear line, nothing changes', async () => {
    const before = JSON.stringify(s.engine.status());
    const tries = ['start nosuch0', 'eth 02:00:00:00:00:01 start any', 'udp start nosuch0'];
    for (const t of tries) {
      const err = await s.engine.run(t).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, t).toBeInstanceOf(CommandError);
      const msg = (err as Error).message;
      console.log(`${t} -> ${msg}`);
      expect(msg).not.toContain('\n');
      expect(msg).not.toMatch(/at .*\.js|Error:/);
      expect(JSON.stringify(s.engine.status())).toBe(before);
    }
    // libpcap's own refusal reaches the user (the Engine's names never list a missing device, so ask the kind).
    const kind = liveKind();
    await expect(kind.open({ device: 'nosuch0', bpf: '', filter: emptyFilter(), snapLen: 0, promiscuous: false, events: collector() })).rejects.toThrow(
      /^No such device exists$/,
    );
    await expect(kind.open({ device: 'lo', bpf: 'udp and and', filter: emptyFilter(), snapLen: 0, promiscuous: false, events: collector() })).rejects.toThrow(
      /^can't parse filter expression: syntax error$/,
    );
  });

  it('event loop blocked 2 s during a stream: nothing lost, kernel timestamps', async () => {
    const v = makeVeth();
    veths.push(v);
    const p = port();
    const { src, events } = udpSource(v.host, p);
    const sent = 2000;
    try {
      const sending = sendUdpAsync(v.ns, v.hostIp, p, sent, 100, 0.0005);
      await until(() => events.recs.length > 0, 10_000, 'the stream to begin');
      const t0 = Date.now();
      block(2000);
      const callsDuringBlock = events.calls;
      await sending;
      // On a loaded machine the veth's backlog may drop some before the tap: wait for all, or settle.
      await until(() => events.recs.length >= sent, 10_000, 'every packet').catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      src.stop();
      // What reached the packet tap, final once stopped.
      const tapped = () => src.nativeStats().kernelSeen;
      const first = events.recs[0].tsUs;
      const duringBlock = events.recs.filter((r) => r.tsUs / 1000 >= t0 && r.tsUs / 1000 < t0 + 2000).length;
      console.log(
        `event loop blocked 2 s: ${sent} sent, ${tapped()} reached the tap, ${events.recs.length} received in ${events.calls} calls ` +
          `(${callsDuringBlock} before the block ended), ${duringBlock} stamped during the block, first ${((first / 1000 - t0) | 0)} ms from its start, drops ${src.stats().kernelDrops}`,
      );
      expect(events.recs.length).toBe(tapped());
      expect(src.stats().kernelDrops).toBe(0);
      // Stamped by the kernel as they came, not when JavaScript got to them (after the block):
      // how many came during it depends on how fast the sender ran, not on us.
      expect(duringBlock).toBeGreaterThan(100);
    } finally {
      src.stop();
    }
  });

  it('kernel drops are counted when JavaScript stalls past the kernel ring and the queue', async () => {
    const v = makeVeth();
    veths.push(v);
    const p = port();
    // 1 MiB of kernel ring and 2 MiB of queue hold some 2,900 of these frames.
    const { src, events } = udpSource(v.host, p, { bufferBytes: 1024 * 1024, queueBytes: 2 * 1024 * 1024 });
    const sent = 6000;
    try {
      sendUdp(v.ns, v.hostIp, p, sent, 1000); // synchronous: the event loop waits for it
      await until(() => events.recs.length + src.stats().kernelDrops! >= sent, 10_000, 'every packet received or counted as dropped');
    } finally {
      src.stop();
    }
    const drops = src.stats().kernelDrops ?? 0;
    console.log(`kernel drops: ${sent} sent while JavaScript was blocked, ${events.recs.length} received + ${drops} counted as dropped = ${events.recs.length + drops}`);
    expect(drops).toBeGreaterThan(1000);
    expect(events.recs.length + drops).toBe(sent);
  });

  it('stop during a burst: returns at once, nothing after it', async () => {
    const v = makeVeth();
    veths.push(v);
    const p = port();
    const { src, events } = udpSource(v.host, p);
    const sending = sendUdpAsync(v.ns, v.hostIp, p, 30_000, 60, 0);
    await until(() => events.recs.length > 1000, 10_000, 'the burst to arrive');
    const t0 = performance.now();
    src.stop();
    const ms = performance.now() - t0;
    const at = events.recs.length;
    await sending;
    await new Promise((r) => setTimeout(r, 100));
    console.log(`stop during a burst: took ${ms.toFixed(2)} ms, ${at} received before, ${events.recs.length - at} after`);
    expect(events.recs.length).toBe(at);
    expect(events.ended).toBeNull();
  });

  it('process exit during a burst (from a batch, from a timer, a worker terminated): exit 0, no crash', async () => {
    const v = makeVeth();
    veths.push(v);
    const p = port();
    const results: string[] = [];
    for (const mode of ['callback', 'timer', 'worker']) {
      const sending = sendUdpAsync(v.ns, v.hostIp, p, 20_000, 60, 0);
      const r = await runExiter(v.host, `udp dst port ${p}`, mode);
      await sending;
      results.push(`${mode}: exit ${r.code}${r.signal ? ' ' + r.signal : ''}${r.out.trim() ? ' "' + r.out.trim().replace(/\n/g, ' | ') + '"' : ''}`);
      expect({ mode, code: r.code, signal: r.signal }).toEqual({ mode, code: 0, signal: null });
      expect(r.out).not.toMatch(/Error|Abort|Segmentation|terminate called/i);
    }
    console.log(`exit during a burst: ${results.join('; ')}`);
  });
});
