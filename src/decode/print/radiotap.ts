import { Depth, type Dissector } from '../dissector.js';
import { linkTypes } from '../registry.js';
import { ieee80211Print } from './ieee80211.js';
import { htRates } from './ieee80211-tables.js';
import { fixed } from './strings.js';

/**
 * Radio headers before 802.11 frames: radiotap, AVS and Prism (tcpdump's
 * print-802_11.c). Radiotap fields are little-endian and aligned to their size from
 * the header's start (tcpdump's cpack).
 */

const TSFT = 0;
const FLAGS = 1;
const XCHANNEL = 18;
const MCS = 19;
const NAMESPACE = 29;
const VENDOR_NAMESPACE = 30;
const EXT = 31;

const F_DATAPAD = 0x20;
const F_FCS = 0x10;

const htBandwidth = ['20 MHz', '40 MHz', '20 MHz (L)', '20 MHz (U)'];
const vhtBandwidth = [
  '20 MHz', '40 MHz', '20 MHz (L)', '20 MHz (U)', '80 MHz', '80 MHz (L)', '80 MHz (U)', '80 MHz (LL)', '80 MHz (LU)',
  '80 MHz (UL)', '80 MHz (UU)', '160 MHz', '160 MHz (L)', '160 MHz (U)', '160 MHz (LL)', '160 MHz (LU)', '160 MHz (UL)',
  '160 MHz (UU)', '160 MHz (LLL)', '160 MHz (LLU)', '160 MHz (LUL)', '160 MHz (UUU)', '160 MHz (ULL)', '160 MHz (ULU)',
  '160 MHz (UUL)', '160 MHz (UUU)', 'unknown (26)', 'unknown (27)', 'unknown (28)', 'unknown (29)', 'unknown (30)',
  'unknown (31)',
];

/** tcpdump's cpack: a cursor over the radiotap header that aligns each field to its size. One object, reused. */
const cp = { buf: 0, len: 0, next: 0, flags: 0 };

/** The offset of the next field of size bytes, -1 when the header has no room for it. */
function reserve(size: number): number {
  const off = (cp.next - cp.buf + size - 1) & ~(size - 1);
  if (off + size > cp.len) return -1;
  return cp.buf + off;
}

/** Reads a field of size bytes: its offset, or -1 when the header ends first. */
function take(size: number): number {
  const at = reserve(size);
  if (at >= 0) cp.next = at + size;
  return at;
}

function advance(n: number): boolean {
  if (cp.next - cp.buf + n > cp.len) return false;
  cp.next += n;
  return true;
}

const s8 = (v: number) => (v << 24) >> 24;
const s16 = (v: number) => (v << 16) >> 16;

function chanInfo(nd: Dissector, freq: number, flags: number, present: number): void {
  let s = freq + ' MHz';
  if (present & (1 << MCS)) s += ' 11n';
  else {
    if ((flags & 0x880) === 0x880) s += ' FHSS';
    if ((flags & 0x140) === 0x140) s += flags & 0x4000 ? ' 11a/10Mhz' : flags & 0x8000 ? ' 11a/5Mhz' : ' 11a';
    if ((flags & 0xc0) === 0xc0 || (flags & 0x480) === 0x480) s += flags & 0x4000 ? ' 11g/10Mhz' : flags & 0x8000 ? ' 11g/5Mhz' : ' 11g';
    else if ((flags & 0xa0) === 0xa0) s += ' 11b';
    if (flags & 0x10) s += ' Turbo';
  }
  if (flags & 0x10000) s += ' ht/20';
  else if (flags & 0x40000) s += ' ht/40-';
  else if (flags & 0x20000) s += ' ht/40+';
  nd.print(s + ' ');
}

