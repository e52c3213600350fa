import type { Dissector } from '../dissector.js';
import { hex, hex2, tok, tok2str } from '../text.js';
import { TH } from './tcp.js';
import { mptcpOption } from './tcp-options.js';

/** The MPTCP option of a TCP header (tcpdump's print-mptcp.c): " 12 dss ack 1 seq 2 ...". */

const subechoBits = tok({ 0x6: 'v0-ip6', 0x4: 'v0-ip4', 0x1: 'v1-echo', 0x0: 'v1' });

type Sub = (nd: Dissector, opt: number, len: number, flags: number) => boolean;

const capable: Sub = (nd, opt, len, flags) => {
  if (!((len === 12 || len === 4) && flags & TH.SYN) && !((len === 20 || len === 22) && (flags & (TH.SYN | TH.ACK)) === TH.ACK)) return false;
  const version = nd.u8(opt + 2) & 0xf;
  if (version > 1) {
    nd.print(' Unknown Version (' + version + ')');
    return true;
  }
  nd.print(' v' + version);
  if (nd.u8(opt + 3) & 0x80) nd.print(' csum');
  if (len === 12 || len >= 20) {
    nd.print(' {0x' + nd.u64(opt + 4).toString(16));
    if (len >= 20) nd.print(',0x' + nd.u64(opt + 12).toString(16));
    nd.print('}');
  }
  return true;
};

const join: Sub = (nd, opt, len, flags) => {
  if (!(len === 12 && flags & TH.SYN) && !(len === 16 && (flags & (TH.SYN | TH.ACK)) === (TH.SYN | TH.ACK)) && !(len === 24 && flags & TH.ACK)) return false;
  if (len !== 24) {
    if (nd.u8(opt + 2) & 1) nd.print(' backup');
    nd.print(' id ' + nd.u8(opt + 3));
  }
  if (len === 12) nd.print(' token 0x' + hex(nd.u32(opt + 4)) + ' nonce 0x' + hex(nd.u32(opt + 8)));
  else if (len === 16) nd.print(' hmac 0x' + nd.u64(opt + 4).toString(16) + ' nonce 0x' + hex(nd.u32(opt + 12)));
  else {
    let s = ' hmac 0x';
    for (let i = 0; i < 20; i++) s += hex2(nd.u8(opt + 4 + i));
    nd.print(s);
  }
  return true;
};

const dss: Sub = (nd, opt, len, flags) => {
  if (len < 4 || flags & TH.SYN) return false;
  const f = nd.u8(opt + 3);
  if (f & 0x10) nd.print(' fin');
  opt += 4;
  len -= 4;
  if (f & 0x01) {
    nd.print(' ack ');
    if (f & 0x02) {
      if (len < 8) return false;
      nd.print(nd.u64(opt).toString());
      opt += 8;
      len -= 8;
    } else {
      if (len < 4) return false;
      nd.print(String(nd.u32(opt)));
      opt += 4;
      len -= 4;
    }
  }
  if (f & 0x04) {
    nd.print(' seq ');
    if (f & 0x08) {
      if (len < 8) return false;
      nd.print(nd.u64(opt).toString());
      opt += 8;
      len -= 8;
    } else {
      if (len < 4) return false;
      nd.print(String(nd.u32(opt)));
      opt += 4;
      len -= 4;
    }
    if (len < 4) return false;
    nd.print(' subseq ' + nd.u32(opt));
    opt += 4;
    len -= 4;
    if (len < 2) return false;
    nd.print(' len ' + nd.u16(opt));
    opt += 2;
    len -= 2;
    if (len >= 2) {
      nd.print(' csum 0x' + hex(nd.u16(opt)));
      len -= 2;
    }
  }
  return len === 0;
};

const addAddr: Sub = (nd, opt, len) => {
  if (![8, 10, 16, 18, 20, 22, 28, 30].includes(len)) return false;
  nd.print(' ' + tok2str(subechoBits, '[bad version/echo]', nd.u8(opt + 2) & 0xf));
  nd.print(' id ' + nd.u8(opt + 3));
  if (len === 8 || len === 10 || len === 16 || len === 18) {
    nd.print(' ' + nd.ipv4(opt + 4));
    if (len === 10 || len === 18) nd.print(':' + nd.u16(opt + 8));
    if (len === 16) nd.print(' hmac 0x' + nd.u64(opt + 8).toString(16));
    if (len === 18) nd.print(' hmac 0x' + nd.u64(opt + 10).toString(16));
  } else {
    nd.print(' ' + nd.ipv6(opt + 4));
    if (len === 22 || len === 30) nd.print(':' + nd.u16(opt + 20));
    if (len === 28) nd.print(' hmac 0x' + nd.u64(opt + 20).toString(16));
    if (len === 30) nd.print(' hmac 0x' + nd.u64(opt + 22).toString(16));
  }
  return true;
};

const removeAddr: Sub = (nd, opt, len) => {
  if (len < 4) return false;
  nd.print(' id');
  for (let i = 0; i < len - 3; i++) nd.print(' ' + nd.u8(opt + 3 + i));
  return true;
};

const prio: Sub = (nd, opt, len) => {
  if (len !== 3 && len !== 4) return false;
  nd.print(nd.u8(opt + 2) & 1 ? ' backup' : ' non-backup');
  if (len === 4) nd.print(' id ' + nd.u8(opt + 3));
  return true;
};

const fail: Sub = (nd, opt, len) => {
  if (len !== 12) return false;
  nd.print(' seq ' + nd.u64(opt + 4).toString());
  return true;
};

const fastClose: Sub = (nd, opt, len) => {
  if (len !== 12) return false;
  nd.print(' key 0x' + nd.u64(opt + 4).toString(16));
  return true;
};

const subtypes: [string, Sub][] = [
  ['capable', capable],
  ['join', join],
  ['dss', dss],
  ['add-addr', addAddr],
  ['rem-addr', removeAddr],
  ['prio', prio],
  ['fail', fail],
  ['fast-close', fastClose],
  ['unknown', () => true],
];

mptcpOption.print = (nd, cp, len, flags) => {
  nd.protocol = 'mptcp';
  if (len < 3) return false;
  const subtype = Math.min(nd.u8(cp + 2) >> 4, 8);
  const [name, print] = subtypes[subtype];
  nd.print(' ' + len + ' ' + name);
  return print(nd, cp, len, flags);
};
