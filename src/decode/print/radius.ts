import type { Dissector } from '../dissector.js';
import { ipv6Text } from '../addr.js';
import { hexAndAsciiPrint, printUnknownData } from '../hex.js';
import { namedPrinter, udpPorts } from '../registry.js';
import { printn } from '../strings.js';
import { bittok2str, hex, hex2, tok, tok2str } from '../text.js';
import { ntpTime } from './ntp.js';
import { smiValues } from './smi.js';

/**
 * RADIUS (tcpdump's print-radius.c): the code, id and length on the brief line; with -v
 * the authenticator and every attribute, with the values tcpdump names.
 */

const MIN_LEN = 20;
const commands = tok({
  1: 'Access-Request', 2: 'Access-Accept', 3: 'Access-Reject', 4: 'Accounting-Request', 5: 'Accounting-Response',
  11: 'Access-Challenge', 12: 'Status-Server', 13: 'Status-Client', 40: 'Disconnect-Request', 41: 'Disconnect-ACK',
  42: 'Disconnect-NAK', 43: 'CoA-Request', 44: 'CoA-ACK', 45: 'CoA-NAK', 255: 'Reserved',
});
const A = {
  FRM_IPADDR: 8, LOG_IPHOST: 14, FRM_IPX: 23, SESSION_TIMEOUT: 27, IDLE_TIMEOUT: 28, FRM_ATALK_LINK: 37,
  FRM_ATALK_NETWORK: 38, ACCT_DELAY: 41, ACCT_SESSION_TIME: 46, EGRESS_VLAN_ID: 56, EGRESS_VLAN_NAME: 58,
  TUNNEL_TYPE: 64, TUNNEL_MEDIUM: 65, TUNNEL_CLIENT_END: 66, TUNNEL_SERVER_END: 67, TUNNEL_PASS: 69, ARAP_PASS: 70,
  ARAP_FEATURES: 71, EAP_MESSAGE: 79, TUNNEL_PRIV_GROUP: 81, TUNNEL_ASSIGN_ID: 82, TUNNEL_PREFERENCE: 83,
  ARAP_CHALLENGE_RESP: 84, ACCT_INT_INTERVAL: 85, TUNNEL_CLIENT_AUTH: 90, TUNNEL_SERVER_AUTH: 91, ERROR_CAUSE: 101,
} as const;
const tagged = tok({ 0x31: 'Tagged', 0x32: 'Untagged' });

