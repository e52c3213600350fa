import { namedPrinter, udpPorts } from '../registry.js';

/**
 * MPLS in UDP (RFC 7510, port 6635): the label stack through the MPLS printer, which
 * the link layer's module registers by name. Until one is loaded the datagram prints
 * the transport's plain line.
 */
udpPorts.register('mpls', (nd, at, length) => {
  const mpls = namedPrinter('mpls');
  if (mpls !== undefined) mpls(nd, at, length);
  else nd.print('UDP, length ' + length);
});
