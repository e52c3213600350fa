import { createRequire } from 'node:module';
import { LinkType } from '../pcap/linktype.js';

/** The part of the `cap` 0.2.1 binding we use (it ships no types). */
export interface CapHandle {
  /** Returns cap's link-type word ('ETHERNET', 'LINKTYPE_LINUX_SLL', ...); throws libpcap's message. */
  open(device: string, filter: string, bufSize: number, buffer: Buffer): string;
  close(): boolean;
  on(event: 'packet', listener: (nbytes: number, truncated: boolean) => void): this;
}

interface CapModule {
  Cap: { new (): CapHandle; deviceList(): { name: string }[] };
}

let loaded: CapModule | undefined;

/** Loads the native binding on first use, so that replay-only consoles never need libpcap. */
export function capModule(): CapModule {
  loaded ??= createRequire(import.meta.url)('cap') as CapModule;
  return loaded;
}

const WORDS: Record<string, number> = {
  NULL: LinkType.NULL,
  ETHERNET: LinkType.ETHERNET,
  IEEE802_11_RADIO: 127,
  LINKTYPE_LINUX_SLL: LinkType.LINUX_SLL,
  RAW: LinkType.RAW,
};

/** cap's link-type word to the pcap number; cap spells the ones it does not know "Unknown linktype N". */
export function linkTypeOfWord(word: string): number | null {
  if (word in WORDS) return WORDS[word];
  const m = /^Unknown linktype (\d+)$/.exec(word);
  return m ? Number(m[1]) : null;
}
