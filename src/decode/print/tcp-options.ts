import type { Dissector } from '../dissector.js';
import { hex, hex2, tok, tok2str } from '../text.js';

/** TCP options as tcp_print lists them: ", options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7]". */

const OPT = {
  EOL: 0,
  NOP: 1,
  MAXSEG: 2,
  WSCALE: 3,
  SACKOK: 4,
  SACK: 5,
  ECHO: 6,
  ECHOREPLY: 7,
  TIMESTAMP: 8,
  CC: 11,
  CCNEW: 12,
  CCECHO: 13,
  SIGNATURE: 19,
  SCPS: 20,
  UTO: 28,
  TCPAO: 29,
  MPTCP: 30,
  FASTOPEN: 34,
  EXPERIMENT2: 254,
} as const;

const names = tok({
  0: 'eol',
  1: 'nop',
  2: 'mss',
  3: 'wscale',
  4: 'sackOK',
  5: 'sack',
  6: 'echo',
  7: 'echoreply',
  8: 'TS',
  11: 'cc',
  12: 'ccnew',
  13: '',
  19: 'md5',
  20: 'scps',
  28: 'uto',
  29: 'tcp-ao',
  30: 'mptcp',
  34: 'tfo',
  254: 'exp',
});

const TCP_SIGLEN = 16;

/**
 * MPTCP's option printer (print-mp.c in tcpdump), when one is registered: it is given
 * the whole option (kind and length included) and the TCP flags, and returns false
 * for a malformed option ("[bad opt]").
 */
export const mptcpOption: { print: ((nd: Dissector, at: number, len: number, flags: number) => boolean) | undefined } = { print: undefined };

const OK = 0;
const BAD = 1;
const CUT = 2;

/** tcpdump's LENCHECK: the option must hold l more bytes (else "[bad opt]") and they must have been captured. */
function lencheck(nd: Dissector, cp: number, hlen: number, l: number): number {
  if (l > hlen) return BAD;
  return nd.has(cp, l) ? OK : CUT;
}

/** How tcp_print ends after a bad or cut option: "[bad opt]]" or " [|tcp]>". */
function stop(nd: Dissector, why: number, ch: string): false {
  if (why === BAD) {
    nd.print('[bad opt]');
    if (ch !== '') nd.print(']');
  } else {
    nd.printTrunc();
    if (ch !== '') nd.print('>');
  }
  return false;
}

function fastopen(nd: Dissector, cp: number, datalen: number, exp: boolean): void {
  if (exp) nd.print('tfo');
  if (datalen === 0) nd.print(' cookiereq');
  else if (datalen % 2 !== 0 || datalen < 4 || datalen > 16) nd.printInvalid();
  else {
    let s = ' cookie ';
    for (let i = 0; i < datalen; i++) s += hex2(nd.u8(cp + i));
    nd.print(s);
  }
}

/**
 * The options of the TCP header at th: hlen option bytes after the fixed 20, sackBase
 * what SACK edges are relative to, payload the segment's data length. False when
 * tcp_print stops after them ("[bad opt]" or a truncation).
 */
