/**
 * HH:MM:SS.ffffff in local time, as tcpdump prints without -t. Nanoseconds are
 * truncated to microseconds (tcpdump does the same for nanosecond files).
 *
 * The zone offset is looked up once per 15-minute UTC slot: every zone's offset
 * changes only at such instants, so consecutive packets share one Date call.
 */

const PAD2: string[] = [];
for (let i = 0; i < 100; i++) PAD2.push(i < 10 ? '0' + i : String(i));

const SLOT = 900;
let slot = Number.NaN;
let slotOffset = 0;

function offsetSeconds(tsSec: number): number {
  const k = Math.floor(tsSec / SLOT);
  if (k !== slot) {
    const d = new Date(k * SLOT * 1000);
    const minutes = d.getTimezoneOffset();
    slotOffset = Number.isFinite(minutes) ? -minutes * 60 : 0;
    slot = k;
  }
  return slotOffset;
}

const PAD3: string[] = [];
for (let i = 0; i < 1000; i++) PAD3.push((i < 10 ? '00' : i < 100 ? '0' : '') + i);

/** Six digits from two table entries: no number is turned into a string per packet. */
function micros(us: number): string {
  const hi = (us / 1000) | 0;
  return PAD3[hi] + PAD3[us - hi * 1000];
}

// Packets come thousands to a second: the "HH:MM:SS." of the last second is kept.
let prefixSec = Number.NaN;
let prefix = '';

export function formatTime(tsSec: number, tsNsec: number): string {
  if (!Number.isFinite(tsSec) || !Number.isFinite(tsNsec)) return '??:??:??.??????';
  const sec = Math.floor(tsSec);
  if (sec !== prefixSec) {
    let day = (sec + offsetSeconds(tsSec)) % 86400;
    if (day < 0) day += 86400;
    const h = (day / 3600) | 0;
    const m = ((day % 3600) / 60) | 0;
    prefix = PAD2[h] + ':' + PAD2[m] + ':' + PAD2[day % 60] + '.';
    prefixSec = sec;
  }
  let us = Math.floor(tsNsec / 1000);
  if (us < 0) us = 0;
  else if (us > 999999) us = 999999;
  return prefix + micros(us);
}
