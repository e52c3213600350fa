import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { complete } from '../../src/ui/completion.js';
import { History } from '../../src/ui/history.js';

const names = ['eth0', 'eth1', 'int', 'lo', 'demo'];

describe('completion', () => {
  test('verbs and filter keys at the start', () => {
    expect(complete('star', 4, names)).toEqual({ line: 'start ', cursor: 6, candidates: [] });
    expect(complete('sta', 3, names).candidates).toEqual(['start', 'status']);
    const c = complete('s', 1, names);
    expect(c.candidates).toEqual(['show', 'srcport', 'start', 'status', 'stop']);
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
