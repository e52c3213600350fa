import type { Dissector } from '../dissector.js';
import { hex, tok, tok2str } from '../text.js';
import { authAlgText, reasonText, statusText } from './ieee80211-tables.js';
import { fixed } from './strings.js';
import { charText } from './tcp.js';

/** 802.11 management frame bodies and WEP headers (tcpdump's print-802_11.c). */

const fcSubtype = (fc: number) => (fc >> 4) & 0xf;
const PROTECTED = 0x4000;

const stValues = tok({
  0: 'Assoc Request',
  1: 'Assoc Response',
  2: 'ReAssoc Request',
  3: 'ReAssoc Response',
  4: 'Probe Request',
  5: 'Probe Response',
  8: 'Beacon',
  9: 'ATIM',
  10: 'Disassociation',
  11: 'Authentication',
  12: 'DeAuthentication',
  13: 'Action',
});
/** What parse_elements found: the first SSID, rates, DS channel (the others tcpdump parses are not printed). */
interface Body {
  capability: number;
  ssid: number[] | null;
  rates: number[] | null;
  channel: number;
}

const body: Body = { capability: 0, ssid: null, rates: null, channel: -1 };

function resetBody(): Body {
  body.capability = 0;
  body.ssid = null;
  body.rates = null;
  body.channel = -1;
  return body;
}

/** parse_elements: true when every element was whole. */
function parseElements(nd: Dissector, b: Body, p: number, length: number): boolean {
  while (length !== 0) {
    if (!nd.has(p, 2) || length < 2) return false;
    const elen = nd.u8(p + 1);
    if (!nd.has(p + 2, elen) || length < elen + 2) return false;
    const id = nd.u8(p);
    switch (id) {
      case 0: {
        if (elen > 32) return false;
        if (b.ssid === null) {
          const s: number[] = [];
          for (let i = 0; i < elen; i++) s.push(nd.u8(p + 2 + i));
          b.ssid = s;
        }
        break;
      }
      case 16:
        if (elen > 253) return false;
        break;
      case 1: {
        if (elen > 16) return false;
        if (b.rates === null && elen !== 0) {
          const r: number[] = [];
          for (let i = 0; i < elen; i++) r.push(nd.u8(p + 2 + i));
          b.rates = r;
        }
        break;
      }
      case 3:
        if (elen === 1 && b.channel < 0) b.channel = nd.u8(p + 2);
        break;
      case 5:
        if (elen > 3 && elen - 3 > 251) return false;
        break;
    }
    p += 2 + elen;
    length -= 2 + elen;
  }
  return true;
}

function printSsid(nd: Dissector, b: Body): void {
  if (b.ssid === null) return;
  let s = ' (';
  // fn_print_str: the copied string ends at its first NUL.
  for (const c of b.ssid) {
    if (c === 0) break;
    s += charText(c);
  }
  nd.print(s + ')');
}

function printRates(nd: Dissector, b: Body): void {
  if (b.rates === null) return;
  let s = '';
  let sep = ' [';
  for (const r of b.rates) {
    s += sep + fixed(0.5 * (r & 0x7f), 1) + (r & 0x80 ? '*' : '');
    sep = ' ';
  }
  nd.print(s + ' Mbit]');
}

function printDsChannel(nd: Dissector, b: Body): void {
  if (b.channel >= 0) nd.print(' CH: ' + b.channel);
  nd.print(b.capability & 0x10 ? ', PRIVACY' : '');
}

/** The fixed fields and elements of a beacon or probe response; -1 when the fixed fields are cut short. */
function beaconLike(nd: Dissector, p: number, length: number): number {
  if (!nd.has(p, 12) || length < 12) return -1;
  const b = resetBody();
  b.capability = nd.le16(p + 10);
  return parseElements(nd, b, p + 12, length - 12) ? 1 : 0;
}

function statusString(code: number): string {
  return code < statusText.length ? statusText[code] : 'n/a';
}

