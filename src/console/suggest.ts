/**
 * Optimal string alignment distance (Levenshtein plus one transposition): "strat" is one
 * edit from "start", as a technician's fingers would have it.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2] + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1];
}

/**
 * The candidate a mistyped word most likely meant, or undefined when none is close:
 * one edit for short words, two from five letters on, so that "stat" finds "status"
 * only through its prefix, not by chance.
 */
export function nearest(word: string, candidates: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | undefined {
  const w = word.toLowerCase();
  if (Object.hasOwn(aliases, w)) return aliases[w];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = c.startsWith(w) && w.length >= 3 ? 0.5 : editDistance(w, c);
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  const allowed = w.length >= 5 ? 2 : 1;
  return bestDistance <= allowed ? best : undefined;
}
