import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FILTER_KEYS, FilterError, formatFilter, isFilterKey, parseFilter, toBpf } from '../../src/filter/index.js';

const words = (s: string): string[] => (s === '' ? [] : s.split(' '));
const fmt = (s: string): string => formatFilter(parseFilter(words(s)));

function errorOf(s: string): FilterError {
  try {
    parseFilter(words(s));
  } catch (e) {
    if (e instanceof FilterError) return e;
    throw e;
  }
  throw new Error(`"${s}" parsed without error`);
}

describe('parseFilter: keys', () => {
  it('reads every key of the grammar', () => {
    const f = parseFilter(
      words(
        'eth 00:11:22:33:44:55 ethsrc 00-11-22-33-44-66 ethdest 0011.2233.4477 ip 10.0.0.1 ipsrc 192.168.0.1 ipdest 10.0.0.2 port 80 srcport 1024 destport 53 proto 103 vlan 7',
      ),
    );
    expect(f.eth).toEqual([{ bytes: [0, 0x11, 0x22, 0x33, 0x44, 0x55] }]);
    expect(f.ethsrc).toEqual([{ bytes: [0, 0x11, 0x22, 0x33, 0x44, 0x66] }]);
    expect(f.ethdest).toEqual([{ bytes: [0, 0x11, 0x22, 0x33, 0x44, 0x77] }]);
    expect(f.ip).toEqual([{ family: 4, bytes: [10, 0, 0, 1], prefix: 32 }]);
    expect(f.ipsrc).toEqual([{ family: 4, bytes: [192, 168, 0, 1], prefix: 32 }]);
    expect(f.ipdest).toEqual([{ family: 4, bytes: [10, 0, 0, 2], prefix: 32 }]);
    expect(f.port).toEqual([{ lo: 80, hi: 80 }]);
    expect(f.srcport).toEqual([{ lo: 1024, hi: 1024 }]);
    expect(f.destport).toEqual([{ lo: 53, hi: 53 }]);
    expect(f.protocol).toEqual([{ kind: 'number', number: 103 }]);
    expect(f.vlan).toEqual([7]);
  });

  it('treats tcp, udp, icmp, icmp6, arp and proto as one key (alternatives)', () => {
    expect(parseFilter(words('tcp udp icmp icmp6 arp proto 103 proto tcp')).protocol).toEqual([
      { kind: 'tcp' },
      { kind: 'udp' },
      { kind: 'icmp' },
      { kind: 'icmp6' },
      { kind: 'arp' },
      { kind: 'number', number: 103 },
    ]);
    expect(toBpf(parseFilter(words('tcp udp')))).toBe('(tcp or udp)');
  });

  it('ORs a repeated key, ANDs different keys, and ignores order', () => {
    const a = parseFilter(words('ipsrc 192.168.0.1 tcp ipsrc 192.168.0.2 port 80'));
    const b = parseFilter(words('port 80 ipsrc 192.168.0.2 tcp ipsrc 192.168.0.1'));
    expect(a.ipsrc).toHaveLength(2);
    expect(toBpf(a)).toBe('tcp and (ip src host 192.168.0.1 or ip src host 192.168.0.2) and port 80');
    expect(formatFilter(b)).toBe('tcp ipsrc 192.168.0.2 ipsrc 192.168.0.1 port 80');
    // The same alternative twice is kept once.
    expect(parseFilter(words('tcp tcp port 80 port 80')).port).toHaveLength(1);
  });

  it('accepts keys in any case', () => {
    expect(fmt('TCP IpSrc 10.0.0.1 PROTO UDP')).toBe('tcp udp ipsrc 10.0.0.1');
    expect(isFilterKey('IPSRC')).toBe(true);
  });

  it('reads IPv6 addresses in every textual form and prints them canonically', () => {
    expect(fmt('ip 2001:DB8:0:0:0:0:0:1')).toBe('ip 2001:db8::1');
    expect(fmt('ip ::')).toBe('ip ::');
    expect(fmt('ip ::1')).toBe('ip ::1');
    expect(fmt('ip fe80::')).toBe('ip fe80::');
    expect(fmt('ip ::ffff:192.0.2.1')).toBe('ip ::ffff:c000:201');
    expect(fmt('ip 1:0:0:2:0:0:0:3')).toBe('ip 1:0:0:2::3');
    expect(fmt('ip 1:0:0:2:2:0:0:3')).toBe('ip 1::2:2:0:0:3');
    expect(parseFilter(['ipdest', 'ff02::1:2']).ipdest[0]).toEqual({
      family: 6,
      bytes: [0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2],
      prefix: 128,
    });
  });

  it('reads CIDR prefixes; a host prefix is a host', () => {
    expect(fmt('ipsrc 10.0.0.0/8 ip 2001:db8::/32 ipdest 10.1.2.3/32')).toBe('ip 2001:db8::/32 ipsrc 10.0.0.0/8 ipdest 10.1.2.3');
    expect(parseFilter(['ip', '0.0.0.0/0']).ip[0].prefix).toBe(0);
    expect(parseFilter(['ip', '192.168.128.0/17']).ip[0].bytes).toEqual([192, 168, 128, 0]);
  });

  it('reads port ranges; N-N is a single port', () => {
    expect(parseFilter(['port', '8000-8100']).port).toEqual([{ lo: 8000, hi: 8100 }]);
    expect(fmt('port 0 destport 65535 srcport 7-7')).toBe('port 0 srcport 7 destport 65535');
  });

  it('lists every key, and tells keys from other words', () => {
    for (const k of FILTER_KEYS) expect(isFilterKey(k)).toBe(true);
    for (const w of ['start', 'stop', '-size', 'int', '10.0.0.1', '', 'ipsource']) expect(isFilterKey(w)).toBe(false);
    expect(FILTER_KEYS).toHaveLength(16);
  });

  it('formats the empty filter as empty text', () => {
    expect(formatFilter(parseFilter([]))).toBe('');
    expect(toBpf(parseFilter([]))).toBe('');
  });
});

