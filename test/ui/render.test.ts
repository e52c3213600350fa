import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Engine } from '../../src/console/engine.js';
import type { CaptureStatus } from '../../src/console/status.js';
import { failureLine, fold, renderResult, stateChangeLine, statusLine, statusTable, stoppedLine } from '../../src/ui/render.js';
import { help, usage } from '../../src/ui/usage.js';
import { EtherType, ethernet, ipv4, udp } from '../../samples/frames.js';
import { FakeKind } from '../console/fake-source.js';

const base: CaptureStatus = {
  iface: 'int',
  device: 'eth1',
  state: 'running',
  filter: 'ipsrc 192.168.0.1 tcp',
  options: '-size 1024',
  stored: 6,
  seen: 6,
  overwritten: 0,
  usedBytes: 582,
  sizeBytes: 1024 * 1024,
  kernelDrops: 0,
  ringDrops: 0,
  elapsedMs: 1000,
  timeLeftMs: null,
  unwritten: true,
};

const rows = (...over: Partial<CaptureStatus>[]) => over.map((o) => ({ ...base, ...o }));
const table = (r: CaptureStatus[]) => {
  const out: string[] = [];
  statusTable(r, (l) => out.push(l));
  return out;
};
const fits = (lines: string[]) => expect(lines.filter((l) => l.length > 80)).toEqual([]);

describe('status fits 80 columns', () => {
  test('a table, options and filter folded under each capture', () => {
    const out = table(rows({}, { iface: 'lo', device: 'lo', state: 'count reached', unwritten: false, filter: 'udp', options: '-size 512 -c 6' }));
    fits(out);
    expect(out[0]).toMatch(/^IFACE\s+STATE\s+STORED\s+SEEN\s+OVERWR\s+BUF\s+DROPS\s+TIME$/);
    expect(out[1]).toMatch(/^int \(eth1\)\s+running \*\s+6\s+6\s+0\s+0%\s+0\/0\s+00:01$/);
    expect(out[2]).toBe('  -size 1024 ipsrc 192.168.0.1 tcp');
    expect(out.at(-1)).toBe('DROPS: kernel/ring; * packets in memory not yet written');
  });

  test('the longest Linux names with six-digit counts still make a table', () => {
    const out = table(rows({ iface: 'int', device: 'enp0s31f6', state: 'count reached', stored: 999999, seen: 999999, overwritten: 999999, elapsedMs: 36_000_000 }));
    fits(out);
    expect(out[1]).toMatch(/^int \(enp0s31f6\)\s+count reached \*\s+999999\s+999999\s+999999\s+0%\s+0\/0\s+10:00:00$/);
  });

  test('a long filter folds onto further lines; huge counts and long names fall back to blocks', () => {
    const long = 'ipsrc 2001:db8::1 ipsrc 2001:db8::2 ipsrc 2001:db8::3 ipdest 2001:db8:ffff::1234 port 1000-2000 port 3000-4000 tcp';
    const out = table(rows({ filter: long }));
    fits(out);
    expect(out.filter((l) => l.startsWith('    ')).length).toBeGreaterThan(0);
    const big = table(rows({ iface: 'internal-lan0', device: 'enp3s0f1np1', stored: 123456789, seen: 1234567890, overwritten: 1111111101 }));
    fits(big);
    expect(big[0]).toBe('internal-lan0 (enp3s0f1np1): running *, 00:01');
    expect(big.join(' ').replace(/\s+/g, ' ')).toContain('123456789 stored of 1234567890 seen, 1111111101 overwritten, buffer 0% of 1.0 MB');
  });

  test('-ou has no buffer: said so, not "0 B/0 B"; a source that cannot count kernel drops shows -', () => {
    const ou = rows({ options: '-size 512 -ou', sizeBytes: 0, usedBytes: 0, stored: 0, unwritten: false, kernelDrops: null });
    const out = table(ou);
    fits(out);
    expect(out.join('\n')).not.toMatch(/0 B\/0 B|\?/);
    expect(out[1]).toMatch(/\s-ou\s+-\/0\s/);
    expect(statusLine(ou[0])).toBe('int (eth1) running 00:01: 0 stored, 6 seen, buffer no buffer (-ou), drops -/0');
  });

  test('the live status line fits its width, shortening as counts grow', () => {
    expect(statusLine(base)).toBe('int (eth1) running 00:01: 6 stored, 6 seen, buffer 0% of 1.0 MB, drops 0/0');
    const big = { ...base, stored: 123456789, seen: 1234567890, kernelDrops: 12345 };
    expect(statusLine(big).length).toBeLessThanOrEqual(80);
    expect(statusLine(big)).toContain('123456789/1234567890');
    expect(statusLine(big, 40).length).toBeLessThanOrEqual(40);
  });
});

