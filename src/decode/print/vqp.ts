import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { udpPorts } from '../registry.js';
import { printjnp } from '../strings.js';
import { hex, tok, tok2str } from '../text.js';

/** Cisco's VLAN Query Protocol (tcpdump's print-vqp.c): the message; with -v its objects. */

const HDR_LEN = 8;
const OBJ_HDR_LEN = 6;
const messages = tok({ 1: 'Request, Join Port', 2: 'Response, VLAN', 3: 'Request, Reconfirm', 4: 'Response, Reconfirm' });
const errors = tok({ 0: 'No error', 3: 'Access denied', 4: 'Shutdown port', 5: 'Wrong VTP domain' });
const OBJ = { IP_ADDRESS: 0x0c01, PORT_NAME: 0x0c02, VLAN_NAME: 0x0c03, VTP_DOMAIN: 0x0c04, ETHERNET_PKT: 0x0c05, MAC_NULL: 0x0c06, MAC_ADDRESS: 0x0c08 } as const;
const objects = tok({ 0x0c01: 'Client IP Address', 0x0c02: 'Port Name', 0x0c03: 'VLAN Name', 0x0c04: 'VTP Domain', 0x0c05: 'Ethernet Packet', 0x0c06: 'MAC Null', 0x0c08: 'MAC Address' });

/** The objects; false where tcpdump jumps to "invalid". */
function items(nd: Dissector, tptr: number, tlen: number, nitems: number): boolean {
  while (nitems !== 0 && tlen !== 0) {
    nd.need(tptr, OBJ_HDR_LEN);
    if (OBJ_HDR_LEN > tlen) return false;
    const type = nd.u32(tptr);
    const len = nd.u16(tptr + 4);
    tptr += OBJ_HDR_LEN;
    tlen -= OBJ_HDR_LEN;
    nd.printBreak('\n\t  ' + tok2str(objects, 'Unknown', type) + ' Object (0x' + hex(type, 8) + '), length ' + len + ', value: ');
    if (type === 0 || len === 0) return true;
    nd.need(tptr, len);
    if (len > tlen) return false;
    switch (type) {
      case OBJ.IP_ADDRESS:
        if (len !== 4) return false;
        nd.print(nd.ipv4(tptr) + ' (0x' + hex(nd.u32(tptr), 8) + ')');
        break;
      case OBJ.PORT_NAME:
      case OBJ.VLAN_NAME:
      case OBJ.VTP_DOMAIN:
      case OBJ.ETHERNET_PKT:
        printjnp(nd, tptr, len);
        break;
      case OBJ.MAC_ADDRESS:
      case OBJ.MAC_NULL:
        if (len !== 6) return false;
        nd.print(nd.mac(tptr));
        break;
      default:
        if (nd.verbose <= 1) printUnknownData(nd, tptr, '\n\t    ', len);
    }
    tptr += len;
    tlen -= len;
    nitems--;
  }
  return true;
}

export function vqpPrint(nd: Dissector, pptr: number, len: number): void {
  nd.protocol = 'vqp';
  nd.need(pptr, HDR_LEN);
  if (HDR_LEN > len) return nd.printInvalid();
  const version = nd.u8(pptr);
  if (version !== 1) {
    nd.print('VQP version ' + version + ' packet not supported');
    return;
  }
  const msg = tok2str(messages, 'unknown (%u)', nd.u8(pptr + 1));
  const err = nd.u8(pptr + 2);
  if (nd.verbose < 1) {
    nd.print('VQPv' + version + ' ' + msg + ' Message, error-code ' + tok2str(errors, 'unknown', err) + ' (' + err + '), length ' + len);
    return;
  }
  const nitems = nd.u8(pptr + 3);
  nd.printBreak('\n\tVQPv' + version + ', ' + msg + ' Message, error-code ' + tok2str(errors, 'unknown', err) + ' (' + err + '), seq 0x' + hex(nd.u32(pptr + 4), 8) + ', items ' + nitems + ', length ' + len);
  if (!items(nd, pptr + HDR_LEN, len - HDR_LEN, nitems)) nd.printInvalid();
}

udpPorts.register('vqp', vqpPrint);
