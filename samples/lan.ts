// The small LAN the sample captures show, as seen on the gateway's inside interface:
// two hosts and a camera on VLAN 20 behind gateway 192.168.0.1, which is also their DNS
// resolver and a PIM router. Everything is fixed so the captures are byte-for-byte
// reproducible.
import { ethernet, EtherType, ipv4, ipv6, type Transport, type VlanTag } from './frames.js';

/** An IP endpoint and the MAC its frames carry on this link (the gateway's, for remote hosts). */
export interface Station {
  mac: string;
  ip: string;
}

export const gw = { mac: '00:1e:8c:3a:00:01', ip: '192.168.0.1', ip6: '2001:db8:0:1::1', vlanIp: '10.20.0.1' } as const;
export const pc = { mac: '3c:52:82:4a:10:0a', ip: '192.168.0.10', ip6: '2001:db8:0:1::10' } as const;
export const laptop = { mac: 'f0:18:98:6b:21:17', ip: '192.168.0.23' } as const;
export const camera = { mac: '00:40:8c:c2:5e:32', ip: '10.20.0.50', vlan: 20 } as const;
export const router2 = { mac: '00:1e:8c:3a:00:02', ip: '192.168.0.2' } as const;
export const web = { ip: '93.184.215.14', ip6: '2001:db8:80::80', name: 'example.com' } as const;

/** A frame and when it was seen, in µs since the epoch (fits a double exactly). */
export interface TimedFrame {
  us: number;
  frame: Buffer;
}

/** 2024-03-14 09:00:00 UTC: the start of every sample. */
export const T0 = 1_710_406_800 * 1_000_000;

// IP ids as real stacks give them: a counter per sender, deterministic from zero.
const ipIds = new Map<string, number>();
export function resetIpIds(): void {
  ipIds.clear();
}
function nextId(ip: string): number {
  const id = ((ipIds.get(ip) ?? 0x3a10 + ipIds.size * 0x1111) + 1) & 0xffff;
  ipIds.set(ip, id);
  return id;
}

export interface FrameOptions {
  ttl?: number;
  vlan?: VlanTag;
  /** Received from the wire: padded to the 60-byte Ethernet minimum. */
  pad?: boolean;
  dontFragment?: boolean;
}

/** src -> dst over IPv4 or IPv6 (told apart by the address) inside Ethernet. */
export function ipFrame(src: Station, dst: Station, payload: Transport, o: FrameOptions = {}): Buffer {
  const v6 = src.ip.includes(':');
  const ip = v6
    ? ipv6({ src: src.ip, dst: dst.ip, hopLimit: o.ttl ?? 64, payload })
    : ipv4({ src: src.ip, dst: dst.ip, ttl: o.ttl ?? 64, id: nextId(src.ip), dontFragment: o.dontFragment ?? true, payload });
  return ethernet({ dst: dst.mac, src: src.mac, type: v6 ? EtherType.IPV6 : EtherType.IPV4, vlan: o.vlan, payload: ip, pad: o.pad });
}

/** The 56-byte payload of a Linux ping: 8 bytes of send time, then 0x10, 0x11, ... */
export function pingPayload(us: number): Buffer {
  const b = Buffer.alloc(56);
  b.writeUInt32LE(Math.floor(us / 1_000_000), 0);
  b.writeUInt32LE(us % 1_000_000, 4);
  for (let i = 8; i < 56; i++) b[i] = i + 8;
  return b;
}
