import type { Dissector } from '../dissector.js';
import { hex, tok, tok2str } from '../text.js';
import { bitmapPrint, dataPrint, errorPrint, msgType, msgTypes, Req, vendorName } from './openflow.js';
import { printjnp } from './strings.js';

/**
 * OpenFlow 1.3 (tcpdump's print-openflow-1.3.c): the message types, their length
 * rules and, with -v, the bodies tcpdump decodes (hello elements, errors, features,
 * configuration, ports, roles, asynchronous masks, experimenter messages).
 */

const capabilitiesBm = tok({ 0x1: 'FLOW_STATS', 0x2: 'TABLE_STATS', 0x4: 'PORT_STATS', 0x8: 'GROUP_STATS', 0x20: 'IP_REASM', 0x40: 'QUEUE_STATS', 0x100: 'PORT_BLOCKED' });
const OFPCAP_U = ~0x16f;
const configStr = tok({ 0: 'FRAG_NORMAL', 1: 'FRAG_DROP', 2: 'FRAG_REASM' });
const ofpttStr = tok({ 0xfe: 'MAX', 0xff: 'ALL' });
const ofpcmlStr = tok({ 0xffe5: 'MAX', 0xffff: 'NO_BUFFER' });
const ofppcBm = tok({ 0x1: 'PORT_DOWN', 0x4: 'NO_RECV', 0x20: 'NO_FWD', 0x40: 'NO_PACKET_IN' });
const OFPPC_U = ~0x65;
const ofppsBm = tok({ 1: 'LINK_DOWN', 2: 'BLOCKED', 4: 'LIVE' });
const OFPPS_U = ~7;
const ofppfBm = tok({
  0x1: '10MB_HD', 0x2: '10MB_FD', 0x4: '100MB_HD', 0x8: '100MB_FD', 0x10: '1GB_HD', 0x20: '1GB_FD', 0x40: '10GB_FD', 0x80: '40GB_FD',
  0x100: '100GB_FD', 0x200: '1TB_FD', 0x400: 'OTHER', 0x800: 'COPPER', 0x1000: 'FIBER', 0x2000: 'AUTONEG', 0x4000: 'PAUSE', 0x8000: 'PAUSE_ASYM',
});
const OFPPF_U = ~0xffff;
const ofphetStr = tok({ 1: 'VERSIONBITMAP' });
const ofppStr = tok({
  0xffffff00: 'MAX', 0xfffffff8: 'IN_PORT', 0xfffffff9: 'TABLE', 0xfffffffa: 'NORMAL', 0xfffffffb: 'FLOOD', 0xfffffffc: 'ALL',
  0xfffffffd: 'CONTROLLER', 0xfffffffe: 'LOCAL', 0xffffffff: 'ANY',
});
const ofpcrStr = tok({ 0: 'NOCHANGE', 1: 'EQUAL', 2: 'MASTER', 3: 'SLAVE' });
const ofverBm = tok({ 0x1: '1.0', 0x2: '1.1', 0x4: '1.2', 0x8: '1.3', 0x10: '1.4', 0x20: '1.5' });
const OF_BIT_VER_U = ~0x3f;
const asyncOfprBm = tok({ 1: 'NO_MATCH', 2: 'ACTION', 4: 'INVALID_TTL' });
const asyncOfpprBm = tok({ 1: 'ADD', 2: 'DELETE', 4: 'MODIFY' });
const ASYNC_U = ~7;
const ofpprStr = tok({ 0: 'ADD', 1: 'DELETE', 2: 'MODIFY' });
const ofpetStr = tok({
  0: 'HELLO_FAILED', 1: 'BAD_REQUEST', 2: 'BAD_ACTION', 3: 'BAD_INSTRUCTION', 4: 'BAD_MATCH', 5: 'FLOW_MOD_FAILED', 6: 'GROUP_MOD_FAILED',
  7: 'PORT_MOD_FAILED', 8: 'TABLE_MOD_FAILED', 9: 'QUEUE_OP_FAILED', 10: 'SWITCH_CONFIG_FAILED', 11: 'ROLE_REQUEST_FAILED',
  12: 'METER_MOD_FAILED', 13: 'TABLE_FEATURES_FAILED', 0xffff: 'EXPERIMENTER',
});
const names = (list: string): ReturnType<typeof tok> => tok(Object.fromEntries(list.split(' ').map((s, i) => [i, s])) as Record<number, string>);
/** The error codes of each error type (the experimenter type defines none). */
const errorCodes = [
  names('INCOMPATIBLE EPERM'),
  names('BAD_VERSION BAD_TYPE BAD_MULTIPART BAD_EXPERIMENTER BAD_EXP_TYPE EPERM BAD_LEN BUFFER_EMPTY BUFFER_UNKNOWN BAD_TABLE_ID IS_SLAVE BAD_PORT BAD_PACKET MULTIPART_BUFFER_OVERFLOW'),
  names('BAD_TYPE BAD_LEN BAD_EXPERIMENTER BAD_EXP_TYPE BAD_OUT_PORT BAD_ARGUMENT EPERM TOO_MANY BAD_QUEUE BAD_OUT_GROUP MATCH_INCONSISTENT UNSUPPORTED_ORDER BAD_TAG BAD_SET_TYPE BAD_SET_LEN BAD_SET_ARGUMENT'),
  names('UNKNOWN_INST UNSUP_INST BAD_TABLE_ID UNSUP_METADATA UNSUP_METADATA_MASK BAD_EXPERIMENTER BAD_EXP_TYPE BAD_LEN EPERM'),
  names('BAD_TYPE BAD_LEN BAD_TAG BAD_DL_ADDR_MASK BAD_NW_ADDR_MASK BAD_WILDCARDS BAD_FIELD BAD_VALUE BAD_MASK BAD_PREREQ DUP_FIELD EPERM'),
  names('UNKNOWN TABLE_FULL BAD_TABLE_ID OVERLAP EPERM BAD_TIMEOUT BAD_COMMAND BAD_FLAGS'),
  names('GROUP_EXISTS INVALID_GROUP WEIGHT_UNSUPPORTED OUT_OF_GROUPS OUT_OF_BUCKETS CHAINING_UNSUPPORTED WATCH_UNSUPPORTED LOOP UNKNOWN_GROUP CHAINED_GROUP BAD_TYPE BAD_COMMAND BAD_BUCKET BAD_MATCH EPERM'),
  names('BAD_PORT BAD_HW_ADDR BAD_CONFIG BAD_ADVERTISE EPERM'),
  names('BAD_TABLE BAD_CONFIG EPERM'),
  names('BAD_PORT BAD_QUEUE EPERM'),
  names('BAD_FLAGS BAD_LEN EPERM'),
  names('STALE UNSUP BAD_ROLE'),
  names('UNKNOWN METER_EXISTS INVALID_METER UNKNOWN_METER BAD_COMMAND BAD_FLAGS BAD_RATE BAD_BURST BAD_BAND BAD_BAND_VALUE OUT_OF_METERS OUT_OF_BANDS'),
  names('BAD_TABLE BAD_METADATA BAD_TYPE BAD_LEN BAD_ARGUMENT EPERM'),
];

