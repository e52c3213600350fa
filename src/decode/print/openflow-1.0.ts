import type { Dissector } from '../dissector.js';
import { hex, tok, tok2str } from '../text.js';
import { etherPrint, vlanTciText } from './ether.js';
import { bitmapPrint, dataPrint, errorPrint, msgType, msgTypes, Req, vendorName } from './openflow.js';
import { printjnp } from './strings.js';
import { charText } from './tcp.js';

/**
 * OpenFlow 1.0 (tcpdump's print-openflow-1.0.c): the message types, their length
 * rules and, with -v, their bodies: ports, matches, actions, flow and statistics
 * messages, errors and Big Switch vendor extensions. -vv adds port details and data
 * in hex, -vvv decodes the Ethernet frame of a PACKET_IN or PACKET_OUT.
 */

const ofppcBm = tok({ 0x01: 'PORT_DOWN', 0x02: 'NO_STP', 0x04: 'NO_RECV', 0x08: 'NO_RECV_STP', 0x10: 'NO_FLOOD', 0x20: 'NO_FWD', 0x40: 'NO_PACKET_IN' });
const OFPPC_U = ~0x7f;
const ofppsStp = tok({ 0x000: 'STP_LISTEN', 0x100: 'STP_LEARN', 0x200: 'STP_FORWARD', 0x300: 'STP_BLOCK' });
const OFPPS_U = ~0x301;
export const ofppStr = tok({ 0xff00: 'MAX', 0xfff8: 'IN_PORT', 0xfff9: 'TABLE', 0xfffa: 'NORMAL', 0xfffb: 'FLOOD', 0xfffc: 'ALL', 0xfffd: 'CONTROLLER', 0xfffe: 'LOCAL', 0xffff: 'NONE' });
const ofppfBm = tok({
  0x1: '10MB_HD', 0x2: '10MB_FD', 0x4: '100MB_HD', 0x8: '100MB_FD', 0x10: '1GB_HD', 0x20: '1GB_FD', 0x40: '10GB_FD', 0x80: 'COPPER',
  0x100: 'FIBER', 0x200: 'AUTONEG', 0x400: 'PAUSE', 0x800: 'PAUSE_ASYM',
});
const OFPPF_U = ~0xfff;
const ofpqtStr = tok({ 0: 'NONE', 1: 'MIN_RATE' });
const ofpfwBm = tok({
  0x1: 'IN_PORT', 0x2: 'DL_VLAN', 0x4: 'DL_SRC', 0x8: 'DL_DST', 0x10: 'DL_TYPE', 0x20: 'NW_PROTO', 0x40: 'TP_SRC', 0x80: 'TP_DST',
  0x100000: 'DL_VLAN_PCP', 0x200000: 'NW_TOS',
});
const OFPFW_U = ~((1 << 22) - 1);
const ofpatStr = tok({
  0: 'OUTPUT', 1: 'SET_VLAN_VID', 2: 'SET_VLAN_PCP', 3: 'STRIP_VLAN', 4: 'SET_DL_SRC', 5: 'SET_DL_DST', 6: 'SET_NW_SRC', 7: 'SET_NW_DST',
  8: 'SET_NW_TOS', 9: 'SET_TP_SRC', 10: 'SET_TP_DST', 11: 'ENQUEUE', 0xffff: 'VENDOR',
});
const ofpatBm = tok(Object.fromEntries([...ofpatStr].filter(([k]) => k < 12).map(([k, v]) => [1 << k, v])) as Record<number, string>);
const OFPAT_U = ~0xfff;
const capabilitiesBm = tok({ 0x1: 'FLOW_STATS', 0x2: 'TABLE_STATS', 0x4: 'PORT_STATS', 0x8: 'STP', 0x10: 'RESERVED', 0x20: 'IP_REASM', 0x40: 'QUEUE_STATS', 0x80: 'ARP_MATCH_IP' });
const OFPCAP_U = ~0xef;
const configStr = tok({ 0: 'FRAG_NORMAL', 1: 'FRAG_DROP', 2: 'FRAG_REASM' });
const ofpfcStr = tok({ 0: 'ADD', 1: 'MODIFY', 2: 'MODIFY_STRICT', 3: 'DELETE', 4: 'DELETE_STRICT' });
const bufferidStr = tok({ 0xffffffff: 'NONE' });
const ofpffBm = tok({ 1: 'SEND_FLOW_REM', 2: 'CHECK_OVERLAP', 4: 'EMERG' });
const OFPFF_U = ~7;
const ofpstStr = tok({ 0: 'DESC', 1: 'FLOW', 2: 'AGGREGATE', 3: 'TABLE', 4: 'PORT', 5: 'QUEUE', 0xffff: 'VENDOR' });
const tableidStr = tok({ 0xfe: 'EMERG', 0xff: 'ALL' });
const ofpqStr = tok({ 0xffffffff: 'ALL' });
const replyBm = tok({ 1: 'MORE' });
const ofprStr = tok({ 0: 'NO_MATCH', 1: 'ACTION' });
const ofprrStr = tok({ 0: 'IDLE_TIMEOUT', 1: 'HARD_TIMEOUT', 2: 'DELETE' });
const ofpprStr = tok({ 0: 'ADD', 1: 'DELETE', 2: 'MODIFY' });
const ofpetStr = tok({ 0: 'HELLO_FAILED', 1: 'BAD_REQUEST', 2: 'BAD_ACTION', 3: 'FLOW_MOD_FAILED', 4: 'PORT_MOD_FAILED', 5: 'QUEUE_OP_FAILED' });
const errorCodes = [
  tok({ 0: 'INCOMPATIBLE', 1: 'EPERM' }),
  tok({ 0: 'BAD_VERSION', 1: 'BAD_TYPE', 2: 'BAD_STAT', 3: 'BAD_VENDOR', 4: 'BAD_SUBTYPE', 5: 'EPERM', 6: 'BAD_LEN', 7: 'BUFFER_EMPTY', 8: 'BUFFER_UNKNOWN' }),
  tok({ 0: 'BAD_TYPE', 1: 'BAD_LEN', 2: 'BAD_VENDOR', 3: 'BAD_VENDOR_TYPE', 4: 'BAD_OUT_PORT', 5: 'BAD_ARGUMENT', 6: 'EPERM', 7: 'TOO_MANY', 8: 'BAD_QUEUE' }),
  tok({ 0: 'ALL_TABLES_FULL', 1: 'OVERLAP', 2: 'EPERM', 3: 'BAD_EMERG_TIMEOUT', 4: 'BAD_COMMAND', 5: 'UNSUPPORTED' }),
  tok({ 0: 'BAD_PORT', 1: 'BAD_HW_ADDR' }),
  tok({ 0: 'BAD_PORT', 1: 'BAD_QUEUE', 2: 'EPERM' }),
];
const bsnSubtypes = tok({
  0: 'SET_IP_MASK', 1: 'GET_IP_MASK_REQUEST', 2: 'GET_IP_MASK_REPLY', 3: 'SET_MIRRORING', 4: 'GET_MIRRORING_REQUEST', 5: 'GET_MIRRORING_REPLY',
  6: 'SHELL_COMMAND', 7: 'SHELL_OUTPUT', 8: 'SHELL_STATUS', 9: 'GET_INTERFACES_REQUEST', 10: 'GET_INTERFACES_REPLY',
  11: 'SET_PKTIN_SUPPRESSION_REQUEST', 12: 'SET_L2_TABLE_REQUEST', 13: 'GET_L2_TABLE_REQUEST', 14: 'GET_L2_TABLE_REPLY',
  15: 'VIRTUAL_PORT_CREATE_REQUEST', 16: 'VIRTUAL_PORT_CREATE_REPLY', 17: 'VIRTUAL_PORT_REMOVE_REQUEST', 18: 'BW_ENABLE_SET_REQUEST',
  19: 'BW_ENABLE_GET_REQUEST', 20: 'BW_ENABLE_GET_REPLY', 21: 'BW_CLEAR_DATA_REQUEST', 22: 'BW_CLEAR_DATA_REPLY', 23: 'BW_ENABLE_SET_REPLY',
  24: 'SET_L2_TABLE_REPLY', 25: 'SET_PKTIN_SUPPRESSION_REPLY', 26: 'VIRTUAL_PORT_REMOVE_REPLY', 27: 'HYBRID_GET_REQUEST',
  28: 'HYBRID_GET_REPLY', 31: 'PDU_TX_REQUEST', 32: 'PDU_TX_REPLY', 33: 'PDU_RX_REQUEST', 34: 'PDU_RX_REPLY', 35: 'PDU_RX_TIMEOUT',
});
const bsnActionSubtypes = tok({ 1: 'MIRROR', 2: 'SET_TUNNEL_DST', 4: 'CHECKSUM' });
const copyStage = tok({ 0: 'INGRESS', 1: 'EGRESS' });
const onOff = tok({ 0: 'OFF', 1: 'ON' });

