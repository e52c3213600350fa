import type { PacketView } from '../../src/pcap/types.js';

/** A PacketView over a hand-built frame, placed at an offset inside a larger buffer as readers do. */
export function view(frame: Buffer, linkType = 1, opts: { capLen?: number; origLen?: number; tsSec?: number; tsNsec?: number } = {}): PacketView {
  const buf = Buffer.alloc(frame.length + 24, 0xee);
  frame.copy(buf, 16);
  return {
    linkType,
    interfaceId: 0,
    tsSec: opts.tsSec ?? 45296,
    tsNsec: opts.tsNsec ?? 789012000,
    capLen: opts.capLen ?? frame.length,
    origLen: opts.origLen ?? frame.length,
    buf,
    offset: 16,
  };
}
