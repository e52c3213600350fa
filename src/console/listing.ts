import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openCaptureFile } from '../capture/file.js';
import { isStillWritten, readManifest } from './files.js';

/** One file of the capture directory, as `files` lists it. */
export interface CaptureFileInfo {
  name: string;
  size: number;
  mtimeMs: number;
  /** pcapdump wrote it and it is still that very file (delete and cleanup may remove it). */
  ours: boolean;
  /** Packets read before the end or the first fault; null when it is no capture file at all. */
  packets: number | null;
  /** First and last packet time, ms since the epoch; null without packets. */
  firstMs: number | null;
  lastMs: number | null;
  /** What is wrong with it (not a capture file, damaged at byte N), if anything. */
  problem?: string;
}

/** Packets read between two turns of the event loop: a large file must not stall other sessions. */
const YIELD_EVERY = 50_000;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function summarize(path: string, info: CaptureFileInfo): Promise<void> {
  let reader;
  try {
    reader = openCaptureFile(path, { regularOnly: true });
  } catch (err) {
    info.problem = oneLine(err, path);
    return;
  }
  let n = 0;
  try {
    for (;;) {
      const p = reader.next();
      if (p === null) break;
      const ms = p.tsSec * 1000 + Math.floor(p.tsNsec / 1e6);
      if (n === 0) info.firstMs = ms;
      info.lastMs = ms;
      if (++n % YIELD_EVERY === 0) await turn();
    }
  } catch (err) {
    info.problem = oneLine(err, path);
  } finally {
    reader.close();
  }
  info.packets = n;
}

function oneLine(err: unknown, path: string): string {
  const text = (err as Error)?.message ?? String(err);
  // The reader names the file by its path; the listing already says which file it is.
  return text.split('\n')[0].replace(`${path}: `, '');
}

/**
 * The capture directory's regular files (hidden ones aside: temp files and the manifest),
 * each read through for its packet count and time span, and marked when pcapdump wrote it.
 */
export async function listCaptureFiles(dir: string): Promise<CaptureFileInfo[]> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const manifest = readManifest(dir);
  const out: CaptureFileInfo[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    let st;
    try {
      st = lstatSync(path);
    } catch {
      continue;
    }
    if (!st.isFile()) continue;
    const entry = manifest.find((e) => e.name === name);
    const info: CaptureFileInfo = { name, size: st.size, mtimeMs: st.mtimeMs, ours: entry !== undefined && isStillWritten(entry, st), packets: null, firstMs: null, lastMs: null };
    await summarize(path, info);
    out.push(info);
  }
  return out;
}
