import type { Dissector } from '../dissector.js';
import { tcpPorts } from '../registry.js';

/**
 * Telnet (tcpdump's print-telnet.c): the IAC commands at the start of a segment, as
 * " [telnet DO ECHO, WILL NAWS, SB TERMINAL TYPE SEND SE]"; the data after them is not
 * printed. (tcpdump's -X -vvv hex layout of each command is not one of our options.)
 */

const IAC = 255;
const DONT = 254;
const DO = 253;
const WONT = 252;
const WILL = 251;
const SB = 250;
const SE = 240;
const TELCMD_FIRST = 236;
const TELOPT_AUTHENTICATION = 37;
const TELOPT_ENCRYPT = 38;

const telcmds = ['EOF', 'SUSP', 'ABORT', 'EOR', 'SE', 'NOP', 'DMARK', 'BRK', 'IP', 'AO', 'AYT', 'EC', 'EL', 'GA', 'SB', 'WILL', 'WONT', 'DO', 'DONT', 'IAC'];

const telopts = [
  'BINARY', 'ECHO', 'RCP', 'SUPPRESS GO AHEAD', 'NAME', 'STATUS', 'TIMING MARK', 'RCTE', 'NAOL', 'NAOP', 'NAOCRD', 'NAOHTS',
  'NAOHTD', 'NAOFFD', 'NAOVTS', 'NAOVTD', 'NAOLFD', 'EXTEND ASCII', 'LOGOUT', 'BYTE MACRO', 'DATA ENTRY TERMINAL', 'SUPDUP',
  'SUPDUP OUTPUT', 'SEND LOCATION', 'TERMINAL TYPE', 'END OF RECORD', 'TACACS UID', 'OUTPUT MARKING', 'TTYLOC', '3270 REGIME',
  'X.3 PAD', 'NAWS', 'TSPEED', 'LFLOW', 'LINEMODE', 'XDISPLOC', 'OLD-ENVIRON', 'AUTHENTICATION', 'ENCRYPT', 'NEW-ENVIRON',
];

const cmds = ['IS', 'SEND', 'INFO'];
const authcmd = ['IS', 'SEND', 'REPLY', 'NAME'];
const authtype = ['NULL', 'KERBEROS_V4', 'KERBEROS_V5', 'SPX', 'MINK', 'SRP', 'RSA', 'SSL', null, null, 'LOKI', 'SSA', 'KEA_SJ', 'KEA_SJ_INTEG', 'DSS', 'NTLM'];
const enccmd = ['IS', 'SUPPORT', 'REPLY', 'START', 'END', 'REQUEST-START', 'REQUEST-END', 'END_KEYID', 'DEC_KEYID'];
const enctype = ['NULL', 'DES_CFB64', 'DES_OFB64', 'DES3_CFB64', 'DES3_OFB64', null, 'CAST5_40_CFB64', 'CAST5_40_OFB64', 'CAST128_CFB64', 'CAST128_OFB64'];

/** printf's %#x: 0x and hex digits, but a bare 0 for zero. */
function altHex(x: number): string {
  return x === 0 ? '0' : '0x' + x.toString(16);
}

function strOrId(x: number, tab: readonly (string | null)[]): string {
  const s = x < tab.length ? tab[x] : null;
  return s ?? altHex(x);
}

/**
 * telnet_parse: the length of the command at sp (an IAC), -1 when it is not a whole
 * one; prints it when print is set (the caller measures first, then prints).
 */
function parse(nd: Dissector, sp: number, length: number, print: boolean): number {
  const osp = sp;
  if (length < 1) return -1;
  let c = nd.u8(sp++);
  length--;
  if (c !== IAC) return -1;
  if (length < 1) return -1;
  c = nd.u8(sp++);
  length--;
  if (c === IAC) {
    if (print) nd.print('IAC IAC');
    return sp - osp;
  }
  const i = c - TELCMD_FIRST;
  if (i < 0 || i > IAC - TELCMD_FIRST) return -1;
  switch (c) {
    case DONT:
    case DO:
    case WONT:
    case WILL:
    case SB: {
      if (length < 1) return -1;
      const x = nd.u8(sp++);
      length--;
      if (print) nd.print(telcmds[i] + ' ' + (x < telopts.length ? telopts[x] : altHex(x)));
      if (c !== SB) break;
      // IAC SB ... IAC SE
      let p = sp;
      while (length > p + 1 - sp) {
        if (nd.u8(p) === IAC && nd.u8(p + 1) === SE) break;
        p++;
      }
      if (nd.u8(p) !== IAC) return -1;
      const [first, second] = x === TELOPT_AUTHENTICATION ? [authcmd, authtype] : x === TELOPT_ENCRYPT ? [enccmd, enctype] : [cmds, null];
      for (const tab of second === null ? [first] : [first, second]) {
        if (p <= sp) break;
        if (length < 1) return -1;
        c = nd.u8(sp++);
        length--;
        if (print) nd.print(' ' + strOrId(c, tab));
      }
      while (p > sp) {
        if (length < 1) return -1;
        const b = nd.u8(sp++);
        length--;
        if (print) nd.print(' ' + altHex(b));
      }
      if (print) nd.print(' SE');
      sp += 2;
      break;
    }
    default:
      if (print) nd.print(telcmds[i]);
  }
  return sp - osp;
}

export function telnetPrint(nd: Dissector, sp: number, length: number): void {
  nd.protocol = 'telnet';
  let first = true;
  while (length > 0 && nd.u8(sp) === IAC) {
    const l = parse(nd, sp, length, false);
    if (l < 0) break;
    nd.print(first ? ' [telnet ' : ', ');
    parse(nd, sp, length, true);
    first = false;
    sp += l;
    length -= l;
  }
  if (!first) nd.print(']');
}

tcpPorts.register('telnet', telnetPrint);
