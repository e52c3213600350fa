import { describe, expect, it } from 'vitest';
import { bytes, Ng } from './build.js';
import { readAll } from './read-all.js';

const str = (s: string) => Buffer.from(s);
const NOW_NS = 1_700_000_123_456_789_012n;

/** A two-section file: the first little-endian with three interfaces of different resolutions, the second big-endian. */
function twoSections(): Buffer {
  const le = new Ng(true);
  const be = new Ng(false);
  return Buffer.concat([
    le.shb(),
    le.idb(1, 65535, [le.opt(2, str('eth0')), le.opt(11, Buffer.concat([Buffer.from([0]), str('tcp port 80')])), le.opt(9, Buffer.from([9]))]),
    le.block(0x0bad, bytes(10)), // unknown block, skipped
    le.idb(113, 0, [le.opt(2, str('any')), le.opt(9, Buffer.from([0x80 | 10])), le.opt(14, Buffer.from([5, 0, 0, 0, 0, 0, 0, 0]))]),
    le.idb(101, 128),
    le.epb(0, NOW_NS, bytes(60, 1), 60),
    le.epb(1, (1_700_000_000n << 10n) + 512n, bytes(70, 2), 1000), // 2^-10 units: .5 s, plus tsoffset 5 s
    le.pb(2, 1_700_000_000_000_001n, bytes(20, 3)),
    le.spb(200, bytes(200, 4)),
    le.block(5, bytes(16)), // interface statistics, skipped
    be.shb(),
    be.idb(276, 96, [be.opt(2, str('wan'))]),
    be.spb(300, bytes(96, 5)),
    be.epb(0, 1_000_000n, bytes(8, 6)),
  ]);
}

describe('pcapng', () => {
  for (const chunk of [undefined, 40, 100]) {
    it(`reads sections, interfaces, tsresol, EPB, PB, SPB, and skips unknown blocks (chunk ${chunk ?? 'default'})`, () => {
      const file = twoSections();
      const { reader, packets, error } = readAll(file, 'two.pcapng', chunk);
      expect(error).toBeUndefined();
      expect(reader?.format).toBe('pcapng');
      expect(reader?.position).toBe(file.length);
      expect(packets.map((p) => [p.interfaceId, p.linkType, p.tsSec, p.tsNsec, p.capLen, p.origLen])).toEqual([
        [0, 1, 1_700_000_123, 456_789_012, 60, 60],
        [1, 113, 1_700_000_005, 500_000_000, 70, 1000],
        [2, 101, 1_700_000_000, 1000, 20, 20],
        [0, 1, 0, 0, 200, 200], // SPB: no timestamp, caplen = min(len, snaplen)
        [0, 276, 0, 0, 96, 300],
        [0, 276, 1, 0, 8, 8],
      ]);
      expect(packets[3].data.equals(bytes(200, 4))).toBe(true);
      expect(packets[4].data.equals(bytes(96, 5))).toBe(true);
      // interfaces describe the current section
      expect(reader?.interfaces).toEqual([{ linkType: 276, snapLen: 96, name: 'wan' }]);
    });
  }

  it('knows the first interface as soon as it is open', () => {
    const le = new Ng();
    const file = Buffer.concat([le.shb(), le.idb(1, 0, [le.opt(2, str('eth1')), le.opt(11, Buffer.concat([Buffer.from([0]), str('ip')]))])]);
    const { reader, packets } = readAll(file);
    expect(reader?.interfaces).toEqual([{ linkType: 1, snapLen: 262144, name: 'eth1', filter: 'ip' }]);
    expect(packets).toHaveLength(0);
  });

  it('converts every if_tsresol exactly (decimal and binary, small and large)', () => {
    const cases: Array<[number, bigint]> = [
      [0, 1_700_000_000n],
      [3, 1_700_000_000_123n],
      [6, 1_700_000_000_123_456n],
      [9, NOW_NS],
      [11, 170_000_000_012_345_678_901n % (1n << 64n)],
      [15, 1_700_000_000_123_456_789_012_345n % (1n << 64n)],
      [0x80 | 0, 12345n],
      [0x80 | 20, (1_700_000_000n << 20n) + 777n],
      [0x80 | 30, (1_700_000_000n << 30n) + 123_456_789n],
      [0x80 | 63, (1n << 64n) - 1n],
    ];
    const le = new Ng();
    for (const [res, ts] of cases) {
      const file = Buffer.concat([le.shb(), le.idb(1, 0, [le.opt(9, Buffer.from([res]))]), le.epb(0, ts, bytes(4))]);
      const { packets, error } = readAll(file);
      expect(error).toBeUndefined();
      const units = res & 0x80 ? 1n << BigInt(res & 0x7f) : 10n ** BigInt(res);
      expect([packets[0].tsSec, packets[0].tsNsec], `tsresol ${res}`).toEqual([Number(ts / units), Number(((ts % units) * 1_000_000_000n) / units)]);
    }
  });
});