const OUI_BSN = 0x5c16c7;
const PHY_PORT_FIXLEN = 48;
const MATCH_FIXLEN = 40;

const port = (nd: Dissector, at: number): string => tok2str(ofppStr, '%u', nd.u16(at));
const u64 = (nd: Dissector, at: number): string => nd.u64(at).toString();
const x64 = (nd: Dissector, at: number): string => nd.u64(at).toString(16).padStart(16, '0');

function vlanStr(vid: number): string {
  if (vid === 0xffff) return 'NONE';
  return vid + (vid > 0 && vid < 0x0fff ? '' : ' (bogus)');
}

function pcpStr(pcp: number): string {
  return pcp + (pcp <= 7 ? '' : ' (bogus)');
}

function invalid(nd: Dissector, cp: number, len: number): void {
  nd.printInvalid();
  nd.need(cp, len);
}

/** nd_printn with no end: character by character until the capture ends. */
function printn(nd: Dissector, cp: number, len: number): void {
  for (let i = 0; i < len; i++) nd.print(charText(nd.u8(cp + i)));
}

function bsnMessage(nd: Dissector, cp: number, len: number): void {
  if (len < 4) return invalid(nd, cp, len);
  const subtype = nd.u32(cp);
  cp += 4;
  len -= 4;
  nd.printBreak('\n\t subtype ' + tok2str(bsnSubtypes, 'unknown (0x%08x)', subtype));
  switch (subtype) {
    case 1:
      if (len !== 8) return invalid(nd, cp, len);
      nd.print(', index ' + nd.u8(cp));
      nd.need(cp + 1, 7);
      return;
    case 0:
    case 2:
      if (len !== 8) return invalid(nd, cp, len);
      nd.print(', index ' + nd.u8(cp));
      nd.print(', mask ' + nd.ipv4(cp + 4));
      return;
    case 3:
    case 4:
    case 5:
      if (len !== 4) return invalid(nd, cp, len);
      nd.print(', report_mirror_ports ' + tok2str(onOff, 'bogus (%u)', nd.u8(cp)));
      nd.need(cp + 1, 3);
      return;
    case 9:
    case 13:
    case 19:
    case 21:
    case 27:
      if (len) return invalid(nd, cp, len);
      return;
    case 17:
      if (len !== 4) return invalid(nd, cp, len);
      nd.print(', vport_no ' + nd.u32(cp));
      return;
    case 6:
      if (len < 4) return invalid(nd, cp, len);
      nd.print(', service ' + nd.u32(cp));
      nd.print(", data '");
      printn(nd, cp + 4, len - 4);
      nd.print("'");
      return;
    case 7:
      nd.print(", data '");
      printn(nd, cp, len);
      nd.print("'");
      return;
    case 8:
      if (len !== 4) return invalid(nd, cp, len);
      nd.print(', status 0x' + hex(nd.u32(cp), 8));
      return;
    default:
      nd.need(cp, len);
  }
}

