import { UsageError } from '../src/console/errors.js';
import { runBpf, runRead, type Output } from '../src/ui/offline.js';

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
  // `pcapdump read FILE | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const [verb, ...rest] = argv;
  try {
    process.exitCode = verb === 'read' ? await runRead(rest, term) : runBpf(rest, term);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    term.err(`pcapdump: ${err.message}`);
    process.exitCode = 2;
  }
}
