import { ipv4Bytes, ipv6Bytes } from './address.js';

export const DnsType = { A: 1, NS: 2, CNAME: 5, PTR: 12, MX: 15, TXT: 16, AAAA: 28 } as const;

export interface DnsAnswer {
  type: 'A' | 'AAAA';
  address: string;
  ttl?: number;
}

export interface DnsFields {
  id: number;
  name: string;
  /** Question type; A by default. */
  qtype?: number;
  /** Present: a response carrying these answers (an empty list is a "no data" response). */
  answers?: DnsAnswer[];
  /** Response code, for an error response (3 = NXDOMAIN). */
  rcode?: number;
}

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter((l) => l.length > 0);
  const parts: Buffer[] = [];
  for (const l of labels) {
    const b = Buffer.from(l, 'ascii');
    if (b.length > 63) throw new Error(`frames: DNS label longer than 63 bytes in "${name}"`);
    parts.push(Buffer.from([b.length]), b);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** A DNS message (the payload of udp()): a recursive query, or its response when answers is given. */
export function dns(f: DnsFields): Buffer {
  const response = f.answers !== undefined || f.rcode !== undefined;
  const answers = f.answers ?? [];
  const h = Buffer.alloc(12);
  h.writeUInt16BE(f.id, 0);
  // QR, RD always; RA on responses, as from a recursive resolver.
  h.writeUInt16BE(response ? 0x8180 | ((f.rcode ?? 0) & 0xf) : 0x0100, 2);
  h.writeUInt16BE(1, 4);
  h.writeUInt16BE(answers.length, 6);
  const q = Buffer.concat([encodeName(f.name), Buffer.from([0, 0, 0, 1])]);
  q.writeUInt16BE(f.qtype ?? DnsType.A, q.length - 4);
  const rrs = answers.map((a) => {
    const data = a.type === 'A' ? ipv4Bytes(a.address) : ipv6Bytes(a.address);
    const rr = Buffer.alloc(12 + data.length);
    rr.writeUInt16BE(0xc00c, 0); // name: pointer to the question's name at offset 12
    rr.writeUInt16BE(a.type === 'A' ? DnsType.A : DnsType.AAAA, 2);
    rr.writeUInt16BE(1, 4); // class IN
    rr.writeUInt32BE((a.ttl ?? 300) >>> 0, 6);
    rr.writeUInt16BE(data.length, 10);
    data.copy(rr, 12);
    return rr;
  });
  return Buffer.concat([h, q, ...rrs]);
}

export function dnsQuery(f: { id: number; name: string; qtype?: number }): Buffer {
  return dns(f);
}

export function dnsResponse(f: { id: number; name: string; qtype?: number; answers: DnsAnswer[]; rcode?: number }): Buffer {
  return dns(f);
}
