import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSamples, projectRoot } from '../../samples/make-samples.js';
import { haveTool, run } from '../support/referee.js';

const samplesDir = resolve(import.meta.dirname, '../../samples');
const tmp = mkdtempSync(join(tmpdir(), 'pcapdump-samples-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Expected {
  packets: number;
  /** Checksums tcpdump -vv verified and printed as "(correct)" or "sum ok". */
  verified: number;
  /** Text every one of which tcpdump -nn -vv must print. */
  shows: string[];
}

const expected: Record<string, Expected> = {
  'tcp-http.pcap': {
    packets: 10,
    verified: 10,
    shows: ['192.168.0.10.45116 > 93.184.215.14.80: Flags [S]', '93.184.215.14.80 > 192.168.0.10.45116: Flags [S.]', 'GET / HTTP/1.1', 'HTTP/1.1 200 OK', 'Flags [F.]'],
  },
  'dns-udp.pcap': { packets: 2, verified: 2, shows: ['192.168.0.10.41853 > 192.168.0.1.53', '28449+ A? example.com.', 'A 93.184.215.14'] },
  'icmp-echo.pcap': { packets: 6, verified: 0, shows: ['192.168.0.10 > 192.168.0.1: ICMP echo request, id 3121, seq 3', '192.168.0.1 > 192.168.0.10: ICMP echo reply, id 3121, seq 3'] },
  'arp.pcap': { packets: 2, verified: 0, shows: ['Request who-has 192.168.0.1 tell 192.168.0.10', 'Reply 192.168.0.1 is-at 00:1e:8c:3a:00:01'] },
  'ipv6.pcap': {
    packets: 14,
    verified: 14,
    shows: ['2001:db8:0:1::10 > 2001:db8:0:1::1: [icmp6 sum ok] ICMP6, echo request', 'ICMP6, echo reply', '2001:db8:0:1::10.50612 > 2001:db8:80::80.80: Flags [S]', 'GET /index.html'],
  },
  'pim.pcap': { packets: 2, verified: 2, shows: ['192.168.0.1 > 224.0.0.13: PIMv2', '192.168.0.2 > 224.0.0.13: PIMv2', 'proto PIM (103)', 'Hello, cksum'] },
  'demo.pcap': {
    packets: 61,
    verified: 45,
    shows: ['who-has 192.168.0.1', 'A? example.com.', 'AAAA? example.com.', 'GET / HTTP/1.1', 'ICMP echo request', 'ICMP6, echo request', 'PIMv2', 'vlan 20', 'SYSLOG', 'who-has 192.168.0.10'],
  },
};

describe('sample captures', () => {
  it('regenerating them yields byte-identical files to the committed ones', () => {
    const made = makeSamples(tmp);
    expect(made.map((m) => m.file).sort()).toEqual(Object.keys(expected).sort());
    expect(readdirSync(samplesDir).filter((f) => f.endsWith('.pcap')).sort()).toEqual(Object.keys(expected).sort());
    for (const m of made) {
      expect(m.packets, m.file).toBe(expected[m.file].packets);
      expect(readFileSync(join(tmp, m.file)).equals(readFileSync(join(samplesDir, m.file))), `${m.file} differs: run npm run build && npm run samples`).toBe(true);
    }
    console.log(`samples: ${made.length} files regenerated, ${made.reduce((s, m) => s + m.packets, 0)} packets, all byte-identical`);
  });

  it('finds the project root from its own location, not the cwd', () => {
    expect(projectRoot()).toBe(resolve(samplesDir, '..'));
  });

  it('demo.pcap spans about ten seconds in time order', () => {
    const b = readFileSync(join(samplesDir, 'demo.pcap'));
    const times: number[] = [];
    for (let at = 24; at + 16 <= b.length; at += 16 + b.readUInt32LE(at + 8)) times.push(b.readUInt32LE(at) * 1e6 + b.readUInt32LE(at + 4));
    expect(times).toHaveLength(61);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
    const span = (times[times.length - 1] - times[0]) / 1e6;
    expect(span).toBeGreaterThan(9);
    expect(span).toBeLessThan(11);
  });
});

describe.skipIf(!haveTool('tcpdump'))('tcpdump reads every sample cleanly', () => {
  for (const [file, want] of Object.entries(expected)) {
    it(file, () => {
      const r = run('tcpdump', ['-nn', '-vv', '-e', '-r', join(samplesDir, file)]);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/bad cksum|incorrect|wrong|\[\|/);
      expect(r.stdout.match(/^\d\d:\d\d:\d\d\.\d{6} /gm)?.length ?? 0).toBe(want.packets);
      expect(r.stdout.match(/\(correct\)|sum ok\]/g)?.length ?? 0).toBe(want.verified);
      for (const s of want.shows) expect(r.stdout).toContain(s);
      console.log(`samples: tcpdump ${file}: ${want.packets} packets, ${want.verified} checksums verified, 0 bad`);
    });
  }
});

describe.skipIf(!haveTool('tshark'))('tshark finds no error or warning in the samples', () => {
  it('all files, with IP, TCP and UDP checksum validation on', () => {
    for (const file of Object.keys(expected)) {
      const path = join(samplesDir, file);
      const checks = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];
      const r = run('tshark', ['-n', ...checks, '-r', path, '-q', '-z', 'expert']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, file).not.toMatch(/^(Errors|Warns|Warnings) \(/m);
      const lines = run('tshark', ['-n', '-r', path]).stdout.trim().split('\n');
      expect(lines, file).toHaveLength(expected[file].packets);
      expect(lines.join('\n'), file).not.toMatch(/Malformed|Bad checksum/i);
    }
  });
});
