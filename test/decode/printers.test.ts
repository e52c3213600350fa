import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decoder, brief } from '../../src/decode/index.js';
import { tcpPorts, udpPorts } from '../../src/decode/registry.js';
import { PcapWriter } from '../../src/pcap/index.js';
import { haveTool } from '../support/referee.js';
import { localInterfaceNames, runTcpdump } from './agreement-lib.js';
import { assorted, connection, more, type Frame } from './referee-frames.js';
import { views } from './referee-compare.js';


/** Our lines for a stream of frames, one Decoder as `read` uses, without the time. */
function ours(frames: Frame[], opts = {}): string[] {
  const d = new Decoder(opts);
  return views(frames).map((p) => d.line(p).slice(16));
}

describe('brief lines, one printer at a time', () => {
  it('a TCP connection: absolute numbers on the SYN, relative ones after, options', () => {
    expect(ours(connection)).toEqual([
      'IP 192.168.0.10.51234 > 10.0.0.1.8000: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0',
      'IP 10.0.0.1.8000 > 192.168.0.10.51234: Flags [S.], seq 5000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0',
      'IP 192.168.0.10.51234 > 10.0.0.1.8000: Flags [.], ack 1, win 502, options [nop,nop,TS val 2 ecr 1], length 0',
      'IP 192.168.0.10.51234 > 10.0.0.1.8000: Flags [P.], seq 1:19, ack 1, win 502, options [nop,nop,TS val 3 ecr 1], length 18',
      'IP 10.0.0.1.8000 > 192.168.0.10.51234: Flags [.], ack 19, win 509, length 0',
      'IP 10.0.0.1.8000 > 192.168.0.10.51234: Flags [FP.], seq 1:101, ack 19, win 509, length 100',
      'IP 192.168.0.10.51234 > 10.0.0.1.8000: Flags [R.], seq 19, ack 102, win 0, length 0',
    ]);
  });

  it('a packet on its own (brief) prints the numbers whole, as the first of its connection', () => {
    const [, , ack] = views(connection);
    expect(brief(ack).slice(16)).toBe('IP 192.168.0.10.51234 > 10.0.0.1.8000: Flags [.], ack 5001, win 502, options [nop,nop,TS val 2 ecr 1], length 0');
  });

  it('each Decoder keeps its own connections (show starts afresh)', () => {
    const a = ours(connection);
    const b = ours(connection);
    expect(b).toEqual(a);
  });

  it('link layers, fragments, ICMP errors, ND, unknown types and truncation', () => {
    const lines = ours(assorted, { interfaceName: (i: number) => (i === 1 ? 'lo' : undefined) });
    expect(lines).toContain('IP6 2001:db8::1.5000 > 2001:db8::1:0:0:2.40000: UDP, length 40');
    expect(lines).toContain('IP 9.9.9.9 > 5.6.7.8: ICMP 9.9.9.9 udp port 5000 unreachable, length 36');
    expect(lines).toContain('IP 1.1.1.1 > 2.2.2.2: ip-proto-17');
    expect(lines).toContain('IP 1.2.3.4 > 5.6.7.8:  ip-proto-253 26');
    expect(lines).toContain('00:11:22:33:44:55 > 66:77:88:99:aa:bb, ethertype Unknown (0x88b5), length 60: ');
    expect(lines).toContain('IP6 2001:db8::1 > 2001:db8::2: HBH DSTOPT frag (0|12) 7 > 8: UDP, length 4');
    expect(lines).toContain('lo    In  IP 10.0.0.1.5000 > 192.168.0.10.40000: UDP, length 40');
    expect(lines).toContain('AF Unknown (10), length 72: ');
    expect(lines).toContain('IP 192.168.0.10.51234 > 10.0.0.1.8000:  [|tcp]');
    expect(lines).toContain('IP  [|ip]');
    expect(lines).toContain(' [|ether]');
    expect(lines).toContain('UNSUPPORTED');
  });

  it('every application printer attached itself to a port rule its transport defines', () => {
    expect(tcpPorts.unresolved()).toEqual([]);
    expect(udpPorts.unresolved()).toEqual([]);
  });

  it('records tcpdump refuses print its words, without a time', () => {
    const [p] = views(connection);
    expect(brief({ ...p, origLen: 10, capLen: 20 })).toBe('[Invalid header: len(10) < caplen(20)]');
    expect(brief({ ...p, capLen: 0, origLen: 0 })).toBe('[Invalid header: caplen==0, len==0]');
  });
});

describe.skipIf(!haveTool('tcpdump'))('the same frames, line for line with tcpdump -nn', () => {
  it('prints what tcpdump prints for every hand-built frame', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcapdump-decode-'));
    try {
      const ifName = localInterfaceNames();
      // Every frame also cut short at a few places, as a small snap length leaves it.
      const cut = [...assorted, ...more].flatMap((f) => [14, 20, 30, 42, 50, 58, 62, 70].filter((n) => n < f.bytes.length).map((n) => ({ ...f, capLen: n })));
      for (const [name, frames] of [
        ['connection', connection],
        ['assorted', assorted],
        ['more', more],
        ['cut', cut],
      ] as const) {
        // One file per link type: a pcap file has one.
        const byLink = new Map<number, Frame[]>();
        for (const f of frames) byLink.set(f.linkType, [...(byLink.get(f.linkType) ?? []), f]);
        for (const [linkType, group] of byLink) {
          const file = join(dir, `${name}-${linkType}.pcap`);
          const chunks: Buffer[] = [];
          const w = new PcapWriter((c) => chunks.push(Buffer.from(c)), { linkType });
          const vs = views(group);
          for (const v of vs) w.writePacket(v);
          w.flush();
          writeFileSync(file, Buffer.concat(chunks));
          const td = await runTcpdump(file);
          const d = new Decoder({ interfaceName: ifName });
          const mine = vs.map((v) => d.line(v));
          expect(mine, `${name}, link type ${linkType}`).toEqual(vs.map((_, i) => td.lines.get(i + 1)));
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
