/**
 * The service socket's framing: a 4-byte big-endian length, then that many bytes: a type
 * byte and the payload. Binary-safe (packets, and pcap bytes for a stream), and every frame
 * has a hard size cap, checked on the length before any of the frame is kept, so a peer
 * cannot make the other end hold more than one capped frame.
 */
export const FrameType = {
  /** A JSON message (UTF-8). */
  json: 1,
  /** -o/-ou packets for the session: u16 name length, name, u32 link type, then classic-pcap records. */
  packets: 2,
  /** A batch of `show`: u32 request id, u32 packets missed before it, then classic-pcap records. */
  show: 3,
  /** Bytes a command writes to the client's stdout (a pcap stream): u32 request id, then the bytes. */
  data: 4,
} as const;

export const FRAME_HEADER = 5;
/** What a client may send in one frame: a command line and then some. */
export const MAX_CLIENT_FRAME = 64 * 1024;
/** What the service sends in one frame: a batch of `show` (256 KiB and one record of up to 256 KiB). */
export const MAX_SERVICE_FRAME = 1024 * 1024;

export class FrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameError';
  }
}

export function frame(type: number, ...parts: Buffer[]): Buffer {
  const len = 1 + parts.reduce((a, p) => a + p.length, 0);
  const out = Buffer.allocUnsafe(4 + len);
  out.writeUInt32BE(len, 0);
  out[4] = type;
  let at = FRAME_HEADER;
  for (const p of parts) at += p.copy(out, at);
  return out;
}

export function jsonFrame(message: object): Buffer {
  return frame(FrameType.json, Buffer.from(JSON.stringify(message), 'utf8'));
}

/**
 * Cuts a byte stream into frames. Chunks are kept as they come and joined once per frame,
 * so a large frame arriving in many pieces is copied once. Throws FrameError on a length of
 * 0 or over the cap, or an unknown type; the connection is then beyond repair.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private queued = 0;

  constructor(
    private readonly maxFrame: number,
    private readonly onFrame: (type: number, payload: Buffer) => void,
  ) {}

  /** Bytes received and not yet part of a whole frame. */
  get pending(): number {
    return this.queued;
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.queued += chunk.length;
    while (this.queued >= 4) {
      const len = this.peek(4).readUInt32BE(0);
      if (len === 0) throw new FrameError('a frame of length 0');
      if (len > this.maxFrame) throw new FrameError(`a frame of ${len} bytes, over the limit of ${this.maxFrame}`);
      if (this.queued < FRAME_HEADER) return;
      const type = this.peek(FRAME_HEADER)[4];
      if (type < FrameType.json || type > FrameType.data) throw new FrameError(`a frame of unknown type ${type}`);
      if (this.queued < 4 + len) return;
      const whole = this.take(4 + len);
      this.onFrame(type, whole.subarray(FRAME_HEADER));
    }
  }

  private peek(n: number): Buffer {
    if (this.chunks[0].length >= n) return this.chunks[0];
    const joined = Buffer.concat(this.chunks);
    this.chunks = [joined];
    return joined;
  }

  private take(n: number): Buffer {
    let out: Buffer;
    if (this.chunks[0].length >= n) {
      out = this.chunks[0].subarray(0, n);
    } else {
      out = Buffer.allocUnsafe(n);
      let at = 0;
      for (const c of this.chunks) {
        at += c.copy(out, at, 0, Math.min(c.length, n - at));
        if (at === n) break;
      }
    }
    let left = n;
    while (left > 0) {
      const c = this.chunks[0];
      if (c.length <= left) {
        left -= c.length;
        this.chunks.shift();
      } else {
        this.chunks[0] = c.subarray(left);
        left = 0;
      }
    }
    this.queued -= n;
    return out;
  }
}

/** The frame of -o/-ou packets: the interface name and link type, then records. */
export function packetsHeader(iface: string, linkType: number): Buffer {
  const name = Buffer.from(iface, 'utf8');
  const h = Buffer.allocUnsafe(2 + name.length + 4);
  h.writeUInt16BE(name.length, 0);
  name.copy(h, 2);
  h.writeUInt32BE(linkType >>> 0, 2 + name.length);
  return h;
}

export function readPacketsHeader(payload: Buffer): { iface: string; linkType: number; start: number } {
  if (payload.length < 6) throw new FrameError('a packets frame too short for its header');
  const n = payload.readUInt16BE(0);
  if (payload.length < 2 + n + 4) throw new FrameError('a packets frame too short for its header');
  return { iface: payload.toString('utf8', 2, 2 + n), linkType: payload.readUInt32BE(2 + n), start: 2 + n + 4 };
}
