import { namedPrinter, udpPorts } from '../registry.js';

/**
 * MPLS in UDP (RFC 7510, port 6635): the label stack through the MPLS printer, which
 * the link layer's module registers by name. Until one is loaded the rule does not
 * match and the datagram prints as plain UDP.
 */
udpPorts.register(
  'mpls',
  (nd, at, length) => namedPrinter('mpls')?.(nd, at, length),
  () => namedPrinter('mpls') !== undefined,
);
