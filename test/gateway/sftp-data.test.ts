import { randomBytes } from 'node:crypto';
import type { SFTPWrapper } from 'ssh2';
import { describe, expect, test } from 'vitest';
import { DataReplies } from '../../src/gateway/sftp-data.js';

/** The channel fields DataReplies works with, as ssh2's SFTP channel has them, recording what is sent. */
function fakeChannel(window: number, packetSize = 32 * 1024) {
  const packets: Buffer[] = [];
  const ch = {
    outgoing: { id: 7, state: 'open', window, packetSize },
    _buffer: [] as Buffer[],
    _waitWindow: false,
    _chunkcb: undefined as (() => void) | undefined,
    _protocol: {
      channelData: (id: number, data: Buffer) => {
        expect(id).toBe(7);
        packets.push(Buffer.from(data));
      },
    },
    /** What ssh2 does when the client opens its window (server.js CHANNEL_WINDOW_ADJUST). */
    adjust(amount: number) {
      ch.outgoing.window += amount;
      if (ch._waitWindow) {
        ch._waitWindow = false;
        ch._chunkcb?.();
      }
    },
  };
  return { ch, packets, sftp: ch as unknown as SFTPWrapper };
}

/** SFTP messages in a byte stream: [type, request id, data] of each DATA, the raw message otherwise. */
function messages(stream: Buffer): { type: number; reqid: number; data: Buffer }[] {
  const out = [];
  for (let p = 0; p < stream.length; ) {
    const len = stream.readUInt32BE(p);
    const type = stream[p + 4]!;
    const reqid = stream.readUInt32BE(p + 5);
    const data = type === 103 ? stream.subarray(p + 13, p + 13 + stream.readUInt32BE(p + 9)) : stream.subarray(p + 4, p + 4 + len);
    out.push({ type, reqid, data });
    p += 4 + len;
  }
  return out;
}

const tick = () => new Promise((r) => process.nextTick(r));

describe('SFTP DATA replies packed into full-size SSH packets', () => {
  test('64 replies of 32 KiB in one turn: full packets, not a 13-byte one after each reply', async () => {
    const { packets, sftp } = fakeChannel(64 << 20);
    const replies = new DataReplies(sftp, () => undefined);
    const sent = Array.from({ length: 64 }, () => randomBytes(32 * 1024));
    sent.slice(0, 16).forEach((d, i) => replies.data(i + 1, d));
    expect(packets).toHaveLength(0); // sent at the end of the turn (or when 1 MiB is staged)
    sent.slice(16).forEach((d, i) => replies.data(i + 17, d));
    await tick();
    const got = messages(Buffer.concat(packets));
    expect(got.map((m) => m.reqid)).toEqual(sent.map((_, i) => i + 1));
    got.forEach((m, i) => expect(m.data.equals(sent[i]!)).toBe(true));
    // ssh2 on its own: 128 packets (32 KiB + 13 bytes each split in two); here 65, and one
    // more for each time the 1 MiB stage filled up.
    expect(packets.length).toBeLessThanOrEqual(Math.ceil((64 * (32 * 1024 + 13)) / (32 * 1024)) + 2);
    expect(Math.max(...packets.map((p) => p.length))).toBe(32 * 1024);
    expect(replies.staged()).toBe(0);
  });

  test('the client window runs out: the rest waits in ssh2 queue, behind nothing, and leaves in order when the window opens', async () => {
    const { ch, packets, sftp } = fakeChannel(100_000);
    const replies = new DataReplies(sftp, () => undefined);
    const sent = Array.from({ length: 8 }, () => randomBytes(40_000));
    sent.forEach((d, i) => replies.data(i, d));
    await tick();
    expect(Buffer.concat(packets).length).toBe(100_000);
    expect(ch._waitWindow).toBe(true);
    // An ssh2 reply (a STATUS, say) made meanwhile queues behind ours, as ssh2 itself would queue it.
    const status = Buffer.from([0, 0, 0, 9, 101, 0, 0, 0, 99, 0, 0, 0, 0]);
    ch._buffer.push(status);
    // More of ours in a later turn: behind the queue, not ahead of it.
    replies.data(50, Buffer.from('late'));
    await tick();
    expect(Buffer.concat(packets).length).toBe(100_000);
    for (let i = 0; i < 20 && ch._buffer.length > 0; i++) ch.adjust(64 * 1024);
    expect(ch._buffer).toHaveLength(0);
    const got = messages(Buffer.concat(packets));
    expect(got.map((m) => [m.type, m.reqid])).toEqual([...sent.map((_, i) => [103, i]), [101, 99], [103, 50]]);
    got.slice(0, 8).forEach((m, i) => expect(m.data.equals(sent[i]!)).toBe(true));
    expect(packets.every((p) => p.length <= 32 * 1024)).toBe(true);
  });

  test('a closed channel: nothing is sent, and dropped replies are forgotten', async () => {
    const { ch, packets, sftp } = fakeChannel(1 << 20);
    const replies = new DataReplies(sftp, () => undefined);
    replies.data(1, randomBytes(1000));
    ch.outgoing.state = 'closed';
    await tick();
    replies.data(2, randomBytes(1000));
    replies.drop();
    expect(replies.staged()).toBe(0);
    await tick();
    expect(packets).toHaveLength(0);
  });
});
