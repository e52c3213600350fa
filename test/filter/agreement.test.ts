import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFilter, toBpf } from '../../src/filter/index.js';
import { FILTERED_LINK_TYPES } from '../../src/filter/linklayer.js';
import { corpusFiles, corpusMissing, haveCorpus } from '../support/corpus.js';
import { haveTool, mapLimit } from '../support/referee.js';
import { AGREEMENT_FILTERS } from './cases.js';
import { comparePair, readAll, recordsOf, same, tcpdumpRaw } from './compare.js';
import type { FileRead } from './compare.js';

describe.skipIf(!haveCorpus || !haveTool('tcpdump'))('filter agreement with tcpdump over the corpus', () => {
  it('the JS predicate selects exactly the packets tcpdump selects', async () => {
    const filters = AGREEMENT_FILTERS.map((s) => ({ text: s, filter: parseFilter(s.split(' ')) }));
    const reads = corpusFiles()
      .map(readAll)
      .filter((r): r is FileRead => r !== null && FILTERED_LINK_TYPES.includes(r.linkType));
    // Our reader and tcpdump's must see the same packets, or a difference would not be the filter's.
    const baseline = await mapLimit(reads, 2, async (read) => {
      const r = await tcpdumpRaw(['-r', read.file, '-w', '-']);
      const theirs = recordsOf(r.stdout) ?? [];
      const equal = !read.mixedLinkTypes && theirs.length === read.packets.length && theirs.every((p, i) => same(p, read.packets[i]));
      return { read, equal, theirs: theirs.length };
    });
    const unequal = baseline.filter((b) => !b.equal);
    const usable = baseline.filter((b) => b.equal).map((b) => b.read);
    const pairs = usable.flatMap((read) => filters.map((f) => ({ read, ...f })));
    const results = await mapLimit(pairs, 2, ({ read, filter }) => comparePair(read, filter, toBpf(filter)));
    const compared = results.filter((r) => r.outcome === 'compared').length;
    const refused = results.filter((r) => r.outcome === 'refused').length;
    const rejectsAll = results.filter((r) => r.outcome === 'rejects-all').length;
    const withMatch = results.filter((r) => r.matched > 0).length;
    const differ = results.filter((r) => r.differs !== null);
    const packets = usable.reduce((n, r) => n + r.packets.length, 0);
    console.log(
      `filter agreement: ${filters.length} filters x ${usable.length} files (${packets} packets) = ${results.length} pairs: ` +
        `${compared} compared (${withMatch} with at least one match), ${refused} refused by libpcap and by pcapdump, ` +
        `${rejectsAll} "rejects all packets" in libpcap (pcapdump selects none), ${differ.length} differ`,
    );
    if (unequal.length) {
      console.log(
        `filter agreement: ${unequal.length} files left out because our reader and tcpdump read different packets: ` +
          unequal.map((b) => `${basename(b.read.file)} (${b.read.packets.length} vs ${b.theirs})`).join(', '),
      );
    }
    expect(usable.length).toBeGreaterThan(200);
    expect(withMatch).toBeGreaterThan(500);
    expect(differ.map((d) => d.differs)).toEqual([]);
  }, 600_000);
});

if (!haveCorpus) console.log(corpusMissing);