function bsnActions(nd: Dissector, cp: number, len: number): void {
  if (len < 4) return invalid(nd, cp, len);
  const subtype = nd.u32(cp);
  cp += 4;
  len -= 4;
  nd.printBreak('\n\t  subtype ' + tok2str(bsnActionSubtypes, 'unknown (0x%08x)', subtype));
  if (subtype !== 1) return nd.need(cp, len);
  if (len !== 12) return invalid(nd, cp, len);
  nd.print(', dest_port ' + nd.u32(cp));
  const tag = nd.u32(cp + 4);
  const tpid = Math.floor(tag / 0x10000);
  if (tpid === 0) nd.print(', vlan_tag none');
  else if (tpid === 0x8100) nd.print(', vlan_tag 802.1Q (' + vlanTciText(tag & 0xffff) + ')');
  else nd.print(', vlan_tag unknown (0x' + hex(tpid, 4) + ')');
  nd.print(', copy_stage ' + tok2str(copyStage, 'unknown (%u)', nd.u8(cp + 8)));
  nd.need(cp + 9, 3);
}

function vendorAction(nd: Dissector, cp: number, len: number): void {
  if (len < 4) return invalid(nd, cp, len);
  const vendor = nd.u32(cp);
  nd.print(', vendor 0x' + hex(vendor, 8) + ' (' + vendorName(vendor) + ')');
  (vendor === OUI_BSN ? bsnActions : dataPrint)(nd, cp + 4, len - 4);
}

function vendorMessage(nd: Dissector, cp: number, len: number): void {
  const vendor = nd.u32(cp);
  nd.print(', vendor 0x' + hex(vendor, 8) + ' (' + vendorName(vendor) + ')');
  (vendor === OUI_BSN ? bsnMessage : dataPrint)(nd, cp + 4, len - 4);
}

