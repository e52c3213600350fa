import { describe, expect, test } from 'vitest';
import { oneLine, printable, quoted } from '../../src/console/printable.js';
import { parseCommand, MAX_LINE } from '../../src/console/grammar.js';
import { failureLine } from '../../src/ui/render.js';

describe('client text made printable', () => {
  test('control characters, DEL, C1, line separators and bidi overrides are escaped', () => {
    expect(printable('a\nb\rc\td\x1b[2J\x7f\x9b\u2028\u202e')).toBe('a\\nb\\rc\\td\\x1b[2J\\x7f\\x9b\\u{2028}\\u{202e}');
  });

  test('quoted: quotes and backslashes escaped, so a field cannot close itself', () => {
    expect(quoted('root" blocked "x\\')).toBe('"root\\" blocked \\"x\\\\"');
  });

  test('long text is cut, saying how much more there was', () => {
    expect(printable('x'.repeat(100), 10)).toBe('x'.repeat(10) + '…(+90 chars)');
  });

  test('oneLine shortens each huge token and the whole, and escapes', () => {
    const line = oneLine(`unknown command "${'A'.repeat(1_000_000)}" (commands: start) \x1b]0;pwned\x07`);
    expect(line.length).toBeLessThan(500);
    expect(line).toMatch(/^unknown command "A{59}…\(\+\d+ chars\) \(commands: start\) \\x1b\]0;pwned\\x07$/);
    expect(line).not.toMatch(/[\x00-\x1f]/);
  });
});

describe('error lines never echo a control character or a huge token whole', () => {
  test.each([
    ['a 1 MB token', `${'A'.repeat(1_000_000)}`],
    ['an escape sequence', '\x1b[2J\x1b]0;owned\x07frob'],
    ['a bad filter value with escapes', 'ipsrc 1.2.3.\x1b[31m start eth0'],
    ['an unterminated quote after many words', `status ${'w '.repeat(1500)}"open`],
    ['a newline in a word', 'start eth0\nforged line'],
  ])('%s', (_what, input) => {
    let line = '';
    try {
      parseCommand(input);
      line = 'accepted';
    } catch (err) {
      line = failureLine(err);
    }
    expect(line).toMatch(/^pcapdump: /);
    expect(line.length).toBeLessThan(500);
    expect(line).not.toMatch(/[\x00-\x1f\x7f]/);
  });

  test(`a command longer than ${MAX_LINE} characters is refused as too long`, () => {
    expect(() => parseCommand('status ' + ' '.repeat(MAX_LINE))).toThrow(`command too long: ${MAX_LINE + 7} characters (at most ${MAX_LINE})`);
  });

  test('an unterminated quote names its word, not the whole line', () => {
    expect(() => parseCommand('write int "my file')).toThrow(/^unterminated " quote in: "my file$/);
  });
});
