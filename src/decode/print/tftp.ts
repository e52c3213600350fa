import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { printztn } from '../strings.js';
import { tok, tok2str } from '../text.js';

/** TFTP (tcpdump's print-tftp.c): the opcode, then file and mode, block number, or error. */

const OP = { RRQ: 1, WRQ: 2, DATA: 3, ACK: 4, ERROR: 5, OACK: 6 } as const;
const opNames = tok({ 1: 'RRQ', 2: 'WRQ', 3: 'DATA', 4: 'ACK', 5: 'ERROR', 6: 'OACK' });
const errNames = tok({ 0: 'EUNDEF', 1: 'ENOTFOUND', 2: 'EACCESS', 3: 'ENOSPACE', 4: 'EBADOP', 5: 'EBADID', 6: 'EEXISTS', 7: 'ENOUSER' });

/** NUL-terminated strings to the end, each after a space (options and their values). */
function strings(nd: Dissector, bp: number, length: number): boolean {
  while (length !== 0) {
    if (nd.u8(bp) !== 0) nd.print(' ');
    const ui = printztn(nd, bp, length);
    if (ui === 0) return false;
    bp += ui;
    length -= ui;
  }
  return true;
}

function body(nd: Dissector, bp: number, length: number): boolean {
  if (length < 2) return false;
  const opcode = nd.u16(bp);
  const name = tok2str(opNames, 'tftp-#%u', opcode);
  nd.print(', ' + name);
  if (name.charCodeAt(0) === 0x74) return true;
  bp += 2;
  length -= 2;
  switch (opcode) {
    case OP.RRQ:
    case OP.WRQ: {
      if (length === 0) return false;
      nd.print(' "');
      let ui = printztn(nd, bp, length);
      nd.print('"');
      if (ui === 0) return false;
      bp += ui;
      length -= ui;
      if (length === 0) return false;
      nd.print(' ');
      ui = printztn(nd, bp, length);
      if (ui === 0) return false;
      return strings(nd, bp + ui, length - ui);
    }
    case OP.OACK:
      return strings(nd, bp, length);
    case OP.ACK:
    case OP.DATA:
      if (length < 2) return false;
      nd.print(' block ' + nd.u16(bp));
      return true;
    case OP.ERROR: {
      if (length < 2) return false;
      nd.print(' ' + tok2str(errNames, 'tftp-err-#%u "', nd.u16(bp)));
      if (length === 2) return false;
      nd.print(' "');
      const ui = printztn(nd, bp + 2, length - 2);
      nd.print('"');
      return ui !== 0;
    }
  }
  return true;
}

export function tftpPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'tftp';
  nd.print('TFTP, length ' + length);
  if (!body(nd, bp, length)) nd.printTrunc();
}

udpPorts.register('tftp', tftpPrint);
