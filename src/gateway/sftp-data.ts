import type { SFTPWrapper } from 'ssh2';
import { BufferPool } from './buffer-pool.js';
import { sftpChannel, type SftpChannel } from './ssh2-channel.js';

const SSH_FXP_DATA = 103;
const HEADER = 13;
/** A staging buffer's size: the replies of one turn (OpenSSH's sftp: up to 64 x 32 KiB). */
const STAGE = 1024 * 1024;
/**
 * Staging buffers kept for reuse by the whole gateway: 4. A channel holds one only during a
 * turn, so idle channels hold none, however many a client opens.
 */
const stages = new BufferPool(STAGE, 4);

/**
 * SFTP DATA replies, packed. ssh2 sends each reply as payloads of its own, split at the
 * client's packet size: OpenSSH asks 32 KiB a READ and takes packets of 32 KiB, so each
 * 32 KiB + 13-byte reply left as two SSH packets, one of them 13 bytes, and every packet
 * costs an allocation, a MAC and a random padding. Here the replies of one turn are copied
 * back to back into one payload, which goes out in full-size packets (as sshd's channel
 * does with sftp-server's output): half the packets.
 */
export class DataReplies {
  private readonly ch: SftpChannel;
  private stage: Buffer | null = null;
  private used = 0;
  private scheduled = false;

  constructor(
    sftp: SFTPWrapper,
    /** Called before a packed payload is written: the Outflow's cork, so its packets leave in one write. */
    private readonly beforeWrite: () => void,
  ) {
    this.ch = sftpChannel(sftp);
  }

  /** Bytes staged and not yet handed to ssh2. */
  staged(): number {
    return this.used;
  }

  /** A DATA reply; `data` is copied before this returns. */
  data(reqid: number, data: Buffer): void {
    const need = HEADER + data.length;
    if (this.stage && this.used + need > this.stage.length) this.flush();
    if (!this.stage) this.stage = need <= STAGE ? stages.take() : Buffer.allocUnsafe(need);
    const b = this.stage;
    let p = this.used;
    p = b.writeUInt32BE(need - 4, p);
    b[p++] = SSH_FXP_DATA;
    p = b.writeUInt32BE(reqid >>> 0, p);
    p = b.writeUInt32BE(data.length, p);
    data.copy(b, p);
    this.used = p + data.length;
    if (!this.scheduled) {
      this.scheduled = true;
      process.nextTick(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  /** The client is gone: what is staged is not sent. */
  drop(): void {
    this.release();
  }

  private flush(): void {
    if (!this.stage || this.used === 0) return;
    const payload = this.stage.subarray(0, this.used);
    if (this.ch.outgoing.state !== 'open') return this.release();
    this.beforeWrite();
    // Behind replies already waiting for the window: stay in line.
    const rest = this.ch._buffer.length > 0 ? payload : this.write(payload);
    if (rest === undefined) return this.release(); // all copied into packets
    // The rest waits in ssh2's queue, a view of the stage: the stage goes with it.
    this.ch._buffer.push(rest);
    this.stage = null;
    this.used = 0;
  }

  /** Puts the stage back for reuse: nothing refers to it any more. */
  private release(): void {
    if (this.stage) stages.give(this.stage);
    this.stage = null;
    this.used = 0;
  }

  /** As much of `payload` as the client's window takes, in packets of its size; the rest is returned. */
  private write(payload: Buffer): Buffer | undefined {
    const out = this.ch.outgoing;
    let p = 0;
    while (p < payload.length && out.window > 0) {
      const n = Math.min(payload.length - p, out.window, out.packetSize);
      out.window -= n;
      this.ch._protocol.channelData(out.id, payload.subarray(p, p + n));
      p += n;
    }
    if (p === payload.length) return undefined;
    this.ch._waitWindow = true;
    this.ch._chunkcb = () => this.drain();
    return payload.subarray(p);
  }

  /** The client opened its window: the queue goes out in order, ssh2's replies and ours alike. */
  private drain(): void {
    this.ch._chunkcb = undefined;
    const queue = this.ch._buffer;
    let i = 0;
    while (i < queue.length) {
      const rest = this.write(queue[i]!);
      if (rest) {
        queue[i] = rest;
        this.ch._buffer = queue.slice(i);
        return;
      }
      i++;
    }
    this.ch._buffer = [];
  }
}
