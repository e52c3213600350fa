import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { corpusFiles, corpusMissing, haveCorpus } from '../support/corpus.js';
import { haveTool, mapLimit } from '../support/referee.js';
import { groupOf, localInterfaceNames, ourLines, percent, runTcpdump, type Tally } from './agreement-lib.js';

/**
 * Every packet of every corpus file: our brief line against tcpdump -nn's first line
 * for that packet, counted per family. Targets from issue #11: TCP, UDP, ICMP/ICMPv6
 * and ARP at least 95% identical each, 60% overall; the floors below are raised to
 * what the printers reach (raise them again as printers are added).
 *
 * To work on a family: DECODE_FAMILY=<regex over family or group> prints its differing
 * packets (DECODE_SHOW=N of them, default 30); DECODE_FILES=<regex> limits the files.
 *   DECODE_FAMILY='^udp:domain$' npx vitest run test/decode/agreement.test.ts
 */

// Issue #11 asked 95% of the first four and 60% overall; the printers reach 100% for every
// group but non-IP (98.1%: Juniper, 802.15.4, SLIP, ATM and a few other link types) and
// 99.7% overall. The floors sit just under that, so that a printer that breaks fails here.
const TARGETS: Record<string, number> = { TCP: 99.5, UDP: 99.5, 'ICMP/ICMPv6': 99.5, ARP: 99.5, 'other IP': 99.5, 'non-IP': 97.5, 'applications (all)': 99.5 };
const OVERALL_FLOOR = 99.5;

const ready = haveCorpus && haveTool('tcpdump');
if (!haveCorpus) console.log(corpusMissing);
else if (!ready) console.log('tcpdump not found: decode agreement test skipped');

const familyFilter = process.env.DECODE_FAMILY ? new RegExp(process.env.DECODE_FAMILY) : null;
const fileFilter = process.env.DECODE_FILES ? new RegExp(process.env.DECODE_FILES) : null;
const showMax = Number(process.env.DECODE_SHOW ?? 30);

/**
 * Whole lines must be equal, time stamp included, with two exceptions in the time
 * stamp alone (its format is not this test's subject): tcpdump 4.99.3 prints
 * "[Error converting time]" for seconds from 2^31 on (we print the time), and
 * prints a fraction of 1000000 or more as it is in the file (our reader carries it
 * into the seconds). Then the rest of the line is compared.
 */
function sameLine(ours: string, theirs: string): boolean {
  if (ours === theirs) return true;
  const m = /^(\[Error converting time\]|\d\d:\d\d:\d\d\.\d{7,}) /.exec(theirs);
  return m !== null && ours.slice(ours.indexOf(' ') + 1) === theirs.slice(m[0].length);
}

describe.skipIf(!ready)('brief lines agree with tcpdump -nn', () => {
  it('per family and overall, over every packet of the corpus', async () => {
    const files = corpusFiles().filter((f) => !fileFilter || fileFilter.test(basename(f)));
    const ifName = localInterfaceNames();
    const results = await mapLimit(files, 2, async (file) => ({ file, td: await runTcpdump(file), ours: ourLines(file, ifName) }));

    const groups = new Map<string, Tally>();
    const families = new Map<string, Tally>();
    const overall: Tally = { packets: 0, same: 0 };
    const shown: string[] = [];
    const bugs: string[] = [];
    let notPrintedByTcpdump = 0;
    const tally = (m: Map<string, Tally>, k: string, same: boolean) => {
      let t = m.get(k);
      if (!t) m.set(k, (t = { packets: 0, same: 0 }));
      t.packets++;
      if (same) t.same++;
    };
    for (const { file, td, ours } of results) {
      const name = basename(file);
      for (const e of ours.errors) bugs.push(`${name} ${e}`);
      const n = Math.max(ours.lines.length, td.lines.size);
      for (let i = 0; i < n; i++) {
        const theirs = td.lines.get(i + 1);
        if (theirs === undefined) {
          notPrintedByTcpdump++;
          continue;
        }
        const mine = i < ours.lines.length ? ours.lines[i] : `(not read: ${ours.readerError})`;
        const family = i < ours.families.length ? ours.families[i] : 'reader';
        const group = groupOf(family);
        const same = sameLine(mine, theirs);
        overall.packets++;
        if (same) overall.same++;
        tally(groups, group, same);
        tally(families, family, same);
        if (!same && familyFilter && (familyFilter.test(family) || familyFilter.test(group)) && shown.length < showMax) {
          shown.push(`${name}#${i + 1} [${family}]\n  tcpdump: ${theirs}\n  ours:    ${mine}`);
        }
      }
    }

    const row = (k: string, t: Tally) => `  ${k.padEnd(24)} ${String(t.same).padStart(5)}/${String(t.packets).padEnd(5)} ${percent(t).toFixed(1).padStart(5)}%`;
    const lines = [`decode agreement with tcpdump -nn over ${results.length} files (${notPrintedByTcpdump} packets tcpdump did not print are left out):`];
    const order = ['TCP', 'UDP', 'ICMP/ICMPv6', 'ARP', 'other IP', 'non-IP'];
    for (const g of order) if (groups.has(g)) lines.push(row(g, groups.get(g)!));
    const apps = [...groups.entries()].filter(([g]) => !order.includes(g)).sort((a, b) => b[1].packets - a[1].packets);
    if (apps.length) {
      const appTotal = apps.reduce((t, [, x]) => ({ packets: t.packets + x.packets, same: t.same + x.same }), { packets: 0, same: 0 });
      lines.push(row('applications (all)', appTotal));
      groups.set('applications (all)', appTotal);
      for (const [g, t] of apps) lines.push(row('  ' + g, t));
    }
    lines.push(row('overall', overall));
    const worst = [...families.entries()].filter(([, t]) => t.packets > t.same).sort((a, b) => b[1].packets - b[1].same - (a[1].packets - a[1].same));
    lines.push('  most differing families: ' + worst.slice(0, familyFilter ? worst.length : 15).map(([f, t]) => `${f} ${t.packets - t.same}/${t.packets}`).join(', '));
    console.log(lines.join('\n'));
    if (shown.length) console.log(shown.join('\n'));

    expect(bugs.slice(0, 20)).toEqual([]);
    if (fileFilter) return;
    for (const [g, target] of Object.entries(TARGETS)) {
      const t = groups.get(g);
      expect(t, `${g}: no packets`).toBeDefined();
      expect(percent(t!), `${g} identical`).toBeGreaterThanOrEqual(target);
    }
    expect(percent(overall), 'overall identical').toBeGreaterThanOrEqual(OVERALL_FLOOR);
    expect(overall.packets).toBeGreaterThan(5000);
  });
});