const servType = [null, 'Login', 'Framed', 'Callback Login', 'Callback Framed', 'Outbound', 'Administrative', 'NAS Prompt', 'Authenticate Only', 'Callback NAS Prompt', 'Call Check', 'Callback Administrative', 'Voice', 'Fax', 'Modem Relay', 'IAPP-Register', 'IAPP-AP-Check', 'Authorize Only', 'Framed-Management', 'Additional-Authorization'];
const frmProto = [null, 'PPP', 'SLIP', 'ARAP', 'Gandalf proprietary', 'Xylogics IPX/SLIP', 'X.75 Synchronous', 'GPRS PDP Context'];
const frmRouting = ['None', 'Send', 'Listen', 'Send&Listen'];
const frmComp = ['None', 'VJ TCP/IP', 'IPX', 'Stac-LZS'];
const loginServ = ['Telnet', 'Rlogin', 'TCP Clear', 'PortMaster(proprietary)', 'LAT', 'X.25-PAD', 'X.25-T3POS', 'Unassigned', 'TCP Clear Quiet'];
const termAction = ['Default', 'RADIUS-Request'];
const ingressFilters = [null, 'Enabled', 'Disabled'];
const nasPortType = [
  'Async', 'Sync', 'ISDN Sync', 'ISDN Async V.120', 'ISDN Async V.110', 'Virtual', 'PIAFS', 'HDLC Clear Channel', 'X.25', 'X.75',
  'G.3 Fax', 'SDSL', 'ADSL-CAP', 'ADSL-DMT', 'ISDN-DSL', 'Ethernet', 'xDSL', 'Cable', 'Wireless - Other', 'Wireless - IEEE 802.11',
  'Token-Ring', 'FDDI', 'Wireless - CDMA200', 'Wireless - UMTS', 'Wireless - 1X-EV', 'IAPP', 'FTTP', 'Wireless - IEEE 802.16', 'Wireless - IEEE 802.20', 'Wireless - IEEE 802.22',
  'PPPoA', 'PPPoEoA', 'PPPoEoE', 'PPPoEoVLAN', 'PPPoEoQinQ', 'xPON', 'Wireless - XGP', 'WiMAX Pre-Release 8 IWK Function', 'WIMAX-WIFI-IWK', 'WIMAX-SFF',
  'WIMAX-HA-LMA', 'WIMAX-DHCP', 'WIMAX-LBS', 'WIMAX-WVS',
];
const acctStatus = [null, 'Start', 'Stop', 'Interim-Update', 'Unassigned', 'Unassigned', 'Unassigned', 'Accounting-On', 'Accounting-Off', 'Tunnel-Start', 'Tunnel-Stop', 'Tunnel-Reject', 'Tunnel-Link-Start', 'Tunnel-Link-Stop', 'Tunnel-Link-Reject', 'Failed'];
const acctAuth = [null, 'RADIUS', 'Local', 'Remote', 'Diameter'];
const acctTerm = [
  null, 'User Request', 'Lost Carrier', 'Lost Service', 'Idle Timeout', 'Session Timeout', 'Admin Reset', 'Admin Reboot', 'Port Error', 'NAS Error',
  'NAS Request', 'NAS Reboot', 'Port Unneeded', 'Port Preempted', 'Port Suspended', 'Service Unavailable', 'Callback', 'User Error', 'Host Request', 'Supplicant Restart',
  'Reauthentication Failure', 'Port Reinitialized', 'Port Administratively Disabled', 'Lost Power',
];
const tunnelType = [null, 'PPTP', 'L2F', 'L2TP', 'ATMP', 'VTP', 'AH', 'IP-IP', 'MIN-IP-IP', 'ESP', 'GRE', 'DVS', 'IP-in-IP Tunneling', 'VLAN'];
const tunnelMedium = [null, 'IPv4', 'IPv6', 'NSAP', 'HDLC', 'BBN 1822', '802', 'E.163', 'E.164', 'F.69', 'X.121', 'IPX', 'Appletalk', 'Decnet IV', 'Banyan Vines', 'E.164 with NSAP subaddress'];
const arapZone = [null, 'Only access to dfl zone', 'Use zone filter inc.', 'Not used', 'Use zone filter exc.'];
const promptValues = ['No Echo', 'Echo'];
const errorCauses = tok({
  201: 'Residual Session Context Removed', 202: 'Invalid EAP Packet (Ignored)', 401: 'Unsupported Attribute',
  402: 'Missing Attribute', 403: 'NAS Identification Mismatch', 404: 'Invalid Request', 405: 'Unsupported Service',
  406: 'Unsupported Extension', 407: 'Invalid Attribute Value', 501: 'Administratively Prohibited',
  502: 'Request Not Routable (Proxy)', 503: 'Session Context Not Found', 504: 'Session Context Not Removable',
  505: 'Other Proxy Processing Error', 506: 'Resources Unavailable', 507: 'Request Initiated',
  508: 'Multiple Session Selection Unsupported', 509: 'Location Info Required',
});
const mip6Features: [bigint, string][] = [
  [0x1n, 'MIP6_INTEGRATED'], [0x2n, 'LOCAL_HOME_AGENT_ASSIGNMENT'], [0x10000000000n, 'PMIP6_SUPPORTED'],
  [0x20000000000n, 'IP4_HOA_SUPPORTED'], [0x40000000000n, 'LOCAL_MAG_ROUTING_SUPPORTED'], [0x80000000000n, 'ASSIGN_LOCAL_IP'],
  [0x100000000000n, 'MIP4_SUPPORTED'], [0x200000000000n, 'OPTIMIZED_IDLE_MODE_MOBILITY'], [0x400000000000n, 'GTPv2_SUPPORTED'],
  [0x800000000000n, 'IP4_TRANSPORT_SUPPORTED'], [0x1000000000000n, 'IP4_HOA_ONLY_SUPPORTED'], [0x2000000000000n, 'INTER_MAG_ROUTING_SUPPORTED'],
];
const operatorNames = tok({ 0x30: 'TADIG', 0x31: 'REALM', 0x32: 'E212', 0x33: 'ICC' });
const locationCodes = tok({ 0: 'Civic', 1: 'Geospatial' });
const locationEntities = tok({ 0: 'User', 1: 'RADIUS' });
const blprFlags = tok({
  0x0001: 'MBZ-15', 0x0002: 'MBZ-14', 0x0004: 'MBZ-13', 0x0008: 'MBZ-12', 0x0010: 'MBZ-11', 0x0020: 'MBZ-10',
  0x0040: 'MBZ-9', 0x0080: 'MBZ-8', 0x0100: 'MBZ-7', 0x0200: 'MBZ-6', 0x0400: 'MBZ-5', 0x0800: 'MBZ-4',
  0x1000: 'MBZ-3', 0x2000: 'MBZ-2', 0x4000: 'MBZ-1', 0x8000: 'Retransmission Allowed',
});

