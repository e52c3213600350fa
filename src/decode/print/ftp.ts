import { tcpTextProtocol } from './text-protocol.js';

/** FTP control (tcpdump's print-ftp.c): every payload is a command or reply, its first line; with -v every line. */
export const ftpPrint = tcpTextProtocol('ftp', null, false);
