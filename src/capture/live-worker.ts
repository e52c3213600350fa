/**
 * One live capture in its own process. cap aborts the whole process when its interface
 * disappears (an assert in its poll callback), so it runs here, not in the console.
 * Packets go to the parent on fd 3 as batches of classic-pcap records; control
 * messages (ready, error, drops) on the IPC channel.
 */
import { Socket } from 'node:net';
import { setPriority } from 'node:os';
import { performance } from 'node:perf_hooks';
import { PCAP_RECORD_HEADER, writeRecordHeader } from '../pcap/writer.js';
import { capModule, linkTypeOfWord, type CapHandle } from './cap-binding.js';
import { packetSocketFd, watchKernelDrops } from './kernel-drops.js';
import { RECORD_FD, type WorkerMessage, type WorkerRequest } from './live-protocol.js';
import { CAP_SNAPLEN, wireLength } from './wire-length.js';

const BATCH = 256 * 1024;
/** Below this a batch waits a little for more records (see flushSoon). */
const SMALL_BATCH = 32 * 1024;
/** Past this much unsent output the parent is not keeping up: drop and count, do not grow. */
const MAX_BACKLOG = 64 * 1024 * 1024;

function send(msg: WorkerMessage, then?: () => void): void {
  if (process.send) process.send(msg, undefined, {}, then);
  else then?.();
}

class LiveWorker {
  /** cap keeps no reference to this: the field keeps it alive as long as the capture. */
  private readonly packet = Buffer.alloc(CAP_SNAPLEN);
  private readonly cap: CapHandle;
  private readonly out = new Socket({ fd: RECORD_FD, readable: false, writable: true });
  /** Records are appended at `used`; [sent, used) is not yet handed to the socket, [0, sent) is the socket's. */
  private batch = Buffer.allocUnsafe(BATCH);
  private sent = 0;
  private used = 0;
  private flushPending = false;
  private readonly flushNow = (): void => this.flush();
  private readonly flushWhenFull = (): void => this.flushSoon();
  private linkType = 0;
  private pipeDrops = 0;
  private kernelDrops: number | null = null;
  private readonly snapLen: number;

  constructor(private readonly req: WorkerRequest) {
    this.snapLen = req.snapLen > 0 ? req.snapLen : CAP_SNAPLEN;
    this.cap = new (capModule().Cap)();
    this.out.on('error', () => process.exit(0));
  }

  open(): void {
    const word = this.cap.open(this.req.device, this.req.bpf, this.req.bufferBytes, this.packet);
    const linkType = linkTypeOfWord(word);
    if (linkType === null) throw new Error(`unsupported link type ${word}`);
    this.linkType = linkType;
    this.cap.on('packet', (n) => this.onPacket(n));
    send({ type: 'ready', linkType: word });
    watchKernelDrops(packetSocketFd(), (d) => {
      this.kernelDrops = d;
      this.reportDrops();
    });
  }

  private reportDrops(): void {
    send({ type: 'drops', kernel: this.kernelDrops, pipe: this.pipeDrops });
  }

  private onPacket(nbytes: number): void {
    // Stamped at delivery: a monotonic clock anchored once to wall time.
    const us = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    if (this.out.writableLength > MAX_BACKLOG) {
      this.pipeDrops++;
      if (this.pipeDrops % 1000 === 1) this.reportDrops();
      return;
    }
    const capLen = nbytes < this.snapLen ? nbytes : this.snapLen;
    if (this.used + PCAP_RECORD_HEADER + capLen > BATCH) {
      this.flush();
      this.batch = Buffer.allocUnsafe(BATCH);
      this.sent = this.used = 0;
    }
    const sec = Math.floor(us / 1e6);
    writeRecordHeader(this.batch, this.used, sec, us - sec * 1e6, capLen, wireLength(this.packet, nbytes, this.linkType));
    this.packet.copy(this.batch, this.used + PCAP_RECORD_HEADER, 0, capLen);
    this.used += PCAP_RECORD_HEADER + capLen;
    if (!this.flushPending) {
      // cap dispatches every packet the kernel holds in one poll callback; the check phase comes after.
      this.flushPending = true;
      setImmediate(this.flushWhenFull);
    }
  }

  /**
   * In immediate mode a poll callback often brings only a dozen packets: a pipe write per
   * handful (300k frames: 33k writes) cost the worker 18% of its time and the console a
   * 'data' event each (0.5-0.7 s of its CPU; 0.1 s with 32 KB writes). Small batches wait
   * up to a millisecond for more; timestamps are already taken, so only the console's view
   * of the packets is later.
   */
  private flushSoon(): void {
    if (this.used - this.sent >= SMALL_BATCH) this.flush();
    else setTimeout(this.flushNow, 1);
  }

  private flush(): void {
    this.flushPending = false;
    if (this.used === this.sent) return;
    // The socket keeps this view until written; later records go after it, never over it.
    this.out.write(this.batch.subarray(this.sent, this.used));
    this.sent = this.used;
  }
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].trim();
}

const req = JSON.parse(process.argv[2] ?? '{}') as WorkerRequest;
// The console went away: nobody to capture for.
process.on('disconnect', () => process.exit(0));
// Packets are stamped when this process gets to them: run ahead of the console and the
// traffic's own senders so that waiting for the CPU does not become timestamp error.
try {
  setPriority(-10);
} catch {
  // Not root (or not allowed): the default priority still captures, with more jitter.
}
let worker: LiveWorker | undefined;
try {
  worker = new LiveWorker(req);
  worker.open();
} catch (e) {
  send({ type: 'error', message: oneLine(e) }, () => process.exit(1));
}
export { worker };
