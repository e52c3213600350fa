import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Script } from 'node:vm';

/**
 * The decoder as `read` loads it from a bundle: one CommonJS script (`npm run build` writes
 * it with the V8 code cache of its functions as a run over the samples left them), so a
 * run starts without parsing and compiling the printers again. Without those files (a
 * tsc-only build) or with a cache V8 refuses (another Node), it is compiled as usual.
 */
export type DecodeModule = typeof import('../src/decode/index.js');

export const decoderScriptName = 'pcapdump-decode.cjs';
export const decoderCacheName = 'pcapdump-decode.cache';

/** The decoder script compiled with its cache when there is one; undefined when it was not built. */
export function compileDecoderScript(dir: URL, useCache = true): Script | undefined {
  let source: string;
  try {
    source = readFileSync(new URL(decoderScriptName, dir), 'utf8');
  } catch {
    return undefined;
  }
  let cachedData: Buffer | undefined;
  if (useCache) {
    try {
      cachedData = readFileSync(new URL(decoderCacheName, dir));
    } catch {
      cachedData = undefined;
    }
  }
  // The wrapper is part of what the cache was made from: it must be the same text here as there.
  return new Script('(function (exports, require, module) {' + source + '\n})', {
    filename: new URL(decoderScriptName, dir).pathname,
    cachedData,
  });
}

/** Runs the compiled script once and returns its exports. */
export function runDecoderScript(script: Script, dir: URL): DecodeModule {
  const module = { exports: {} as DecodeModule };
  (script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: unknown) => void)(module.exports, createRequire(dir), module);
  return module.exports;
}

/** The decoder from dir's script when built, else from its modules. */
export async function loadDecoder(dir: URL): Promise<DecodeModule> {
  const script = compileDecoderScript(dir);
  return script === undefined ? import('../src/decode/index.js') : runDecoderScript(script, dir);
}
