/** A command the user typed wrong: shown as one `pcapdump: ...` line, exit status 2, nothing changed. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
