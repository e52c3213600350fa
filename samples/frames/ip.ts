import { ipBytes, ipv4Bytes, ipv6Bytes } from './address.js';
import { internetChecksum, type PseudoHeader, type Transport } from './checksum.js';

export const IpProto = { ICMP: 1, IGMP: 2, TCP: 6, UDP: 17, ICMPV6: 58, PIM: 103 } as const;

/** An IP payload: raw bytes (give proto / nextHeader), or a Transport that knows its protocol. */
export type IpPayload = Uint8Array | Transport;

function isTransport(p: IpPayload): p is Transport {
  return !(p instanceof Uint8Array);
}

function protocolOf(payload: IpPayload, given: number | undefined, what: string): number {
  if (given !== undefined) return given;
  if (isTransport(payload)) return payload.protocol;
  throw new Error(`frames: ${what} needs a protocol for a raw-bytes payload`);
}

/** A transport's bytes for given addresses, e.g. to fragment them yourself. */
export function encodeTransport(t: Transport, src: string, dst: string): Buffer {
  const s = ipBytes(src);
  const ph: PseudoHeader = { version: s.length === 4 ? 4 : 6, src: s, dst: ipBytes(dst) };
  return t.encode(ph);
}

export interface Ipv4Fields {
  src: string;
  dst: string;
  /** Defaults to the Transport's protocol. */
  proto?: number;
  ttl?: number;
  id?: number;
  tos?: number;
  dontFragment?: boolean;
  moreFragments?: boolean;
  /** In bytes; must be a multiple of 8. */
  fragOffset?: number;
  payload: IpPayload;
}

export function ipv4(f: Ipv4Fields): Buffer {
  const src = ipv4Bytes(f.src);
  const dst = ipv4Bytes(f.dst);
  const proto = protocolOf(f.payload, f.proto, 'ipv4');
  const body = isTransport(f.payload) ? f.payload.encode({ version: 4, src, dst }) : Buffer.from(f.payload);
  const frag = f.fragOffset ?? 0;
  if (frag % 8 !== 0) throw new Error(`frames: ipv4 fragOffset ${frag} is not a multiple of 8`);
  const h = Buffer.alloc(20);
  h[0] = 0x45;
  h[1] = f.tos ?? 0;
  h.writeUInt16BE(20 + body.length, 2);
  h.writeUInt16BE(f.id ?? 0, 4);
  h.writeUInt16BE((f.dontFragment ? 0x4000 : 0) | (f.moreFragments ? 0x2000 : 0) | (frag / 8), 6);
  h[8] = f.ttl ?? 64;
  h[9] = proto;
  src.copy(h, 12);
  dst.copy(h, 16);
  h.writeUInt16BE(internetChecksum(h), 10);
  return Buffer.concat([h, body]);
}

export interface Ipv6Fields {
  src: string;
  dst: string;
  /** Defaults to the Transport's protocol. */
  nextHeader?: number;
  hopLimit?: number;
  trafficClass?: number;
  flowLabel?: number;
  payload: IpPayload;
}

export function ipv6(f: Ipv6Fields): Buffer {
  const src = ipv6Bytes(f.src);
  const dst = ipv6Bytes(f.dst);
  const next = protocolOf(f.payload, f.nextHeader, 'ipv6');
  const body = isTransport(f.payload) ? f.payload.encode({ version: 6, src, dst }) : Buffer.from(f.payload);
  const h = Buffer.alloc(40);
  const tc = f.trafficClass ?? 0;
  h.writeUInt32BE(((6 << 28) | (tc << 20) | ((f.flowLabel ?? 0) & 0xfffff)) >>> 0, 0);
  h.writeUInt16BE(body.length, 4);
  h[6] = next;
  h[7] = f.hopLimit ?? 64;
  src.copy(h, 8);
  dst.copy(h, 24);
  return Buffer.concat([h, body]);
}
