import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LinkType, PcapWriter, type PacketView } from '../src/pcap/index.js';

/** Where the sequence number sits in every frame: right after the UDP header. */
export const SEQ_OFFSET = 14 + 20 + 8;
export const RACE_SRC = '10.200.0.2';
export const RACE_PORT = 5555;
/** Not the capturing end's MAC: the kernel drops the frames right after the taps, so no replies add traffic. */
const DST_MAC = '02:00:00:00:00:99';
const SRC_MAC = '02:00:00:00:00:02';

function mac(m: string): number[] {
  return m.split(':').map((h) => parseInt(h, 16));
}

/** An Ethernet/IPv4/UDP frame of `size` bytes (without FCS) carrying `seq` in its first 4 payload bytes. */
function udpFrame(size: number, seq: number): Buffer {
  const f = Buffer.alloc(size);
  f.set(mac(DST_MAC), 0);
  f.set(mac(SRC_MAC), 6);
  f.writeUInt16BE(0x0800, 12);
  const ipLen = size - 14;
  f[14] = 0x45;
  f.writeUInt16BE(ipLen, 16);
  f.writeUInt16BE(seq & 0xffff, 18);
  f[22] = 64;
  f[23] = 17;
  f.set(RACE_SRC.split('.').map(Number), 26);
  f.set([10, 200, 0, 1], 30);
  let sum = 0;
  for (let i = 14; i < 34; i += 2) sum += f.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  f.writeUInt16BE(~sum & 0xffff, 24);
  f.writeUInt16BE(40000, 34);
  f.writeUInt16BE(RACE_PORT, 36);
  f.writeUInt16BE(ipLen - 20, 38);
  f.writeUInt32BE(seq, SEQ_OFFSET);
  return f;
}

/**
 * `packets` UDP frames numbered 0.., sizes from `size(i)`, 10 µs apart (tcpreplay paces them
 * itself), written once into dir/name and reused.
 */
export function ensureUdpCapture(dir: string, name: string, packets: number, size: (i: number) => number): string {
  const path = join(dir, name);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.partial`;
  const fd = openSync(tmp, 'w');
  const w = new PcapWriter((chunk) => writeSync(fd, chunk), { linkType: LinkType.ETHERNET });
  const view: PacketView = { linkType: LinkType.ETHERNET, interfaceId: 0, tsSec: 0, tsNsec: 0, capLen: 0, origLen: 0, buf: Buffer.alloc(0), offset: 0 };
  for (let i = 0; i < packets; i++) {
    const f = udpFrame(size(i), i);
    const us = i * 10;
    view.tsSec = 1_700_000_000 + Math.floor(us / 1e6);
    view.tsNsec = (us % 1e6) * 1000;
    view.buf = f;
    view.capLen = view.origLen = f.length;
    w.writePacket(view);
  }
  w.flush();
  closeSync(fd);
  renameSync(tmp, path);
  return path;
}

/** 64-byte frames on the wire (60 captured, the FCS is not). */
export const small = (): number => 60;
/** A simple IMIX: 7 small, 4 medium, 1 full-size frame of every 12. */
export const imix = (i: number): number => {
  const k = i % 12;
  return k < 7 ? 60 : k < 11 ? 590 : 1514;
};
