import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PcapngWriter } from '../../src/pcap/pcapng-writer.js';
import type { PacketView } from '../../src/pcap/types.js';
import { PCAP_RECORD_HEADER, PcapWriter, pcapFileHeader, writeRecordHeader } from '../../src/pcap/writer.js';
import { bytes } from './build.js';
import { readAll } from './read-all.js';

function view(p: Partial<PacketView> & { data: Buffer }): PacketView {
  return { linkType: 1, interfaceId: 0, tsSec: 0, tsNsec: 0, capLen: p.data.length, origLen: p.data.length, buf: p.data, offset: 0, ...p };
}

function collect(): { sink: (c: Buffer) => void; chunks: Buffer[]; all: () => Buffer } {
  const chunks: Buffer[] = [];
  return { sink: (c) => chunks.push(c), chunks, all: () => Buffer.concat(chunks) };
}

describe('pcapFileHeader and writeRecordHeader', () => {
  it('lay out the classic file exactly (little-endian, 2.4)', () => {
    expect(pcapFileHeader({ linkType: 113, snapLen: 96 }).toString('hex')).toBe('d4c3b2a1' + '02000400' + '00000000' + '00000000' + '60000000' + '71000000');
    expect(pcapFileHeader({ linkType: 1, nanosecond: true }).toString('hex')).toBe('4d3cb2a1' + '02000400' + '00000000' + '00000000' + '00000400' + '01000000');
    const b = Buffer.alloc(PCAP_RECORD_HEADER + 2);
    writeRecordHeader(b, 2, 0x01020304, 999_999, 60, 1514);
    expect(b.subarray(2).toString('hex')).toBe('040302013f420f003c000000ea050000');
  });
});

