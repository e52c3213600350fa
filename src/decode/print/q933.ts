import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { hex2, tok, tok2str } from '../text.js';

/** Q.933 / ANSI T1.617 LMI signalling inside frame relay (tcpdump's print-fr.c, q933_print). */

const msgValues = tok({
  0x00: 'ESC to National',
  0x01: 'Alert',
  0x02: 'Call proceeding',
  0x07: 'Connect',
  0x0f: 'Connect ACK',
  0x03: 'Progress',
  0x05: 'Setup',
  0x45: 'Disconnect',
  0x4d: 'Release',
  0x5a: 'Release Complete',
  0x46: 'Restart',
  0x4e: 'Restart ACK',
  0x7d: 'Status Reply',
  0x75: 'Status Enquiry',
});
const ieValues05 = tok({
  0x01: 'ANSI Report Type',
  0x19: 'ANSI Link Verify',
  0x03: 'ANSI Link Verify',
  0x07: 'ANSI PVC Status',
  0x51: 'CCITT Report Type',
  0x53: 'CCITT Link Verify',
  0x57: 'CCITT PVC Status',
});
const reportTypes = tok({ 0: 'Full Status', 1: 'Link verify', 2: 'Async PVC Status' });

/** "%3d" */
function w3(n: number): string {
  let s = String(n);
  while (s.length < 3) s = ' ' + s;
  return s;
}

/** An IE of codeset 0 or 5: true when it is one of the LMI IEs decoded here. */
function ieCodeset05(nd: Dissector, iecode: number, ielength: number, p: number): boolean {
  switch (iecode) {
    case 0x01:
    case 0x51:
      if (ielength < 1) {
        if (!nd.verbose) nd.print(', ');
        nd.print('Invalid REPORT TYPE IE');
        return true;
      }
      if (nd.verbose) {
        const t = nd.u8(p);
        nd.print(tok2str(reportTypes, 'unknown', t) + ' (' + t + ')');
      }
      return true;
    case 0x03:
    case 0x53:
    case 0x19:
      if (!nd.verbose) nd.print(', ');
      if (ielength < 2) {
        nd.print('Invalid LINK VERIFY IE');
        return true;
      }
      nd.print('TX Seq: ' + w3(nd.u8(p)) + ', RX Seq: ' + w3(nd.u8(p + 1)));
      return true;
    case 0x07:
    case 0x57: {
      if (!nd.verbose) nd.print(', ');
      const b = (i: number) => nd.u8(p + i);
      if (
        ielength < 3 ||
        b(0) & 0x80 ||
        (ielength === 3 && !(b(1) & 0x80)) ||
        (ielength === 4 && (b(1) & 0x80 || !(b(2) & 0x80))) ||
        (ielength === 5 && (b(1) & 0x80 || b(2) & 0x80 || !(b(3) & 0x80))) ||
        ielength > 5 ||
        !(b(ielength - 1) & 0x80)
      ) {
        nd.print('Invalid DLCI in PVC STATUS IE');
        return true;
      }
      let dlci = ((b(0) & 0x3f) << 4) | ((b(1) & 0x78) >> 3);
      if (ielength === 4) dlci = (dlci << 6) | ((b(2) & 0x7e) >> 1);
      else if (ielength === 5) dlci = (dlci << 13) | (b(2) & 0x7f) | ((b(3) & 0x7e) >> 1);
      const last = b(ielength - 1);
      nd.print('DLCI ' + (dlci >>> 0) + ': status ' + (last & 0x8 ? 'New, ' : '') + (last & 0x2 ? 'Active' : 'Inactive'));
      return true;
    }
  }
  return false;
}

export function q933Print(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'q.933';
  nd.print(nd.linkHeader ? '' : 'Q.933');
  const short = (len: number) => {
    if (!nd.linkHeader) nd.print(', ');
    nd.print('length ' + len);
    nd.printTrunc();
  };
  if (length === 0 || !nd.has(p, 1)) return short(length);
  const olen = length;
  const callRefLength = nd.u8(p) & 0x0f;
  p++;
  length--;
  const callRef: number[] = [];
  for (let i = 0; i < callRefLength; i++) {
    if (length === 0 || !nd.has(p, 1)) return short(olen);
    callRef.push(nd.u8(p));
    p++;
    length--;
  }
  if (length === 0 || !nd.has(p, 1)) return short(olen);
  const msgtype = nd.u8(p);
  p++;
  length--;
  let codeset = 0;
  let isAnsi = false;
  let nonLockingShift = 0;
  let unshiftCodeset = codeset;
  if (length !== 0) {
    if (!nd.has(p, 1)) return short(olen);
    const iecode = nd.u8(p);
    if ((iecode & 0xf0) === 0x90) {
      p++;
      length--;
      codeset = iecode & 7;
      if (!(iecode & 8)) {
        if (codeset === 5) isAnsi = true;
      } else {
        nonLockingShift = 1;
        unshiftCodeset = 0;
      }
    }
  }
  if (!nd.linkHeader) nd.print(', ');
  nd.print((isAnsi ? 'ANSI' : 'CCITT') + ', codeset ' + codeset);
  if (callRefLength !== 0 && (callRefLength > 1 || nd.u8(p) !== 0)) {
    nd.print(', Call Ref: 0x' + callRef.map(hex2).join(''));
  }
  if (nd.verbose) nd.print(', ' + tok2str(msgValues, 'unknown message', msgtype) + ' (0x' + hex2(msgtype) + '), length ' + olen);
  else nd.print(', ' + tok2str(msgValues, 'unknown message 0x%02x', msgtype));
  const cut = () => {
    if (!nd.verbose) nd.print(', length ' + olen);
    nd.printTrunc();
  };
  while (length !== 0) {
    if (nonLockingShift === 1) nonLockingShift = 2;
    else if (nonLockingShift === 2) {
      codeset = unshiftCodeset;
      nonLockingShift = 0;
    }
    if (!nd.has(p, 1)) return cut();
    const iecode = nd.u8(p);
    p++;
    length--;
    if (iecode & 0x80) {
      if ((iecode & 0xf0) === 0x90) {
        if (!(iecode & 8)) nonLockingShift = 0;
        else {
          nonLockingShift = 1;
          unshiftCodeset = codeset;
        }
        codeset = iecode & 7;
      }
      continue;
    }
    if (length === 0 || !nd.has(p, 1)) return cut();
    const ielength = nd.u8(p);
    p++;
    length--;
    const known05 = codeset === 0 || codeset === 5;
    if (nd.verbose) {
      const name = known05 ? tok2str(ieValues05, 'unknown', iecode) : 'unknown';
      nd.printBreak('\n\t' + name + ' IE (0x' + hex2(iecode) + '), length ' + ielength + ': ');
    }
    if (iecode === 0 || ielength === 0) return;
    if (length < ielength || !nd.has(p, ielength)) return cut();
    const known = known05 && ieCodeset05(nd, iecode, ielength, p);
    if (known) {
      if (nd.verbose > 1) printUnknownData(nd, p, '\n\t  ', ielength);
    } else if (nd.verbose >= 1) printUnknownData(nd, p, '\n\t', ielength);
    length -= ielength;
    p += ielength;
  }
  if (!nd.verbose) nd.print(', length ' + olen);
}
