import './interactive.js';
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { render, useApp, useInput, useStdout, type Key } from 'ink';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { StreamDecoders } from '../decode/index.js';
import { interfaceNames } from './interface-names.js';
import type { EngineLink } from '../console/link.js';
import type { CaptureStatus } from '../console/status.js';
import { complete } from './completion.js';
import { History } from './history.js';
import { MAX_LINE } from '../console/grammar.js';
import { lostLine } from './line-mode.js';
import { failureLine, renderResult, stateChangeLine, stoppedLine } from './render.js';
import { Prompt } from './prompt.js';
import { UsageError } from '../console/errors.js';
import { isStream, STREAM_NOT_HERE } from './stream.js';
import { ReverseSearch } from './reverse-search.js';

/** Brief lines a terminal can take per refresh before the console would fall behind the capture. */
const BRIEF_LINES_PER_FLUSH = 2000;
const FLUSH_MS = 50;
const NAMES_MS = 5000;
/** Output the terminal has not taken yet past which brief lines are dropped and `show` waits (a client not reading). */
const BEHIND_BYTES = 256 * 1024;

export function historyFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PCAPDUMP_HISTORY) return env.PCAPDUMP_HISTORY;
  const state = env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(state, 'pcapdump', 'history');
}

/**
 * Text above the prompt. Lines are gathered and written in one go per refresh, through
 * ink's stdout writer, so streaming -o lines never tear the prompt. Brief lines beyond what
 * a terminal can show are counted and said, not queued without bound.
 */
function useOutput(write: (data: string) => void, stdout: NodeJS.WriteStream) {
  const pending = useRef<string[]>([]);
  const skipped = useRef(0);
  const briefs = useRef(0);
  const flush = useCallback(() => {
    if (skipped.current > 0) {
      pending.current.push(`... ${skipped.current} brief lines not shown (the console fell behind; "show" lists what was stored)`);
      skipped.current = 0;
    }
    briefs.current = 0;
    if (pending.current.length === 0) return;
    const text = pending.current.join('\n') + '\n';
    pending.current = [];
    write(text);
  }, [write]);
  useEffect(() => {
    const t = setInterval(flush, FLUSH_MS);
    return () => clearInterval(t);
  }, [flush]);
  const emit = useCallback((line: string) => pending.current.push(line), []);
  const emitBrief = useCallback((line: string) => {
    if (briefs.current >= BRIEF_LINES_PER_FLUSH || stdout.writableLength > BEHIND_BYTES) skipped.current++;
    else {
      briefs.current++;
      pending.current.push(line);
    }
  }, [stdout]);
  /** Between batches of a long listing: out with what is gathered, wait for the terminal, let others run. */
  const pace = useCallback(async () => {
    flush();
    while (stdout.writableLength > BEHIND_BYTES && !stdout.destroyed) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setImmediate(r));
  }, [flush, stdout]);
  return { emit, emitBrief, flush, pace };
}

function shown(rows: CaptureStatus[]): CaptureStatus[] {
  return rows.filter((s) => s.state === 'running' || s.state === 'error');
}

interface AppProps {
  link: EngineLink;
  history: History;
  label?: string;
}

