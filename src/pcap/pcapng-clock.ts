/**
 * pcapng timestamps are 64-bit counts of 1/resolution seconds. These conversions
 * stay in doubles (no BigInt, no allocation) for every resolution a real writer
 * uses, and fall back to BigInt only for exotic ones (10^-12 and finer, 2^-24 and finer).
 */
export interface Clock {
  /** Units per second. */
  res: number;
  /** Multiply the remainder by this to get nanoseconds (decimal resolutions up to 10^-9), else 0. */
  toNs: number;
  /** Divide the remainder by this for nanoseconds (decimal 10^-10, 10^-11), else 0. */
  fromNs: number;
  /** For binary resolutions up to 2^-23: the shift n in 2^-n; else -1. */
  shift: number;
  /** Resolutions outside the fast paths. */
  wide: bigint | null;
  /** if_tsoffset: seconds added to every timestamp. */
  offset: number;
}

export const MICRO_CLOCK: Clock = clockFor(6, 0);

/** tsresol is the if_tsresol byte: high bit clear 10^-v, set 2^-(v & 0x7f). Caller checks the range. */
export function clockFor(tsresol: number, offset: number): Clock {
  if (tsresol & 0x80) {
    const n = tsresol & 0x7f;
    if (n <= 23) return { res: 2 ** n, toNs: 0, fromNs: 0, shift: n, wide: null, offset };
    return { res: 2 ** n, toNs: 0, fromNs: 0, shift: -1, wide: 1n << BigInt(n), offset };
  }
  const res = 10 ** tsresol;
  if (tsresol <= 9) return { res, toNs: 10 ** (9 - tsresol), fromNs: 0, shift: -1, wide: null, offset };
  if (tsresol <= 11) return { res, toNs: 0, fromNs: 10 ** (tsresol - 9), shift: -1, wide: null, offset };
  return { res, toNs: 0, fromNs: 0, shift: -1, wide: 10n ** BigInt(tsresol), offset };
}

/** Sets out.tsSec / out.tsNsec from the two 32-bit halves of a pcapng timestamp. */
export function setTime(c: Clock, hi: number, lo: number, out: { tsSec: number; tsNsec: number }): void {
  if (c.wide !== null) return setTimeWide(c, c.wide, hi, lo, out);
  const res = c.res;
  let sec: number;
  let rem: number;
  if (hi < 0x200000) {
    // Below 2^53: exact in a double; correct the one-off a rounded division can give.
    const t = hi * 0x100000000 + lo;
    sec = Math.floor(t / res);
    rem = t - sec * res;
    if (rem < 0) {
      sec -= 1;
      rem += res;
    } else if (rem >= res) {
      sec += 1;
      rem -= res;
    }
  } else {
    // Long division in 16-bit digits: every partial stays below res * 2^16 <= 2^53.
    sec = 0;
    rem = 0;
    for (let i = 0; i < 4; i++) {
      const d = i === 0 ? hi >>> 16 : i === 1 ? hi & 0xffff : i === 2 ? lo >>> 16 : lo & 0xffff;
      const cur = rem * 65536 + d;
      let q = Math.floor(cur / res);
      rem = cur - q * res;
      if (rem < 0) {
        q -= 1;
        rem += res;
      } else if (rem >= res) {
        q += 1;
        rem -= res;
      }
      sec = sec * 65536 + q;
    }
  }
  let ns: number;
  if (c.toNs !== 0) ns = rem * c.toNs;
  else if (c.fromNs !== 0) ns = Math.floor(rem / c.fromNs);
  else ns = Math.floor((rem * 1e9) / res); // binary, res <= 2^23: rem * 1e9 < 2^53, division by 2^n exact
  out.tsSec = sec + c.offset;
  out.tsNsec = ns;
}

function setTimeWide(c: Clock, res: bigint, hi: number, lo: number, out: { tsSec: number; tsNsec: number }): void {
  const t = (BigInt(hi) << 32n) | BigInt(lo);
  out.tsSec = Number(t / res) + c.offset;
  out.tsNsec = Number(((t % res) * 1_000_000_000n) / res);
}
