import type { SFTPWrapper } from 'ssh2';

/**
 * The private parts of ssh2 1.17's server-side SFTP channel (lib/protocol/SFTP.js,
 * lib/Channel.js) that the gateway's flow control and packed replies use, in one place:
 * an ssh2 upgrade is checked against this list.
 */
export interface SftpChannel {
  /** Parses bytes the client sent; false asks ssh2 to stop re-opening the client's window. */
  push(data: Buffer | null): boolean | undefined;
  /** Payloads waiting for the client's window, in order; ssh2's own replies queue here. */
  _buffer: Buffer[];
  /** Set by ssh2 when push() said "no more": it then stops re-opening the client's window. */
  _waitChanDrain: boolean;
  /** Set while payloads wait for the client's window. */
  _waitWindow: boolean;
  /** What ssh2 calls when the client opens its window again. */
  _chunkcb: (() => void) | undefined;
  incoming: { window: number };
  outgoing: { id: number; state: string; window: number; packetSize: number };
  _protocol: { channelData(id: number, data: Buffer): void; channelWindowAdjust(id: number, amount: number): void };
}

/** The window ssh2 grants every channel it accepts (lib/Channel.js MAX_WINDOW). */
export const CHANNEL_WINDOW = 2 * 1024 * 1024;

export function sftpChannel(sftp: SFTPWrapper): SftpChannel {
  return sftp as unknown as SftpChannel;
}
