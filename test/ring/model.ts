// An obviously-correct model of the ring for the property tests: an endless byte stream
// of records, where a record that would straddle the end of the buffer is preceded by a
// filler up to the next multiple of the size. The ring must hold exactly the records
// that start within the last `size` bytes of that stream.

export interface ModelPacket {
  tsSec: number;
  tsNsec: number;
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