describe('lines about one capture name it the same way and count in words', () => {
  test('stop, Ctrl-C, count reached, error', () => {
    expect(stoppedLine(base, 'stopped')).toBe('int (eth1): stopped, 6 of 6 packets stored, not yet written');
    expect(stoppedLine({ ...base, seen: 1, stored: 1, unwritten: false }, 'stopped (Ctrl-C)')).toBe('int (eth1): stopped (Ctrl-C), 1 of 1 packet stored');
    expect(stoppedLine({ ...base, sizeBytes: 0, stored: 0, unwritten: false }, 'stopped (Ctrl-C)')).toBe('int (eth1): stopped (Ctrl-C), 6 packets seen, none kept (-ou)');
    expect(stateChangeLine({ ...base, state: 'count reached' })).toBe('int (eth1): count reached, 6 of 6 packets stored, not yet written');
    expect(stateChangeLine({ ...base, state: 'error', error: 'interface eth1 disappeared' })).toBe('int (eth1): error: interface eth1 disappeared');
    expect(stateChangeLine(base)).toBeNull();
  });

  test('fold keeps words whole and indents what follows', () => {
    expect(fold('a b c', 3)).toEqual(['a b', '  c']);
    expect(fold('x'.repeat(90))).toEqual(['x'.repeat(90)]);
    expect(fold('', 80)).toEqual([]);
  });
});

describe('every line of a whole session fits 80 columns (brief lines aside: they are tcpdump\'s)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcapdump-render-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('commands good and bad, on aliases, plain devices and many interfaces', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `veth-long-name-${i}`);
    const kind = new FakeKind(['eth0', 'eth1', 'lo', ...many], ['dbus-system', 'nflog']);
    const engine = new Engine({ config: { captureDir: dir, interfaces: { int: 'eth1', 'a-very-long-alias': 'lo' } }, kinds: [kind] });
    const frame = (n: number) =>
      ethernet({ dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', type: EtherType.IPV4, payload: ipv4({ src: '192.168.0.1', dst: '10.0.0.1', payload: udp({ sport: n, dport: 53, payload: 'x' }) }) });
    const out: string[] = [];
    const emit = (l: string) => out.push(l);
    const lines = [
      '-size 1024 ipsrc 192.168.0.1 ipsrc 192.168.0.2 ipsrc 192.168.0.3 ipdest 10.0.0.1 ipdest 10.0.0.2 udp port 53 start int',
      '-c 2 -s 64 -p start a-very-long-alias',
      '-ou udp start eth0',
      'status',
      'stop int',
      'stop int',
      'stop',
      'show a-very-long-alias',
      'write int capture-with-a-rather-long-name-2026-11-22.pcapng',
      'wipe',
      'cleanup',
      'help',
      'start nosuch0',
      'start ' + 'x'.repeat(300),
      'strat int',
      'tcp strat int',
      'write int',
      '-size 99999999999 start int',
      'frobnicate ' + 'y'.repeat(200),
    ];
    for (const line of lines) {
      try {
        const r = await engine.run(line);
        if (r.kind === 'show') {
          for (const s of r.sections) emit(`--- ${s.iface}: ${s.packets} packets ---`);
        } else renderResult(r, emit);
      } catch (err) {
        emit(failureLine(err));
      }
      if (line.startsWith('-size 1024')) kind.deliver('eth1', [frame(1), frame(2), frame(3)]);
      if (line.startsWith('-c 2')) kind.deliver('lo', [frame(1), frame(2), frame(3)]);
    }
    fits(out);
    expect(out.length).toBeGreaterThan(40);
  });

  test('help and usage fit', () => {
    fits(help.split('\n'));
    fits(usage.split('\n'));
  });
});

describe('streams and the support tunnel within 80 columns', () => {
  test('a stream in status: streaming, no buffer, kernel/stream drops, who reads it', () => {
    const out = table(rows({}, { state: 'running', unwritten: false, stored: 0, seen: 4000, sizeBytes: 0, usedBytes: 0, options: 'stream -c 5000', filter: 'udp', stream: { drops: 120, to: 'tech (ssh-command, ssh 192.0.2.7 port 51234)' } }));
    fits(out);
    expect(out[3]).toMatch(/^int \(eth1\)\s+streaming\s+0\s+4000\s+0\s+stream\s+0\/120\s+00:01$/);
    expect(out[4]).toBe('  stream -c 5000 udp, to tech (ssh-command, ssh 192.0.2.7 port 51234)');
    expect(out.at(-1)).toBe('DROPS: kernel/ring (stream: kernel/stream); * packets in memory not yet written');
    expect(statusLine({ ...base, stream: { drops: 3, to: 'x' }, sizeBytes: 0 })).toMatch(/^int \(eth1\) streaming 00:01: .*drops 0\/3$/);
  });

  test('tunnel status, open and off; the key line is an ed25519 key whole (80 columns)', async () => {
    const lines: string[] = [];
    const now = Date.now();
    const key = `ssh-ed25519 ${'A'.repeat(68)}`;
    await renderResult({ kind: 'tunnel', action: 'status', tunnel: { state: 'open', host: 'support.example.com', port: 22, user: 'gw-4711', remotePort: 40123, hostKey: `SHA256:${'b'.repeat(43)}`, expiresAt: now + 6.5 * 86400_000, sessions: 1, sessionsTotal: 3, clientKey: key } }, (l) => lines.push(l));
    fits(lines);
    expect(lines[0]).toBe('tunnel: open to support.example.com:22 as gw-4711');
    expect(lines.join('\n')).toMatch(/support reaches this gateway at localhost:40123 on support\.example\.com/);
    expect(lines.join('\n')).toMatch(/new sessions until [\d-]+ [\d:]+ \(6d 1\dh left\)/);
    expect(lines.at(-1)).toBe(key);
    const off: string[] = [];
    await renderResult({ kind: 'tunnel', action: 'status', tunnel: { state: 'off', sessions: 0, sessionsTotal: 0 } }, (l) => off.push(l));
    expect(off).toEqual(['tunnel: off']);
  });
});
