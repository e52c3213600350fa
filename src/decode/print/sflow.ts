import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { udpPorts } from '../registry.js';
import { tok, tok2str } from '../text.js';

/**
 * sFlow v5 (tcpdump's print-sflow.c): the agent on the brief line; with -v every flow
 * and counter sample with the records tcpdump decodes. A length that does not hold
 * what it must prints " (invalid)".
 */

const V4_HDR = 28;
const V6_HDR = 40;
const sampleFormats = tok({ 1: 'flow sample', 2: 'counter sample', 3: 'expanded flow sample', 4: 'expanded counter sample' });
const flowTypes = tok({
  1: 'Raw packet', 2: 'Ethernet frame', 3: 'IPv4 Data', 4: 'IPv6 Data', 1001: 'Extended Switch data',
  1002: 'Extended Router data', 1003: 'Extended Gateway data', 1004: 'Extended User data', 1005: 'Extended URL data',
  1006: 'Extended MPLS data', 1007: 'Extended NAT data', 1008: 'Extended MPLS tunnel', 1009: 'Extended MPLS VC',
  1010: 'Extended MPLS FEC', 1011: 'Extended MPLS LVP FEC', 1012: 'Extended VLAN Tunnel',
});
const rawProtocols = tok({ 1: 'Ethernet', 11: 'IPv4', 12: 'IPv6' });
const counterTypes = tok({ 1: 'Generic counter', 2: 'Ethernet counter', 3: 'Token ring counter', 4: '100 BaseVG counter', 5: 'Vlan counter', 1001: 'Processor counter' });
const directions = tok({ 0: 'unknown', 1: 'full-duplex', 2: 'half-duplex', 3: 'in', 4: 'out' });

/** Records tcpdump knows but does not decode (it prints only their header line). */
const quietFlows = new Set([3, 4, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012]);

const u64 = (nd: Dissector, at: number): string => nd.u64(at).toString();

/** A counter record's body; false when the record is shorter than its structure. */
function counter(nd: Dissector, type: number, p: number, len: number): boolean {
  switch (type) {
    case 1: {
      if (len < 88) return false;
      const status = nd.u32(p + 20);
      const dir = nd.u32(p + 16);
      nd.printBreak('\n\t      ifindex ' + nd.u32(p) + ', iftype ' + nd.u32(p + 4) + ', ifspeed ' + u64(nd, p + 8) + ', ifdirection ' + dir + ' (' + tok2str(directions, 'Unknown', dir) + ')');
      nd.printBreak('\n\t      ifstatus ' + status + ', adminstatus: ' + (status & 1 ? 'up' : 'down') + ', operstatus: ' + ((status >>> 1) & 1 ? 'up' : 'down'));
      nd.printBreak('\n\t      In octets ' + u64(nd, p + 24) + ', unicast pkts ' + nd.u32(p + 32) + ', multicast pkts ' + nd.u32(p + 36) + ', broadcast pkts ' + nd.u32(p + 40) + ', discards ' + nd.u32(p + 44));
      nd.printBreak('\n\t      In errors ' + nd.u32(p + 48) + ', unknown protos ' + nd.u32(p + 52));
      nd.printBreak('\n\t      Out octets ' + u64(nd, p + 56) + ', unicast pkts ' + nd.u32(p + 64) + ', multicast pkts ' + nd.u32(p + 68) + ', broadcast pkts ' + nd.u32(p + 72) + ', discards ' + nd.u32(p + 76));
      nd.printBreak('\n\t      Out errors ' + nd.u32(p + 80) + ', promisc mode ' + nd.u32(p + 84));
      return true;
    }
    case 2:
      if (len < 52) return false;
      nd.printBreak('\n\t      align errors ' + nd.u32(p) + ', fcs errors ' + nd.u32(p + 4) + ', single collision ' + nd.u32(p + 8) + ', multiple collision ' + nd.u32(p + 12) + ', test error ' + nd.u32(p + 16));
      nd.printBreak('\n\t      deferred ' + nd.u32(p + 20) + ', late collision ' + nd.u32(p + 24) + ', excessive collision ' + nd.u32(p + 28) + ', mac trans error ' + nd.u32(p + 32));
      nd.printBreak('\n\t      carrier error ' + nd.u32(p + 36) + ', frames too long ' + nd.u32(p + 40) + ', mac receive errors ' + nd.u32(p + 44) + ', symbol errors ' + nd.u32(p + 48));
      return true;
    case 3:
      return true;
    case 4:
      if (len < 80) return false;
      nd.printBreak('\n\t      in high prio frames ' + nd.u32(p) + ', in high prio octets ' + u64(nd, p + 4));
      nd.printBreak('\n\t      in norm prio frames ' + nd.u32(p + 12) + ', in norm prio octets ' + u64(nd, p + 16));
      nd.printBreak('\n\t      in ipm errors ' + nd.u32(p + 24) + ', oversized ' + nd.u32(p + 28) + ', in data errors ' + nd.u32(p + 32) + ', null addressed frames ' + nd.u32(p + 36));
      nd.printBreak('\n\t      out high prio frames ' + nd.u32(p + 40) + ', out high prio octets ' + u64(nd, p + 44) + ', trans into frames ' + nd.u32(p + 52));
      nd.printBreak('\n\t      in hc high prio octets ' + u64(nd, p + 56) + ', in hc norm prio octets ' + u64(nd, p + 64) + ', out hc high prio octets ' + u64(nd, p + 72));
      return true;
    case 5:
      if (len < 28) return false;
      nd.printBreak('\n\t      vlan_id ' + nd.u32(p) + ', octets ' + u64(nd, p + 4) + ', unicast_pkt ' + nd.u32(p + 12) + ', multicast_pkt ' + nd.u32(p + 16) + ', broadcast_pkt ' + nd.u32(p + 20) + ', discards ' + nd.u32(p + 24));
      return true;
    case 1001:
      if (len < 28) return false;
      // tcpdump labels the free memory "total_mem" too.
      nd.printBreak('\n\t      5sec ' + nd.u32(p) + ', 1min ' + nd.u32(p + 4) + ', 5min ' + nd.u32(p + 8) + ', total_mem ' + u64(nd, p + 12) + ', total_mem ' + u64(nd, p + 20));
      return true;
  }
  return true;
}

