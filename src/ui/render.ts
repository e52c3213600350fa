import { brief } from '../decode/index.js';
import type { CaptureStatus } from '../console/status.js';
import type { Result } from '../console/engine.js';
import { CommandError, UsageError } from '../console/errors.js';
import { help } from './usage.js';

/** Where rendered text goes, one line at a time (a LineWriter, an ink <Static>, an SSH channel). */
export type Emit = (line: string) => void;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (x: number) => String(x).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

function drops(s: CaptureStatus): string {
  const kernel = s.kernelDrops === null ? '?' : String(s.kernelDrops);
  return `${kernel}/${s.ringDrops}`;
}

function ifaceLabel(s: { iface: string; device: string }): string {
  return s.iface === s.device ? s.iface : `${s.iface} (${s.device})`;
}

function stateLabel(s: CaptureStatus): string {
  return s.state === 'error' && s.error ? `error: ${s.error}` : s.state;
}

/** One line per running capture, for the console's live status area. */
export function statusLine(s: CaptureStatus): string {
  const fill = s.sizeBytes ? `${Math.round((100 * s.usedBytes) / s.sizeBytes)}%` : '-';
  return `${ifaceLabel(s)} ${stateLabel(s)}: ${s.stored} stored, ${s.seen} seen, buffer ${fill} of ${formatBytes(s.sizeBytes)}, drops ${drops(s)}, ${formatElapsed(s.elapsedMs)}`;
}

const COLUMNS = ['IFACE', 'STATE', 'FILTER', 'OPTIONS', 'STORED', 'SEEN', 'OVERWRITTEN', 'BUFFER', 'DROPS k/r', 'ELAPSED'] as const;

/** `status` as an aligned table; drops are kernel/ring (kernel "?" where the source cannot tell). */
export function statusTable(rows: CaptureStatus[], emit: Emit): void {
  if (rows.length === 0) {
    emit('no captures');
    return;
  }
  const cells = rows.map((s) => [
    ifaceLabel(s),
    s.state + (s.unwritten ? ' *' : ''),
    s.filter || '-',
    s.options,
    String(s.stored),
    String(s.seen),
    String(s.overwritten),
    `${formatBytes(s.usedBytes)}/${formatBytes(s.sizeBytes)}`,
    drops(s),
    formatElapsed(s.elapsedMs),
  ]);
  const widths = COLUMNS.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: readonly string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  emit(line(COLUMNS));
  for (const r of cells) emit(line(r));
  for (const s of rows) if (s.state === 'error' && s.error) emit(`${ifaceLabel(s)}: ${s.error}`);
  if (rows.some((s) => s.unwritten)) emit('* packets in memory not yet written');
}

/** Turns an Engine result into console text. */
export function renderResult(r: Result, emit: Emit): void {
  switch (r.kind) {
    case 'none':
      return;
    case 'started':
      emit(`${ifaceLabel(r)}: capturing${r.bpf ? ` with filter "${r.bpf}"` : ''}`);
      return;
    case 'stopped':
      if (r.captures.length === 0) emit('no capture is running');
      for (const s of r.captures) emit(`${ifaceLabel(s)}: stopped, ${s.stored} packets stored of ${s.seen} seen`);
      return;
    case 'status':
      statusTable(r.captures, emit);
      return;
    case 'show':
      if (r.sections.length === 0) emit('no packets in memory');
      for (const s of r.sections) {
        emit(`--- ${ifaceLabel(s)}: ${s.packets} packets ---`);
        s.forEach((p) => emit(brief(p)));
      }
      return;
    case 'written':
      emit(`${r.iface}: wrote ${r.packets} packets (${formatBytes(r.bytes)}, ${r.format}) to ${r.path}`);
      return;
    case 'wiped':
      emit(r.ifaces.length === 0 ? 'no buffers to wipe' : `wiped ${r.ifaces.join(', ')}`);
      return;
    case 'cleanup':
      emit(
        `cleanup: stopped ${r.stopped.length}, freed ${r.freed.length} buffers, deleted ${r.deleted.length} files` +
          (r.deleted.length ? ` (${r.deleted.join(', ')})` : ''),
      );
      return;
    case 'help':
      for (const l of help.trimEnd().split('\n')) emit(l);
      return;
    case 'exit':
      return;
  }
}

/** Exit status for a failed command: 2 for a command typed wrong, 1 for one that could not be done. */
export function failureStatus(err: unknown): number {
  return err instanceof UsageError ? 2 : 1;
}

/** The one line a failed command prints; anything else is a bug and keeps its stack. */
export function failureLine(err: unknown): string {
  if (err instanceof UsageError || err instanceof CommandError) return `pcapdump: ${err.message}`;
  return `pcapdump: internal error: ${(err as Error)?.stack ?? String(err)}`;
}

