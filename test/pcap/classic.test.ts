import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../src/pcap/bytes.js';
import { openCapture } from '../../src/pcap/reader.js';
import { bytes, classic } from './build.js';
import { readAll } from './read-all.js';

const recs = [
  { sec: 1_700_000_000, frac: 1, data: bytes(60, 1) },
  { sec: 1_700_000_001, frac: 999_999, data: bytes(1514, 2), origLen: 1514 },
  { sec: 0xfffffff0, frac: 500, data: bytes(1, 3), origLen: 9000 },
];

describe('classic pcap', () => {
  for (const little of [true, false]) {
    for (const nano of [false, true]) {
      it(`reads ${little ? 'little' : 'big'}-endian ${nano ? 'ns' : 'µs'} files`, () => {
        const file = classic({ little, nano, linkType: 113 }, recs);
        const { reader, packets, error } = readAll(file);
        expect(error).toBeUndefined();
        expect(reader?.format).toBe('pcap');
        expect(reader?.interfaces).toEqual([{ linkType: 113, snapLen: 65535 }]);
        expect(reader?.position).toBe(file.length);
        expect(packets.map((p) => [p.tsSec, p.tsNsec, p.capLen, p.origLen, p.linkType, p.interfaceId])).toEqual(
          recs.map((r) => [r.sec, nano ? r.frac : r.frac * 1000, r.data.length, r.origLen ?? r.data.length, 113, 0]),
        );
        packets.forEach((p, i) => expect(p.data.equals(recs[i].data)).toBe(true));
      });
    }
  }

  it('returns the same view object every call (no per-packet allocation)', () => {
    const rd = openCapture(bufferSource(classic({}, recs)), 'same.pcap');
    const a = rd.next();
    const b = rd.next();
    expect(a).not.toBeNull();
    expect(a).toBe(b);
  });

  it('reads across chunk edges and grows the chunk for a record larger than it', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ sec: i, frac: i, data: bytes(1 + ((i * 37) % 300), i) }));
    many.push({ sec: 999, frac: 0, data: bytes(5000, 9) });
    const file = classic({}, many);
    for (const chunk of [32, 64, 333, 4096]) {
      const { packets, error } = readAll(file, 't.pcap', chunk);
      expect(error).toBeUndefined();
      expect(packets).toHaveLength(many.length);
      packets.forEach((p, i) => expect(p.data.equals(many[i].data)).toBe(true));
    }
  });

  it('carries fractions of a second or more into the seconds, as libpcap passes them through', () => {
    const { packets } = readAll(classic({ nano: true }, [{ sec: 10, frac: 2_500_000_000, data: bytes(4) }]));
    // 2.5e9 does not fit a signed 32-bit fraction: libpcap reads it as negative, so do we.
    const signed = 2_500_000_000 - 2 ** 32;
    const us = -Math.floor(-signed / 1000);
    expect(packets[0].tsSec * 1e6 + packets[0].tsNsec / 1000).toBe(10 * 1e6 + us);
    const micro = readAll(classic({}, [{ sec: 10, frac: 3_000_001, data: bytes(4) }])).packets[0];
    expect([micro.tsSec, micro.tsNsec]).toEqual([13, 1000]);
  });

  it('un-swaps caplen and len of version 2.2 files, and of 2.3 files where caplen > len', () => {
    const r22 = readAll(classic({ minor: 2 }, [{ sec: 1, frac: 0, data: bytes(60), capLen: 100, origLen: 60 }])).packets[0];
    expect([r22.capLen, r22.origLen]).toEqual([60, 100]);
    const r23 = readAll(classic({ minor: 3 }, [{ sec: 1, frac: 0, data: bytes(60), capLen: 100, origLen: 60 }])).packets[0];
    expect([r23.capLen, r23.origLen]).toEqual([60, 100]);
    const ok23 = readAll(classic({ minor: 3 }, [{ sec: 1, frac: 0, data: bytes(60), capLen: 60, origLen: 100 }])).packets[0];
    expect([ok23.capLen, ok23.origLen]).toEqual([60, 100]);
  });

  it('keeps the first snaplen bytes of a record longer than the snaplen, as libpcap does', () => {
    const file = classic({ snapLen: 100 }, [
      { sec: 1, frac: 0, data: bytes(300, 1) },
      { sec: 2, frac: 0, data: bytes(50, 2) },
    ]);
    const { packets, error } = readAll(file);
    expect(error).toBeUndefined();
    expect(packets.map((p) => [p.capLen, p.origLen])).toEqual([
      [100, 300],
      [50, 50],
    ]);
    expect(packets[0].data.equals(bytes(300, 1).subarray(0, 100))).toBe(true);
  });

  it('treats snaplen 0 or above 262144 as 262144', () => {
    expect(readAll(classic({ snapLen: 0 }, [])).reader?.interfaces[0].snapLen).toBe(262144);
    expect(readAll(classic({ snapLen: 0x7fffffff }, [])).reader?.interfaces[0].snapLen).toBe(262144);
  });
});

