import { tcpTextProtocol } from './text-protocol.js';

/** WHOIS (tcpdump's print-whois.c, RFC 3912): every payload is text, its first line; with -v every line. */
export const whoisPrint = tcpTextProtocol('whois', null, false);
