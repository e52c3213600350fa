import { StreamDecoders } from '../decode/index.js';
import { interfaceNames } from './interface-names.js';
import type { EngineLink, LinkEvents } from '../console/link.js';
import { MAX_LINE } from '../console/grammar.js';
import { isOverlong, type Overlong } from './line-reader.js';
import { LineWriter } from './line-writer.js';
import { UsageError } from '../console/errors.js';
import { isStream, STREAM_NOT_HERE } from './stream.js';
import { failureLine, failureStatus, ifaceLabel, plural, renderResult, stateChangeLine, type Emit, type Pace } from './render.js';

export interface Terminal {
  out: (chunk: string) => void;
  err: (line: string) => void;
  /** Resolves when `out` can take more (a pipe or channel drained); without it, output is not paced. */
  pace?: Pace;
  /**
   * True while the reader is behind (an SSH client that stopped reading): -o lines are then
   * dropped and counted, and the count said when it reads again, instead of queued.
   */
  behind?: () => boolean;
}

export const lostLine = (n: number): string => `... ${plural(n, 'brief line')} lost: this session fell behind the capture ("show" lists what was stored)`;

/**
 * -o/-ou brief lines, capture news and the end of the Engine for a plain-text session.
 * Packets arrive in bursts, so lines are gathered and written once per turn of the event
 * loop, not once per packet. On a shared Engine, other sessions' captures are not news.
 */
export function plainEvents(link: EngineLink, lines: LineWriter, emit: Emit, onClosed?: (reason: string) => void, behind: () => boolean = () => false): LinkEvents {
  const streams = new StreamDecoders({ interfaceName: interfaceNames() });
  let scheduled = false;
  /** -o lines not written while the reader was behind, not yet said. */
  let dropped = 0;
  const sayDropped = () => {
    if (dropped === 0) return;
    emit(lostLine(dropped));
    dropped = 0;
  };
  const soon = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      lines.flush();
    });
  };
  return {
    packet: (iface, p) => {
      if (behind()) {
        dropped++;
        return;
      }
      sayDropped();
      lines.line(`[${iface}] ${streams.line(iface, p)}`);
      soon();
    },
    lost: (n) => {
      emit(lostLine(n));
      soon();
    },
    change: (s, mine) => {
      if (s.state !== 'running') streams.end(s.iface);
      if (link.shared && !mine) return;
      sayDropped();
      const said = stateChangeLine(s);
      if (said !== null) emit(said);
      soon();
    },
    closed: (reason) => {
      lines.flush();
      onClosed?.(reason);
    },
  };
}

/**
 * Line mode (a pipe, a script, -e, an SSH exec): one command per line, plain text out.
 * Returns the exit status of the last command that failed, 0 if none did. Ends the link.
 */
export async function runLines(link: EngineLink, input: AsyncIterable<string | Overlong> | Iterable<string | Overlong>, term: Terminal): Promise<number> {
  const lines = new LineWriter(term.out);
  const emit = (l: string) => lines.line(l);
  let gone: string | null = null;
  link.listen(
    plainEvents(
      link,
      lines,
      emit,
      (reason) => {
        gone = reason;
        term.err(`pcapdump: ${reason}`);
      },
      term.behind,
    ),
  );
  const pace: Pace = async () => {
    lines.flush();
    await term.pace?.();
    // A turn of the event loop between batches, even for a reader that keeps up: other
    // sessions are served while a long `show` runs.
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  let status = 0;
  try {
    for await (const line of input) {
      if (gone !== null) break;
      try {
        if (isOverlong(line)) {
          lines.flush();
          term.err(`pcapdump: line too long: ${line.overlong} characters (at most ${MAX_LINE}): ignored`);
          status = 2;
          continue;
        }
        if (isStream(line)) throw new UsageError(STREAM_NOT_HERE);
        const result = await link.run(line);
        await renderResult(result, emit, pace);
        if (result.kind === 'exit') break;
      } catch (err) {
        lines.flush();
        term.err(failureLine(err));
        status = failureStatus(err);
      }
      lines.flush();
    }
  } finally {
    // The buffers of a session's own Engine end with it: never without a word.
    const lost = link.shared || gone !== null ? [] : (await link.status().catch(() => [])).filter((s) => s.unwritten);
    await link.close().catch(() => undefined);
    lines.flush();
    if (lost.length > 0) {
      const n = lost.reduce((a, s) => a + s.stored, 0);
      term.err(`pcapdump: ${plural(n, 'packet')} never written (${lost.map(ifaceLabel).join(', ')}) end with this session`);
    }
  }
  return gone !== null && status === 0 ? 1 : status;
}
