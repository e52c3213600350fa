import type { TunnelStatus } from '../console/engine.js';
import type { TunnelCommand } from '../console/grammar.js';
import { fold, formatDateTime, plural, type Emit } from './render.js';

function left(ms: number): string {
  if (ms <= 0) return 'expired';
  const m = Math.floor(ms / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  return d > 0 ? `${d}d ${h}h left` : `${h}h ${m % 60}m left`;
}

/** `tunnel enable | status | disable`: the tunnel's state, where support reaches it, until when, and the key support must allow. */
export function tunnelLines(action: TunnelCommand['action'], t: TunnelStatus, emit: Emit, now = Date.now()): void {
  const say = (text: string, first = '') => {
    for (const l of fold(text, undefined, '  ', first)) emit(l);
  };
  const where = t.host ? `${t.host}:${t.port} as ${t.user}` : '';
  if (t.state === 'off') say(action === 'disable' ? 'tunnel: disabled' : 'tunnel: off');
  else say(`tunnel: ${t.state}${where ? ` to ${where}` : ''}`);
  if (t.state !== 'off') {
    if (t.hostKey) say(`support host key ${t.hostKey}`, '  ');
    if (t.remotePort) say(`support reaches this gateway at localhost:${t.remotePort} on ${t.host}`, '  ');
    if (t.expiresAt !== undefined) {
      say(t.expiresAt > now ? `new sessions until ${formatDateTime(t.expiresAt)} (${left(t.expiresAt - now)})` : `expired ${formatDateTime(t.expiresAt)}: no new sessions`, '  ');
    }
    say(`${plural(t.sessions, 'session')} open, ${t.sessionsTotal} since enabled`, '  ');
  } else if (action === 'disable' && t.sessionsTotal > 0) {
    say(`the connection to the support host is closed, and ${plural(t.sessionsTotal, 'session')} through it with it`, '  ');
  }
  if (t.problem) say(t.problem, '  ');
  if (t.clientKey) {
    emit("  this gateway's key, for the support host's authorized_keys:");
    emit(t.clientKey);
  }
}
