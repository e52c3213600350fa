import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decoder } from '../../src/decode/index.js';
import { l2Frames } from './l2-frames.js';
import { view } from './view.js';

/**
 * The link-layer printers under mutation: real frames of each (l2-frames.ts) with bytes
 * flipped, random tails, cut anywhere, read as any of their link types, with -v up to
 * -vvv and -e. Every packet must give a line and no printer error (only truncations).
 */

const linkTypes = [1, 7, 9, 50, 51, 104, 105, 107, 119, 127, 129, 163, 166, 182, 226, 271, 281, 282, 284, 285];
const decoders = [0, 1, 2, 3].flatMap((verbose) => [false, true].map((linkHeader) => new Decoder({ verbose, linkHeader })));

function lineOk(line: string): boolean {
  return line.length > 0 && !line.includes('undefined') && !line.includes('NaN') && !line.includes('\n');
}

describe('link-layer printers on mutated frames never throw', () => {
  it('random flips, tails and cuts, on every link type they may meet', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...linkTypes),
        fc.nat(l2Frames.length - 1),
        fc.nat(decoders.length - 1),
        fc.array(fc.tuple(fc.nat(300), fc.nat(255)), { maxLength: 16 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.nat(400),
        (linkType, which, dec, flips, tail, cut) => {
          const base = Buffer.concat([l2Frames[which].bytes, Buffer.from(tail)]);
          for (const [at, v] of flips) base[at % base.length] = v;
          const cap = cut % (base.length + 1);
          const d = decoders[dec];
          const line = d.line(view(base, linkType, { capLen: cap, origLen: base.length }));
          expect(d.lastError, line).toBe('');
          return lineOk(line);
        },
      ),
      { numRuns: 30000 },
    );
  });

  it('every frame cut at every byte, with every option, as its own link type', () => {
    for (const d of decoders) {
      for (const f of l2Frames) {
        for (let cap = 0; cap <= f.bytes.length; cap++) {
          const line = d.line(view(f.bytes, f.linkType, { capLen: cap, origLen: f.bytes.length }));
          expect(d.lastError, line).toBe('');
          expect(lineOk(line), line).toBe(true);
        }
      }
    }
  });
});
