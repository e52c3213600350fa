import { Depth, type Dissector } from '../dissector.js';
import { etherTypes, namedPrinter, registerPrinter } from '../registry.js';
import { hex } from '../text.js';
import { printjnp } from './strings.js';

/** Novell IPX, its SAP and RIP (tcpdump's print-ipx.c). */

const HDRLEN = 30;

function addr(nd: Dissector, net: number, node: number): string {
  return hex(nd.u32(net), 8) + '.' + nd.mac(node);
}

/** ipxsap_string with -n: the service type as four hex digits. */
function sapType(v: number): string {
  return hex(v, 4);
}

function sapPrint(nd: Dissector, p: number, length: number): void {
  const command = nd.u16(p);
  if (length < 2) return nd.printInvalid();
  p += 2;
  length -= 2;
  if (command === 1 || command === 3) {
    nd.print(command === 1 ? 'ipx-sap-req' : 'ipx-sap-nearest-req');
    nd.print(' ' + sapType(nd.u16(p)));
    return;
  }
  if (command !== 2 && command !== 4) return nd.print('ipx-sap-?' + hex(command));
  nd.print(command === 2 ? 'ipx-sap-resp' : 'ipx-sap-nearest-resp');
  for (let i = 0; i < 8 && length !== 0; i++) {
    nd.need(p, 2);
    if (length < 2) return nd.printInvalid();
    nd.print(' ' + sapType(nd.u16(p)) + " '");
    p += 2;
    length -= 2;
    if (length < 48) {
      nd.print("'");
      return nd.printInvalid();
    }
    printjnp(nd, p, 48);
    nd.print("'");
    p += 48;
    length -= 48;
    nd.need(p, 10);
    if (length < 10) return nd.printInvalid();
    nd.print(' addr ' + addr(nd, p, p + 4));
    p += 10;
    length -= 10;
    nd.need(p, 4);
    if (length < 4) return nd.printInvalid();
    p += 4;
    length -= 4;
  }
}

function ripPrint(nd: Dissector, p: number, length: number): void {
  const command = nd.u16(p);
  if (length < 2) return nd.printInvalid();
  p += 2;
  length -= 2;
  const entry = () => ' ' + hex(nd.u32(p), 8) + '/' + nd.u16(p + 4) + '.' + nd.u16(p + 6);
  if (command === 1) {
    nd.print('ipx-rip-req');
    if (length !== 0) {
      if (length < 8) return nd.printInvalid();
      nd.print(entry());
    }
  } else if (command === 2) {
    nd.print('ipx-rip-resp');
    for (let i = 0; i < 50 && length !== 0; i++, p += 8, length -= 8) {
      if (length < 8) return nd.printInvalid();
      nd.print(entry());
    }
  } else nd.print('ipx-rip-?' + hex(command));
}

export function ipxPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'ipx';
  nd.classify(Depth.NET, 'ipx');
  if (!nd.linkHeader) nd.print('IPX ');
  nd.print(addr(nd, p + 18, p + 22) + '.' + hex(nd.u16(p + 28), 4) + ' > ');
  nd.print(addr(nd, p + 6, p + 10) + '.' + hex(nd.u16(p + 16), 4) + ': ');
  length = nd.u16(p + 2);
  if (length < HDRLEN) {
    nd.print('[length ' + length + ' < ' + HDRLEN + ']');
    return nd.printInvalid();
  }
  const data = p + HDRLEN;
  length -= HDRLEN;
  const skt = nd.u16(p + 16);
  switch (skt) {
    case 0x0451:
      return nd.print('ipx-ncp ' + length);
    case 0x0452:
      return sapPrint(nd, data, length);
    case 0x0453:
      return ripPrint(nd, data, length);
    case 0x0455:
      return nd.print('ipx-netbios ' + length);
    case 0x0456:
      return nd.print('ipx-diags ' + length);
    case 0x0553:
      return nd.print('ipx-nwlink-dgm ' + length);
    case 0x85be: {
      const eigrp = namedPrinter('eigrp');
      if (eigrp !== undefined) return eigrp(nd, data, length);
      break;
    }
  }
  nd.print('ipx-#' + hex(skt) + ' ' + length);
}

registerPrinter('ipx', ipxPrint);
etherTypes.register(0x8137, 'ipx', (nd, p, length) => {
  nd.print('(NOV-ETHII) ');
  ipxPrint(nd, p, length);
});
