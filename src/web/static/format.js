// Numbers and times as the console prints them (src/ui/render.ts), for the page's tables.

export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function formatElapsed(ms) {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (x) => String(x).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

const pad2 = (n) => String(n).padStart(2, '0');

export function formatDateTime(ms) {
  if (ms === null || ms === undefined) return '-';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

export function ifaceLabel(s) {
  return s.iface === s.device ? s.iface : `${s.iface} (${s.device})`;
}

/** How a stopped capture is summed up, as the console says it. */
export function stoppedLine(s, how) {
  const what = s.sizeBytes === 0 ? `${plural(s.seen, 'packet')} seen, none kept (-ou)` : `${s.stored} of ${plural(s.seen, 'packet')} stored`;
  return `${ifaceLabel(s)}: ${how}, ${what}${s.unwritten ? ', not yet written' : ''}`;
}

/** The line a capture's own end gets on the session that started it; null when there is none to say. */
export function changeLine(s) {
  if (s.state === 'count reached' || s.state === 'time reached') return stoppedLine(s, s.state);
  if (s.state === 'error') return `${ifaceLabel(s)}: error: ${s.error}`;
  return null;
}

/** An Engine result in one line, as the console would put it. */
export function resultLine(r) {
  switch (r.kind) {
    case 'started':
      return `${ifaceLabel(r)}: capturing${r.bpf ? ` with filter "${r.bpf}"` : ''}`;
    case 'stopped':
      if (r.captures.length === 0) return 'no capture is running';
      return r.captures.map((s) => stoppedLine(s, r.endedEarlier.includes(s.device) ? `already ended (${s.state})` : 'stopped')).join('; ');
    case 'written': {
      const at = r.path.lastIndexOf('/');
      return `${ifaceLabel(r)}: wrote ${plural(r.packets, 'packet')} (${formatBytes(r.bytes)}, ${r.format}) to ${r.path.slice(at + 1)} in ${r.path.slice(0, at)}`;
    }
    case 'wiped':
      return r.captures.length === 0 ? 'no buffers to wipe' : `wiped ${r.captures.map(ifaceLabel).join(', ')}`;
    case 'cleanup': {
      const line = `cleanup: stopped ${plural(r.stopped.length, 'capture')}, freed ${plural(r.freed.length, 'buffer')}, deleted ${plural(r.deleted.length, 'file')}`;
      return r.deleted.length ? `${line} (${r.deleted.join(', ')})` : line;
    }
    case 'deleted':
      return `deleted ${r.name} from ${r.dir}`;
    case 'files':
      return `${plural(r.files.length, 'file')} in ${r.dir}`;
    default:
      return '';
  }
}
