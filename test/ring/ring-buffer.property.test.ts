import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../src/ring/ring-buffer.js';
import type { PacketView } from '../../src/pcap/types.js';
import { PcapWriter, pcapFileHeader } from '../../src/pcap/writer.js';
import { RingModel, type ModelPacket } from './model.js';

type Op = { kind: 'push'; capLen: number; extra: number; lead: number; seed: number; plain: boolean } | { kind: 'clear' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 40, arbitrary: fc.record({ kind: fc.constant('push' as const), capLen: fc.oneof(fc.nat(40), fc.nat(400)), extra: fc.nat(100), lead: fc.nat(8), seed: fc.nat(255), plain: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

let clock = 1_700_000_000;
function packetFor(op: Extract<Op, { kind: 'push' }>): ModelPacket {
  const data = Buffer.alloc(op.capLen);
  for (let i = 0; i < data.length; i++) data[i] = (op.seed + i * 7) & 0xff;
  clock++;
  return { tsSec: clock, tsNsec: (op.seed * 390_707) % 1_000_000_000, origLen: op.capLen + op.extra, data };
}

function samePackets(a: ModelPacket[], b: ModelPacket[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => p.tsSec === b[i].tsSec && p.tsNsec === b[i].tsNsec && p.origLen === b[i].origLen && p.data.equals(b[i].data))
  );
}

// Plain comparisons, failing with a message: expect() on every one of ~15,000 states is slow.
function must(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

function contents(ring: RingBuffer): ModelPacket[] {
  const out: ModelPacket[] = [];
  let first: PacketView | undefined;
  ring.forEach((v) => {
    first ??= v;
    must(v === first, 'forEach must reuse one view'); // no object per packet
    must(v.buf.length === ring.size, 'view points into the ring');
    out.push({ tsSec: v.tsSec, tsNsec: v.tsNsec, origLen: v.origLen, data: v.buf.subarray(v.offset, v.offset + v.capLen) });
  });
  return out;
}

function writtenByPcapWriter(linkType: number, packets: ModelPacket[]): Buffer {
  const chunks: Buffer[] = [];
  const w = new PcapWriter((c) => chunks.push(c), { linkType, nanosecond: true });
  for (const p of packets) {
    w.writePacket({ linkType, interfaceId: 0, tsSec: p.tsSec, tsNsec: p.tsNsec, capLen: p.data.length, origLen: p.origLen, buf: p.data, offset: 0 });
  }
  w.flush();
  return Buffer.concat(chunks);
}

function check(ring: RingBuffer, model: RingModel): void {
  const stored = model.stored();
  const recordBytes = stored.reduce((s, p) => s + 16 + p.data.length, 0);
  must(ring.usedBytes <= ring.size, `usedBytes ${ring.usedBytes} > size ${ring.size}`);
  must(ring.usedBytes === recordBytes, `usedBytes ${ring.usedBytes}, model ${recordBytes}`);
  must(samePackets(contents(ring), stored), 'contents differ from the model');
  must(ring.packets === stored.length, `packets ${ring.packets}, model ${stored.length}`);
  must(ring.pushed === model.pushed && ring.dropped === model.dropped, 'pushed/dropped differ from the model');
  must(ring.pushed === ring.packets + ring.overwritten, 'pushed != packets + overwritten');

  // Beyond the model: what is kept is the newest packets, and the ring never wastes more
  // than one record's worth of room (the one gap left by a wrap).
  const accepted = model.accepted();
  must(samePackets(accepted.slice(accepted.length - stored.length), stored), 'not the newest packets');
  const older = accepted[accepted.length - stored.length - 1];
  if (older) {
    const largest = Math.max(...accepted.map((p) => 16 + p.data.length));
    must(recordBytes + 16 + older.data.length + largest > ring.size, 'an older packet would still have fitted');
  }

  const segs = ring.segments();
  must(segs.length <= (stored.length === 0 ? 0 : 2), `${segs.length} segments`);
  must(Buffer.concat([pcapFileHeader({ linkType: ring.linkType, nanosecond: true }), ...segs]).equals(writtenByPcapWriter(ring.linkType, stored)), 'segments are not the pcap file body');
}

describe('RingBuffer against a model', () => {
  it('holds exactly the newest packets that fit, in order, with consistent counts', () => {
    let checks = 0;
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2000 })), fc.array(opArb, { maxLength: 80, size: 'max' }), (size, ops) => {
        const ring = new RingBuffer(size, 1);
        const model = new RingModel(size);
        expect(ring.size).toBe(size);
        for (const op of ops) {
          if (op.kind === 'clear') {
            ring.clear();
            model.clear();
          } else {
            const p = packetFor(op);
            // Push from inside a larger array, as a capture source hands over its buffer.
            const backing = Buffer.alloc(op.lead + p.data.length + 3, 0xee);
            p.data.copy(backing, op.lead);
            const src = op.plain ? new Uint8Array(backing) : backing;
            expect(ring.push(p.tsSec, p.tsNsec, p.origLen, src, op.lead, p.data.length)).toBe(model.push(p));
          }
          check(ring, model);
          checks++;
        }
      }),
      { numRuns: 1000 },
    );
    console.log(`ring model: 1000 runs, ${checks} states compared`);
  });

  it('pushRecords of a batch leaves the ring as push() of each record does', () => {
    let records = 0;
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2000 })),
        fc.array(fc.array(opArb, { maxLength: 12 }), { maxLength: 12 }),
        fc.nat(7),
        (size, batches, lead) => {
          const bulk = new RingBuffer(size, 1);
          const single = new RingBuffer(size, 1);
          for (const batch of batches) {
            const pushes = batch.filter((op): op is Extract<Op, { kind: 'push' }> => op.kind === 'push').map(packetFor);
            // The batch as a source hands it over: records back to back after some other bytes.
            const chunk = Buffer.alloc(lead + pushes.reduce((n, p) => n + 16 + p.data.length, 0) + 5, 0xee);
            let off = lead;
            for (const p of pushes) {
              chunk.writeUInt32LE(p.tsSec, off);
              chunk.writeUInt32LE(p.tsNsec, off + 4);
              chunk.writeUInt32LE(p.data.length, off + 8);
              chunk.writeUInt32LE(p.origLen, off + 12);
              p.data.copy(chunk, off + 16);
              off += 16 + p.data.length;
              single.push(p.tsSec, p.tsNsec, p.origLen, p.data, 0, p.data.length);
            }
            must(bulk.pushRecords(chunk, lead, off) === pushes.length, 'every record taken');
            records += pushes.length;
            must(samePackets(contents(bulk), contents(single)), 'same packets');
            const counts = (r: RingBuffer) => [r.packets, r.usedBytes, r.overwritten, r.dropped, r.pushed].join();
            must(counts(bulk) === counts(single), `counters ${counts(bulk)} vs ${counts(single)}`);
            must(Buffer.concat(bulk.segments()).equals(Buffer.concat(single.segments())), 'same bytes');
          }
        },
      ),
      { numRuns: 500 },
    );
    console.log(`ring pushRecords: 500 runs, ${records} records in batches, same as one by one`);
  });
});