export function tcpOptions(nd: Dissector, th: number, hlen: number, flags: number, sackBase: number, payload: number): boolean {
  let cp = th + 20;
  let ch = '';
  nd.print(', options [');
  while (hlen > 0) {
    if (ch !== '') nd.print(ch);
    const opt = nd.u8(cp);
    cp++;
    let len: number;
    if (opt === OPT.EOL || opt === OPT.NOP) len = 1;
    else {
      len = nd.u8(cp);
      cp++;
      if (len < 2 || len > hlen) return stop(nd, BAD, ch);
      --hlen;
    }
    --hlen;
    let datalen = 0;
    nd.print(tok2str(names, 'unknown-%u', opt));
    let r: number;
    switch (opt) {
      case OPT.MAXSEG:
        datalen = 2;
        if ((r = lencheck(nd, cp, hlen, datalen)) !== OK) return stop(nd, r, ch);
        nd.print(' ' + nd.u16(cp));
        break;
      case OPT.WSCALE:
        datalen = 1;
        if ((r = lencheck(nd, cp, hlen, datalen)) !== OK) return stop(nd, r, ch);
        nd.print(' ' + nd.u8(cp));
        break;
      case OPT.SACK:
        datalen = len - 2;
        if (datalen % 8 !== 0) nd.print(' invalid sack');
        else {
          nd.print(' ' + datalen / 8 + ' ');
          for (let i = 0; i < datalen; i += 8) {
            if ((r = lencheck(nd, cp, hlen, i + 4)) !== OK) return stop(nd, r, ch);
            const s = nd.u32(cp + i);
            if ((r = lencheck(nd, cp, hlen, i + 8)) !== OK) return stop(nd, r, ch);
            const e = nd.u32(cp + i + 4);
            nd.print('{' + ((s - sackBase) >>> 0) + ':' + ((e - sackBase) >>> 0) + '}');
          }
        }
        break;
      case OPT.CC:
      case OPT.CCNEW:
      case OPT.CCECHO:
      case OPT.ECHO:
      case OPT.ECHOREPLY:
        datalen = 4;
        if ((r = lencheck(nd, cp, hlen, datalen)) !== OK) return stop(nd, r, ch);
        nd.print(' ' + nd.u32(cp));
        break;
      case OPT.TIMESTAMP:
        datalen = 8;
        if ((r = lencheck(nd, cp, hlen, datalen)) !== OK) return stop(nd, r, ch);
        nd.print(' val ' + nd.u32(cp) + ' ecr ' + nd.u32(cp + 4));
        break;
      case OPT.SIGNATURE: {
        datalen = TCP_SIGLEN;
        if ((r = lencheck(nd, cp, hlen, datalen)) !== OK) return stop(nd, r, ch);
        nd.print(' ');
        // tcpdump checks the digest only with -M's secret, which is never given here.
        const headerLen = (nd.u8(th + 12) >> 4) * 4;
        if (th + headerLen + payload > nd.snapend) nd.print('snaplen too short, ');
        else nd.print('shared secret not supplied with -M, ');
        let s = "can't check - ";
        for (let i = 0; i < TCP_SIGLEN; i++) s += hex2(nd.u8(cp + i));
        nd.print(s);
        break;
      }
      case OPT.SCPS:
        datalen = 2;
        if ((r = lencheck(nd, cp, hlen, datalen)) !== OK) return stop(nd, r, ch);
        nd.print(' cap ' + hex2(nd.u8(cp)) + ' id ' + nd.u8(cp + 1));
        break;
      case OPT.TCPAO:
        datalen = len - 2;
        if (datalen < 2) nd.printInvalid();
        else {
          if ((r = lencheck(nd, cp, hlen, 1)) !== OK) return stop(nd, r, ch);
          nd.print(' keyid ' + nd.u8(cp));
          if ((r = lencheck(nd, cp, hlen, 2)) !== OK) return stop(nd, r, ch);
          nd.print(' rnextkeyid ' + nd.u8(cp + 1));
          if (datalen > 2) {
            nd.print(' mac 0x');
            for (let i = 2; i < datalen; i++) {
              if ((r = lencheck(nd, cp, hlen, i + 1)) !== OK) return stop(nd, r, ch);
              nd.print(hex2(nd.u8(cp + i)));
            }
          }
        }
        break;
      case OPT.EOL:
      case OPT.NOP:
      case OPT.SACKOK:
        break;
      case OPT.UTO: {
        datalen = 2;
        if ((r = lencheck(nd, cp, hlen, datalen)) !== OK) return stop(nd, r, ch);
        let uto = nd.u16(cp);
        nd.print(' 0x' + hex(uto));
        uto = uto & 1 ? (uto >> 1) * 60 : uto >> 1;
        nd.print(' ' + uto);
        break;
      }
      case OPT.MPTCP: {
        datalen = len - 2;
        if ((r = lencheck(nd, cp, hlen, datalen)) !== OK) return stop(nd, r, ch);
        const print = mptcpOption.print;
        if (print !== undefined) {
          // The option printer may not read past its option, whatever follows it.
          const saved = nd.snapend;
          if (cp - 2 + len < nd.snapend) nd.snapend = cp - 2 + len;
          const ok = print(nd, cp - 2, len, flags);
          nd.snapend = saved;
          if (!ok) return stop(nd, BAD, ch);
        }
        break;
      }
      case OPT.FASTOPEN:
        datalen = len - 2;
        if ((r = lencheck(nd, cp, hlen, datalen)) !== OK) return stop(nd, r, ch);
        nd.print(' ');
        fastopen(nd, cp, datalen, false);
        break;
      case OPT.EXPERIMENT2: {
        datalen = len - 2;
        if ((r = lencheck(nd, cp, hlen, datalen)) !== OK) return stop(nd, r, ch);
        if (datalen < 2) return stop(nd, BAD, ch);
        const magic = nd.u16(cp);
        nd.print('-');
        if (magic === 0xf989) fastopen(nd, cp + 2, datalen - 2, true);
        else nd.print(hex(magic, 4));
        break;
      }
      default:
        datalen = len - 2;
        if (datalen) nd.print(' 0x');
        for (let i = 0; i < datalen; i++) {
          if ((r = lencheck(nd, cp, hlen, i + 1)) !== OK) return stop(nd, r, ch);
          nd.print(hex2(nd.u8(cp + i)));
        }
    }
    cp += datalen;
    hlen -= datalen;
    datalen++;
    if (opt !== OPT.EOL && opt !== OPT.NOP) datalen++;
    if (datalen !== len) nd.print('[len ' + len + ']');
    ch = ',';
    if (opt === OPT.EOL) break;
  }
  nd.print(']');
  return true;
}
