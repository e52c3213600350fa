import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { udpPorts } from '../registry.js';
import { printn } from '../strings.js';
import { tok, tok2str } from '../text.js';

/** Syslog (tcpdump's print-syslog.c): facility and severity from "<PRI>"; with -v the message. */

const severities = tok({ 0: 'emergency', 1: 'alert', 2: 'critical', 3: 'error', 4: 'warning', 5: 'notice', 6: 'info', 7: 'debug' });
const facilities = tok({
  0: 'kernel', 1: 'user', 2: 'mail', 3: 'daemon', 4: 'auth', 5: 'syslog', 6: 'lpr', 7: 'news', 8: 'uucp', 9: 'cron',
  10: 'authpriv', 11: 'ftp', 12: 'ntp', 13: 'security', 14: 'console', 15: 'cron', 16: 'local0', 17: 'local1',
  18: 'local2', 19: 'local3', 20: 'local4', 21: 'local5', 22: 'local6', 23: 'local7',
});
const MAX_DIGITS = 3;

export function syslogPrint(nd: Dissector, p: number, len: number): void {
  nd.protocol = 'syslog';
  if (nd.u8(p) !== 0x3c) {
    nd.printInvalid();
    return;
  }
  let off = 1;
  let pri = 0;
  while (off <= MAX_DIGITS && nd.u8(p + off) >= 0x30 && nd.u8(p + off) <= 0x39) {
    pri = pri * 10 + (nd.u8(p + off) - 0x30);
    off++;
  }
  if (nd.u8(p + off) !== 0x3e) {
    nd.printInvalid();
    return;
  }
  off++;
  const facility = (pri & 0x03f8) >> 3;
  const severity = pri & 7;
  const fac = tok2str(facilities, 'unknown (%u)', facility);
  const sev = tok2str(severities, 'unknown (%u)', severity);
  if (nd.verbose < 1) {
    nd.print('SYSLOG ' + fac + '.' + sev + ', length: ' + len);
    return;
  }
  nd.print('SYSLOG, length: ' + len);
  nd.printBreak('\n\tFacility ' + fac + ' (' + facility + '), Severity ' + sev + ' (' + severity + ')');
  nd.printBreak('\n\tMsg: ');
  // The message as it was sent, control characters shown (RFC 5424 allows any).
  if (len > off) printn(nd, p + off, len - off, Infinity);
  if (nd.verbose > 1) printUnknownData(nd, p, '\n\t', len);
}

udpPorts.register('syslog', syslogPrint);
