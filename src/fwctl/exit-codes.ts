/** fwctl's exit statuses: one per kind of failure, so scripts can tell them apart. */
export const Exit = {
  OK: 0,
  /** The transfer broke off after it began (connection lost, size changed); --exec: the command's own status. */
  TRANSFER: 1,
  USAGE: 2,
  ADDRESS_BOOK: 3,
  UNKNOWN_GATEWAY: 4,
  CONNECT: 5,
  HOST_KEY: 6,
  AUTH: 7,
  NO_SUCH_FILE: 8,
  DEST_EXISTS: 9,
  LOCAL_WRITE: 10,
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof Exit)[keyof typeof Exit];

export const exitTable = `exit status:
  0   done
  1   the transfer failed after it began (connection lost, file changed size)
      (--exec: the remote command's own status, 0, 1 or 2)
  2   usage: unknown flag, missing or extra argument
  3   address book missing, unreadable or malformed (or a file it names)
  4   unknown data source or gateway
  5   connection refused, timed out, or host not found
  6   host key unknown or changed (the fingerprint is shown)
  7   authentication failed
  8   no such file on the gateway (or not a readable regular file)
  9   destination exists (use --force to overwrite)
  10  local write failed (destination dir missing or not writable, disk full)
  130 interrupted (Ctrl-C); nothing is left behind`;

/** A failure fwctl reports as one line and an exit status. */
export class FwctlError extends Error {
  constructor(
    readonly code: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'FwctlError';
  }
}