function vendorData(nd: Dissector, cp: number, len: number): void {
  if (len < 4) return invalid(nd, cp, len);
  const vendor = nd.u32(cp);
  nd.print(', vendor 0x' + hex(vendor, 8) + ' (' + vendorName(vendor) + ')');
  dataPrint(nd, cp + 4, len - 4);
}

/** The frame a PACKET_IN or PACKET_OUT carries: its length, and with -vvv the frame decoded. */
function packetData(nd: Dissector, cp: number, len: number): void {
  if (len === 0) return;
  nd.printBreak('\n\t data (' + len + ' octets)');
  if (nd.verbose < 3) return nd.need(cp, len);
  // tcpdump lowers -v by 3 for the inner frame (and, when that frame is cut short,
  // never raises it again: later packets print with less detail); it is restored here.
  nd.verbose -= 3;
  nd.print(', frame decoding below');
  nd.newline();
  nd.pushEnd(cp, len);
  try {
    etherPrint(nd, cp, len);
  } finally {
    nd.popEnd();
    nd.verbose += 3;
  }
}

function phyPort(nd: Dissector, cp: number): void {
  nd.printBreak('\n\t  port_no ' + port(nd, cp));
  nd.print(', hw_addr ' + nd.mac(cp + 2));
  nd.print(", name '");
  printjnp(nd, cp + 8, 16);
  nd.print("'");
  cp += 24;
  if (nd.verbose < 2) return nd.need(cp, 24);
  nd.printBreak('\n\t   config 0x' + hex(nd.u32(cp), 8));
  bitmapPrint(nd, ofppcBm, nd.u32(cp), OFPPC_U);
  const state = nd.u32(cp + 4);
  nd.printBreak('\n\t   state 0x' + hex(state, 8) + ' (' + tok2str(ofppsStp, '', state & 0x300) + (state & 1 ? ', LINK_DOWN' : '') + ')' + (state & OFPPS_U ? ' (bogus)' : ''));
  for (const [i, what] of [
    [8, 'curr'],
    [12, 'advertised'],
    [16, 'supported'],
    [20, 'peer'],
  ] as const) {
    nd.printBreak('\n\t   ' + what + ' 0x' + hex(nd.u32(cp + i), 8));
    bitmapPrint(nd, ofppfBm, nd.u32(cp + i), OFPPF_U);
  }
}

function queueProps(nd: Dissector, cp: number, len: number): void {
  while (len) {
    if (len < 8) return invalid(nd, cp, len);
    const property = nd.u16(cp);
    nd.printBreak('\n\t   property ' + tok2str(ofpqtStr, 'invalid (0x%04x)', property));
    const plen = nd.u16(cp + 2);
    cp += 4;
    len -= 4;
    nd.print(', len ' + plen);
    if (plen < 8 || plen > len + 4) return invalid(nd, cp, len);
    nd.need(cp, 4);
    cp += 4;
    len -= 4;
    let bogus = false;
    let skip = false;
    if (property === 0) bogus = plen !== 8;
    else if (property === 1) bogus = plen !== 16;
    else skip = true;
    if (bogus) {
      nd.print(' (bogus)');
      skip = true;
    }
    if (skip) {
      nd.need(cp, plen - 8);
      cp += plen - 8;
      len -= plen - 8;
      continue;
    }
    if (property === 1) {
      const rate = nd.u16(cp);
      nd.print(rate > 1000 ? ', rate disabled' : ', rate ' + Math.floor(rate / 10) + '.' + (rate % 10) + '%');
      nd.need(cp + 2, 6);
      cp += 8;
      len -= 8;
    }
  }
}

function queues(nd: Dissector, cp: number, len: number): void {
  while (len) {
    if (len < 8) return invalid(nd, cp, len);
    nd.printBreak('\n\t  queue_id ' + nd.u32(cp));
    const desclen = nd.u16(cp + 4);
    cp += 6;
    len -= 6;
    nd.print(', len ' + desclen);
    if (desclen < 8 || desclen > len + 6) return invalid(nd, cp, len);
    nd.need(cp, 2);
    cp += 2;
    len -= 2;
    if (nd.verbose >= 2) queueProps(nd, cp, desclen - 8);
    else nd.need(cp, desclen - 8);
    cp += desclen - 8;
    len -= desclen - 8;
  }
}