function App({ link, history, label = '' }: AppProps): React.JSX.Element {
  const { exit } = useApp();
  const { write, stdout } = useStdout();
  const { emit, emitBrief, flush, pace } = useOutput(write, stdout);
  const [line, setLine] = useState('');
  const [cursor, setCursor] = useState(0);
  const [hint, setHint] = useState('type "help" for commands; Tab completes');
  const [question, setQuestion] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rows, setRows] = useState<CaptureStatus[]>([]);
  // Tab completes from names fetched ahead of time: keys of a paste are handled in one go,
  // with no time to ask a service in between.
  const names = useRef<string[]>([]);
  const asking = useRef(false);
  const shared = link.shared;

  // Interface names change seldom (an interface added, a replay): asked for every few
  // seconds and after each command, not with every status line.
  const namesAt = useRef(0);
  const refresh = useCallback(
    (withNames = false) => {
      if (asking.current) return;
      asking.current = true;
      const now = Date.now();
      const askNames = withNames || now - namesAt.current > NAMES_MS;
      if (askNames) namesAt.current = now;
      Promise.all([link.status(), askNames ? link.interfaceNames() : null]).then(
        ([s, n]) => {
          asking.current = false;
          setRows(shown(s));
          if (n) names.current = n;
        },
        () => (asking.current = false),
      );
    },
    [link],
  );

  // Leaving draws an empty frame first: ink keeps the last frame on the terminal, and a
  // prompt left there reads as one more "pcapdump> exit".
  const [leaving, setLeaving] = useState(false);
  const quit = useCallback(() => {
    void link.close().finally(() => {
      flush();
      setLeaving(true);
    });
  }, [link, flush]);
  useEffect(() => {
    if (leaving) exit();
  }, [leaving, exit]);

  const streams = useMemo(() => new StreamDecoders({ interfaceName: interfaceNames() }), []);
  useEffect(() => {
    link.listen({
      packet: (iface, p) => emitBrief(`[${iface}] ${streams.line(iface, p)}`),
      lost: (n) => emit(lostLine(n)),
      change: (s, mine) => {
        if (s.state !== 'running') streams.end(s.iface);
        refresh();
        if (shared && !mine) return;
        const said = stateChangeLine(s);
        if (said !== null) emit(said);
      },
      closed: (reason) => {
        emit(`pcapdump: ${reason}`);
        flush();
        setLeaving(true);
      },
    });
    refresh(true);
    const t = setInterval(refresh, 500);
    return () => clearInterval(t);
  }, [link, emit, emitBrief, flush, refresh, shared]);

  // However the console ends (quit, or unmounted when an SSH client goes away), streams
  // that had only this session to go to end with it.
  useEffect(() => () => void link.close().catch(() => undefined), [link]);

  /**
   * Quitting with packets in memory that were never written asks first, unless the buffers
   * outlive this session (a service's or gateway's Engine keeps them for the next technician).
   */
  const requestExit = useCallback(() => {
    if (shared) return quit();
    void link.status().then((rows) => {
      const unwritten = rows.filter((s) => s.unwritten);
      if (unwritten.length === 0) return quit();
      const n = unwritten.reduce((a, s) => a + s.stored, 0);
      setQuestion(`${n} packets in memory not written (${unwritten.map((s) => s.iface).join(', ')}). Quit anyway? [y/N] `);
    }, quit);
  }, [link, quit, shared]);

  const submit = useCallback(
    async (text: string) => {
      history.add(text);
      emit(`${label}pcapdump> ${text}`);
      setBusy(true);
      try {
        if (isStream(text)) throw new UsageError(STREAM_NOT_HERE);
        const result = await link.run(text);
        if (result.kind === 'exit') requestExit();
        else await renderResult(result, emit, pace);
      } catch (err) {
        emit(failureLine(err));
      } finally {
        setBusy(false);
        refresh(true);
        flush();
      }
    },
    [link, emit, flush, pace, history, requestExit, refresh],
  );

  // Keys can arrive faster than React re-renders (a paste, or "r" then Tab in one read):
  // the handler works on this ref, never on a render's possibly stale copy.
  const edit = useRef({ line: '', cursor: 0 });
  const set = (text: string, at: number) => {
    const c = Math.max(0, Math.min(at, text.length));
    edit.current = { line: text, cursor: c };
    setLine(text);
    setCursor(c);
  };

  // Ctrl-R's search, when one is under way; its label stands in for the prompt.
  const search = useRef<ReverseSearch | null>(null);
  const [searchLabel, setSearchLabel] = useState<string | null>(null);
  const showSearch = (rs: ReverseSearch | null, keepLine = true): void => {
    search.current = rs;
    setSearchLabel(rs ? rs.label : null);
    if (rs && keepLine) set(rs.line, rs.cursor);
  };

  /** A key while Ctrl-R searches: true when the search took it, false to handle it as usual. */
  const searchKey = (rs: ReverseSearch, input: string, key: Key): boolean => {
    if (key.ctrl && input === 'r') rs.older();
    else if (key.ctrl && (input === 'g' || input === 'c')) {
      showSearch(null);
      set(rs.original.line, rs.original.cursor);
      return true;
    } else if (key.backspace || key.delete) rs.backspace();
    else if (key.escape) {
      showSearch(null);
      return true;
    } else if (!key.ctrl && !key.meta && !key.return && !key.tab && !/[\x00-\x1f\x7f]/.test(input) && input !== '') rs.type(input);
    else {
      // Enter runs the match; arrows, Tab and editing keys act on it as on a typed line.
      showSearch(null);
      return false;
    }
    showSearch(rs);
    return true;
  };

  const onKey = (input: string, key: Key): void => {
    if (search.current && question === null && searchKey(search.current, input, key)) return;
    const { line, cursor } = edit.current;
    if (question !== null) {
      if (input.toLowerCase() === 'y') quit();
      else {
        setQuestion(null);
        emit('not quitting: write or wipe the buffers, then exit');
      }
      return;
    }
    if (key.ctrl && input === 'c') {
      void link.stopStreams().then((stopped) => {
        if (stopped.length > 0) {
          for (const s of stopped) emit(stoppedLine(s, 'stopped (Ctrl-C)'));
          refresh();
        } else {
          set('', 0);
          setHint('Ctrl-C stops -o/-ou captures; Ctrl-D or "exit" quits');
        }
      });
      return;
    }
    if (key.ctrl && input === 'd') {
      if (line === '') requestExit();
      return;
    }
    if (busy) return;
    if (key.ctrl && input === 'r') return showSearch(new ReverseSearch(history, { line, cursor }), false);
    if (key.return) {
      set('', 0);
      setHint('');
      if (line.trim() !== '') void submit(line);
      return;
    }
    if (key.tab) {
      const c = complete(line, cursor, names.current);
      set(c.line, c.cursor);
      setHint(c.candidates.join('  '));
      return;
    }
    if (key.upArrow || key.downArrow) {
      const next = key.upArrow ? history.up(line) : history.down();
      if (next !== undefined) set(next, next.length);
      return;
    }
    if (key.leftArrow) return set(line, cursor - 1);
    if (key.rightArrow) return set(line, cursor + 1);
    if (key.ctrl && input === 'a') return set(line, 0);
    if (key.ctrl && input === 'e') return set(line, line.length);
    if (key.ctrl && input === 'u') return set(line.slice(cursor), 0);
    if (key.backspace || key.delete) {
      if (cursor > 0) set(line.slice(0, cursor - 1) + line.slice(cursor), cursor - 1);
      return;
    }
    if (key.ctrl || key.meta) return;
    const typed = input.replace(/[\x00-\x1f\x7f]/g, '');
    if (!typed) return;
    // A line has a cap (a paste of a megabyte would have the terminal redraw a megabyte per key).
    const room = MAX_LINE - line.length;
    if (typed.length > room) setHint(`line too long: at most ${MAX_LINE} characters; the rest was not taken`);
    const kept = typed.slice(0, Math.max(0, room));
    if (kept) set(line.slice(0, cursor) + kept + line.slice(cursor), cursor + kept.length);
  };

  // A paste, or keys typed faster than the terminal is read (a loaded machine), arrive as one
  // string: Tab, Enter, Backspace and Ctrl keys inside it still act as keys, in order.
  useInput((input, key) => {
    if (input.length > 1 && !key.ctrl && !key.meta && CONTROL.test(input)) {
      for (const [part, as] of splitKeys(input, key)) onKey(part, as);
      return;
    }
    onKey(input, key);
  });

  if (leaving) return <></>;
  return <Prompt captures={rows} hint={hint} question={question ?? searchLabel} line={line} cursor={cursor} busy={busy} label={label} />;
}

