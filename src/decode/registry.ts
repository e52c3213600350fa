import type { Dissector } from './dissector.js';

/**
 * The dispatch points of tcpdump's printers, as tables a printer adds itself to when
 * its module loads (src/decode/print/all.ts imports them all):
 *
 *   link type  -> printer of the whole frame        (tcpdump's print.c printers[])
 *   ethertype  -> printer after an ethertype        (ethertype_print)
 *   IP protocol-> printer after an IPv4/IPv6 header (ip_demux_print)
 *   TCP / UDP port rules, in tcpdump's order        (tcp_print, udp_print)
 *
 * A printer is (nd, at, length): at is the offset of its first byte in nd.buf, length
 * what the enclosing header says it is (it may exceed what was captured: nd.snapend
 * bounds every read).
 */
export type Printer = (nd: Dissector, at: number, length: number) => void;

/**
 * Printers by protocol name, for protocols reached from several places (IPX after an
 * ethertype, an LLC SAP, a cooked header, a BSD address family...). A table entry
 * that names a protocol without a printer of its own uses the printer of that name.
 */
const named = new Map<string, Printer>();

export function registerPrinter(name: string, print: Printer): void {
  if (named.has(name)) throw new Error(`decode: two printers named ${name}`);
  named.set(name, print);
}

export function namedPrinter(name: string): Printer | undefined {
  return named.get(name);
}

/**
 * A number-keyed table of printers with the family name each one is counted under.
 * Keys below `size` (the table's key space: 65536 for ethertypes, 256 for IP protocols)
 * live in arrays: a lookup per packet is an index, not a hash. Larger keys (a link type
 * nobody registered, an OUI and PID) are in maps.
 */
export class DispatchTable {
  private readonly names: (string | undefined)[];
  private readonly printers: (Printer | undefined)[];
  private readonly bigNames = new Map<number, string>();
  private readonly bigPrinters = new Map<number, Printer>();

  constructor(
    readonly what: string,
    private readonly size = 65536,
  ) {
    // Filled to full length up front: a sparse array would fall back to a dictionary. No
    // larger than the key space: every table is made at start-up, which `read` waits for.
    this.names = new Array<string | undefined>(size).fill(undefined);
    this.printers = new Array<Printer | undefined>(size).fill(undefined);
  }

  /** Names a key without a printer yet: packets are counted under the name and printed by the fallback. */
  name(key: number, name: string): void {
    if (key < this.size) this.names[key] = name;
    else this.bigNames.set(key, name);
  }

  register(key: number, name: string, print: Printer): void {
    if (this.printerOf(key) !== undefined) throw new Error(`decode: ${this.what} ${key} has two printers (${this.family(key)}, ${name})`);
    this.name(key, name);
    if (key < this.size) this.printers[key] = print;
    else this.bigPrinters.set(key, print);
  }

  private printerOf(key: number): Printer | undefined {
    return key < this.size ? this.printers[key] : this.bigPrinters.get(key);
  }

  /** The key's own printer, else the printer registered under its name (registerPrinter), else undefined. */
  printer(key: number): Printer | undefined {
    const p = key < this.size ? this.printers[key] : this.bigPrinters.get(key);
    if (p !== undefined) return p;
    const n = key < this.size ? this.names[key] : this.bigNames.get(key);
    return n === undefined ? undefined : named.get(n);
  }

  family(key: number): string | undefined {
    return key < this.size ? this.names[key] : this.bigNames.get(key);
  }
}

// Link types in use are below 300 (LINKTYPE_* values), IP protocols are a byte.
export const linkTypes = new DispatchTable('link type', 512);
export const etherTypes = new DispatchTable('ethertype');
export const ipProtos = new DispatchTable('IP protocol', 256);

/** Which port(s) a rule looks at: either port, only the source, or only the destination. */
export interface PortMatch {
  either?: readonly number[];
  src?: readonly number[];
  dst?: readonly number[];
  /** Inclusive ranges, matched on either port. */
  ranges?: readonly (readonly [number, number])[];
}

/**
 * A rule of tcp_print's or udp_print's port chain. `guard` is the extra condition a
 * few rules have (bytes that must be there, a payload that must look right).
 */
