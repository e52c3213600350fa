import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../console/engine.js';

/** The autosaves of the last stop, for the next start to tell. */
const MARK = '.pcapdump-autosaved.json';

export interface Autosaved {
  file: string;
  iface: string;
  device: string;
  packets: number;
}

/** `autosave-20250102T030405Z-eth1.pcapng`: when, and which interface; a safe file name. */
export function autosaveName(at: Date, device: string, n = 1): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `autosave-${stamp}-${device.replace(/[^A-Za-z0-9_.-]/g, '_')}${n > 1 ? `-${n}` : ''}.pcapng`;
}

/**
 * Stops every capture and writes each buffer holding packets that no `write` saved to an
 * autosave file in the capture directory (pcapng: it keeps the interface name and filter),
 * through the Engine's own write, so each is in the manifest and `cleanup` knows it.
 */
export async function autosave(engine: Engine, at = new Date()): Promise<{ saved: Autosaved[]; failed: string[] }> {
  engine.stopAll();
  const saved: Autosaved[] = [];
  const failed: string[] = [];
  for (const s of engine.status()) {
    if (!s.unwritten) continue;
    let lastError = '';
    for (let n = 1; n <= 5; n++) {
      const file = autosaveName(at, s.device, n);
      try {
        const r = await engine.execute({ verb: 'write', iface: s.iface, file });
        if (r.kind === 'written') saved.push({ file, iface: s.iface, device: s.device, packets: r.packets });
        lastError = '';
        break;
      } catch (err) {
        lastError = (err as Error).message;
        if (!lastError.includes('already exists')) break;
      }
    }
    if (lastError) failed.push(`${s.iface}: ${lastError}`);
  }
  if (saved.length > 0) writeMark(engine.config.captureDir, saved);
  return { saved, failed };
}

function writeMark(dir: string, saved: Autosaved[]): void {
  const tmp = join(dir, `${MARK}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o640);
  try {
    writeSync(fd, JSON.stringify(saved) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, MARK));
}

/** What the last stop autosaved and is still there; told once: the mark is removed. */
export function recovered(dir: string): Autosaved[] {
  let list: unknown;
  try {
    list = JSON.parse(readFileSync(join(dir, MARK), 'utf8'));
  } catch {
    return [];
  }
  try {
    unlinkSync(join(dir, MARK));
  } catch {
    // Gone already.
  }
  if (!Array.isArray(list)) return [];
  return list.filter((e): e is Autosaved => {
    if (typeof e?.file !== 'string' || !/^autosave-[A-Za-z0-9_.-]+\.pcapng$/.test(e.file)) return false;
    try {
      return statSync(join(dir, e.file)).isFile();
    } catch {
      return false;
    }
  });
}
