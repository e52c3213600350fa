import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildMissing, haveBuild, pcapdump, pcapdumpJs, projectRoot } from '../support/cli.js';

const demo = `demo=${join(projectRoot, 'samples/demo.pcap')}`;
const tmp = mkdtempSync(join(tmpdir(), 'pcapdump-killed-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
if (!haveBuild) console.log(buildMissing);

/**
 * Issue 12, finding 6: `kill -9` during `write` left `.NAME.PID.tmp` files forever (21 of 26
 * kills, 23-210 MB each). Here a real pcapdump is killed while it writes a 64 MiB ring; the
 * next pcapdump to open the capture directory removes what it left, and says so.
 */
describe.skipIf(!haveBuild)('a pcapdump killed (SIGKILL) in the middle of write', () => {
  test('leaves a temp file that the next start removes, with one line naming it', async () => {
    const dir = join(tmp, 'captures');
    mkdirSync(dir);
    let leftover: string | undefined;
    for (let attempt = 0; attempt < 5 && !leftover; attempt++) {
      const p = spawn(process.execPath, [pcapdumpJs, '--replay', demo, '--replay-speed', '0', '--dir', dir], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d));
      p.stdin.write('pcapdump -size 65536 start demo\n');
      // Fill the ring (until it wraps), then write it and kill the writer as soon as its temp file shows.
      for (;;) {
        const seen = out.length;
        p.stdin.write('status\n');
        while (!/DROPS: kernel\/ring/.test(out.slice(seen))) await new Promise((r) => setTimeout(r, 20));
        const row = /^demo\s+running\S*\s+(?:\*\s+)?(\d+)\s+(\d+)\s+(\d+)/m.exec(out.slice(seen));
        if (row && Number(row[3]) > 0) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      p.stdin.write(`stop demo\nwrite demo big-${attempt}.cap\n`);
      const closed = new Promise((r) => p.on('close', r));
      for (let i = 0; i < 2000 && p.exitCode === null; i++) {
        leftover = readdirSync(dir).find((n) => /^\.big-\d\.cap\.\d+\.tmp$/.test(n));
        if (leftover) {
          p.kill('SIGKILL');
          break;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
      if (!leftover) p.kill('SIGKILL');
      await closed;
      if (leftover && !readdirSync(dir).includes(leftover)) leftover = undefined; // the write won the race
    }
    expect(leftover, 'never caught a write in progress').toBeDefined();
    const r = pcapdump(['--dir', dir, '-e', 'status']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`pcapdump: removed 1 temp files of interrupted writes from ${dir}: ${leftover}\n`);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
