import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decoder } from '../../src/decode/index.js';
import { haveTool } from '../support/referee.js';
import { cutsFrom, printBoth } from './referee-compare.js';
import type { Frame } from './referee-frames.js';
import { aodvFrames, lmpFrames, lsppingFrames, lwappFrames, nfsFrames, openflow13, pptpFrames, resp, rpki, rxFrames, small, telnet, textProtocols, udpOld, udpSmall } from './tcp-apps-frames.js';
import { view } from './view.js';

/**
 * The TCP/UDP application printers against tcpdump on hand-built frames (the corpus has
 * few or none of most of them): every line of every packet at -v 0 to 3, whole and cut
 * short at every byte of the payload.
 */

const groups: [string, Frame[]][] = [
  ['text protocols', textProtocols],
  ['RESP', resp],
  ['SSH, BEEP, MSDP', small],
  ['telnet', telnet],
  ['RPKI-RTR', rpki],
  ['PPTP', pptpFrames],
  ['NFS', nfsFrames],
  ['OpenFlow 1.3', openflow13],
  ['BCM-LI, vat, VQP', udpSmall],
  ['AODV', aodvFrames],
  ['zephyr, lwres, wb', udpOld],
  ['LWAPP', lwappFrames],
  ['LSP ping', lsppingFrames],
  ['LMP', lmpFrames],
  ['RX', rxFrames],
];

/** Ethernet + IPv4/IPv6 + TCP/UDP header: the cuts start in the transport header's last bytes. */
const payloadStart = (f: Frame) => (f.bytes[12] === 0x86 ? 14 + 40 : 14 + 20) + 8;

describe.skipIf(!haveTool('tcpdump'))('TCP/UDP application printers, packet for packet with tcpdump', () => {
  for (const [name, frames] of groups) {
    it(`${name}: tcpdump -nn, -v, -vv and -vvv, whole and cut at every byte`, async () => {
      const cuts = cutsFrom(frames, payloadStart);
      for (const verbose of [0, 1, 2, 3]) {
        for (const [what, set] of [
          ['whole', frames],
          ['cut', cuts],
        ] as const) {
          const { theirs, ours, errors } = await printBoth(set, verbose);
          expect(theirs.length, `${name} ${what}: tcpdump printed every packet`).toBe(set.length);
          expect(errors).toEqual([]);
          if (process.env.TCP_APPS_SHOW) console.log(ours.join('\n'));
          expect(ours, `${name} ${what} -v x${verbose}`).toEqual(theirs);
        }
      }
    });
  }
});

describe('TCP/UDP application printers on malformed input', () => {
  it('mutated frames at every verbosity give one clean first line and never a printer bug', () => {
    const all = groups.flatMap(([, f]) => f);
    const decoders = [0, 1, 2, 3].map((verbose) => new Decoder({ verbose }));
    fc.assert(
      fc.property(
        fc.nat(all.length - 1),
        fc.array(fc.tuple(fc.nat(400), fc.nat(255)), { maxLength: 10 }),
        fc.nat(600),
        fc.nat(3),
        (which, flips, cut, v) => {
          const base = Buffer.from(all[which].bytes);
          const from = payloadStart(all[which]);
          for (const [at, b] of flips) base[from + (at % Math.max(1, base.length - from))] = b;
          const cap = cut % (base.length + 1);
          const d = decoders[v];
          const line = d.line(view(base, all[which].linkType, { capLen: cap, origLen: base.length }));
          return line.length > 0 && !line.includes('\n') && !line.includes('undefined') && !line.includes('NaN') && d.lastError === '';
        },
      ),
      { numRuns: 5000 },
    );
  });
});
