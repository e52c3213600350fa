import { readFileSync, readdirSync } from 'node:fs';

/**
 * The name of a network interface of this machine by its index, as tcpdump's
 * if_indextoname: Linux cooked v2 lines (captures on "any") start with it. The table
 * is read from /sys once and again when an index is missing (an interface that came
 * up since), at most every few seconds; elsewhere every index is unknown.
 */
export function interfaceNames(sysNet = '/sys/class/net'): (index: number) => string | undefined {
  let names = new Map<number, string>();
  let readAt = -Infinity;
  const load = () => {
    readAt = Date.now();
    const next = new Map<number, string>();
    let entries: string[] = [];
    try {
      entries = readdirSync(sysNet);
    } catch {
      // not Linux, or no sysfs: no names
    }
    for (const name of entries) {
      try {
        next.set(Number(readFileSync(`${sysNet}/${name}/ifindex`, 'utf8').trim()), name);
      } catch {
        // gone meanwhile
      }
    }
    names = next;
  };
  return (index) => {
    let name = names.get(index);
    if (name === undefined && Date.now() - readAt > 5000) {
      load();
      name = names.get(index);
    }
    return name;
  };
}
