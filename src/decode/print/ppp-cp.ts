import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { hex, hex2, tok, tok2str } from '../text.js';
import { ouiValues } from './llc.js';
import { type OptionPrinter, bacpOption, ccpOption, ip6cpOption, ipcpOption, lcpOption } from './ppp-options.js';
import { PPP, pppTypes } from './ppp-types.js';
import { printn } from '../strings.js';

/**
 * PPP's control protocols (LCP, IPCP, IP6CP, CCP, BACP and the others that share
 * their packet format) (tcpdump's print-ppp.c, handle_ctrl_proto); their options are
 * in ppp-options.ts.
 */

const cpCodes = tok({
  0: 'Vendor-Extension',
  1: 'Conf-Request',
  2: 'Conf-Ack',
  3: 'Conf-Nack',
  4: 'Conf-Reject',
  5: 'Term-Request',
  6: 'Term-Ack',
  7: 'Code-Reject',
  8: 'Prot-Reject',
  9: 'Echo-Request',
  10: 'Echo-Reply',
  11: 'Disc-Req',
  12: 'Ident',
  13: 'Time-Rem',
  14: 'Reset-Req',
  15: 'Reset-Ack',
});

const optionPrinters = new Map<number, OptionPrinter>([
  [PPP.LCP, lcpOption],
  [PPP.IPCP, ipcpOption],
  [PPP.IPV6CP, ip6cpOption],
  [PPP.CCP, ccpOption],
  [PPP.BACP, bacpOption],
]);

/** handle_ctrl_proto: a control protocol packet (code, id, length, data). */
export function ctrlProtoPrint(nd: Dissector, proto: number, pp: number, length: number): void {
  const typestr = tok2str(pppTypes, 'unknown ctrl-proto (0x%04x)', proto);
  nd.print(typestr + ', ');
  const trunc = () => nd.print('[|' + typestr + ']');
  if (length < 4 || !nd.has(pp, 2)) return trunc();
  let p = pp;
  const code = nd.u8(p);
  p++;
  nd.print(tok2str(cpCodes, 'Unknown Opcode', code) + ' (0x' + hex2(code) + '), id ' + nd.u8(p) + ', length ' + (length + 2));
  p++;
  if (!nd.verbose) return;
  const len = nd.u16(p);
  p += 2;
  if (len < 4) return nd.printBreak('\n\tencoded length ' + len + ' (< 4))');
  if (len > length) return nd.printBreak('\n\tencoded length ' + len + ' (> packet length ' + length + '))');
  length = len;
  nd.printBreak('\n\tencoded length ' + len + ' (=Option(s) length ' + (len - 4) + ')');
  if (length === 4) return;
  if (nd.verbose > 1) printUnknownData(nd, pp - 2, '\n\t', 6);
  switch (code) {
    case 0: {
      if (length < 11) break;
      nd.printBreak('\n\t  Magic-Num 0x' + hex(nd.u32(p), 8));
      p += 4;
      const oui = nd.u24(p);
      nd.print(' Vendor: ' + tok2str(ouiValues, 'Unknown', oui) + ' (' + oui + ')');
      break;
    }
    case 1:
    case 2:
    case 3:
    case 4: {
      const print = optionPrinters.get(proto);
      if (print === undefined) break;
      let tlen = len - 4;
      do {
        const advance = print(nd, p, len);
        if (advance === 0) break;
        if (tlen < advance) {
          nd.print(' [remaining options length ' + tlen + ' < ' + advance + ']');
          nd.printInvalid();
          break;
        }
        tlen -= advance;
        p += advance;
      } while (tlen !== 0);
      break;
    }
    case 5:
    case 6:
    case 7:
      break;
    case 8: {
      if (length < 6) break;
      const rejected = nd.u16(p);
      nd.printBreak('\n\t  Rejected ' + tok2str(pppTypes, 'unknown', rejected) + ' Protocol (0x' + hex(rejected, 4) + ')');
      if (len > 6) {
        nd.printBreak('\n\t  Rejected Packet');
        printUnknownData(nd, p + 2, '\n\t    ', len - 2);
      }
      break;
    }
    case 9:
    case 10:
    case 11:
      if (length < 8) break;
      nd.printBreak('\n\t  Magic-Num 0x' + hex(nd.u32(p), 8));
      if (len > 8) {
        nd.printBreak('\n\t  -----trailing data-----');
        if (!nd.has(p + 4, len - 8)) return trunc();
        printUnknownData(nd, p + 4, '\n\t  ', len - 8);
      }
      break;
    case 12:
      if (length < 8) break;
      nd.printBreak('\n\t  Magic-Num 0x' + hex(nd.u32(p), 8));
      if (len > 8) {
        nd.printBreak('\n\t  Message');
        nd.printBreak('\n\t    ');
        if (printn(nd, p + 4, len - 4)) return trunc();
      }
      break;
    case 13:
      if (length < 12) break;
      nd.printBreak('\n\t  Magic-Num 0x' + hex(nd.u32(p), 8));
      nd.print(', Seconds-Remaining ' + nd.u32(p + 4) + 's');
      break;
    default:
      if (nd.verbose <= 1) printUnknownData(nd, pp - 2, '\n\t  ', length + 2);
  }
}
