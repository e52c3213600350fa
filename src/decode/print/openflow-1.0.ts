import { type MsgType, Req, msgTypes } from './openflow.js';

/** OpenFlow 1.0 (tcpdump's print-openflow-1.0.c): the message types and their length rules. */

const T = (name: string, req: Req, value: number, decoder?: MsgType['decoder']): MsgType => ({ name, decoder, req, value });

msgTypes.of10 = [
  T('HELLO', Req.MINLEN, 0),
  T('ERROR', Req.MINLEN, 4),
  T('ECHO_REQUEST', Req.MINLEN, 0),
  T('ECHO_REPLY', Req.MINLEN, 0),
  T('VENDOR', Req.MINLEN, 4),
  T('FEATURES_REQUEST', Req.FIXLEN, 0),
  T('FEATURES_REPLY', Req.MINLEN, 24),
  T('GET_CONFIG_REQUEST', Req.FIXLEN, 0),
  T('GET_CONFIG_REPLY', Req.FIXLEN, 4),
  T('SET_CONFIG', Req.FIXLEN, 4),
  T('PACKET_IN', Req.MINLEN, 10),
  T('FLOW_REMOVED', Req.FIXLEN, 80),
  T('PORT_STATUS', Req.FIXLEN, 56),
  T('PACKET_OUT', Req.MINLEN, 8),
  T('FLOW_MOD', Req.MINLEN, 64),
  T('PORT_MOD', Req.FIXLEN, 24),
  T('STATS_REQUEST', Req.MINLEN, 4),
  T('STATS_REPLY', Req.MINLEN, 4),
  T('BARRIER_REQUEST', Req.FIXLEN, 0),
  T('BARRIER_REPLY', Req.FIXLEN, 0),
  T('QUEUE_GET_CONFIG_REQUEST', Req.FIXLEN, 4),
  T('QUEUE_GET_CONFIG_REPLY', Req.MINLEN, 8),
];