function match(nd: Dissector, pfx: string, cp: number): void {
  const P = (s: string) => nd.printBreak(pfx + s);
  const w = nd.u32(cp);
  if (w & OFPFW_U) P('wildcards 0x' + hex(w, 8) + ' (bogus)');
  if (!(w & 0x1)) P('match in_port ' + port(nd, cp + 4));
  if (!(w & 0x4)) P('match dl_src ' + nd.mac(cp + 6));
  if (!(w & 0x8)) P('match dl_dst ' + nd.mac(cp + 12));
  if (!(w & 0x2)) P('match dl_vlan ' + vlanStr(nd.u16(cp + 18)));
  if (!(w & 0x100000)) P('match dl_vlan_pcp ' + pcpStr(nd.u8(cp + 20)));
  const dlType = nd.u16(cp + 22);
  if (!(w & 0x10)) P('match dl_type 0x' + hex(dlType, 4));
  if (!(w & 0x200000)) P('match nw_tos 0x' + hex(nd.u8(cp + 24), 2));
  const nwProto = nd.u8(cp + 25);
  if (!(w & 0x20)) P('match ' + (!(w & 0x10) && dlType === 0x0806 ? 'arp_opcode' : 'nw_proto') + ' ' + nwProto);
  let bits = (w >> 8) & 0x3f;
  if (bits < 32) P('match nw_src ' + nd.ipv4(cp + 28) + '/' + (32 - bits));
  bits = (w >> 14) & 0x3f;
  if (bits < 32) P('match nw_dst ' + nd.ipv4(cp + 32) + '/' + (32 - bits));
  const icmp = !(w & 0x10) && dlType === 0x0800 && !(w & 0x20) && nwProto === 1;
  if (!(w & 0x40)) P('match ' + (icmp ? 'icmp_type' : 'tp_src') + ' ' + nd.u16(cp + 36));
  if (!(w & 0x80)) P('match ' + (icmp ? 'icmp_code' : 'tp_dst') + ' ' + nd.u16(cp + 38));
  else nd.need(cp + 38, 2);
}

function actions(nd: Dissector, pfx: string, cp: number, len: number): void {
  while (len) {
    if (len < 8) return invalid(nd, cp, len);
    const type = nd.u16(cp);
    nd.printBreak(pfx + 'action type ' + tok2str(ofpatStr, 'invalid (0x%04x)', type));
    const alen = nd.u16(cp + 2);
    cp += 4;
    len -= 4;
    nd.print(', len ' + alen);
    if (alen < 8 || alen > len + 4) return invalid(nd, cp, len);
    let bogus = false;
    let skip = false;
    if (type <= 3 || (type >= 6 && type <= 10)) bogus = alen !== 8;
    else if (type === 4 || type === 5 || type === 11) bogus = alen !== 16;
    else if (type === 0xffff) bogus = alen % 8 !== 0;
    else skip = true;
    if (bogus) {
      nd.print(' (bogus)');
      skip = true;
    }
    // Past the type and length: the action's fields (alen - 4 bytes), all of which
    // the C code reads or checks, so a cut action ends the packet in either case.
    const body = alen - 4;
    if (!skip) actionBody(nd, type, cp, body);
    nd.need(cp, body);
    cp += body;
    len -= body;
  }
}

function actionBody(nd: Dissector, type: number, cp: number, alen4: number): void {
  switch (type) {
    case 0: {
      const out = nd.u16(cp);
      nd.print(', port ' + tok2str(ofppStr, '%u', out));
      if (out === 0xfffd) nd.print(', max_len ' + nd.u16(cp + 2));
      else nd.need(cp + 2, 2);
      return;
    }
    case 1:
      nd.print(', vlan_vid ' + vlanStr(nd.u16(cp)));
      return;
    case 2:
      nd.print(', vlan_pcp ' + pcpStr(nd.u8(cp)));
      return;
    case 4:
    case 5:
      nd.print(', dl_addr ' + nd.mac(cp));
      return;
    case 6:
    case 7:
      nd.print(', nw_addr ' + nd.ipv4(cp));
      return;
    case 8:
      nd.print(', nw_tos 0x' + hex(nd.u8(cp), 2));
      return;
    case 9:
    case 10:
      nd.print(', tp_port ' + nd.u16(cp));
      return;
    case 11:
      nd.print(', port ' + port(nd, cp));
      nd.print(', queue_id ' + tok2str(ofpqStr, '%u', nd.u32(cp + 8)));
      return;
    case 0xffff:
      vendorAction(nd, cp, alen4);
  }
}

function featuresReply(nd: Dissector, cp: number, len: number): void {
  nd.printBreak('\n\t dpid 0x' + x64(nd, cp));
  nd.print(', n_buffers ' + nd.u32(cp + 8));
  nd.print(', n_tables ' + nd.u8(cp + 12));
  nd.printBreak('\n\t capabilities 0x' + hex(nd.u32(cp + 16), 8));
  bitmapPrint(nd, capabilitiesBm, nd.u32(cp + 16), OFPCAP_U);
  nd.printBreak('\n\t actions 0x' + hex(nd.u32(cp + 20), 8));
  bitmapPrint(nd, ofpatBm, nd.u32(cp + 20), OFPAT_U);
  cp += 24;
  len -= 24;
  while (len) {
    if (len < PHY_PORT_FIXLEN) return invalid(nd, cp, len);
    phyPort(nd, cp);
    cp += PHY_PORT_FIXLEN;
    len -= PHY_PORT_FIXLEN;
  }
}