function flow(nd: Dissector, type: number, p: number, len: number): boolean {
  switch (type) {
    case 1: {
      if (len < 16) return false;
      const proto = nd.u32(p);
      nd.printBreak('\n\t      protocol ' + tok2str(rawProtocols, 'Unknown', proto) + ' (' + proto + '), length ' + nd.u32(p + 4) + ', stripped bytes ' + nd.u32(p + 8) + ', header_size ' + nd.u32(p + 12));
      return true;
    }
    case 1001:
      if (len < 16) return false;
      nd.printBreak('\n\t      src vlan ' + nd.u32(p) + ', src pri ' + nd.u32(p + 4) + ', dst vlan ' + nd.u32(p + 8) + ', dst pri ' + nd.u32(p + 12));
      return true;
    case 2:
      if (len < 24) return false;
      nd.printBreak('\n\t      frame len ' + nd.u32(p) + ', type ' + nd.u32(p + 20));
      return true;
  }
  return true;
}

/** Counter (flow false) or flow records; false when one does not fit in what is left. */
function records(nd: Dissector, isFlow: boolean, p: number, len: number, count: number): boolean {
  for (; count > 0; count--) {
    if (len < 8) return false;
    const format = nd.u32(p);
    const type = format & 0x0fff;
    // tcpdump takes the enterprise from bit 20 for counters, bit 12 for flows.
    const enterprise = isFlow ? format >>> 12 : format >>> 20;
    const rlen = nd.u32(p + 4);
    const name = enterprise === 0 ? tok2str(isFlow ? flowTypes : counterTypes, 'Unknown', type) : 'Unknown';
    nd.printBreak('\n\t    enterprise ' + enterprise + (isFlow ? ' ' : ', ') + name + ' (' + type + ') length ' + rlen);
    p += 8;
    len -= 8;
    if (len < rlen) return false;
    if (enterprise === 0) {
      if (isFlow) {
        if (quietFlows.has(type)) {
          // Known, not decoded.
        } else if (type === 1 || type === 2 || type === 1001) {
          if (!flow(nd, type, p, len)) return false;
        } else if (nd.verbose <= 1) printUnknownData(nd, p, '\n\t\t', rlen);
      } else if (type === 1 || type === 2 || type === 3 || type === 4 || type === 5 || type === 1001) {
        if (!counter(nd, type, p, len)) return false;
      } else if (nd.verbose <= 1) printUnknownData(nd, p, '\n\t\t', rlen);
    }
    p += rlen;
    len -= rlen;
  }
  return true;
}

