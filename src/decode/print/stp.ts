import type { Dissector } from '../dissector.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';
import { OUI, llcSaps, snapPids } from './llc.js';
import { fixed, printjnp } from './strings.js';

/** IEEE 802.1D STP, 802.1w RSTP, 802.1s MSTP and 802.1aq SPB BPDUs (tcpdump's print-stp.c). */

const PROTO_REGULAR = 0x00;
const PROTO_RAPID = 0x02;
const PROTO_MSTP = 0x03;
const PROTO_SPB = 0x04;

const protoValues = tok({ 0x00: '802.1d', 0x02: '802.1w', 0x03: '802.1s', 0x04: '802.1aq' });
const flagValues = tok({ 0x01: 'Topology change', 0x02: 'Proposal', 0x10: 'Learn', 0x20: 'Forward', 0x40: 'Agreement', 0x80: 'Topology change ACK' });
const typeValues = tok({ 0x00: 'Config', 0x02: 'Rapid STP', 0x80: 'Topology Change' });
const portRoles = tok({ 0x00: 'Unknown', 0x01: 'Alternate', 0x02: 'Root', 0x03: 'Designated' });

// Offsets in the BPDU.
const FLAGS = 4;
const ROOT_ID = 5;
const ROOT_PATH_COST = 13;
const BRIDGE_ID = 17;
const PORT_ID = 25;
const MESSAGE_AGE = 27;
const V1_LENGTH = 35;
/** sizeof(struct stp_bpdu_): the fixed part up to the version 1 length. */
const BPDU_LEN = 36;
const MSTP_MIN_LEN = 102;
const MST_VER3_LEN = 36;
const MST_CONFIG_NAME = 39;
const MST_CONFIG_DIGEST = 73;
const MST_CIST_INT_PATH_COST = 89;
const MST_CIST_BRIDGE_ID = 93;
const MST_CIST_REMAIN_HOPS = 101;
const MST_MSTI = 102;
const MSTI_LENGTH = 16;
const MST_CONFIG_INFO_LENGTH = 64;
const SPB_MIN_LEN = 87;

/** Timers count 1/256 s. */
function seconds(nd: Dissector, at: number): string {
  return fixed(nd.u16(at) / 256, 2) + 's';
}

/** "pppp.aa:bb:cc:dd:ee:ff": priority and MAC of a bridge id. */
function bridgeId(nd: Dissector, at: number): string {
  nd.need(at, 8);
  return hex(nd.u8(at), 2) + hex(nd.u8(at + 1), 2) + '.' + nd.mac(at + 2);
}

function role(flags: number): string {
  return tok2str(portRoles, 'Unknown', (flags & 0x0c) >> 2);
}

function timers(nd: Dissector, bp: number): void {
  nd.printBreak(
    '\n\tmessage-age ' +
      seconds(nd, bp + MESSAGE_AGE) +
      ', max-age ' +
      seconds(nd, bp + MESSAGE_AGE + 2) +
      ', hello-time ' +
      seconds(nd, bp + MESSAGE_AGE + 4) +
      ', forwarding-delay ' +
      seconds(nd, bp + MESSAGE_AGE + 6),
  );
}

function configBpdu(nd: Dissector, bp: number, length: number): void {
  const flags = nd.u8(bp + FLAGS);
  nd.print(', Flags [' + bittok2str(flagValues, 'none', flags) + ']');
  nd.print(', bridge-id ' + bridgeId(nd, bp + BRIDGE_ID) + '.' + hex(nd.u16(bp + PORT_ID), 4) + ', length ' + length);
  if (!nd.verbose) return;
  timers(nd, bp);
  nd.printBreak('\n\troot-id ' + bridgeId(nd, bp + ROOT_ID) + ', root-pathcost ' + nd.u32(bp + ROOT_PATH_COST));
  if (nd.u8(bp + 2) === PROTO_RAPID) nd.print(', port-role ' + role(flags));
}

function mstpBpdu(nd: Dissector, bp: number, length: number): void {
  const flags = nd.u8(bp + FLAGS);
  nd.print(', CIST Flags [' + bittok2str(flagValues, 'none', flags) + '], length ' + length);
  if (!nd.verbose) return;
  nd.printBreak('\n\tport-role ' + role(flags) + ', ');
  nd.print('CIST root-id ' + bridgeId(nd, bp + ROOT_ID) + ', CIST ext-pathcost ' + nd.u32(bp + ROOT_PATH_COST));
  nd.printBreak('\n\tCIST regional-root-id ' + bridgeId(nd, bp + BRIDGE_ID) + ', ');
  nd.print('CIST port-id ' + hex(nd.u16(bp + PORT_ID), 4) + ',');
  timers(nd, bp);
  nd.printBreak('\n\tv3len ' + nd.u16(bp + MST_VER3_LEN) + ', ');
  nd.print('MCID Name ');
  printjnp(nd, bp + MST_CONFIG_NAME, 32);
  const d = bp + MST_CONFIG_DIGEST;
  const rev = nd.u16(bp + MST_CONFIG_NAME + 32);
  const digest = hex(nd.u32(d), 8) + hex(nd.u32(d + 4), 8) + hex(nd.u32(d + 8), 8) + hex(nd.u32(d + 12), 8);
  nd.print(', rev ' + rev + ',');
  nd.printBreak('\n\t\tdigest ' + digest + ', ');
  nd.print('CIST int-root-pathcost ' + nd.u32(bp + MST_CIST_INT_PATH_COST) + ',');
  nd.printBreak('\n\tCIST bridge-id ' + bridgeId(nd, bp + MST_CIST_BRIDGE_ID) + ', ');
  nd.print('CIST remaining-hops ' + nd.u8(bp + MST_CIST_REMAIN_HOPS));

  const v3len = nd.u16(bp + MST_VER3_LEN);
  if (v3len <= MST_CONFIG_INFO_LENGTH) return;
  let len = v3len - MST_CONFIG_INFO_LENGTH;
  for (let off = bp + MST_MSTI; len >= MSTI_LENGTH; off += MSTI_LENGTH, len -= MSTI_LENGTH) {
    const msti = nd.u16(off + 1) & 0x0fff;
    const f = nd.u8(off);
    nd.printBreak('\n\tMSTI ' + msti + ', Flags [' + bittok2str(flagValues, 'none', f) + '], port-role ' + role(f));
    nd.printBreak('\n\t\tMSTI regional-root-id ' + bridgeId(nd, off + 1) + ', pathcost ' + nd.u32(off + 9));
    nd.printBreak('\n\t\tMSTI bridge-prio ' + (nd.u8(off + 13) >> 4) + ', port-prio ' + (nd.u8(off + 14) >> 4) + ', hops ' + nd.u8(off + 15));
  }
}

