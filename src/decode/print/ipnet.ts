import { Depth, type Dissector } from '../dissector.js';
import { defaultPrint, printUnknownData } from '../hex.js';
import { linkTypes } from '../registry.js';
import { hex, tok, tok2str } from '../text.js';
import { ipPrint } from './ip.js';
import { ip6Print } from './ip6.js';

/** Solaris IPNET (tcpdump's print-ipnet.c) and Linux vsock monitoring (print-vsock.c) link types. */

const IPNET_HDRLEN = 24;
const ipnetFamilies = tok({ 2: 'IPv4', 26: 'IPv6' });

function ipnetHeader(nd: Dissector, at: number, length: number): void {
  const family = nd.u8(at + 1);
  nd.print(nd.u32(at + 16) + ' > ' + nd.u32(at + 20) + ', family ' + tok2str(ipnetFamilies, 'Unknown', family) + ' (' + family + '), length ' + length + ': ');
}

function ipnetIfPrint(nd: Dissector, at: number, length: number): void {
  nd.protocol = 'ipnet';
  nd.classify(Depth.LINK, 'ipnet');
  nd.need(at, IPNET_HDRLEN);
  nd.llHdrLen += IPNET_HDRLEN;
  if (nd.linkHeader) ipnetHeader(nd, at, length);
  const p = at + IPNET_HDRLEN;
  const family = nd.u8(at + 1);
  if (family === 2) ipPrint(nd, p, length - IPNET_HDRLEN);
  else if (family === 26) ip6Print(nd, p, length - IPNET_HDRLEN);
  else {
    if (!nd.linkHeader) ipnetHeader(nd, at, length);
    defaultPrint(nd, p, nd.avail(p));
  }
}

const VSOCK_HDRLEN = 32;
const VIRTIO_HDRLEN = 44;
const transports = tok({ 0: 'UNKNOWN', 1: 'NO_INFO', 2: 'VIRTIO' });
const vsockOps = tok({ 0: 'UNKNOWN', 1: 'CONNECT', 2: 'DISCONNECT', 3: 'CONTROL', 4: 'PAYLOAD' });
const virtioTypes = tok({ 1: 'STREAM' });
const virtioOps = tok({
  0: 'INVALID',
  1: 'REQUEST',
  2: 'RESPONSE',
  3: 'RST',
  4: 'SHUTDOWN',
  5: 'RW',
  6: 'CREDIT UPDATE',
  7: 'CREDIT REQUEST',
});

function le64(nd: Dissector, at: number): bigint {
  return (BigInt(nd.le32(at + 4)) << 32n) | BigInt(nd.le32(at));
}

function virtioHeader(nd: Dissector, h: number): void {
  nd.print('len ' + nd.le32(h + 24));
  nd.print(', type ' + tok2str(virtioTypes, 'Invalid type (%u)', nd.le16(h + 28)));
  nd.print(', op ' + tok2str(virtioOps, 'Invalid op (%u)', nd.le16(h + 30)));
  nd.print(', flags ' + hex(nd.le32(h + 32)));
  nd.print(', buf_alloc ' + nd.le32(h + 36));
  nd.print(', fwd_cnt ' + nd.le32(h + 40));
}

function vsockIfPrint(nd: Dissector, p: number): void {
  nd.protocol = 'vsock';
  nd.classify(Depth.LINK, 'vsock');
  const caplen = nd.avail(p);
  if (caplen < VSOCK_HDRLEN) {
    nd.printTrunc();
    nd.llHdrLen += caplen;
    return;
  }
  nd.llHdrLen += VSOCK_HDRLEN;
  const transport = nd.le16(p + 26);
  nd.print(tok2str(transports, 'Invalid transport (%u)', transport));
  const transportLen = transport === 2 ? VIRTIO_HDRLEN : 0;
  let cut = false;
  if (nd.verbose) {
    if (caplen < VSOCK_HDRLEN + transportLen) cut = true;
    else {
      if (transport === 2) {
        nd.print(' (');
        virtioHeader(nd, p + VSOCK_HDRLEN);
        nd.print(')');
      }
      nd.printBreak('\n\t');
    }
  } else nd.print(' ');
  const op = nd.le16(p + 24);
  nd.print(
    le64(nd, p) + '.' + nd.le32(p + 16) + ' > ' + le64(nd, p + 8) + '.' + nd.le32(p + 20) + ' ' + tok2str(vsockOps, ' invalid op (%u)', op) + ', length ' + caplen,
  );
  if (cut) return nd.printTrunc();
  const total = VSOCK_HDRLEN + transportLen;
  if (nd.verbose > 1 && op === 4) {
    if (caplen > total) {
      nd.newline();
      printUnknownData(nd, p + total, '\t', caplen - total);
    } else nd.printTrunc();
  }
}

linkTypes.register(226, 'ipnet', ipnetIfPrint);
linkTypes.register(271, 'vsock', vsockIfPrint);