function switchConfig(nd: Dissector, cp: number): void {
  nd.printBreak('\n\t flags ' + tok2str(configStr, 'invalid (0x%04x)', nd.u16(cp)));
  nd.print(', miss_send_len ' + nd.u16(cp + 2));
}

function flowMod(nd: Dissector, cp: number, len: number): void {
  match(nd, '\n\t ', cp);
  cp += MATCH_FIXLEN;
  nd.printBreak('\n\t cookie 0x' + x64(nd, cp));
  const command = nd.u16(cp + 8);
  nd.print(', command ' + tok2str(ofpfcStr, 'invalid (0x%04x)', command));
  if (nd.u16(cp + 10)) nd.print(', idle_timeout ' + nd.u16(cp + 10));
  if (nd.u16(cp + 12)) nd.print(', hard_timeout ' + nd.u16(cp + 12));
  if (nd.u16(cp + 14)) nd.print(', priority ' + nd.u16(cp + 14));
  if (command <= 2) nd.print(', buffer_id ' + tok2str(bufferidStr, '0x%08x', nd.u32(cp + 16)));
  if (command === 3 || command === 4) nd.print(', out_port ' + port(nd, cp + 20));
  nd.print(', flags 0x' + hex(nd.u16(cp + 22), 4));
  bitmapPrint(nd, ofpffBm, nd.u16(cp + 22), OFPFF_U);
  actions(nd, '\n\t ', cp + 24, len - MATCH_FIXLEN - 24);
}

function portMod(nd: Dissector, cp: number): void {
  nd.printBreak('\n\t port_no ' + port(nd, cp));
  nd.print(', hw_addr ' + nd.mac(cp + 2));
  for (const [i, what, t, u] of [
    [8, 'config', ofppcBm, OFPPC_U],
    [12, 'mask', ofppcBm, OFPPC_U],
    [16, 'advertise', ofppfBm, OFPPF_U],
  ] as const) {
    nd.printBreak('\n\t ' + what + ' 0x' + hex(nd.u32(cp + i), 8));
    bitmapPrint(nd, t, nd.u32(cp + i), u);
  }
  nd.need(cp + 20, 4);
}

function queueGetConfigRequest(nd: Dissector, cp: number): void {
  nd.printBreak('\n\t port ' + port(nd, cp));
  nd.need(cp + 2, 2);
}

function queueGetConfigReply(nd: Dissector, cp: number, len: number): void {
  nd.printBreak('\n\t port ' + port(nd, cp));
  nd.need(cp + 2, 6);
  queues(nd, cp + 8, len - 8);
}

function statsRequest(nd: Dissector, cp: number, len: number): void {
  const type = nd.u16(cp);
  nd.printBreak('\n\t type ' + tok2str(ofpstStr, 'invalid (0x%04x)', type));
  const flags = nd.u16(cp + 2);
  nd.print(', flags 0x' + hex(flags, 4));
  if (flags) nd.print(' (bogus)');
  cp += 4;
  len -= 4;
  switch (type) {
    case 0:
    case 3:
      if (len) invalid(nd, cp, len);
      return;
    case 1:
    case 2:
      if (len !== 44) return invalid(nd, cp, len);
      match(nd, '\n\t ', cp);
      nd.printBreak('\n\t table_id ' + tok2str(tableidStr, '%u', nd.u8(cp + 40)));
      nd.print(', out_port ' + port(nd, cp + 42));
      return;
    case 4:
      if (len !== 8) return invalid(nd, cp, len);
      nd.printBreak('\n\t port_no ' + port(nd, cp));
      nd.need(cp + 2, 6);
      return;
    case 5:
      if (len !== 8) return invalid(nd, cp, len);
      nd.printBreak('\n\t port_no ' + port(nd, cp));
      nd.print(', queue_id ' + tok2str(ofpqStr, '%u', nd.u32(cp + 4)));
      return;
    case 0xffff:
      vendorData(nd, cp, len);
  }
}

function descString(nd: Dissector, name: string, cp: number, n: number): void {
  nd.printBreak('\n\t  ' + name + " '");
  printjnp(nd, cp, n);
  nd.print("'");
}

