/** No service to talk to: why, in one line, and whether it is simply not running. */
export class ServiceUnavailable extends Error {
  constructor(
    message: string,
    /** absent: nothing listens there (no file, or a stale one); the rest: something is wrong. */
    readonly reason: 'absent' | 'denied' | 'other',
  ) {
    super(message);
    this.name = 'ServiceUnavailable';
  }
}

/** A reason the service cannot listen, in one line. */
export class ServiceError extends Error {}
