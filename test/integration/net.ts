import { spawn, type ChildProcess } from 'node:child_process';
import { openCaptureFile } from '../../src/capture/file.js';

/** The namespaces and veth pairs are the bench's own (bench/netns.ts): one way to make and remove them. */
export { isRoot, sh } from '../../bench/netns.js';
export type { BenchVeth as Veth } from '../../bench/netns.js';
import { makeVeth as makeBenchVeth, sh } from '../../bench/netns.js';

export function makeVeth() {
  return makeBenchVeth('test');
}

const SEND = `
import socket, struct, sys, time
mode = sys.argv[1]
if mode == 'udp':
    dst, port, count, size = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    gap = float(sys.argv[6]) if len(sys.argv) > 6 else (0.002 if count <= 200 else 0)
    for i in range(count):
        s.sendto(bytes([i & 0xff]) * (size + (i % 7)), (dst, port))
        if gap: time.sleep(gap)
else:
    # raw Ethernet/IPv4/UDP frames: dev, dst mac, src mac, src ip, dst ip, port, count[, 802.1Q VLAN id]
    dev, dmac, smac, sip, dip, port, count = sys.argv[2:9]
    tag = struct.pack('!HH', 0x8100, int(sys.argv[9])) if len(sys.argv) > 9 else b''
    mac = lambda m: bytes.fromhex(m.replace(':', ''))
    def csum(b):
        t = sum(struct.unpack('!10H', b))
        t = (t & 0xffff) + (t >> 16); t = (t & 0xffff) + (t >> 16)
        return (~t) & 0xffff
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((dev, 0))
    for i in range(int(count)):
        payload = b'pcapdump' + bytes([i])
        udp = struct.pack('!HHHH', 40000, int(port), 8 + len(payload), 0) + payload
        ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), i, 0, 64, 17, 0, socket.inet_aton(sip), socket.inet_aton(dip))
        ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
        s.send(mac(dmac) + mac(smac) + tag + b'\\x08\\x00' + ip + udp)
        time.sleep(0.002)
`;

/** How many holders have put dev in promiscuous mode now (`ip -d link`'s promiscuity). */
export function promiscuityOf(dev: string): number {
  const m = /promiscuity (\d+)/.exec(sh('ip', ['-d', 'link', 'show', 'dev', dev]));
  if (!m) throw new Error(`no promiscuity count for ${dev}`);
  return Number(m[1]);
}

/** UDP datagrams of size..size+6 bytes to dst:port, sent from inside ns (or from here). */
export function sendUdp(ns: string | null, dst: string, port: number, count: number, size = 100): void {
  const args = ['-c', SEND, 'udp', dst, String(port), String(count), String(size)];
  if (ns) sh('ip', ['netns', 'exec', ns, 'python3', ...args]);
  else sh('python3', args);
}

/** As sendUdp, without blocking this process: `gapS` seconds between datagrams (0: as fast as python goes). */
export function sendUdpAsync(ns: string, dst: string, port: number, count: number, size: number, gapS: number): Promise<void> {
  const child = spawn('ip', ['netns', 'exec', ns, 'python3', '-c', SEND, 'udp', dst, String(port), String(count), String(size), String(gapS)], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`sender exited ${code}`))));
  });
}

/** Raw Ethernet frames carrying UDP to port, sent from dev inside ns with the MACs given (802.1Q-tagged with vlan). */
export function sendFrames(ns: string, dev: string, dstMac: string, srcMac: string, srcIp: string, dstIp: string, port: number, count: number, vlan?: number): void {
  const tag = vlan === undefined ? [] : [String(vlan)];
  sh('ip', ['netns', 'exec', ns, 'python3', '-c', SEND, 'raw', dev, dstMac, srcMac, srcIp, dstIp, String(port), String(count), ...tag]);
}

/**
 * tcpdump writing what it sees to file, running once it says it is listening. In immediate
 * mode libpcap gives each packet a slot of the snap length (on `any`, 256 KiB: eight in the
 * default 2 MiB), so the referee gets 32 MiB, or a busy machine makes it drop what we keep.
 */
export async function startTcpdump(dev: string, file: string, bpf: string, extra: string[] = []): Promise<{ stop(): Promise<string> }> {
  const child: ChildProcess = spawn('tcpdump', ['-i', dev, '-w', file, '-U', '--immediate-mode', '-B', '32768', '-n', ...extra, bpf], { env: { ...process.env, TZ: 'UTC' } });
  let err = '';
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`tcpdump did not start: ${err}`)), 10_000);
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      if (err.includes('listening on')) {
        clearTimeout(t);
        resolve();
      }
    });
    child.on('exit', () => reject(new Error(`tcpdump exited: ${err}`)));
  });
  // With -c tcpdump may already have finished by itself.
  const closed = new Promise<string>((resolve) => child.on('close', () => resolve(err)));
  return {
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return closed;
    },
  };
}

export interface Packet {
  tsUs: number;
  capLen: number;
  origLen: number;
  data: Buffer;
}

export function readPackets(file: string): { linkType: number; packets: Packet[] } {
  const r = openCaptureFile(file);
  const packets: Packet[] = [];
  let linkType = -1;
  for (let p = r.next(); p; p = r.next()) {
    linkType = p.linkType;
    packets.push({ tsUs: p.tsSec * 1e6 + Math.floor(p.tsNsec / 1000), capLen: p.capLen, origLen: p.origLen, data: Buffer.from(p.buf.subarray(p.offset, p.offset + p.capLen)) });
  }
  r.close();
  return { linkType, packets };
}

/** Our written file against tcpdump's: same count, lengths and bytes; timestamps within 1 ms (both are the kernel's: equal in practice). */
export function compareWithTcpdump(ours: string, ref: string, label: string): { count: number; maxSkewMs: number } {
  const a = readPackets(ours);
  const b = readPackets(ref);
  const problems: string[] = [];
  if (a.packets.length !== b.packets.length) problems.push(`count ${a.packets.length} vs tcpdump ${b.packets.length}`);
  if (a.linkType !== b.linkType) problems.push(`link type ${a.linkType} vs tcpdump ${b.linkType}`);
  let maxSkewMs = 0;
  const n = Math.min(a.packets.length, b.packets.length);
  for (let i = 0; i < n && problems.length < 5; i++) {
    const x = a.packets[i];
    const y = b.packets[i];
    if (x.capLen !== y.capLen || x.origLen !== y.origLen) problems.push(`#${i}: lengths ${x.capLen}/${x.origLen} vs ${y.capLen}/${y.origLen}`);
    else if (!x.data.equals(y.data)) problems.push(`#${i}: bytes differ`);
    const skew = Math.abs(x.tsUs - y.tsUs) / 1000;
    maxSkewMs = Math.max(maxSkewMs, skew);
    if (skew > 1) problems.push(`#${i}: timestamps ${skew.toFixed(3)} ms apart`);
  }
  console.log(`${label}: ${a.packets.length} packets compared with tcpdump's ${b.packets.length} (count, caplen, origlen, bytes), max timestamp skew ${maxSkewMs.toFixed(3)} ms, ${problems.length} differences${problems.length ? ': ' + problems.join('; ') : ''}`);
  if (problems.length) throw new Error(`${label}: ${problems.join('; ')}`);
  return { count: a.packets.length, maxSkewMs };
}
