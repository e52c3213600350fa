import { normalizeLinkType } from './linktype.js';
import { clockFor, setTime, MICRO_CLOCK, type Clock } from './pcapng-clock.js';
import { parseIdbOptions } from './pcapng-options.js';
import type { CaptureReader } from './reader.js';
import { adjustSnapLen, maxSnapLenFor } from './snaplen.js';
import { CaptureFileError, type InterfaceInfo, type PacketView } from './types.js';
import type { ByteWindow } from './window.js';

export const BT_SHB = 0x0a0d0d0a;
export const BT_IDB = 1;
export const BT_PB = 2;
export const BT_SPB = 3;
export const BT_EPB = 6;
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** libpcap's first limit on a block (INITIAL_MAX_BLOCKSIZE), raised for link types with huge packets. */
const INITIAL_MAX_BLOCK = 16 * 1024 * 1024;
const SHB_MIN = 28;

const names: Record<number, string> = {
  [BT_SHB]: 'Section Header Block',
  [BT_IDB]: 'Interface Description Block',
  [BT_PB]: 'Packet Block',
  [BT_SPB]: 'Simple Packet Block',
  [BT_EPB]: 'Enhanced Packet Block',
};

function blockName(type: number): string {
  const name = names[type];
  return name ? `${name} (type ${type})` : `block of type 0x${type.toString(16).padStart(8, '0')}`;
}

const enum Step {
  End,
  Packet,
  Interface,
  Other,
}

/**
 * pcapng, block by block. Accepts what libpcap accepts and refuses what it refuses,
 * except that it also reads sections of either byte order and interfaces of
 * different link types or snaplens (libpcap stops there; tcpdump says so).
 */
export class PcapngReader implements CaptureReader {
  readonly format = 'pcapng' as const;
  readonly interfaces: InterfaceInfo[] = [];
  private readonly clocks: Clock[] = [];
  private readonly snaps: number[] = [];
  private readonly view: PacketView;
  private little = true;
  private maxBlock = INITIAL_MAX_BLOCK;
  private blockStart = 0;

  constructor(
    private readonly win: ByteWindow,
    private readonly name: string,
  ) {
    this.view = { linkType: 0, interfaceId: 0, tsSec: 0, tsNsec: 0, capLen: 0, origLen: 0, buf: win.buf, offset: 0 };
    this.step(true);
    // Like libpcap, know the first interface before the first packet, so callers can see the link type.
    for (;;) {
      const s = this.step(false);
      if (s === Step.Interface) break;
      if (s === Step.End) throw this.fail(this.win.position, 'the capture file has no Interface Description Blocks');
      if (s === Step.Packet) throw this.fail(this.blockStart, 'the capture file has a packet block before any Interface Description Blocks');
    }
  }

  get position(): number {
    return this.win.position;
  }

  next(): PacketView | null {
    for (;;) {
      const s = this.step(false);
      if (s === Step.Packet) return this.view;
      if (s === Step.End) return null;
    }
  }

  private u32(at: number): number {
    return this.little ? this.win.buf.readUInt32LE(at) : this.win.buf.readUInt32BE(at);
  }

  private u16(at: number): number {
    return this.little ? this.win.buf.readUInt16LE(at) : this.win.buf.readUInt16BE(at);
  }

