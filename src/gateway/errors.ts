/** The gateway cannot start (bad flag, unusable key file, port taken): one line, exit status 1. */
export class GatewayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GatewayError';
  }
}
