/** What pcapdump takes from an Interface Description Block's options. */
export interface IdbOptions {
  name?: string;
  filter?: string;
  /** The if_tsresol byte (6 = microseconds when absent). */
  tsresol: number;
  /** if_tsoffset in seconds. */
  tsoffset: number;
}

const OPT_END = 0;
const IF_NAME = 2;
const IF_TSRESOL = 9;
const IF_FILTER = 11;
const IF_TSOFFSET = 14;

/**
 * Parses IDB options in buf[at, at+len). Returns the reason as a string when they
 * are malformed, with libpcap's rules (a cut option, a bad if_tsresol or if_tsoffset).
 */
export function parseIdbOptions(buf: Buffer, at: number, len: number, little: boolean): IdbOptions | string {
  const out: IdbOptions = { tsresol: 6, tsoffset: 0 };
  let seenRes = false;
  let seenOff = false;
  const end = at + len;
  let p = at;
  while (p < end) {
    if (end - p < 4) return `option header cut short at block offset ${p - at + 16}`;
    const code = little ? buf.readUInt16LE(p) : buf.readUInt16BE(p);
    const olen = little ? buf.readUInt16LE(p + 2) : buf.readUInt16BE(p + 2);
    const padded = (olen + 3) & ~3;
    if (padded > end - p - 4) return `option ${code} of length ${olen} runs past the end of the block`;
    const v = p + 4;
    p = v + padded;
    switch (code) {
      case OPT_END:
        if (olen !== 0) return `opt_endofopt option with length ${olen} != 0`;
        return out;
      case IF_NAME:
        out.name = text(buf, v, olen);
        break;
      case IF_FILTER:
        // First byte says what kind of filter; 0 is a libpcap filter string.
        if (olen >= 1 && buf[v] === 0) out.filter = text(buf, v + 1, olen - 1);
        break;
      case IF_TSRESOL: {
        if (olen !== 1) return `if_tsresol option with length ${olen} != 1`;
        if (seenRes) return 'more than one if_tsresol option';
        seenRes = true;
        const r = buf[v];
        if (r & 0x80 ? (r & 0x7f) > 63 : r > 19) {
          return `if_tsresol option resolution ${r & 0x80 ? `2^-${r & 0x7f}` : `10^-${r}`} is too high`;
        }
        out.tsresol = r;
        break;
      }
      case IF_TSOFFSET: {
        if (olen !== 8) return `if_tsoffset option with length ${olen} != 8`;
        if (seenOff) return 'more than one if_tsoffset option';
        seenOff = true;
        // Signed 64-bit seconds; the high half is signed, the low half not.
        const hi = little ? buf.readInt32LE(v + 4) : buf.readInt32BE(v);
        const lo = little ? buf.readUInt32LE(v) : buf.readUInt32BE(v + 4);
        out.tsoffset = hi * 0x100000000 + lo;
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function text(buf: Buffer, at: number, len: number): string {
  let e = at + len;
  while (e > at && buf[e - 1] === 0) e--;
  return buf.toString('utf8', at, e);
}