  /** Reads one whole block (validated lengths) and acts on it. */
  private step(first: boolean): Step {
    const win = this.win;
    const at = win.position;
    this.blockStart = at;
    let got = win.fill(12);
    if (got === 0) return Step.End;
    if (got < 8) throw this.fail(at, `truncated block header: 8 bytes needed, only ${got} present`);
    let o = win.start;
    const typeRaw = win.buf.readUInt32LE(o);
    if (typeRaw === BT_SHB) {
      if (got < 12) throw this.fail(at, `truncated Section Header Block: 12 bytes needed, only ${got} present`);
      const bom = win.buf.readUInt32LE(o + 8);
      if (bom === BYTE_ORDER_MAGIC) this.little = true;
      else if (win.buf.readUInt32BE(o + 8) === BYTE_ORDER_MAGIC) this.little = false;
      else throw this.fail(at, `Section Header Block has a bad byte-order magic 0x${bom.toString(16).padStart(8, '0')}`);
    }
    const type = this.u32(o);
    const len = this.u32(o + 4);
    if (type === BT_SHB && len < SHB_MIN) throw this.fail(at, `Section Header Block length ${len} is less than ${SHB_MIN}`);
    if (len < 12) throw this.fail(at, `${blockName(type)} has a length of ${len}, less than 12`);
    if (len % 4 !== 0) throw this.fail(at, `${blockName(type)} has a length of ${len}, not a multiple of 4`);
    if (len > this.maxBlock) throw this.fail(at, `${blockName(type)} has a length of ${len}, more than the maximum ${this.maxBlock}`);
    got = win.fill(len);
    if (got < len) throw this.fail(at, `truncated ${blockName(type)}: length ${len}, only ${got} bytes present`);
    o = win.start;
    const trailer = this.u32(o + len - 4);
    if (trailer !== len) {
      throw this.fail(at, `${blockName(type)}: total length ${len} in header and ${trailer} in trailer don't match`);
    }
    // From here the block is whole in the window; consume it now, the view points into it until the next fill.
    win.start = o + len;
    const body = o + 8;
    const bodyLen = len - 12;
    switch (type) {
      case BT_EPB:
      case BT_PB: {
        if (bodyLen < 20) throw this.tooShort(type, 20, bodyLen);
        const ifId = type === BT_EPB ? this.u32(body) : this.u16(body);
        return this.packet(type, ifId, this.u32(body + 4), this.u32(body + 8), this.u32(body + 12), this.u32(body + 16), body + 20, bodyLen - 20);
      }
      case BT_SPB: {
        if (bodyLen < 4) throw this.tooShort(type, 4, bodyLen);
        const origLen = this.u32(body);
        if (this.snaps.length === 0) throw this.noInterface(0);
        const capLen = origLen < this.snaps[0] ? origLen : this.snaps[0];
        return this.packet(type, 0, -1, 0, capLen, origLen, body + 4, bodyLen - 4);
      }
      case BT_IDB:
        this.addInterface(body, bodyLen);
        return Step.Interface;
      case BT_SHB: {
        const major = this.u16(body + 4);
        const minor = this.u16(body + 6);
        if (major !== 1 || (first && minor !== 0 && minor !== 2)) {
          throw this.fail(at, `unsupported pcapng section version ${major}.${minor}`);
        }
        this.interfaces.length = 0;
        this.clocks.length = 0;
        this.snaps.length = 0;
        return Step.Other;
      }
      default:
        return Step.Other;
    }
  }

  private packet(type: number, ifId: number, hi: number, lo: number, capLen: number, origLen: number, data: number, room: number): Step {
    if (ifId >= this.snaps.length) throw this.noInterface(ifId);
    const snap = this.snaps[ifId];
    if (capLen > snap) throw this.fail(this.blockStart, `invalid packet capture length ${capLen}, bigger than snaplen of ${snap}`);
    if (capLen > room) throw this.fail(this.blockStart, `${blockName(type)} is too short: ${capLen} captured bytes announced, room for ${room}`);
    const v = this.view;
    const clock = this.clocks[ifId];
    if (hi < 0) {
      v.tsSec = clock.offset; // SPB: no timestamp
      v.tsNsec = 0;
    } else {
      setTime(clock, hi, lo, v);
    }
    v.linkType = this.interfaces[ifId].linkType;
    v.interfaceId = ifId;
    v.capLen = capLen;
    v.origLen = origLen;
    v.buf = this.win.buf;
    v.offset = data;
    return Step.Packet;
  }

  private addInterface(body: number, bodyLen: number): void {
    if (bodyLen < 8) throw this.tooShort(BT_IDB, 8, bodyLen);
    const linkType = normalizeLinkType(this.u16(body));
    const rawSnap = this.u32(body + 4);
    const opts = parseIdbOptions(this.win.buf, body + 8, bodyLen - 8, this.little);
    if (typeof opts === 'string') throw this.fail(this.blockStart, `Interface Description Block: ${opts}`);
    const snapLen = adjustSnapLen(linkType, rawSnap);
    const info: InterfaceInfo = { linkType, snapLen };
    if (opts.name !== undefined) info.name = opts.name;
    if (opts.filter !== undefined) info.filter = opts.filter;
    this.interfaces.push(info);
    this.snaps.push(snapLen);
    this.clocks.push(opts.tsresol === 6 && opts.tsoffset === 0 ? MICRO_CLOCK : clockFor(opts.tsresol, opts.tsoffset));
    const blockForMax = 8 + 20 + maxSnapLenFor(linkType) + 131072 + 4;
    if (blockForMax > this.maxBlock) this.maxBlock = blockForMax;
  }

  private tooShort(type: number, need: number, have: number): CaptureFileError {
    return this.fail(this.blockStart, `${blockName(type)} is too short: ${need} body bytes needed, only ${have}`);
  }

  private noInterface(ifId: number): CaptureFileError {
    return this.fail(this.blockStart, `a packet arrived on interface ${ifId}, but there's no Interface Description Block for that interface`);
  }

  private fail(offset: number, reason: string): CaptureFileError {
    return new CaptureFileError(this.name, offset, reason);
  }
}
