import { parseCommand } from '../console/grammar.js';
import type { EngineLink } from '../console/link.js';
import { LineWriter } from './line-writer.js';
import { plainEvents, type Terminal } from './line-mode.js';
import { failureLine, failureStatus, renderResult, stoppedLine, type Pace } from './render.js';

/** How a capture ends by itself, or by another session: the stream from a shell ends with it. */
const ENDINGS = new Set(['count reached', 'time reached', 'error', 'stopped']);

export interface CommandOptions {
  /**
   * Resolves when the user wants a running -o/-ou stream to end (Ctrl-C, the terminal gone).
   * Without it, the command returns as soon as it is done.
   */
  interrupted?: Promise<string>;
}

/**
 * One command typed at a shell (`pcapdump -size 1024 tcp start int`) or passed by SSH: its
 * result as text, and the exit status (0 done, 1 cannot be carried out, 2 usage). A capture
 * started with -o/-ou streams its brief lines here until Ctrl-C, which stops that stream
 * only, or until the capture ends by itself. Ends the link.
 */
export async function runCommand(link: EngineLink, words: string[], term: Terminal, opts: CommandOptions = {}): Promise<number> {
  const lines = new LineWriter(term.out);
  const emit = (l: string) => lines.line(l);
  let ended: (why: string) => void = () => undefined;
  const streamEnded = new Promise<string>((resolve) => (ended = resolve));
  let gone: string | null = null;
  const events = plainEvents(link, lines, emit, (reason) => {
    gone = reason;
    ended(reason);
  });
  let streaming: string | null = null;
  link.listen({
    ...events,
    change: (s, mine) => {
      events.change?.(s, mine);
      if (mine && s.state !== 'running' && (s.iface === streaming || s.device === streaming)) ended(s.state);
    },
  });
  const pace: Pace = async () => {
    lines.flush();
    await term.pace?.();
  };
  try {
    const cmd = parseCommand(words);
    const result = await link.run(words);
    await renderResult(result, emit, pace);
    lines.flush();
    if (result.kind === 'started' && cmd?.verb === 'start' && cmd.options.output !== 'none' && opts.interrupted) {
      streaming = result.iface;
      const why = await Promise.race([streamEnded, opts.interrupted]);
      lines.flush();
      if (gone !== null) {
        term.err(`pcapdump: ${gone}`);
        return 1;
      }
      if (why === 'stopped') emit(`${streaming}: stopped (by another session)`);
      if (ENDINGS.has(why)) return why === 'error' ? 1 : 0;
      for (const s of await link.stopStreams()) emit(stoppedLine(s, `stopped (${why})`));
    }
    return 0;
  } catch (err) {
    lines.flush();
    term.err(failureLine(err));
    return failureStatus(err);
  } finally {
    lines.flush();
    await link.close().catch(() => undefined);
  }
}
