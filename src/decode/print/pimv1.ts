import type { Dissector } from '../dissector.js';
import { udpPorts } from '../registry.js';
import { hex, tok, tok2str, unsignedRelts } from '../text.js';

/** PIM version 1 (carried in IGMP) and Cisco's auto-RP (tcpdump's print-pim.c); PIMv2 is in pim.ts. */

const v1TypeValues = tok({ 0: 'Query', 1: 'Register', 2: 'Register-Stop', 3: 'Join/Prune', 4: 'RP-reachable', 5: 'Assert', 6: 'Graft', 7: 'Graft-ACK' });

function v1JoinPrunePrint(nd: Dissector, bp: number, len: number): void {
  // A single group with a single source: tcpdump's one-line form.
  if (nd.has(bp, 30) && nd.u8(bp + 11) === 1) {
    const njoin = nd.u16(bp + 20);
    if (njoin + nd.u16(bp + 22) === 1) {
      nd.print(' RPF ' + nd.ipv4(bp) + ' ');
      const hold = nd.u16(bp + 6);
      if (hold !== 180) nd.print('Hold ' + unsignedRelts(hold));
      nd.print((njoin ? 'Join' : 'Prune') + ' (' + nd.ipv4(bp + 26) + '/' + (nd.u8(bp + 25) & 0x3f) + ', ' + nd.ipv4(bp + 12));
      if (nd.u32(bp + 16) !== 0xffffffff) nd.print('/' + nd.ipv4(bp + 16));
      nd.print(') ' + (nd.u8(bp + 24) & 1 ? 'Sparse' : 'Dense') + (nd.u8(bp + 25) & 0x80 ? ' WC' : '') + ' ' + (nd.u8(bp + 25) & 0x40 ? 'RP' : 'SPT'));
      return;
    }
  }
  if (len < 4) return nd.printTrunc();
  if (nd.verbose > 1) nd.newline();
  nd.print(' Upstream Nbr: ' + nd.ipv4(bp));
  bp += 4;
  len -= 4;
  if (len < 4) return nd.printTrunc();
  if (nd.verbose > 1) nd.newline();
  nd.print(' Hold time: ');
  nd.print(unsignedRelts(nd.u16(bp + 2)));
  if (nd.verbose < 2) return;
  bp += 4;
  len -= 4;
  if (len < 4) return nd.printTrunc();
  let ngroups = nd.u8(bp + 3);
  bp += 4;
  len -= 4;
  while (ngroups !== 0) {
    if (len < 4) return nd.printTrunc();
    nd.printBreak('\n\tGroup: ' + nd.ipv4(bp));
    bp += 4;
    len -= 4;
    if (len < 4) return nd.printTrunc();
    if (nd.u32(bp) !== 0xffffffff) nd.print('/' + nd.ipv4(bp));
    bp += 4;
    len -= 4;
    if (len < 4) return nd.printTrunc();
    const njoin = nd.u16(bp);
    const nprune = nd.u16(bp + 2);
    nd.print(' joined: ' + njoin + ' pruned: ' + nprune);
    bp += 4;
    len -= 4;
    for (let n = 0; n < njoin + nprune; n++) {
      if (len < 6) return nd.printTrunc();
      nd.printBreak(
        '\n\t' +
          (n < njoin ? 'Join ' : 'Prune') +
          ' ' +
          (nd.u8(bp) & 1 ? 'Sparse ' : 'Dense ') +
          (nd.u8(bp + 1) & 0x80 ? 'WC ' : '') +
          (nd.u8(bp + 1) & 0x40 ? 'RP ' : 'SPT ') +
          nd.ipv4(bp + 2) +
          '/' +
          (nd.u8(bp + 1) & 0x3f),
      );
      bp += 6;
      len -= 6;
    }
    ngroups--;
  }
}

