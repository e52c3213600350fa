import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { printjnp } from '../strings.js';
import { hex, tok } from '../text.js';

/** BSD timed's Time Synchronization Protocol (tcpdump's print-timed.c). */

const T = { ADJTIME: 1, SETTIME: 5, SETDATE: 22, SETDATEREQ: 23, LOOP: 24 } as const;
const types = tok({
  0: 'TSP_ANY', 1: 'TSP_ADJTIME', 2: 'TSP_ACK', 3: 'TSP_MASTERREQ', 4: 'TSP_MASTERACK', 5: 'TSP_SETTIME', 6: 'TSP_MASTERUP',
  7: 'TSP_SLAVEUP', 8: 'TSP_ELECTION', 9: 'TSP_ACCEPT', 10: 'TSP_REFUSE', 11: 'TSP_CONFLICT', 12: 'TSP_RESOLVE', 13: 'TSP_QUIT',
  14: 'TSP_DATE', 15: 'TSP_DATEREQ', 16: 'TSP_DATEACK', 17: 'TSP_TRACEON', 18: 'TSP_TRACEOFF', 19: 'TSP_MSITE',
  20: 'TSP_MSITEREQ', 21: 'TSP_TEST', 22: 'TSP_SETDATE', 23: 'TSP_SETDATEREQ', 24: 'TSP_LOOP',
});

export function timedPrint(nd: Dissector, bp: number): void {
  nd.protocol = 'timed';
  const type = nd.u8(bp);
  // "(tsp_type %#x)": 0 is named, so the 0x is always there.
  nd.print(types.get(type) ?? '(tsp_type 0x' + hex(type) + ')');
  nd.print(' vers ' + nd.u8(bp + 1));
  nd.print(' seq ' + nd.u16(bp + 2));
  if (type === T.LOOP) nd.print(' hopcnt ' + nd.u8(bp + 4));
  else if (type === T.SETTIME || type === T.ADJTIME || type === T.SETDATE || type === T.SETDATEREQ) {
    let sec = nd.u32(bp + 4) | 0;
    let usec = nd.u32(bp + 8) | 0;
    // A negative fraction is invalid: the rest of the packet is skipped.
    if (usec < 0) return;
    nd.print(' time ');
    if (sec < 0 && usec !== 0) {
      sec++;
      if (sec === 0) nd.print('-');
      usec = 1000000 - usec;
    }
    nd.print(sec + '.' + (usec < 0 ? '-' + String(-usec).padStart(5, '0') : String(usec).padStart(6, '0')));
  }
  nd.print(' name ');
  printjnp(nd, bp + 12, 256);
}

udpPorts.register('timed', timedPrint);
