import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decoder } from '../../src/decode/index.js';
import { LinkType } from '../../src/pcap/linktype.js';
import type { PacketView } from '../../src/pcap/types.js';
import { assorted, connection, more } from './referee-frames.js';
import { view } from './view.js';

const seeds = [...connection, ...assorted, ...more];

function lineOk(line: string): boolean {
  return line.length > 0 && !line.includes('undefined') && !line.includes('NaN') && !line.includes('\n');
}

describe('truncated and malformed frames give a line, never an exception', () => {
  it('every hand-built frame cut at every byte offset prints a line (printers.test.ts compares them with tcpdump)', () => {
    const d = new Decoder();
    for (const f of seeds) {
      for (let cap = 1; cap < f.bytes.length; cap++) {
        const line = d.line(view(f.bytes, f.linkType, { capLen: cap, origLen: f.bytes.length }));
        expect(lineOk(line), line).toBe(true);
        expect(d.lastError, line).toBe('');
      }
    }
  });

  it('a view claiming more bytes than its buffer holds is read only as far as the buffer goes', () => {
    const f = connection[3];
    const p: PacketView = { ...view(f.bytes, LinkType.ETHERNET), capLen: 1 << 17, origLen: 1 << 17 };
    p.buf = p.buf.subarray(0, p.offset + 14 + 20 + 10);
    const d = new Decoder();
    expect(d.line(p)).toMatch(/\[\|tcp\]$/);
    expect(d.lastError).toBe('');
  });

  it('random bytes on every link type, at any offset, never throw and never hit a printer bug', () => {
    const links = [0, 1, 101, 108, 113, 228, 229, 276, 105, 9999];
    const d = new Decoder();
    fc.assert(
      fc.property(
        fc.constantFrom(...links),
        fc.nat(seeds.length - 1),
        fc.array(fc.tuple(fc.nat(200), fc.nat(255)), { maxLength: 12 }),
        fc.uint8Array({ maxLength: 120 }),
        fc.nat(200),
        fc.nat(200),
        (linkType, which, flips, tail, cut, orig) => {
          // Mutated real frames reach deep layers; random tails cover the rest.
          const base = Buffer.concat([seeds[which].bytes, Buffer.from(tail)]);
          for (const [at, v] of flips) base[at % base.length] = v;
          const cap = cut % (base.length + 1);
          const line = d.line(view(base, linkType, { capLen: cap, origLen: Math.max(orig, cap) }));
          return lineOk(line) && d.lastError === '';
        },
      ),
      { numRuns: 20000 },
    );
  });

  it('with -vvv, -e and each dump (-x, -XX, -A) a mutated frame prints its text, never an exception', () => {
    const options = [
      { verbose: 3, linkHeader: true, hex: 1 },
      { verbose: 2, hexAscii: 2 },
      { verbose: 1, linkHeader: true, ascii: 1 },
    ];
    // Pairs fed the same packets (so with the same TCP state): one prints the text, one the brief line.
    const decoders = options.map((o) => new Decoder(o));
    const briefs = options.map((o) => new Decoder(o));
    fc.assert(
      fc.property(
        fc.nat(decoders.length - 1),
        fc.nat(seeds.length - 1),
        fc.array(fc.tuple(fc.nat(200), fc.nat(255)), { maxLength: 12 }),
        fc.uint8Array({ maxLength: 120 }),
        fc.nat(200),
        (which, seed, flips, tail, cut) => {
          const base = Buffer.concat([seeds[seed].bytes, Buffer.from(tail)]);
          for (const [at, v] of flips) base[at % base.length] = v;
          const cap = 1 + (cut % base.length);
          const d = decoders[which];
          const p = view(base, seeds[seed].linkType, { capLen: cap, origLen: base.length });
          const text = d.text(p);
          const first = text.split('\n')[0];
          // The brief line is the text's first line: every break went through newline().
          return lineOk(first) && briefs[which].line(p) === first && !text.includes('undefined') && !text.includes('NaN') && d.lastError === '';
        },
      ),
      { numRuns: 5000 },
    );
  });
});
