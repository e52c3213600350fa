import type { Result } from '../console/engine.js';
import { CommandError, UsageError } from '../console/errors.js';
import type { AuditEvent, SessionInfo } from '../console/link.js';

const MAX_FIELD = 512;

/**
 * A field as one JSON-style quoted string: quotes, backslashes, newlines and every other
 * control character (C0, DEL, C1, and the Unicode line and paragraph separators) escaped,
 * so that a name or command cannot start a forged line of its own. Long fields are cut.
 */
export function field(text: string): string {
  const cut = text.length > MAX_FIELD ? `${text.slice(0, MAX_FIELD)}...(${text.length - MAX_FIELD} more)` : text;
  return JSON.stringify(cut).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function label(iface: string, device: string): string {
  return iface === device ? iface : `${iface} (${device})`;
}

/** What a command did, in a few words: the audit log's account of it. */
export function summary(r: Result): string {
  switch (r.kind) {
    case 'none':
      return 'nothing';
    case 'started':
      return `started ${label(r.iface, r.device)}${r.bpf ? ` filter "${r.bpf}"` : ''}`;
    case 'stopped':
      return r.captures.length ? `stopped ${r.captures.map((s) => `${label(s.iface, s.device)} (${s.stored} stored)`).join(', ')}` : 'stopped nothing';
    case 'status':
      return `${r.captures.length} captures`;
    case 'show':
      return `showed ${r.sections.reduce((a, s) => a + s.shown, 0)} packets of ${r.sections.map((s) => s.iface).join(', ') || 'nothing'}`;
    case 'written':
      return `wrote ${r.packets} packets of ${r.iface} to ${r.path}`;
    case 'wiped':
      return `wiped ${r.captures.map((c) => label(c.iface, c.device)).join(', ') || 'nothing'}`;
    case 'files':
      return `listed ${r.files.length} files`;
    case 'deleted':
      return `deleted ${r.name}`;
    case 'cleanup':
      return `stopped ${r.stopped.length}, freed ${r.freed.join(', ') || 'nothing'}, deleted ${r.deleted.join(', ') || 'nothing'}`;
    case 'stream':
      return `streaming ${label(r.stream.iface, r.stream.device)}${r.stream.bpf ? ` filter "${r.stream.bpf}"` : ''}`;
    case 'tunnel':
      return `tunnel ${r.action}: ${r.tunnel.state}${r.tunnel.host ? ` ${r.tunnel.host}:${r.tunnel.port}` : ''}`;
    case 'help':
      return 'help';
    case 'exit':
      return 'exit';
  }
}

/** One audit line: who (user), from where, through which face, what, and how it ended. */
export function auditLine(e: AuditEvent): string {
  const who = `session=${e.session} face=${field(e.info.face)} user=${field(e.info.user)} from=${field(e.info.from)}`;
  switch (e.event) {
    case 'open':
      return `audit: ${who} event=open`;
    case 'close':
      return `audit: ${who} event=close commands=${e.commands}`;
    case 'stream-end': {
      const st = e.status;
      const kernel = st.kernelDrops === null ? '-' : String(st.kernelDrops);
      return `audit: ${who} event=stream-end iface=${field(st.iface)} how=${field(e.how)} packets=${st.seen} kernel-drops=${kernel} stream-drops=${st.stream?.drops ?? 0}`;
    }
    case 'streams-stopped':
      return `audit: ${who} event=streams-stopped ifaces=${field(e.ifaces.join(','))}`;
    case 'command': {
      let outcome: string;
      let detail: string;
      if (e.result) {
        outcome = 'ok';
        detail = summary(e.result);
      } else {
        outcome = e.error instanceof UsageError ? 'usage' : e.error instanceof CommandError ? 'failed' : 'internal-error';
        detail = (e.error as Error)?.message ?? String(e.error);
      }
      return `audit: ${who} event=command command=${field(e.command)} result=${outcome} detail=${field(detail)}`;
    }
  }
}

/**
 * What a face does outside the Engine (a web login, a download), with the same who-fields as
 * a session's lines; `fields` are the face's own (keys are ours, values are quoted).
 */
export function faceAuditLine(info: SessionInfo, event: string, fields: Record<string, string | number> = {}): string {
  const rest = Object.entries(fields).map(([k, v]) => ` ${k}=${typeof v === 'number' ? v : field(v)}`);
  return `audit: face=${field(info.face)} user=${field(info.user)} from=${field(info.from)} event=${event}${rest.join('')}`;
}
