import { fstatSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { UsageError } from '../src/console/errors.js';
import { runBpf, runRead, type Output } from '../src/ui/offline.js';
import { loadDecoder } from './decoder-script.js';

/**
 * Standard output written with write(2) itself when it is a file or /dev/null: each chunk is
 * encoded into one Buffer kept for the run, where process.stdout makes a new Buffer per chunk
 * and goes through a stream. Pipes and terminals keep process.stdout: a pipe may be
 * non-blocking, and a closed one is the reader's choice (EPIPE below).
 */
function directWrite(): ((chunk: string) => void) | undefined {
  let kind;
  try {
    kind = fstatSync(1);
  } catch {
    return undefined;
  }
  // A character device that is not a terminal: /dev/null and its like.
  if (!kind.isFile() && !(kind.isCharacterDevice() && !isatty(1))) return undefined;
  let bytes = Buffer.allocUnsafe(256 * 1024);
  return (chunk) => {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (chunk.length * 3 > bytes.length) bytes = Buffer.allocUnsafe(chunk.length * 3);
    const n = bytes.write(chunk, 0);
    for (let at = 0; at < n; ) at += writeSync(1, bytes, at, n - at);
  };
}

const term: Output = {
  out: (chunk) => {
    process.stdout.write(chunk);
  },
  err: (line) => {
    process.stderr.write(line + '\n');
  },
};

/** `pcapdump read ...` and `pcapdump bpf ...`: exit status 0, 1 (a bad file), 2 (a usage error). */
export async function offline(argv: string[]): Promise<void> {
  const direct = directWrite();
  if (direct !== undefined) term.out = direct;
  // `pcapdump read FILE | head` closes the pipe early: that is the reader's choice, not an error.
  else
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  const [verb, ...rest] = argv;
  try {
    process.exitCode = verb === 'read' ? await runRead(rest, term, () => loadDecoder(new URL('.', import.meta.url))) : runBpf(rest, term);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    term.err(`pcapdump: ${err.message}`);
    process.exitCode = 2;
  }
}
