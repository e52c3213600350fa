import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildMissing, haveBuild, pcapdumpJs, projectRoot } from '../support/cli.js';
import { haveTool } from '../support/referee.js';

/**
 * The interactive console in a real terminal: tmux runs pcapdump, send-keys types,
 * capture-pane reads the screen as the technician sees it.
 */
const usable = haveBuild && haveTool('tmux');
if (!haveTool('tmux')) console.log('tmux not installed: console terminal tests skipped');
if (!haveBuild) console.log(buildMissing);

const session = `pcapdump-test-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'pcapdump-tmux-'));
const captures = join(dir, 'captures');
const history = join(dir, 'history');

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', session, ...args], { encoding: 'utf8' });
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', session, '-S', '-200');
}

function type(text: string, enter = true): void {
  tmux('send-keys', '-t', session, '-l', '--', text);
  if (enter) tmux('send-keys', '-t', session, 'Enter');
}

function key(name: string): void {
  tmux('send-keys', '-t', session, name);
}

async function until(what: string, test: (s: string) => boolean, ms = 10_000): Promise<string> {
  const end = Date.now() + ms;
  let s = '';
  while (Date.now() < end) {
    s = screen();
    if (test(s)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`screen never showed ${what}:\n${s}`);
}

const shows = (text: string) => (s: string) => s.includes(text);

describe.skipIf(!usable)('the console in a terminal (tmux)', () => {
  beforeAll(async () => {
    writeFileSync(history, 'status\n');
    const cmd = [
      `PCAPDUMP_HISTORY=${history}`,
      'TZ=UTC',
      process.execPath,
      pcapdumpJs,
      '--replay',
      `demo=${join(projectRoot, 'samples/demo.pcap')}`,
      '--replay-speed',
      '20',
      '--dir',
      captures,
      // The shell stays after the console quits, so that its last screen can be read.
      '; echo "--- exited $?"; sleep 60',
    ].join(' ');
    tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '50', cmd);
    await until('the prompt', shows('pcapdump>'));
  });

  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      // Already gone: the console quit.
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('history from an earlier run comes back with the up arrow', async () => {
    key('Up');
    await until('the recalled command', shows('pcapdump> status'));
    key('Enter');
    await until('the status answer', shows('no captures'));
  });

  test('tab completes verbs and interface names', async () => {
    type('-o -c 12 udp sta', false);
    key('Tab');
    await until('the candidates', (s) => s.includes('start') && s.includes('status'));
    type('r', false);
    key('Tab');
    type('de', false);
    key('Tab');
    await until('the completed line', shows('pcapdump> -o -c 12 udp start demo'));
    key('Enter');
  });

  test('-o brief lines stream above the prompt, and the capture stops by itself at -c', async () => {
    const s = await until('the count reached', shows('demo: count reached, 12 of 12 packets stored, not yet written'));
    const briefs = s.split('\n').filter((l) => l.startsWith('[demo] '));
    expect(briefs).toHaveLength(12);
    // A udp filter: every line is UDP, as tcpdump prints it (DNS decoded, other ports "UDP, length N").
    for (const l of briefs) expect(l).toMatch(/ IP6? \S+\.\d+ > \S+\.\d+: (UDP, |\d+\+? )/);
    // The prompt is still the last line with text: the stream did not tear it.
    const lines = s.split('\n').filter((l) => l.trim() !== '');
    expect(lines[lines.length - 1]).toMatch(/^pcapdump>/);
  });

  test('status prints the table', async () => {
    type('status');
    const s = await until('the table', (x) => /IFACE\s+STATE/.test(x) && /demo\s+count reached \*/.test(x));
    expect(s).toMatch(/demo\s+count reached \*\s+12\s+12\s+0\s+\d+%\s+\d+\/0\s+\d\d:\d\d\n  -size 512 -c 12 -o udp\n/);
    // The table fits 80 columns (brief lines above it are tcpdump's and may be longer).
    for (const l of s.slice(s.lastIndexOf('pcapdump> status')).split('\n')) expect(l.trimEnd().length).toBeLessThanOrEqual(80);
  });

  test('a live status line while a capture runs; Ctrl-C stops an -o stream', async () => {
    type('write demo first.cap');
    await until('the write', shows('demo: wrote 12 packets'));
    type('wipe demo');
    type('-o start demo');
    await until('a status line', (s) => /demo running \d\d:\d\d: \d+ stored, \d+ seen, buffer \d+% of 512 KB/.test(s));
    key('C-c');
    await until('the stop', (s) => /demo: stopped \(Ctrl-C\), \d+ of \d+ packets? stored/.test(s));
  });

  test('bad input is one line and the console goes on', async () => {
    type('ipsrc 192.168.0 start demo');
    await until('the error', shows('pcapdump: ipsrc needs an IP address, got "192.168.0"'));
    type('start nosuch0');
    await until('the error', shows('pcapdump: no interface "nosuch0"'));
  });

  test('Ctrl-R searches history backwards as readline does; Enter runs the match, Ctrl-G gives the line back', async () => {
    type('sta', false);
    key('C-r');
    await until('the search prompt', shows("(reverse-i-search)`': sta"));
    type('wip', false);
    await until('the match', shows("(reverse-i-search)`wip': wipe demo"));
    key('C-g');
    await until('the line given back', (s) => s.trimEnd().endsWith('pcapdump> sta'));
    key('C-u');
    key('C-r');
    type('write', false);
    await until('the match', shows("(reverse-i-search)`write': write demo first.cap"));
    type('x', false);
    await until('no further match', shows("(failed reverse-i-search)`writex': write demo first.cap"));
    key('BSpace');
    await until('the match again', shows("(reverse-i-search)`write': write demo first.cap"));
    key('C-r');
    await until('no older match', shows("(failed reverse-i-search)`write': write demo first.cap"));
    key('Escape');
    await until('the match left to edit', (s) => s.trimEnd().endsWith('pcapdump> write demo first.cap'));
    key('C-u');
    key('C-r');
    type('stat', false);
    await until('the match', shows("(reverse-i-search)`stat': status"));
    key('Enter');
    await until('the command run', (s) => /pcapdump> status\nIFACE/.test(s));
  });

  test('keys that arrive in one read (a loaded machine, a paste) act one by one: Ctrl-U, Ctrl-R, Backspace, Enter', async () => {
    // One write: junk, Ctrl-U clears it, then a search for "wipe" taken with Enter.
    type('junk\x15\x12wipx\x7fe\r', false);
    await until('the search run as keys', (x) => /pcapdump> wipe demo\n(wiped demo|no buffers to wipe)/.test(x));
    type('-c 2 sta\x7f\x7ftart demo\rstatus\r', false);
    await until('both commands', (x) => /pcapdump> -c 2 start demo\n/.test(x) && /pcapdump> status\nIFACE/.test(x));
  });

  test('exit with unwritten packets asks first; n keeps the console, y quits', async () => {
    type('exit');
    await until('the question', shows('packets in memory not written (demo). Quit anyway? [y/N]'));
    type('n', false);
    await until('the answer', (s) => s.includes('not quitting') && !s.includes('Quit anyway?'));
    key('C-d');
    await until('the question again', shows('Quit anyway?'));
    type('y', false);
    const s = await until('the console gone', shows('--- exited 0'));
    // Nothing of the prompt is left behind: the last thing it printed is the answer above.
    const before = s.slice(0, s.indexOf('--- exited 0')).trimEnd().split('\n');
    expect(before.at(-1)).not.toMatch(/pcapdump>|Quit anyway/);
    expect(readdirSync(captures)).toContain('first.cap');
    expect(existsSync(history) && readFileSync(history, 'utf8')).toContain('-o -c 12 udp start demo');
  });
});
