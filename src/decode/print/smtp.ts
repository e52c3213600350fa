import { tcpTextProtocol } from './text-protocol.js';

/** SMTP (tcpdump's print-smtp.c): every payload is text, its first line; with -v every line. */
export const smtpPrint = tcpTextProtocol('smtp', null, false);
