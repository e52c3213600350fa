import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openCaptureFile } from '../../src/capture/file.js';
import type { CaptureSource, SourceKind, SourceRequest } from '../../src/capture/source.js';
import { Engine, type Result } from '../../src/console/engine.js';
import { UsageError } from '../../src/console/errors.js';
import { PCAP_RECORD_HEADER, writeRecordHeader } from '../../src/pcap/writer.js';
import { renderResult } from '../../src/ui/render.js';
import { EtherType, ethernet, ipv4, tcp, udp } from '../../samples/frames.js';
import { corpusDir, haveCorpus } from '../support/corpus.js';
import { projectRoot } from '../support/cli.js';
import { haveTool } from '../support/referee.js';
import { FakeKind } from './fake-source.js';

const dir = mkdtempSync(join(tmpdir(), 'pcapdump-show-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An interface per file that delivers the file's packets, time stamps and all, when started. */
class FileKind implements SourceKind {
  constructor(private readonly files: Record<string, string>) {}

  names(): string[] {
    return Object.keys(this.files);
  }

  async open(req: SourceRequest): Promise<CaptureSource> {
    const r = openCaptureFile(this.files[req.device]);
    const chunks: Buffer[] = [];
    let linkType = 1;
    for (let p = r.next(); p; p = r.next()) {
      linkType = p.linkType;
      const rec = Buffer.alloc(PCAP_RECORD_HEADER + p.capLen);
      // Ring records carry nanoseconds.
      writeRecordHeader(rec, 0, p.tsSec, p.tsNsec, p.capLen, p.origLen);
      p.buf.copy(rec, PCAP_RECORD_HEADER, p.offset, p.offset + p.capLen);
      chunks.push(rec);
    }
    r.close();
    const all = Buffer.concat(chunks);
    setImmediate(() => {
      req.events.records(all, 0, all.length);
      req.events.end();
    });
    return { device: req.device, linkType, stop: () => undefined, stats: () => ({ kernelDrops: null }) };
  }
}

async function showText(engine: Engine, command: string): Promise<string[]> {
  const lines: string[] = [];
  await renderResult(await engine.run(command), (l) => lines.push(l));
  return lines;
}

/** Lines split into packets: a line starting with a time stamp starts one; --- headers are left out. */
function packetsOf(lines: string[]): string[] {
  const packets: string[] = [];
  for (const line of lines) {
    if (line.startsWith('--- ') || (line.startsWith('    ') && packets.length === 0)) continue;
    if (/^\d\d:\d\d:\d\d\.\d{6} /.test(line) || packets.length === 0) packets.push(line);
    else packets[packets.length - 1] += '\n' + line;
  }
  return packets;
}

function tcpdump(file: string, opts: string[], bpf = ''): string[] {
  const r = spawnSync('tcpdump', ['-nn', ...opts, '-r', file, ...(bpf ? [bpf] : [])], { encoding: 'latin1', env: process.env });
  return packetsOf(r.stdout.replace(/\n+$/, '').split('\n'));
}

const files = [join(projectRoot, 'samples/demo.pcap'), ...['icmp-cksum-oobr-1.pcap', 'icmpv6-ra-pref64.pcap', 'bigtcp-ipv4.pcap', 'dns_udp_2.pcap', 'ipv6-routing-header.pcap'].map((f) => join(corpusDir, f))].filter(
  (f) => existsSync(f),
);

describe.skipIf(!haveTool('tcpdump'))('show prints what tcpdump -nn prints with the same options', () => {
  test.each(files.map((f) => [basename(f), f]))('%s', async (_name, file) => {
    const engine = new Engine({ config: { captureDir: dir, interfaces: {} }, kinds: [new FileKind({ f: file })] });
    await engine.run('-size 4096 start f');
    await new Promise((r) => setTimeout(r, 50));
    const plainOurs = packetsOf(await showText(engine, 'show f'));
    const plainTheirs = tcpdump(file, []);
    expect(plainOurs.length).toBe(plainTheirs.length);
    // Packets whose plain line is not yet tcpdump's (a printer still to come) are left out.
    const agree = plainOurs.map((l, i) => l === plainTheirs[i]);
    let compared = 0;
    for (const opts of [['-v'], ['-vv'], ['-x'], ['-xx'], ['-X'], ['-XX', '-e'], ['-A'], ['-e'], ['-vvv', '-X']]) {
      const ours = packetsOf(await showText(engine, `show f ${opts.join(' ')}`));
      const theirs = tcpdump(file, opts);
      expect(ours.length, opts.join(' ')).toBe(theirs.length);
      for (let i = 0; i < ours.length; i++) {
        if (!agree[i]) continue;
        expect(ours[i], `${basename(file)} ${opts.join(' ')} packet ${i + 1}`).toBe(theirs[i]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
    // -c N: the last N, as tcpdump prints them when it reads only those.
    const last = packetsOf(await showText(engine, 'show f -c 3 -v'));
    const all = tcpdump(file, ['-v']);
    expect(last.length).toBe(Math.min(3, all.length));
    await engine.run('wipe');
  });

  test('a filter selects what tcpdump selects with the same filter, -c the last of those', async () => {
    const file = join(projectRoot, 'samples/demo.pcap');
    const engine = new Engine({ config: { captureDir: dir, interfaces: {} }, kinds: [new FileKind({ demo: file })] });
    await engine.run('start demo');
    await new Promise((r) => setTimeout(r, 50));
    for (const [words, bpf] of [
      ['tcp destport 80', 'tcp and dst port 80'],
      ['udp port 53', 'udp and port 53'],
      ['arp', 'arp'],
      ['ip 2001:db8:0:1::10', 'ip6 host 2001:db8:0:1::10'],
    ]) {
      const lines = await showText(engine, `show demo ${words}`);
      const theirs = tcpdump(file, [], bpf).map((l) => l.split('\n')[0]);
      expect(lines[0]).toBe(`--- demo: ${theirs.length} of 61 packets (matching "${bpf}") ---`);
      expect(lines.length - 1).toBe(theirs.length);
      // Lines of packets whose decode differs from tcpdump's are compared by their time stamps.
      expect(lines.slice(1).map((l) => l.slice(0, 15))).toEqual(theirs.map((l) => l.slice(0, 15)));
      // The last two by their time stamps (relative TCP numbers count from the first packet shown).
      const two = await showText(engine, `show -c 2 demo ${words}`);
      expect(two.slice(1).map((l) => l.slice(0, 15))).toEqual(lines.slice(1).slice(-2).map((l) => l.slice(0, 15)));
      expect(two[0]).toBe(`--- demo: ${Math.min(2, theirs.length)} of 61 packets (the last 2 matching "${bpf}") ---`);
    }
  });
});

const mac = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', type: EtherType.IPV4 };
const tcpFrame = (n: number) => ethernet({ ...mac, payload: ipv4({ src: '192.168.0.1', dst: '10.0.0.1', payload: tcp({ sport: 1000 + n, dport: 80, flags: 'S', seq: n }) }) });
const udpFrame = (n: number) => ethernet({ ...mac, payload: ipv4({ src: '192.168.0.2', dst: '10.0.0.1', payload: udp({ sport: 2000 + n, dport: 53, payload: 'x' }) }) });

describe('show chooses packets in the Engine', () => {
  function engineWith(): { engine: Engine; kind: FakeKind } {
    const kind = new FakeKind(['eth1', 'eth0']);
    return { kind, engine: new Engine({ config: { captureDir: dir, interfaces: { int: 'eth1' } }, kinds: [kind] }) };
  }

  async function shown(engine: Engine, command: string): Promise<{ result: Extract<Result, { kind: 'show' }>; sports: number[][] }> {
    const result = (await engine.run(command)) as Extract<Result, { kind: 'show' }>;
    expect(result.kind).toBe('show');
    const sports: number[][] = [];
    for (const s of result.sections) {
      const ports: number[] = [];
      for await (const b of s.batches()) {
        for (let at = b.start; at < b.end; ) {
          const cap = b.buf.readUInt32LE(at + 8);
          ports.push(b.buf.readUInt16BE(at + 16 + 14 + 20));
          at += 16 + cap;
        }
      }
      sports.push(ports);
    }
    return { result, sports };
  }

  test('-c N keeps the last N; a filter the matching; both the last N matching; every interface or one', async () => {
    const { engine, kind } = engineWith();
    await engine.run('start int');
    await engine.run('start eth0');
    kind.deliver('eth1', [tcpFrame(1), udpFrame(2), tcpFrame(3), udpFrame(4), tcpFrame(5)]);
    kind.deliver('eth0', [udpFrame(6)]);
    expect((await shown(engine, 'show int')).sports).toEqual([[1001, 2002, 1003, 2004, 1005]]);
    expect((await shown(engine, 'show int -c 2')).sports).toEqual([[2004, 1005]]);
    expect((await shown(engine, 'show int udp')).sports).toEqual([[2002, 2004]]);
    expect((await shown(engine, 'show -c 2 int tcp')).sports).toEqual([[1003, 1005]]);
    expect((await shown(engine, 'show -c 9 int tcp')).sports).toEqual([[1001, 1003, 1005]]);
    expect((await shown(engine, 'show int srcport 9999')).sports).toEqual([[]]);
    const every = await shown(engine, 'show udp -v');
    expect(every.sports).toEqual([[2002, 2004], [2006]]);
    expect(every.result.sections.map((s) => [s.iface, s.packets, s.shown])).toEqual([
      ['int', 5, 2],
      ['eth0', 1, 1],
    ]);
    expect(every.result).toMatchObject({ count: 0, filter: 'udp', print: { verbose: 1 } });
  });

  test('packets overwritten while a filtered show is read are told, not shown', async () => {
    const { engine, kind } = engineWith();
    await engine.run('-size 1 start int');
    const frames = Array.from({ length: 12 }, (_, i) => (i % 2 ? udpFrame(i) : tcpFrame(i)));
    kind.deliver('eth1', frames);
    const r = (await engine.run('show int udp')) as Extract<Result, { kind: 'show' }>;
    const it = r.sections[0].batches()[Symbol.asyncIterator]();
    // The ring turns over before the face reads: everything chosen is gone.
    kind.deliver('eth1', Array.from({ length: 20 }, (_, i) => tcpFrame(100 + i)));
    const first = await it.next();
    expect(first.done).toBe(false);
    expect(first.value.missed).toBeGreaterThan(0);
    expect(first.value.end - first.value.start).toBe(0);
  });

  test.each([
    ['show int -q', 'show: unknown option "-q" (-v -e -x -X -A -c N)'],
    ['show int --count', 'show: unknown option "--count"'],
    ['show -c 0', 'show: -c needs a packet count from 1 up, got "0"'],
    ['show int -c', 'show: -c needs a packet count, got nothing'],
    ['show int -c x', 'got "x"'],
    ['show int destport', 'destport needs'],
    ['show int tcp bogus', 'bogus'],
    ['show int int', 'int'],
  ])('%s: one line, nothing changed', async (command, message) => {
    const { engine, kind } = engineWith();
    await engine.run('start int');
    kind.deliver('eth1', [tcpFrame(1)]);
    const before = JSON.stringify(engine.status().map(({ elapsedMs, ...s }) => s));
    await expect(engine.run(command)).rejects.toBeInstanceOf(UsageError);
    await expect(engine.run(command)).rejects.toThrow(message);
    expect(JSON.stringify(engine.status().map(({ elapsedMs, ...s }) => s))).toBe(before);
  });

  test.skipIf(!haveCorpus)('a filter that cannot apply to a link type names the interface', async () => {
    const kind = new FakeKind(['eth1']);
    // Linux cooked captures (link type 113) have no VLAN tags or MAC addresses to filter on.
    const engine = new Engine({ config: { captureDir: dir, interfaces: {} }, kinds: [kind, new FileKind({ sll: join(corpusDir, 'babel.pcap') })] });
    await engine.run('start eth1');
    await engine.run('start sll');
    await new Promise((r) => setTimeout(r, 50));
    expect((await engine.run('show eth1 vlan 20')).kind).toBe('show');
    await expect(engine.run('show sll vlan 20')).rejects.toThrow(/^sll: vlan cannot be used on LINUX_SLL captures/);
    await expect(engine.run('show ethsrc 00:11:22:33:44:55')).rejects.toThrow(/^sll: ethsrc cannot be used/);
  });
});
