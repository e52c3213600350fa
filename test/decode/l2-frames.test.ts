import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decoder } from '../../src/decode/index.js';
import { formatTime } from '../../src/decode/time.js';
import { PcapWriter } from '../../src/pcap/index.js';
import type { PacketView } from '../../src/pcap/types.js';
import { haveTool } from '../support/referee.js';
import { optionsOf, runTcpdumpWhole } from './detail-lib.js';
import { l2Frames } from './l2-frames.js';
import type { Frame } from './referee-frames.js';
import { view } from './view.js';

/**
 * Hand-built link-layer frames (l2-frames.ts), whole and cut short at every byte,
 * printed by tcpdump -nn and by us with no option, -v, -vv and -e: every line of
 * every packet must be the same (a cut frame shows tcpdump's [|proto] at the same
 * place).
 */

function views(frames: Frame[]): PacketView[] {
  return frames.map((f, i) => view(f.bytes, f.linkType, { capLen: f.capLen, tsSec: 1_700_000_000 + i, tsNsec: 250_000_000 }));
}

/** Every frame, and every frame cut after each of its bytes (from the 14th on, where the link header ends). */
function withCuts(frames: Frame[]): Frame[] {
  return frames.flatMap((f) => [f, ...Array.from({ length: Math.max(0, f.bytes.length - 14) }, (_, i) => ({ ...f, capLen: 14 + i }))]);
}

/**
 * Equal, except that where tcpdump's -v line of an IP header starts, only what comes
 * before it is compared: that line is the IP printer's, and this test is about the
 * link layers carrying it.
 */
function same(mine: string, theirs: string): boolean {
  if (mine === theirs) return true;
  const at = theirs.search(/IP6? \((tos|hlim|flowlabel|class)/);
  return at > 0 && mine.slice(0, at) === theirs.slice(0, at);
}

describe.skipIf(!haveTool('tcpdump'))('link-layer frames, every line as tcpdump -nn prints them', () => {
  it('with no option, -v, -vv and -e, whole and cut short', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcapdump-l2-'));
    try {
      const byLink = new Map<number, Frame[]>();
      for (const f of withCuts(l2Frames)) byLink.set(f.linkType, [...(byLink.get(f.linkType) ?? []), f]);
      const differ: string[] = [];
      let packets = 0;
      for (const [linkType, group] of byLink) {
        const file = join(dir, `l2-${linkType}.pcap`);
        const chunks: Buffer[] = [];
        const w = new PcapWriter((c) => chunks.push(Buffer.from(c)), { linkType });
        const vs = views(group);
        for (const v of vs) w.writePacket(v);
        w.flush();
        writeFileSync(file, Buffer.concat(chunks));
        for (const args of [[], ['-v'], ['-vv'], ['-e']]) {
          const td = await runTcpdumpWhole(file, args);
          const d = new Decoder(optionsOf(args));
          vs.forEach((v, i) => {
            packets++;
            const mine = formatTime(v.tsSec, v.tsNsec) + ' ' + d.body(v);
            expect(d.lastError, `${linkType} #${i + 1} ${args.join(' ')}`).toBe('');
            const theirs = td.get(i + 1) ?? '';
            if (!same(mine, theirs) && differ.length < 10) differ.push(`link ${linkType} #${i + 1} ${args.join(' ')} (${v.capLen}/${v.origLen})\n--- tcpdump\n${theirs}\n--- ours\n${mine}`);
          });
        }
      }
      expect(differ, differ.join('\n')).toEqual([]);
      expect(packets).toBeGreaterThan(5000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