export interface PortRule {
  readonly name: string;
  readonly match: PortMatch;
  print: Printer | undefined;
  guard: ((nd: Dissector, at: number, length: number) => boolean) | undefined;
}

const NONE = 0x7fff;

/**
 * tcpdump's if/else chain on ports as an ordered list of rules: the first rule whose
 * ports match wins, exactly as in tcpdump (so port 53 to port 123 is DNS, not NTP).
 * The order is fixed by the transport's printer (tcp.ts, udp.ts) when it defines the
 * rules; an application printer only attaches itself to a rule by name. A matched
 * rule without a printer still decides: the transport prints its plain line, as it
 * would have printed the application's (which would not be a different application's).
 */
export class PortTable {
  private readonly rules: PortRule[] = [];
  /** Printers registered before their rule was defined (module load order is not fixed). */
  private readonly pending = new Map<string, { print: Printer; guard: PortRule['guard'] }>();
  private readonly bySrc = new Int16Array(65536).fill(NONE);
  private readonly byDst = new Int16Array(65536).fill(NONE);

  constructor(readonly what: string) {}

  /** Appends a rule (called in tcpdump's order by the transport's printer), with tcpdump's extra condition if it has one. */
  define(name: string, match: PortMatch, guard?: PortRule['guard']): void {
    if (this.rules.some((r) => r.name === name)) throw new Error(`decode: ${this.what} port rule ${name} defined twice`);
    const i = this.rules.length;
    const waiting = this.pending.get(name);
    this.pending.delete(name);
    this.rules.push({ name, match, print: waiting?.print, guard: waiting?.guard ?? guard });
    const mark = (side: Int16Array, port: number) => {
      if (side[port] === NONE) side[port] = i;
    };
    for (const p of match.either ?? []) {
      mark(this.bySrc, p);
      mark(this.byDst, p);
    }
    for (const p of match.src ?? []) mark(this.bySrc, p);
    for (const p of match.dst ?? []) mark(this.byDst, p);
    for (const [lo, hi] of match.ranges ?? []) {
      for (let p = lo; p <= hi; p++) {
        mark(this.bySrc, p);
        mark(this.byDst, p);
      }
    }
  }

  /** Attaches the printer of a rule the transport defined. */
  register(name: string, print: Printer, guard?: PortRule['guard']): void {
    const r = this.rules.find((x) => x.name === name);
    if (!r) {
      if (this.pending.has(name)) throw new Error(`decode: ${this.what} port rule ${name} has two printers`);
      this.pending.set(name, { print, guard });
      return;
    }
    if (r.print) throw new Error(`decode: ${this.what} port rule ${name} has two printers`);
    r.print = print;
    if (guard) r.guard = guard;
  }

  /** Printers registered under a name no rule has (a misspelt name): for tests. */
  unresolved(): string[] {
    return [...this.pending.keys()];
  }

  /** Names of the rules, in order (documentation and tests). */
  names(): string[] {
    return this.rules.map((r) => r.name);
  }

  /**
   * The first rule matching the ports whose guard (if any) accepts the payload, or
   * undefined. Guards are rare; the common case is two array reads.
   */
  find(nd: Dissector, sport: number, dport: number, at: number, length: number): PortRule | undefined {
    let i = this.bySrc[sport];
    const j = this.byDst[dport];
    if (j < i) i = j;
    while (i !== NONE) {
      const r = this.rules[i];
      if (r.guard === undefined || r.guard(nd, at, length)) return r;
      i = this.nextMatch(i + 1, sport, dport);
    }
    return undefined;
  }

  private nextMatch(from: number, sport: number, dport: number): number {
    for (let i = from; i < this.rules.length; i++) {
      const m = this.rules[i].match;
      if (m.either && (m.either.includes(sport) || m.either.includes(dport))) return i;
      if (m.src && m.src.includes(sport)) return i;
      if (m.dst && m.dst.includes(dport)) return i;
      if (m.ranges && m.ranges.some(([lo, hi]) => (sport >= lo && sport <= hi) || (dport >= lo && dport <= hi))) return i;
    }
    return NONE;
  }
}

export const tcpPorts = new PortTable('TCP');
export const udpPorts = new PortTable('UDP');
