import type { Dissector } from '../dissector.js';
import { tcpPorts } from '../registry.js';

/**
 * SSH (tcpdump's print-ssh.c): the version banner ("SSH-2.0-OpenSSH_9.2p1") when a
 * segment holds one whole line of printable text; nothing for the encrypted rest.
 */

export function sshPrint(nd: Dissector, p: number, len: number): void {
  nd.protocol = 'ssh';
  if (nd.u8(p) !== 0x53 || nd.u8(p + 1) !== 0x53 || nd.u8(p + 2) !== 0x48 || nd.u8(p + 3) !== 0x2d) return;
  for (let idx = 4; idx < len; idx++) {
    const c = nd.u8(p + idx);
    if (c === 0x0a) return banner(nd, p, idx);
    if (c === 0x0d) {
      if (idx + 1 >= len) return;
      if (nd.u8(p + idx + 1) === 0x0a) return banner(nd, p, idx);
      return;
    }
    if (c < 0x20 || c > 0x7e) return;
  }
}

function banner(nd: Dissector, p: number, n: number): void {
  nd.print(': SSH: ' + nd.buf.toString('latin1', p, p + n));
}

tcpPorts.register('ssh', sshPrint);
