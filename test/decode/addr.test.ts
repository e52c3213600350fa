import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AddressCache, ipv4Text, ipv6Text, macText } from '../../src/decode/addr.js';

function v6(hex: string): string {
  return ipv6Text(Buffer.from(hex, 'hex'), 0);
}

describe('address text', () => {
  it('IPv6 as RFC 5952 and inet_ntop write it', () => {
    expect(v6('20010db8000000000000000000000001')).toBe('2001:db8::1');
    expect(v6('00000000000000000000000000000000')).toBe('::');
    expect(v6('00000000000000000000000000000001')).toBe('::1');
    expect(v6('fe800000000000000000000000000000')).toBe('fe80::');
    expect(v6('20010db8000000010000000000000001')).toBe('2001:db8:0:1::1');
    // Two runs of equal length: the first is compressed; a single zero group never is.
    expect(v6('20010db8000000000001000000000001')).toBe('2001:db8::1:0:0:1');
    expect(v6('20010db8000100010001000100010000')).toBe('2001:db8:1:1:1:1:1:0');
    expect(v6('00000000000000000000ffffc0000201')).toBe('::ffff:192.0.2.1');
    expect(v6('000000000000000000000000c0000201')).toBe('::192.0.2.1');
  });

  it('IPv6 agrees with the WHATWG serializer on random addresses (outside the embedded-IPv4 forms)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 0, 0, 1, 0xffff, 0xdb8, 0xabc), { minLength: 8, maxLength: 8 }), (groups) => {
        const b = Buffer.alloc(16);
        groups.forEach((g, i) => b.writeUInt16BE(g, 2 * i));
        const ours = ipv6Text(b, 0);
        if (ours.includes('.')) return true;
        const full = groups.map((g) => g.toString(16)).join(':');
        return `[${ours}]` === new URL(`http://[${full}]/`).hostname;
      }),
      { numRuns: 3000 },
    );
  });

  it('IPv4 dotted quad and MAC text', () => {
    expect(ipv4Text(Buffer.from([0, 10, 255, 1]), 0)).toBe('0.10.255.1');
    expect(macText(Buffer.from([0, 0x1b, 0xff, 0xa, 1, 2]), 0, 6)).toBe('00:1b:ff:0a:01:02');
  });
});

describe('the flow cache (AddressCache.endpoints)', () => {
  /** An IPv4 header's addresses at 12 and 16 or an IPv6 header's at 8 and 24, the rest zero. */
  function header(v6: boolean, src: Buffer, dst: Buffer): Buffer {
    const h = Buffer.alloc(40);
    src.copy(h, v6 ? 8 : 12);
    dst.copy(h, v6 ? 24 : 16);
    return h;
  }

  /** Flows that differ from one base in one field only (`axis`), so that flows in one slot differ in that field alone. */
  const flows = fc
    .record({
      v6: fc.boolean(),
      src: fc.uint8Array({ minLength: 16, maxLength: 16 }),
      dst: fc.uint8Array({ minLength: 16, maxLength: 16 }),
      sport: fc.integer({ min: 0, max: 65535 }),
      dport: fc.integer({ min: 0, max: 65535 }),
      axis: fc.constantFrom('src', 'dst', 'sport', 'dport', 'version'),
      values: fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 2000, maxLength: 2500 }),
    })
    .map((b) =>
      b.values.map((x) => {
        const f = { v6: b.v6, src: Buffer.from(b.src), dst: Buffer.from(b.dst), sport: b.sport, dport: b.dport };
        if (b.axis === 'src') f.src.writeUInt32BE(x >>> 0, 0);
        if (b.axis === 'dst') f.dst.writeUInt32BE(x >>> 0, 0);
        if (b.axis === 'sport') f.sport = x & 0xffff;
        if (b.axis === 'dport') f.dport = x & 0xffff;
        if (b.axis === 'version') f.v6 = (x & 1) === 1;
        return f;
      }),
    );

  it('gives each flow its own text, however many flows share its slot', () => {
    fc.assert(
      fc.property(flows, fc.array(fc.nat(), { minLength: 2000, maxLength: 2500 }), (list, order) => {
        const cache = new AddressCache();
        // Flows seen once each, then again in a random order: hits, misses, and slots taken over.
        for (const i of [...list.keys(), ...order.map((k) => k % list.length)]) {
          const f = list[i];
          const src = f.src.subarray(0, f.v6 ? 16 : 4);
          const dst = f.dst.subarray(0, f.v6 ? 16 : 4);
          const text = f.v6 ? (b: Buffer) => ipv6Text(b, 0) : (b: Buffer) => ipv4Text(b, 0);
          expect(cache.endpoints(header(f.v6, src, dst), 0, f.v6, f.sport, f.dport)).toBe(`${text(src)}.${f.sport} > ${text(dst)}.${f.dport}: `);
        }
      }),
      // A failure is plain to read as it is: shrinking thousands of flows would take minutes.
      { numRuns: 20, endOnFailure: true },
    );
  });
});
