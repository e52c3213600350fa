import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { matchesNothing, parseFilter, toBpf } from '../../src/filter/index.js';
import { LinkType, linkTypeName } from '../../src/pcap/linktype.js';
import { emptyCapture, haveTool, mapLimit, runAsync } from '../support/referee.js';
import { AGREEMENT_FILTERS } from './cases.js';

/** Every pair of keys that can contradict: protocol(s) x addresses x ports, and each alone. */
function crossKeyFilters(): string[] {
  const protocols = ['', 'tcp', 'icmp', 'icmp6', 'arp', 'proto 103', 'proto 44', 'icmp arp', 'icmp6 arp', 'icmp proto 103'];
  const addresses = ['', 'ip 10.0.0.1', 'ipsrc fe80::1', 'ip 10.0.0.0/8 ip 2001:db8::/32', 'ipsrc 10.0.0.1 ipdest ff02::5'];
  const ports = ['', 'port 80'];
  const out: string[] = [];
  for (const p of protocols) for (const a of addresses) for (const q of ports) out.push([p, a, q].filter(Boolean).join(' '));
  return [...out.filter(Boolean), 'udp icmp6 ip fe80::1 ip fe80::2 srcport 1-1023 destport 53', 'icmp6 ipsrc 10.0.0.1 ipdest 10.0.0.2 port 80'];
}

/** Linux cooked v1/v2 tell families by a protocol field as Ethernet does: the agreement filters cover them. */
const LINK_TYPES = [LinkType.ETHERNET, LinkType.RAW, LinkType.IPV4, LinkType.IPV6];
const FIELD_LINK_TYPES = [LinkType.LINUX_SLL, LinkType.LINUX_SLL2];
const REJECTS_ALL = /expression rejects all packets/;
const REFUSAL = /ethernet addresses supported only on|no VLAN support for/;

describe('matchesNothing, by hand', () => {
  it.each([
    ['icmp ip fe80::1', LinkType.ETHERNET, true],
    ['icmp ip fe80::1 ip 10.0.0.1', LinkType.ETHERNET, false],
    // libpcap's optimizer loses what it knew where paths meet before an address test: it compiles these.
    ['icmp6 ipsrc fe80::1 port 80', LinkType.ETHERNET, false],
    ['icmp proto 103 ip 10.0.0.1 port 80', LinkType.ETHERNET, false],
    ['icmp proto 103 port 80', LinkType.ETHERNET, true],
    ['arp port 53', LinkType.ETHERNET, true],
    ['icmp6 port 80', LinkType.ETHERNET, true],
    ['icmp6 srcport 53', LinkType.ETHERNET, true],
    ['proto 103 port 80', LinkType.ETHERNET, true],
    ['tcp port 80', LinkType.ETHERNET, false],
    ['arp', LinkType.RAW, true],
    ['icmp6', LinkType.IPV4, true],
    ['ip 10.0.0.1', LinkType.IPV6, true],
    ['tcp', LinkType.IPV6, false],
  ] as const)('%s on link type %i: %s', (text, linkType, nothing) => {
    expect(matchesNothing(parseFilter(text.split(' ')), linkType)).toBe(nothing);
  });
});

describe.skipIf(!haveTool('tcpdump'))('matchesNothing agrees with libpcap\'s "expression rejects all packets" (tcpdump -d)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcapdump-rejects-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('for every cross-key combination and the agreement filters, on every link type we filter', async () => {
    const texts = [...new Set([...crossKeyFilters(), ...AGREEMENT_FILTERS])];
    const jobs = [
      ...LINK_TYPES.flatMap((lt) => {
        const file = emptyCapture(dir, lt);
        return texts.map((text) => ({ lt, text, file }));
      }),
      ...FIELD_LINK_TYPES.flatMap((lt) => {
        const file = emptyCapture(dir, lt);
        return AGREEMENT_FILTERS.map((text) => ({ lt, text, file }));
      }),
    ];
    const results = await mapLimit(jobs, 2, async ({ lt, text, file }) => {
      const f = parseFilter(text.split(' '));
      const r = await runAsync('tcpdump', ['-r', file, '-d', toBpf(f)]);
      const theirs = r.code === 0 ? 'compiles' : REJECTS_ALL.test(r.stderr) ? 'rejects all' : REFUSAL.test(r.stderr) ? 'refused' : `error: ${r.stderr.trim()}`;
      return { lt, text, theirs, ours: matchesNothing(f, lt) };
    });
    const compared = results.filter((r) => r.theirs !== 'refused');
    const wrong = compared.filter((r) => r.theirs.startsWith('error') || (r.theirs === 'rejects all') !== r.ours);
    const rejecting = compared.filter((r) => r.ours).length;
    console.log(`rejects all: ${compared.length} filter x link type pairs compiled by tcpdump -d, ${rejecting} reject all packets, ${wrong.length} disagree`);
    expect(wrong.map((r) => `${linkTypeName(r.lt)} "${r.text}": libpcap ${r.theirs}, pcapdump ${r.ours ? 'rejects all' : 'compiles'}`)).toEqual([]);
  });
});
