import { expect } from 'vitest';
import { UsageError } from '../../src/console/errors.js';
import { parseCommand } from '../../src/console/grammar.js';

/** The message a command line is refused with by the grammar (a UsageError); fails the test if it is accepted. */
export function usageErrorOf(line: string): string {
  try {
    parseCommand(line);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${line}`);
}
