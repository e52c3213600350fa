// The capture page: log in, then the Engine's interfaces, captures, live lines, show and files.
import { h, render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import * as api from './api.js';
import { Captures } from './captures.js';
import { Files } from './files.js';
import { changeLine, plural, resultLine } from './format.js';
import { StartForm } from './start-form.js';

const html = htm.bind(h);

/** Lines kept on the page: older ones scroll away ("show" has the whole buffer). */
const LIVE_LINES = 1000;
const SHOW_LINES = 5000;

function Login({ onIn, reason }) {
  const [error, setError] = useState(reason);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    try {
      const r = await api.post('/api/login', { user: String(form.get('user')), password: String(form.get('password')) });
      api.setCsrf(r.csrfToken);
      onIn(r);
    } catch (err) {
      setError(err.message);
      // A failed login leaves the token as it was; a stale one is renewed for the next try.
      if (err.status === 403) await api.session();
    } finally {
      setBusy(false);
    }
  };
  return html`
    <form class="login" onSubmit=${submit} aria-label="log in">
      <h1>pcapdump</h1>
      <label class="field"><span>User</span><input name="user" autocomplete="username" required /></label>
      <label class="field"><span>Password</span><input name="password" type="password" autocomplete="current-password" required /></label>
      <button type="submit" class="primary" disabled=${busy}>Log in</button>
      ${error && html`<p class="error" role="alert">${error}</p>`}
    </form>`;
}

function Pane({ title, label, lines, children }) {
  return html`
    <section aria-label=${label}>
      <h2>${title}</h2>
      ${children}
      <pre class="lines" aria-label="${label} text">${lines.join('\n')}</pre>
    </section>`;
}

