import type { Dissector } from '../dissector.js';
import { printUnknownData } from '../hex.js';
import { bittok2str, hex, tok, tok2str } from '../text.js';
import { diffservTeBcValues, gmplsEncodingValues, gmplsLinkProtValues, gmplsSwitchCapValues } from './gmpls.js';
import { mbps, printLines } from './strings.js';

/** The traffic-engineering and graceful-restart TLVs of OSPF opaque LSAs (print-ospf.c), which OSPFv3 prints too. */

const teTlvValues = tok({ 1: 'Router Address', 2: 'Link' });
const teLinkSubtlvValues = tok({
  1: 'Link Type',
  2: 'Link ID',
  3: 'Local Interface IP address',
  4: 'Remote Interface IP address',
  5: 'Traffic Engineering Metric',
  6: 'Maximum Bandwidth',
  7: 'Maximum Reservable Bandwidth',
  8: 'Unreserved Bandwidth',
  9: 'Administrative Group',
  11: 'Link Local/Remote Identifier',
  14: 'Link Protection Type',
  15: 'Interface Switching Capability',
  16: 'Shared Risk Link Group',
  17: 'Bandwidth Constraints',
});
const graceTlvValues = tok({ 1: 'Grace Period', 2: 'Graceful restart Reason', 3: 'IPv4 interface address' });
const graceReasonValues = tok({ 0: 'Unknown', 1: 'Software Restart', 2: 'Software Reload/Upgrade', 3: 'Control Processor Switch' });
const teLinkTypeValues = tok({ 1: 'Point-to-point', 2: 'Multi-Access' });

/** Graceful-restart LSA TLVs (RFC 3623), false where tcpdump gives up on the LSA. OSPFv3 prints them too. */
export function ospfGraceLsaPrint(nd: Dissector, tptr: number, lsLength: number): boolean {
  while (lsLength > 0) {
    if (!nd.has(tptr, 4)) return false;
    if (lsLength < 4) {
      nd.printBreak('\n\t    Remaining LS length ' + lsLength + ' < 4');
      return false;
    }
    const type = nd.u16(tptr);
    let len = nd.u16(tptr + 2);
    tptr += 4;
    lsLength -= 4;
    nd.printBreak('\n\t    ' + tok2str(graceTlvValues, 'unknown', type) + ' TLV (' + type + '), length ' + len + ', value: ');
    if (len > lsLength) {
      nd.printBreak('\n\t    Bogus length ' + len + ' > ' + lsLength);
      return false;
    }
    if (type === 0 || len === 0) return false;
    if (!nd.has(tptr, len)) return false;
    switch (type) {
      case 1:
        if (len !== 4) {
          nd.printBreak('\n\t    Bogus length ' + len + ' != 4');
          return false;
        }
        nd.print(nd.u32(tptr) + 's');
        break;
      case 2:
        if (len !== 1) {
          nd.printBreak('\n\t    Bogus length ' + len + ' != 1');
          return false;
        }
        nd.print(tok2str(graceReasonValues, 'Unknown', nd.u8(tptr)) + ' (' + nd.u8(tptr) + ')');
        break;
      case 3:
        if (len !== 4) {
          nd.printBreak('\n\t    Bogus length ' + len + ' != 4');
          return false;
        }
        nd.print(nd.ipv4(tptr));
        break;
      default:
        if (nd.verbose <= 1 && !printUnknownData(nd, tptr, '\n\t      ', len)) return false;
    }
    if (len % 4 !== 0) len += 4 - (len % 4);
    lsLength -= len;
    tptr += len;
  }
  return true;
}