describe('classic pcap errors name the file, the offset and the reason', () => {
  const good = classic({}, recs);

  it('refuses a record longer than libpcap would ever allocate', () => {
    const file = classic({}, [recs[0], { sec: 1, frac: 0, data: bytes(8), capLen: 262145 }]);
    const { packets, error } = readAll(file, 'big.pcap');
    expect(packets).toHaveLength(1);
    expect(error?.message).toBe(`big.pcap: at byte ${24 + 16 + 60}: invalid packet capture length 262145, bigger than snaplen of 65535`);
  });

  it('delivers every whole packet, then reports a truncated record header', () => {
    const cut = good.subarray(0, good.length - recs[2].data.length - 16 + 7);
    const { packets, error } = readAll(cut, 'cut.pcap');
    expect(packets).toHaveLength(2);
    expect(error?.offset).toBe(good.length - recs[2].data.length - 16);
    expect(error?.message).toMatch(/^cut\.pcap: at byte \d+: truncated record header: 16 bytes needed, only 7 present/);
  });

  it('delivers every whole packet, then reports truncated packet data', () => {
    const cut = good.subarray(0, good.length - 1);
    const { packets, error } = readAll(cut, 'cut.pcap', 64);
    expect(packets).toHaveLength(2);
    expect(error?.message).toMatch(/^cut\.pcap: at byte \d+: truncated record: 1 captured bytes announced, only 0 present/);
  });

  it('refuses bad magic, empty and short files at offset 0', () => {
    expect(readAll(Buffer.from('GET / HTTP/1.1\r\n'), 'x.pcap').error?.message).toBe(
      'x.pcap: at byte 0: unknown file format (magic 0x47455420 is neither pcap nor pcapng)',
    );
    expect(readAll(Buffer.alloc(0), 'e.pcap').error?.message).toBe('e.pcap: at byte 0: empty file, not a capture file');
    expect(readAll(Buffer.from([0xd4, 0xc3]), 's.pcap').error?.message).toMatch(/^s\.pcap: at byte 0: truncated file header/);
    expect(readAll(good.subarray(0, 20), 'h.pcap').error?.message).toMatch(/^h\.pcap: at byte 20: truncated pcap file header: 24 bytes needed, only 20/);
  });

  it('refuses versions libpcap refuses', () => {
    expect(readAll(classic({ major: 1 }, []), 'v.pcap').error?.message).toMatch(/at byte 4: archaic pcap savefile format/);
    expect(readAll(classic({ minor: 5 }, []), 'v.pcap').error?.message).toMatch(/at byte 4: unsupported pcap savefile version 2\.5/);
    expect(readAll(classic({ major: 543, minor: 0 }, [recs[0]])).packets).toHaveLength(1);
  });
});