function CapturePage({ me, onOut }) {
  const [names, setNames] = useState([]);
  const [captures, setCaptures] = useState([]);
  const [listing, setListing] = useState(null);
  const [message, setMessage] = useState(null);
  const [startError, setStartError] = useState(null);
  const [live, setLive] = useState([]);
  const [connected, setConnected] = useState(false);
  const [shown, setShown] = useState(null);
  const showAbort = useRef(null);

  const say = (text, error = false) => setMessage(text ? { text, error } : null);
  const addLive = (more) => setLive((old) => [...old, ...more].slice(-LIVE_LINES));

  const failed = (err) => {
    if (err.status === 401) return onOut('Your session has ended: log in again.');
    say(err.kind ? `pcapdump: ${err.message}` : err.message, true);
  };

  const run = async (words) => {
    try {
      const r = await api.run(words);
      if (r.kind === 'files') setListing(r);
      else say(resultLine(r));
      if (r.kind === 'written' || r.kind === 'deleted' || r.kind === 'cleanup') void refresh();
      return r;
    } catch (err) {
      failed(err);
      return null;
    }
  };

  const refresh = async () => {
    try {
      setListing(await api.run(['files']));
    } catch (err) {
      failed(err);
    }
  };

  const start = async (words) => {
    setStartError(null);
    try {
      say(resultLine(await api.run(words)));
    } catch (err) {
      if (err.status === 401) return onOut('Your session has ended: log in again.');
      setStartError(err.message);
    }
  };

  /** `show`, streamed: lines as they come, the first few thousand on the page, the rest a link away. */
  const show = async (iface, detail = '') => {
    showAbort.current?.abort();
    const ctl = new AbortController();
    showAbort.current = ctl;
    const query = new URLSearchParams();
    if (iface) query.set('iface', iface);
    if (detail.trim()) query.set('detail', detail.trim());
    const qs = query.toString();
    const url = `/api/show${qs ? `?${qs}` : ''}`;
    const state = { title: `show ${iface ?? ''} ${detail.trim()}`.replace(/\s+/g, ' ').trim(), url, lines: [], more: 0, done: false };
    setShown({ ...state });
    try {
      const res = await fetch(url, { credentials: 'same-origin', signal: ctl.signal });
      if (!res.ok) {
        const body = await res.json().catch(() => ({}));
        setShown(null);
        return failed(new api.RequestError(res.status, body.error ?? res.statusText, body.kind));
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let rest = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parts = (rest + value).split('\n');
        rest = parts.pop();
        const room = SHOW_LINES - state.lines.length;
        state.lines.push(...parts.slice(0, Math.max(0, room)));
        state.more += Math.max(0, parts.length - room);
        setShown({ ...state });
      }
      state.done = true;
      setShown({ ...state });
    } catch (err) {
      if (err.name !== 'AbortError') say(`show: ${err.message}`, true);
    }
  };

  useEffect(() => {
    void refresh();
    let ws = null;
    let over = false;
    let retry = null;
    const connect = () => {
      ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/live`);
      ws.onopen = () => setConnected(true);
      ws.onmessage = (e) => {
        const m = JSON.parse(e.data);
        if (m.t === 'hello') {
          setNames(m.names);
          setCaptures(m.captures);
        } else if (m.t === 'status') setCaptures(m.captures);
        else if (m.t === 'names') setNames(m.names);
        else if (m.t === 'lines') addLive(m.lines.map((l) => `[${l.iface}] ${l.text}`));
        else if (m.t === 'lost') addLive([`... ${plural(m.count, 'brief line')} lost: this page fell behind the capture ("show" lists what was stored)`]);
        else if (m.t === 'change') {
          setCaptures((old) => old.map((s) => (s.device === m.status.device ? m.status : s)));
          const line = m.mine ? changeLine(m.status) : null;
          if (line) say(line);
        }
      };
      ws.onclose = (e) => {
        setConnected(false);
        if (over) return;
        if (e.code === 4001) return onOut(e.reason || 'Your session has ended: log in again.');
        retry = setTimeout(connect, 2000);
      };
    };
    connect();
    return () => {
      over = true;
      clearTimeout(retry);
      ws?.close();
      showAbort.current?.abort();
    };
  }, []);

  const logout = async () => {
    try {
      await api.post('/api/logout');
    } catch {
      // Over either way.
    }
    onOut(null);
  };

  return html`
    <header>
      <h1>pcapdump</h1>
      <span class=${connected ? 'live on' : 'live'}>${connected ? 'live' : 'connecting...'}</span>
      <span class="spacer"></span>
      <span>${me.user}</span>
      <button onClick=${logout}>Log out</button>
    </header>
    ${message && html`<p class=${message.error ? 'message error' : 'message'} role=${message.error ? 'alert' : 'status'}>${message.text}</p>`}
    <section aria-label="interfaces">
      <h2>Interfaces</h2>
      <p class="names">${names.length === 0 ? html`<span class="muted">none</span>` : names.map((n) => html`<code>${n}</code> `)}</p>
    </section>
    <section aria-label="start">
      <h2>Start a capture</h2>
      <${StartForm} names=${names} onStart=${start} error=${startError} />
    </section>
    <${Captures} captures=${captures} run=${run} show=${show} />
    <${Pane} title="Live brief lines (-o, -ou)" label="live lines" lines=${live}>
      <div class="toolbar"><button onClick=${() => setLive([])}>Clear</button></div>
    <//>
    ${shown &&
    html`<${Pane} title=${shown.title} label="show" lines=${shown.lines}>
      <div class="toolbar">
        <button onClick=${() => (showAbort.current?.abort(), setShown(null))}>Close</button>
        <a class="button" href=${shown.url} target="_blank" rel="noopener">Open as text</a>
        ${shown.more > 0 && html`<span class="muted">${plural(shown.more, 'more line')}: open as text for all</span>`}
        ${!shown.done && html`<span class="muted">reading...</span>`}
      </div>
    <//>`}
    <${Files} listing=${listing} run=${run} refresh=${refresh} />`;
}

function App() {
  const [me, setMe] = useState(undefined);
  const [reason, setReason] = useState(null);
  useEffect(() => {
    api.session().then(setMe, () => setMe(null));
  }, []);
  const out = async (why) => {
    setReason(why);
    await api.session().catch(() => null);
    setMe(null);
  };
  if (me === undefined) return html`<p class="muted">...</p>`;
  if (me === null) return html`<${Login} reason=${reason} onIn=${(r) => (setReason(null), setMe(r))} />`;
  return html`<${CapturePage} me=${me} onOut=${out} />`;
}

render(html`<${App} />`, document.getElementById('app'));
