import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkReplays, replayKind, type ReplaySource } from '../../src/capture/replay.js';
import type { CaptureSource } from '../../src/capture/source.js';
import { emptyFilter, parseFilter, type Filter } from '../../src/filter/index.js';
import { openCaptureFile } from '../../src/capture/file.js';
import { haveTool, run } from '../support/referee.js';
import { pcapFileHeader } from '../../src/pcap/writer.js';
import { collector } from './records.js';
import { until } from '../support/wait.js';

const DEMO = 'samples/demo.pcap'; // 61 packets over 9.5 s
const ECHO = 'samples/icmp-echo.pcap'; // 6 packets over 2.0 s
const tmp = mkdtempSync(join(tmpdir(), 'pd-replay-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function fileBytes(path: string): { data: Buffer[]; origLen: number[] } {
  const r = openCaptureFile(path);
  const data: Buffer[] = [];
  const origLen: number[] = [];
  for (let p = r.next(); p; p = r.next()) {
    data.push(Buffer.from(p.buf.subarray(p.offset, p.offset + p.capLen)));
    origLen.push(p.origLen);
  }
  r.close();
  return { data, origLen };
}

async function play(file: string, speed: number, opts: { filter?: Filter; snapLen?: number } = {}) {
  const events = collector();
  const kind = replayKind({ demo: file }, speed);
  const source = (await kind.open({ device: 'demo', bpf: '', filter: opts.filter ?? emptyFilter(), snapLen: opts.snapLen ?? 0, promiscuous: false, events })) as CaptureSource & ReplaySource;
  return { events, source };
}

/** A one-packet raw IP (link type 101) capture in tmp: 192.168.0.1 > 192.168.0.2, no payload. */
function rawIpCapture(name: string): string {
  const path = join(tmp, name);
  const ip = Buffer.from('450000140001000040000000c0a80001c0a80002', 'hex');
  const rec = Buffer.alloc(16);
  rec.writeUInt32LE(ip.length, 8);
  rec.writeUInt32LE(ip.length, 12);
  writeFileSync(path, Buffer.concat([pcapFileHeader({ linkType: 101 }), rec, ip]));
  return path;
}

describe('ReplaySource', () => {
  it('speed 0 plays at once and loops with rising timestamps', async () => {
    const want = fileBytes(DEMO);
    const t0 = Date.now();
    const { events, source } = await play(DEMO, 0);
    await until(() => events.recs.length >= 3 * want.data.length, 5000, '3 loops');
    source.stop();
    const ms = Date.now() - t0;
    const recs = events.recs;
    console.log(`replay speed 0: ${recs.length} packets (${source.loops} loops of ${want.data.length}) in ${ms} ms, ${events.calls} batches`);
    expect(ms).toBeLessThan(3000);
    expect(events.calls).toBeLessThan(recs.length); // batched
    for (let i = 0; i < recs.length; i++) expect(recs[i].data.equals(want.data[i % want.data.length])).toBe(true);
    for (let i = 1; i < recs.length; i++) expect(recs[i].tsUs).toBeGreaterThanOrEqual(recs[i - 1].tsUs);
    // the recorded spacing is kept: loop 2 starts 9.5 s + 1 s after loop 1
    const n = want.data.length;
    expect((recs[n].tsUs - recs[0].tsUs) / 1e6).toBeCloseTo(9.503160 + 1, 3);
    expect(Math.abs(recs[0].tsUs / 1000 - t0)).toBeLessThan(2000); // first packet plays "now"
    const after = events.recs.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(events.recs.length).toBe(after); // nothing after stop
  });

  it('speed N plays about N times faster than recorded', async () => {
    const timeFor = async (speed: number) => {
      const { events, source } = await play(ECHO, speed);
      const t0 = Date.now();
      await until(() => events.recs.length >= 6, 10_000, 'one pass');
      const ms = Date.now() - t0;
      const spanMs = (events.recs[5].tsUs - events.recs[0].tsUs) / 1000;
      source.stop();
      return { ms, spanMs };
    };
    const x4 = await timeFor(4);
    const x20 = await timeFor(20);
    console.log(`replay pacing: 2.0 s file at x4 took ${x4.ms} ms (stamped span ${x4.spanMs} ms), at x20 ${x20.ms} ms (span ${x20.spanMs} ms)`);
    expect(x4.ms).toBeGreaterThan(350);
    expect(x4.ms).toBeLessThan(1500);
    expect(x20.ms).toBeLessThan(x4.ms);
    expect(x4.spanMs).toBeCloseTo(500, -1);
  });

  it.skipIf(!haveTool('tcpdump'))('filters with the JS predicate as tcpdump does, and applies -s', async () => {
    const filter = parseFilter(['udp']);
    const ref = run('tcpdump', ['-nn', '-r', DEMO, 'udp']).stdout.trim().split('\n').length;
    const want = fileBytes(DEMO);
    const { events, source } = await play(DEMO, 0, { filter, snapLen: 64 });
    await until(() => source.loops >= 1, 5000, 'one loop');
    source.stop();
    const firstLoop = events.recs.filter((r) => (r.tsUs - events.recs[0].tsUs) / 1e6 < 10.4);
    console.log(`replay filter udp: ${firstLoop.length} packets of ${want.data.length}, tcpdump says ${ref}`);
    expect(firstLoop.length).toBe(ref);
    expect(ref).toBeGreaterThan(0);
    for (const r of events.recs) {
      expect(r.capLen).toBeLessThanOrEqual(64);
      expect(r.data.length).toBe(r.capLen);
      expect(r.origLen).toBeGreaterThanOrEqual(r.capLen);
    }
    expect(events.recs.some((r) => r.origLen > 64)).toBe(true);
  });

  it('a file that breaks mid-way ends the capture with the reason, after the packets before', async () => {
    const cut = join(tmp, 'cut.pcap');
    copyFileSync(DEMO, cut);
    truncateSync(cut, statSync(DEMO).size - 10);
    const { events } = await play(cut, 0);
    await until(() => events.ended !== null, 5000, 'end');
    console.log(`replay of a cut file: ${events.recs.length} packets, then: ${events.ended}`);
    expect(events.ended).toContain(cut);
    expect(events.recs.length).toBe(60);
  });

  it('checkReplays refuses bad names and files in one line', () => {
    const notCap = join(tmp, 'x.txt');
    writeFileSync(notCap, 'hello world, not a capture');
    const empty = join(tmp, 'empty.pcap');
    writeFileSync(empty, readFileSync(DEMO).subarray(0, 24));
    expect(() => checkReplays({ demo: DEMO, echo: ECHO })).not.toThrow();
    const cases: [Record<string, string>, RegExp][] = [
      [{ demo: join(tmp, 'missing.pcap') }, /missing\.pcap: No such file or directory/],
      [{ demo: notCap }, /unknown file format/],
      [{ demo: empty }, /no packets to replay/],
      [{ 'bad name': DEMO }, /NAME must be/],
      [{ any: DEMO }, /not "any"/],
    ];
    for (const [r, re] of cases) {
      expect(() => checkReplays(r)).toThrow(re);
      try {
        checkReplays(r);
      } catch (e) {
        expect((e as Error).message).not.toContain('\n');
      }
    }
  });

  it('a filter the link type cannot take is refused at open', async () => {
    const raw = rawIpCapture('raw.pcap');
    await expect(play(raw, 0, { filter: parseFilter(['eth', '02:00:00:00:00:01']) })).rejects.toThrow(/MAC addresses are filtered only on Ethernet/);
    const ok = await play(raw, 0, { filter: parseFilter(['ipsrc', '192.168.0.1']) });
    await until(() => ok.events.recs.length >= 3, 2000, 'raw packets');
    ok.source.stop();
    expect(ok.source.linkType).toBe(101);
  });

  it.each([
    ['icmp ip fe80::1', DEMO],
    ['arp port 53', DEMO],
    ['icmp6 srcport 53', DEMO],
  ])('a filter live start refuses ("expression rejects all packets") is refused by a replay in the same words: %s', async (text, file) => {
    await expect(play(file, 0, { filter: parseFilter(text.split(' ')) })).rejects.toThrow(/^expression rejects all packets$/);
  });

  it('arp on a raw IP capture rejects all packets, as libpcap says', async () => {
    const raw = rawIpCapture('raw-arp.pcap');
    await expect(play(raw, 0, { filter: parseFilter(['arp']) })).rejects.toThrow('expression rejects all packets');
  });
});
