import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openCaptureFile } from '../../src/capture/file.js';
import type { PacketView } from '../../src/pcap/types.js';

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

/** How a capture file read to its end, or to the fault that ended it. */
export interface FileVisit {
  /** False when the reader refused the file at open (fault says why). */
  opened: boolean;
  /** The reader's message for the fault that ended the file (at open or part-way); '' at a clean end. */
  fault: string;
}

/**
 * Hands each packet of a capture file to visit (n counts from 1), up to its end or the
 * reader's first fault: the packets before a fault still count, as tcpdump prints them.
 */
export function visitPackets(file: string, visit: (p: PacketView, n: number) => void): FileVisit {
  let reader;
  try {
    reader = openCaptureFile(file);
  } catch (e) {
    return { opened: false, fault: (e as Error).message };
  }
  try {
    for (let n = 1; ; n++) {
      let p;
      try {
        p = reader.next();
      } catch (e) {
        return { opened: true, fault: (e as Error).message };
      }
      if (p === null) return { opened: true, fault: '' };
      visit(p, n);
    }
  } finally {
    reader.close();
  }
}