/** Traffic-engineering LSA TLVs (RFC 3630), false where tcpdump gives up on the LSA. OSPFv3 prints them too. */
export function ospfTeLsaPrint(nd: Dissector, tptr: number, lsLength: number): boolean {
  while (lsLength !== 0) {
    if (!nd.has(tptr, 4)) return false;
    if (lsLength < 4) {
      nd.printBreak('\n\t    Remaining LS length ' + lsLength + ' < 4');
      return false;
    }
    const type = nd.u16(tptr);
    let tlvLength = nd.u16(tptr + 2);
    tptr += 4;
    lsLength -= 4;
    nd.printBreak('\n\t    ' + tok2str(teTlvValues, 'unknown', type) + ' TLV (' + type + '), length: ' + tlvLength);
    if (tlvLength > lsLength) {
      nd.printBreak('\n\t    Bogus length ' + tlvLength + ' > ' + lsLength);
      return false;
    }
    if (type === 0 || tlvLength === 0) return false;
    switch (type) {
      case 2:
        while (tlvLength !== 0) {
          if (tlvLength < 4) {
            nd.printBreak('\n\t    Remaining TLV length ' + tlvLength + ' < 4');
            return false;
          }
          const subType = nd.u16(tptr);
          let subLength = nd.u16(tptr + 2);
          tptr += 4;
          tlvLength -= 4;
          if (subType === 0 || subLength === 0) {
            nd.printInvalid();
            return false;
          }
          nd.printBreak('\n\t      ' + tok2str(teLinkSubtlvValues, 'unknown', subType) + ' subTLV (' + subType + '), length: ' + subLength);
          if (tlvLength < subLength) {
            nd.printBreak('\n\t    Remaining TLV length ' + (tlvLength + 4) + ' < ' + (subLength + 4));
            return false;
          }
          if (!nd.has(tptr, subLength)) return false;
          const bad = (why: string): false => {
            nd.print(why);
            nd.printInvalid();
            return false;
          };
          switch (subType) {
            case 9:
              if (subLength !== 4) return bad(' != 4');
              nd.print(', 0x' + hex(nd.u32(tptr), 8));
              break;
            case 2:
            case 11:
              if (subLength !== 4 && subLength !== 8) return bad(' != 4 && != 8');
              nd.print(', ' + nd.ipv4(tptr) + ' (0x' + hex(nd.u32(tptr), 8) + ')');
              if (subLength === 8) nd.print(', ' + nd.ipv4(tptr + 4) + ' (0x' + hex(nd.u32(tptr + 4), 8) + ')');
              break;
            case 3:
            case 4:
              if (subLength !== 4) return bad(' != 4');
              nd.print(', ' + nd.ipv4(tptr));
              break;
            case 6:
            case 7:
              if (subLength !== 4) return bad(' != 4');
              nd.print(', ' + mbps(nd.u32(tptr)) + ' Mbps');
              break;
            case 8:
              if (subLength !== 32) return bad(' != 32');
              for (let c = 0; c < 8; c++) nd.printBreak('\n\t\tTE-Class ' + c + ': ' + mbps(nd.u32(tptr + c * 4)) + ' Mbps');
              break;
            case 17: {
              if (subLength < 4) return bad(' < 4');
              nd.printBreak('\n\t\tBandwidth Constraints Model ID: ' + tok2str(diffservTeBcValues, 'unknown', nd.u8(tptr)) + ' (' + nd.u8(tptr) + ')');
              if (subLength % 4 !== 0) {
                nd.printBreak('\n\t\tlength ' + subLength + ' != N x 4');
                nd.printInvalid();
                return false;
              }
              if (subLength > 36) {
                nd.printBreak('\n\t\tlength ' + subLength + ' > 36');
                nd.printInvalid();
                return false;
              }
              for (let c = 0; c < (subLength - 4) / 4; c++) {
                nd.printBreak('\n\t\t  Bandwidth constraint CT' + c + ': ' + mbps(nd.u32(tptr + 4 + c * 4)) + ' Mbps');
              }
              break;
            }
            case 5:
              if (subLength !== 4) return bad(' != 4');
              nd.print(', Metric ' + nd.u32(tptr));
              break;
            case 14:
              if (subLength !== 4) return bad(' != 4');
              nd.print(', ' + bittok2str(gmplsLinkProtValues, 'none', nd.u8(tptr)));
              break;
            case 15:
              if (subLength < 36) return bad(' < 36');
              nd.printBreak('\n\t\tInterface Switching Capability: ' + tok2str(gmplsSwitchCapValues, 'Unknown', nd.u8(tptr)));
              printLines(nd, '\n\t\tLSP Encoding: ' + tok2str(gmplsEncodingValues, 'Unknown', nd.u8(tptr + 1)) + '\n\t\tMax LSP Bandwidth:');
              for (let p = 0; p < 8; p++) nd.printBreak('\n\t\t  priority level ' + p + ': ' + mbps(nd.u32(tptr + 4 + p * 4)) + ' Mbps');
              break;
            case 1:
              if (subLength !== 1) return bad(' != 1');
              nd.print(', ' + tok2str(teLinkTypeValues, 'unknown', nd.u8(tptr)) + ' (' + nd.u8(tptr) + ')');
              break;
            case 16: {
              if (subLength % 4 !== 0) return bad(' != N x 4');
              let count = subLength / 4;
              if (count !== 0) nd.printBreak('\n\t\t  Shared risk group: ');
              while (count > 0) {
                nd.print(String(nd.u32(tptr)));
                // tcpdump steps over the groups here and again below, as it does.
                tptr += 4;
                count--;
                if (count > 0) nd.print(', ');
              }
              break;
            }
            default:
              if (nd.verbose <= 1 && !printUnknownData(nd, tptr, '\n\t\t', subLength)) return false;
          }
          if (subLength % 4 !== 0) subLength += 4 - (subLength % 4);
          if (tlvLength < subLength) {
            nd.printBreak('\n\t    Remaining TLV length ' + (tlvLength + 4) + ' < ' + (subLength + 4));
            return false;
          }
          tlvLength -= subLength;
          tptr += subLength;
        }
        break;
      case 1:
        if (tlvLength < 4) {
          nd.printBreak('\n\t    TLV length ' + tlvLength + ' < 4');
          return false;
        }
        nd.print(', ' + nd.ipv4(tptr));
        break;
      default:
        if (nd.verbose <= 1 && !printUnknownData(nd, tptr, '\n\t      ', tlvLength)) return false;
    }
    if (tlvLength % 4 !== 0) tlvLength += 4 - (tlvLength % 4);
    if (tlvLength > lsLength) {
      nd.printBreak('\n\t    Bogus padded length ' + tlvLength + ' > ' + lsLength);
      return false;
    }
    lsLength -= tlvLength;
    tptr += tlvLength;
  }
  return true;
}