const port = (nd: Dissector, at: number): string => tok2str(ofppStr, '%u', nd.u32(at));

function bitmapLine(nd: Dissector, text: string, at: number, t: ReturnType<typeof tok>, u: number): void {
  nd.printBreak(text + hex(nd.u32(at), 8));
  bitmapPrint(nd, t, nd.u32(at), u);
}

function portPrint(nd: Dissector, cp: number): void {
  nd.printBreak('\n\t  port_no ' + port(nd, cp));
  nd.print(', hw_addr ' + nd.mac(cp + 8));
  nd.print(", name '");
  printjnp(nd, cp + 16, 16);
  nd.print("'");
  cp += 32;
  if (nd.verbose < 2) return nd.need(cp, 32);
  bitmapLine(nd, '\n\t   config 0x', cp, ofppcBm, OFPPC_U);
  bitmapLine(nd, '\n\t   state 0x', cp + 4, ofppsBm, OFPPS_U);
  bitmapLine(nd, '\n\t   curr 0x', cp + 8, ofppfBm, OFPPF_U);
  bitmapLine(nd, '\n\t   advertised 0x', cp + 12, ofppfBm, OFPPF_U);
  bitmapLine(nd, '\n\t   supported 0x', cp + 16, ofppfBm, OFPPF_U);
  bitmapLine(nd, '\n\t   peer 0x', cp + 20, ofppfBm, OFPPF_U);
  nd.printBreak('\n\t   curr_speed ' + nd.u32(cp + 24) + 'kbps');
  nd.printBreak('\n\t   max_speed ' + nd.u32(cp + 28) + 'kbps');
}

