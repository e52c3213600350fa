import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LinkType, PcapWriter, type PacketView } from '../src/pcap/index.js';
import { EtherType, arp, ethernet, icmpEcho, icmp6Echo, ipv4, ipv6, tcp, udp } from '../samples/frames.js';

/** Frames a small office LAN behind a gateway sends, so filters select a realistic share. */
function templates(payloadBytes: (i: number) => number): Buffer[] {
  const frames: Buffer[] = [];
  const gwMac = '00:00:5e:00:53:01';
  for (let h = 1; h <= 16; h++) {
    const mac = `02:00:00:00:00:${h.toString(16).padStart(2, '0')}`;
    const host = `10.0.0.${h}`;
    const remote = `198.51.100.${h * 7}`;
    const pad = (i: number) => 'x'.repeat(payloadBytes(h * 8 + i));
    const eth4 = (payload: Buffer, out: boolean) =>
      ethernet({ dst: out ? gwMac : mac, src: out ? mac : gwMac, type: EtherType.IPV4, payload });
    frames.push(eth4(ipv4({ src: host, dst: remote, payload: tcp({ sport: 40000 + h, dport: 443, flags: 'PA', seq: h, ack: 1, payload: pad(0) }) }), true));
    frames.push(eth4(ipv4({ src: remote, dst: host, payload: tcp({ sport: 443, dport: 40000 + h, flags: 'A', seq: 1, ack: h, payload: pad(1) }) }), false));
    frames.push(eth4(ipv4({ src: host, dst: remote, payload: tcp({ sport: 41000 + h, dport: 80, flags: 'PA', seq: h, ack: 1, payload: pad(2) }) }), true));
    frames.push(eth4(ipv4({ src: host, dst: '10.0.0.254', payload: udp({ sport: 50000 + h, dport: 53, payload: pad(3) }) }), true));
    frames.push(eth4(ipv4({ src: '10.0.0.254', dst: host, payload: udp({ sport: 53, dport: 50000 + h, payload: pad(4) }) }), false));
    frames.push(eth4(ipv4({ src: host, dst: remote, payload: icmpEcho({ id: h, seq: 1, payload: Buffer.from(pad(5)) }) }), true));
    frames.push(
      ethernet({
        dst: gwMac,
        src: mac,
        type: EtherType.IPV6,
        payload: ipv6({ src: `2001:db8::${h}`, dst: '2001:db8:ffff::1', payload: tcp({ sport: 42000 + h, dport: 22, flags: 'PA', payload: pad(6) }) }),
      }),
    );
    frames.push(
      ethernet({
        dst: gwMac,
        src: mac,
        type: EtherType.IPV6,
        payload: ipv6({ src: `2001:db8::${h}`, dst: '2001:db8:ffff::1', payload: icmp6Echo({ id: h, seq: 2, payload: Buffer.from(pad(7)) }) }),
      }),
    );
    frames.push(
      ethernet({ dst: 'ff:ff:ff:ff:ff:ff', src: mac, type: EtherType.ARP, payload: arp({ op: 1, sha: mac, spa: host, tha: '00:00:00:00:00:00', tpa: '10.0.0.254' }) }),
    );
  }
  return frames;
}

/**
 * Writes `packets` packets cycling through the templates, 10 µs apart, into dir/name
 * unless it is already there (generation is deterministic; the file is reused across runs).
 */
export function ensureCapture(dir: string, name: string, packets: number, payloadBytes: (i: number) => number): string {
  const path = join(dir, name);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const frames = templates(payloadBytes);
  const tmp = `${path}.partial`;
  const fd = openSync(tmp, 'w');
  const w = new PcapWriter((chunk) => writeSync(fd, chunk), { linkType: LinkType.ETHERNET });
  const view: PacketView = { linkType: LinkType.ETHERNET, interfaceId: 0, tsSec: 1_700_000_000, tsNsec: 0, capLen: 0, origLen: 0, buf: frames[0], offset: 0 };
  for (let i = 0; i < packets; i++) {
    const f = frames[i % frames.length];
    const us = i * 10;
    view.tsSec = 1_700_000_000 + Math.floor(us / 1e6);
    view.tsNsec = (us % 1e6) * 1000;
    view.buf = f;
    view.capLen = f.length;
    view.origLen = f.length;
    w.writePacket(view);
  }
  w.flush();
  closeSync(fd);
  renameSync(tmp, path);
  return path;
}

export function sizeMiB(path: string): number {
  return statSync(path).size / 2 ** 20;
}
