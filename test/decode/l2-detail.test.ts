import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { corpusFiles, corpusMissing, haveCorpus } from '../support/corpus.js';
import { haveTool, mapLimit } from '../support/referee.js';
import { ourLines } from './agreement-lib.js';
import { optionsOf, ourWhole, runTcpdumpWhole } from './detail-lib.js';

/**
 * The link-layer families of the corpus (STP, LLDP, CDP, slow protocols, PPP, PPPoE,
 * MPLS, OSI, DECnet, frame relay, 802.11, switch tags...), every line of every packet
 * against tcpdump -nn with -v, -vv and -e: the verbose and link-header text the brief
 * line agreement test does not look at.
 */

const FAMILIES =
  /^(stp|lldp|cdp|dtp|udld|vtp|slow|ppp|pppoe|mpls|loopback|cfm|eapol|chdlc|slarp|fr|mfr|q933|isoclns|isis|clnp|esis|decnet|ipx|802\.11|arcnet|dsa|edsa|brcm-tag|ipnet|vsock|macsec|arista|msnlb|atalk|aarp|llap|llc)$/;

const ready = haveCorpus && haveTool('tcpdump');
if (!haveCorpus) console.log(corpusMissing);

describe.skipIf(!ready)('link-layer families of the corpus, every line as tcpdump -nn -v / -vv / -e prints it', () => {
  it('is identical packet for packet', async () => {
    // Only the files holding these families are run through tcpdump.
    const files = corpusFiles().filter((f) => ourLines(f).families.some((x) => FAMILIES.test(x)));
    const differ: string[] = [];
    let total = 0;
    const runs = [['-v'], ['-vv'], ['-e']].flatMap((args) => files.map((file) => ({ file, args })));
    const results = await mapLimit(runs, 2, async ({ file, args }) => ({ file, args, td: await runTcpdumpWhole(file, args), ours: ourWhole(file, optionsOf(args)) }));
    for (const { file, args, td, ours } of results) {
      expect(ours.errors).toEqual([]);
      ours.texts.forEach((mine, i) => {
        const theirs = td.get(i + 1);
        if (theirs === undefined || !FAMILIES.test(ours.families[i])) return;
        total++;
        if (mine !== theirs && differ.length < 10) differ.push(`${basename(file)} #${i + 1} ${args.join(' ')}\n--- tcpdump\n${theirs}\n--- ours\n${mine}`);
      });
    }
    console.log(`link-layer families: ${total} packets compared with -v, -vv and -e over ${files.length} files`);
    expect(differ, differ.join('\n')).toEqual([]);
    expect(total).toBeGreaterThan(1900);
  });
});
