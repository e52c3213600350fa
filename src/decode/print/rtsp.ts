import { tcpTextProtocol } from './text-protocol.js';

/** RTSP (tcpdump's print-rtsp.c): the request or status line; with -v every header line. */
export const rtspPrint = tcpTextProtocol(
  'rtsp',
  ['DESCRIBE', 'ANNOUNCE', 'GET_PARAMETER', 'OPTIONS', 'PAUSE', 'PLAY', 'RECORD', 'REDIRECT', 'SETUP', 'SET_PARAMETER', 'TEARDOWN'],
  true,
);