function descStatsReply(nd: Dissector, cp: number, len: number): void {
  if (len !== 1056) return invalid(nd, cp, len);
  descString(nd, 'mfr_desc', cp, 256);
  descString(nd, 'hw_desc', cp + 256, 256);
  descString(nd, 'sw_desc', cp + 512, 256);
  descString(nd, 'serial_num', cp + 768, 32);
  descString(nd, 'dp_desc', cp + 800, 256);
}

function flowStatsReply(nd: Dissector, cp: number, len: number): void {
  while (len) {
    if (len < 88) return invalid(nd, cp, len);
    const entryLen = nd.u16(cp);
    nd.printBreak('\n\t length ' + entryLen);
    if (entryLen < 88 || entryLen > len) return invalid(nd, cp, len);
    nd.print(', table_id ' + tok2str(tableidStr, '%u', nd.u8(cp + 2)));
    match(nd, '\n\t  ', cp + 4);
    const c = cp + 44;
    nd.printBreak('\n\t  duration_sec ' + nd.u32(c));
    nd.print(', duration_nsec ' + nd.u32(c + 4));
    nd.print(', priority ' + nd.u16(c + 8));
    nd.print(', idle_timeout ' + nd.u16(c + 10));
    nd.print(', hard_timeout ' + nd.u16(c + 12));
    nd.print(', cookie 0x' + x64(nd, c + 20));
    nd.print(', packet_count ' + u64(nd, c + 28));
    nd.print(', byte_count ' + u64(nd, c + 36));
    actions(nd, '\n\t  ', cp + 88, entryLen - 88);
    cp += entryLen;
    len -= entryLen;
  }
}

function aggregateStatsReply(nd: Dissector, cp: number, len: number): void {
  if (len !== 24) return invalid(nd, cp, len);
  nd.printBreak('\n\t packet_count ' + u64(nd, cp));
  nd.print(', byte_count ' + u64(nd, cp + 8));
  nd.print(', flow_count ' + nd.u32(cp + 16));
  nd.need(cp + 20, 4);
}

function tableStatsReply(nd: Dissector, cp: number, len: number): void {
  while (len) {
    if (len < 64) return invalid(nd, cp, len);
    nd.printBreak('\n\t table_id ' + tok2str(tableidStr, '%u', nd.u8(cp)));
    nd.print(", name '");
    printjnp(nd, cp + 4, 32);
    nd.print("'");
    nd.printBreak('\n\t  wildcards 0x' + hex(nd.u32(cp + 36), 8));
    bitmapPrint(nd, ofpfwBm, nd.u32(cp + 36), OFPFW_U);
    nd.printBreak('\n\t  max_entries ' + nd.u32(cp + 40));
    nd.print(', active_count ' + nd.u32(cp + 44));
    nd.print(', lookup_count ' + u64(nd, cp + 48));
    nd.print(', matched_count ' + u64(nd, cp + 56));
    cp += 64;
    len -= 64;
  }
}

const portCounters = ['rx_packets', 'tx_packets', 'rx_bytes', 'tx_bytes', 'rx_dropped', 'tx_dropped', 'rx_errors', 'tx_errors', 'rx_frame_err', 'rx_over_err', 'rx_crc_err', 'collisions'];

function portStatsReply(nd: Dissector, cp: number, len: number): void {
  while (len) {
    if (len < 104) return invalid(nd, cp, len);
    nd.printBreak('\n\t  port_no ' + port(nd, cp));
    if (nd.verbose < 2) nd.need(cp + 2, 102);
    else for (let i = 0; i < portCounters.length; i++) nd.print(', ' + portCounters[i] + ' ' + u64(nd, cp + 8 + 8 * i));
    cp += 104;
    len -= 104;
  }
}

function queueStatsReply(nd: Dissector, cp: number, len: number): void {
  while (len) {
    if (len < 32) return invalid(nd, cp, len);
    nd.printBreak('\n\t  port_no ' + port(nd, cp));
    nd.print(', queue_id ' + nd.u32(cp + 4));
    nd.print(', tx_bytes ' + u64(nd, cp + 8));
    nd.print(', tx_packets ' + u64(nd, cp + 16));
    nd.print(', tx_errors ' + u64(nd, cp + 24));
    cp += 32;
    len -= 32;
  }
}

const statsReplies: Record<number, (nd: Dissector, cp: number, len: number) => void> = {
  0: descStatsReply,
  1: flowStatsReply,
  2: aggregateStatsReply,
  3: tableStatsReply,
  4: portStatsReply,
  5: queueStatsReply,
  0xffff: vendorData,
};

