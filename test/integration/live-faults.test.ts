import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveKind, type LiveSource } from '../../src/capture/live.js';
import { CommandError } from '../../src/console/errors.js';
import { emptyFilter, parseFilter, toBpf } from '../../src/filter/index.js';
import { haveTool } from '../support/referee.js';
import { collector, until } from '../capture/records.js';
import { isRoot, makeVeth, readPackets, sendUdp, type Veth } from './net.js';
import { expect1, newEngine } from './session.js';

const ready = isRoot && haveTool('python3') && haveTool('ip');
if (!ready) console.log('live fault tests skipped: they need root, python3 and iproute2');

const port = () => 20000 + Math.floor(Math.random() * 20000);

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
      /syntax error/,
    );
  });

  it('kernel drops are counted when the worker cannot keep up', async () => {
    const v = makeVeth();
    veths.push(v);
    const p = port();
    const events = collector();
    const filter = parseFilter(['udp', 'destport', String(p)]);
    // A 1 MiB kernel ring holds some hundreds of frames; the worker paused, the rest must drop.
    const src = (await liveKind({ bufferBytes: 1024 * 1024 }).open({ device: v.host, bpf: toBpf(filter), filter, snapLen: 0, promiscuous: true, events })) as LiveSource;
    const sent = 5000;
    try {
      process.kill(src.pid ?? 0, 'SIGSTOP');
      sendUdp(v.ns, v.hostIp, p, sent, 200);
      process.kill(src.pid ?? 0, 'SIGCONT');
      await until(() => events.recs.length + (src.stats().kernelDrops ?? 0) >= sent, 10_000, 'every packet received or counted as dropped');
    } finally {
      process.kill(src.pid ?? 0, 'SIGCONT');
      src.stop();
    }
    const drops = src.stats().kernelDrops ?? 0;
    console.log(`kernel drops: ${sent} sent while the worker was paused, ${events.recs.length} received + ${drops} counted as dropped = ${events.recs.length + drops}`);
    expect(drops).toBeGreaterThan(1000);
    expect(events.recs.length + drops).toBe(sent);
  });
});
