import { readCaptureFile } from '../console/offline.js';
import { parseBpfArgs, parseReadArgs } from '../console/offline-args.js';
import { toBpf } from '../filter/index.js';
import { LineWriter } from './line-writer.js';

export interface Output {
  out: (chunk: string) => void;
  err: (line: string) => void;
}

/** `pcapdump read`: brief lines (or a count) of the matching packets; exit status 1 for a bad file. */
export async function runRead(args: string[], io: Output): Promise<number> {
  const { file, filter, countOnly } = parseReadArgs(args);
  const lines = new LineWriter(io.out);
  // Counting needs no decoder: not loading it is a measurable share of a short run's time.
  const decoder = countOnly ? undefined : new (await import('../decode/index.js')).Decoder({ interfaceName: (await import('./interface-names.js')).interfaceNames() });
  let result;
  try {
    result = readCaptureFile(file, filter, decoder ? (p) => lines.line(decoder.line(p)) : undefined);
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
