import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildMissing, haveBuild, pcapdump, projectRoot } from '../support/cli.js';

const demo = `demo=${join(projectRoot, 'samples/demo.pcap')}`;
const tmp = mkdtempSync(join(tmpdir(), 'pcapdump-modes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
if (!haveBuild) console.log(buildMissing);

describe.skipIf(!haveBuild)('-e and line mode', () => {
  test('-e runs the commands in one process, with or without the word pcapdump, and exits', () => {
    const dir = join(tmp, 'e');
    const r = pcapdump(['--replay', demo, '--replay-speed', '0', '--dir', dir, '-e', 'pcapdump -size 64 start demo', '-e', 'stop demo', '-e', 'write demo all.cap', '-e', 'status']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^demo: capturing\ndemo: stopped, \d+ of \d+ packets? stored(, not yet written)?\ndemo: wrote \d+ packets/);
    expect(r.stdout).toMatch(/demo\s+stopped\s+\d+\s+\d+\s+\d+\s+\d+%\s+\d+\/0\s+\d\d:\d\d\n  -size 64\n/);
    expect(r.stderr).toBe('');
    expect(readdirSync(dir).filter((f) => !f.startsWith('.'))).toEqual(['all.cap']);
  });

  test('line mode: exit status of the last command that failed; later commands still run', () => {
    const r = pcapdump(['--replay', demo, '--dir', join(tmp, 'l')], { input: 'frob\nstart nosuch0\nstatus\n\n' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['pcapdump: unknown command "frob"; "help" lists the commands', expect.stringContaining('pcapdump: no interface "nosuch0"')]);
    expect(r.stdout.trim()).toBe('no captures');
    const usage = pcapdump(['--replay', demo], { input: 'status\n-c x start demo\n' });
    expect(usage.code).toBe(2);
  });

  test('a session whose input ends with packets never written says so (and what they were), not silently', () => {
    const r = pcapdump(['--replay', demo, '--replay-speed', '0', '--dir', join(tmp, 'eof')], { input: '-size 64 -c 5 start demo\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('pcapdump: 5 packets never written (demo) end with this session\n');
    const written = pcapdump(['--replay', demo, '--replay-speed', '0', '--dir', join(tmp, 'eof2')], { input: '-size 64 -c 5 start demo\nstop demo\nwrite demo five.cap\n' });
    expect(written.stderr).toBe('');
  });

  test.each([
    [['--replay', 'demo=/nonexistent.pcap', '-e', 'status'], '/nonexistent.pcap: No such file or directory'],
    [['--replay', `demo=${join(projectRoot, 'README.md')}`, '-e', 'status'], 'neither pcap nor pcapng'],
    [['--config', '/nonexistent.json', '-e', 'status'], 'config /nonexistent.json: no such file'],
  ])('a bad flag value is one line, status 2, nothing run: %j', (args, message) => {
    const r = pcapdump(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });

  test('a malformed config file names the file and the fault', () => {
    const cfg = join(tmp, 'bad.json');
    writeFileSync(cfg, '{"interfaces": {"int": 1}}');
    const r = pcapdump(['--config', cfg, '-e', 'status']);
    expect([r.code, r.stderr.trim()]).toEqual([2, `pcapdump: config ${cfg}: alias "int" must name an interface, got 1`]);
  });
});