describe('parseFilter: errors name the token at fault', () => {
  const cases: [string, string, string][] = [
    ['ipsource 1.2.3.4', 'unknown filter key "ipsource"', 'ipsource'],
    ['tcp 80', 'unknown filter key "80"', '80'],
    ['ipsrc 192.168.0', 'ipsrc needs an IP address, got "192.168.0"', '192.168.0'],
    ['ipsrc', 'ipsrc needs an IP address, got nothing', 'ipsrc'],
    ['ipdest 256.1.1.1', 'ipdest needs an IP address, got "256.1.1.1"', '256.1.1.1'],
    ['ip 1:2:3:4:5:6:7:8:9', 'ip needs an IP address, got "1:2:3:4:5:6:7:8:9"', '1:2:3:4:5:6:7:8:9'],
    ['ip 1::2::3', 'ip needs an IP address, got "1::2::3"', '1::2::3'],
    ['ip 1:2:3:4:5:6:7:8::', 'ip needs an IP address, got "1:2:3:4:5:6:7:8::"', '1:2:3:4:5:6:7:8::'],
    ['ip fe80::1%eth0', 'ip needs an IP address, got "fe80::1%eth0"', 'fe80::1%eth0'],
    ['ipsrc tcp', 'ipsrc needs an IP address, got "tcp"', 'tcp'],
    ['ip 10.0.0.0/33', 'ip needs a prefix length 0-32 (IPv4) or 0-128 (IPv6) after "/", got "10.0.0.0/33"', '10.0.0.0/33'],
    ['ip 2001:db8::/129', 'ip needs a prefix length 0-32 (IPv4) or 0-128 (IPv6) after "/", got "2001:db8::/129"', '2001:db8::/129'],
    ['ip 10.0.0.0/', 'ip needs a prefix length 0-32 (IPv4) or 0-128 (IPv6) after "/", got "10.0.0.0/"', '10.0.0.0/'],
    ['ipsrc 10.0.0.1/8', 'ipsrc network "10.0.0.1/8" has host bits set; did you mean 10.0.0.0/8?', '10.0.0.1/8'],
    ['ip 2001:db8::1/32', 'ip network "2001:db8::1/32" has host bits set; did you mean 2001:db8::/32?', '2001:db8::1/32'],
    ['port 70000', 'port needs a port number 0-65535 or a range N-M, got "70000"', '70000'],
    ['srcport http', 'srcport needs a port number 0-65535 or a range N-M, got "http"', 'http'],
    ['destport', 'destport needs a port number 0-65535 or a range N-M, got nothing', 'destport'],
    ['port 80-', 'port needs a port number 0-65535 or a range N-M, got "80-"', '80-'],
    ['port -1', 'port needs a port number 0-65535 or a range N-M, got "-1"', '-1'],
    ['port 8100-8000', 'port range must run from low to high, got "8100-8000"', '8100-8000'],
    ['eth 00:11:22:33:44', 'eth needs a MAC address like 00:11:22:33:44:55, got "00:11:22:33:44"', '00:11:22:33:44'],
    ['ethsrc 00:11:22:33:44:gg', 'ethsrc needs a MAC address like 00:11:22:33:44:55, got "00:11:22:33:44:gg"', '00:11:22:33:44:gg'],
    ['ethdest', 'ethdest needs a MAC address like 00:11:22:33:44:55, got nothing', 'ethdest'],
    ['proto 256', 'proto needs an IP protocol number 0-255 or tcp|udp|icmp|icmp6, got "256"', '256'],
    ['proto arp', 'proto needs an IP protocol number 0-255 or tcp|udp|icmp|icmp6, got "arp"', 'arp'],
    ['proto', 'proto needs an IP protocol number 0-255 or tcp|udp|icmp|icmp6, got nothing', 'proto'],
    ['vlan 4096', 'vlan needs a VLAN ID 0-4095, got "4096"', '4096'],
    ['vlan x', 'vlan needs a VLAN ID 0-4095, got "x"', 'x'],
  ];
  it.each(cases)('%s', (input, message, token) => {
    const e = errorOf(input);
    expect(e.message).toBe(message);
    expect(e.token).toBe(token);
    expect(e.message).not.toMatch(/^pcapdump:/);
    expect(e.message).not.toContain('\n');
  });
});