/** How an attribute's value prints. */
const enum P { NONE, STRING, NUM, VENDOR, ADDR, ADDR6, NETMASK6, MIP6_PREFIX, OPERATOR, LOC_INFO, LOC_DATA, BLPR, TIME, VECTOR64, STRANGE }

interface AttrType {
  name: string;
  print: P;
  values?: readonly (string | null)[];
  /** The first value with a name (the others in values follow it). */
  first?: number;
}

const at = (name: string, print: P, values?: readonly (string | null)[], first = 0): AttrType => ({ name, print, values, first });
const S = P.STRING;
const N = P.NUM;

const attrTypes: AttrType[] = [
  at('', P.NONE), at('User-Name', S), at('User-Password', P.NONE), at('CHAP-Password', P.NONE), at('NAS-IP-Address', P.ADDR),
  at('NAS-Port', N), at('Service-Type', N, servType, 1), at('Framed-Protocol', N, frmProto, 1), at('Framed-IP-Address', P.ADDR),
  at('Framed-IP-Netmask', P.ADDR),
  at('Framed-Routing', N, frmRouting), at('Filter-Id', S), at('Framed-MTU', N), at('Framed-Compression', N, frmComp),
  at('Login-IP-Host', P.ADDR), at('Login-Service', N, loginServ), at('Login-TCP-Port', N), at('Unassigned', P.NONE),
  at('Reply-Message', S), at('Callback-Number', S),
  at('Callback-Id', S), at('Unassigned', P.NONE), at('Framed-Route', S), at('Framed-IPX-Network', N), at('State', S),
  at('Class', S), at('Vendor-Specific', P.VENDOR), at('Session-Timeout', N), at('Idle-Timeout', N),
  at('Termination-Action', N, termAction),
  at('Called-Station-Id', S), at('Calling-Station-Id', S), at('NAS-Identifier', S), at('Proxy-State', S),
  at('Login-LAT-Service', S), at('Login-LAT-Node', S), at('Login-LAT-Group', S), at('Framed-AppleTalk-Link', N),
  at('Framed-AppleTalk-Network', N), at('Framed-AppleTalk-Zone', S),
  at('Acct-Status-Type', N, acctStatus, 1), at('Acct-Delay-Time', N), at('Acct-Input-Octets', N), at('Acct-Output-Octets', N),
  at('Acct-Session-Id', S), at('Acct-Authentic', N, acctAuth, 1), at('Acct-Session-Time', N), at('Acct-Input-Packets', N),
  at('Acct-Output-Packets', N), at('Acct-Terminate-Cause', N, acctTerm, 1),
  at('Acct-Multi-Session-Id', S), at('Acct-Link-Count', N), at('Acct-Input-Gigawords', N), at('Acct-Output-Gigawords', N),
  at('Unassigned', P.NONE), at('Event-Timestamp', P.TIME), at('Egress-VLANID', N), at('Ingress-Filters', N, ingressFilters, 1),
  at('Egress-VLAN-Name', S), at('User-Priority-Table', P.NONE),
  at('CHAP-Challenge', S), at('NAS-Port-Type', N, nasPortType), at('Port-Limit', N), at('Login-LAT-Port', S),
  at('Tunnel-Type', N, tunnelType, 1), at('Tunnel-Medium-Type', N, tunnelMedium, 1), at('Tunnel-Client-Endpoint', S),
  at('Tunnel-Server-Endpoint', S), at('Acct-Tunnel-Connection', S), at('Tunnel-Password', S),
  at('ARAP-Password', P.STRANGE), at('ARAP-Features', P.STRANGE), at('ARAP-Zone-Access', N, arapZone, 1),
  at('ARAP-Security', S), at('ARAP-Security-Data', S), at('Password-Retry', N), at('Prompt', N, promptValues),
  at('Connect-Info', S), at('Configuration-Token', S), at('EAP-Message', S),
  at('Message-Authenticator', S), at('Tunnel-Private-Group-ID', S), at('Tunnel-Assignment-ID', S), at('Tunnel-Preference', N),
  at('ARAP-Challenge-Response', P.STRANGE), at('Acct-Interim-Interval', N), at('Acct-Tunnel-Packets-Lost', N),
  at('NAS-Port-Id', S), at('Framed-Pool', S), at('CUI', S),
  at('Tunnel-Client-Auth-ID', S), at('Tunnel-Server-Auth-ID', S), at('NAS-Filter-Rule', S), at('Unassigned', P.NONE),
  at('Originating-Line-Info', P.NONE), at('NAS-IPv6-Address', P.ADDR6), at('Framed-Interface-ID', P.NONE),
  at('Framed-IPv6-Prefix', P.NETMASK6), at('Login-IPv6-Host', P.ADDR6), at('Framed-IPv6-Route', S),
  at('Framed-IPv6-Pool', S), at('Error-Cause', P.STRANGE), at('EAP-Key-Name', P.NONE), at('Digest-Response', S),
  at('Digest-Realm', S), at('Digest-Nonce', S), at('Digest-Response-Auth', S), at('Digest-Nextnonce', S),
  at('Digest-Method', S), at('Digest-URI', S),
  at('Digest-Qop', S), at('Digest-Algorithm', S), at('Digest-Entity-Body-Hash', S), at('Digest-CNonce', S),
  at('Digest-Nonce-Count', S), at('Digest-Username', S), at('Digest-Opaque', S), at('Digest-Auth-Param', S),
  at('Digest-AKA-Auts', S), at('Digest-Domain', S),
  at('Digest-Stale', S), at('Digest-HA1', S), at('SIP-AOR', S), at('Delegated-IPv6-Prefix', P.NETMASK6),
  at('MIP6-Feature-Vector', P.VECTOR64), at('MIP6-Home-Link-Prefix', P.MIP6_PREFIX), at('Operator-Name', P.OPERATOR),
  at('Location-Information', P.LOC_INFO), at('Location-Data', P.LOC_DATA), at('Basic-Location-Policy-Rules', P.BLPR),
];

