import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { sleep, startTcpdump, track, trafgen, type BenchVeth } from './netns.js';
import { median } from './measure.js';
import { verdict, type Row } from './table.js';

/** Peak resident set (VmHWM) of a process, in MiB; NaN once it is gone. */
function peakMiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Resident set now (VmRSS), in MiB; NaN once the process is gone. */
function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The real program in line mode on a pipe, as a script would drive it. */
class LineConsole {
  private readonly child;
  private readonly waiters: { re: RegExp; resolve: () => void }[] = [];
  readonly out: string[] = [];

  constructor(program: string, args: string[]) {
    this.child = track(spawn(process.execPath, [program, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC' } }));
    const onLine = (l: string) => {
      this.out.push(l);
      for (const w of [...this.waiters]) {
        if (w.re.test(l)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    };
    createInterface({ input: this.child.stdout! }).on('line', onLine);
    createInterface({ input: this.child.stderr! }).on('line', onLine);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Sends a command and waits for a line matching `re` (the program's answer); resolves to the ms between. */
  async send(cmd: string, re: RegExp, timeoutMs = 60_000): Promise<number> {
    const seen = new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`pcapdump: no "${re.source}" after "${cmd}"; said: ${this.out.slice(-3).join(' | ')}`)), timeoutMs);
      this.waiters.push({ re, resolve: () => (clearTimeout(t), resolve()) });
    });
    const t0 = performance.now();
    this.child.stdin!.write(cmd + '\n');
    await seen;
    return performance.now() - t0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.child.on('close', () => resolve());
      this.child.stdin!.end();
      setTimeout(() => this.child.kill('SIGKILL'), 3000).unref();
    });
  }
}

const mib = (x: number) => `${x.toFixed(0)} MiB`;

/** tcpdump from its start to "listening on", the nearest it has to our start-to-capturing. */
async function tcpdumpStartMs(dev: string): Promise<number> {
  const t0 = performance.now();
  const td = await startTcpdump(dev, '/dev/null', 2048, '');
  const ms = performance.now() - t0;
  await td.stop();
  return ms;
}

/**
 * The real program in line mode on a pipe, as a script would drive it: `start` to "capturing"
 * (median of 5, against tcpdump's start to "listening on"); RSS idle, then with one default
 * 512 KB live capture receiving 100,000 frames at 50 kpps (sampled every 100 ms: the capture
 * thread, the 2 MiB kernel ring mapped in this process and the queue's touched chunks are
 * all in it); then with a full 256 MiB ring (replay at full speed, the ring wrapped).
 * Targets: start <= 30 ms; the capture adds <= 10 MiB; the console stays <= 80 MB plus rings.
 */
export async function memory(program: string, bigFile: string, veth: BenchVeth | null, rows: Row[]): Promise<void> {
  const pd = new LineConsole(program, ['--replay', `big=${bigFile}`, '--replay-speed', '0']);
  try {
    await pd.send('status', /no captures/);
    await sleep(1000);
    const idle = peakMiB(pd.pid);
    rows.push({ what: 'memory: peak RSS, idle console (line mode on a pipe)', pcapdump: mib(idle), tcpdump: '-', ratio: '-', target: verdict(idle <= 80, '<= 80 MB') });

    if (veth) {
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let i = 0; i < 5; i++) {
        ours.push(await pd.send(`start ${veth.host}`, /capturing/));
        await pd.send(`stop ${veth.host}`, /stopped/);
        await pd.send(`wipe ${veth.host}`, /wiped/);
        theirs.push(await tcpdumpStartMs(veth.host));
      }
      const o = median(ours);
      const t = median(theirs);
      rows.push({
        what: 'start to "capturing" (console on a pipe, median of 5; tcpdump: process start to "listening on")',
        pcapdump: `${o.toFixed(1)} ms (${ours.map((x) => x.toFixed(0)).join(', ')})`,
        tcpdump: `${t.toFixed(1)} ms`,
        ratio: `${(t / o).toFixed(2)}x`,
        target: verdict(o <= 30, '<= 30 ms'),
      });

      const before = rssMiB(pd.pid);
      await pd.send(`-p start ${veth.host}`, /capturing/);
      // The peer: tcpdump with the same (default) kernel buffer on the same frames.
      const td = await startTcpdump(veth.host, '/dev/null', 2048, '');
      let during = 0;
      const sampler = setInterval(() => {
        during = Math.max(during, rssMiB(pd.pid));
      }, 100);
      const sent = await trafgen(veth, 50_000, 100_000);
      await sleep(500);
      clearInterval(sampler);
      during = Math.max(during, rssMiB(pd.pid));
      const tdPeak = peakMiB(td.pid);
      await td.stop();
      await pd.send(`stop ${veth.host}`, /stopped/);
      await pd.send(`wipe ${veth.host}`, /wiped/);
      const added = during - before;
      rows.push({
        what: `memory: RSS with one 512 KB live capture (${sent.sent} frames at 50 kpps), sampled every 100 ms`,
        pcapdump: `${mib(during)} (${added.toFixed(1)} MiB more than before the start)`,
        tcpdump: `${mib(tdPeak)} (peak, -B 2048)`,
        ratio: `${(during / tdPeak).toFixed(1)}x`,
        target: `${verdict(added <= 10, '<= 10 MiB added')}; ${verdict(during <= 80.5, '<= 80 MB + 0.5 MB ring')}`,
      });
    }

    await pd.send(`-size 262144 -c 260000 start big`, /count reached/, 120_000);
    const full = peakMiB(pd.pid);
    rows.push({ what: 'memory: peak RSS, 256 MiB ring full (replay at full speed)', pcapdump: mib(full), tcpdump: '-', ratio: '-', target: verdict(full <= 80 + 256, '<= 336 MB') });
  } finally {
    await pd.close();
  }
}
