/** RFC 1071 ones'-complement sum over the parts as if they were one byte string. */
export function internetChecksum(...parts: Uint8Array[]): number {
  let sum = 0;
  let odd = false; // a part of odd length shifts the next one's byte pairing
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      sum += odd ? part[i] : part[i] << 8;
      odd = !odd;
    }
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** What an L4 checksum covers besides its own segment (RFC 793 / RFC 8200 §8.1). */
export interface PseudoHeader {
  version: 4 | 6;
  src: Buffer;
  dst: Buffer;
}

export function pseudoHeaderBytes(ph: PseudoHeader, protocol: number, length: number): Buffer {
  if (ph.version === 4) {
    const b = Buffer.alloc(12);
    ph.src.copy(b, 0);
    ph.dst.copy(b, 4);
    b[9] = protocol;
    b.writeUInt16BE(length, 10);
    return b;
  }
  const b = Buffer.alloc(40);
  ph.src.copy(b, 0);
  ph.dst.copy(b, 16);
  b.writeUInt32BE(length, 32);
  b[39] = protocol;
  return b;
}

/**
 * A transport message whose checksum depends on the IP header around it. ipv4()/ipv6()
 * call encode() with their own addresses, so composing never repeats an address.
 */
export interface Transport {
  readonly protocol: number;
  encode(ph: PseudoHeader): Buffer;
}