function tagText(v: number): string {
  return v ? 'Tag[' + v + '] ' : 'Tag[Unused] ';
}

function printable(nd: Dissector, at: number, len: number, stopAtNul: boolean): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    const c = nd.u8(at + i);
    if (stopAtNul && c === 0) break;
    s += c >= 0x20 && c <= 0x7e ? String.fromCharCode(c) : '.';
  }
  return s;
}

function attrString(nd: Dissector, data: number, length: number, code: number): void {
  if (!nd.has(data, length)) return nd.printTrunc();
  switch (code) {
    case A.TUNNEL_PASS:
      if (length < 3) return nd.printTrunc();
      nd.print(nd.u8(data) && nd.u8(data) <= 0x1f ? 'Tag[' + nd.u8(data) + '] ' : 'Tag[Unused] ');
      nd.print('Salt ' + nd.u16(data + 1) + ' ');
      data += 3;
      length -= 3;
      break;
    case A.TUNNEL_CLIENT_END:
    case A.TUNNEL_SERVER_END:
    case A.TUNNEL_PRIV_GROUP:
    case A.TUNNEL_ASSIGN_ID:
    case A.TUNNEL_CLIENT_AUTH:
    case A.TUNNEL_SERVER_AUTH:
      if (nd.u8(data) <= 0x1f) {
        nd.print(tagText(nd.u8(data)));
        data++;
        length--;
      }
      break;
    case A.EGRESS_VLAN_NAME:
      nd.print(tok2str(tagged, 'Unknown tag', nd.u8(data)) + ' (0x' + hex2(nd.u8(data)) + ') ');
      data++;
      length--;
      break;
    case A.EAP_MESSAGE: {
      // EAP is the link layer's printer (EAPOL shares it): reached by its name.
      const eap = namedPrinter('eap');
      if (eap !== undefined) eap(nd, data, length);
      return;
    }
  }
  nd.print(printable(nd, data, length, true));
}

