import { countCaptureFile, readCaptureFile } from '../console/offline.js';
import { parseBpfArgs, parseReadArgs } from '../console/offline-args.js';
import { toBpf } from '../filter/index.js';
import { LineWriter } from './line-writer.js';
import { detailed } from '../console/detail.js';
import type { PacketView } from '../pcap/types.js';

export interface Output {
  /**
   * Text whose characters are bytes (Latin-1): the printers' text is tcpdump's output,
   * whose bytes tcpdump writes as they are (the agreement tests read tcpdump's output so).
   */
  out: (chunk: string) => void;
  err: (line: string) => void;
  /** Characters of text collected before out() is called (LineWriter's default when unset). */
  chunkChars?: number;
}

/** What `read` takes from src/decode: the CLI may load it from a prepared script. */
export type DecodeModule = Pick<typeof import('../decode/index.js'), 'Decoder'>;

/**
 * `pcapdump read`: brief lines (or with -v/-x/-X/-A all that tcpdump prints) of the
 * matching packets, or their count; exit status 1 for a bad file.
 */
export async function runRead(args: string[], io: Output, loadDecoder: () => Promise<DecodeModule> = () => import('../decode/index.js')): Promise<number> {
  const { file, filter, countOnly, detail } = parseReadArgs(args);
  const lines = new LineWriter(io.out, io.chunkChars);
  // Counting needs no decoder: not loading it is a measurable share of a short run's time.
  let onMatch: ((p: PacketView) => void) | undefined;
  if (!countOnly) {
    const [{ Decoder }, { interfaceNames }] = await Promise.all([loadDecoder(), import('./interface-names.js')]);
    const names = interfaceNames();
    // An interface name is text (UTF-8 from /sys): as bytes, to be written as Output.out writes.
    const interfaceName = (index: number) => {
      const name = names(index);
      return name === undefined || /^[\x20-\x7e]*$/.test(name) ? name : Buffer.from(name, 'utf8').toString('latin1');
    };
    const decoder = new Decoder({ interfaceName, ...detail.print });
    onMatch = detailed(detail.print) ? (p) => lines.line(decoder.text(p)) : (p) => lines.line(decoder.line(p));
  }
  let result;
  try {
    result = countOnly ? await countCaptureFile(file, filter, detail.count) : await readCaptureFile(file, filter, onMatch, detail.count);
  } catch (err) {
    io.err(`pcapdump: ${(err as Error).message}`);
    return 1;
  }
  if (countOnly) lines.line(String(result.matched));
  lines.flush();
  if (result.error) {
    io.err(`pcapdump: ${result.error.message} (after ${result.packets} packets)`);
    return 1;
  }
  return 0;
}

/** `pcapdump bpf`: the libpcap filter text a filter compiles to. */
export function runBpf(args: string[], io: Output): number {
  io.out(toBpf(parseBpfArgs(args)) + '\n');
  return 0;
}
