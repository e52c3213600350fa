/**
 * Address text as tcpdump -nn prints it. Called once or twice per packet, so the
 * code builds strings from small tables instead of arrays, joins or regexes.
 * Callers have already checked that the bytes are inside the capture.
 */

const DEC: string[] = [];
const HEX2: string[] = [];
for (let i = 0; i < 256; i++) {
  DEC.push(String(i));
  HEX2.push((i < 16 ? '0' : '') + i.toString(16));
}

export function ipv4Text(buf: Buffer, off: number): string {
  return DEC[buf[off]] + '.' + DEC[buf[off + 1]] + '.' + DEC[buf[off + 2]] + '.' + DEC[buf[off + 3]];
}

/** Colon-separated lowercase hex, as tcpdump prints link addresses (6 bytes for Ethernet). */
export function macText(buf: Buffer, off: number, len: number): string {
  if (len <= 0) return '';
  let s = HEX2[buf[off]];
  for (let i = 1; i < len; i++) s += ':' + HEX2[buf[off + i]];
  return s;
}

function group(buf: Buffer, off: number, i: number): number {
  return (buf[off + 2 * i] << 8) | buf[off + 2 * i + 1];
}

/**
 * RFC 5952 text: lowercase, no leading zeros, the longest run of two or more zero
 * groups (the first on a tie) becomes "::", and ::ffff:a.b.c.d / ::a.b.c.d keep the
 * dotted IPv4 tail as inet_ntop (and so tcpdump) writes them.
 */
export function ipv6Text(buf: Buffer, off: number): string {
  let bestStart = -1;
  let bestLen = 0;
  let runStart = -1;
  for (let i = 0; i < 8; i++) {
    if (group(buf, off, i) === 0) {
      if (runStart < 0) runStart = i;
      const len = i - runStart + 1;
      if (len > bestLen) {
        bestLen = len;
        bestStart = runStart;
      }
    } else {
      runStart = -1;
    }
  }
  if (bestLen < 2) bestStart = -1;

  // inet_ntop's embedded IPv4 forms: ::a.b.c.d (not ::1 or ::0.0.x.y) and ::ffff:a.b.c.d.
  if (bestStart === 0) {
    const g5 = group(buf, off, 5);
    if (bestLen === 6 || (bestLen === 5 && g5 === 0xffff)) {
      if (bestLen === 5 || group(buf, off, 6) !== 0) {
        return (bestLen === 5 ? '::ffff:' : '::') + ipv4Text(buf, off + 12);
      }
    }
  }

  let s = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      s += i === 0 ? '::' : ':';
      i += bestLen - 1;
      continue;
    }
    s += group(buf, off, i).toString(16);
    if (i < 7) s += ':';
  }
  return s;
}
