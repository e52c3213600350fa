import type { Dissector } from '../dissector.js';
import { ipProtos } from '../registry.js';
import { hex, hex2, tok, tok2str } from '../text.js';
import { cksumShouldBe, nextprotoCksum } from './checksum.js';

/** DCCP (tcpdump's print-dccp.c). */

const typeValues = tok({
  0: 'DCCP-Request',
  1: 'DCCP-Response',
  2: 'DCCP-Data',
  3: 'DCCP-Ack',
  4: 'DCCP-DataAck',
  5: 'DCCP-CloseReq',
  6: 'DCCP-Close',
  7: 'DCCP-Reset',
  8: 'DCCP-Sync',
  9: 'DCCP-SyncAck',
});
const resetCodes = [
  'unspecified',
  'closed',
  'aborted',
  'no_connection',
  'packet_error',
  'option_error',
  'mandatory_error',
  'connection_refused',
  'bad_service_code',
  'too_busy',
  'bad_init_cookie',
  'aggression_penalty',
];
const featureNums = [
  'reserved',
  'ccid',
  'allow_short_seqno',
  'sequence_window',
  'ecn_incapable',
  'ack_ratio',
  'send_ack_vector',
  'send_ndp_count',
  'minimum checksum coverage',
  'check data checksum',
];
const optionValues = tok({
  0: 'nop',
  1: 'mandatory',
  2: 'slowreceiver',
  32: 'change_l',
  33: 'confirm_l',
  34: 'change_r',
  35: 'confirm_r',
  36: 'initcookie',
  37: 'ndp_count',
  38: 'ack_vector0',
  39: 'ack_vector1',
  40: 'data_dropped',
  41: 'timestamp',
  42: 'timestamp_echo',
  43: 'elapsed_time',
  44: 'data_checksum',
});

/** The extra bytes each packet type's fixed header has after the generic one. */
const typeExtra = [4, 12, 0, 8, 8, 8, 8, 12, 8, 8];

function u48(nd: Dissector, at: number): number {
  return nd.u16(at) * 0x100000000 + nd.u32(at + 2);
}

/** One option: its length, 0 to stop. */
function optionPrint(nd: Dissector, opt: number, hlen: number): number {
  const type = nd.u8(opt);
  let optlen = 1;
  const name = () => (type >= 128 ? 'CCID option ' + type : tok2str(optionValues, 'Option %u', type));
  if (type >= 32) {
    optlen = nd.u8(opt + 1);
    if (optlen < 2) {
      nd.print(name() + ' optlen too short');
      return 0;
    }
  }
  if (hlen < optlen) {
    nd.print(name() + ' optlen goes past header length');
    return 0;
  }
  if (!nd.has(opt, optlen)) {
    nd.printTrunc();
    return 0;
  }
  const bytesHex = (from: number, prefix: string) => {
    if (optlen > 2) {
      nd.print(prefix);
      for (let i = 0; i < optlen - 2; i++) nd.print(hex2(nd.u8(opt + from + i)));
    }
  };
  if (type >= 128) {
    nd.print('CCID option ' + type);
    if (optlen === 4) nd.print(' ' + nd.u16(opt + 2));
    else if (optlen === 6) nd.print(' ' + nd.u32(opt + 2));
    return optlen;
  }
  nd.print(tok2str(optionValues, 'Option %u', type));
  switch (type) {
    case 32:
    case 33:
    case 34:
    case 35:
      if (optlen < 3) {
        nd.print(' optlen too short');
        return optlen;
      }
      if (nd.u8(opt + 2) < 10) {
        nd.print(' ' + featureNums[nd.u8(opt + 2)]);
        for (let i = 0; i < optlen - 3; i++) nd.print(' ' + nd.u8(opt + 3 + i));
      }
      break;
    case 36:
    case 38:
    case 39:
    case 40:
      bytesHex(2, ' 0x');
      break;
    case 37:
      for (let i = 0; i < optlen - 2; i++) nd.print(' ' + nd.u8(opt + 2 + i));
      break;
    case 41:
      nd.print(optlen === 6 ? ' ' + nd.u32(opt + 2) : ' [optlen != 6]');
      break;
    case 42:
      if (optlen === 6) nd.print(' ' + nd.u32(opt + 2));
      else if (optlen === 8) {
        nd.print(' ' + nd.u32(opt + 2));
        nd.print(' (elapsed time ' + nd.u16(opt + 6) + ')');
      } else if (optlen === 10) {
        nd.print(' ' + nd.u32(opt + 2));
        nd.print(' (elapsed time ' + nd.u32(opt + 6) + ')');
      } else nd.print(' [optlen != 6 or 8 or 10]');
      break;
    case 43:
      if (optlen === 6) nd.print(' ' + nd.u32(opt + 2));
      else if (optlen === 4) nd.print(' ' + nd.u16(opt + 2));
      else nd.print(' [optlen != 4 or 6]');
      break;
    case 44:
      bytesHex(2, ' ');
      break;
  }
  return optlen;
}

