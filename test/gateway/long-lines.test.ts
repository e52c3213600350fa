import type { ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_LINE } from '../../src/console/grammar.js';
import { haveTool } from '../support/referee.js';
import { login, startTestGateway, type TestGateway } from './harness.js';

const usable = haveTool('ssh-keygen');

/** Writes `total` bytes of `ch` in 1 MiB pieces, waiting whenever the channel says so. */
async function flood(channel: ClientChannel, total: number, ch = 'x'): Promise<void> {
  const piece = Buffer.alloc(1 << 20, ch);
  for (let sent = 0; sent < total; sent += piece.length) {
    if (!channel.write(piece.subarray(0, Math.min(piece.length, total - sent)))) await new Promise((r) => channel.once('drain', r));
  }
}

/**
 * Issue 12, finding 2: line mode over SSH had no line limit (a 160 MB line stalled every
 * session, then the heap ran out), and 1 MB typed into the terminal console pinned a CPU
 * for minutes. Here the gateway runs in this process, so its heap is this heap.
 */
describe.skipIf(!usable)('long lines against the gateway', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t?.close());

  test('line mode: a 64 MiB line is one "too long" error, held in bounded memory, and the next command runs', async () => {
    const c = await login(t);
    const shell = await new Promise<ClientChannel>((resolve, reject) => c.shell(false, (e, ch) => (e ? reject(e) : resolve(ch))));
    let out = '';
    let err = '';
    shell.on('data', (d: Buffer) => (out += d));
    shell.stderr.on('data', (d: Buffer) => (err += d));
    const exit = new Promise<number>((resolve) => shell.on('exit', (code: number) => resolve(code)));
    global.gc?.();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed - base)), 5);
    await flood(shell, 64 << 20);
    shell.end('\nstatus\n');
    const code = await exit;
    clearInterval(sampler);
    c.end();
    expect(err).toBe(`pcapdump: line too long: ${64 << 20} characters (at most ${MAX_LINE}): ignored\n`);
    expect(out).toBe('no captures\n');
    expect(code).toBe(2);
    console.log(`64 MiB line over SSH line mode: heap grew by at most ${(peak / 2 ** 20).toFixed(1)} MiB`);
    // The line itself is 64 MiB: it was never held. (ssh2's own buffers on both ends are in this heap too.)
    expect(peak).toBeLessThan(48 << 20);
  });

  test('the console (PTY shell): 1 MiB typed at the prompt is capped, and the console answers the next command', async () => {
    const c = await login(t);
    const shell = await new Promise<ClientChannel>((resolve, reject) =>
      c.shell({ term: 'xterm', cols: 100, rows: 30 }, (e, ch) => (e ? reject(e) : resolve(ch))),
    );
    let screen = '';
    shell.on('data', (d: Buffer) => (screen += d.toString()));
    const until = async (what: RegExp, ms = 60_000) => {
      const end = Date.now() + ms;
      while (!what.test(screen)) {
        if (Date.now() > end) throw new Error(`console never showed ${what}; last: ${JSON.stringify(screen.slice(-300))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await until(/pcapdump>/);
    await flood(shell, 1 << 20, 'a');
    await until(/line too long: at most 4096 characters/);
    // Ctrl-U empties the line, then a command and Enter, all in one write (as a busy
    // machine reads keys typed quickly): each acts as a key, in order.
    screen = '';
    shell.write('\x15status\r');
    await until(/no captures/);
    shell.write('exit\r');
    await new Promise((r) => shell.on('close', r));
    c.end();
  });
});
