/**
 * tcpdump's small text helpers (util-print.c): value-to-name tables with a printf-like
 * fallback, bit-flag lists, fixed-width hex. Printers build their tables once at load.
 */

/** A value -> name table (tcpdump's struct tok[]). */
export type Tok = ReadonlyMap<number, string>;

/**
 * A table from an object literal, or from [value, name] pairs kept in the C table's
 * order. bittok2str prints names in table order, and an object literal iterates its
 * numeric keys in ascending order whatever order they were written in: a flag table
 * that C lists otherwise (GRE's, high bit first) is written as pairs. The first entry
 * of a value wins, as in tok2str's linear search.
 */
export function tok(entries: Record<number, string> | readonly (readonly [number, string])[]): Tok {
  const m = new Map<number, string>();
  if (Array.isArray(entries)) {
    for (const [k, v] of entries as readonly (readonly [number, string])[]) if (!m.has(k)) m.set(k, v);
  } else {
    const rec = entries as Record<number, string>;
    for (const k of Object.keys(rec)) m.set(Number(k), rec[Number(k)]);
  }
  return m;
}

/**
 * `label` and a number after it (", win 65535"), made once per value below 65536: a capture
 * repeats a few windows and lengths, and a string per piece per packet is most of what
 * printing allocates. Other values are joined as they come.
 */
export function labelledNumber(label: string): (n: number) => string {
  let texts: (string | undefined)[] | undefined;
  return (n) => {
    if (n >>> 0 !== n || n > 0xffff) return label + n;
    texts ??= new Array<string | undefined>(65536).fill(undefined);
    let s = texts[n];
    if (s === undefined) {
      s = label + n;
      texts[n] = s;
    }
    return s;
  };
}

const HEX = '0123456789abcdef';

/** Lowercase hex of v, zero-padded to width digits (printf %0Nx). */
export function hex(v: number, width = 0): string {
  let s = v >= 0 && v <= 0xffffffff ? (v >>> 0).toString(16) : Math.trunc(v).toString(16);
  while (s.length < width) s = '0' + s;
  return s;
}

/** Two lowercase hex digits of a byte. */
export function hex2(b: number): string {
  return HEX[(b >> 4) & 15] + HEX[b & 15];
}

/**
 * printf with the few conversions tcpdump's tables use for unknown values: %u %d %x
 * %X %s with an optional 0-padded width, and %%. Only on fallback paths.
 */
export function format(fmt: string, v: number | string): string {
  return fmt.replace(/%(0?)(\d*)(l{0,2})([udxXsc%])/g, (_m, zero: string, width: string, _l: string, conv: string) => {
    if (conv === '%') return '%';
    let s: string;
    if (conv === 's') s = String(v);
    else if (conv === 'c') s = typeof v === 'number' ? String.fromCharCode(v) : v;
    else if (conv === 'x') s = hex(Number(v));
    else if (conv === 'X') s = hex(Number(v)).toUpperCase();
    else s = String(Number(v));
    const w = width === '' ? 0 : Number(width);
    while (s.length < w) s = (zero === '0' ? '0' : ' ') + s;
    return s;
  });
}

/** tok2str: the name of v, else fmt with v (tcpdump's default fmt is "#%d"). */
export function tok2str(table: Tok, fmt: string | null, v: number): string {
  const s = table.get(v);
  if (s !== undefined) return s;
  return format(fmt ?? '#%d', v);
}

/**
 * bittok2str / bittok2str_nosep: the names of every entry whose bits are all set in v,
 * joined by sep; fmt with v when none is.
 */
export function bittok2str(table: Tok, fmt: string | null, v: number, sep = ', '): string {
  let s = '';
  let any = false;
  for (const [bits, name] of table) {
    if (bits !== 0 && (v & bits) >>> 0 === bits >>> 0) {
      s += any ? sep + name : name;
      any = true;
    }
  }
  return any ? s : format(fmt ?? '#%08x', v);
}

/** Printable ASCII byte as itself, else '.', as tcpdump's ND_ASCII_ISPRINT loops do. */
export function isPrint(c: number): boolean {
  return c >= 0x20 && c <= 0x7e;
}

const RELTS_UNITS = ['y', 'w', 'd', 'h', 'm', 's'];
const RELTS_SECONDS = [31536000, 604800, 86400, 3600, 60, 1];

/** Seconds as tcpdump's unsigned_relts_print: "1h2m3s", "0s". */
export function unsignedRelts(secs: number): string {
  if (secs === 0) return '0s';
  let s = '';
  for (let i = 0; i < 6 && secs > 0; i++) {
    if (secs >= RELTS_SECONDS[i]) {
      const n = Math.floor(secs / RELTS_SECONDS[i]);
      s += n + RELTS_UNITS[i];
      secs -= n * RELTS_SECONDS[i];
    }
  }
  return s;
}

/** Signed seconds as signed_relts_print: a leading "-" for negative values. */
export function signedRelts(secs: number): string {
  return secs < 0 ? '-' + unsignedRelts(-secs) : unsignedRelts(secs);
}