function featuresReply(nd: Dissector, cp: number): void {
  nd.printBreak('\n\t dpid 0x' + nd.u64(cp).toString(16).padStart(16, '0'));
  nd.print(', n_buffers ' + nd.u32(cp + 8));
  nd.print(', n_tables ' + nd.u8(cp + 12));
  nd.print(', auxiliary_id ' + nd.u8(cp + 13));
  bitmapLine(nd, '\n\t capabilities 0x', cp + 16, capabilitiesBm, OFPCAP_U);
  nd.need(cp + 20, 4);
}

function switchConfig(nd: Dissector, cp: number): void {
  nd.printBreak('\n\t flags ' + tok2str(configStr, 'invalid (0x%04x)', nd.u16(cp)));
  nd.print(', miss_send_len ' + tok2str(ofpcmlStr, '%u', nd.u16(cp + 2)));
}

function tableMod(nd: Dissector, cp: number): void {
  nd.printBreak('\n\t table_id ' + tok2str(ofpttStr, '%u', nd.u8(cp)));
  nd.print(', config 0x' + hex(nd.u32(cp + 4), 8));
}

function roleMsg(nd: Dissector, cp: number): void {
  nd.printBreak('\n\t role ' + tok2str(ofpcrStr, 'invalid (0x%08x)', nd.u32(cp)));
  nd.print(', generation_id 0x' + nd.u64(cp + 8).toString(16).padStart(16, '0'));
}

function asyncMsg(nd: Dissector, cp: number): void {
  bitmapLine(nd, '\n\t packet_in_mask[EM] 0x', cp, asyncOfprBm, ASYNC_U);
  bitmapLine(nd, '\n\t packet_in_mask[S] 0x', cp + 4, asyncOfprBm, ASYNC_U);
  bitmapLine(nd, '\n\t port_status_mask[EM] 0x', cp + 8, asyncOfpprBm, ASYNC_U);
  bitmapLine(nd, '\n\t port_status_mask[S] 0x', cp + 12, asyncOfpprBm, ASYNC_U);
  bitmapLine(nd, '\n\t flow_removed_mask[EM] 0x', cp + 16, asyncOfpprBm, ASYNC_U);
  bitmapLine(nd, '\n\t flow_removed_mask[S] 0x', cp + 20, asyncOfpprBm, ASYNC_U);
}

function portMod(nd: Dissector, cp: number): void {
  nd.printBreak('\n\t port_no ' + port(nd, cp));
  nd.print(', hw_addr ' + nd.mac(cp + 8));
  bitmapLine(nd, '\n\t  config 0x', cp + 16, ofppcBm, OFPPC_U);
  bitmapLine(nd, '\n\t  mask 0x', cp + 20, ofppcBm, OFPPC_U);
  bitmapLine(nd, '\n\t  advertise 0x', cp + 24, ofppfBm, OFPPF_U);
  nd.need(cp + 28, 4);
}

function portStatus(nd: Dissector, cp: number): void {
  nd.printBreak('\n\t reason ' + tok2str(ofpprStr, 'invalid (0x02x)', nd.u8(cp)));
  portPrint(nd, cp + 8);
}