describe('formatFilter round trip', () => {
  const byte = fc.integer({ min: 0, max: 255 });
  const token = fc.oneof(
    fc.constantFrom('tcp', 'udp', 'icmp', 'icmp6', 'arp').map((k) => [k]),
    fc.integer({ min: 0, max: 255 }).map((n) => ['proto', String(n)]),
    fc.integer({ min: 0, max: 4095 }).map((n) => ['vlan', String(n)]),
    fc
      .tuple(fc.constantFrom('eth', 'ethsrc', 'ethdest'), fc.array(byte, { minLength: 6, maxLength: 6 }))
      .map(([k, m]) => [k, m.map((b) => b.toString(16)).join(':')]),
    fc
      .tuple(fc.constantFrom('ip', 'ipsrc', 'ipdest'), fc.array(byte, { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 32 }))
      .map(([k, a, p]) => [k, `${a.join('.')}/${p}`]),
    fc
      .tuple(fc.constantFrom('ip', 'ipsrc', 'ipdest'), fc.array(fc.constantFrom(0, 1, 0xdb8, 0xffff), { minLength: 8, maxLength: 8 }))
      .map(([k, g]) => [k, g.map((x) => x.toString(16)).join(':')]),
    fc
      .tuple(fc.constantFrom('port', 'srcport', 'destport'), fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 }))
      .map(([k, a, b]) => [k, `${Math.min(a, b)}-${Math.max(a, b)}`]),
  );

  it('parse(format(parse(x))) equals parse(x), and format is stable', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (parts) => {
        const tokens = parts.flat();
        let f;
        try {
          f = parseFilter(tokens);
        } catch (e) {
          // Only a network with host bits set may be refused among these inputs.
          expect(e).toBeInstanceOf(FilterError);
          expect((e as FilterError).message).toContain('host bits set');
          return;
        }
        const text = formatFilter(f);
        const again = parseFilter(words(text));
        expect(again).toEqual(f);
        expect(formatFilter(again)).toBe(text);
        expect(toBpf(again)).toBe(toBpf(f));
      }),
      { numRuns: 500 },
    );
  });
});
