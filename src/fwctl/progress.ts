export interface Progress {
  update(done: number): void;
  finish(): void;
  /** The transfer failed: end the line so the error starts on its own. */
  abandon(): void;
}

export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

/** No bar where nobody watches: pipes, logs, scripts. */
export const silentProgress: Progress = { update: () => undefined, finish: () => undefined, abandon: () => undefined };

/**
 * One line on a terminal, redrawn at most every 100 ms: bar, bytes, rate, time left.
 * The rate is taken over the whole transfer so far: steady, if slow to react.
 */
export function terminalProgress(out: { write(s: string): unknown; columns?: number }, name: string, total: number, now = () => performance.now()): Progress {
  const t0 = now();
  let last = -Infinity;
  let done = 0;
  // Once the line is ended (finished, failed or interrupted) a late update must not draw over what follows.
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    out.write('\n');
  };
  const draw = () => {
    if (ended) return;
    const secs = (now() - t0) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const frac = total > 0 ? done / total : 1;
    const left = rate > 0 ? (total - done) / rate : Infinity;
    const width = 24;
    const fill = Math.round(frac * width);
    const bar = '#'.repeat(fill) + '-'.repeat(width - fill);
    const text = `${name} [${bar}] ${(frac * 100).toFixed(0).padStart(3)}%  ${formatSize(done)}/${formatSize(total)}  ${formatSize(Math.round(rate))}/s  ${clock(left)} left`;
    const cols = out.columns ?? 80;
    out.write('\r' + text.slice(0, cols - 1).padEnd(Math.min(cols - 1, text.length)) + '\x1b[K');
  };
  return {
    update(n) {
      done = n;
      const t = now();
      if (t - last >= 100) {
        last = t;
        draw();
      }
    },
    finish() {
      draw();
      end();
    },
    abandon: end,
  };
}
