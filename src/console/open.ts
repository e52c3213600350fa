import { liveKind } from '../capture/live.js';
import { checkReplays, replayKind } from '../capture/replay.js';
import { loadConfig } from './config.js';
import { Engine } from './engine.js';
import { UsageError } from './errors.js';

export interface EngineFlags {
  configFile?: string;
  dir?: string;
  /** NAME -> capture file, from --replay NAME=FILE. */
  replays: Record<string, string>;
  replaySpeed: number;
}

/**
 * The Engine as the flags describe it: config, replay interfaces first, then live devices.
 * Temp files that killed writes left in the capture dir are removed at once; `notice` hears of them.
 */
export function openEngine(flags: EngineFlags, notice: (line: string) => void = () => undefined): Engine {
  const config = loadConfig({ configFile: flags.configFile, dir: flags.dir });
  try {
    checkReplays(flags.replays);
  } catch (err) {
    // A --replay file that does not open is a flag typed wrong: one line, before anything runs.
    throw new UsageError((err as Error).message);
  }
  const engine = new Engine({ config, kinds: [replayKind(flags.replays, flags.replaySpeed), liveKind()] });
  const stale = engine.removeStaleTemps();
  if (stale.length > 0) notice(`pcapdump: removed ${stale.length} temp files of interrupted writes from ${config.captureDir}: ${stale.join(', ')}`);
  return engine;
}
