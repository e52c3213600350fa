import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCaptureFile } from '../../src/capture/file.js';
import { PcapngWriter } from '../../src/pcap/pcapng-writer.js';
import type { InterfaceInfo, PacketView } from '../../src/pcap/types.js';
import { PcapWriter } from '../../src/pcap/writer.js';
import { corpusFiles, corpusMissing, haveCorpus } from '../support/corpus.js';
import { haveTool, mapLimit, run } from '../support/referee.js';
import { parseReferencePcap, runBinary, usOf } from './referee-pcap.js';

const ready = haveCorpus && haveTool('tcpdump') && haveTool('tshark') && haveTool('capinfos');
if (!haveCorpus) console.log(corpusMissing);

interface Pkt extends PacketView {
  data: Buffer;
}

/** A corpus file as we read it, interfaces of all sections merged by equal description. */
function load(path: string): { interfaces: InterfaceInfo[]; packets: Pkt[] } {
  const r = openCaptureFile(path);
  const interfaces: InterfaceInfo[] = [];
  const packets: Pkt[] = [];
  try {
    for (let p = r.next(); p; p = r.next()) {
      const info = r.interfaces[p.interfaceId];
      let id = interfaces.findIndex((i) => JSON.stringify(i) === JSON.stringify(info));
      if (id < 0) id = interfaces.push({ ...info }) - 1;
      const data = Buffer.from(p.buf.subarray(p.offset, p.offset + p.capLen));
      packets.push({ ...p, interfaceId: id, buf: data, offset: 0, data });
    }
  } finally {
    r.close();
  }
  if (interfaces.length === 0) interfaces.push(...r.interfaces);
  return { interfaces, packets };
}

function write(make: (sink: (c: Buffer) => void) => { writePacket(p: PacketView): void; flush(): void }, packets: Pkt[]): Buffer {
  const chunks: Buffer[] = [];
  const w = make((c) => chunks.push(c));
  for (const p of packets) w.writePacket(p);
  w.flush();
  return Buffer.concat(chunks);
}

