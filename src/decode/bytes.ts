/**
 * Big-endian reads by hand: Buffer.readUInt16BE throws past the end of the buffer,
 * and a printer must never throw. Callers bounds-check against the capture end first.
 */
export function u16(buf: Buffer, i: number): number {
  return (buf[i] << 8) | buf[i + 1];
}

export function u32(buf: Buffer, i: number): number {
  return buf[i] * 0x1000000 + ((buf[i + 1] << 16) | (buf[i + 2] << 8) | buf[i + 3]);
}
