import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { UsageError } from './errors.js';

export interface ConsoleConfig {
  /** Where `write` puts files. */
  captureDir: string;
  /** Alias -> real interface (`int` -> `eth1`). */
  interfaces: Record<string, string>;
}

const IFACE_NAME = /^[A-Za-z0-9_.:@-]{1,15}$/;

export function defaultCaptureDir(env: NodeJS.ProcessEnv = process.env): string {
  const state = env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(state, 'pcapdump', 'captures');
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : p;
}

/** Checks a parsed config and says, in one line, the first thing wrong with it. */
export function parseConfig(text: string, file: string): Partial<ConsoleConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`config ${file}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`config ${file}: must be a JSON object`);
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (key !== 'captureDir' && key !== 'interfaces') throw new UsageError(`config ${file}: unknown key "${key}" (known: captureDir, interfaces)`);
  }
  const out: Partial<ConsoleConfig> = {};
  if (obj.captureDir !== undefined) {
    if (typeof obj.captureDir !== 'string' || obj.captureDir === '') throw new UsageError(`config ${file}: captureDir must be a directory path`);
    out.captureDir = resolve(expandHome(obj.captureDir));
  }
  if (obj.interfaces !== undefined) {
    const ifs = obj.interfaces;
    if (typeof ifs !== 'object' || ifs === null || Array.isArray(ifs)) {
      throw new UsageError(`config ${file}: interfaces must map aliases to interface names, e.g. {"int": "eth1"}`);
    }
    const map: Record<string, string> = {};
    for (const [alias, dev] of Object.entries(ifs as Record<string, unknown>)) {
      if (!IFACE_NAME.test(alias)) throw new UsageError(`config ${file}: interface alias "${alias}" is not a valid name`);
      if (typeof dev !== 'string' || !IFACE_NAME.test(dev)) throw new UsageError(`config ${file}: alias "${alias}" must name an interface, got ${JSON.stringify(dev)}`);
      map[alias] = dev;
    }
    out.interfaces = map;
  }
  return out;
}

/**
 * --config FILE, else PCAPDUMP_CONFIG, else defaults. A named file that is missing
 * is an error (the user asked for it); no file named means defaults.
 */
export function loadConfig(opts: { configFile?: string; dir?: string; env?: NodeJS.ProcessEnv } = {}): ConsoleConfig {
  const env = opts.env ?? process.env;
  const file = opts.configFile ?? (env.PCAPDUMP_CONFIG || undefined);
  let fromFile: Partial<ConsoleConfig> = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(`config ${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
    fromFile = parseConfig(text, file);
  }
  return {
    captureDir: opts.dir ? resolve(expandHome(opts.dir)) : (fromFile.captureDir ?? defaultCaptureDir(env)),
    interfaces: fromFile.interfaces ?? {},
  };
}
