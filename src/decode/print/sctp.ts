import type { Dissector } from '../dissector.js';
import { defaultPrint } from '../hex.js';
import { ipProtos, namedPrinter } from '../registry.js';
import { tok, tok2str } from '../text.js';

/** SCTP (tcpdump's print-sctp.c): ports and a bracketed summary of every chunk. */

const chunkidValues = tok({
  0x00: 'DATA',
  0x01: 'INIT',
  0x02: 'INIT ACK',
  0x03: 'SACK',
  0x04: 'HB REQ',
  0x05: 'HB ACK',
  0x06: 'ABORT',
  0x07: 'SHUTDOWN',
  0x08: 'SHUTDOWN ACK',
  0x09: 'OP ERR',
  0x0a: 'COOKIE ECHO',
  0x0b: 'COOKIE ACK',
  0x0c: 'ECN ECHO',
  0x0d: 'ECN CWR',
  0x0e: 'SHUTDOWN COMPLETE',
  0xc0: 'FOR CUM TSN',
  0xc1: 'REL CTRL',
  0xc2: 'REL CTRL ACK',
});
const forcesChannels = tok({ 6704: 'ForCES HP', 6705: 'ForCES MP', 6706: 'ForCES LP' });
const ppidValues = tok({
  1: 'ISDN Q.921',
  2: 'M2UA',
  3: 'M3UA',
  4: 'SUA',
  5: 'M2PA',
  6: 'V5.2',
  7: 'H.248',
  8: 'BICC',
  9: 'TALI',
  10: 'DUA',
  11: 'ASAP',
  12: 'ENRP',
  13: 'H.323',
  14: 'Q.IPC',
  15: 'SIMCO',
  16: 'DDPSC',
  17: 'DDPSSC',
  18: 'S1AP',
  19: 'RUA',
  20: 'HNBAP',
  21: 'ForCES HP',
  22: 'ForCES MP',
  23: 'ForCES LP',
  24: 'SBc-AP',
  25: 'NBAP',
  27: 'X2AP',
});

const isForcesPort = (p: number) => p >= 6704 && p <= 6706;

/** What a DATA chunk holds: ForCES always (when its printer is there), M3UA and the rest with -vv. */
function dataPayload(nd: Dissector, bp: number, size: number, forces: boolean, ppid: number): void {
  if (forces) {
    const print = namedPrinter('forces');
    if (print !== undefined) print(nd, bp, size);
    nd.protocol = 'sctp';
    return;
  }
  if (nd.verbose < 2) return;
  const m3ua = ppid === 3 ? namedPrinter('m3ua') : undefined;
  if (m3ua !== undefined) {
    m3ua(nd, bp, size);
    nd.protocol = 'sctp';
    return;
  }
  nd.print('[Payload');
  if (!nd.suppressDefaultPrint) {
    nd.print(':');
    defaultPrint(nd, bp, size);
  }
  nd.print(']');
}

