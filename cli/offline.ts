import { fstatSync, writeSync } from 'node:fs';
import { UsageError } from '../src/console/errors.js';
import { runBpf, runRead, type Output } from '../src/ui/offline.js';
import { loadDecoder } from './decoder-script.js';

/** Standard output refused a write (a full disk, /dev/full): one line, exit status 1. */
class OutputError extends Error {}

/** A short sleep for a full non-blocking pipe, without a timer (the run is synchronous). */
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Standard output written with write(2) itself when it is not a terminal (a file, a pipe,
 * a socket, /dev/null or /dev/full): the text is encoded into one Buffer kept for the run
 * and written 64 KiB at a time, where process.stdout makes a new Buffer per chunk and goes
 * through a stream. Not touching process.stdout also spares loading node:tty, node:net and the stream
 * modules (3-4 ms of a 30 ms start). The text comes in chunks of 16 KiB characters: a
 * line's pieces then live only briefly, and the young generation's collections have less
 * to copy (5% less CPU on 1M packets, measured once against 64 KiB chunks on a busy machine).
 * A terminal keeps process.stdout.
 */
class DirectOutput {
  private bytes = Buffer.allocUnsafe(256 * 1024);
  private used = 0;

  static open(): DirectOutput | undefined {
    try {
      const kind = fstatSync(1);
      if (kind.isFile() || kind.isFIFO() || kind.isSocket()) return new DirectOutput();
      // Of character devices, Linux's memory devices (major 1: /dev/null, /dev/full): a
      // terminal is one too, and tty.isatty() would load node:net.
      if (kind.isCharacterDevice() && ((kind.rdev >> 8) & 0xfff) === 1) return new DirectOutput();
    } catch {
      // No standard output to look at: process.stdout reports what is wrong with it.
    }
    return undefined;
  }

  /**
   * A character a byte (see Output.out). Latin-1 is also the cheaper write: V8 copies the
   * pieces of a joined string straight out, where UTF-8 first joins them into a new
   * string (5% of `read`'s time on 1M brief lines, 21 interleaved runs).
   */
  readonly out = (chunk: string): void => {
    if (this.used + chunk.length > this.bytes.length) {
      this.flush();
      if (chunk.length > this.bytes.length) this.bytes = Buffer.allocUnsafe(chunk.length);
    }
    this.used += this.bytes.write(chunk, this.used, 'latin1');
    if (this.used >= 64 * 1024) this.flush();
  };

  /**
   * Writes what is kept; a write that fails drops it (it cannot be written) and throws.
   * A pipe another process made non-blocking is waited on; a reader that went away
   * (`pcapdump read FILE | head`) ends the run quietly: that is the reader's choice.
   */
  flush(): void {
    const used = this.used;
    this.used = 0;
    for (let at = 0; at < used; ) {
      try {
        at += writeSync(1, this.bytes, at, used - at);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') process.exit(0);
        if (code !== 'EAGAIN') throw new OutputError(`writing the output: ${(err as Error).message}`);
        Atomics.wait(pause, 0, 0, 1);
      }
    }
  }
}

let direct: DirectOutput | undefined;

const term: Output = {
  out: (chunk) => {
    process.stdout.write(chunk, 'latin1');
  },
  err: (line) => {
    // What was printed before the error comes before it where both go to one file.
    try {
      direct?.flush();
    } catch {
      // Standard output fails: the line below says so or says what went wrong before.
    }
    process.stderr.write(line + '\n');
  },
};

/** `pcapdump read ...` and `pcapdump bpf ...`: exit status 0, 1 (a bad file), 2 (a usage error). */
export async function offline(argv: string[]): Promise<void> {
  direct = DirectOutput.open();
  if (direct !== undefined) {
    term.out = direct.out;
    term.chunkChars = 16 * 1024;
  } else {
    // A terminal or another device: a reader gone away is its choice, as DirectOutput's EPIPE.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      process.stderr.write(`pcapdump: writing the output: ${err.message}\n`);
      process.exit(1);
    });
  }
  const [verb, ...rest] = argv;
  try {
    process.exitCode = verb === 'read' ? await runRead(rest, term, () => loadDecoder(new URL('.', import.meta.url))) : runBpf(rest, term);
    direct?.flush();
  } catch (err) {
    if (!(err instanceof UsageError || err instanceof OutputError)) throw err;
    term.err(`pcapdump: ${err.message}`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  }
  // Everything is written (write(2) returned): leave at once. Node's own way out (joining
  // V8's compiler threads, freeing the heap) cost 10-30 ms of a run, measured on `read`.
  // Through process.stdout a write may still be under way: Node's exit waits for it.
  if (direct !== undefined) process.exit();
}
