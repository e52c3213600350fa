// Writes the project's own small captures into samples/ with the project's own writer.
// `npm run samples` (after `npm run build`); deterministic: running it twice changes nothing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LinkType } from '../src/pcap/linktype.js';
import type { PacketView } from '../src/pcap/types.js';
import { PcapWriter } from '../src/pcap/writer.js';
import { DnsType } from './frames.js';
import { camera, gw, laptop, pc, resetIpIds, router2, T0, web, type Station, type TimedFrame } from './lan.js';
import { arpExchange, dnsExchange, httpExchange, httpGet, httpOk, pimHelloFrame, pings, syslogFrame } from './scenes.js';

const S = 1_000_000; // µs per second

const gw4: Station = { mac: gw.mac, ip: gw.ip };
const gw6: Station = { mac: gw.mac, ip: gw.ip6 };
const gwVlan: Station = { mac: gw.mac, ip: gw.vlanIp };
const pc4: Station = { mac: pc.mac, ip: pc.ip };
const pc6: Station = { mac: pc.mac, ip: pc.ip6 };
const laptop4: Station = { mac: laptop.mac, ip: laptop.ip };
const cam: Station = { mac: camera.mac, ip: camera.ip };
// Remote servers are reached through the gateway: their frames carry its MAC.
const web4: Station = { mac: gw.mac, ip: web.ip };
const web6: Station = { mac: gw.mac, ip: web.ip6 };
const dnsGoogle: Station = { mac: gw.mac, ip: '8.8.8.8' };

const page = '<!doctype html>\n<html><head><title>Example Domain</title></head>\n<body><h1>Example Domain</h1></body></html>\n';

function tcpHttp(start: number, client: Station, port: number, isn: number): TimedFrame[] {
  return httpExchange({
    start,
    client,
    server: web4,
    port,
    isnClient: isn,
    isnServer: 0x9e3779b9 ^ isn,
    rtt: 11_840,
    request: httpGet(web.name, '/'),
    response: httpOk(page),
  });
}

function dnsA(start: number, client: Station, port: number, id: number): TimedFrame[] {
  return dnsExchange({ start, client, resolver: gw4, port, id, name: web.name, answers: [{ type: 'A', address: web.ip, ttl: 3600 }], rtt: 4_310 });
}

function ipv6Scene(start: number): TimedFrame[] {
  return [
    ...pings({ start, src: pc6, dst: gw6, id: 0x51, count: 2, rtt: 212 }),
    ...httpExchange({
      start: start + 2 * S + 40_000,
      client: pc6,
      server: web6,
      port: 50_612,
      isnClient: 0x1c2d3e4f,
      isnServer: 0x70605040,
      rtt: 14_020,
      request: httpGet(web.name, '/index.html'),
      response: httpOk(page),
      serverTtl: 57,
    }),
  ];
}

function pimScene(start: number): TimedFrame[] {
  return [pimHelloFrame(start, gw4, 0x5a17c0de), pimHelloFrame(start + 4 * S + 318_224, router2, 0x3e8f21a7)];
}

/** About ten seconds of a small office LAN: what the console's `demo` interface replays. */
function demo(): TimedFrame[] {
  const frames = [
    ...arpExchange({ start: T0 + 12_480, asker: pc4, target: gw4 }),
    ...dnsA(T0 + 13_102, pc4, 41_853, 0x6f21),
    ...tcpHttp(T0 + 18_020, pc4, 45_116, 0x2f6b1a03),
    ...pings({ start: T0 + 1 * S + 200_310, src: pc4, dst: gw4, id: 0x0c31, count: 4, rtt: 284 }),
    ...pimScene(T0 + 2 * S + 514_002),
    ...pings({ start: T0 + 3 * S + 4_570, src: cam, dst: gwVlan, id: 0x0001, count: 2, interval: 2 * S, rtt: 402, vlan: camera.vlan }),
    syslogFrame(T0 + 3 * S + 532_118, cam, gwVlan, '<134>Mar 14 09:00:03 cam-lobby motion: zone 2 triggered', camera.vlan),
    ...dnsExchange({
      start: T0 + 4 * S + 1_201,
      client: laptop4,
      resolver: dnsGoogle,
      port: 52_090,
      id: 0x0a5e,
      name: web.name,
      qtype: DnsType.AAAA,
      answers: [{ type: 'AAAA', address: web.ip6, ttl: 1800 }],
      rtt: 18_733,
    }),
    ...ipv6Scene(T0 + 4 * S + 120_000),
    ...dnsA(T0 + 6 * S + 300_450, laptop4, 60_221, 0xd00d),
    ...tcpHttp(T0 + 6 * S + 305_900, laptop4, 38_402, 0x61c8864f),
    ...arpExchange({ start: T0 + 8 * S + 41_337, asker: laptop4, target: pc4 }),
    ...dnsExchange({
      start: T0 + 9 * S + 512_660,
      client: cam,
      resolver: gwVlan,
      port: 33_001,
      id: 0x0042,
      name: 'ntp.example.net',
      answers: [{ type: 'A', address: '192.0.2.123', ttl: 600 }],
      rtt: 2_980,
      vlan: camera.vlan,
    }),
  ];
  // Stable sort: frames of one instant keep their conversation order.
  return frames.sort((a, b) => a.us - b.us);
}

/** Each sample: file name and how to make its frames. */
const samples: [string, () => TimedFrame[]][] = [
  ['tcp-http.pcap', () => tcpHttp(T0, pc4, 45_116, 0x2f6b1a03)],
  ['dns-udp.pcap', () => dnsA(T0, pc4, 41_853, 0x6f21)],
  ['icmp-echo.pcap', () => pings({ start: T0, src: pc4, dst: gw4, id: 0x0c31, count: 3, rtt: 284 })],
  ['arp.pcap', () => arpExchange({ start: T0, asker: pc4, target: gw4 })],
  ['ipv6.pcap', () => ipv6Scene(T0)],
  ['pim.pcap', () => pimScene(T0)],
  ['demo.pcap', demo],
];

export function encodeCapture(frames: TimedFrame[]): Buffer {
  const chunks: Buffer[] = [];
  const w = new PcapWriter((c) => chunks.push(c), { linkType: LinkType.ETHERNET, snapLen: 262144 });
  const view: PacketView = { linkType: LinkType.ETHERNET, interfaceId: 0, tsSec: 0, tsNsec: 0, capLen: 0, origLen: 0, buf: Buffer.alloc(0), offset: 0 };
  for (const f of frames) {
    view.tsSec = Math.floor(f.us / S);
    view.tsNsec = (f.us % S) * 1000;
    view.buf = f.frame;
    view.capLen = view.origLen = f.frame.length;
    w.writePacket(view);
  }
  w.flush();
  return Buffer.concat(chunks);
}

/** Writes every sample into dir; returns file name and packet count of each. */
export function makeSamples(dir: string): { file: string; packets: number }[] {
  mkdirSync(dir, { recursive: true });
  return samples.map(([file, make]) => {
    resetIpIds(); // each file numbers its IP ids on its own, whatever ran before
    const frames = make();
    writeFileSync(join(dir, file), encodeCapture(frames));
    return { file, packets: frames.length };
  });
}

/** The project root, found from this file whether it runs as samples/*.ts or dist/samples/*.js. */
export function projectRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'pcapdump') return dir;
    if (dirname(dir) === dir) throw new Error('make-samples: cannot find the pcapdump project root above ' + fileURLToPath(import.meta.url));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = join(projectRoot(), 'samples');
  for (const s of makeSamples(out)) console.log(`${join('samples', s.file)}: ${s.packets} packets`);
}
