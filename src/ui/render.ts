import { basename, dirname } from 'node:path';
import { Decoder } from '../decode/index.js';
import { interfaceNames } from './interface-names.js';
import type { CaptureStatus } from '../console/status.js';
import type { CaptureFileInfo } from '../console/listing.js';
import type { Result, ShowSection } from '../console/engine.js';
import { forEachRecord } from '../pcap/records.js';
import type { PacketView } from '../pcap/types.js';
import { CommandError, UsageError } from '../console/errors.js';
import { detailed } from '../console/detail.js';
import { oneLine } from '../console/printable.js';
import { help } from './usage.js';
import { tunnelLines } from './tunnel-render.js';

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

/** What every line the console prints fits in: the classic terminal, and a serial console's. */
export const CONSOLE_WIDTH = 80;

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Text laid out in lines of at most `width` columns at its blanks, the first line led by
 * `firstIndent`, the others by `indent`. A single word longer than a line (a long path)
 * is left whole rather than cut.
 */
export function fold(text: string, width = CONSOLE_WIDTH, indent = '  ', firstIndent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of text.split(' ').filter((x) => x !== '')) {
    const lead = lines.length === 0 ? firstIndent : indent;
    if (line === '') line = lead + w;
    else if (line.length + 1 + w.length > width) {
      lines.push(line);
      line = indent + w;
    } else line += ` ${w}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Kernel drops (`-` where the source cannot tell, as a replay), and ring drops or, for a stream, its reader's. */
function drops(s: CaptureStatus): string {
  const kernel = s.kernelDrops === null ? '-' : String(s.kernelDrops);
  return `${kernel}/${s.stream ? s.stream.drops : s.ringDrops}`;
}

/** How a capture is named in every line: the name typed, and the device when that was an alias. */
export function ifaceLabel(s: { iface: string; device: string }): string {
  return s.iface === s.device ? s.iface : `${s.iface} (${s.device})`;
}

function stateLabel(s: CaptureStatus): string {
  if (s.stream && s.state === 'running') return 'streaming';
  return s.state === 'error' && s.error ? `error: ${s.error}` : s.state;
}

/** Buffer fill; a -ou capture and a stream have none. */
function buffer(s: CaptureStatus, short = false): string {
  if (s.stream) return short ? 'stream' : 'none (stream)';
  if (s.sizeBytes === 0) return short ? 'no buffer' : 'no buffer (-ou)';
  const pct = `${Math.round((100 * s.usedBytes) / s.sizeBytes)}%`;
  return short ? pct : `${pct} of ${formatBytes(s.sizeBytes)}`;
}

/** The first of the ways of saying a thing that fits the width (the last one regardless). */
function fit(width: number, ...variants: string[]): string {
  return variants.find((v) => v.length <= width) ?? variants[variants.length - 1];
}

/** One line per running capture, for the console's live status area, within `width` columns. */
export function statusLine(s: CaptureStatus, width = CONSOLE_WIDTH): string {
  const left = s.timeLeftMs === null ? '' : ` (${formatElapsed(s.timeLeftMs + 999)} left)`;
  const head = `${ifaceLabel(s)} ${stateLabel(s)} ${formatElapsed(s.elapsedMs)}${left}`;
  return fit(
    width,
    `${head}: ${s.stored} stored, ${s.seen} seen, buffer ${buffer(s)}, drops ${drops(s)}`,
    `${head}: ${s.stored}/${s.seen} stored/seen, buf ${buffer(s, true)}, drops ${drops(s)}`,
    `${head}: ${s.stored}/${s.seen}, ${buffer(s, true)}, ${drops(s)}`,
  ).slice(0, width);
}

/** How a capture that has stopped is summed up, in `stop`, Ctrl-C and state changes. */
export function stoppedLine(s: CaptureStatus, how: string): string {
  const what = s.sizeBytes === 0 ? `${plural(s.seen, 'packet')} seen, none kept (-ou)` : `${s.stored} of ${plural(s.seen, 'packet')} stored`;
  return `${ifaceLabel(s)}: ${how}, ${what}${s.unwritten ? ', not yet written' : ''}`;
}

/** The line a capture's own end gets (count reached, error), on the session that started it. */
export function stateChangeLine(s: CaptureStatus): string | null {
  if (s.state === 'count reached' || s.state === 'time reached') return stoppedLine(s, s.state);
  if (s.state === 'error') return `${ifaceLabel(s)}: error: ${s.error}`;
  return null;
}

// BUF is how full the ring is; its size is the -size on the line below.
const COLUMNS = ['IFACE', 'STATE', 'STORED', 'SEEN', 'OVERWR', 'BUF', 'DROPS', 'TIME'] as const;
const RIGHT = new Set([2, 3, 4, 5]);

/**
 * `status` within 80 columns: a table, each capture's options and filter folded onto the
 * line below it; where counts or names are too wide for that, a short block per capture.
 */
export function statusTable(rows: CaptureStatus[], emit: Emit, width = CONSOLE_WIDTH): void {
  if (rows.length === 0) {
    emit('no captures');
    return;
  }
  const cells = rows.map((s) => [
    ifaceLabel(s),
    stateLabel(s).split(':')[0] + (s.unwritten ? ' *' : ''),
    String(s.stored),
    String(s.seen),
    String(s.overwritten),
    s.stream ? 'stream' : s.sizeBytes === 0 ? '-ou' : buffer(s, true),
    drops(s),
    formatElapsed(s.elapsedMs),
  ]);
  const widths = COLUMNS.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: readonly string[]) => r.map((c, i) => (RIGHT.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const left = (s: CaptureStatus) => (s.timeLeftMs === null ? '' : ` (${formatElapsed(s.timeLeftMs + 999)} left)`);
  const to = (s: CaptureStatus) => (s.stream?.to ? `, to ${s.stream.to}` : '');
  const settings = (s: CaptureStatus) => fold(`${s.options} ${s.filter}${left(s)}${to(s)}`, width, '    ', '  ');
  if (line(COLUMNS).length <= width) {
    emit(line(COLUMNS));
    rows.forEach((s, i) => {
      emit(line(cells[i]));
      for (const l of settings(s)) emit(l);
    });
  } else {
    rows.forEach((s) => {
      emit(`${ifaceLabel(s)}: ${stateLabel(s).split(':')[0]}${s.unwritten ? ' *' : ''}, ${formatElapsed(s.elapsedMs)}`);
      for (const l of settings(s)) emit(l);
      for (const l of fold(`${s.stored} stored of ${s.seen} seen, ${s.overwritten} overwritten, buffer ${buffer(s)}`, width, '    ', '  ')) emit(l);
      emit(`  drops: ${s.kernelDrops === null ? '-' : s.kernelDrops} kernel, ${s.stream ? `${s.stream.drops} stream` : `${s.ringDrops} ring`}`);
    });
  }
  for (const s of rows) if (s.state === 'error' && s.error) for (const l of fold(`${ifaceLabel(s)}: ${s.error}`, width)) emit(l);
  const legend = rows.some((s) => s.stream) ? 'DROPS: kernel/ring (stream: kernel/stream)' : 'DROPS: kernel/ring';
  emit(legend + (rows.some((s) => s.unwritten) ? '; * packets in memory not yet written' : ''));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Local date and time to the second, as a technician reads a log. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** The last packet's time: the time alone when it is the first packet's day. */
function lastTime(f: CaptureFileInfo): string {
  if (f.lastMs === null || f.firstMs === null) return '-';
  const first = formatDateTime(f.firstMs);
  const last = formatDateTime(f.lastMs);
  return first.slice(0, 10) === last.slice(0, 10) ? last.slice(11) : last;
}

const FILE_COLUMNS = ['NAME', 'SIZE', 'PACKETS', 'FIRST', 'LAST'] as const;

/** `files` within 80 columns: a table, or a block per file where names or spans are too wide. */
export function filesTable(dir: string, files: CaptureFileInfo[], emit: Emit, width = CONSOLE_WIDTH): void {
  for (const l of fold(`${plural(files.length, 'file')} in ${dir}`, width)) emit(l);
  if (files.length === 0) return;
  const cells = files.map((f) => [
    f.name + (f.ours ? ' *' : ''),
    formatBytes(f.size),
    f.packets === null ? '-' : String(f.packets),
    f.firstMs === null ? '-' : formatDateTime(f.firstMs),
    lastTime(f),
  ]);
  const widths = FILE_COLUMNS.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const problem = (f: CaptureFileInfo) => (f.problem ? fold(f.packets === null ? `not a capture file: ${f.problem}` : `damaged: ${f.problem}`, width, '    ', '  ') : []);
  if (line(FILE_COLUMNS).length <= width && cells.every((r) => line(r).length <= width)) {
    emit(line(FILE_COLUMNS));
    files.forEach((f, i) => {
      emit(line(cells[i]));
      for (const l of problem(f)) emit(l);
    });
  } else {
    files.forEach((f, i) => {
      emit(cells[i][0]);
      const span = f.firstMs === null ? 'no packets' : `${cells[i][3]} to ${cells[i][4]}`;
      for (const l of fold(`${cells[i][1]}, ${f.packets === null ? 'no' : f.packets} packets, ${span}`, width, '    ', '  ')) emit(l);
      for (const l of problem(f)) emit(l);
    });
  }
  if (files.some((f) => f.ours)) emit('* written by pcapdump: delete and cleanup remove only these');
}

/**
 * A face's reader, asked between batches of a long output: resolves when it can take more
 * (a pipe or an SSH channel drained), so `show` of a full ring is never all in memory.
 */
export type Pace = () => Promise<void>;

const interfaceName = interfaceNames();

/** The line above a ring's packets: how many there are, and which of them follow. */
function showHeader(s: ShowSection, count: number, filter: string): string[] {
  if (count === 0 && filter === '') return [`--- ${ifaceLabel(s)}: ${plural(s.packets, 'packet')} ---`];
  const which = filter === '' ? `the last ${count}` : count === 0 ? `matching "${filter}"` : `the last ${count} matching "${filter}"`;
  return fold(`--- ${ifaceLabel(s)}: ${s.shown} of ${plural(s.packets, 'packet')} (${which}) ---`, CONSOLE_WIDTH, '    ');
}

async function renderShow(r: Extract<Result, { kind: 'show' }>, emit: Emit, pace?: Pace): Promise<void> {
  if (r.sections.length === 0) emit('no packets in memory');
  const more = detailed(r.print);
  for (const s of r.sections) {
    for (const l of showHeader(s, r.count, r.filter)) emit(l);
    const view: PacketView = { linkType: s.linkType, interfaceId: 0, tsSec: 0, tsNsec: 0, capLen: 0, origLen: 0, buf: Buffer.alloc(0), offset: 0 };
    // A fresh Decoder per ring: relative TCP numbers start over, as tcpdump's do per file.
    const decoder = new Decoder({ interfaceName, ...r.print });
    // -v, -x, -X, -A: every line tcpdump prints for the packet, each on its own (an Emit is one line).
    const each = more
      ? (p: PacketView) => {
          for (const l of decoder.text(p).split('\n')) emit(l);
        }
      : (p: PacketView) => emit(decoder.line(p));
    for await (const b of s.batches()) {
      if (b.missed > 0) emit(`... ${plural(b.missed, 'packet')} overwritten by the running capture before they could be shown`);
      forEachRecord(b.buf, b.start, b.end, view, each);
      if (pace) await pace();
    }
  }
}

/** Turns an Engine result into console text. */
export async function renderResult(r: Result, emit: Emit, pace?: Pace): Promise<void> {
  switch (r.kind) {
    case 'none':
      return;
    case 'started':
      for (const l of fold(`${ifaceLabel(r)}: capturing${r.bpf ? ` with filter "${r.bpf}"` : ''}`)) emit(l);
      return;
    case 'stopped':
      if (r.captures.length === 0) emit('no capture is running');
      for (const s of r.captures) emit(stoppedLine(s, r.endedEarlier.includes(s.device) ? `already ended (${stateLabel(s)})` : 'stopped'));
      return;
    case 'status':
      statusTable(r.captures, emit);
      return;
    case 'show':
      return renderShow(r, emit, pace);
    case 'written':
      // The name first, the directory after: a long directory folds, the file name stays on the first line.
      for (const l of fold(`${ifaceLabel(r)}: wrote ${plural(r.packets, 'packet')} (${formatBytes(r.bytes)}, ${r.format}) to ${basename(r.path)} in ${dirname(r.path)}`)) emit(l);
      return;
    case 'wiped':
      if (r.captures.length === 0) emit('no buffers to wipe');
      else for (const l of fold(`wiped ${r.captures.map(ifaceLabel).join(', ')}`)) emit(l);
      return;
    case 'cleanup': {
      const summary = `cleanup: stopped ${plural(r.stopped.length, 'capture')}, freed ${plural(r.freed.length, 'buffer')}, deleted ${plural(r.deleted.length, 'file')}`;
      for (const l of fold(r.deleted.length ? `${summary} (${r.deleted.join(', ')})` : summary)) emit(l);
      if (r.stale.length > 0) for (const l of fold(`removed ${plural(r.stale.length, 'temp file')} of interrupted writes (${r.stale.join(', ')})`)) emit(l);
      return;
    }
    case 'files':
      filesTable(r.dir, r.files, emit);
      return;
    case 'deleted':
      for (const l of fold(`deleted ${r.name} from ${r.dir}`)) emit(l);
      return;
    case 'stream':
      // A face that can carry pcap runs a stream itself (ui/stream.ts); here it only says what runs.
      for (const l of fold(`${ifaceLabel(r.stream)}: streaming pcap${r.stream.bpf ? ` with filter "${r.stream.bpf}"` : ''}`)) emit(l);
      return;
    case 'tunnel':
      return tunnelLines(r.action, r.tunnel, emit);
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
  // Messages quote what the user typed: never its control characters, never a huge token whole.
  if (err instanceof UsageError || err instanceof CommandError) return `pcapdump: ${oneLine(err.message)}`;
  return `pcapdump: internal error: ${(err as Error)?.stack ?? String(err)}`;
}

