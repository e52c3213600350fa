#!/usr/bin/env node
import { UsageError } from '../src/console/errors.js';
import { parseProgramFlags } from '../src/console/flags.js';
import { runBpf, runRead, type Output as Terminal } from '../src/ui/offline.js';
import { usage } from '../src/ui/usage.js';

const term: Terminal = {
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

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === 'read') return runRead(rest, term);
  if (verb === 'bpf') return runBpf(rest, term);
  if (verb === '-h' || verb === '--help' || verb === 'help') {
    term.out(usage);
    return 0;
  }
  const flags = parseProgramFlags(argv);
  const gateway = flags.rest[0] === 'gateway';
  if (gateway && flags.commands.length > 0) throw new UsageError('-e and gateway do not go together');
  if (flags.rest.length > 0 && !gateway) throw new UsageError(`unexpected "${flags.rest[0]}" (see pcapdump --help)`);
  // The console's modules (the libpcap binding, ink) load only when needed: `read` stays quick to start.
  const { openEngine } = await import('../src/console/open.js');
  const { runLines } = await import('../src/ui/line-mode.js');
  const engine = openEngine(flags);
  if (gateway) {
    const { runGateway } = await import('../src/gateway/command.js');
    return runGateway(engine, flags.rest.slice(1), term.err);
  }
  if (flags.commands.length > 0) return runLines(engine, flags.commands, term);
  if (process.stdin.isTTY && process.stdout.isTTY) {
    const { runConsole } = await import('../src/ui/console.js');
    return runConsole(engine);
  }
  const { createInterface } = await import('node:readline');
  return runLines(engine, createInterface({ input: process.stdin, crlfDelay: Infinity }), term);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // A capture worker or replay timer must not keep a finished run alive; the timer itself does not.
    setTimeout(() => process.exit(code), 200).unref();
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      term.err(`pcapdump: ${err.message}`);
      process.exitCode = 2;
    } else {
      throw err;
    }
  },
);
