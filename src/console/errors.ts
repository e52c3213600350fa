/** A command the user typed wrong: shown as one `pcapdump: ...` line, exit status 2, nothing changed. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A well-formed command that cannot be carried out now (unknown interface, unwritten packets, ...). */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

/** A typed word as a message quotes it: whole when short, its first `max` characters and "..." when not, so the message fits 80 columns. */
export function shortWord(word: string, max = 24): string {
  return word.length > max ? `${word.slice(0, max)}...` : word;
}