function spbBpdu(nd: Dissector, bp: number, offset: number): void {
  if (!nd.verbose) return;
  const p = bp + offset;
  nd.printBreak('\n\tv4len ' + nd.u16(p) + ', ');
  nd.print('AUXMCID Name ');
  printjnp(nd, p + 3, 32);
  const d = p + 37;
  const rev = nd.u16(p + 35);
  const digest = hex(nd.u32(d), 8) + hex(nd.u32(d + 4), 8) + hex(nd.u32(d + 8), 8) + hex(nd.u32(d + 12), 8);
  nd.print(', Rev ' + rev + ',');
  nd.printBreak('\n\t\tdigest ' + digest);
  const agreement = nd.u8(p + 53);
  const format = nd.u8(p + 55);
  const convention = nd.u8(p + 56);
  const edge = nd.u16(p + 57);
  const g = p + 67;
  const agreementDigest = hex(nd.u32(g), 8) + hex(nd.u32(g + 4), 8) + hex(nd.u32(g + 8), 8) + hex(nd.u32(g + 12), 8) + hex(nd.u32(g + 16), 8);
  nd.printBreak(
    '\n\tAgreement num ' +
      (agreement >> 6) +
      ', Discarded Agreement num ' +
      ((agreement >> 4) & 3) +
      ', Agreement valid-flag ' +
      ((agreement >> 3) & 1) +
      ',',
  );
  nd.printBreak('\n\tRestricted role-flag: ' + ((agreement >> 2) & 1) + ', Format id ' + (format >> 4) + ' cap ' + format + ', Convention id ' + (convention >> 4) + ' cap ' + convention + ',');
  nd.printBreak('\n\tEdge count ' + edge + ', Agreement digest ' + agreementDigest);
}

/** stp_print: a BPDU of length bytes at bp. */
export function stpPrint(nd: Dissector, bp: number, length: number): void {
  nd.protocol = 'stp';
  if (length < 4) {
    nd.printInvalid();
    return;
  }
  if (nd.u16(bp) !== 0) {
    nd.print('unknown STP version, length ' + length);
    return;
  }
  const version = nd.u8(bp + 2);
  nd.print('STP ' + tok2str(protoValues, 'Unknown STP protocol (0x%02x)', version));
  if (version !== PROTO_REGULAR && version !== PROTO_RAPID && version !== PROTO_MSTP && version !== PROTO_SPB) return;
  const type = nd.u8(bp + 3);
  nd.print(', ' + tok2str(typeValues, 'Unknown BPDU Type (0x%02x)', type));
  if (type === 0x00) {
    if (length < BPDU_LEN - 1) return nd.printInvalid();
    configBpdu(nd, bp, length);
  } else if (type === 0x02) {
    if (version === PROTO_RAPID) {
      if (length < BPDU_LEN) return nd.printInvalid();
      configBpdu(nd, bp, length);
    } else if (version === PROTO_MSTP || version === PROTO_SPB) {
      if (length < MSTP_MIN_LEN) return nd.printInvalid();
      if (nd.u8(bp + V1_LENGTH) !== 0) return nd.printInvalid();
      const mstpLen = nd.u16(bp + MST_VER3_LEN) + 2;
      if (length < BPDU_LEN + mstpLen) return nd.printInvalid();
      mstpBpdu(nd, bp, length);
      if (version === PROTO_SPB) {
        const spbLen = nd.u16(bp + MST_VER3_LEN + mstpLen) + 2;
        if (length < BPDU_LEN + mstpLen + spbLen || spbLen < SPB_MIN_LEN) return nd.printInvalid();
        spbBpdu(nd, bp, BPDU_LEN + mstpLen);
      }
    }
  }
}

llcSaps.register(0x42, 'stp', stpPrint);
snapPids.register((OUI.CISCO << 16) | 0x010b, 'stp', stpPrint);
snapPids.register((OUI.CISCO << 16) | 0x010c, 'stp', stpPrint);
snapPids.register((OUI.RFC2684 << 16) | 0x000e, 'stp', stpPrint);
