import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { capModule, linkTypeOfWord } from './cap-binding.js';
import { interfaceExists, kernelFilter } from './kernel-filter.js';
import { NO_IPV4_WARNING, RECORD_FD, type WorkerMessage, type WorkerRequest } from './live-protocol.js';
import { RecordStream } from './record-stream.js';
import type { CaptureSource, SourceKind, SourceRequest, SourceStats } from './source.js';

export interface LiveOptions {
  /** Kernel receive buffer per capture; default 32 MiB (bursts on a busy gateway). */
  bufferBytes?: number;
  /** How long a worker may take to open its device. */
  openTimeoutMs?: number;
}

const DEFAULT_BUFFER = 32 * 1024 * 1024;

/** Beside this module when built; from TypeScript sources (vitest), the built copy under the project root. */
export function workerPath(): string {
  const beside = fileURLToPath(new URL('./live-worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL('../../dist/src/capture/live-worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error('live capture worker (live-worker.js) not found: run npm run build');
}

/** Interfaces libpcap can open now. Listing is safe in the console process; capturing is not. */
export function deviceNames(): string[] {
  try {
    return capModule().Cap.deviceList().map((d) => d.name);
  } catch {
    return [];
  }
}

export function liveKind(opts: LiveOptions = {}): SourceKind {
  // A network interface has a /sys/class/net entry; libpcap's other devices do not.
  return { names: deviceNames, unlisted: (name) => name !== 'any' && !interfaceExists(name), open: (req) => LiveSource.open(req, opts) };
}

/** A live capture: a child process running cap, whose record stream feeds the request's events. */
export class LiveSource implements CaptureSource {
  private stopped = false;
  private kernelDrops: number | null = null;
  private pipeDrops = 0;
  private lastError: string | null = null;
  private readonly stderrLines: string[] = [];
  private readonly stream: RecordStream;

  private constructor(
    private readonly child: ChildProcess,
    private readonly req: SourceRequest,
  ) {
    this.stream = new RecordStream((chunk, start, end) => {
      if (!this.stopped) req.events.records(chunk, start, end);
    });
  }

  linkType = 0;

  get device(): string {
    return this.req.device;
  }

  /** The worker's process id (tests pause it to overload the kernel ring). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  static open(req: SourceRequest, opts: LiveOptions): Promise<LiveSource> {
    const wreq: WorkerRequest = {
      device: req.device,
      bpf: kernelFilter(req.device, req.bpf, req.promiscuous),
      snapLen: req.snapLen,
      bufferBytes: opts.bufferBytes ?? DEFAULT_BUFFER,
    };
    const child = spawn(process.execPath, [workerPath(), JSON.stringify(wreq)], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'ipc'] });
    const source = new LiveSource(child, req);
    return source.start(opts.openTimeoutMs ?? 15_000);
  }

  private start(timeoutMs: number): Promise<LiveSource> {
    const child = this.child;
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      for (const line of d.split('\n')) {
        const t = line.trim();
        if (t && !NO_IPV4_WARNING.test(t)) this.stderrLines.push(t);
      }
      if (this.stderrLines.length > 20) this.stderrLines.splice(0, this.stderrLines.length - 20);
    });
    const records = child.stdio[RECORD_FD] as Readable;
    records.on('data', (chunk: Buffer) => {
      this.stream.push(chunk);
      if (this.stream.corrupt) this.die(this.stream.corrupt);
    });
    return new Promise((resolve, reject) => {
      let ready = false;
      const timer = setTimeout(() => {
        this.stop();
        reject(new Error(`${this.device}: the capture process did not start within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      child.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') {
          const lt = linkTypeOfWord(m.linkType);
          if (lt === null) return;
          this.linkType = lt;
          ready = true;
          clearTimeout(timer);
          resolve(this);
        } else if (m.type === 'error') {
          this.lastError = m.message;
        } else if (m.type === 'drops') {
          this.kernelDrops = m.kernel;
          this.pipeDrops = m.pipe;
        }
      });
      child.on('error', (e) => {
        this.lastError = e.message;
      });
      // 'close' comes after the exit and after every byte of the record stream was read.
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const reason = this.deathReason(code, signal, ready);
        if (!ready) {
          reject(new Error(reason));
          return;
        }
        if (!this.stopped) this.die(reason);
      });
    });
  }

  private deathReason(code: number | null, signal: NodeJS.Signals | null, wasReady: boolean): string {
    // A device missing at open is libpcap's "no such device"; missing later, it went away.
    if (wasReady && this.device !== 'any' && !interfaceExists(this.device)) return `interface ${this.device} disappeared`;
    if (this.lastError) return this.lastError;
    const said = this.stderrLines.at(-1);
    const how = signal ? `killed by ${signal}` : `exited with status ${code}`;
    return said ? `${said} (capture process ${how})` : `capture process ${how}`;
  }

  private die(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.child.kill('SIGKILL');
    this.req.events.end(reason);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.child.kill('SIGTERM');
  }

  stats(): SourceStats {
    if (this.kernelDrops === null) return { kernelDrops: this.pipeDrops > 0 ? this.pipeDrops : null };
    return { kernelDrops: this.kernelDrops + this.pipeDrops };
  }
}
