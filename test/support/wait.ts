/**
 * Waits until `cond` holds, looking every `everyMs`; past `ms` it fails saying what it waited
 * for (`what`: text, or a function that tells what was seen by then). A bound, never a measure.
 */
export async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string | (() => string), everyMs = 10): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