function statsReply(nd: Dissector, cp: number, len: number): void {
  const type = nd.u16(cp);
  nd.printBreak('\n\t type ' + tok2str(ofpstStr, 'invalid (0x%04x)', type));
  nd.print(', flags 0x' + hex(nd.u16(cp + 2), 4));
  bitmapPrint(nd, replyBm, nd.u16(cp + 2), ~1);
  const decoder = nd.verbose > 0 ? statsReplies[type] : undefined;
  if (decoder !== undefined) decoder(nd, cp + 4, len - 4);
  else nd.need(cp + 4, len - 4);
}

function packetOut(nd: Dissector, cp: number, len: number): void {
  nd.printBreak('\n\t buffer_id 0x' + hex(nd.u32(cp), 8));
  nd.print(', in_port ' + port(nd, cp + 4));
  const actionsLen = nd.u16(cp + 6);
  cp += 8;
  len -= 8;
  if (actionsLen > len) return invalid(nd, cp, len);
  actions(nd, '\n\t ', cp, actionsLen);
  packetData(nd, cp + actionsLen, len - actionsLen);
}

function packetIn(nd: Dissector, cp: number, len: number): void {
  nd.printBreak('\n\t buffer_id ' + tok2str(bufferidStr, '0x%08x', nd.u32(cp)));
  nd.print(', total_len ' + nd.u16(cp + 4));
  nd.print(', in_port ' + port(nd, cp + 6));
  nd.print(', reason ' + tok2str(ofprStr, 'invalid (0x%02x)', nd.u8(cp + 8)));
  nd.need(cp + 9, 1);
  packetData(nd, cp + 10, len - 10);
}

function flowRemoved(nd: Dissector, cp: number): void {
  match(nd, '\n\t ', cp);
  cp += MATCH_FIXLEN;
  nd.printBreak('\n\t cookie 0x' + x64(nd, cp));
  if (nd.u16(cp + 8)) nd.print(', priority ' + nd.u16(cp + 8));
  nd.print(', reason ' + tok2str(ofprrStr, 'unknown (0x%02x)', nd.u8(cp + 10)));
  nd.print(', duration_sec ' + nd.u32(cp + 12));
  nd.print(', duration_nsec ' + nd.u32(cp + 16));
  if (nd.u16(cp + 20)) nd.print(', idle_timeout ' + nd.u16(cp + 20));
  nd.print(', packet_count ' + u64(nd, cp + 24));
  nd.print(', byte_count ' + u64(nd, cp + 32));
}

function portStatus(nd: Dissector, cp: number): void {
  nd.printBreak('\n\t reason ' + tok2str(ofpprStr, 'invalid (0x%02x)', nd.u8(cp)));
  phyPort(nd, cp + 8);
}

const errorMsg = (nd: Dissector, cp: number, len: number): void => errorPrint(nd, cp, len, ofpetStr, errorCodes);

const T = msgType;

msgTypes.of10 = [
  T('HELLO', Req.MINLEN, 0, dataPrint),
  T('ERROR', Req.MINLEN, 4, errorMsg),
  T('ECHO_REQUEST', Req.MINLEN, 0, dataPrint),
  T('ECHO_REPLY', Req.MINLEN, 0, dataPrint),
  T('VENDOR', Req.MINLEN, 4, vendorMessage),
  T('FEATURES_REQUEST', Req.FIXLEN, 0),
  T('FEATURES_REPLY', Req.MINLEN, 24, featuresReply),
  T('GET_CONFIG_REQUEST', Req.FIXLEN, 0),
  T('GET_CONFIG_REPLY', Req.FIXLEN, 4, switchConfig),
  T('SET_CONFIG', Req.FIXLEN, 4, switchConfig),
  T('PACKET_IN', Req.MINLEN, 10, packetIn),
  T('FLOW_REMOVED', Req.FIXLEN, 80, flowRemoved),
  T('PORT_STATUS', Req.FIXLEN, 56, portStatus),
  T('PACKET_OUT', Req.MINLEN, 8, packetOut),
  T('FLOW_MOD', Req.MINLEN, 64, flowMod),
  T('PORT_MOD', Req.FIXLEN, 24, portMod),
  T('STATS_REQUEST', Req.MINLEN, 4, statsRequest),
  T('STATS_REPLY', Req.MINLEN, 4, statsReply),
  T('BARRIER_REQUEST', Req.FIXLEN, 0),
  T('BARRIER_REPLY', Req.FIXLEN, 0),
  T('QUEUE_GET_CONFIG_REQUEST', Req.FIXLEN, 4, queueGetConfigRequest),
  T('QUEUE_GET_CONFIG_REPLY', Req.MINLEN, 8, queueGetConfigReply),
];
