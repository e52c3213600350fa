#!/usr/bin/env node
import { UsageError } from '../src/console/errors.js';
import { runBpf, runRead, type Output } from '../src/ui/offline.js';
import { usage } from '../src/ui/usage.js';

const io: Output = {
  out: (chunk) => {
    process.stdout.write(chunk);
  },
  err: (line) => {
    process.stderr.write(line + '\n');
  },
};

// `pcapdump read FILE | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

function main(argv: string[]): number {
  const [verb, ...rest] = argv;
  switch (verb) {
    case 'read':
      return runRead(rest, io);
    case 'bpf':
      return runBpf(rest, io);
    case '-h':
    case '--help':
    case 'help':
      io.out(usage);
      return 0;
    default:
      throw new UsageError(
        verb === undefined ? 'no command given (see pcapdump --help)' : `unknown command "${verb}" (see pcapdump --help)`,
      );
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    io.err(`pcapdump: ${err.message}`);
    process.exitCode = 2;
  } else {
    throw err;
  }
}
