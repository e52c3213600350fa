import { Depth, type Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { etherTypes, registerPrinter } from '../registry.js';
import { hex2, tok2str } from '../text.js';
import { clnpPrint } from './clnp.js';
import { esisPrint } from './esis.js';
import { nlpidValues } from './fr.js';
import { ipPrint } from './ip.js';
import { ip6Print } from './ip6.js';
import { isisPrint } from './isis.js';
import { llcSaps } from './llc.js';
import { pppPrint } from './ppp.js';
import { q933Print } from './q933.js';

/** OSI network layer: the dispatch on the NLPID (tcpdump's print-isoclns.c); CLNP, ES-IS and IS-IS have files of their own. */

/** isoclns_print: an OSI packet starting with its NLPID. */
export function isoclnsPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'isoclns';
  const nlpid = nd.u8(p);
  if (nd.linkHeader) nd.print('OSI NLPID ' + tok2str(nlpidValues, 'Unknown', nlpid) + ' (0x' + hex2(nlpid) + '): ');
  const sep = nd.linkHeader ? '' : ', ';
  switch (nlpid) {
    case 0x81:
      nd.classify(Depth.TRANSPORT, 'clnp');
      if (!clnpPrint(nd, p, length)) printUnknownData(nd, p, '\n\t', length);
      break;
    case 0x82:
      nd.classify(Depth.TRANSPORT, 'esis');
      esisPrint(nd, p, length);
      break;
    case 0x83:
      nd.classify(Depth.TRANSPORT, 'isis');
      if (!isisPrint(nd, p, length)) printUnknownData(nd, p, '\n\t', length);
      break;
    case 0x00:
      nd.print(sep + 'length: ' + length);
      break;
    case 0x08:
      q933Print(nd, p + 1, length - 1);
      break;
    case 0xcc:
      ipPrint(nd, p + 1, length - 1);
      break;
    case 0x8e:
      ip6Print(nd, p + 1, length - 1);
      break;
    case 0xcf:
      pppPrint(nd, p + 1, length - 1);
      break;
    default:
      if (!nd.linkHeader) nd.print('OSI NLPID 0x' + hex2(nlpid) + ' unknown');
      nd.print(sep + 'length: ' + length);
      if (length > 1) printUnknownData(nd, p, '\n\t', length);
  }
}

registerPrinter('isoclns', isoclnsPrint);
llcSaps.register(0xfe, 'isoclns', isoclnsPrint);
etherTypes.register(0xfefe, 'isoclns', (nd, p, length) => {
  if (length === 0 || nd.avail(p) === 0) {
    nd.protocol = 'isoclns';
    return nd.printTrunc();
  }
  nd.need(p, 1);
  isoclnsPrint(nd, p + 1, length - 1);
});