export function dccpPrint(nd: Dissector, bp: number, len: number): void {
  nd.protocol = 'dccp';
  if (bp + 12 > nd.snapend) return nd.printTrunc();
  if (len < 12) {
    nd.print('truncated-dccp - ' + (12 - len) + ' bytes missing!');
    return;
  }
  const x = nd.u8(bp + 8) & 1;
  let fixedHdrlen = x ? 16 : 12;
  if (len < fixedHdrlen) {
    nd.print('truncated-dccp - ' + (fixedHdrlen - len) + ' bytes missing!');
    return;
  }
  if (!nd.has(bp, fixedHdrlen)) return nd.printTrunc();
  const sport = nd.u16(bp);
  const dport = nd.u16(bp + 2);
  nd.srcPort = sport;
  nd.dstPort = dport;
  let hlen = nd.u8(bp + 4) * 4;
  const ip = nd.ipAt;
  if (nd.ipVersion === 6) nd.print(nd.ipv6(ip + 8) + '.' + sport + ' > ' + nd.ipv6(ip + 24) + '.' + dport + ': ');
  else nd.print(nd.ipv4(ip + 12) + '.' + sport + ' > ' + nd.ipv4(ip + 16) + '.' + dport + ': ');
  nd.print('DCCP');
  const cscov = nd.u8(bp + 5) & 15;
  if (nd.verbose) nd.print(' (CCVal ' + ((nd.u8(bp + 5) >> 4) & 15) + ', CsCov ' + cscov);
  if (nd.verbose && nd.has(bp, len)) {
    const field = nd.u16(bp + 6);
    nd.print(', cksum 0x' + hex(field, 4) + ' ');
    let cov = len;
    if (cscov !== 0) {
      cov = (nd.u8(bp + 4) + cscov - 1) * 4;
      if (cov > len) cov = len;
    }
    const sum = nd.ipVersion === 4 || nd.ipVersion === 6 ? nextprotoCksum(nd, bp, len, cov, 33) : 0;
    nd.print(sum !== 0 ? '(incorrect -> 0x' + hex(cksumShouldBe(field, sum), 4) + ')' : '(correct)');
  }
  if (nd.verbose) nd.print(')');
  nd.print(' ');
  const type = (nd.u8(bp + 8) >> 1) & 15;
  const name = tok2str(typeValues, '', type);
  if (type <= 9 && type !== 2) {
    fixedHdrlen += typeExtra[type];
    if (len < fixedHdrlen) {
      nd.print('truncated-' + name + ' - ' + (fixedHdrlen - len) + ' bytes missing!');
      return;
    }
  }
  const ext = bp + (x ? 16 : 12);
  switch (type) {
    case 0:
      if (!nd.has(ext, 4)) return nd.printTrunc();
      nd.print(name + ' (service=' + nd.u32(ext) + ') ');
      break;
    case 1:
      if (!nd.has(ext, 12)) return nd.printTrunc();
      nd.print(name + ' (service=' + nd.u32(ext + 8) + ') ');
      break;
    case 7: {
      if (!nd.has(ext, 12)) return nd.printTrunc();
      const code = nd.u8(ext + 8);
      nd.print(name + ' (code=' + (code < resetCodes.length ? resetCodes[code] : 'invalid') + ') ');
      break;
    }
    default:
      nd.print(tok2str(typeValues, 'unknown-type-%u', type) + ' ');
  }
  if (type !== 2 && type !== 0) nd.print('(ack=' + (x ? u48(nd, ext + 2) : nd.u24(ext + 1)) + ') ');
  if (nd.verbose < 2) return;
  nd.print('seq ' + (x ? u48(nd, bp + 10) : nd.u24(bp + 9)));
  if (hlen > fixedHdrlen) {
    let cp = bp + fixedHdrlen;
    nd.print(' <');
    hlen -= fixedHdrlen;
    for (;;) {
      const optlen = optionPrint(nd, cp, hlen);
      if (!optlen || hlen <= optlen) break;
      hlen -= optlen;
      cp += optlen;
      nd.print(', ');
    }
    nd.print('>');
  }
}

ipProtos.register(33, 'ip:dccp', dccpPrint);
