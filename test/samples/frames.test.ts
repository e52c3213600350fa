import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  arp,
  dnsQuery,
  dnsResponse,
  encodeTransport,
  ethernet,
  EtherType,
  icmp6Echo,
  icmpEcho,
  internetChecksum,
  ipv4,
  ipv4Bytes,
  ipv6,
  ipv6Bytes,
  macBytes,
  pimHello,
  sll,
  sll2,
  tcp,
  udp,
  vlan,
} from '../../samples/frames.js';
import { haveTool, run } from '../support/referee.js';

// A hand-written pcap file, so these tests stand on their own and not on src/pcap/writer.ts.
function pcapFile(linkType: number, frames: Buffer[]): Buffer {
  const h = Buffer.alloc(24);
  h.writeUInt32LE(0xa1b2c3d4, 0);
  h.writeUInt16LE(2, 4);
  h.writeUInt16LE(4, 6);
  h.writeUInt32LE(262144, 16);
  h.writeUInt32LE(linkType, 20);
  const parts: Buffer[] = [h];
  frames.forEach((f, i) => {
    const r = Buffer.alloc(16);
    r.writeUInt32LE(1_700_000_000 + i, 0);
    r.writeUInt32LE(f.length, 8);
    r.writeUInt32LE(f.length, 12);
    parts.push(r, f);
  });
  return Buffer.concat(parts);
}

const A = '02:00:00:00:00:0a';
const B = '02:00:00:00:00:0b';
const dir = mkdtempSync(join(tmpdir(), 'pcapdump-frames-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('addresses', () => {
  it('parses the three kinds and refuses malformed text', () => {
    expect([...ipv4Bytes('192.168.0.1')]).toEqual([192, 168, 0, 1]);
    expect(ipv6Bytes('2001:db8::1').toString('hex')).toBe('20010db8000000000000000000000001');
    expect(ipv6Bytes('::').toString('hex')).toBe('0'.repeat(32));
    expect(ipv6Bytes('fe80::1:2').toString('hex')).toBe('fe800000000000000000000000010002');
    expect(ipv6Bytes('::ffff:10.0.0.1').toString('hex')).toBe('00000000000000000000ffff0a000001');
    expect(macBytes('00:11:22:33:44:55').toString('hex')).toBe('001122334455');
    for (const bad of ['192.168.0', '1.2.3.256', 'a.b.c.d']) expect(() => ipv4Bytes(bad)).toThrow(bad);
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7:8:9', 'g::1', '1:2:3:4:5:6:7::8']) expect(() => ipv6Bytes(bad)).toThrow(bad);
    expect(() => macBytes('00:11:22:33:44')).toThrow();
  });
});

describe('checksums', () => {
  it('an IPv4 header sums to zero and the known RFC 1071 example holds', () => {
    const p = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: udp({ sport: 1, dport: 2, payload: 'x' }) });
    expect(internetChecksum(p.subarray(0, 20))).toBe(0);
    expect(p.readUInt16BE(2)).toBe(p.length);
    // RFC 1071 §3 example bytes: sum 0xddf2, checksum its complement.
    expect(internetChecksum(Buffer.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]))).toBe(~0xddf2 & 0xffff);
    // An odd-length part keeps the byte pairing of the whole string.
    expect(internetChecksum(Buffer.from([1, 2, 3]), Buffer.from([4]))).toBe(internetChecksum(Buffer.from([1, 2, 3, 4])));
  });

  it('TCP over IPv6 verifies against its pseudo header', () => {
    const seg = encodeTransport(tcp({ sport: 5, dport: 6, flags: 'PA', payload: 'hello' }), '2001:db8::1', '2001:db8::2');
    const ph = Buffer.alloc(40);
    ipv6Bytes('2001:db8::1').copy(ph, 0);
    ipv6Bytes('2001:db8::2').copy(ph, 16);
    ph.writeUInt32BE(seg.length, 32);
    ph[39] = 6;
    expect(internetChecksum(ph, seg)).toBe(0);
    expect(seg[13]).toBe(0x18);
    // ICMPv4 has no pseudo header: the message alone sums to zero.
    const echo = encodeTransport(icmpEcho({ id: 1, seq: 2, payload: Buffer.from('abc') }), '1.1.1.1', '2.2.2.2');
    expect(internetChecksum(echo)).toBe(0);
  });
});

