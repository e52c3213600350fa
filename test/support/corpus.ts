import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** tcpdump's own test captures, kept beside the project in ../shared (never copied in). */
export const corpusDir = resolve(import.meta.dirname, '../../../shared/corpus/tcpdump');

export const haveCorpus = existsSync(corpusDir);

/** Printed by suites that skip, so a run without ../shared says why it tested less. */
export const corpusMissing = `corpus not found at ${corpusDir}: corpus tests skipped (place ../shared beside the project)`;

export function corpusFiles(): string[] {
  if (!haveCorpus) return [];
  return readdirSync(corpusDir)
    .filter((f) => /\.(pcap|pcapng|cap)$/i.test(f) || !f.includes('.'))
    .sort()
    .map((f) => join(corpusDir, f));
}
