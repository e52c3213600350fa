import type { Dissector } from '../dissector.js';
import { type Printer, tcpPorts } from '../registry.js';
import { txtprotoPrint } from './txtproto.js';

/**
 * The printer of a text protocol over TCP (FTP, SMTP, whois, HTTP, RTSP): tcpdump's
 * print-<proto>.c sets ndo_protocol and hands the payload to txtproto_print with the
 * protocol's request names (null: every payload is text). tcp_print puts ": " before
 * these five; the printer is attached to the TCP port rule of the same name.
 */
export function tcpTextProtocol(name: string, cmds: readonly string[] | null, codeSecond: boolean): Printer {
  const set = cmds === null ? null : new Set(cmds);
  tcpPorts.register(name, (nd, p, len) => {
    nd.protocol = name;
    txtprotoPrint(nd, p, len, set, codeSecond, ': ');
  });
  return (nd: Dissector, p: number, len: number): void => {
    nd.protocol = name;
    txtprotoPrint(nd, p, len, set, codeSecond);
  };
}
