import { cksumShouldBe, inCksum } from './checksum.js';
import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { hex, tok, tok2str } from '../text.js';
import { icmpVerbose } from './icmp.js';
import { ipPrint } from './ip.js';

/**
 * ICMP's -v additions (tcpdump's print-icmp.c): a wrong checksum, the datagram an error
 * quotes (printed by the IP printer on the next line), and RFC 4884 extensions.
 */

/** Messages that quote the datagram they are about (ICMP_ERRTYPE). */
function isError(type: number): boolean {
  return type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
}

/** Messages that may carry multi-part extensions (ICMP_MULTIPART_EXT_TYPE). */
function mayHaveExtensions(type: number): boolean {
  return type === 3 || type === 11 || type === 12;
}

/** Extensions start 128 bytes after the 8-byte ICMP header (ICMP_EXTD_MINLEN is 156 - 20). */
const EXT_AT = 8 + 128;
const EXTD_MINLEN = 136;
/** sizeof(struct icmp_ext_t): the header, the 128 legacy bytes, version, checksum, one data byte. */
const EXT_STRUCT_LEN = 141;

const objectClasses = tok({ 1: 'MPLS Stack Entry', 2: 'Interface Identification' });

/** ND_TCHECK's goto trunc: ` [|icmp]`, and the packet's printing ends normally (not a longjmp). */
function cut(nd: Dissector): void {
  nd.printTrunc();
}

function extensions(nd: Dissector, dp: number, plen: number): void {
  if (!nd.has(dp, EXT_STRUCT_LEN)) return cut(nd);
  const ext = dp + EXT_AT;
  // A length of 0 may still hide extensions: they are there when their checksum holds.
  if (nd.u8(dp + 5) === 0 && nd.has(ext, plen - EXTD_MINLEN)) {
    if (inCksum(nd, ext, plen - EXTD_MINLEN) !== 0) return;
  }
  const version = (nd.u8(ext) & 0xf0) >> 4;
  nd.printBreak('\n\tICMP Multi-Part extension v' + version);
  if (version !== 2) {
    nd.print(' packet not supported');
    return;
  }
  let hlen = plen - EXTD_MINLEN;
  if (nd.has(ext, hlen)) {
    nd.print(', checksum 0x' + hex(nd.u16(ext + 2), 4) + ' (' + (inCksum(nd, ext, hlen) ? 'in' : '') + 'correct), length ' + hlen);
  }
  hlen -= 4;
  let obj = ext + 4;
  while (hlen > 4) {
    if (!nd.has(obj, 4)) return cut(nd);
    let objLen = nd.u16(obj);
    const classNum = nd.u8(obj + 2);
    const ctype = nd.u8(obj + 3);
    obj += 4;
    nd.printBreak('\n\t  ' + tok2str(objectClasses, 'unknown', classNum) + ' Object (' + classNum + '), Class-Type: ' + ctype + ', length ' + objLen);
    hlen -= 4;
    if (classNum === 0 || objLen < 4) return;
    objLen -= 4;
    if (classNum === 1 && ctype === 1) {
      const label = nd.u32(obj);
      nd.printBreak('\n\t    label ' + (label >>> 12) + ', tc ' + ((label >>> 9) & 7));
      if (label & 0x100) nd.print(', [S]');
      nd.print(', ttl ' + (label & 0xff));
    } else printUnknownData(nd, obj, '\n\t    ', objLen);
    if (hlen < objLen) break;
    hlen -= objLen;
    obj += objLen;
  }
}

function icmpVerbosePrint(nd: Dissector, dp: number, plen: number, type: number): void {
  if (!nd.ipFragmented && nd.has(dp, plen)) {
    const sum = inCksum(nd, dp, plen);
    if (sum !== 0) {
      const field = nd.u16(dp + 2);
      nd.print(' (wrong icmp cksum ' + hex(field) + ' (->' + hex(cksumShouldBe(field, sum)) + ')!)');
    }
  }
  if (isError(type)) {
    const ip = dp + 8;
    nd.printBreak('\n\t');
    const ipLen = nd.u16(ip + 2);
    // The quoted datagram ends where its own length says: extensions may follow it.
    nd.pushEnd(ip, ipLen);
    ipPrint(nd, ip, ipLen);
    nd.popEnd();
  }
  nd.protocol = 'icmp';
  if (plen > EXTD_MINLEN && mayHaveExtensions(type)) extensions(nd, dp, plen);
}

icmpVerbose.print = icmpVerbosePrint;
