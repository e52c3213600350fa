import { liveKind } from '../capture/live.js';
import { checkReplays, replayKind } from '../capture/replay.js';
import { loadConfig } from './config.js';
import { Engine } from './engine.js';

export interface EngineFlags {
  configFile?: string;
  dir?: string;
  /** NAME -> capture file, from --replay NAME=FILE. */
  replays: Record<string, string>;
  replaySpeed: number;
}

/** The Engine as the flags describe it: config, replay interfaces first, then live devices. */
export function openEngine(flags: EngineFlags): Engine {
  const config = loadConfig({ configFile: flags.configFile, dir: flags.dir });
  checkReplays(flags.replays);
  return new Engine({ config, kinds: [replayKind(flags.replays, flags.replaySpeed), liveKind()] });
}
