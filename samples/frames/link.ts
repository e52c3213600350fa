import { ipv4Bytes, macBytes } from './address.js';

export const EtherType = { IPV4: 0x0800, ARP: 0x0806, VLAN: 0x8100, IPV6: 0x86dd, QINQ: 0x88a8 } as const;

/** One 802.1Q tag: a VLAN id, or the full tag. */
export type VlanTag = number | { id: number; pcp?: number; dei?: boolean; tpid?: number };

export interface EthernetFields {
  dst: string;
  src: string;
  /** EtherType of the payload (after any VLAN tags). */
  type: number;
  /** 802.1Q tags, outermost first, inserted between the source MAC and the type. */
  vlan?: VlanTag | VlanTag[];
  payload: Uint8Array;
  /** Pad to the 60-byte minimum, as a frame received from the wire is. */
  pad?: boolean;
}

export function ethernet(f: EthernetFields): Buffer {
  const tags = f.vlan === undefined ? [] : Array.isArray(f.vlan) ? f.vlan : [f.vlan];
  const head = Buffer.alloc(12 + tags.length * 4 + 2);
  macBytes(f.dst).copy(head, 0);
  macBytes(f.src).copy(head, 6);
  let o = 12;
  for (const t of tags) {
    const tag = typeof t === 'number' ? { id: t } : t;
    o = head.writeUInt16BE(tag.tpid ?? EtherType.VLAN, o);
    o = head.writeUInt16BE(((tag.pcp ?? 0) << 13) | (tag.dei ? 0x1000 : 0) | (tag.id & 0xfff), o);
  }
  head.writeUInt16BE(f.type, o);
  const frame = Buffer.concat([head, f.payload]);
  if (f.pad && frame.length < 60) return Buffer.concat([frame, Buffer.alloc(60 - frame.length)]);
  return frame;
}

/**
 * An 802.1Q tag and what follows it (TCI, inner type, payload): the payload of an
 * ethernet() or vlan() whose type is EtherType.VLAN, for building nested tags by hand.
 */
export function vlan(f: { id: number; pcp?: number; dei?: boolean; type: number; payload: Uint8Array }): Buffer {
  const h = Buffer.alloc(4);
  h.writeUInt16BE(((f.pcp ?? 0) << 13) | (f.dei ? 0x1000 : 0) | (f.id & 0xfff), 0);
  h.writeUInt16BE(f.type, 2);
  return Buffer.concat([h, f.payload]);
}

export interface ArpFields {
  op: 'request' | 'reply' | number;
  sha: string;
  spa: string;
  tha?: string;
  tpa: string;
}

/** ARP for Ethernet/IPv4 (28 bytes). */
export function arp(f: ArpFields): Buffer {
  const b = Buffer.alloc(28);
  b.writeUInt16BE(1, 0); // hardware: Ethernet
  b.writeUInt16BE(EtherType.IPV4, 2);
  b[4] = 6;
  b[5] = 4;
  b.writeUInt16BE(f.op === 'request' ? 1 : f.op === 'reply' ? 2 : f.op, 6);
  macBytes(f.sha).copy(b, 8);
  ipv4Bytes(f.spa).copy(b, 14);
  macBytes(f.tha ?? '00:00:00:00:00:00').copy(b, 18);
  ipv4Bytes(f.tpa).copy(b, 24);
  return b;
}

/** Linux packet types (PACKET_HOST ...), as SLL headers carry them. */
export const SllPacketType = { HOST: 0, BROADCAST: 1, MULTICAST: 2, OTHERHOST: 3, OUTGOING: 4 } as const;

export interface SllFields {
  packetType?: number;
  /** ARPHRD type; 1 (Ethernet) by default. */
  hatype?: number;
  /** Link-layer source address (a MAC). */
  addr?: string;
  /** EtherType of the payload. */
  protocol: number;
  payload: Uint8Array;
}

/** Linux cooked capture v1 (LINKTYPE_LINUX_SLL, 16-byte header). */
export function sll(f: SllFields): Buffer {
  const h = Buffer.alloc(16);
  h.writeUInt16BE(f.packetType ?? SllPacketType.HOST, 0);
  h.writeUInt16BE(f.hatype ?? 1, 2);
  const addr = f.addr === undefined ? Buffer.alloc(0) : macBytes(f.addr);
  h.writeUInt16BE(addr.length, 4);
  addr.copy(h, 6);
  h.writeUInt16BE(f.protocol, 14);
  return Buffer.concat([h, f.payload]);
}

/** Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, 20-byte header). */
export function sll2(f: SllFields & { ifindex?: number }): Buffer {
  const h = Buffer.alloc(20);
  h.writeUInt16BE(f.protocol, 0);
  h.writeUInt32BE((f.ifindex ?? 1) >>> 0, 4);
  h.writeUInt16BE(f.hatype ?? 1, 8);
  h[10] = f.packetType ?? SllPacketType.HOST;
  const addr = f.addr === undefined ? Buffer.alloc(0) : macBytes(f.addr);
  h[11] = addr.length;
  addr.copy(h, 12);
  return Buffer.concat([h, f.payload]);
}
