#!/usr/bin/env node
import { runFwctl } from '../src/fwctl/main.js';

const interrupted = new Promise<void>((resolve) => {
  // The first Ctrl-C cleans up (no partial file); a second one is the user insisting.
  process.once('SIGINT', () => {
    resolve();
    process.once('SIGINT', () => process.exit(130));
  });
  process.once('SIGTERM', () => resolve());
});

runFwctl(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, interrupted }).then(
  (code) => {
    process.exitCode = code;
    // A half-closed SSH socket must not hold the process once the answer is known.
    setTimeout(() => process.exit(code), 500).unref();
  },
  (err: unknown) => {
    process.stderr.write(`fwctl: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
