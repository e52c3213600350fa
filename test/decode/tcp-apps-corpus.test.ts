import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { openCaptureFile } from '../../src/capture/file.js';
import { Decoder } from '../../src/decode/index.js';
import { corpusFiles, corpusMissing, haveCorpus } from '../support/corpus.js';
import { haveTool } from '../support/referee.js';
import { printBoth } from './referee-compare.js';
import type { Frame } from './referee-frames.js';

/**
 * The corpus's OpenFlow 1.0, RESP and NFS packets (real switches, Redis servers and
 * NFS clients) cut short every few bytes of their payload, printed by tcpdump and by
 * us at -v 0 to 3: every line must agree, and nothing but a truncation may stop a
 * printer. The whole packets are compared by agreement.test.ts and at every -v by the
 * lines of this test's first cut past their end.
 */

const cases: { name: string; files: RegExp; family: RegExp; step: number; maxLen: number }[] = [
  { name: 'OpenFlow 1.0', files: /^of10_/, family: /^tcp:openflow$/, step: 7, maxLen: 700 },
  { name: 'RESP', files: /^resp_/, family: /^tcp:resp$/, step: 2, maxLen: 400 },
  { name: 'NFS', files: /nfs/, family: /nfs$/, step: 3, maxLen: 400 },
];

/** Link-layer header length of the link types these files use (Ethernet, Linux cooked v1). */
const linkHeader: Record<number, number> = { 1: 14, 113: 16 };

/** The family's packets of the matching files, whole and cut every `step` bytes after the TCP or UDP header. */
function corpusCuts(files: RegExp, family: RegExp, step: number, maxLen: number): Frame[] {
  const out: Frame[] = [];
  for (const file of corpusFiles().filter((f) => files.test(basename(f)))) {
    const d = new Decoder();
    const reader = openCaptureFile(file);
    try {
      // A reader fault fails the test (these files are whole): stricter than visitPackets().
      for (let p = reader.next(); p !== null; p = reader.next()) {
        d.line(p);
        const link = linkHeader[p.linkType];
        if (!family.test(d.family) || link === undefined || p.capLen > maxLen) continue;
        const bytes = Buffer.from(p.buf.subarray(p.offset, p.offset + p.capLen));
        for (let n = link + 20 + 8; n < bytes.length; n += step) out.push({ linkType: p.linkType, bytes, capLen: n });
        out.push({ linkType: p.linkType, bytes });
      }
    } finally {
      reader.close();
    }
  }
  return out;
}

describe.skipIf(!haveCorpus || !haveTool('tcpdump'))('corpus application packets cut short, with tcpdump', () => {
  for (const c of cases) {
    it(`${c.name}: every cut at -v 0 to 3`, async () => {
      const frames = corpusCuts(c.files, c.family, c.step, c.maxLen);
      expect(frames.length).toBeGreaterThan(20);
      // One capture file per link type.
      for (const linkType of new Set(frames.map((f) => f.linkType))) {
        const set = frames.filter((f) => f.linkType === linkType);
        for (const verbose of [0, 1, 2, 3]) {
          const { theirs, ours, errors } = await printBoth(set, verbose);
          expect(errors).toEqual([]);
          expect(theirs.length).toBe(set.length);
          const differ = ours.flatMap((o, i) => (o === theirs[i] ? [] : [`#${i + 1}\n  tcpdump: ${theirs[i]}\n  ours:    ${o}`]));
          expect(differ.slice(0, 5), `${c.name} -v x${verbose}: ${differ.length} of ${set.length} differ`).toEqual([]);
        }
      }
    });
  }
});

if (!haveCorpus) console.log(corpusMissing);
