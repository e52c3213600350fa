// Short conversations, each a list of timed frames starting at `start`. Times are what
// the gateway's inside interface would see: a LAN round trip is a fraction of a
// millisecond, the internet a few tens of milliseconds.
import { arp, dnsQuery, dnsResponse, ethernet, EtherType, icmp6Echo, icmpEcho, ipv4, pimHello, tcp, udp, type DnsAnswer, type VlanTag } from './frames.js';
import { ipFrame, pingPayload, type Station, type TimedFrame } from './lan.js';

const BROADCAST = 'ff:ff:ff:ff:ff:ff';

export interface ArpScene {
  start: number;
  asker: Station;
  target: Station;
}

/** Who-has from the asker (broadcast, padded as received) and the target's reply. */
export function arpExchange(s: ArpScene): TimedFrame[] {
  const req = arp({ op: 'request', sha: s.asker.mac, spa: s.asker.ip, tpa: s.target.ip });
  const rep = arp({ op: 'reply', sha: s.target.mac, spa: s.target.ip, tha: s.asker.mac, tpa: s.asker.ip });
  return [
    { us: s.start, frame: ethernet({ dst: BROADCAST, src: s.asker.mac, type: EtherType.ARP, payload: req, pad: true }) },
    { us: s.start + 187, frame: ethernet({ dst: s.asker.mac, src: s.target.mac, type: EtherType.ARP, payload: rep, pad: true }) },
  ];
}

export interface PingScene {
  start: number;
  src: Station;
  dst: Station;
  id: number;
  count: number;
  /** µs between requests (1 s, as ping does). */
  interval?: number;
  rtt: number;
  /** TTL of the replies as they reach this interface. */
  replyTtl?: number;
  vlan?: VlanTag;
}

/** Echo requests and their replies: ICMP or ICMPv6 by the address family. */
export function pings(s: PingScene): TimedFrame[] {
  const v6 = s.src.ip.includes(':');
  const out: TimedFrame[] = [];
  for (let seq = 1; seq <= s.count; seq++) {
    const us = s.start + (seq - 1) * (s.interval ?? 1_000_000);
    const payload = pingPayload(us);
    const echo = v6 ? icmp6Echo : icmpEcho;
    out.push({ us, frame: ipFrame(s.src, s.dst, echo({ id: s.id, seq, payload }), { vlan: s.vlan }) });
    out.push({
      us: us + s.rtt,
      frame: ipFrame(s.dst, s.src, echo({ reply: true, id: s.id, seq, payload }), { ttl: s.replyTtl ?? 64, vlan: s.vlan, dontFragment: false }),
    });
  }
  return out;
}

export interface DnsScene {
  start: number;
  client: Station;
  resolver: Station;
  port: number;
  id: number;
  name: string;
  qtype?: number;
  answers: DnsAnswer[];
  /** How long the resolver takes to answer. */
  rtt: number;
  vlan?: VlanTag;
}

export function dnsExchange(s: DnsScene): TimedFrame[] {
  const q = dnsQuery({ id: s.id, name: s.name, qtype: s.qtype });
  const r = dnsResponse({ id: s.id, name: s.name, qtype: s.qtype, answers: s.answers });
  return [
    { us: s.start, frame: ipFrame(s.client, s.resolver, udp({ sport: s.port, dport: 53, payload: q }), { vlan: s.vlan, dontFragment: false }) },
    { us: s.start + s.rtt, frame: ipFrame(s.resolver, s.client, udp({ sport: 53, dport: s.port, payload: r }), { vlan: s.vlan, dontFragment: false }) },
  ];
}

export interface HttpScene {
  start: number;
  client: Station;
  /** The server's address, with the MAC of the next hop towards it. */
  server: Station;
  port: number;
  isnClient: number;
  isnServer: number;
  rtt: number;
  request: string;
  response: string;
  /** TTL / hop limit of the server's packets as they reach this interface. */
  serverTtl?: number;
}

// MSS 1460, window scale, SACK permitted: what Linux and most servers offer.
const SYN_OPTIONS = Buffer.from([2, 4, 0x05, 0xb4, 1, 3, 3, 7, 1, 1, 4, 2]);
const SYNACK_OPTIONS = Buffer.from([2, 4, 0x05, 0xb4, 1, 1, 4, 2, 1, 3, 3, 9]);

/** A whole HTTP/1.1 exchange on one connection: handshake, request, response, close. */
export function httpExchange(s: HttpScene): TimedFrame[] {
  const { client: c, server: sv, rtt } = s;
  const sttl = { ttl: s.serverTtl ?? 55 };
  const cs = (flags: string, seq: number, ack: number, payload = '', options?: Buffer) =>
    ipFrame(c, sv, tcp({ sport: s.port, dport: 80, seq, ack, flags, window: flags === 'S' ? 64240 : 502, options, payload }));
  const sc = (flags: string, seq: number, ack: number, payload = '', options?: Buffer) =>
    ipFrame(sv, c, tcp({ sport: 80, dport: s.port, seq, ack, flags, window: flags === 'SA' ? 65160 : 509, options, payload }), sttl);
  const c1 = s.isnClient + 1;
  const s1 = s.isnServer + 1;
  const c2 = c1 + s.request.length;
  const s2 = s1 + s.response.length;
  let t = s.start;
  const at = (dt: number, frame: Buffer): TimedFrame => ({ us: (t += dt), frame });
  return [
    at(0, cs('S', s.isnClient, 0, '', SYN_OPTIONS)),
    at(rtt, sc('SA', s.isnServer, c1, '', SYNACK_OPTIONS)),
    at(71, cs('A', c1, s1)),
    at(143, cs('PA', c1, s1, s.request)),
    at(rtt, sc('A', s1, c2)),
    at(612, sc('PA', s1, c2, s.response)),
    at(88, cs('A', c2, s2)),
    at(4_210, cs('FA', c2, s2)),
    at(rtt, sc('FA', s2, c2 + 1)),
    at(64, cs('A', c2 + 1, s2 + 1)),
  ];
}

export function httpGet(host: string, path: string): string {
  return `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n`;
}

export function httpOk(body: string): string {
  return `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;
}

/** A PIMv2 Hello to ALL-PIM-ROUTERS (224.0.0.13), TTL 1, as a router sends every 30 s. */
export function pimHelloFrame(us: number, router: Station, generationId: number): TimedFrame {
  const ip = ipv4({ src: router.ip, dst: '224.0.0.13', ttl: 1, tos: 0xc0, payload: pimHello({ holdtime: 105, drPriority: 1, generationId }) });
  return { us, frame: ethernet({ dst: '01:00:5e:00:00:0d', src: router.mac, type: EtherType.IPV4, payload: ip }) };
}

/** An RFC 3164 syslog line over UDP 514. */
export function syslogFrame(us: number, src: Station, dst: Station, line: string, vlan?: VlanTag): TimedFrame {
  return { us, frame: ipFrame(src, dst, udp({ sport: 514, dport: 514, payload: line }), { vlan, dontFragment: false }) };
}