/** PIM version 1 (carried in IGMP): the text after "igmp pimv1". */
export function pimv1Print(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'pimv1';
  const type = nd.u8(bp + 1);
  nd.print(' ' + tok2str(v1TypeValues, '[type %u]', type));
  switch (type) {
    case 0:
      if (nd.has(bp + 8, 1)) {
        const mode = nd.u8(bp + 8) >> 4;
        nd.print(mode === 0 ? ' Dense-mode' : mode === 1 ? ' Sparse-mode' : mode === 2 ? ' Sparse-Dense-mode' : ' mode-' + mode);
      }
      if (nd.verbose) {
        nd.print(' (Hold-time ');
        nd.print(unsignedRelts(nd.u16(bp + 10)));
        nd.print(')');
      }
      break;
    case 1:
      nd.need(bp + 8, 20);
      nd.print(' for ' + nd.ipv4(bp + 20) + ' > ' + nd.ipv4(bp + 24));
      break;
    case 2:
      nd.print(' for ' + nd.ipv4(bp + 8) + ' > ' + nd.ipv4(bp + 12));
      break;
    case 4:
      if (nd.verbose) {
        nd.print(' group ' + nd.ipv4(bp + 8));
        if (nd.u32(bp + 12) !== 0xffffffff) nd.print('/' + nd.ipv4(bp + 12));
        nd.print(' RP ' + nd.ipv4(bp + 16) + ' hold ');
        nd.print(unsignedRelts(nd.u16(bp + 22)));
      }
      break;
    case 5:
      nd.print(' for ' + nd.ipv4(bp + 16) + ' > ' + nd.ipv4(bp + 8));
      if (nd.u32(bp + 12) !== 0xffffffff) nd.print('/' + nd.ipv4(bp + 12));
      nd.print(' ' + (nd.u8(bp + 20) & 0x80 ? 'RP-tree' : 'SPT') + ' pref ' + (nd.u32(bp + 20) & 0x7fffffff) + ' metric ' + nd.u32(bp + 24));
      break;
    case 3:
    case 6:
    case 7:
      if (nd.verbose) {
        if (len < 8) return nd.printTrunc();
        v1JoinPrunePrint(nd, bp + 8, len - 8);
      }
      break;
  }
  if (nd.u8(bp + 4) >> 4 !== 1) nd.print(' [v' + (nd.u8(bp + 4) >> 4) + ']');
}

/** Cisco auto-RP announcements and mappings (UDP port 496). */
export function ciscoAutorpPrint(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'cisco_autorp';
  if (len < 8) return nd.printTrunc();
  nd.print(' auto-rp ');
  const type = nd.u8(bp);
  nd.print(type === 0x11 ? 'candidate-advert' : type === 0x12 ? 'mapping' : 'type-0x' + hex(type, 2));
  let numrps = nd.u8(bp + 1);
  nd.print(' Hold ');
  const hold = nd.u16(bp + 2);
  nd.print(hold ? unsignedRelts(nd.u16(bp + 2)) : 'FOREVER');
  bp += 8;
  len -= 8;
  while (numrps !== 0) {
    if (len < 4) return nd.printTrunc();
    nd.print(' RP ' + nd.ipv4(bp));
    bp += 4;
    len -= 4;
    if (len < 1) return nd.printTrunc();
    nd.print([' PIMv?', ' PIMv1', ' PIMv2', ' PIMv1+2'][nd.u8(bp) & 3]);
    if (nd.u8(bp) & 0xfc) nd.print(' [rsvd=0x' + hex(nd.u8(bp) & 0xfc, 2) + ']');
    bp += 1;
    len -= 1;
    if (len < 1) return nd.printTrunc();
    let nentries = nd.u8(bp);
    bp += 1;
    len -= 1;
    let s = ' ';
    while (nentries !== 0) {
      if (len < 6) return nd.printTrunc();
      nd.print(s + (nd.u8(bp) & 1 ? '!' : '') + nd.ipv4(bp + 2) + '/' + nd.u8(bp + 1));
      if (nd.u8(bp) & 0x02) nd.print(' bidir');
      if (nd.u8(bp) & 0xfc) nd.print('[rsvd=0x' + hex(nd.u8(bp) & 0xfc, 2) + ']');
      s = ',';
      bp += 6;
      len -= 6;
      nentries--;
    }
    numrps--;
  }
}

udpPorts.register('cisco-autorp', ciscoAutorpPrint);
