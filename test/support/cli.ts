import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { run, type RunResult } from './referee.js';

export const projectRoot = resolve(import.meta.dirname, '../..');
/** The built program, as a user runs it (the test command builds before testing). */
export const pcapdumpJs = resolve(projectRoot, 'dist/bin/pcapdump.js');
export const haveBuild = existsSync(pcapdumpJs);
export const buildMissing = `${pcapdumpJs} not built: run npm run build (the README's test command does)`;

export function pcapdump(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  return run(process.execPath, [pcapdumpJs, ...args], opts);
}
