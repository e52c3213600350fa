import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePredicate, FilterError, parseFilter, toBpf } from '../../src/filter/index.js';
import { LinkType, linkTypeName } from '../../src/pcap/linktype.js';
import { emptyCapture, haveTool, mapLimit, runAsync } from '../support/referee.js';
import { AGREEMENT_FILTERS } from './cases.js';

const bpf = (s: string): string => toBpf(parseFilter(s.split(' ')));

describe('toBpf text', () => {
  it.each([
    ['tcp', 'tcp'],
    ['tcp udp icmp icmp6 arp proto 103', '(tcp or udp or icmp or icmp6 or arp or proto 103)'],
    ['ipsrc 192.168.0.1 ipdest 10.0.0.1 proto 103', 'proto 103 and ip src host 192.168.0.1 and ip dst host 10.0.0.1'],
    ['ip 10.0.0.0/8 ip 2001:db8::/32 ip ::1', '(ip src net 10.0.0.0/8 or ip6 src net 2001:db8::/32 or ip6 src host ::1 or ip dst net 10.0.0.0/8 or ip6 dst net 2001:db8::/32 or ip6 dst host ::1)'],
    ['port 80 port 443', '(src port 80 or src port 443 or dst port 80 or dst port 443)'],
    ['ip 10.0.0.1', 'ip host 10.0.0.1'],
    ['ipsrc 10.0.0.0/8', 'ip src net 10.0.0.0/8'],
    ['port 8000-8100 srcport 53 destport 1-2', 'portrange 8000-8100 and src port 53 and dst portrange 1-2'],
    ['eth 0:1:2:3:4:5 ethsrc 0:1:2:3:4:6 ethdest 0:1:2:3:4:7', 'ether host 00:01:02:03:04:05 and ether src 00:01:02:03:04:06 and ether dst 00:01:02:03:04:07'],
    ['tcp vlan 10', 'vlan 10 and tcp'],
    ['vlan 10 vlan 20 arp', 'vlan and (ether[14:2] & 0xfff = 10 or ether[14:2] & 0xfff = 20) and arp'],
  ])('%s -> %s', (input, text) => {
    expect(bpf(input)).toBe(text);
  });
});

const LINK_TYPES = [LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.RAW, LinkType.IPV4, LinkType.IPV6];

/** libpcap's compile-time refusals that pcapdump mirrors by refusing too. */
const REFUSAL = /ethernet addresses supported only on|no VLAN support for/;
const REJECTS_ALL = /expression rejects all packets/;

describe.skipIf(!haveTool('tcpdump'))('libpcap compiles every generated text (tcpdump -d)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcapdump-filter-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('for every link type the predicate supports; refusals agree', async () => {
    const jobs = LINK_TYPES.flatMap((lt) => {
      const file = emptyCapture(dir, lt);
      return AGREEMENT_FILTERS.map((filter) => ({ lt, filter, file }));
    });
    const results = await mapLimit(jobs, 2, async ({ lt, filter, file }) => {
      const f = parseFilter(filter.split(' '));
      const r = await runAsync('tcpdump', ['-r', file, '-d', toBpf(f)]);
      let ours: 'compiled' | 'refused' = 'compiled';
      try {
        compilePredicate(f, lt);
      } catch (e) {
        if (!(e instanceof FilterError)) throw e;
        ours = 'refused';
      }
      const theirs = r.code === 0 ? 'compiled' : REFUSAL.test(r.stderr) ? 'refused' : REJECTS_ALL.test(r.stderr) ? 'rejects-all' : 'error';
      return { lt, filter, theirs, ours, stderr: r.stderr.trim().split('\n').pop() ?? '' };
    });
    const count = (t: string): number => results.filter((r) => r.theirs === t).length;
    console.log(
      `bpf text: ${AGREEMENT_FILTERS.length} filters x ${LINK_TYPES.length} link types = ${results.length} compiled by tcpdump -d: ` +
        `${count('compiled')} compiled, ${count('refused')} refused (MAC/VLAN off Ethernet), ${count('rejects-all')} reject all packets, ${count('error')} errors`,
    );
    const wrong = results.filter(
      (r) => r.theirs === 'error' || (r.theirs === 'refused') !== (r.ours === 'refused') || (r.lt === LinkType.ETHERNET && r.theirs !== 'compiled'),
    );
    expect(wrong.map((r) => `${linkTypeName(r.lt)} "${r.filter}": libpcap ${r.theirs}, pcapdump ${r.ours}: ${r.stderr}`)).toEqual([]);
  });
});
