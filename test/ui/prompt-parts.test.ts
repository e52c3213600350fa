import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { complete } from '../../src/ui/completion.js';
import { History } from '../../src/ui/history.js';
import { ReverseSearch } from '../../src/ui/reverse-search.js';
import { splitKeys } from '../../src/ui/console.js';

const names = ['eth0', 'eth1', 'int', 'lo', 'demo'];

describe('completion', () => {
  test('verbs and filter keys at the start', () => {
    expect(complete('star', 4, names)).toEqual({ line: 'start ', cursor: 6, candidates: [] });
    expect(complete('sta', 3, names).candidates).toEqual(['start', 'status']);
    const c = complete('s', 1, names);
    expect(c.candidates).toEqual(['show', 'srcport', 'start', 'status', 'stop', 'stream']);
    expect(c.line).toBe('s');
    expect(complete('ipd', 3, names).line).toBe('ipdest ');
  });
  test('interfaces after a verb that takes one', () => {
    expect(complete('-o tcp start e', 14, names)).toMatchObject({ line: '-o tcp start eth', candidates: ['eth0', 'eth1'] });
    expect(complete('write d', 7, names).line).toBe('write demo ');
  });
  test('options after a dash, in the middle of a line', () => {
    expect(complete('-si tcp start lo', 3, names)).toMatchObject({ line: '-size  tcp start lo', cursor: 6 });
    expect(complete('-o', 2, names).candidates).toEqual(['-o', '-ou']);
  });
  test('nothing fits: nothing changes', () => {
    expect(complete('xyz', 3, names)).toEqual({ line: 'xyz', cursor: 3, candidates: [] });
  });
});

describe('history', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcapdump-history-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  test('up and down, the draft given back, kept across runs', () => {
    const file = join(dir, 'sub', 'history');
    const h = new History(file);
    h.add('status');
    h.add('status');
    h.add('start lo');
    h.add('  ');
    expect(readFileSync(file, 'utf8')).toBe('status\nstart lo\n');
    expect(h.up('sho')).toBe('start lo');
    expect(h.up('')).toBe('status');
    expect(h.up('')).toBeUndefined();
    expect(h.down()).toBe('start lo');
    expect(h.down()).toBe('sho');
    expect(h.down()).toBeUndefined();
    const again = new History(file);
    expect(again.size).toBe(2);
    expect(again.up('')).toBe('start lo');
  });
  test('an unreadable or unwritable history file is not fatal', () => {
    const h = new History('/proc/version/not-a-dir/history');
    h.add('status');
    expect(h.up('')).toBe('status');
  });
});

describe('Ctrl-R reverse search', () => {
  const h = new History();
  for (const l of ['start lo', '-c 5 udp start eth0', 'status', 'write eth0 a.cap', '-o tcp start eth1']) h.add(l);

  test('typing narrows to the newest match; Ctrl-R again goes older; the cursor sits on the match', () => {
    const rs = new ReverseSearch(h, { line: 'dra', cursor: 3 });
    expect(rs.label).toBe("(reverse-i-search)`': ");
    expect(rs.line).toBe('dra');
    rs.type('s');
    expect(rs.line).toBe('-o tcp start eth1');
    rs.type('tart');
    expect(rs.line).toBe('-o tcp start eth1');
    expect(rs.cursor).toBe(7);
    rs.older();
    expect(rs.line).toBe('-c 5 udp start eth0');
    rs.older();
    expect(rs.line).toBe('start lo');
    rs.older();
    expect(rs.failed).toBe(true);
    expect(rs.label).toBe("(failed reverse-i-search)`start': ");
    expect(rs.line).toBe('start lo');
  });

  test('no match says failed and keeps what was shown; backspace widens again', () => {
    const rs = new ReverseSearch(h, { line: '', cursor: 0 });
    rs.type('wri');
    expect(rs.line).toBe('write eth0 a.cap');
    rs.type('x');
    expect(rs.failed).toBe(true);
    expect(rs.line).toBe('write eth0 a.cap');
    rs.backspace();
    expect(rs.failed).toBe(false);
    expect(rs.query).toBe('wri');
    expect(rs.original).toEqual({ line: '', cursor: 0 });
  });
});

describe('keys in one read', () => {
  test('split into text and the keys the control characters are', () => {
    const base = { ctrl: false } as Parameters<typeof splitKeys>[1];
    const keys = splitKeys('ab\x12c\td\r\x7f\x03', base).map(([t, k]) => [t, k.ctrl ? 'ctrl' : k.tab ? 'tab' : k.return ? 'return' : k.backspace ? 'backspace' : 'text']);
    expect(keys).toEqual([
      ['ab', 'text'],
      ['r', 'ctrl'],
      ['c', 'text'],
      ['', 'tab'],
      ['d', 'text'],
      ['', 'return'],
      ['', 'backspace'],
      ['c', 'ctrl'],
    ]);
  });
});
