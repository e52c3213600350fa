import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { Decoder, type DecodeOptions } from '../../src/decode/index.js';
import { corpusFiles, corpusMissing, haveCorpus, visitPackets } from '../support/corpus.js';
import { haveTool, mapLimit } from '../support/referee.js';
import { groupOf, localInterfaceNames, percent, runTcpdump, runTcpdumpTexts, type Tally } from './agreement-lib.js';

/**
 * The detail options (`-v`, `-vv`, `-vvv`, `-e`, `-x`, `-xx`, `-X`, `-XX`, `-A`) against
 * tcpdump with the same options, over the corpus: every line tcpdump prints for a packet,
 * compared whole. Only packets whose default brief line already agrees are counted: a
 * printer that is not yet tcpdump's is agreement.test.ts's subject, not the options'.
 *
 * DECODE_OPTIONS_SHOW=N prints N differing packets per option set.
 */

interface OptionSet {
  flags: string[];
  opts: Partial<DecodeOptions>;
  /** Only files whose names match (payload text for -A). */
  files?: RegExp;
}

const SETS: OptionSet[] = [
  { flags: ['-v', '-x'], opts: { verbose: 1, hex: 1 } },
  { flags: ['-vvv', '-e', '-XX'], opts: { verbose: 3, linkHeader: true, hexAscii: 2 } },
  { flags: ['-vv', '-A'], opts: { verbose: 2, ascii: 1 }, files: /http|smtp|ftp|pop|imap|sip|telnet|dns|ldap|nfs|syslog/i },
];

/** Each set, and TCP, UDP, ICMP/ICMPv6 and ARP within it, identical on at least this share of the counted packets. */
const TARGET = 99;

const ready = haveCorpus && haveTool('tcpdump');
if (!haveCorpus) console.log(corpusMissing);
else if (!ready) console.log('tcpdump not found: detail options agreement test skipped');

const showMax = Number(process.env.DECODE_OPTIONS_SHOW ?? 5);

/** The time stamp of a first line as agreement.test.ts forgives it (tcpdump 4.99.3's own quirks). */
function sameText(ours: string, theirs: string): boolean {
  if (ours === theirs) return true;
  const m = /^(\[Error converting time\]|\d\d:\d\d:\d\d\.\d{7,}) /.exec(theirs);
  return m !== null && ours.slice(ours.indexOf(' ') + 1) === theirs.slice(m[0].length);
}

/** Our text of every packet of a file, for the default options (first line) and the set's (whole). */
function ours(file: string, opts: Partial<DecodeOptions>, ifName: (i: number) => string | undefined): { brief: string[]; text: string[]; family: string[] } {
  const plain = new Decoder({ interfaceName: ifName });
  const rich = new Decoder({ interfaceName: ifName, ...opts });
  const r = { brief: [] as string[], text: [] as string[], family: [] as string[] };
  visitPackets(file, (p) => {
    r.brief.push(plain.line(p));
    r.text.push(rich.text(p).replace(/\n+$/, ''));
    r.family.push(rich.family);
    expect(rich.lastError, `${basename(file)} packet ${r.text.length}`).toBe('');
  });
  return r;
}

describe.skipIf(!ready)('show/read detail options print what tcpdump prints with them', () => {
  const files = corpusFiles();
  const ifName = localInterfaceNames();
  const briefs = new Map<string, Map<number, string>>();

  it.each(SETS)('tcpdump $flags', async (set) => {
    const chosen = files.filter((f) => !set.files || set.files.test(basename(f)));
    const results = await mapLimit(chosen, 2, async (file) => {
      let base = briefs.get(file);
      if (!base) briefs.set(file, (base = (await runTcpdump(file)).lines));
      return { file, base, theirs: await runTcpdumpTexts(file, set.flags), mine: ours(file, set.opts, ifName) };
    });
    const all: Tally = { packets: 0, same: 0 };
    const groups = new Map<string, Tally>();
    const shown: string[] = [];
    for (const { file, base, theirs, mine } of results) {
      for (let i = 0; i < mine.text.length; i++) {
        const t = theirs.get(i + 1);
        const b = base.get(i + 1);
        if (t === undefined || b === undefined || !sameText(mine.brief[i], b)) continue;
        const same = sameText(mine.text[i], t);
        const g = groupOf(mine.family[i]);
        let tally = groups.get(g);
        if (!tally) groups.set(g, (tally = { packets: 0, same: 0 }));
        for (const x of [all, tally]) {
          x.packets++;
          if (same) x.same++;
        }
        if (!same && shown.length < showMax) shown.push(`${basename(file)}#${i + 1} [${mine.family[i]}]\n--- tcpdump:\n${t}\n--- ours:\n${mine.text[i]}`);
      }
    }
    const row = (k: string, t: Tally) => `  ${k.padEnd(16)} ${String(t.same).padStart(5)}/${String(t.packets).padEnd(5)} ${percent(t).toFixed(1).padStart(5)}%`;
    const lines = [`tcpdump -nn ${set.flags.join(' ')} over ${results.length} files (packets whose default line agrees):`];
    for (const g of ['TCP', 'UDP', 'ICMP/ICMPv6', 'ARP', 'other IP', 'non-IP']) if (groups.has(g)) lines.push(row(g, groups.get(g)!));
    lines.push(row('all', all));
    console.log(lines.join('\n'));
    if (shown.length) console.log(shown.join('\n'));
    expect(all.packets).toBeGreaterThan(set.files ? 50 : 3000);
    expect(percent(all), 'all identical').toBeGreaterThanOrEqual(TARGET);
    for (const g of ['TCP', 'UDP', 'ICMP/ICMPv6', 'ARP']) {
      const t = groups.get(g);
      if (t) expect(percent(t), `${g} identical`).toBeGreaterThanOrEqual(TARGET);
    }
  });
});
