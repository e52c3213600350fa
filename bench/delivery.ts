import { DEFAULT_TIMEOUT_MS, LiveSource } from '../src/capture/live.js';
import { parseFilter, toBpf } from '../src/filter/index.js';
import { replay, sleep, type BenchVeth } from './netns.js';
import { kpps, quantile, type Row } from './table.js';

function nowNs(): number {
  return (performance.timeOrigin + performance.now()) * 1e6;
}

/**
 * How long after its kernel timestamp a packet reaches JavaScript (where -o prints it): the
 * TPACKET_V3 block timeout bounds it on a quiet interface. Measured per packet at the batch's
 * arrival, for each block timeout given, at a low and a moderate rate (tcpreplay: it paces
 * evenly at low rates, where trafgen sends in bursts).
 */
export async function deliveryLatency(veth: BenchVeth, file: string, timeouts: number[], rates: number[], seconds: number, rows: Row[]): Promise<void> {
  const filter = parseFilter(['udp', 'destport', '5555']);
  for (const timeoutMs of timeouts) {
    for (const rate of rates) {
      const lat: number[] = [];
      let batches = 0;
      const src = LiveSource.open(
        {
          device: veth.host,
          bpf: toBpf(filter),
          filter,
          snapLen: 0,
          promiscuous: true,
          events: {
            records(buf, start, end) {
              const at = nowNs();
              batches++;
              for (let off = start; off < end; off += 16 + buf.readUInt32LE(off + 8)) {
                lat.push((at - (buf.readUInt32LE(off) * 1e9 + buf.readUInt32LE(off + 4))) / 1e6);
              }
            },
            end() {},
          },
        },
        { timeoutMs },
      );
      let sent;
      try {
        await sleep(100);
        sent = await replay(veth, file, rate, Math.round(rate * seconds));
        await sleep(300);
      } finally {
        src.stop();
      }
      const drops = src.stats().kernelDrops;
      const sorted = Float64Array.from(lat).sort();
      const med = quantile(sorted, 0.5);
      const p99 = quantile(sorted, 0.99);
      rows.push({
        what: `delivery: kernel timestamp to JavaScript (-o), block timeout ${timeoutMs} ms, ${kpps(sent.pps)}: median / p99 (${lat.length} of ${sent.sent} packets in ${batches} batches, ${drops} dropped)`,
        pcapdump: `${med.toFixed(2)} ms / ${p99.toFixed(2)} ms`,
        tcpdump: '-',
        ratio: '-',
        target: timeoutMs === DEFAULT_TIMEOUT_MS ? 'information (the default)' : 'information',
      });
      console.error(`  delivery timeout ${timeoutMs} ms at ${kpps(sent.pps)}: median ${med.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, ${lat.length} of ${sent.sent} packets, ${batches} batches, ${drops} dropped`);
    }
  }
}
