/**
 * What printing one stream of packets remembers from packet to packet, as tcpdump
 * remembers it over one run: the initial sequence numbers of each TCP connection
 * (for relative sequence numbers), and whatever a printer keeps in a slot of its own.
 * `show` starts a fresh one over the ring, `read` one per file, a live capture one per
 * capture.
 */

/** Connections remembered before the table is cleared: a hostile stream cannot grow it without bound. */
export const MAX_CONNECTIONS = 1 << 20;

/**
 * A hash table of TCP connections keyed by `words` 32-bit words (addresses and the
 * port pair, tcpdump's struct tha), holding the two initial numbers. Typed arrays and
 * open chaining: looking a connection up allocates nothing.
 */
export class SeqTable {
  private cap = 0;
  private count = 0;
  private keys = new Uint32Array(0);
  private seqs = new Uint32Array(0);
  private acks = new Uint32Array(0);
  private nexts = new Int32Array(0);
  private heads = new Int32Array(0);
  /** The key being looked up: the caller fills key[0 .. words). */
  readonly key: Uint32Array;

  constructor(readonly words: number) {
    this.key = new Uint32Array(words);
    this.grow(64);
  }

  private hash(words: Uint32Array, at: number): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < this.words; i++) h = Math.imul(h ^ words[at + i], 0x01000193);
    return (h ^ (h >>> 15)) & (this.heads.length - 1);
  }

  /** Index of the connection in key, or -1. */
  find(): number {
    const w = this.words;
    for (let e = this.heads[this.hash(this.key, 0)]; e >= 0; e = this.nexts[e]) {
      let i = 0;
      while (i < w && this.keys[e * w + i] === this.key[i]) i++;
      if (i === w) return e;
    }
    return -1;
  }

  /** Adds the connection in key (not present) and returns its index. */
  add(): number {
    if (this.count === MAX_CONNECTIONS) this.clear();
    if (this.count === this.cap) this.grow(this.cap * 2);
    const e = this.count++;
    this.keys.set(this.key, e * this.words);
    const b = this.hash(this.key, 0);
    this.nexts[e] = this.heads[b];
    this.heads[b] = e;
    return e;
  }

  seq(e: number): number {
    return this.seqs[e];
  }

  ack(e: number): number {
    return this.acks[e];
  }

  set(e: number, seq: number, ack: number): void {
    this.seqs[e] = seq;
    this.acks[e] = ack;
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.count = 0;
    this.heads.fill(-1);
  }

  private grow(cap: number): void {
    const keys = new Uint32Array(cap * this.words);
    keys.set(this.keys.subarray(0, this.count * this.words));
    const seqs = new Uint32Array(cap);
    seqs.set(this.seqs.subarray(0, this.count));
    const acks = new Uint32Array(cap);
    acks.set(this.acks.subarray(0, this.count));
    this.keys = keys;
    this.seqs = seqs;
    this.acks = acks;
    this.nexts = new Int32Array(cap);
    this.heads = new Int32Array(cap * 2).fill(-1);
    this.cap = cap;
    // Re-chain every entry into the larger bucket array.
    for (let e = 0; e < this.count; e++) {
      const b = this.hash(keys, e * this.words);
      this.nexts[e] = this.heads[b];
      this.heads[b] = e;
    }
  }
}

export class StreamState {
  /** TCP over IPv4: source, destination, ports (3 words). */
  readonly tcp4 = new SeqTable(3);
  /** TCP over IPv6: 4 + 4 address words and the ports (9 words). */
  readonly tcp6 = new SeqTable(9);
  /**
   * When false, nothing is remembered: every packet prints as the first of its stream
   * would (a lone packet, with no stream to belong to).
   */
  remember = true;
  private readonly slots = new Map<string, unknown>();

  /**
   * A printer's own state for this stream, made on first use (e.g. a request table).
   * A stream that remembers nothing gets a fresh one each time.
   */
  slot<T>(name: string, make: () => T): T {
    if (!this.remember) return make();
    let v = this.slots.get(name) as T | undefined;
    if (v === undefined) {
      v = make();
      this.slots.set(name, v);
    }
    return v;
  }

  reset(): void {
    this.tcp4.clear();
    this.tcp6.clear();
    this.slots.clear();
  }
}
