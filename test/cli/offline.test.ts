import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildMissing, haveBuild, pcapdump, pcapdumpJs, projectRoot } from '../support/cli.js';
import { haveTool, run } from '../support/referee.js';

const demo = join(projectRoot, 'samples/demo.pcap');

/** Output split into packets: a line that starts with a time stamp starts one. */
function packetsOf(text: string): string[] {
  const packets: string[] = [];
  for (const line of text.replace(/\n$/, '').split('\n')) {
    if (/^\d\d:\d\d:\d\d\.\d{6} /.test(line) || packets.length === 0) packets.push(line);
    else packets[packets.length - 1] += '\n' + line;
  }
  return packets;
}
const tmp = mkdtempSync(join(tmpdir(), 'pcapdump-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

if (!haveBuild) console.log(buildMissing);

describe.skipIf(!haveBuild)('pcapdump read and bpf', () => {
  test.runIf(haveTool('tcpdump'))('read --count agrees with tcpdump on the bpf text it prints', () => {
    const filters = [[], ['tcp'], ['udp', 'port', '53'], ['ipsrc', '192.168.0.10'], ['vlan', '20'], ['arp'], ['icmp', 'icmp6'], ['ip', '2001:db8:0:1::10'], ['proto', '103']];
    for (const words of filters) {
      const ours = pcapdump(['read', demo, ...words, '--count']);
      expect(ours.code, ours.stderr).toBe(0);
      const text = words.length ? pcapdump(['bpf', ...words]).stdout.trim() : '';
      const theirs = run('tcpdump', ['-nn', '-r', demo, ...(text ? [text] : [])]);
      const n = theirs.stdout.split('\n').filter((l) => l !== '').length;
      expect(Number(ours.stdout.trim()), `${words.join(' ')} = ${text}`).toBe(n);
    }
    console.log(`cli read --count: ${filters.length} filters agree with tcpdump on samples/demo.pcap`);
  });

  test('read prints a brief line per matching packet', () => {
    const r = pcapdump(['read', join(projectRoot, 'samples/arp.pcap')], { env: { TZ: 'UTC' } });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stdout).toContain('ARP, Request who-has 192.168.0.1 tell 192.168.0.10');
  });

  test.runIf(haveTool('tcpdump'))('read with tcpdump\'s options prints what tcpdump -nn prints with them', () => {
    // Packets whose plain line is not yet tcpdump's (a printer still to come) are left out:
    // the options are the subject here.
    const plain = packetsOf(pcapdump(['read', demo], { env: { TZ: 'UTC' } }).stdout);
    const plainTheirs = packetsOf(run('tcpdump', ['-nn', '-r', demo]).stdout);
    expect(plain.length).toBe(plainTheirs.length);
    const agree = plain.map((l, i) => l === plainTheirs[i]);
    expect(agree.filter(Boolean).length).toBeGreaterThan(40);
    for (const opts of [['-v'], ['-vv'], ['-vvv'], ['-x'], ['-xx'], ['-X'], ['-XX'], ['-e'], ['-A'], ['-vvXXe'], ['-c', '7', '-v'], ['-c7']]) {
      const r = pcapdump(['read', demo, ...opts], { env: { TZ: 'UTC' } });
      expect(r.code, r.stderr).toBe(0);
      const ours = packetsOf(r.stdout);
      const theirs = packetsOf(run('tcpdump', ['-nn', ...opts, '-r', demo]).stdout);
      expect(ours.length, opts.join(' ')).toBe(theirs.length);
      for (let i = 0; i < ours.length; i++) if (agree[i]) expect(ours[i], `${opts.join(' ')} packet ${i + 1}`).toBe(theirs[i]);
    }
  });

  test('read -c N is the first N matching packets, with --count too', () => {
    const all = pcapdump(['read', demo, 'tcp'], { env: { TZ: 'UTC' } }).stdout.trim().split('\n');
    const first = pcapdump(['read', demo, '-c', '3', 'tcp'], { env: { TZ: 'UTC' } }).stdout.trim().split('\n');
    expect(first).toEqual(all.slice(0, 3));
    expect(pcapdump(['read', demo, 'tcp', '-c', '3', '--count']).stdout.trim()).toBe('3');
    expect(pcapdump(['read', demo, 'tcp', '-c', '100000', '--count']).stdout.trim()).toBe(String(all.length));
  });

  test.each([
    [['read'], 'read needs a capture file'],
    [['read', demo, '--fast'], 'read: unknown option "--fast"'],
    [['read', demo, '-q'], 'read: unknown option "-q"'],
    [['read', demo, '-vz'], 'read: unknown option "-vz"'],
    [['read', demo, '-c', '0'], 'read: -c needs a packet count from 1 up, got "0"'],
    [['read', demo, '-c'], 'read: -c needs a packet count, got nothing'],
    [['read', demo, '-c', 'tcp'], 'got "tcp"'],
    [['read', demo, '-c', '2', '-c', '3'], '-c given more than once'],
    [['read', demo, '-v', 'tcp', 'destport'], 'destport'],
    [['read', '-x'], 'read needs a capture file'],
    [['read', demo, 'ipsrc', '192.168.0'], 'ipsrc needs an IP address, got "192.168.0"'],
    [['bpf'], 'bpf needs a filter'],
    [['bpf', 'port', '70000'], '70000'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['--replay-speed', 'x'], '--replay-speed needs a number'],
  ])('usage error %j: one line, status 2', (args, message) => {
    const r = pcapdump(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`pcapdump: `);
    expect(r.stderr).toContain(message);
  });

  test('a missing, foreign or truncated file: one line, status 1, packets before the fault kept', () => {
    const missing = pcapdump(['read', join(tmp, 'none.pcap')]);
    expect([missing.code, missing.stderr.trim()]).toEqual([1, `pcapdump: ${join(tmp, 'none.pcap')}: No such file or directory`]);
    const text = join(tmp, 'notes.txt');
    writeFileSync(text, 'not a capture\n');
    const foreign = pcapdump(['read', text]);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/at byte 0: .*neither pcap nor pcapng/);
    const cut = join(tmp, 'cut.pcap');
    const bytes = readFileSync(demo);
    writeFileSync(cut, bytes.subarray(0, bytes.length - 20));
    const r = pcapdump(['read', cut, '--count']);
    expect(r.code).toBe(1);
    expect(r.stdout.trim()).toBe('60');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cut\.pcap: at byte \d+: truncated record.*\(after 60 packets\)/);
  });

  test('read into a pipe: every line, in order; a reader that stops early ends the run quietly (status 0)', () => {
    const sh = (script: string) => spawnSync('bash', ['-c', script, 'bash', process.execPath, pcapdumpJs, demo, join(tmp, 'many.pcap')], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    const whole = pcapdump(['read', demo], { env: { TZ: 'UTC' } }).stdout;
    // Written with write(2) to the pipe, not through process.stdout: the same bytes as to a file.
    const piped = sh('"$1" "$2" read "$3" | cat');
    expect(piped.stdout).toBe(whole);
    // head takes one line and goes: the writer meets EPIPE, says nothing and exits 0.
    // The records 200 times behind one file header: about 1 MB of lines, more than a pipe holds.
    const early = sh('{ cat "$3"; for i in $(seq 200); do tail -c +25 "$3"; done; } > "$4"; "$1" "$2" read "$4" | head -n 1; s=("${PIPESTATUS[@]}"); echo "status ${s[0]}"');
    expect(early.stderr).toBe('');
    expect(early.stdout.split('\n')[0]).toBe(whole.split('\n')[0]);
    expect(early.stdout).toMatch(/status 0\n$/);
  });

  test.runIf(existsSync('/dev/full'))('an output that refuses the text (/dev/full): one line on stderr, status 1, for every command', () => {
    const many = join(tmp, 'many-full.pcap');
    // About 1 MB of lines: the writes fail during the run, not only at its end.
    spawnSync('bash', ['-c', '{ cat "$1"; for i in $(seq 200); do tail -c +25 "$1"; done; } > "$2"', 'bash', demo, many]);
    for (const args of [['read', demo], ['read', many], ['read', demo, '--count'], ['read', demo, '-v', 'tcp'], ['bpf', 'tcp']]) {
      const full = openSync('/dev/full', 'w');
      const r = spawnSync(process.execPath, [pcapdumpJs, ...args], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
      closeSync(full);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toBe('pcapdump: writing the output: ENOSPC: no space left on device, write\n');
    }
  });
});
