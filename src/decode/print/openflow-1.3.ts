import { type MsgType, Req, msgTypes } from './openflow.js';

/** OpenFlow 1.3 (tcpdump's print-openflow-1.3.c): the message types and their length rules. */

const T = (name: string, req: Req, value: number, decoder?: MsgType['decoder']): MsgType => ({ name, decoder, req, value });

msgTypes.of13 = [
  T('HELLO', Req.MINLEN, 0),
  T('ERROR', Req.MINLEN, 4),
  T('ECHO_REQUEST', Req.MINLEN, 0),
  T('ECHO_REPLY', Req.MINLEN, 0),
  T('EXPERIMENTER', Req.MINLEN, 8),
  T('FEATURES_REQUEST', Req.FIXLEN, 0),
  T('FEATURES_REPLY', Req.FIXLEN, 24),
  T('GET_CONFIG_REQUEST', Req.FIXLEN, 0),
  T('GET_CONFIG_REPLY', Req.FIXLEN, 4),
  T('SET_CONFIG', Req.FIXLEN, 4),
  T('PACKET_IN', Req.NONE, 0),
  T('FLOW_REMOVED', Req.NONE, 0),
  T('PORT_STATUS', Req.FIXLEN, 72),
  T('PACKET_OUT', Req.NONE, 0),
  T('FLOW_MOD', Req.NONE, 0),
  T('GROUP_MOD', Req.NONE, 0),
  T('PORT_MOD', Req.FIXLEN, 32),
  T('TABLE_MOD', Req.FIXLEN, 8),
  T('MULTIPART_REQUEST', Req.NONE, 0),
  T('MULTIPART_REPLY', Req.NONE, 0),
  T('BARRIER_REQUEST', Req.FIXLEN, 0),
  T('BARRIER_REPLY', Req.FIXLEN, 0),
  T('QUEUE_GET_CONFIG_REQUEST', Req.FIXLEN, 8),
  T('QUEUE_GET_CONFIG_REPLY', Req.NONE, 0),
  T('ROLE_REQUEST', Req.FIXLEN, 16),
  T('ROLE_REPLY', Req.FIXLEN, 16),
  T('GET_ASYNC_REQUEST', Req.FIXLEN, 0),
  T('GET_ASYNC_REPLY', Req.FIXLEN, 24),
  T('SET_ASYNC', Req.FIXLEN, 24),
  T('METER_MOD', Req.NONE, 0),
];