describe('pcapng errors name the file, the offset and the reason', () => {
  const le = new Ng();
  const head = Buffer.concat([le.shb(), le.idb(1, 1000)]);
  const at = head.length;
  const err = (file: Buffer) => readAll(file, 'bad.pcapng').error?.message;

  it('refuses bad block lengths', () => {
    expect(err(Buffer.concat([head, le.block(6, bytes(20), { lenDelta: 2 })]))).toBe(`bad.pcapng: at byte ${at}: Enhanced Packet Block (type 6) has a length of 34, not a multiple of 4`);
    expect(err(Buffer.concat([head, le.u32(6), le.u32(8), le.u32(8)]))).toBe(`bad.pcapng: at byte ${at}: Enhanced Packet Block (type 6) has a length of 8, less than 12`);
    expect(err(Buffer.concat([head, le.block(6, bytes(20), { trailer: 36 })]))).toBe(
      `bad.pcapng: at byte ${at}: Enhanced Packet Block (type 6): total length 32 in header and 36 in trailer don't match`,
    );
    expect(err(Buffer.concat([head, le.u32(6), le.u32(0x7ffffff0)]))).toMatch(/at byte \d+: Enhanced Packet Block \(type 6\) has a length of 2147483632, more than the maximum 16777216$/);
  });

  it('delivers whole packets, then reports a truncated block', () => {
    const file = Buffer.concat([head, le.epb(0, 1n, bytes(10)), le.epb(0, 2n, bytes(10))]);
    const { packets, error } = readAll(file.subarray(0, file.length - 3), 'cut.pcapng', 50);
    expect(packets).toHaveLength(1);
    expect(error?.message).toBe(`cut.pcapng: at byte ${at + 44}: truncated Enhanced Packet Block (type 6): length 44, only 41 bytes present`);
    expect(readAll(file.subarray(0, at + 44 + 5), 'cut.pcapng').error?.message).toBe(`cut.pcapng: at byte ${at + 44}: truncated block header: 8 bytes needed, only 5 present`);
  });

  it('refuses packets with no interface, too long, or not fitting their block', () => {
    expect(err(Buffer.concat([le.shb(), le.epb(0, 1n, bytes(4))]))).toBe(
      'bad.pcapng: at byte 28: a packet arrived on interface 0, but there\'s no Interface Description Block for that interface',
    );
    expect(err(le.shb())).toBe('bad.pcapng: at byte 28: the capture file has no Interface Description Blocks');
    expect(err(Buffer.concat([head, le.epb(3, 1n, bytes(4))]))).toMatch(/at byte \d+: a packet arrived on interface 3/);
    expect(err(Buffer.concat([head, le.epb(0, 1n, bytes(4), 2000, 1001)]))).toBe(`bad.pcapng: at byte ${at}: invalid packet capture length 1001, bigger than snaplen of 1000`);
    expect(err(Buffer.concat([head, le.epb(0, 1n, bytes(4), 100, 100)]))).toBe(`bad.pcapng: at byte ${at}: Enhanced Packet Block (type 6) is too short: 100 captured bytes announced, room for 4`);
    expect(err(Buffer.concat([head, le.block(6, bytes(8))]))).toBe(`bad.pcapng: at byte ${at}: Enhanced Packet Block (type 6) is too short: 20 body bytes needed, only 8`);
  });

  it('refuses malformed IDB options as libpcap does', () => {
    const idbErr = (opts: Buffer[]) => err(Buffer.concat([le.shb(), le.idb(1, 0, opts)]));
    expect(idbErr([le.opt(9, Buffer.from([6, 6]))])).toMatch(/at byte 28: Interface Description Block: if_tsresol option with length 2 != 1/);
    expect(idbErr([le.opt(9, Buffer.from([20]))])).toMatch(/if_tsresol option resolution 10\^-20 is too high/);
    expect(idbErr([le.opt(9, Buffer.from([0x80 | 64]))])).toMatch(/if_tsresol option resolution 2\^-64 is too high/);
    expect(idbErr([le.opt(9, Buffer.from([6])), le.opt(9, Buffer.from([9]))])).toMatch(/more than one if_tsresol option/);
    expect(idbErr([le.opt(14, Buffer.from([1, 2, 3]))])).toMatch(/if_tsoffset option with length 3 != 8/);
    const cutOpt = le.block(1, Buffer.concat([le.u16(1), le.u16(0), le.u32(0), le.u16(2), le.u16(40), str('eth0')]));
    expect(err(Buffer.concat([le.shb(), cutOpt]))).toMatch(/at byte 28: Interface Description Block: option 2 of length 40 runs past the end of the block/);
  });

  it('refuses bad section headers', () => {
    const badBom = Buffer.from(le.shb());
    badBom.writeUInt32LE(0x11223344, 8);
    expect(err(badBom)).toBe('bad.pcapng: at byte 0: Section Header Block has a bad byte-order magic 0x11223344');
    expect(err(Buffer.concat([le.shb(2, 0), le.idb(1, 0)]))).toBe('bad.pcapng: at byte 0: unsupported pcapng section version 2.0');
    expect(err(Buffer.concat([head, le.shb(3, 0)]))).toBe(`bad.pcapng: at byte ${at}: unsupported pcapng section version 3.0`);
    expect(err(le.shb().subarray(0, 10))).toBe('bad.pcapng: at byte 0: truncated Section Header Block: 12 bytes needed, only 10 present');
  });
});
