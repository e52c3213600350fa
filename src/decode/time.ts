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
const PAD3_SPACE: string[] = [];
for (let i = 0; i < 1000; i++) {
  PAD3.push((i < 10 ? '00' : i < 100 ? '0' : '') + i);
  PAD3_SPACE.push(PAD3[i] + ' ');
}

// Packets come thousands to a second: "HH:MM:SS.mmm" of the last millisecond is kept, so a
// time stamp is two pieces (a line of fewer pieces is written faster) and a table entry.
let keptSec = Number.NaN;
let keptMs = -1;
let kept = '';

/** "HH:MM:SS.mmm" of the time, and the microseconds after the millisecond (0-999) as the result. */
function millisecond(tsSec: number, tsNsec: number): number {
  const sec = Math.floor(tsSec);
  let us = Math.floor(tsNsec / 1000);
  if (us < 0) us = 0;
  else if (us > 999999) us = 999999;
  const ms = (us / 1000) | 0;
  if (sec !== keptSec || ms !== keptMs) {
    let day = (sec + offsetSeconds(tsSec)) % 86400;
    if (day < 0) day += 86400;
    const h = (day / 3600) | 0;
    const m = ((day % 3600) / 60) | 0;
    kept = PAD2[h] + ':' + PAD2[m] + ':' + PAD2[day % 60] + '.' + PAD3[ms];
    keptSec = sec;
    keptMs = ms;
  }
  return us - ms * 1000;
}

export function formatTime(tsSec: number, tsNsec: number): string {
  if (!Number.isFinite(tsSec) || !Number.isFinite(tsNsec)) return '??:??:??.??????';
  const us = millisecond(tsSec, tsNsec);
  return kept + PAD3[us];
}

/** formatTime and the space after it, as a line starts. */
export function formatTimeSpace(tsSec: number, tsNsec: number): string {
  if (!Number.isFinite(tsSec) || !Number.isFinite(tsNsec)) return '??:??:??.?????? ';
  const us = millisecond(tsSec, tsNsec);
  return kept + PAD3_SPACE[us];
}
