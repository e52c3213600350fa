import type { Dissector } from '../dissector.js';
import { ipProtos, registerPrinter } from '../registry.js';
import { hex, hex2 } from '../text.js';
import { IpProto, registerAhPrinter } from './ip-demux.js';

/**
 * IPsec headers as tcpdump prints them without keys (print-ah.c, print-esp.c): AH,
 * after which the datagram goes on, and ESP, whose payload is ciphertext.
 */

/** "AH(spi=0x...,seq=0x..,icv=0x...): "; returns the header's length (IP demultiplexing resumes after it). */
export function ahPrint(nd: Dissector, bp: number): number {
  nd.protocol = 'ah';
  nd.print('AH');
  const ahLen = nd.u8(bp + 1);
  const hdrLen = (ahLen + 2) * 4;
  nd.print('(');
  if (nd.verbose > 0) nd.print('length=' + ahLen + '(' + hdrLen + '-bytes),');
  const reserved = nd.u16(bp + 2);
  if (reserved) nd.print('reserved=0x' + hex(reserved) + '[MustBeZero],');
  nd.print('spi=0x' + hex(nd.u32(bp + 4), 8) + ',');
  nd.print('seq=0x' + hex(nd.u32(bp + 8)) + ',');
  // Byte by byte: a capture cut inside the ICV shows the part that was captured.
  nd.print('icv=0x');
  for (let p = bp + 12; p < bp + hdrLen; p++) nd.print(hex2(nd.u8(p)));
  nd.print('): ');
  return hdrLen;
}

/** "ESP(spi=0x...,seq=0x..), length N": tcpdump decrypts only with -E's secret, which is never given here. */
export function espPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'esp';
  if (bp + 8 >= nd.snapend) return nd.printTrunc();
  nd.print('ESP(spi=0x' + hex(nd.u32(bp), 8) + ',seq=0x' + hex(nd.u32(bp + 4)) + '), length ' + length);
}

registerAhPrinter(ahPrint);
ipProtos.register(IpProto.ESP, 'ip:esp', espPrint);
registerPrinter('esp', espPrint);
