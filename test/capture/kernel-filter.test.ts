import { describe, expect, it } from 'vitest';
import { ethernetAddress, interfaceExists, kernelFilter } from '../../src/capture/kernel-filter.js';
import { linkTypeOfWord } from '../../src/capture/cap-binding.js';
import { wireLength } from '../../src/capture/wire-length.js';
import { run, haveTool } from '../support/referee.js';

const MAC = '02:00:00:aa:bb:cc';
const OWN = `(ether dst ${MAC} or ether src ${MAC} or ether broadcast or ether multicast)`;

describe('kernel filter and -p', () => {
  it('without -p keeps only this MAC, broadcast and multicast; the MAC test goes first', () => {
    expect(kernelFilter('veth0', '', false, MAC)).toBe(OWN);
    expect(kernelFilter('veth0', 'vlan 5 and tcp', false, MAC)).toBe(`${OWN} and (vlan 5 and tcp)`);
    expect(kernelFilter('veth0', 'tcp', true, MAC)).toBe('tcp');
    // loopback, any, non-Ethernet: nothing to add
    expect(kernelFilter('any', 'udp', false, null)).toBe('udp');
  });

  it('reads the MAC of Ethernet devices only', () => {
    expect(ethernetAddress('lo')).toBeNull();
    expect(ethernetAddress('any')).toBeNull();
    expect(ethernetAddress('../../etc')).toBeNull();
    expect(interfaceExists('lo')).toBe(true);
    expect(interfaceExists('nosuch-if0')).toBe(false);
  });

  it.skipIf(!haveTool('tcpdump'))('libpcap compiles the composed text', () => {
    for (const f of [OWN, `${OWN} and (vlan 5 and tcp)`, `${OWN} and (ip src 10.0.0.1 and udp)`]) {
      const c = run('tcpdump', ['-d', '-i', 'lo', f]);
      expect(c.stderr, f).not.toMatch(/syntax error|can't parse/);
      expect(c.code, f).toBe(0);
    }
  });

  it("maps cap's link-type words", () => {
    expect(linkTypeOfWord('ETHERNET')).toBe(1);
    expect(linkTypeOfWord('LINKTYPE_LINUX_SLL')).toBe(113);
    expect(linkTypeOfWord('RAW')).toBe(101);
    expect(linkTypeOfWord('Unknown linktype 276')).toBe(276);
    expect(linkTypeOfWord('BOGUS')).toBeNull();
  });
});

describe('wireLength', () => {
  it('takes the IP length of a packet cut at 65535, and the captured length otherwise', () => {
    const b = Buffer.alloc(65535);
    b.writeUInt16BE(0x0800, 12);
    b[14] = 0x45;
    b.writeUInt16BE(65520, 16);
    expect(wireLength(b, 65535, 1)).toBe(65535); // 14 + 65520 = 65534 < captured: keep captured
    b.writeUInt16BE(0x86dd, 12);
    b[14] = 0x60;
    b.writeUInt16BE(65500, 18);
    expect(wireLength(b, 65535, 1)).toBe(14 + 40 + 65500);
    expect(wireLength(b, 1500, 1)).toBe(1500);
    expect(wireLength(b, 65535, 147)).toBe(65535);
  });
});
