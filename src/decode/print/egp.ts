import type { Dissector } from '../dissector.js';
import { ipProtos } from '../registry.js';

/** EGP, RFC 904 (tcpdump's print-egp.c). */

const acquireCodes = ['request', 'confirm', 'refuse', 'cease', 'cease_ack'];
const acquireStatus = [
  'unspecified',
  'active_mode',
  'passive_mode',
  'insufficient_resources',
  'administratively_prohibited',
  'going_down',
  'parameter_violation',
  'protocol_violation',
];
const reachCodes = ['hello', 'i-h-u'];
const statusUpdown = ['indeterminate', 'up', 'down'];
const reasons = [
  'unspecified',
  'bad_EGP_header_format',
  'bad_EGP_data_field_format',
  'reachability_info_unavailable',
  'excessive_polling_rate',
  'no_response',
  'unsupported_version',
];

const classA = (a: number) => (a & 0x80000000) === 0;
const classB = (a: number) => (a & 0xc0000000) >>> 0 === 0x80000000;
const classC = (a: number) => (a & 0xe0000000) >>> 0 === 0xc0000000;

/**
 * tcpdump builds these addresses in a host-order word and prints the word's bytes
 * in memory order: on the little-endian machines Debian's tcpdump runs on, the octets
 * come out reversed. Its lines are what we print.
 */
function memoryOrder(v: number): string {
  return (v & 255) + '.' + ((v >>> 8) & 255) + '.' + ((v >>> 16) & 255) + '.' + (v >>> 24);
}

function reachabilityPrint(nd: Dissector, egp: number, length: number): void {
  // The source net as a network-order word loaded on a little-endian host.
  let addr = (nd.u8(egp + 12) | (nd.u8(egp + 13) << 8) | (nd.u8(egp + 14) << 16) | (nd.u8(egp + 15) << 24)) >>> 0;
  let net: number;
  let netlen: number;
  if (classA(addr)) {
    net = (addr & 0xff000000) >>> 0;
    netlen = 1;
  } else if (classB(addr)) {
    net = (addr & 0xffff0000) >>> 0;
    netlen = 2;
  } else if (classC(addr)) {
    net = (addr & 0xffffff00) >>> 0;
    netlen = 3;
  } else {
    net = 0;
    netlen = 0;
  }
  let cp = egp + 16;
  length -= 16;
  const intgw = nd.u8(egp + 10);
  const total = intgw + nd.u8(egp + 11);
  for (let gw = 0; gw < total; gw++) {
    addr = 0;
    if (length < 4 - netlen || !nd.has(cp, 4 - netlen)) return nd.printTrunc();
    if (netlen >= 1 && netlen <= 3) {
      for (let i = netlen; i <= 3; i++) addr = ((addr << 8) | nd.u8(cp++)) >>> 0;
    }
    addr = (addr | net) >>> 0;
    length -= 4 - netlen;
    if (length < 1) return nd.printTrunc();
    let distances = nd.u8(cp++);
    length--;
    nd.print(' ' + (gw < intgw ? 'int' : 'ext') + ' ' + memoryOrder(addr) + ' ');
    let comma = '';
    nd.print('(');
    while (distances !== 0) {
      if (length < 2) return nd.printTrunc();
      nd.print(comma + 'd' + nd.u8(cp) + ':');
      cp++;
      comma = ', ';
      let networks = nd.u8(cp++);
      length -= 2;
      while (networks !== 0) {
        if (length < 1) return nd.printTrunc();
        addr = (nd.u8(cp++) << 24) >>> 0;
        length--;
        if (classB(addr)) {
          if (length < 1) return nd.printTrunc();
          addr = (addr | (nd.u8(cp++) << 16)) >>> 0;
          length--;
        } else if (!classA(addr)) {
          if (length < 2) return nd.printTrunc();
          addr = (addr | (nd.u8(cp++) << 16)) >>> 0;
          addr = (addr | (nd.u8(cp++) << 8)) >>> 0;
          length -= 2;
        }
        nd.print(' ' + memoryOrder(addr));
        networks--;
      }
      distances--;
    }
    nd.print(')');
  }
}

function stateText(status: number): string {
  return status <= 2 ? ' state:' + statusUpdown[status] : ' [status ' + status + ']';
}

export function egpPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'egp';
  if (length < 16 || !nd.has(bp, 16)) return nd.printTrunc();
  const version = nd.u8(bp);
  if (!nd.verbose) {
    nd.print('EGPv' + version + ', AS ' + nd.u16(bp + 6) + ', seq ' + nd.u16(bp + 8) + ', length ' + length);
    return;
  }
  nd.print('EGPv' + version + ', length ' + length);
  if (version !== 2) {
    nd.print('[version ' + version + ']');
    return;
  }
  const type = nd.u8(bp + 1);
  const code = nd.u8(bp + 2);
  let status = nd.u8(bp + 3);
  switch (type) {
    case 3:
      nd.print(' acquire');
      if (code <= 1) {
        nd.print(' ' + acquireCodes[code]);
        nd.print(status <= 2 ? ' ' + acquireStatus[status] : ' [status ' + status + ']');
        nd.print(' hello:' + nd.u16(bp + 10) + ' poll:' + nd.u16(bp + 12));
      } else if (code <= 4) {
        nd.print(' ' + acquireCodes[code]);
        nd.print(status === 0 || (status >= 3 && status <= 7) ? ' ' + acquireStatus[status] : '[status ' + status + ']');
      } else nd.print('[code ' + code + ']');
      break;
    case 5:
      if (code <= 1) nd.print(' ' + reachCodes[code] + stateText(status));
      else nd.print('[reach code ' + code + ']');
      break;
    case 2:
      nd.print(' poll' + stateText(status));
      nd.print(' net:' + nd.ipv4(bp + 12));
      break;
    case 1:
      nd.print(' update');
      if (status & 0x80) {
        status &= ~0x80;
        nd.print(' unsolicited');
      }
      nd.print(stateText(status));
      nd.print(' ' + nd.ipv4(bp + 12) + ' int ' + nd.u8(bp + 10) + ' ext ' + nd.u8(bp + 11));
      if (nd.verbose) reachabilityPrint(nd, bp, length);
      break;
    case 8: {
      nd.print(' error' + stateText(status));
      const reason = nd.u16(bp + 10);
      nd.print(reason <= 6 ? ' ' + reasons[reason] : ' [reason ' + reason + ']');
      break;
    }
    default:
      nd.print('[type ' + type + ']');
  }
}

ipProtos.register(8, 'ip:egp', egpPrint);
