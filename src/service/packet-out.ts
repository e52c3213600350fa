import type { PacketView } from '../pcap/types.js';
import { FrameType, packetsHeader } from './frames.js';

const PACKET_BATCH = 64 * 1024;

interface PacketBatch {
  iface: string;
  linkType: number;
  buf: Buffer;
  used: number;
}

export interface PacketSocket {
  /** Bytes the connection has queued and not yet sent. */
  queued(): number;
  /** Sends one whole frame. */
  write(frame: Buffer): void;
  /** Says how many packets were dropped since the last time it was said. */
  sayLost(count: number): void;
}

/**
 * A session's -o/-ou packets on their way out of one connection: gathered into one frame
 * per turn of the event loop, and dropped (counted, and said when the connection drains)
 * once the connection has `limit` bytes queued. A client that stops reading costs the
 * service at most that much.
 */
export class PacketOut {
  private batch: PacketBatch | null = null;
  private scheduled = false;
  private lost = 0;
  private closed = false;

  constructor(
    private readonly socket: PacketSocket,
    private readonly limit: number,
  ) {}

  packet(iface: string, p: PacketView): void {
    const need = 16 + p.capLen;
    if (this.closed || this.socket.queued() + (this.batch?.used ?? 0) + need > this.limit) {
      this.lost++;
      return;
    }
    let b = this.batch;
    if (b && (b.iface !== iface || b.linkType !== p.linkType || b.used + need > b.buf.length)) {
      this.flush();
      b = null;
    }
    if (!b) {
      const header = packetsHeader(iface, p.linkType);
      const buf = Buffer.allocUnsafe(Math.max(PACKET_BATCH, 5 + header.length + need));
      header.copy(buf, 5);
      b = this.batch = { iface, linkType: p.linkType, buf, used: 5 + header.length };
    }
    const at = b.used;
    b.buf.writeUInt32LE(p.tsSec >>> 0, at);
    b.buf.writeUInt32LE(p.tsNsec >>> 0, at + 4); // records carry nanoseconds, as the ring's
    b.buf.writeUInt32LE(p.capLen, at + 8);
    b.buf.writeUInt32LE(p.origLen, at + 12);
    p.buf.copy(b.buf, at + 16, p.offset, p.offset + p.capLen);
    b.used += need;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  /** Sends what is gathered now (before news that the packets led to, such as "count reached"). */
  flush(): void {
    const b = this.batch;
    this.batch = null;
    this.drained();
    if (!b || this.closed) return;
    b.buf.writeUInt32BE(b.used - 4, 0);
    b.buf[4] = FrameType.packets;
    this.socket.write(b.buf.subarray(0, b.used));
  }

  /** The connection has room again: say what was lost, if anything. */
  drained(): void {
    if (this.lost === 0 || this.closed || this.socket.queued() >= this.limit) return;
    const count = this.lost;
    this.lost = 0;
    this.socket.sayLost(count);
  }

  close(): void {
    this.closed = true;
    this.batch = null;
  }
}
