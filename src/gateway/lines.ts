import type { Engine, Session } from '../console/engine.js';
import { briefSink } from '../ui/line-mode.js';
import { LineWriter } from '../ui/line-writer.js';
import { failureLine, failureStatus, renderResult } from '../ui/render.js';

export interface LineOutput {
  out: (chunk: string) => void;
  err: (line: string) => void;
}

/**
 * Line mode over an SSH channel (exec, or a shell without a PTY): the same text and exit
 * status as ui/line-mode's runLines, but the shared Engine's other captures are left
 * running when this session ends.
 */
export async function runSessionLines(engine: Engine, input: AsyncIterable<string> | Iterable<string>, term: LineOutput): Promise<number> {
  const lines = new LineWriter(term.out);
  const session: Session = { sink: briefSink(lines) };
  const emit = (l: string) => lines.line(l);
  let status = 0;
  for await (const line of input) {
    try {
      const result = await engine.run(line, session);
      renderResult(result, emit);
      if (result.kind === 'exit') break;
    } catch (err) {
      lines.flush();
      term.err(failureLine(err));
      status = failureStatus(err);
    }
    lines.flush();
  }
  lines.flush();
  return status;
}