describe('PcapWriter', () => {
  for (const nanosecond of [false, true]) {
    it(`writes what the reader reads back (${nanosecond ? 'ns' : 'µs'})`, () => {
      const out = collect();
      const w = new PcapWriter(out.sink, { linkType: 276, snapLen: 100, nanosecond });
      const packets = [
        view({ tsSec: 1_700_000_000, tsNsec: 123_456_789, data: bytes(60, 1) }),
        view({ tsSec: 0xffffffff, tsNsec: 999_999_999, data: bytes(300, 2), origLen: 9000 }),
        view({ tsSec: 5, tsNsec: 0, data: Buffer.concat([Buffer.alloc(7), bytes(10, 3)]), offset: 7, capLen: 10, origLen: 10 }),
      ];
      packets.forEach((p) => w.writePacket(p));
      expect(out.chunks).toHaveLength(0); // batched until flush
      w.flush();
      const { reader, packets: got, error } = readAll(out.all());
      expect(error).toBeUndefined();
      expect(reader?.interfaces).toEqual([{ linkType: 276, snapLen: 100 }]);
      expect(got.map((p) => [p.tsSec, p.tsNsec, p.capLen, p.origLen])).toEqual([
        [1_700_000_000, nanosecond ? 123_456_789 : 123_456_000, 60, 60],
        [0xffffffff, nanosecond ? 999_999_999 : 999_999_000, 100, 9000], // cut to the snaplen, length kept
        [5, 0, 10, 10],
      ]);
      expect(got[1].data.equals(bytes(300, 2).subarray(0, 100))).toBe(true);
      expect(got[2].data.equals(bytes(10, 3))).toBe(true);
    });
  }

  it('calls the sink rarely, with fresh buffers, and handles records larger than a chunk', () => {
    const out = collect();
    const w = new PcapWriter(out.sink, { linkType: 231, snapLen: 3_000_000 });
    const frame = bytes(1500);
    for (let i = 0; i < 10_000; i++) w.writePacket(view({ tsSec: i, data: frame }));
    w.writePacket(view({ data: bytes(2_000_000, 7) }));
    w.flush();
    w.flush();
    expect(out.chunks.length).toBeLessThanOrEqual(18);
    expect(new Set(out.chunks.map((c) => c.buffer)).size).toBe(out.chunks.length);
    const { packets, error } = readAll(out.all());
    expect(error).toBeUndefined();
    expect(packets).toHaveLength(10_001);
    expect(packets[10_000].data.equals(bytes(2_000_000, 7))).toBe(true);
  });

  it('round-trips arbitrary packets (property)', () => {
    const pkt = fc.record({
      tsSec: fc.integer({ min: 0, max: 0xffffffff }),
      tsNsec: fc.integer({ min: 0, max: 999_999_999 }),
      data: fc.uint8Array({ maxLength: 200 }),
      extra: fc.nat(100_000),
    });
    fc.assert(
      fc.property(fc.array(pkt, { maxLength: 30 }), fc.boolean(), (list, nanosecond) => {
        const out = collect();
        const w = new PcapWriter(out.sink, { linkType: 1, nanosecond });
        for (const p of list) w.writePacket(view({ tsSec: p.tsSec, tsNsec: p.tsNsec, data: Buffer.from(p.data), origLen: p.data.length + p.extra }));
        w.flush();
        const { packets, error } = readAll(out.all(), 'prop.pcap', 64);
        expect(error).toBeUndefined();
        expect(packets.map((p) => [p.tsSec, p.tsNsec, p.origLen, p.data.toString('hex')])).toEqual(
          list.map((p) => [p.tsSec, nanosecond ? p.tsNsec : Math.floor(p.tsNsec / 1000) * 1000, p.data.length + p.extra, Buffer.from(p.data).toString('hex')]),
        );
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});

describe('PcapngWriter', () => {
  it('writes an SHB, an IDB per interface (name, link type, snaplen, filter, tsresol) and EPBs', () => {
    const out = collect();
    const interfaces = [
      { linkType: 1, snapLen: 65535, name: 'eth1', filter: 'ip host 192.168.0.1 and tcp' },
      { linkType: 113, snapLen: 64, name: 'any' },
      { linkType: 101, snapLen: 0 },
    ];
    const w = new PcapngWriter(out.sink, { interfaces, application: 'pcapdump test', nanosecond: true });
    w.writePacket(view({ tsSec: 1_700_000_000, tsNsec: 123_456_789, data: bytes(61, 1), origLen: 70 }));
    w.writePacket(view({ interfaceId: 1, linkType: 113, tsSec: 0xffffffff, tsNsec: 999_999_999, data: bytes(100, 2) }));
    w.writePacket(view({ interfaceId: 2, linkType: 101, tsSec: 3, tsNsec: 1, data: bytes(3, 3) }));
    expect(() => w.writePacket(view({ interfaceId: 3, data: bytes(1) }))).toThrow(RangeError);
    w.flush();
    const file = out.all();
    expect(file.includes(Buffer.from('pcapdump test'))).toBe(true);
    const { reader, packets, error } = readAll(file, 'w.pcapng');
    expect(error).toBeUndefined();
    expect(reader?.interfaces).toEqual([interfaces[0], interfaces[1], { linkType: 101, snapLen: 262144 }]);
    expect(packets.map((p) => [p.interfaceId, p.linkType, p.tsSec, p.tsNsec, p.capLen, p.origLen])).toEqual([
      [0, 1, 1_700_000_000, 123_456_789, 61, 70],
      [1, 113, 0xffffffff, 999_999_999, 64, 100],
      [2, 101, 3, 1, 3, 3],
    ]);
    expect(packets[0].data.equals(bytes(61, 1))).toBe(true);
  });

  it('wraps a time before 1970 to 32 bits, as the classic writer does', () => {
    const chunks: Buffer[] = [];
    const w = new PcapngWriter((c) => chunks.push(c), { interfaces: [{ linkType: 1, snapLen: 0 }] });
    w.writePacket(view({ tsSec: -3, tsNsec: 5000, data: bytes(4) }));
    w.flush();
    const p = readAll(Buffer.concat(chunks)).packets[0];
    expect([p.tsSec, p.tsNsec]).toEqual([2 ** 32 - 3, 5000]);
  });

  it('writes 64-bit timestamps exactly in µs and ns (property, against BigInt)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 999_999_999 }), fc.boolean(), (sec, ns, nanosecond) => {
        const out = collect();
        const w = new PcapngWriter(out.sink, { interfaces: [{ linkType: 1, snapLen: 0 }], nanosecond });
        w.writePacket(view({ tsSec: sec, tsNsec: ns, data: bytes(1) }));
        w.flush();
        const b = out.all();
        const epb = b.length - 36; // EPB with 1 byte padded to 4
        const t = (BigInt(b.readUInt32LE(epb + 12)) << 32n) | BigInt(b.readUInt32LE(epb + 16));
        expect(t).toBe(nanosecond ? BigInt(sec) * 1_000_000_000n + BigInt(ns) : BigInt(sec) * 1_000_000n + BigInt(Math.floor(ns / 1000)));
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
