/** Reading captures for the referee tests and comparing one (file, filter) pair with tcpdump. */
import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { compilePredicate, FilterError } from '../../src/filter/index.js';
import type { Filter } from '../../src/filter/index.js';
import { openCaptureFile } from '../../src/capture/file.js';
import { normalizeLinkType } from '../../src/pcap/linktype.js';

/** One packet as both sides see it: identity is the captured bytes and both lengths. */
export interface Packet {
  origLen: number;
  data: Buffer;
}

export const same = (a: Packet, b: Packet): boolean => a.origLen === b.origLen && a.data.equals(b.data);

/** tcpdump with binary stdout (the shared runAsync decodes text). */
export function tcpdumpRaw(args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('tcpdump', args, { env: { ...process.env, TZ: 'UTC' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** The records of the classic pcap tcpdump writes with `-w -` (its own byte order). */
export function recordsOf(pcap: Buffer): Packet[] | null {
  if (pcap.length < 24) return null;
  const magic = pcap.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const u32 = (at: number): number => (le ? pcap.readUInt32LE(at) : pcap.readUInt32BE(at));
  const out: Packet[] = [];
  for (let at = 24; at + 16 <= pcap.length; ) {
    const capLen = u32(at + 8);
    const origLen = u32(at + 12);
    if (at + 16 + capLen > pcap.length) break;
    out.push({ origLen, data: pcap.subarray(at + 16, at + 16 + capLen) });
    at += 16 + capLen;
  }
  return out;
}

export interface FileRead {
  file: string;
  linkType: number;
  packets: Packet[];
  mixedLinkTypes: boolean;
}

/** Every packet of the file through the project's reader (up to a malformed part, as tcpdump). */
export function readAll(file: string): FileRead | null {
  let r;
  try {
    r = openCaptureFile(file);
  } catch {
    return null;
  }
  const packets: Packet[] = [];
  const linkType = normalizeLinkType(r.interfaces[0]?.linkType ?? -1);
  let mixedLinkTypes = false;
  try {
    for (let p = r.next(); p; p = r.next()) {
      if (normalizeLinkType(p.linkType) !== linkType) mixedLinkTypes = true;
      packets.push({ origLen: p.origLen, data: Buffer.from(p.buf.subarray(p.offset, p.offset + p.capLen)) });
    }
  } catch {
    // tcpdump stops at the same kind of damage; the baseline comparison below checks we agree on what was read.
  } finally {
    r.close();
  }
  return { file, linkType, packets, mixedLinkTypes };
}

/** A classic pcap (µs, little-endian) of the given packets, for tcpdump to filter. */
export function pcapOf(linkType: number, packets: readonly Packet[]): Buffer {
  const parts: Buffer[] = [];
  const h = Buffer.alloc(24);
  h.writeUInt32LE(0xa1b2c3d4, 0);
  h.writeUInt16LE(2, 4);
  h.writeUInt16LE(4, 6);
  h.writeUInt32LE(262144, 16);
  h.writeUInt32LE(linkType, 20);
  parts.push(h);
  for (const p of packets) {
    const r = Buffer.alloc(16);
    r.writeUInt32LE(p.data.length, 8);
    r.writeUInt32LE(p.origLen, 12);
    parts.push(r, p.data);
  }
  return Buffer.concat(parts);
}

const REFUSAL = /ethernet addresses supported only on|no VLAN support for/;
const REJECTS_ALL = /expression rejects all packets/;

export interface PairResult {
  outcome: 'compared' | 'refused' | 'rejects-all';
  differs: string | null;
  matched: number;
}

export async function comparePair(read: FileRead, filter: Filter, text: string): Promise<PairResult> {
  let predicate: ((b: Uint8Array, o: number, c: number) => boolean) | null = null;
  let ourRefusal = '';
  try {
    predicate = compilePredicate(filter, read.linkType);
  } catch (e) {
    if (!(e instanceof FilterError)) throw e;
    ourRefusal = e.message;
  }
  const r = await tcpdumpRaw(['-r', read.file, '-w', '-', text]);
  const where = `${basename(read.file)} "${text}"`;
  if (REFUSAL.test(r.stderr)) {
    return { outcome: 'refused', matched: 0, differs: predicate ? `${where}: libpcap refuses, pcapdump compiles` : null };
  }
  if (!predicate) return { outcome: 'compared', matched: 0, differs: `${where}: pcapdump refuses (${ourRefusal}), libpcap compiles` };
  const ours = read.packets.filter((p) => predicate(p.data, 0, p.data.length));
  if (REJECTS_ALL.test(r.stderr)) {
    return { outcome: 'rejects-all', matched: 0, differs: ours.length ? `${where}: libpcap rejects all, pcapdump selects ${ours.length}` : null };
  }
  const theirs = recordsOf(r.stdout);
  if (!theirs) return { outcome: 'compared', matched: 0, differs: `${where}: tcpdump wrote no capture: ${r.stderr.trim()}` };
  const equal = ours.length === theirs.length && ours.every((p, i) => same(p, theirs[i]));
  const differs = equal ? null : `${where}: tcpdump selects ${theirs.length}, pcapdump ${ours.length}${firstDifference(read.packets, ours, theirs)}`;
  return { outcome: 'compared', matched: theirs.length, differs };
}

/** Index of the first packet on which the two sides disagree, to start an investigation. */
function firstDifference(all: Packet[], ours: Packet[], theirs: Packet[]): string {
  let i = 0;
  let j = 0;
  for (let k = 0; k < all.length; k++) {
    const inOurs = i < ours.length && ours[i] === all[k];
    const inTheirs = j < theirs.length && same(theirs[j], all[k]);
    if (inOurs !== inTheirs) return ` (first at packet #${k + 1}: ${inOurs ? 'only pcapdump' : 'only tcpdump'} selects it)`;
    if (inOurs) i++;
    if (inTheirs) j++;
  }
  return '';
}

