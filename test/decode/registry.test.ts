import { describe, expect, it } from 'vitest';
import { Decoder } from '../../src/decode/index.js';
import { DispatchTable, PortTable, registerPrinter } from '../../src/decode/registry.js';
import { SeqTable, StreamState } from '../../src/decode/state.js';
import type { Dissector } from '../../src/decode/dissector.js';
import { EtherType, ethernet, ipv4, ipv6, tcp } from '../../samples/frames.js';
import { view } from './view.js';

// Port rules without guards never look at the Dissector.
const nd = {} as Dissector;
const print = (): ((d: Dissector) => void) => () => undefined;

describe('port rules', () => {
  it('the first rule in the chain wins, whichever port matched it (tcpdump: 53 -> 123 is DNS)', () => {
    const t = new PortTable('test');
    t.define('domain', { either: [53] });
    t.define('ntp', { either: [123] });
    t.define('only-dst', { dst: [700] });
    t.define('range', { ranges: [[7000, 7009]] });
    const find = (s: number, d: number) => t.find(nd, s, d, 0, 0)?.name;
    expect(find(123, 53)).toBe('domain');
    expect(find(53, 123)).toBe('domain');
    expect(find(123, 4000)).toBe('ntp');
    expect(find(700, 1)).toBeUndefined();
    expect(find(1, 700)).toBe('only-dst');
    expect(find(1, 7005)).toBe('range');
    expect(find(1, 2)).toBeUndefined();
  });

  it('a rule whose guard refuses the payload lets the next matching rule try', () => {
    const t = new PortTable('test');
    let accept = false;
    t.define('picky', { either: [2049] }, () => accept);
    t.define('fallback', { either: [2049, 1] });
    const find = () => t.find(nd, 2049, 5, 0, 0)?.name;
    expect(find()).toBe('fallback');
    accept = true;
    expect(find()).toBe('picky');
  });

  it('a printer may register before its rule is defined; a misspelt name stays unresolved', () => {
    const t = new PortTable('test');
    const p = print();
    t.register('later', p);
    t.register('nosuch', print());
    t.define('later', { either: [1] });
    expect(t.find(nd, 1, 1, 0, 0)?.print).toBe(p);
    expect(t.unresolved()).toEqual(['nosuch']);
    expect(() => t.register('later', print())).toThrow(/two printers/);
  });
});

describe('dispatch tables', () => {
  it('a named entry without a printer uses the printer registered under its name', () => {
    const t = new DispatchTable('test');
    t.name(0x1234, 'test-named-proto');
    expect(t.printer(0x1234)).toBeUndefined();
    const p = print();
    registerPrinter('test-named-proto', p);
    expect(t.printer(0x1234)).toBe(p);
    expect(t.family(0x1234)).toBe('test-named-proto');
    const own = print();
    t.register(0x1234, 'test-named-proto', own);
    expect(t.printer(0x1234)).toBe(own);
    expect(() => t.register(0x1234, 'again', own)).toThrow(/two printers/);
    // Keys past 16 bits (SNAP OUI/PID) work the same way.
    t.register(0x00000c2000, 'big', own);
    expect(t.printer(0x00000c2000)).toBe(own);
  });
});

describe('TCP connection table', () => {
  it('keeps thousands of connections across its growth, IPv4 and IPv6 apart', () => {
    const t = new SeqTable(3);
    for (let i = 0; i < 5000; i++) {
      t.key.set([i, i * 7, (i << 16) | 80]);
      expect(t.find()).toBe(-1);
      t.set(t.add(), i, i + 1);
    }
    for (let i = 0; i < 5000; i += 37) {
      t.key.set([i, i * 7, (i << 16) | 80]);
      const e = t.find();
      expect([t.seq(e), t.ack(e)]).toEqual([i, i + 1]);
    }
    expect(t.size).toBe(5000);
    t.clear();
    t.key.set([0, 0, 80]);
    expect(t.find()).toBe(-1);
  });

  it('relative numbers follow each of many interleaved connections, as tcpdump prints them', () => {
    const d = new Decoder();
    const frame = (i: number, v6: boolean, seq: number, ack: number) => {
      const seg = tcp({ sport: 1024 + i, dport: 443, flags: 'A', seq, ack });
      return v6
        ? ethernet({ dst: '02:00:00:00:00:01', src: '02:00:00:00:00:02', type: EtherType.IPV6, payload: ipv6({ src: `2001:db8::${i.toString(16)}`, dst: '2001:db8::ffff', payload: seg }) })
        : ethernet({ dst: '02:00:00:00:00:01', src: '02:00:00:00:00:02', type: EtherType.IPV4, payload: ipv4({ src: `10.0.${i >> 8}.${i & 255}`, dst: '10.1.0.1', payload: seg }) });
    };
    for (let i = 0; i < 300; i++) for (const v6 of [false, true]) d.line(view(frame(i, v6, 1000 * i, 5000 * i)));
    for (let i = 0; i < 300; i += 7) {
      for (const v6 of [false, true]) {
        const line = d.line(view(frame(i, v6, 1000 * i + 10, 5000 * i + 1)));
        expect(line).toContain(', ack 2, win');
      }
    }
    expect(d.state.tcp4.size).toBe(300);
    expect(d.state.tcp6.size).toBe(300);
  });

  it('a stream that remembers nothing keeps no connection and hands out fresh slots', () => {
    const s = new StreamState();
    s.remember = false;
    expect(s.slot('x', () => ({}))).not.toBe(s.slot('x', () => ({})));
    s.remember = true;
    expect(s.slot('x', () => ({}))).toBe(s.slot('x', () => ({})));
  });
});