function vendorAttr(nd: Dissector, data: number, length: number): void {
  if (length < 4) return nd.printTrunc();
  const vendor = nd.u32(data);
  data += 4;
  length -= 4;
  nd.print('Vendor: ' + tok2str(smiValues, 'Unknown', vendor) + ' (' + vendor + ')');
  while (length >= 2) {
    const type = nd.u8(data);
    let vlen = nd.u8(data + 1);
    if (vlen < 2) {
      nd.printBreak('\n\t    Vendor Attribute: ' + type + ', Length: ' + vlen + ' (bogus, must be >= 2)');
      return;
    }
    if (vlen > length) {
      nd.printBreak('\n\t    Vendor Attribute: ' + type + ', Length: ' + vlen + ' (bogus, goes past end of vendor-specific attribute)');
      return;
    }
    data += 2;
    vlen -= 2;
    length -= 2;
    if (!nd.has(data, vlen)) return nd.printTrunc();
    nd.printBreak('\n\t    Vendor Attribute: ' + type + ', Length: ' + vlen + ', Value: ' + printable(nd, data, vlen, false));
    data += vlen;
    length -= vlen;
  }
}

function pad2(n: number): string {
  return n >= 0 && n < 10 ? '0' + n : String(n);
}

function attrNum(nd: Dissector, data: number, length: number, code: number): void {
  if (length !== 4) {
    nd.print('ERROR: length ' + length + ' != 4');
    return;
  }
  const t = attrTypes[code];
  if (t.values !== undefined) {
    let v: number;
    if (code === A.TUNNEL_TYPE || code === A.TUNNEL_MEDIUM) {
      nd.print(tagText(nd.u8(data)));
      v = nd.u24(data + 1);
    } else v = nd.u32(data);
    const first = t.first ?? 0;
    nd.print(v >= first && v < t.values.length ? (t.values[v] ?? '') : '#' + v);
    return;
  }
  switch (code) {
    case A.FRM_IPX: {
      const v = nd.u32(data);
      nd.print(v === 0xfffffffe ? 'NAS Select' : String(v));
      return;
    }
    case A.SESSION_TIMEOUT:
    case A.IDLE_TIMEOUT:
    case A.ACCT_DELAY:
    case A.ACCT_SESSION_TIME:
    case A.ACCT_INT_INTERVAL: {
      // %02d of an unsigned value: a huge one prints negative, as tcpdump's does.
      const v = nd.u32(data);
      const d = (x: number) => pad2(x | 0);
      if (v < 60) nd.print(d(v) + ' secs');
      else if (v < 3600) nd.print(d(Math.floor(v / 60)) + ':' + d(v % 60) + ' min');
      else nd.print(d(Math.floor(v / 3600)) + ':' + d(Math.floor((v % 3600) / 60)) + ':' + d(v % 60) + ' hours');
      return;
    }
    case A.FRM_ATALK_LINK:
    case A.FRM_ATALK_NETWORK: {
      const v = nd.u32(data);
      nd.print(v ? String(v) : code === A.FRM_ATALK_LINK ? 'Unnumbered' : 'NAS assigned');
      return;
    }
    case A.TUNNEL_PREFERENCE:
      nd.print(tagText(nd.u8(data)));
      nd.print(String(nd.u24(data + 1)));
      return;
    case A.EGRESS_VLAN_ID:
      nd.print(tok2str(tagged, 'Unknown tag', nd.u8(data)) + ' (0x' + hex2(nd.u8(data)) + ') ');
      nd.print(String(nd.u24(data + 1)));
      return;
  }
  nd.print(String(nd.u32(data)));
}

function attrAddress(nd: Dissector, data: number, length: number, code: number): void {
  if (length !== 4) {
    nd.print('ERROR: length ' + length + ' != 4');
    return;
  }
  const v = nd.u32(data);
  if ((code === A.FRM_IPADDR || code === A.LOG_IPHOST) && v === 0xffffffff) nd.print('User Selected');
  else if ((code === A.FRM_IPADDR || code === A.LOG_IPHOST) && v === 0xfffffffe) nd.print('NAS Select');
  else nd.print(nd.ipv4(data));
}