/** One radiotap field: 0 when printed, -1 when it is cut short (printed as such) or unknown (printing stops). */
function field(nd: Dissector, bit: number, present: number): number {
  const trunc = () => {
    nd.printTrunc();
    return -1;
  };
  switch (bit) {
    case TSFT: {
      const at = take(8);
      if (at < 0) return trunc();
      nd.print(((BigInt(nd.le32(at + 4)) << 32n) | BigInt(nd.le32(at))) + 'us tsft ');
      return 0;
    }
    case FLAGS: {
      const at = take(1);
      if (at < 0) return trunc();
      const f = nd.u8(at);
      cp.flags = f;
      let s = '';
      if (f & 0x01) s += 'cfp ';
      if (f & 0x02) s += 'short preamble ';
      if (f & 0x04) s += 'wep ';
      if (f & 0x08) s += 'fragmented ';
      if (f & 0x40) s += 'bad-fcs ';
      nd.print(s);
      return 0;
    }
    case 2: {
      const at = take(1);
      if (at < 0) return trunc();
      const rate = nd.u8(at);
      nd.print(rate >= 0x80 && rate <= 0x8f ? 'MCS ' + (rate & 0x7f) + ' ' : fixed(0.5 * rate, 1) + ' Mb/s ');
      return 0;
    }
    case 3: {
      const a = take(2);
      if (a < 0) return trunc();
      const b = take(2);
      if (b < 0) return trunc();
      if (!(present & (1 << XCHANNEL))) chanInfo(nd, nd.le16(a), nd.le16(b), present);
      return 0;
    }
    case 4: {
      const a = take(1);
      if (a < 0) return trunc();
      const b = take(1);
      if (b < 0) return trunc();
      nd.print('fhset ' + nd.u8(a) + ' fhpat ' + nd.u8(b) + ' ');
      return 0;
    }
    case 5:
    case 6:
    case 10: {
      const at = take(1);
      if (at < 0) return trunc();
      nd.print(s8(nd.u8(at)) + (bit === 5 ? 'dBm signal ' : bit === 6 ? 'dBm noise ' : 'dBm tx power '));
      return 0;
    }
    case 7: {
      const at = take(2);
      if (at < 0) return trunc();
      nd.print(nd.le16(at) + ' sq ');
      return 0;
    }
    case 8: {
      const at = take(2);
      if (at < 0) return trunc();
      nd.print(-s16(nd.le16(at)) + ' tx power ');
      return 0;
    }
    case 9: {
      // tcpdump reads this 16-bit field as one signed byte.
      const at = take(1);
      if (at < 0) return trunc();
      nd.print(-s8(nd.u8(at)) + 'dB tx attenuation ');
      return 0;
    }
    case 11: {
      const at = take(1);
      if (at < 0) return trunc();
      nd.print('antenna ' + nd.u8(at) + ' ');
      return 0;
    }
    case 12:
    case 13: {
      const at = take(1);
      if (at < 0) return trunc();
      nd.print(nd.u8(at) + (bit === 12 ? 'dB signal ' : 'dB noise '));
      return 0;
    }
    case 14:
      return take(2) < 0 ? trunc() : 0;
    case XCHANNEL: {
      const f = take(4);
      if (f < 0) return trunc();
      const q = take(2);
      if (q < 0) return trunc();
      if (take(1) < 0 || take(1) < 0) return trunc();
      chanInfo(nd, nd.le16(q), nd.le32(f), present);
      return 0;
    }
    case MCS: {
      const k = take(1);
      if (k < 0) return trunc();
      const fl = take(1);
      if (fl < 0) return trunc();
      const ix = take(1);
      if (ix < 0) return trunc();
      return mcsPrint(nd, nd.u8(k), nd.u8(fl), nd.u8(ix));
    }
    case 20:
      if (take(4) < 0 || take(2) < 0 || take(1) < 0 || take(1) < 0) return trunc();
      return 0;
    case 21:
      return vhtPrint(nd, trunc);
    default:
      nd.print('[bit ' + bit + '] ');
      return -1;
  }
}

function mcsPrint(nd: Dissector, known: number, flags: number, index: number): number {
  let s = '';
  if (known & 0x02) {
    let rate = 0;
    if (index <= 76 && known & (0x01 | 0x04)) rate = htRates[index][((flags & 3) === 1 ? 2 : 0) + (flags & 0x04 ? 1 : 0)];
    s += rate !== 0 ? fixed(Math.fround(rate), 1) + ' Mb/s MCS ' + index + ' ' : 'MCS ' + index + ' ';
  }
  if (known & 0x01) s += htBandwidth[flags & 3] + ' ';
  if (known & 0x04) s += (flags & 0x04 ? 'short' : 'long') + ' GI ';
  if (known & 0x08) s += (flags & 0x08 ? 'greenfield' : 'mixed') + ' ';
  if (known & 0x10) s += (flags & 0x10 ? 'LDPC' : 'BCC') + ' FEC ';
  if (known & 0x20) s += 'RX-STBC' + ((flags & 0x60) >> 5) + ' ';
  nd.print(s);
  return 0;
}

function vhtPrint(nd: Dissector, trunc: () => number): number {
  const k = take(2);
  if (k < 0) return trunc();
  const f = take(1);
  if (f < 0) return trunc();
  const bw = take(1);
  if (bw < 0) return trunc();
  const mcsNss: number[] = [];
  for (let i = 0; i < 4; i++) {
    const at = take(1);
    if (at < 0) return trunc();
    mcsNss.push(nd.u8(at));
  }
  const coding = take(1);
  if (coding < 0) return trunc();
  if (take(1) < 0 || take(2) < 0) return trunc();
  const known = nd.le16(k);
  const flags = nd.u8(f);
  const codingBits = nd.u8(coding);
  let s = '';
  for (let i = 0; i < 4; i++) {
    if ((mcsNss[i] & 0x0f) === 0) continue;
    s += 'User ' + i + ' MCS ' + ((mcsNss[i] & 0xf0) >> 4) + ' ' + (codingBits & (1 << i) ? 'LDPC' : 'BCC') + ' FEC ';
  }
  if (known & 0x40) s += vhtBandwidth[nd.u8(bw) & 0x1f] + ' ';
  if (known & 0x04) s += (flags & 0x04 ? 'short' : 'long') + ' GI ';
  nd.print(s);
  return 0;
}

