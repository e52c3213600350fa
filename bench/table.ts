/** One line of the bench's table: every figure in it was measured in this run. */
export interface Row {
  what: string;
  pcapdump: string;
  tcpdump: string;
  ratio: string;
  target: string;
}

export function verdict(met: boolean, target: string): string {
  return `${met ? 'met' : 'MISSED'} (${target})`;
}

export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))];
}

export function kpps(pps: number): string {
  return pps >= 1000 ? `${(pps / 1000).toFixed(pps >= 100_000 ? 0 : 1)} kpps` : `${pps.toFixed(0)} pps`;
}
