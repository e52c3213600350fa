/** Something the web page cannot start or go on with (a certificate, the users file, its address): one line. */
export class WebError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebError';
  }
}