export function mgmtBody(nd: Dissector, fc: number, src: number, p: number, length: number): boolean {
  const st = fcSubtype(fc);
  nd.print(tok2str(stValues, 'Unhandled Management subtype(%x)', st));
  if (fc & PROTECTED) return wepPrint(nd, p);
  switch (st) {
    case 0: {
      if (!nd.has(p, 4) || length < 4) return false;
      const b = resetBody();
      b.capability = nd.le16(p);
      const ret = parseElements(nd, b, p + 4, length - 4);
      printSsid(nd, b);
      printRates(nd, b);
      return ret;
    }
    case 1:
    case 3: {
      if (!nd.has(p, 6) || length < 6) return false;
      const b = resetBody();
      b.capability = nd.le16(p);
      const status = nd.le16(p + 2);
      const aid = nd.le16(p + 4);
      const ret = parseElements(nd, b, p + 6, length - 6);
      nd.print(' AID(' + hex(aid & 0x3fff) + ') :' + (b.capability & 0x10 ? ' PRIVACY ' : '') + ': ' + statusString(status));
      return ret;
    }
    case 2: {
      if (!nd.has(p, 10) || length < 10) return false;
      const b = resetBody();
      b.capability = nd.le16(p);
      const ret = parseElements(nd, b, p + 10, length - 10);
      printSsid(nd, b);
      nd.print(' AP : ' + nd.mac(p + 4));
      return ret;
    }
    case 4: {
      const b = resetBody();
      const ret = parseElements(nd, b, p, length);
      printSsid(nd, b);
      printRates(nd, b);
      return ret;
    }
    case 5: {
      const r = beaconLike(nd, p, length);
      if (r < 0) return false;
      printSsid(nd, body);
      printRates(nd, body);
      printDsChannel(nd, body);
      return r === 1;
    }
    case 8: {
      const r = beaconLike(nd, p, length);
      if (r < 0) return false;
      printSsid(nd, body);
      printRates(nd, body);
      nd.print(' ' + (body.capability & 1 ? 'ESS' : 'IBSS'));
      printDsChannel(nd, body);
      return r === 1;
    }
    case 9:
      return true;
    case 10: {
      if (!nd.has(p, 2) || length < 2) return false;
      const code = nd.le16(p);
      nd.print(': ' + (code < reasonText.length ? reasonText[code] : 'Reserved'));
      return true;
    }
    case 11: {
      if (!nd.has(p, 6) || length < 6) return false;
      const alg = nd.le16(p);
      const seq = nd.le16(p + 2);
      const status = nd.le16(p + 4);
      const ret = parseElements(nd, resetBody(), p + 6, length - 6);
      const algText = alg < authAlgText.length ? authAlgText[alg] : 'Reserved';
      const statusPart = seq % 2 ? statusString(status) : '';
      if (alg === 1 && (seq === 2 || seq === 3)) nd.print(' (' + algText + ')-' + hex(seq) + ' [Challenge Text] ' + statusPart);
      else nd.print(' (' + algText + ')-' + hex(seq) + ': ' + statusPart);
      return ret;
    }
    case 12: {
      if (!nd.has(p, 2) || length < 2) return false;
      const code = nd.le16(p);
      const reason = code < reasonText.length ? reasonText[code] : 'Reserved';
      nd.print(nd.linkHeader ? ': ' + reason : ' (' + nd.mac(src) + '): ' + reason);
      return true;
    }
    case 13:
      return actionPrint(nd, src, p, length);
    default:
      return true;
  }
}

const baActions = ['ADDBA Request', 'ADDBA Response', 'DELBA'];
const htActions = ['TxChWidth', 'MIMOPwrSave'];
const meshActions = [
  'MeshLink',
  'HWMP',
  'Gate Announcement',
  'Congestion Control',
  'MCCA Setup Request',
  'MCCA Setup Reply',
  'MCCA Advertisement Request',
  'MCCA Advertisement',
  'MCCA Teardown',
  'TBTT Adjustment Request',
  'TBTT Adjustment Response',
];
const multihopActions = ['Proxy Update', 'Proxy Update Confirmation'];
const selfprotActions = ['', 'Peering Open', 'Peering Confirm', 'Peering Close', 'Group Key Inform', 'Group Key Acknowledge'];

function act(names: readonly string[], v: number): string {
  return v < names.length && names[v] !== '' ? names[v] : 'Act#' + v;
}

function actionPrint(nd: Dissector, src: number, p: number, length: number): boolean {
  if (!nd.has(p, 2) || length < 2) return false;
  nd.print(nd.linkHeader ? ': ' : ' (' + nd.mac(src) + '): ');
  const cat = nd.u8(p);
  const a = nd.u8(p + 1);
  switch (cat) {
    case 0:
      nd.print('Spectrum Management Act#' + a);
      break;
    case 1:
      nd.print('QoS Act#' + a);
      break;
    case 2:
      nd.print('DLS Act#' + a);
      break;
    case 3:
      nd.print('BA ' + act(baActions, a));
      break;
    case 7:
      nd.print('HT ' + act(htActions, a));
      break;
    case 13:
      nd.print('MeshAction ' + act(meshActions, a));
      break;
    case 14:
      nd.print('MultiohopAction ' + act(multihopActions, a));
      break;
    case 15:
      nd.print('SelfprotectAction ' + act(selfprotActions, a));
      break;
    case 127:
      nd.print('Vendor Act#' + a);
      break;
    default:
      nd.print('Reserved(' + cat + ') Act#' + a);
  }
  return true;
}

/** "%3x" */
function x3(v: number): string {
  let s = hex(v);
  while (s.length < 3) s = ' ' + s;
  return s;
}

export function wepPrint(nd: Dissector, p: number): boolean {
  if (!nd.has(p, 4)) return false;
  const iv = nd.le32(p);
  nd.print(' IV:' + x3(iv & 0xffffff) + ' Pad ' + hex((iv >>> 24) & 0x3f) + ' KeyID ' + hex((iv >>> 30) & 3));
  return true;
}
