import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LinkType, PcapWriter, type PacketView } from '../../src/pcap/index.js';
import { EtherType, ethernet, ipv4, pimHello, tcp, udp } from '../../samples/frames.js';
import { sh } from './net.js';

export type ExampleFrames = 'tcp' | 'tcp-other' | 'udp' | 'pim';

/**
 * The wire of DESIGN.md's examples: a veth pair whose two ends live in namespaces of the
 * test's own, so the example addresses (192.168.0.1, 10.0.0.1) exist only there and nothing
 * can be routed anywhere else. `capDev` sits in `nsCap`, where pcapdump captures.
 */
export class ExampleWire {
  readonly id = randomBytes(3).toString('hex');
  readonly nsCap = `pd-ex-cap-${this.id}`;
  readonly nsGen = `pd-ex-gen-${this.id}`;
  readonly capDev = `pdxc${this.id}`;
  readonly genDev = `pdxg${this.id}`;
  private capMac = '';
  private genMac = '';

  constructor(private readonly dir: string) {}

  up(): void {
    sh('ip', ['netns', 'add', this.nsCap]);
    sh('ip', ['netns', 'add', this.nsGen]);
    sh('ip', ['link', 'add', this.capDev, 'netns', this.nsCap, 'type', 'veth', 'peer', 'name', this.genDev, 'netns', this.nsGen]);
    for (const [ns, dev] of [
      [this.nsCap, this.capDev],
      [this.nsGen, this.genDev],
    ]) {
      sh('ip', ['netns', 'exec', ns, 'sysctl', '-qw', `net.ipv6.conf.all.disable_ipv6=1`]);
      sh('ip', ['-n', ns, 'link', 'set', dev, 'up']);
    }
    const mac = (ns: string, dev: string) => /link\/ether ([0-9a-f:]{17})/.exec(sh('ip', ['-n', ns, 'link', 'show', dev]))?.[1] ?? '';
    this.capMac = mac(this.nsCap, this.capDev);
    this.genMac = mac(this.nsGen, this.genDev);
  }

  down(): void {
    spawnSync('ip', ['netns', 'del', this.nsCap]);
    spawnSync('ip', ['netns', 'del', this.nsGen]);
  }

  /** n frames from 192.168.0.1 (or .9 for tcp-other) to 10.0.0.1: TCP SYNs to port 80, DNS-like UDP, or PIM hellos. */
  frames(kind: ExampleFrames, n: number, payload = 0): Buffer[] {
    const out: Buffer[] = [];
    for (let i = 0; i < n; i++) {
      const src = kind === 'tcp-other' ? '192.168.0.9' : '192.168.0.1';
      const l4 =
        kind === 'pim' ? pimHello({}) : kind === 'udp' ? udp({ sport: 5000 + i, dport: 53, payload: 'q'.repeat(20) }) : tcp({ sport: 40000 + i, dport: 80, flags: 'S', seq: i, payload: 'x'.repeat(payload) });
      out.push(ethernet({ dst: this.capMac, src: this.genMac, type: EtherType.IPV4, payload: ipv4({ src, dst: '10.0.0.1', id: i, payload: l4 }) }));
    }
    return out;
  }

  /** Plays frames from the generator namespace onto the wire with tcpreplay. */
  send(list: Buffer[]): void {
    const file = join(this.dir, `send-${randomBytes(3).toString('hex')}.pcap`);
    const fd = openSync(file, 'w');
    const w = new PcapWriter((c) => writeSync(fd, c), { linkType: LinkType.ETHERNET });
    const v: PacketView = { linkType: 1, interfaceId: 0, tsSec: 1_700_000_000, tsNsec: 0, capLen: 0, origLen: 0, buf: list[0], offset: 0 };
    list.forEach((f, i) => {
      v.buf = f;
      v.capLen = v.origLen = f.length;
      v.tsNsec = i * 1_000_000;
      w.writePacket(v);
    });
    w.flush();
    closeSync(fd);
    sh('ip', ['netns', 'exec', this.nsGen, 'tcpreplay', '-q', '--topspeed', '-i', this.genDev, file]);
  }
}