function sample(nd: Dissector, type: number, p: number, len: number): boolean {
  switch (type) {
    case 1: {
      if (len < 32) return false;
      const n = nd.u32(p + 28);
      nd.print(' seqnum ' + nd.u32(p) + ', type ' + nd.u8(p + 4) + ', idx ' + nd.u24(p + 5) + ', rate ' + nd.u32(p + 8) + ', pool ' + nd.u32(p + 12) + ', drops ' + nd.u32(p + 16) + ', input ' + nd.u32(p + 20) + ' output ' + nd.u32(p + 24) + ' records ' + n);
      return records(nd, true, p + 32, len - 32, n);
    }
    case 2: {
      if (len < 12) return false;
      const n = nd.u32(p + 8);
      nd.print(' seqnum ' + nd.u32(p) + ', type ' + nd.u8(p + 4) + ', idx ' + nd.u24(p + 5) + ', records ' + n);
      return records(nd, false, p + 12, len - 12, n);
    }
    case 3: {
      if (len < 44) return false;
      const n = nd.u32(p + 40);
      nd.print(' seqnum ' + nd.u32(p) + ', type ' + nd.u32(p + 4) + ', idx ' + nd.u32(p + 8) + ', rate ' + nd.u32(p + 12) + ', pool ' + nd.u32(p + 16) + ', drops ' + nd.u32(p + 20) + ', records ' + n);
      return records(nd, true, p + 44, len - 44, n);
    }
    case 4: {
      if (len < 16) return false;
      const n = nd.u32(p + 12);
      nd.print(' seqnum ' + nd.u32(p) + ', type ' + nd.u32(p + 4) + ', idx ' + nd.u32(p + 8) + ', records ' + n);
      return records(nd, false, p + 16, len - 16, n);
    }
  }
  return true;
}

export function sflowPrint(nd: Dissector, pptr: number, len: number): void {
  nd.protocol = 'sflow';
  const ipVersion = nd.u32(pptr + 4);
  if ((len < V4_HDR && ipVersion === 1) || (len < V6_HDR && ipVersion === 2)) {
    nd.print('sFlowv' + nd.u32(pptr));
    nd.print(' [length ' + len + ' < ' + V4_HDR + ']');
    nd.printInvalid();
    return;
  }
  nd.need(pptr, V4_HDR);
  const version = nd.u32(pptr);
  if (version !== 5) {
    nd.print('sFlow version ' + version + ' packet not supported');
    return;
  }
  const v4 = ipVersion === 1;
  const agent = v4 ? nd.ipv4(pptr + 8) : nd.ipv6(pptr + 8);
  const at = v4 ? pptr + 12 : pptr + 24;
  if (nd.verbose < 1) {
    nd.print('sFlowv' + version + ', ' + (v4 ? 'IPv4' : 'IPv6') + ' agent ' + agent + ', agent-id ' + nd.u32(at) + ', length ' + len);
    return;
  }
  let nsamples = nd.u32(at + 12);
  nd.print('sFlowv' + version + ', ' + (v4 ? 'IPv4' : 'IPv6') + ' agent ' + agent + ', agent-id ' + nd.u32(at) + ', seqnum ' + nd.u32(at + 4) + ', uptime ' + nd.u32(at + 8) + ', samples ' + nsamples + ', length ' + len);
  let tptr = pptr;
  let tlen = len;
  const hdr = v4 ? V4_HDR : V6_HDR;
  let ok = true;
  if (tlen < hdr) {
    nd.print(' [tlen ' + tlen + ' < ' + hdr + ']');
    ok = false;
  } else {
    tptr += hdr;
    tlen -= hdr;
  }
  while (ok && nsamples > 0 && tlen > 0) {
    const type = nd.u32(tptr) & 0x0fff;
    const slen = nd.u32(tptr + 4);
    if (tlen < 8) {
      ok = false;
      break;
    }
    tptr += 8;
    tlen -= 8;
    nd.printBreak('\n\t' + tok2str(sampleFormats, 'Unknown', type) + ' (' + type + '), length ' + slen + ',');
    if (type === 0 || slen === 0) return;
    if (tlen < slen) {
      ok = false;
      break;
    }
    nd.need(tptr, slen);
    if (type >= 1 && type <= 4) {
      if (!sample(nd, type, tptr, tlen)) {
        ok = false;
        break;
      }
    } else if (nd.verbose <= 1) printUnknownData(nd, tptr, '\n\t    ', slen);
    tptr += slen;
    tlen -= slen;
    nsamples--;
  }
  if (!ok) {
    nd.printInvalid();
    nd.need(tptr, tlen);
  }
}

udpPorts.register('sflow', sflowPrint);
