import { StreamDecoders } from '../decode/index.js';
import { interfaceNames } from './interface-names.js';
import type { Engine, Session } from '../console/engine.js';
import type { PacketView } from '../pcap/types.js';
import { LineWriter } from './line-writer.js';
import { failureLine, failureStatus, ifaceLabel, plural, renderResult, stateChangeLine } from './render.js';

export interface Terminal {
  out: (chunk: string) => void;
  err: (line: string) => void;
}

/**
 * -o/-ou brief lines for a plain-text session. Packets arrive in bursts, so lines are
 * gathered and written once per turn of the event loop, not once per packet.
 */
export function briefSink(lines: LineWriter, streams = new StreamDecoders({ interfaceName: interfaceNames() })): Session['sink'] {
  let scheduled = false;
  return (iface: string, p: PacketView) => {
    lines.line(`[${iface}] ${streams.line(iface, p)}`);
    if (!scheduled) {
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        lines.flush();
      });
    }
  };
}

/**
 * Line mode (a pipe, a script, -e): one command per line, plain text out.
 * Returns the exit status of the last command that failed, 0 if none did.
 */
export interface LineOptions {
  /**
   * The Engine is shared with other sessions (a gateway): at the end stop only this
   * session's -o/-ou streams, not every capture.
   */
  shared?: boolean;
}

export async function runLines(
  engine: Engine,
  input: AsyncIterable<string> | Iterable<string>,
  term: Terminal,
  opts: LineOptions = {},
): Promise<number> {
  const lines = new LineWriter(term.out);
  const streams = new StreamDecoders({ interfaceName: interfaceNames() });
  const session: Session = { sink: briefSink(lines, streams) };
  const emit = (l: string) => lines.line(l);
  const unsubscribe = engine.onChange((s, sink) => {
    if (s.state !== 'running') streams.end(s.iface);
    // On a shared Engine, another technician's capture ending is not this session's news.
    if (opts.shared && sink !== session.sink) return;
    const said = stateChangeLine(s);
    if (said !== null) emit(said);
    lines.flush();
  });
  let status = 0;
  try {
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
  } finally {
    unsubscribe();
    if (opts.shared) engine.stopStreams(session);
    else engine.stopAll();
    lines.flush();
  }
  // The buffers of a session's own Engine end with it: never without a word.
  const lost = opts.shared ? [] : engine.status().filter((s) => s.unwritten);
  if (lost.length > 0) {
    const n = lost.reduce((a, s) => a + s.stored, 0);
    term.err(`pcapdump: ${plural(n, 'packet')} never written (${lost.map(ifaceLabel).join(', ')}) end with this session`);
  }
  return status;
}
