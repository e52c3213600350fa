import { internetChecksum, pseudoHeaderBytes, type PseudoHeader, type Transport } from './checksum.js';
import { IpProto } from './ip.js';

export const TcpFlag = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80 } as const;

const flagLetters: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10, '.': 0x10, U: 0x20, E: 0x40, W: 0x80, C: 0x80 };

/** 'SA', 'PA', 'FA', 'R' ... (tcpdump letters, A or . for ACK), or the flag bits. */
export function tcpFlags(flags: number | string): number {
  if (typeof flags === 'number') return flags & 0xff;
  let v = 0;
  for (const c of flags.toUpperCase()) {
    const bit = flagLetters[c];
    if (bit === undefined) throw new Error(`frames: unknown TCP flag letter "${c}" in "${flags}"`);
    v |= bit;
  }
  return v;
}

function withChecksum(protocol: number, build: () => Buffer, at: number, pseudo: boolean, zeroAs?: number): Transport {
  return {
    protocol,
    encode(ph: PseudoHeader): Buffer {
      const seg = build();
      const parts = pseudo || ph.version === 6 ? [pseudoHeaderBytes(ph, protocol, seg.length), seg] : [seg];
      let sum = internetChecksum(...parts);
      if (sum === 0 && zeroAs !== undefined) sum = zeroAs;
      seg.writeUInt16BE(sum, at);
      return seg;
    },
  };
}

export interface TcpFields {
  sport: number;
  dport: number;
  seq?: number;
  ack?: number;
  flags: number | string;
  window?: number;
  urgent?: number;
  /** Raw option bytes; zero-padded (end of option list) to a multiple of 4. */
  options?: Uint8Array;
  payload?: Uint8Array | string;
}

export function tcp(f: TcpFields): Transport {
  return withChecksum(
    IpProto.TCP,
    () => {
      const opts = Buffer.from(f.options ?? []);
      const optLen = Math.ceil(opts.length / 4) * 4;
      const body = typeof f.payload === 'string' ? Buffer.from(f.payload, 'latin1') : Buffer.from(f.payload ?? []);
      const hl = 20 + optLen;
      const seg = Buffer.alloc(hl + body.length);
      seg.writeUInt16BE(f.sport, 0);
      seg.writeUInt16BE(f.dport, 2);
      seg.writeUInt32BE((f.seq ?? 0) >>> 0, 4);
      seg.writeUInt32BE((f.ack ?? 0) >>> 0, 8);
      seg[12] = (hl / 4) << 4;
      seg[13] = tcpFlags(f.flags);
      seg.writeUInt16BE(f.window ?? 65535, 14);
      seg.writeUInt16BE(f.urgent ?? 0, 18);
      opts.copy(seg, 20);
      body.copy(seg, hl);
      return seg;
    },
    16,
    true,
  );
}

export interface UdpFields {
  sport: number;
  dport: number;
  payload?: Uint8Array | string;
}

export function udp(f: UdpFields): Transport {
  return withChecksum(
    IpProto.UDP,
    () => {
      const body = typeof f.payload === 'string' ? Buffer.from(f.payload, 'latin1') : Buffer.from(f.payload ?? []);
      const seg = Buffer.alloc(8 + body.length);
      seg.writeUInt16BE(f.sport, 0);
      seg.writeUInt16BE(f.dport, 2);
      seg.writeUInt16BE(seg.length, 4);
      body.copy(seg, 8);
      return seg;
    },
    6,
    true,
    0xffff, // 0 means "no checksum" in UDP, so a computed 0 is sent as all ones
  );
}

export interface IcmpFields {
  type: number;
  code?: number;
  /** The 4 bytes after the checksum (id/seq for echo, unused or MTU for others). */
  rest?: number;
  payload?: Uint8Array;
}

/** ICMP for IPv4: checksum over the message only. */
export function icmp(f: IcmpFields): Transport {
  return withChecksum(IpProto.ICMP, () => icmpBody(f), 2, false);
}

/** ICMPv6: checksum includes the IPv6 pseudo header. */
export function icmp6(f: IcmpFields): Transport {
  return withChecksum(IpProto.ICMPV6, () => icmpBody(f), 2, true);
}

function icmpBody(f: IcmpFields): Buffer {
  const body = Buffer.from(f.payload ?? []);
  const m = Buffer.alloc(8 + body.length);
  m[0] = f.type;
  m[1] = f.code ?? 0;
  m.writeUInt32BE((f.rest ?? 0) >>> 0, 4);
  body.copy(m, 8);
  return m;
}

export interface EchoFields {
  reply?: boolean;
  id: number;
  seq: number;
  payload?: Uint8Array;
}

export function icmpEcho(f: EchoFields): Transport {
  return icmp({ type: f.reply ? 0 : 8, rest: ((f.id & 0xffff) << 16) | (f.seq & 0xffff), payload: f.payload });
}

export function icmp6Echo(f: EchoFields): Transport {
  return icmp6({ type: f.reply ? 129 : 128, rest: ((f.id & 0xffff) << 16) | (f.seq & 0xffff), payload: f.payload });
}

export interface PimHelloFields {
  holdtime?: number;
  drPriority?: number;
  generationId?: number;
}

/**
 * PIMv2 Hello (RFC 7761 §4.9.2), usually sent to 224.0.0.13 / ff02::d with TTL 1.
 * Over IPv4 the checksum covers the message only; over IPv6 it includes the pseudo header.
 */
export function pimHello(f: PimHelloFields = {}): Transport {
  return withChecksum(
    IpProto.PIM,
    () => {
      const m = Buffer.alloc(4 + 6 + 8 + 8);
      m[0] = 0x20; // version 2, type 0 (Hello)
      let o = 4;
      o = m.writeUInt16BE(1, o); // Holdtime
      o = m.writeUInt16BE(2, o);
      o = m.writeUInt16BE(f.holdtime ?? 105, o);
      o = m.writeUInt16BE(19, o); // DR Priority
      o = m.writeUInt16BE(4, o);
      o = m.writeUInt32BE((f.drPriority ?? 1) >>> 0, o);
      o = m.writeUInt16BE(20, o); // Generation ID
      o = m.writeUInt16BE(4, o);
      m.writeUInt32BE((f.generationId ?? 0x2badf00d) >>> 0, o);
      return m;
    },
    2,
    false,
  );
}
