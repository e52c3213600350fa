import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { brief } from '../../src/decode/index.js';
import { corpusFiles, corpusMissing, haveCorpus, visitPackets } from '../support/corpus.js';

if (!haveCorpus) console.log(corpusMissing);

describe.skipIf(!haveCorpus)('brief lines over the whole corpus', () => {
  it('gives one non-empty line for every packet of every file, whatever the link type, and never throws', () => {
    let files = 0;
    let packets = 0;
    let lines = 0;
    let refused = 0;
    const problems: string[] = [];
    for (const file of corpusFiles()) {
      files++;
      // A file the reader refuses, at open or part-way: the packets before the fault were counted.
      const read = visitPackets(file, (p) => {
        packets++;
        let line = '';
        try {
          line = brief(p);
        } catch (e) {
          problems.push(`${basename(file)} packet ${packets}: threw ${(e as Error).message}`);
          return;
        }
        if (line.length > 16 && !line.includes('\n') && !line.includes('undefined') && !line.includes('NaN')) lines++;
        else problems.push(`${basename(file)} packet ${packets}: bad line ${JSON.stringify(line)}`);
      });
      if (read.fault !== '') refused++;
    }
    console.log(`decode corpus: ${files} files, ${packets} packets, ${lines} lines (${refused} files refused by the reader at some point)`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(lines).toBe(packets);
    expect(packets).toBeGreaterThan(5000);
  });
});