const us = (p: PacketView) => usOf(p.tsSec >>> 0, Math.floor(p.tsNsec / 1000));
const dir = mkdtempSync(join(tmpdir(), 'pcapdump-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!ready)('round trip: corpus files written back by PcapWriter and PcapngWriter, read by tcpdump, capinfos, tshark', () => {
  it('every referee sees identical packets', async () => {
    const outputs: Array<{ path: string; packets: Pkt[]; kind: 'pcap' | 'pcap-ns' | 'pcapng'; tcpdumpCan: boolean }> = [];
    let mixedLinkTypes = 0;
    for (const file of corpusFiles()) {
      const { interfaces, packets } = load(file);
      const base = join(dir, basename(file));
      const linkTypes = new Set(interfaces.map((i) => i.linkType));
      if (linkTypes.size === 1) {
        const snapLen = Math.max(...interfaces.map((i) => i.snapLen));
        const classicPackets = packets.map((p) => ({ ...p, interfaceId: 0 }));
        for (const nanosecond of [false, true]) {
          const path = `${base}.${nanosecond ? 'ns' : 'us'}.pcap`;
          writeFileSync(path, write((s) => new PcapWriter(s, { linkType: interfaces[0].linkType, snapLen, nanosecond }), classicPackets));
          outputs.push({ path, packets, kind: nanosecond ? 'pcap-ns' : 'pcap', tcpdumpCan: true });
        }
      } else {
        mixedLinkTypes++; // one classic file has one link type: these go to pcapng only
      }
      const path = `${base}.out.pcapng`;
      writeFileSync(path, write((s) => new PcapngWriter(s, { interfaces, application: 'pcapdump round-trip test' }), packets));
      // libpcap 1.10 reads a pcapng only while every IDB has the first one's link type and snaplen.
      const sameIdbs = new Set(interfaces.map((i) => `${i.linkType}/${i.snapLen}`)).size === 1;
      outputs.push({ path, packets, kind: 'pcapng', tcpdumpCan: sameIdbs });
    }

    const mismatches: string[] = [];
    const compare = (what: string, got: Array<[number, number, number]>, want: Pkt[]) => {
      if (got.length !== want.length) return mismatches.push(`${what}: ${got.length} packets, we wrote ${want.length}`);
      const i = want.findIndex((p, k) => got[k][0] !== us(p) || got[k][1] !== p.capLen || got[k][2] !== p.origLen);
      if (i >= 0) mismatches.push(`${what}: packet ${i + 1}: ${got[i].join('/')} vs ours ${[us(want[i]), want[i].capLen, want[i].origLen].join('/')}`);
    };

    // tcpdump: every record, bytes included.
    let tcpdumpFiles = 0;
    let tcpdumpPackets = 0;
    await mapLimit(
      outputs.filter((o) => o.tcpdumpCan),
      2,
      async (o) => {
        const ref = await runBinary('tcpdump', ['-r', o.path, '-w', '-']);
        if (ref.code !== 0) return mismatches.push(`tcpdump ${o.path}: ${ref.stderr.trim()}`);
        const recs = parseReferencePcap(ref.stdout).records;
        compare(`tcpdump ${o.path}`, recs.map((r) => [r.us, r.capLen, r.origLen]), o.packets);
        const bad = recs.findIndex((r, k) => k < o.packets.length && !r.data.equals(o.packets[k].data));
        if (bad >= 0) mismatches.push(`tcpdump ${o.path}: packet ${bad + 1}: bytes differ`);
        tcpdumpFiles++;
        tcpdumpPackets += recs.length;
      },
    );

    // capinfos: packet counts, a hundred files per call. Wireshark lacks some link types; it says so and we count them.
    let capinfosFiles = 0;
    const unsupported = new Set<string>();
    for (let i = 0; i < outputs.length; i += 100) {
      const batch = outputs.slice(i, i + 100);
      const res = run('capinfos', ['-c', '-T', '-r', ...batch.map((o) => o.path)]);
      for (const m of res.stderr.matchAll(/The file "([^"]+)" contains record data that capinfos doesn't support/g)) unsupported.add(m[1]);
      const counts = new Map(res.stdout.trim().split('\n').map((l) => l.split('\t') as [string, string]));
      for (const o of batch) {
        if (unsupported.has(o.path)) continue;
        if (Number(counts.get(o.path)) !== o.packets.length) mismatches.push(`capinfos ${o.path}: ${counts.get(o.path)} packets, we wrote ${o.packets.length}`);
        else capinfosFiles++;
      }
    }

    // tshark: lengths and times. One tshark call reads all our pcapng outputs at once, concatenated
    // (a pcapng may hold many sections); classic files need a call each, so a seeded sample of them.
    const supported = outputs.filter((o) => !unsupported.has(o.path));
    const ng = supported.filter((o) => o.kind === 'pcapng');
    const all = join(dir, 'all-sections.pcapng');
    writeFileSync(all, Buffer.concat(ng.map((o) => readFileSync(o.path))));
    const tsharkFields = (path: string): Array<[number, number, number]> => {
      const res = run('tshark', ['-r', path, '-T', 'fields', '-e', 'frame.time_epoch', '-e', 'frame.cap_len', '-e', 'frame.len']);
      if (res.code !== 0) mismatches.push(`tshark ${path}: exit ${res.code}: ${res.stderr.trim()}`);
      return res.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const [t, cap, len] = l.split('\t');
          const [s, f = '0'] = t.split('.');
          return [usOf(Number(s), Number(f.padEnd(9, '0').slice(0, 6))), Number(cap), Number(len)];
        });
    };
    compare('tshark (all pcapng outputs as one file)', tsharkFields(all), ng.flatMap((o) => o.packets));
    const classic = supported.filter((o) => o.kind !== 'pcapng');
    const sample = classic.filter((_, i) => i % Math.ceil(classic.length / 40) === 0);
    await mapLimit(sample, 2, async (o) => compare(`tshark ${o.path}`, tsharkFields(o.path), o.packets));

    console.log(
      `round trip: ${outputs.length} files written (${outputs.filter((o) => o.kind !== 'pcapng').length} pcap µs+ns, ${ng.length + outputs.filter((o) => o.kind === 'pcapng' && unsupported.has(o.path)).length} pcapng; ` +
        `${mixedLinkTypes} inputs with mixed link types written as pcapng only); ` +
        `tcpdump read ${tcpdumpFiles} files, ${tcpdumpPackets} packets compared with bytes (${outputs.filter((o) => !o.tcpdumpCan).length} pcapng skipped: libpcap 1.10 wants one link type and snaplen); ` +
        `capinfos counted ${capinfosFiles} files (${unsupported.size} skipped: link type Wireshark does not support); ` +
        `tshark read ${ng.length} pcapng outputs in one file and ${sample.length} sampled pcap outputs; ${mismatches.length} mismatches`,
    );
    expect(mismatches).toEqual([]);
  });
});
