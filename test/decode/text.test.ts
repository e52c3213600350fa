import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelledNumber } from '../../src/decode/text.js';

describe('labelledNumber', () => {
  it('is the label and the number, as joining them is, for any number', () => {
    const win = labelledNumber(', win ');
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer(), fc.double()), (n) => {
        expect(win(n)).toBe(', win ' + n);
        // asked again: the kept text, still right
        expect(win(n)).toBe(', win ' + n);
      }),
    );
    for (const n of [0, 65535, 65536, -1, 0.5, Number.NaN, 2 ** 32]) expect(win(n)).toBe(', win ' + n);
  });

  it('keeps one text per value: the same string again, not a new one', () => {
    const length = labelledNumber(', length ');
    const texts = new Set<string>();
    for (let i = 0; i < 3; i++) texts.add(length(1460));
    expect([...texts]).toEqual([', length 1460']);
    // two labels do not share a table
    expect(labelledNumber('UDP, length ')(1460)).toBe('UDP, length 1460');
  });
});