/** The fields one presence word announces, in bit order; non-zero stops the header. */
function namespaceFields(nd: Dissector, present: number, bit0: number): number {
  for (let bits = present >>> 0; bits !== 0; bits = (bits & (bits - 1)) >>> 0) {
    const bitno = 31 - Math.clz32((bits ^ (bits & (bits - 1))) >>> 0);
    if (bitno >= NAMESPACE) break;
    const rc = field(nd, bit0 + bitno, present);
    if (rc !== 0) return rc;
  }
  return 0;
}

export function radiotapPrint(nd: Dissector, p: number, length: number): number {
  nd.protocol = '802.11_radio';
  const caplen = nd.avail(p);
  if (caplen < 8) {
    nd.printTrunc();
    return caplen;
  }
  const len = nd.le16(p + 2);
  if (len < 8 || caplen < len) {
    nd.printTrunc();
    return caplen;
  }
  cp.buf = p;
  cp.len = len;
  cp.next = p;
  cp.flags = 0;
  advance(8);
  let last = p + 4;
  while (last + 4 <= p + len && nd.le32(last) & (1 << EXT)) {
    advance(4);
    last += 4;
  }
  if (last + 4 > p + len) {
    nd.printTrunc();
    return caplen;
  }
  let bit0 = 0;
  let vendor = false;
  let skip = 0;
  for (let at = p + 4; at <= last; at += 4) {
    const present = nd.le32(at);
    if (vendor) {
      if (!advance(skip)) break;
      skip = 0;
    } else if (namespaceFields(nd, present, bit0) !== 0) break;
    const ns = present & ((1 << NAMESPACE) | (1 << VENDOR_NAMESPACE));
    if (ns === 0) bit0 += 32;
    else if (ns === 1 << NAMESPACE) {
      bit0 = 0;
      vendor = false;
      skip = 0;
    } else if (ns === 1 << VENDOR_NAMESPACE) {
      bit0 = 0;
      vendor = true;
      if (reserve(2) < 0 || take(1) < 0 || take(1) < 0 || take(1) < 0 || take(1) < 0) {
        nd.printTrunc();
        continue;
      }
      const sl = take(2);
      if (sl < 0) {
        nd.printTrunc();
        continue;
      }
      skip = nd.le16(sl);
    }
  }
  const pad = (cp.flags & F_DATAPAD) !== 0;
  const fcslen = cp.flags & F_FCS ? 4 : 0;
  return len + ieee80211Print(nd, p + len, length - len, pad, fcslen);
}

function avsPrint(nd: Dissector, p: number, length: number): number {
  nd.protocol = '802.11_radio_avs';
  const caplen = nd.avail(p);
  if (caplen < 8) {
    nd.printTrunc();
    return caplen;
  }
  const hdrLen = nd.u32(p + 4);
  if (hdrLen < 8 || caplen < hdrLen) {
    nd.printTrunc();
    return caplen;
  }
  return hdrLen + ieee80211Print(nd, p + hdrLen, length - hdrLen, false, 0);
}

function prismIfPrint(nd: Dissector, p: number, length: number): void {
  nd.protocol = 'prism';
  nd.classify(Depth.LINK, '802.11');
  const caplen = nd.avail(p);
  if (caplen < 4) {
    nd.printTrunc();
    nd.llHdrLen += caplen;
    return;
  }
  const code = nd.u32(p);
  if (code === 0x80211001 || code === 0x80211002) {
    nd.llHdrLen += avsPrint(nd, p, length);
    return;
  }
  if (caplen < 144) {
    nd.printTrunc();
    nd.llHdrLen += caplen;
    return;
  }
  nd.llHdrLen += 144 + ieee80211Print(nd, p + 144, length - 144, false, 0);
}

linkTypes.register(127, '802.11', (nd, p, length) => {
  nd.protocol = '802.11_radio';
  nd.classify(Depth.LINK, '802.11');
  nd.llHdrLen += radiotapPrint(nd, p, length);
});
linkTypes.register(163, '802.11', (nd, p, length) => {
  nd.protocol = '802.11_radio_avs';
  nd.classify(Depth.LINK, '802.11');
  nd.llHdrLen += avsPrint(nd, p, length);
});
linkTypes.register(119, '802.11', prismIfPrint);
