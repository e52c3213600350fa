// An obviously-correct model of the ring for the property tests: an endless byte stream
// of records, where a record that would straddle the end of the buffer is preceded by a
// filler up to the next multiple of the size. The ring must hold exactly the records
// that start within the last `size` bytes of that stream.

export interface ModelPacket {
  tsSec: number;
  tsUsec: number;
  origLen: number;
  data: Buffer;
}

interface Placed {
  start: number;
  p: ModelPacket;
}

export class RingModel {
  private end = 0;
  private placed: Placed[] = [];
  dropped = 0;
  pushed = 0;

  constructor(readonly size: number) {}

  push(p: ModelPacket): boolean {
    const n = 16 + p.data.length;
    if (n > this.size) {
      this.dropped++;
      return false;
    }
    const phys = this.end % this.size;
    if (phys + n > this.size) this.end += this.size - phys;
    this.placed.push({ start: this.end, p });
    this.end += n;
    this.pushed++;
    return true;
  }

  clear(): void {
    this.end = 0;
    this.placed = [];
    this.dropped = 0;
    this.pushed = 0;
  }

  /** Every accepted packet since the last clear, oldest first. */
  accepted(): ModelPacket[] {
    return this.placed.map((x) => x.p);
  }

  stored(): ModelPacket[] {
    return this.placed.filter((x) => x.start >= this.end - this.size).map((x) => x.p);
  }
}

/** The bytes a little-endian µs pcap writer produces for these packets. */
export function pcapFileBytes(linkType: number, snapLen: number, packets: ModelPacket[]): Buffer {
  const h = Buffer.alloc(24);
  h.writeUInt32LE(0xa1b2c3d4, 0);
  h.writeUInt16LE(2, 4);
  h.writeUInt16LE(4, 6);
  h.writeUInt32LE(snapLen, 16);
  h.writeUInt32LE(linkType, 20);
  const parts: Buffer[] = [h];
  for (const p of packets) {
    const r = Buffer.alloc(16);
    r.writeUInt32LE(p.tsSec, 0);
    r.writeUInt32LE(p.tsUsec, 4);
    r.writeUInt32LE(p.data.length, 8);
    r.writeUInt32LE(p.origLen, 12);
    parts.push(r, p.data);
  }
  return Buffer.concat(parts);
}