describe.skipIf(!haveTool('tcpdump'))('tcpdump reads every kind of frame with good checksums', () => {
  const frames = [
    ethernet({ dst: B, src: A, type: EtherType.ARP, payload: arp({ op: 'request', sha: A, spa: '192.168.0.10', tpa: '192.168.0.1' }), pad: true }),
    ethernet({ dst: B, src: A, type: EtherType.IPV4, payload: ipv4({ src: '192.168.0.10', dst: '192.168.0.1', id: 7, dontFragment: true, payload: tcp({ sport: 40000, dport: 80, seq: 1000, flags: 'S', window: 64240 }) }) }),
    ethernet({ dst: B, src: A, type: EtherType.IPV4, payload: ipv4({ src: '192.168.0.10', dst: '192.168.0.1', payload: udp({ sport: 53000, dport: 53, payload: dnsQuery({ id: 0x1234, name: 'example.com' }) }) }) }),
    ethernet({ dst: A, src: B, type: EtherType.IPV4, payload: ipv4({ src: '192.168.0.1', dst: '192.168.0.10', payload: udp({ sport: 53, dport: 53000, payload: dnsResponse({ id: 0x1234, name: 'example.com', answers: [{ type: 'A', address: '93.184.216.34' }] }) }) }) }),
    ethernet({ dst: B, src: A, type: EtherType.IPV4, payload: ipv4({ src: '192.168.0.10', dst: '8.8.8.8', payload: icmpEcho({ id: 9, seq: 1, payload: Buffer.from('abcdefg') }) }) }),
    ethernet({ dst: B, src: A, type: EtherType.IPV6, payload: ipv6({ src: '2001:db8::10', dst: '2001:db8::1', payload: icmp6Echo({ id: 3, seq: 4, payload: Buffer.from('odd') }) }) }),
    ethernet({ dst: B, src: A, type: EtherType.IPV6, payload: ipv6({ src: '2001:db8::10', dst: '2001:db8::1', payload: tcp({ sport: 40001, dport: 443, seq: 5, ack: 6, flags: 'A', payload: 'xyz' }) }) }),
    ethernet({ dst: B, src: A, type: EtherType.IPV6, payload: ipv6({ src: '2001:db8::10', dst: '2001:db8::1', payload: udp({ sport: 1, dport: 53, payload: dnsQuery({ id: 1, name: 'example.org', qtype: 28 }) }) }) }),
    ethernet({ dst: '01:00:5e:00:00:0d', src: A, type: EtherType.IPV4, payload: ipv4({ src: '192.168.0.1', dst: '224.0.0.13', ttl: 1, payload: pimHello() }) }),
    ethernet({ dst: '33:33:00:00:00:0d', src: A, type: EtherType.IPV6, payload: ipv6({ src: 'fe80::1', dst: 'ff02::d', hopLimit: 1, payload: pimHello() }) }),
    ethernet({ dst: B, src: A, type: EtherType.IPV4, vlan: [{ id: 100, pcp: 3 }, 200], payload: ipv4({ src: '10.1.1.1', dst: '10.1.1.2', payload: udp({ sport: 9, dport: 9, payload: 'v' }) }) }),
    ethernet({ dst: B, src: A, type: EtherType.VLAN, payload: vlan({ id: 42, type: EtherType.IPV4, payload: ipv4({ src: '10.1.1.1', dst: '10.1.1.2', payload: icmpEcho({ reply: true, id: 1, seq: 1 }) }) }) }),
  ];

  it('Ethernet frames', () => {
    const file = join(dir, 'eth.pcap');
    writeFileSync(file, pcapFile(1, frames));
    const r = run('tcpdump', ['-nn', '-vv', '-e', '-r', file]);
    const out = r.stdout;
    expect(r.code).toBe(0);
    expect(out).not.toMatch(/bad cksum|incorrect|wrong|\[\|/);
    expect(out.match(/^\d\d:/gm)?.length).toBe(frames.length);
    for (const want of [
      'Request who-has 192.168.0.1 tell 192.168.0.10',
      '192.168.0.10.40000 > 192.168.0.1.80: Flags [S], cksum',
      '4660+ A? example.com.',
      '4660 q: A? example.com. 1/0/0 example.com. A 93.184.216.34',
      'ICMP echo request, id 9, seq 1',
      'ICMP6, echo request, id 3, seq 4',
      '2001:db8::10.40001 > 2001:db8::1.443: Flags [.], cksum',
      'AAAA? example.org.',
      'PIMv2, length 26',
      'vlan 100, p 3',
      'vlan 200, p 0',
      'vlan 42',
      'ICMP echo reply, id 1, seq 1',
    ]) expect(out).toContain(want);
    // Every TCP, UDP, ICMPv6 and PIM checksum was verified by tcpdump, not just not refuted.
    expect(out.match(/\(correct\)|sum ok\]/g)?.length ?? 0).toBe(9);
  });

  it('Linux cooked v1 and v2 and raw IP', () => {
    const inner = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: udp({ sport: 1234, dport: 5678, payload: 'hi' }) });
    const f1 = join(dir, 'sll.pcap');
    const f2 = join(dir, 'sll2.pcap');
    const f3 = join(dir, 'raw.pcap');
    writeFileSync(f1, pcapFile(113, [sll({ protocol: EtherType.IPV4, addr: A, payload: inner })]));
    writeFileSync(f2, pcapFile(276, [sll2({ protocol: EtherType.IPV4, addr: A, ifindex: 3, payload: inner })]));
    writeFileSync(f3, pcapFile(101, [inner]));
    for (const f of [f1, f2, f3]) {
      const r = run('tcpdump', ['-nn', '-vv', '-r', f]);
      expect(r.stdout).toContain('10.0.0.1.1234 > 10.0.0.2.5678: [udp sum ok] UDP, length 2');
    }
    const e = run('tcpdump', ['-nn', '-e', '-r', f2]).stdout;
    expect(e).toContain(`ifindex 3 ${A} ethertype IPv4`);
  });
});