const CONTROL = /[\x00-\x1f\x7f]/;
const NO_KEYS: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/**
 * A run of keys ink handed over as one string, as the keys a terminal sends one by one:
 * text between control characters stays text; Tab, Enter, Backspace and Ctrl-letter
 * become those keys. (Escape sequences ink already splits, so none are in here.)
 */
export function splitKeys(input: string, base: Key): [string, Key][] {
  const keys: [string, Key][] = [];
  for (const part of input.split(/([\x00-\x1f\x7f])/)) {
    if (part === '') continue;
    if (!CONTROL.test(part)) keys.push([part, base]);
    else if (part === '\t') keys.push(['', { ...NO_KEYS, tab: true }]);
    else if (part === '\r' || part === '\n') keys.push(['', { ...NO_KEYS, return: true }]);
    else if (part === '\x7f' || part === '\b') keys.push(['', { ...NO_KEYS, backspace: true }]);
    else {
      const code = part.charCodeAt(0);
      if (code >= 1 && code <= 26) keys.push([String.fromCharCode(code + 96), { ...NO_KEYS, ctrl: true }]);
    }
  }
  return keys;
}

export interface ConsoleStreams {
  /** A TTY-like input (isTTY, setRawMode): process.stdin, or an SSH channel dressed as one. */
  stdin?: NodeJS.ReadStream;
  /** A TTY-like output with columns/rows and 'resize' events. */
  stdout?: NodeJS.WriteStream;
  /** Where history is kept: null for none; by default the user's history file. */
  historyFile?: string | null;
  /** Ends the console from outside (the SSH client went away); the Engine's buffers stay. */
  signal?: AbortSignal;
  /** Stands before the prompt: "(SERVICE) " for a session that came through the support tunnel. */
  label?: string;
}

/** The interactive console on a terminal; resolves when the user quits. */
export async function runConsole(link: EngineLink, streams: ConsoleStreams = {}): Promise<number> {
  const file = streams.historyFile === undefined ? historyFile() : (streams.historyFile ?? undefined);
  // A terminal that reports no size (`ssh -tt` from a script, a serial line) is taken as 80 columns:
  // ink would otherwise lay the console out one character wide.
  const out = streams.stdout ?? process.stdout;
  if (!out.columns) out.columns = 80;
  if (!out.rows) out.rows = 24;
  const history = new History(file);
  // ink takes an explicit undefined as "no stream": give only the streams there are.
  const app = render(<App link={link} history={history} label={streams.label} />, {
    exitOnCtrlC: false,
    patchConsole: false,
    ...(streams.stdin ? { stdin: streams.stdin } : {}),
    ...(streams.stdout ? { stdout: streams.stdout } : {}),
  });
  const abort = () => app.unmount();
  if (streams.signal?.aborted) abort();
  streams.signal?.addEventListener('abort', abort, { once: true });
  await app.waitUntilExit();
  streams.signal?.removeEventListener('abort', abort);
  return 0;
}
