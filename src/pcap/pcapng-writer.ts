import { BT_EPB, BT_IDB, BT_SHB, BYTE_ORDER_MAGIC } from './pcapng-reader.js';
import { MAXIMUM_SNAPLEN } from './snaplen.js';
import type { InterfaceInfo, PacketView } from './types.js';
import { Chunks } from './chunks.js';

const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_TSRESOL = 9;
const IF_FILTER = 11;

export interface PcapngWriterOptions {
  interfaces: InterfaceInfo[];
  /** shb_userappl */
  application?: string;
  /** if_tsresol 10^-9 instead of 10^-6 on every interface. */
  nanosecond?: boolean;
}

/** One option: code, length, value padded to 4. */
function option(code: number, value: Buffer): Buffer {
  const o = Buffer.alloc(4 + ((value.length + 3) & ~3));
  o.writeUInt16LE(code, 0);
  o.writeUInt16LE(value.length, 2);
  value.copy(o, 4);
  return o;
}

function block(type: number, fixed: Buffer, options: Buffer[]): Buffer {
  const opts = options.length > 0 ? Buffer.concat([...options, Buffer.alloc(4)]) : Buffer.alloc(0);
  const len = 12 + fixed.length + opts.length;
  const b = Buffer.alloc(len);
  b.writeUInt32LE(type, 0);
  b.writeUInt32LE(len, 4);
  fixed.copy(b, 8);
  opts.copy(b, 8 + fixed.length);
  b.writeUInt32LE(len, len - 4);
  return b;
}

/** The SHB and IDBs that open a pcapng section (little-endian). */
export function pcapngPreamble(opts: PcapngWriterOptions): Buffer {
  const shb = Buffer.alloc(16);
  shb.writeUInt32LE(BYTE_ORDER_MAGIC, 0);
  shb.writeUInt16LE(1, 4);
  shb.writeUInt16LE(0, 6);
  shb.writeInt32LE(-1, 8); // section length unknown
  shb.writeInt32LE(-1, 12);
  const parts = [block(BT_SHB, shb, opts.application ? [option(SHB_USERAPPL, Buffer.from(opts.application))] : [])];
  for (const i of opts.interfaces) {
    const fixed = Buffer.alloc(8);
    fixed.writeUInt16LE(i.linkType, 0);
    fixed.writeUInt32LE(i.snapLen, 4);
    const o: Buffer[] = [];
    if (i.name) o.push(option(IF_NAME, Buffer.from(i.name)));
    if (i.filter) o.push(option(IF_FILTER, Buffer.concat([Buffer.from([0]), Buffer.from(i.filter)])));
    o.push(option(IF_TSRESOL, Buffer.from([opts.nanosecond ? 9 : 6])));
    parts.push(block(BT_IDB, fixed, o));
  }
  return Buffer.concat(parts);
}

/** pcapng: an SHB, an IDB per interface, then an EPB per packet, batched into 1 MiB chunks. */
export class PcapngWriter {
  private readonly out: Chunks;
  private readonly snaps: number[];
  private readonly nano: boolean;

  constructor(
    sink: (chunk: Buffer) => void,
    opts: PcapngWriterOptions,
  ) {
    if (opts.interfaces.length === 0) throw new RangeError('PcapngWriter needs at least one interface');
    this.snaps = opts.interfaces.map((i) => (i.snapLen > 0 ? i.snapLen : MAXIMUM_SNAPLEN));
    this.nano = opts.nanosecond ?? false;
    this.out = new Chunks(sink);
    const pre = pcapngPreamble(opts);
    this.out.used += pre.copy(this.out.reserve(pre.length), 0);
  }

  /** p.interfaceId picks the IDB; packets longer than its snaplen are cut to it. */
  writePacket(p: PacketView): void {
    const ifId = p.interfaceId;
    if (!(ifId >= 0 && ifId < this.snaps.length)) throw new RangeError(`no interface ${ifId} in this pcapng file`);
    const cap = p.capLen > this.snaps[ifId] ? this.snaps[ifId] : p.capLen;
    const padded = (cap + 3) & ~3;
    const len = 32 + padded;
    const b = this.out.reserve(len);
    const o = this.out.used;
    b.writeUInt32LE(BT_EPB, o);
    b.writeUInt32LE(len, o + 4);
    b.writeUInt32LE(ifId, o + 8);
    this.writeTime(b, o + 12, p.tsSec, p.tsNsec);
    b.writeUInt32LE(cap, o + 20);
    b.writeUInt32LE(p.origLen >>> 0, o + 24);
    p.buf.copy(b, o + 28, p.offset, p.offset + cap);
    b.fill(0, o + 28 + cap, o + 28 + padded);
    b.writeUInt32LE(len, o + 28 + padded);
    this.out.used += len;
  }

  /** Writes the 64-bit count of µs or ns as two 32-bit halves, high first, without BigInt. */
  private writeTime(b: Buffer, at: number, sec: number, nsec: number): void {
    // pcapng time is unsigned; a time before 1970 (only fuzzed classic files give one) wraps as a
    // 32-bit classic field would, so both writers keep the same seconds.
    if (sec < 0) sec >>>= 0;
    let hi: number;
    let lo: number;
    if (!this.nano) {
      const t = sec * 1_000_000 + Math.floor(nsec / 1000); // < 2^53 for any 32-bit second count
      hi = Math.floor(t / 0x100000000);
      lo = t - hi * 0x100000000;
    } else {
      // sec * 1e9 overflows 2^53: split sec in 16-bit halves and carry by hand.
      const sH = Math.floor(sec / 65536);
      const a = (sec - sH * 65536) * 1e9 + nsec;
      const bb = sH * 1e9;
      const bH = Math.floor(bb / 65536);
      const c = (bb - bH * 65536) * 65536 + a;
      const cH = Math.floor(c / 0x100000000);
      hi = bH + cH;
      lo = c - cH * 0x100000000;
    }
    b.writeUInt32LE(hi >>> 0, at);
    b.writeUInt32LE(lo >>> 0, at + 4);
  }

  flush(): void {
    this.out.flush();
  }
}
