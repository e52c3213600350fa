import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildMissing, haveBuild, pcapdumpJs, projectRoot } from '../support/cli.js';
import { haveTool, runAsync } from '../support/referee.js';

/**
 * Two ink consoles in real terminals (tmux), both attached to one `pcapdump service`,
 * and a shell command beside them: every face sees the same captures.
 */
const usable = haveBuild && haveTool('tmux');
if (!haveBuild) console.log(buildMissing);

const dir = mkdtempSync(join(tmpdir(), 'pcapdump-attach-'));
const socket = join(dir, 'pcapdump.sock');
const server = `pcapdump-attach-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', server, ...args], { encoding: 'utf8' });
}
const screen = (s: string) => tmux('capture-pane', '-p', '-t', s, '-S', '-100');
function type(s: string, text: string): void {
  tmux('send-keys', '-t', s, '-l', '--', text);
  tmux('send-keys', '-t', s, 'Enter');
}
async function until(s: string, what: RegExp, ms = 10_000): Promise<string> {
  const end = Date.now() + ms;
  let text = '';
  while (Date.now() < end) {
    text = screen(s);
    if (what.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${s} never showed ${what}:\n${text}`);
}

describe.skipIf(!usable)('consoles attached to the service', () => {
  let service: ChildProcess;
  beforeAll(async () => {
    service = spawn(process.execPath, [pcapdumpJs, '--replay', `demo=${join(projectRoot, 'samples/demo.pcap')}`, '--replay', `lab=${join(projectRoot, 'samples/demo.pcap')}`, '--dir', join(dir, 'captures'), 'service', '--socket', socket], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    service.stderr?.setEncoding('utf8').on('data', (d: string) => (log += d));
    const end = Date.now() + 15_000;
    while (!log.includes('listening on')) {
      if (Date.now() > end) throw new Error(`service did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    for (const s of ['one', 'two']) {
      tmux(...(s === 'one' ? ['new-session'] : ['new-session']), '-d', '-s', s, '-x', '160', '-y', '40', `PCAPDUMP_HISTORY=${join(dir, `history-${s}`)} TZ=UTC ${process.execPath} ${pcapdumpJs} --socket ${socket}`);
      await until(s, /pcapdump>/);
    }
  });
  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      // Both consoles quit already.
    }
    service?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('a capture started at a shell shows in both consoles; -o lines go only to the console that asked', async () => {
    const r = await runAsync(process.execPath, [pcapdumpJs, '--socket', socket, 'udp', 'start', 'lab']);
    expect(r.stdout).toBe('lab: capturing with filter "udp"\n');
    for (const s of ['one', 'two']) await until(s, /lab running [\d:]+: \d+ stored, \d+ seen, buffer \d+% of 512 KB/);
    type('one', '-o -c 3 tcp start demo');
    await until('one', /demo: count reached, 3 of 3 packets stored, not yet written/);
    expect(screen('one').split('\n').filter((l) => l.startsWith('[demo] '))).toHaveLength(3);
    type('two', 'status');
    const two = await until('two', /demo\s+count reached \*/);
    expect(two).toMatch(/lab\s+running \*[^\n]*\n\s+-size 512 udp/);
    expect(two).not.toMatch(/^\[demo\]/m);
    expect(two).not.toContain('count reached, 3 of 3');
  });

  test('tab completes interface names the service knows; leaving does not ask about buffers the service keeps', async () => {
    tmux('send-keys', '-t', 'two', '-l', '--', 'show la');
    tmux('send-keys', '-t', 'two', 'Tab');
    await until('two', /pcapdump> show lab$/m);
    tmux('send-keys', '-t', 'two', 'C-u');
    type('two', 'exit');
    const end = Date.now() + 5000;
    while (Date.now() < end && tmux('list-sessions').includes('two:')) await new Promise((r) => setTimeout(r, 100));
    expect(tmux('list-sessions')).not.toContain('two:');
    // The shell still sees both captures: the consoles' leaving kept them.
    expect((await runAsync(process.execPath, [pcapdumpJs, '--socket', socket, 'status'])).stdout).toMatch(/lab\s+running \*[\s\S]*demo\s+count reached \*/);
  });
});
