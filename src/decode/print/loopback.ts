import type { Dissector } from '../dissector.js';
import { etherTypes } from '../registry.js';
import { tok, tok2str } from '../text.js';

/** The Ethernet Configuration Testing Protocol, ethertype 0x9000 (tcpdump's print-loopback.c). */

const functions = tok({ 1: 'Reply', 2: 'Forward Data' });

function invalid(nd: Dissector, p: number, len: number): void {
  nd.printInvalid();
  nd.need(p, len);
}

function message(nd: Dissector, p: number, len: number): void {
  if (len < 2) return invalid(nd, p, len);
  const fn = nd.le16(p);
  p += 2;
  len -= 2;
  nd.print(', ' + tok2str(functions, ' invalid (%u)', fn));
  if (fn === 1) {
    if (len < 2) return invalid(nd, p, len);
    nd.print(', receipt number ' + nd.le16(p));
    p += 2;
    len -= 2;
    nd.print(', data (' + len + ' octets)');
  } else if (fn === 2) {
    if (len < 6) return invalid(nd, p, len);
    nd.print(', forwarding address ' + nd.mac(p));
    p += 6;
    len -= 6;
    nd.print(', data (' + len + ' octets)');
  }
  nd.need(p, len);
}

export function loopbackPrint(nd: Dissector, p: number, len: number): void {
  nd.protocol = 'loopback';
  nd.print('Loopback');
  if (len < 2) return invalid(nd, p, len);
  const skip = nd.le16(p);
  p += 2;
  len -= 2;
  nd.print(', skipCount ' + skip);
  if (skip % 8) nd.print(' (bogus)');
  if (skip > len) return invalid(nd, p, len);
  nd.need(p, skip);
  message(nd, p + skip, len - skip);
}

etherTypes.register(0x9000, 'loopback', loopbackPrint);