function helloElements(nd: Dissector, cp: number, len: number): void {
  while (len) {
    if (len < 4) {
      nd.printInvalid();
      return nd.need(cp, len);
    }
    const type = nd.u16(cp);
    nd.printBreak('\n\t type ' + tok2str(ofphetStr, 'unknown (0x%04x)', type));
    const bmlen = nd.u16(cp + 2);
    cp += 4;
    len -= 4;
    nd.print(', length ' + bmlen);
    if (bmlen < 4 || bmlen > 4 + len) {
      nd.printInvalid();
      return nd.need(cp, len);
    }
    if (type === 1 && bmlen === 8) {
      const bitmap = nd.u32(cp);
      nd.print(', bitmap 0x' + hex(bitmap, 8));
      bitmapPrint(nd, ofverBm, bitmap, OF_BIT_VER_U);
    } else {
      if (type === 1) nd.print(' (bogus)');
      nd.need(cp, bmlen - 4);
    }
    cp += bmlen - 4;
    len -= bmlen - 4;
  }
}

function experimenterMessage(nd: Dissector, cp: number, len: number): void {
  const experimenter = nd.u32(cp);
  nd.printBreak('\n\t experimenter 0x' + hex(experimenter, 8) + ' (' + vendorName(experimenter) + ')');
  nd.print(', exp_type 0x' + hex(nd.u32(cp + 4), 8));
  dataPrint(nd, cp + 8, len - 8);
}

function queueGetConfigRequest(nd: Dissector, cp: number): void {
  nd.printBreak('\n\t port ' + port(nd, cp));
  nd.need(cp + 4, 4);
}

const errorMsg = (nd: Dissector, cp: number, len: number): void => errorPrint(nd, cp, len, ofpetStr, errorCodes);

const T = msgType;

msgTypes.of13 = [
  T('HELLO', Req.MINLEN, 0, helloElements),
  T('ERROR', Req.MINLEN, 4, errorMsg),
  T('ECHO_REQUEST', Req.MINLEN, 0, dataPrint),
  T('ECHO_REPLY', Req.MINLEN, 0, dataPrint),
  T('EXPERIMENTER', Req.MINLEN, 8, experimenterMessage),
  T('FEATURES_REQUEST', Req.FIXLEN, 0),
  T('FEATURES_REPLY', Req.FIXLEN, 24, featuresReply),
  T('GET_CONFIG_REQUEST', Req.FIXLEN, 0),
  T('GET_CONFIG_REPLY', Req.FIXLEN, 4, switchConfig),
  T('SET_CONFIG', Req.FIXLEN, 4, switchConfig),
  T('PACKET_IN', Req.NONE, 0),
  T('FLOW_REMOVED', Req.NONE, 0),
  T('PORT_STATUS', Req.FIXLEN, 72, portStatus),
  T('PACKET_OUT', Req.NONE, 0),
  T('FLOW_MOD', Req.NONE, 0),
  T('GROUP_MOD', Req.NONE, 0),
  T('PORT_MOD', Req.FIXLEN, 32, portMod),
  T('TABLE_MOD', Req.FIXLEN, 8, tableMod),
  T('MULTIPART_REQUEST', Req.NONE, 0),
  T('MULTIPART_REPLY', Req.NONE, 0),
  T('BARRIER_REQUEST', Req.FIXLEN, 0),
  T('BARRIER_REPLY', Req.FIXLEN, 0),
  T('QUEUE_GET_CONFIG_REQUEST', Req.FIXLEN, 8, queueGetConfigRequest),
  T('QUEUE_GET_CONFIG_REPLY', Req.NONE, 0),
  T('ROLE_REQUEST', Req.FIXLEN, 16, roleMsg),
  T('ROLE_REPLY', Req.FIXLEN, 16, roleMsg),
  T('GET_ASYNC_REQUEST', Req.FIXLEN, 0),
  T('GET_ASYNC_REPLY', Req.FIXLEN, 24, asyncMsg),
  T('SET_ASYNC', Req.FIXLEN, 24, asyncMsg),
  T('METER_MOD', Req.NONE, 0),
];
