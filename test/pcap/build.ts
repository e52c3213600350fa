/**
 * Hand-built capture bytes for the unit tests, written field by field
 * (independent of src/pcap's writers, so a shared mistake cannot hide).
 */
export interface Rec {
  sec: number;
  frac: number;
  data: Buffer;
  /** Defaults to data.length. */
  capLen?: number;
  origLen?: number;
}

export function classic(opts: { little?: boolean; nano?: boolean; major?: number; minor?: number; snapLen?: number; linkType?: number }, recs: Rec[]): Buffer {
  const little = opts.little ?? true;
  const parts: Buffer[] = [];
  const h = Buffer.alloc(24);
  const u32 = (b: Buffer, v: number, o: number) => (little ? b.writeUInt32LE(v >>> 0, o) : b.writeUInt32BE(v >>> 0, o));
  const u16 = (b: Buffer, v: number, o: number) => (little ? b.writeUInt16LE(v, o) : b.writeUInt16BE(v, o));
  u32(h, opts.nano ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  u16(h, opts.major ?? 2, 4);
  u16(h, opts.minor ?? 4, 6);
  u32(h, opts.snapLen ?? 65535, 16);
  u32(h, opts.linkType ?? 1, 20);
  parts.push(h);
  for (const r of recs) {
    const rh = Buffer.alloc(16);
    u32(rh, r.sec, 0);
    u32(rh, r.frac, 4);
    u32(rh, r.capLen ?? r.data.length, 8);
    u32(rh, r.origLen ?? r.data.length, 12);
    parts.push(rh, r.data);
  }
  return Buffer.concat(parts);
}

/** pcapng block writer for one byte order. */
export class Ng {
  constructor(readonly little = true) {}

  u32(v: number): Buffer {
    const b = Buffer.alloc(4);
    if (this.little) b.writeUInt32LE(v >>> 0);
    else b.writeUInt32BE(v >>> 0);
    return b;
  }

  u16(v: number): Buffer {
    const b = Buffer.alloc(2);
    if (this.little) b.writeUInt16LE(v);
    else b.writeUInt16BE(v);
    return b;
  }

  opt(code: number, value: Buffer): Buffer {
    const pad = Buffer.alloc((4 - (value.length % 4)) % 4);
    return Buffer.concat([this.u16(code), this.u16(value.length), value, pad]);
  }

  block(type: number, body: Buffer, opts: { lenDelta?: number; trailer?: number } = {}): Buffer {
    const pad = Buffer.alloc((4 - (body.length % 4)) % 4);
    const len = 12 + body.length + pad.length;
    return Buffer.concat([this.u32(type), this.u32(len + (opts.lenDelta ?? 0)), body, pad, this.u32(opts.trailer ?? len)]);
  }

  shb(major = 1, minor = 0): Buffer {
    return this.block(0x0a0d0d0a, Buffer.concat([this.u32(0x1a2b3c4d), this.u16(major), this.u16(minor), Buffer.alloc(8, 0xff)]));
  }

  idb(linkType: number, snapLen: number, options: Buffer[] = []): Buffer {
    const opts = options.length ? Buffer.concat([...options, this.u32(0)]) : Buffer.alloc(0);
    return this.block(1, Buffer.concat([this.u16(linkType), this.u16(0), this.u32(snapLen), opts]));
  }

  /** ts is the 64-bit count in the interface's units, as a bigint. */
  epb(ifId: number, ts: bigint, data: Buffer, origLen = data.length, capLen = data.length): Buffer {
    return this.block(
      6,
      Buffer.concat([this.u32(ifId), this.u32(Number(ts >> 32n)), this.u32(Number(ts & 0xffffffffn)), this.u32(capLen), this.u32(origLen), data]),
    );
  }

  pb(ifId: number, ts: bigint, data: Buffer, origLen = data.length): Buffer {
    return this.block(
      2,
      Buffer.concat([this.u16(ifId), this.u16(0), this.u32(Number(ts >> 32n)), this.u32(Number(ts & 0xffffffffn)), this.u32(data.length), this.u32(origLen), data]),
    );
  }

  spb(origLen: number, data: Buffer): Buffer {
    return this.block(3, Buffer.concat([this.u32(origLen), data]));
  }
}

export function bytes(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed * 7) & 0xff;
  return b;
}
