import type { ByteSource } from './types.js';

/** A ByteSource over bytes already in memory (tests, samples, a ring snapshot). */
export function bufferSource(data: Buffer): ByteSource {
  return (buf, off, len, position) => {
    if (position >= data.length || len <= 0) return 0;
    const end = Math.min(data.length, position + len);
    return data.copy(buf, off, position, end);
  };
}
