import type { Engine, Result, Session } from '../console/engine.js';

/** Options text of a capture that streams brief lines to the session that started it. */
const STREAMING = /-ou?\b/;

/**
 * One SSH session's view of the shared Engine. The console and line loop call stopAll()
 * when they end, which for a process of their own is right; on a gateway it would stop
 * every other technician's captures. Here it stops only what this session started that
 * streams to it (-o/-ou): once the session is gone those lines have nowhere to go.
 */
export function sessionEngine(engine: Engine): { view: Engine; leave: () => void } {
  const started = new Set<string>();
  const view = Object.create(engine) as Engine;
  view.run = async (line: string, session?: Session): Promise<Result> => {
    const r = await engine.run(line, session);
    if (r.kind === 'started') started.add(r.iface);
    return r;
  };
  view.stopAll = () => undefined;
  const leave = () => {
    const running = new Set(engine.status().filter((s) => s.state === 'running' && STREAMING.test(s.options)).map((s) => s.iface));
    for (const iface of started) if (running.has(iface)) void engine.run(`stop ${iface}`).catch(() => undefined);
    started.clear();
  };
  return { view, leave };
}
