import { CommandError, UsageError } from '../console/errors.js';
import { parseCommand, type StreamOptions } from '../console/grammar.js';
import type { EngineLink } from '../console/link.js';
import type { CaptureStatus } from '../console/status.js';
import { failureLine, failureStatus, ifaceLabel, plural } from './render.js';

/** Where a stream's bytes go: a pipe, an SSH channel. */
export interface ByteOutput {
  /** Writes pcap bytes; the chunk is handed over. */
  bytes(chunk: Buffer): void;
  /** Resolves when the output can take more. */
  pace(): Promise<void>;
  /** One line on stderr. */
  err(line: string): void;
  /** The output is a terminal: pcap is refused there unless -force. */
  isTTY: boolean;
  /** Resolves when the reader has gone (pipe closed, channel closed, Ctrl-C): the stream ends. */
  gone: Promise<string>;
}

export const TTY_REFUSAL = 'stream writes pcap, which is binary, and stdout is a terminal: pipe it (| wireshark -k -i -, | tshark -r -) or add -force';

/** The console and line mode print text: a stream's pcap has no place among their lines. */
export const STREAM_NOT_HERE = 'stream writes pcap to stdout: give it as a command of its own (pcapdump stream ... | wireshark -k -i -, or ssh gw pcapdump stream ...)';

/** Whether a typed line is a stream; a line that does not parse is left to the Engine to answer. */
export function isStream(line: string | string[]): boolean {
  try {
    return parseCommand(line)?.verb === 'stream';
  } catch {
    return false;
  }
}

/** The line that sums a stream up on stderr, as tcpdump's closing counts. */
export function streamSummary(s: CaptureStatus, how: string): string {
  const kernel = s.kernelDrops === null ? '' : `, ${s.kernelDrops} dropped by the kernel`;
  const slow = s.stream && s.stream.drops > 0 ? `, ${s.stream.drops} dropped by this stream (its reader fell behind)` : '';
  return `pcapdump: stream ${ifaceLabel(s)}: ${plural(s.seen - (s.stream?.drops ?? 0), 'packet')} sent${kernel}${slow}; ${how}`;
}

/** Refuses a stream to a terminal before anything starts: one line, nothing changed. */
export function checkStreamOutput(options: StreamOptions, isTTY: boolean): void {
  if (isTTY && !options.force) throw new UsageError(TTY_REFUSAL);
}

/**
 * `stream`: the pcap bytes to the output as they come (each batch written at once), until
 * the capture ends (-c, -t, an error) or the reader goes away, which stops the capture.
 * Ends the link. Exit status 0 when the stream ended as asked, 1 when it could not be had
 * or broke, 2 for a command typed wrong.
 */
export async function runStream(link: EngineLink, words: string[], options: StreamOptions, out: ByteOutput): Promise<number> {
  let broken: string | null = null;
  link.listen({ closed: (reason) => (broken = reason) });
  try {
    checkStreamOutput(options, out.isTTY);
    const result = await link.run(words);
    if (result.kind !== 'stream') throw new CommandError(`the Engine answered "${result.kind}" to a stream`);
    const stream = result.stream;
    let how: string | null = null;
    void out.gone.then((why) => {
      how ??= why;
      stream.stop();
    });
    for (;;) {
      const b = await stream.next();
      if (b === null) break;
      out.bytes(b);
      await out.pace();
    }
    if (broken !== null) {
      out.err(`pcapdump: ${broken}`);
      return 1;
    }
    const s = stream.status();
    how ??= s.state === 'error' ? `error: ${s.error ?? 'unknown'}` : s.state;
    out.err(streamSummary(s, how));
    return s.state === 'error' ? 1 : 0;
  } catch (err) {
    out.err(failureLine(err));
    return failureStatus(err);
  } finally {
    await link.close().catch(() => undefined);
  }
}
