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

/** Four bytes as a signed 32-bit key. */
function word(buf: Buffer, off: number): number {
  return (buf[off] << 24) | (buf[off + 1] << 16) | (buf[off + 2] << 8) | buf[off + 3];
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

/**
 * The same text as one flat string. Text made by joining pieces is a tree of them that
 * V8 walks whenever it is read; a line holding a cached address or flow would carry that
 * tree into every packet's output, where writing the lines walks it again each time.
 */
function flat(s: string): string {
  return Buffer.from(s, 'latin1').toString('latin1');
}

/**
 * Recently printed addresses, as tcpdump keeps its own table of them: a line names
 * the same few hosts again and again, and a direct-mapped cache (no eviction
 * bookkeeping) makes the text once per host instead of once per packet.
 */
export class AddressCache {
  private readonly v4Keys = new Int32Array(4096);
  private readonly v4Text: string[] = new Array<string>(4096).fill('');
  private readonly v6Keys = new Int32Array(1024 * 4);
  private readonly v6Text: string[] = new Array<string>(1024).fill('');

  ipv4(buf: Buffer, off: number): string {
    const a = word(buf, off);
    const i = (a ^ (a >>> 12) ^ (a >>> 20)) & 4095;
    const t = this.v4Text[i];
    if (t !== '' && this.v4Keys[i] === a) return t;
    const s = flat(ipv4Text(buf, off));
    this.v4Keys[i] = a;
    this.v4Text[i] = s;
    return s;
  }

  ipv6(buf: Buffer, off: number): string {
    const w0 = word(buf, off);
    const w1 = word(buf, off + 4);
    const w2 = word(buf, off + 8);
    const w3 = word(buf, off + 12);
    let h = w0 ^ Math.imul(w1, 0x9e3779b1) ^ Math.imul(w2, 0x85ebca6b) ^ Math.imul(w3, 0xc2b2ae35);
    h = (h ^ (h >>> 15) ^ (h >>> 23)) & 1023;
    const k = h * 4;
    const keys = this.v6Keys;
    const t = this.v6Text[h];
    if (t !== '' && keys[k] === w0 && keys[k + 1] === w1 && keys[k + 2] === w2 && keys[k + 3] === w3) return t;
    const s = flat(ipv6Text(buf, off));
    keys[k] = w0;
    keys[k + 1] = w1;
    keys[k + 2] = w2;
    keys[k + 3] = w3;
    this.v6Text[h] = s;
    return s;
  }

  /** Per slot: ports, IP version, then the addresses (2 words for IPv4, 8 for IPv6). */
  private readonly flowKeys = new Int32Array(1024 * 10);
  private readonly flowText: string[] = new Array<string>(1024).fill('');

  /**
   * "src.sport > dst.dport: " of the IP header at `ip` (version 4 or 6), as the
   * transports print it: one flat string per flow instead of seven pieces per packet.
   */
  endpoints(buf: Buffer, ip: number, v6: boolean, sport: number, dport: number): string {
    return v6 ? this.endpoints6(buf, ip, sport, dport) : this.endpoints4(buf, ip, sport, dport);
  }

  private endpoints4(buf: Buffer, ip: number, sport: number, dport: number): string {
    const ports = (sport << 16) | dport;
    const src = word(buf, ip + 12);
    const dst = word(buf, ip + 16);
    const x = Math.imul(src ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(dst, 0x85ebca6b) ^ Math.imul(ports, 0xc2b2ae35);
    const h = (x ^ (x >>> 15) ^ (x >>> 23)) & 1023;
    const k = h * 10;
    const keys = this.flowKeys;
    const t = this.flowText[h];
    if (t !== '' && keys[k] === ports && keys[k + 1] === 4 && keys[k + 2] === src && keys[k + 3] === dst) return t;
    keys[k] = ports;
    keys[k + 1] = 4;
    keys[k + 2] = src;
    keys[k + 3] = dst;
    const s = flat(this.ipv4(buf, ip + 12) + '.' + sport + ' > ' + this.ipv4(buf, ip + 16) + '.' + dport + ': ');
    this.flowText[h] = s;
    return s;
  }

  private endpoints6(buf: Buffer, ip: number, sport: number, dport: number): string {
    const ports = (sport << 16) | dport;
    let x = ports ^ 0x5bd1e995;
    for (let i = 8; i < 40; i += 4) x = Math.imul(x ^ word(buf, ip + i), 0x9e3779b1);
    const h = (x ^ (x >>> 15) ^ (x >>> 23)) & 1023;
    const k = h * 10;
    const keys = this.flowKeys;
    let same = this.flowText[h] !== '' && keys[k] === ports && keys[k + 1] === 6;
    for (let i = 0; same && i < 8; i++) same = keys[k + 2 + i] === word(buf, ip + 8 + 4 * i);
    if (same) return this.flowText[h];
    keys[k] = ports;
    keys[k + 1] = 6;
    for (let i = 0; i < 8; i++) keys[k + 2 + i] = word(buf, ip + 8 + 4 * i);
    const s = flat(this.ipv6(buf, ip + 8) + '.' + sport + ' > ' + this.ipv6(buf, ip + 24) + '.' + dport + ': ');
    this.flowText[h] = s;
    return s;
  }
}
