import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTime, formatTimeSpace } from '../../src/decode/time.js';

/** What the line must say, computed afresh by Date for every call (local time, as tcpdump). */
function expected(sec: number, nsec: number): string {
  const d = new Date(sec * 1000);
  const p = (x: number) => String(x).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${String(Math.floor(nsec / 1000)).padStart(6, '0')}`;
}

describe('formatTime keeps the last millisecond\'s prefix', () => {
  it('is right for any order of seconds: same second, next second, back in time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4_000_000_000 }), fc.integer({ min: 0, max: 999_999_999 })), { minLength: 1, maxLength: 50 }),
        (stamps) => {
          for (const [sec, nsec] of stamps) {
            expect(formatTime(sec, nsec)).toBe(expected(sec, nsec));
            // the same second again, with another fraction: the kept prefix must still be this second's
            expect(formatTime(sec, (nsec + 123_000) % 1e9)).toBe(expected(sec, (nsec + 123_000) % 1e9));
            // the same millisecond, another microsecond, as a line starts it
            expect(formatTimeSpace(sec, nsec - (nsec % 1_000_000) + 999_000)).toBe(expected(sec, nsec - (nsec % 1_000_000) + 999_000) + ' ');
          }
        },
      ),
    );
  });

  it('changes the prefix at the second boundary', () => {
    expect(formatTime(1_700_000_000, 999_999_000).slice(-6)).toBe('999999');
    expect(formatTime(1_700_000_001, 0)).toBe(expected(1_700_000_001, 0));
    expect(formatTime(1_700_000_000, 5_000)).toBe(expected(1_700_000_000, 5_000));
  });

  it('changes the prefix at the millisecond boundary, not before', () => {
    expect(formatTime(1_700_000_000, 1_999_000)).toBe(expected(1_700_000_000, 1_999_000));
    expect(formatTime(1_700_000_000, 2_000_000)).toBe(expected(1_700_000_000, 2_000_000));
    expect(formatTimeSpace(1_700_000_000, 2_000_001)).toBe(expected(1_700_000_000, 2_000_001) + ' ');
    expect(formatTimeSpace(Number.NaN, 0)).toBe('??:??:??.?????? ');
  });
});
