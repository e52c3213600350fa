import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LinkType } from '../../src/pcap/linktype.js';
import { haveTool } from '../support/referee.js';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { brief } from '../../src/decode/index.js';
import type { PacketView } from '../../src/pcap/types.js';
import { until } from '../support/wait.js';
import { isRoot, makeVeth, promiscuityOf, readPackets, sendFrames, sendUdp, startTcpdump, type Veth } from './net.js';
import { captureAndCompare, newEngine } from './session.js';

const ready = isRoot && haveTool('tcpdump') && haveTool('python3') && haveTool('ip');
if (!ready) console.log('live capture tests skipped: they need root, tcpdump, python3 and iproute2');

const port = () => 20000 + Math.floor(Math.random() * 20000);

describe.skipIf(!ready)('live capture against tcpdump', () => {
  let veth: Veth;
  let s: ReturnType<typeof newEngine>;
  beforeAll(() => {
    veth = makeVeth();
    s = newEngine();
  });
  beforeEach(async () => {
    await s.engine.run('wipe');
  });
  afterAll(() => {
    s?.done();
    veth?.remove();
  });

  it('loopback with a filter', async () => {
    const p = port();
    const r = await captureAndCompare(s, { label: 'lo udp port', device: 'lo', cmd: `port ${p} udp start lo`, send: () => sendUdp(null, '127.0.0.1', p, 30) });
    expect(r.packets).toBe(30);
    expect(r.lines).toHaveLength(30);
    expect(r.lines[0]).toContain(`127.0.0.1`);
  });

  it('veth with a kernel filter: other traffic stays out', async () => {
    const p = port();
    const r = await captureAndCompare(s, {
      label: 'veth ipsrc udp destport',
      device: veth.host,
      cmd: `ipsrc ${veth.peerIp} udp destport ${p} start ${veth.host}`,
      send: () => {
        sendUdp(veth.ns, veth.hostIp, p, 20);
        sendUdp(veth.ns, veth.hostIp, p + 1, 20); // filtered out in the kernel
      },
    });
    expect(r.packets).toBe(20);
    expect(r.lines.every((l) => l.includes(`.${p}`))).toBe(true);
  });

  it('-s 64 keeps 64 bytes and the original length', async () => {
    const p = port();
    const r = await captureAndCompare(s, {
      label: 'veth -s 64',
      device: veth.host,
      cmd: `-s 64 udp destport ${p} start ${veth.host}`,
      send: () => sendUdp(veth.ns, veth.hostIp, p, 10, 1000),
      tcpdumpArgs: ['-s', '64'],
    });
    expect(r.packets).toBe(10);
    const { packets } = readPackets(r.written);
    expect(packets.every((q) => q.capLen === 64 && q.origLen >= 14 + 20 + 8 + 1000)).toBe(true);
  });

  it('-c 20 stops by itself', async () => {
    const p = port();
    const r = await captureAndCompare(s, {
      label: 'veth -c 20',
      device: veth.host,
      cmd: `-c 20 udp destport ${p} start ${veth.host}`,
      send: () => sendUdp(veth.ns, veth.hostIp, p, 50),
      tcpdumpArgs: ['-c', '20'],
      stopsItself: true,
    });
    expect(r.state).toBe('count reached');
    expect(r.packets).toBe(20);
  });

  it('-p puts the interface in promiscuous mode, without -p it stays as it is (as tcpdump and tcpdump -p)', async () => {
    const p = port();
    const foreign = '02:00:00:de:ad:01';
    const promiscuity: number[] = [];
    const send = (): void => {
      promiscuity.push(promiscuityOf(veth.host));
      sendFrames(veth.ns, veth.peer, veth.hostMac, veth.peerMac, veth.peerIp, veth.hostIp, p, 10);
      sendFrames(veth.ns, veth.peer, foreign, veth.peerMac, veth.peerIp, veth.hostIp, p, 10);
      sendFrames(veth.ns, veth.peer, 'ff:ff:ff:ff:ff:ff', veth.peerMac, veth.peerIp, veth.hostIp, p, 5);
    };
    // The referee runs with -p when we do, so only our capture can make the interface promiscuous.
    const own = await captureAndCompare(s, { label: 'veth no -p', device: veth.host, cmd: `udp destport ${p} start ${veth.host}`, send });
    await s.engine.run(`wipe ${veth.host}`);
    const all = await captureAndCompare(s, { label: 'veth -p', device: veth.host, cmd: `-p udp destport ${p} start ${veth.host}`, send });
    // A veth has no MAC filter of its own: frames to other MACs reach the packet tap either way (tcpdump -p sees them too).
    console.log(`-p on a veth pair: promiscuity while capturing ${promiscuity.join(' / ')}; 10 frames to our MAC, 10 to ${foreign}, 5 broadcast: without -p ${own.packets}, with -p ${all.packets}`);
    // With -p both the referee and we hold the interface promiscuous.
    expect(promiscuity).toEqual([0, 2]);
    expect(promiscuityOf(veth.host)).toBe(0);
    expect(all.packets).toBe(25);
  });

  it('any: Linux cooked', async () => {
    const p = port();
    const r = await captureAndCompare(s, { label: 'any udp port', device: 'any', cmd: `udp port ${p} start any`, send: () => sendUdp(null, '127.0.0.1', p, 10), tcpdumpArgs: ['-y', 'LINUX_SLL'] });
    expect(readPackets(r.written).linkType).toBe(LinkType.LINUX_SLL);
    expect(r.packets).toBeGreaterThanOrEqual(10);
  });

  it('VLAN tags the kernel took off are put back (libpcap), as tcpdump shows them', async () => {
    const p = port();
    // Tagged frames from the far end: the receiving kernel moves the tag out of the frame.
    const r = await captureAndCompare(s, {
      label: 'veth vlan 5',
      device: veth.host,
      cmd: `-p udp destport ${p} start ${veth.host}`,
      send: () => sendFrames(veth.ns, veth.peer, veth.hostMac, veth.peerMac, veth.peerIp, veth.hostIp, p, 8, 5),
    });
    expect(r.packets).toBe(8);
    const tags = readPackets(r.written).packets.map((q) => `${q.data.readUInt16BE(12).toString(16)}/${q.data.readUInt16BE(14) & 0xfff}`);
    console.log(`VLAN: ${r.packets} frames, tags ${[...new Set(tags)].join(' ')}; first line: ${r.lines[0]}`);
    expect(new Set(tags)).toEqual(new Set(['8100/5']));
  });

  it('-o and -ou: brief lines as packets arrive, the same lines tcpdump -nn prints; -ou keeps none', async () => {
    const p = port();
    const ref = join(s.dir, 'o-tcpdump.pcap');
    const td = await startTcpdump('lo', ref, `udp and port ${p}`);
    const got: Record<string, string[]> = { o: [], ou: [] };
    try {
      for (const [opt, key] of [['-o', 'o'], ['-ou', 'ou']] as const) {
        const session = { sink: (_iface: string, q: PacketView) => got[key].push(brief(q)) };
        expect((await s.engine.run(`${opt} udp port ${p} start lo`, session)).kind).toBe('started');
        sendUdp(null, '127.0.0.1', p, 6);
        await until(() => got[key].length >= 6, 5000, `${opt} lines`);
        await s.engine.run('stop lo');
        if (key === 'o') await s.engine.run('wipe lo');
      }
    } finally {
      await td.stop();
    }
    const theirs = spawnSync('tcpdump', ['-nn', '-r', ref], { encoding: 'utf8' }).stdout.trim().split('\n');
    const noTime = (l: string) => l.replace(/^\S+ /, '');
    console.log(`-o: ${got.o.length} lines, -ou: ${got.ou.length} lines; tcpdump -nn: ${theirs.length}; first: ${got.o[0]}`);
    expect([...got.o, ...got.ou].map(noTime)).toEqual(theirs.map(noTime));
    expect(s.engine.status().find((c) => c.device === 'lo')).toMatchObject({ stored: 0 });
    expect((await s.engine.run('show lo').catch((e: Error) => e.message)) as string).toMatch(/keeps no packets/);
  });

  it('two interfaces at once, each with its own options and filter', async () => {
    const p1 = port();
    const p2 = p1 + 1;
    const cmds = [`-s 100 -size 64 udp port ${p1} start lo`, `-c 5 udp destport ${p2} start ${veth.host}`];
    for (const c of cmds) expect((await s.engine.run(c)).kind).toBe('started');
    sendUdp(null, '127.0.0.1', p1, 12, 300);
    sendUdp(veth.ns, veth.hostIp, p2, 9);
    await new Promise((r) => setTimeout(r, 300));
    await s.engine.run('stop lo');
    const st = s.engine.status();
    const lo = st.find((c) => c.device === 'lo');
    const v = st.find((c) => c.device === veth.host);
    console.log(`two at once: lo ${lo?.state} ${lo?.stored} stored [${lo?.options}], ${veth.host} ${v?.state} ${v?.stored} stored [${v?.options}]`);
    expect(lo).toMatchObject({ state: 'stopped', stored: 12, options: '-size 64 -s 100', sizeBytes: 64 * 1024 });
    expect(v).toMatchObject({ state: 'count reached', stored: 5, options: '-size 512 -c 5' });
    const w = await s.engine.run(`write lo two-lo.cap`);
    if (w.kind !== 'written') throw new Error('not written');
    expect(readPackets(w.path).packets.every((q) => q.capLen === 100 && q.origLen > 300)).toBe(true);
  });
});