function netmask6(nd: Dissector, data: number, length: number): void {
  if (length < 2 || length > 18) {
    nd.print('ERROR: length ' + length + ' not in range (2..18)');
    return;
  }
  if (!nd.has(data, length)) return nd.printTrunc();
  const bits = nd.u8(data + 1);
  if (bits > 128) {
    nd.print('ERROR: netmask ' + bits + ' not in range (0..128)');
    return;
  }
  const addr = Buffer.alloc(16);
  nd.buf.copy(addr, 0, data + 2, data + length);
  nd.print(ipv6Text(addr, 0) + '/' + bits);
  if (bits > 8 * (length - 2)) nd.print(' (inconsistent prefix length)');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ctime(3) in local time, without its newline: "Thu Jan  1 00:00:00 1970". */
function ctime(secs: number): string {
  const d = new Date(secs * 1000);
  const day = d.getDate();
  return DAYS[d.getDay()] + ' ' + MONTHS[d.getMonth()] + ' ' + (day < 10 ? ' ' + day : String(day)) + ' ' + pad2(d.getHours()) + ':' + pad2(d.getMinutes()) + ':' + pad2(d.getSeconds()) + ' ' + d.getFullYear();
}

function strange(nd: Dissector, data: number, length: number, code: number): void {
  const hexUpper = (at: number, n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += hex2(nd.u8(at + i)).toUpperCase();
    return s;
  };
  switch (code) {
    case A.ARAP_PASS:
      if (length !== 16) return nd.print('ERROR: length ' + length + ' != 16');
      nd.print('User_challenge (');
      nd.print(hexUpper(data, 8));
      nd.print(') User_resp(');
      nd.print(hexUpper(data + 8, 8));
      nd.print(')');
      return;
    case A.ARAP_FEATURES:
      if (length !== 14) return nd.print('ERROR: length ' + length + ' != 14');
      nd.print(nd.u8(data) ? 'User can change password' : 'User cannot change password');
      nd.print(', Min password length: ' + nd.u8(data + 1));
      nd.print(', created at: ');
      nd.print(hexUpper(data + 2, 4));
      nd.print(', expires in: ');
      nd.print(hexUpper(data + 6, 4));
      nd.print(', Current Time: ');
      nd.print(hexUpper(data + 10, 4));
      return;
    case A.ARAP_CHALLENGE_RESP:
      if (length < 8) return nd.print('ERROR: length ' + length + ' != 8');
      nd.print(hexUpper(data, 8));
      return;
    case A.ERROR_CAUSE: {
      if (length !== 4) return nd.print('Error: length ' + length + ' != 4');
      const v = nd.u32(data);
      nd.print('Error cause ' + v + ': ' + tok2str(errorCauses, 'Error-Cause %u not known', v));
    }
  }
}

function attrValue(nd: Dissector, kind: P, data: number, length: number, code: number): void {
  switch (kind) {
    case P.STRING:
      return attrString(nd, data, length, code);
    case P.NUM:
      return attrNum(nd, data, length, code);
    case P.VENDOR:
      return vendorAttr(nd, data, length);
    case P.ADDR:
      return attrAddress(nd, data, length, code);
    case P.ADDR6:
      if (length !== 16) return nd.print('ERROR: length ' + length + ' != 16');
      return nd.print(nd.ipv6(data));
    case P.NETMASK6:
      return netmask6(nd, data, length);
    case P.MIP6_PREFIX:
      if (length !== 17) return nd.print('ERROR: length ' + length + ' != 17');
      if (!nd.has(data, length)) return nd.printTrunc();
      if (nd.u8(data) > 128) return nd.print('ERROR: netmask ' + nd.u8(data) + ' not in range (0..128)');
      return nd.print(nd.ipv6(data + 1) + '/' + nd.u8(data));
    case P.OPERATOR:
      if (!nd.has(data, length)) return nd.printTrunc();
      if (length < 2) return nd.print('ERROR: length ' + length + ' < 2');
      nd.print('[' + tok2str(operatorNames, 'unknown namespace %u', nd.u8(data)) + '] ');
      printn(nd, data + 1, length - 1, Infinity);
      return;
    case P.LOC_INFO:
      if (!nd.has(data, length)) return nd.printTrunc();
      if (length < 21) return nd.print('ERROR: length ' + length + ' < 21');
      nd.print('index ' + nd.u16(data) + ', code ' + tok2str(locationCodes, 'Unknown (%u)', nd.u8(data + 2)) + ', entity ' + tok2str(locationEntities, 'Unknown (%u)', nd.u8(data + 3)) + ', ');
      nd.print('sighting time ' + ntpTime(nd, data + 4) + ', ');
      nd.print('time to live ' + ntpTime(nd, data + 12) + ', ');
      nd.print('method "');
      printn(nd, data + 20, length - 20, Infinity);
      nd.print('"');
      return;
    case P.LOC_DATA:
      if (!nd.has(data, length)) return nd.printTrunc();
      if (length < 3) return nd.print('ERROR: length ' + length + ' < 3');
      nd.print('index ' + nd.u16(data) + ', location');
      hexAndAsciiPrint(nd, '\n\t    ', data + 2, length - 2);
      return;
    case P.BLPR:
      if (!nd.has(data, length)) return nd.printTrunc();
      if (length < 10) return nd.print('ERROR: length ' + length + ' < 10');
      nd.print('flags [' + bittok2str(blprFlags, 'none', nd.u16(data)) + '], ');
      nd.print('retention expires ' + ntpTime(nd, data + 2));
      if (length > 10) {
        nd.print(', note well "');
        printn(nd, data + 10, length - 10, Infinity);
        nd.print('"');
      }
      return;
    case P.TIME:
      if (length !== 4) return nd.print('ERROR: length ' + length + ' != 4');
      return nd.print(ctime(nd.u32(data)));
    case P.VECTOR64: {
      if (length !== 8) return nd.print('ERROR: length ' + length + ' != 8');
      nd.print('[');
      const v = nd.u64(data);
      let s = '';
      for (const [bit, name] of mip6Features) if (v & bit) s += (s ? ', ' : '') + name;
      nd.print(s + ']');
      return;
    }
    case P.STRANGE:
      return strange(nd, data, length, code);
  }
}

function attributes(nd: Dissector, attr: number, length: number): void {
  while (length > 0) {
    if (length < 2 || !nd.has(attr, 2)) return nd.printTrunc();
    const type = nd.u8(attr);
    const len = nd.u8(attr + 1);
    const name = type !== 0 && type < attrTypes.length ? attrTypes[type].name : 'Unknown';
    nd.printBreak('\n\t  ' + name + ' Attribute (' + type + '), length: ' + len);
    if (len < 2) return nd.print(' (bogus, must be >= 2)');
    if (len > length) return nd.print(' (bogus, goes past end of packet)');
    nd.print(', Value: ');
    if (type < attrTypes.length && len > 2) attrValue(nd, attrTypes[type].print, attr + 2, len - 2, type);
    if (nd.verbose > 1) printUnknownData(nd, attr + 2, '\n\t    ', len - 2);
    length -= len;
    attr += len;
  }
}

export function radiusPrint(nd: Dissector, dat: number, length: number): void {
  nd.protocol = 'radius';
  if (!nd.has(dat, MIN_LEN)) return nd.printTrunc();
  let len = nd.u16(dat + 2);
  if (len < MIN_LEN) return nd.printTrunc();
  if (len > length) len = length;
  const code = nd.u8(dat);
  const id = nd.u8(dat + 1);
  if (nd.verbose < 1) {
    nd.print('RADIUS, ' + tok2str(commands, 'Unknown Command', code) + ' (' + code + '), id: 0x' + hex(id, 2) + ' length: ' + len);
    return;
  }
  nd.print('RADIUS, length: ' + len);
  nd.printBreak('\n\t' + tok2str(commands, 'Unknown Command', code) + ' (' + code + '), id: 0x' + hex(id, 2) + ', Authenticator: ');
  let auth = '';
  for (let i = 0; i < 16; i++) auth += hex2(nd.buf[dat + 4 + i]);
  nd.print(auth);
  if (len > MIN_LEN) attributes(nd, dat + MIN_LEN, len - MIN_LEN);
}

udpPorts.register('radius', radiusPrint);
