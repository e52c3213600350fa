import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { tok, tok2str, unsignedRelts } from '../text.js';
import { printjnp } from './strings.js';

/** Cisco HSRP version 0 (tcpdump's print-hsrp.c). */

const opcodes = ['hello', 'coup', 'resign'];
const states = tok({ 0: 'initial', 1: 'learn', 2: 'listen', 4: 'speak', 8: 'standby', 16: 'active' });

export function hsrpPrint(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'hsrp';
  const version = nd.u8(bp);
  nd.print('HSRPv' + version);
  if (version !== 0) return;
  nd.print('-');
  const op = nd.u8(bp + 1);
  nd.print((op < opcodes.length ? opcodes[op] : 'unknown (' + op + ')') + ' ');
  nd.print(len + ': ');
  nd.print('state=' + tok2str(states, 'Unknown (%u)', nd.u8(bp + 2)) + ' ');
  nd.print('group=' + nd.u8(bp + 6) + ' ');
  if (nd.u8(bp + 7) !== 0) nd.print('[reserved=' + nd.u8(bp + 7) + '!] ');
  nd.print('addr=' + nd.ipv4(bp + 16));
  if (!nd.verbose) return;
  nd.print(' hellotime=');
  nd.print(unsignedRelts(nd.u8(bp + 3)));
  nd.print(' holdtime=');
  nd.print(unsignedRelts(nd.u8(bp + 4)));
  nd.print(' priority=' + nd.u8(bp + 5));
  nd.print(' auth="');
  printjnp(nd, bp + 8, 8);
  nd.print('"');
}

udpPorts.register('hsrp', hsrpPrint);
