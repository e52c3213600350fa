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

  it('keeps a table per label: a value kept under one label is not another\'s', () => {
    const length = labelledNumber(', length ');
    const udp = labelledNumber('UDP, length ');
    expect(length(1460)).toBe(', length 1460');
    expect(udp(1460)).toBe('UDP, length 1460');
    expect(length(1460)).toBe(', length 1460');
  });
});
