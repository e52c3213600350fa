import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ipv4Text, ipv6Text, macText } from '../../src/decode/addr.js';

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