export function sctpPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'sctp';
  if (length < 12) {
    nd.print('truncated-sctp - ' + (12 - length) + ' bytes missing!');
    return;
  }
  if (!nd.has(bp, 12)) return nd.printTrunc();
  let remaining = length;
  const sport = nd.u16(bp);
  const dport = nd.u16(bp + 2);
  nd.srcPort = sport;
  nd.dstPort = dport;
  const ip = nd.ipAt;
  if (nd.ipVersion === 6) nd.print(nd.ipv6(ip + 8) + '.' + sport + ' > ' + nd.ipv6(ip + 24) + '.' + dport + ': sctp');
  else nd.print(nd.ipv4(ip + 12) + '.' + sport + ' > ' + nd.ipv4(ip + 16) + '.' + dport + ': sctp');
  let forces = false;
  if (isForcesPort(sport)) {
    nd.print('[' + tok2str(forcesChannels, null, sport) + ']');
    forces = true;
  }
  if (isForcesPort(dport)) {
    nd.print('[' + tok2str(forcesChannels, null, dport) + ']');
    forces = true;
  }
  bp += 12;
  remaining -= 12;
  let sep = nd.verbose >= 2 ? '\n\t' : ' (';
  for (let count = 0; remaining !== 0; count++) {
    const chunk = bp;
    if (remaining < 4) {
      nd.printBreak(sep + (count + 1) + ') [chunk descriptor cut off at end of packet]');
      break;
    }
    if (!nd.has(chunk, 4)) return nd.printTrunc();
    const chunkLength = nd.u16(chunk + 2);
    if (chunkLength < 4) {
      nd.printBreak(sep + (count + 1) + ') [Bad chunk length ' + chunkLength + ', < size of chunk descriptor]');
      break;
    }
    let chunkRemaining = chunkLength;
    let align = chunkLength % 4;
    if (align !== 0) align = 4 - align;
    if (remaining < align) {
      nd.printBreak(sep + (count + 1) + ') [Bad chunk length ' + chunkLength + ', > remaining data in packet]');
      break;
    }
    if (!nd.has(bp, chunkLength)) return nd.printTrunc();
    bp += 4;
    remaining = (remaining - 4) >>> 0;
    chunkRemaining -= 4;
    nd.printBreak(sep + (count + 1) + ') ');
    const id = nd.u8(chunk);
    nd.print('[' + tok2str(chunkidValues, 'Unknown chunk type: 0x%x', id) + '] ');
    const bogus = () => nd.print('bogus chunk length ' + chunkLength + ']');
    switch (id) {
      case 0x00: {
        const flg = nd.u8(chunk + 1);
        if (flg & 4) nd.print('(U)');
        if (flg & 2) nd.print('(B)');
        if (flg & 1) nd.print('(E)');
        if (flg & 7) nd.print(' ');
        if (chunkRemaining < 12) return bogus();
        const ppid = nd.u32(bp + 8);
        nd.print('[TSN: ' + nd.u32(bp) + '] ');
        nd.print('[SID: ' + nd.u16(bp + 4) + '] ');
        nd.print('[SSEQ ' + nd.u16(bp + 6) + '] ');
        nd.print('[PPID ' + tok2str(ppidValues, '0x%x', ppid) + '] ');
        if (!forces) forces = ppid === 21 || ppid === 22 || ppid === 23;
        bp += 12;
        remaining = (remaining - 12) >>> 0;
        chunkRemaining -= 12;
        const size = chunkRemaining;
        if (size === 0) return bogus();
        dataPayload(nd, bp, size, forces, ppid);
        bp += size;
        remaining = (remaining - size) >>> 0;
        chunkRemaining -= size;
        break;
      }
      case 0x01:
      case 0x02:
        if (chunkRemaining < 16) return bogus();
        nd.print('[init tag: ' + nd.u32(bp) + '] ');
        nd.print('[rwnd: ' + nd.u32(bp + 4) + '] ');
        nd.print('[OS: ' + nd.u16(bp + 8) + '] ');
        nd.print('[MIS: ' + nd.u16(bp + 10) + '] ');
        nd.print('[init TSN: ' + nd.u32(bp + 12) + '] ');
        bp += 16;
        remaining = (remaining - 16) >>> 0;
        chunkRemaining -= 16;
        bp += chunkRemaining;
        remaining = (remaining - chunkRemaining) >>> 0;
        chunkRemaining = 0;
        break;
      case 0x03: {
        if (chunkRemaining < 12) return bogus();
        const sack = bp;
        const cum = nd.u32(sack);
        nd.print('[cum ack ' + cum + '] ');
        nd.print('[a_rwnd ' + nd.u32(sack + 4) + '] ');
        nd.print('[#gap acks ' + nd.u16(sack + 8) + '] ');
        nd.print('[#dup tsns ' + nd.u16(sack + 10) + '] ');
        bp += 12;
        remaining = (remaining - 12) >>> 0;
        chunkRemaining -= 12;
        for (let n = 0; chunkRemaining !== 0 && n < nd.u16(sack + 8); n++) {
          if (chunkRemaining < 4) return bogus();
          nd.printBreak(
            '\n\t\t[gap ack block #' + (n + 1) + ': start = ' + ((nd.u32(sack) + nd.u16(bp)) >>> 0) + ', end = ' + ((nd.u32(sack) + nd.u16(bp + 2)) >>> 0) + '] ',
          );
          bp += 4;
          remaining = (remaining - 4) >>> 0;
          chunkRemaining -= 4;
        }
        for (let n = 0; chunkRemaining !== 0 && n < nd.u16(sack + 10); n++) {
          if (chunkRemaining < 4) return bogus();
          nd.printBreak('\n\t\t[dup TSN #' + (n + 1) + ': ' + nd.u32(bp) + '] ');
          bp += 4;
          remaining = (remaining - 4) >>> 0;
          chunkRemaining -= 4;
        }
        break;
      }
      default:
        bp += chunkRemaining;
        remaining = (remaining - chunkRemaining) >>> 0;
        chunkRemaining = 0;
    }
    bp += chunkRemaining;
    remaining = (remaining - chunkRemaining) >>> 0;
    if (nd.verbose < 2) sep = ', (';
    if (align !== 0) {
      if (!nd.has(bp, align)) return nd.printTrunc();
      bp += align;
      remaining = (remaining - align) >>> 0;
    }
  }
}

ipProtos.register(132, 'ip:sctp', sctpPrint);
