import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFilter, toBpf } from '../../src/filter/index.js';
import { FILTERED_LINK_TYPES } from '../../src/filter/linklayer.js';
import { linkTypeName } from '../../src/pcap/linktype.js';
import { corpusFiles, corpusMissing, haveCorpus } from '../support/corpus.js';
import { haveTool, mapLimit } from '../support/referee.js';
import { AGREEMENT_FILTERS } from './cases.js';
import { comparePair, pcapOf, readAll, recordsOf, same, tcpdumpRaw } from './compare.js';
import type { FileRead, Packet } from './compare.js';

/** Deep enough for every field the filters read: VLAN + IPv4 with options + ports. */
const MAX_CUT = 100;

/**
 * Every corpus packet cut at every length 0..MAX_CUT, as a short snaplen would cut it.
 * BPF rejects a packet the moment a load falls outside the captured bytes, even inside
 * an `or`; this shows the predicate rejects exactly the same short packets.
 */
function cutPackets(reads: FileRead[]): Packet[] {
  const seen = new Set<string>();
  const out: Packet[] = [];
  for (const r of reads) {
    for (const p of r.packets) {
      for (let cut = 0; cut <= Math.min(MAX_CUT, p.data.length); cut++) {
        const data = p.data.subarray(0, cut);
        const key = `${p.origLen}/${data.toString('latin1')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ origLen: p.origLen, data });
      }
    }
  }
  return out;
}

describe.skipIf(!haveCorpus || !haveTool('tcpdump'))('filter agreement with tcpdump on short packets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcapdump-cut-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a packet cut short is selected by the predicate exactly when tcpdump selects it', async () => {
    const reads = corpusFiles()
      .map(readAll)
      .filter((r): r is FileRead => r !== null && !r.mixedLinkTypes && FILTERED_LINK_TYPES.includes(r.linkType));
    const cutFiles: FileRead[] = [];
    for (const lt of FILTERED_LINK_TYPES) {
      const packets = cutPackets(reads.filter((r) => r.linkType === lt));
      if (packets.length === 0) continue;
      const file = join(dir, `cut-${linkTypeName(lt)}.pcap`);
      writeFileSync(file, pcapOf(lt, packets));
      const back = recordsOf((await tcpdumpRaw(['-r', file, '-w', '-'])).stdout) ?? [];
      expect(back.length).toBe(packets.length);
      expect(back.every((p, i) => same(p, packets[i]))).toBe(true);
      cutFiles.push({ file, linkType: lt, packets, mixedLinkTypes: false });
    }
    const filters = AGREEMENT_FILTERS.map((s) => parseFilter(s.split(' ')));
    const pairs = cutFiles.flatMap((read) => filters.map((filter) => ({ read, filter })));
    const results = await mapLimit(pairs, 2, ({ read, filter }) => comparePair(read, filter, toBpf(filter)));
    const compared = results.filter((r) => r.outcome === 'compared').length;
    const differ = results.filter((r) => r.differs !== null);
    const total = cutFiles.reduce((n, r) => n + r.packets.length, 0);
    console.log(
      `short packets: ${total} distinct cuts (0..${MAX_CUT} bytes) of corpus packets in ${cutFiles.length} link types ` +
        `(${cutFiles.map((r) => `${linkTypeName(r.linkType)} ${r.packets.length}`).join(', ')}); ` +
        `${filters.length} filters: ${compared} pairs compared, ${results.reduce((n, r) => n + r.matched, 0)} selections, ${differ.length} differ`,
    );
    expect(differ.map((d) => d.differs)).toEqual([]);
  }, 600_000);
});

if (!haveCorpus) console.log(corpusMissing);
