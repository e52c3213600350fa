import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { EngineLink, LinkEvents } from '../../src/console/link.js';
import type { PacketView } from '../../src/pcap/types.js';
import { CLOSE_TOO_SLOW, HARD_LIMIT, LINES_LIMIT, LiveFeed, LivePage, MAX_BATCH_LINES } from '../../src/web/live.js';
import { frameOf } from '../service/harness.js';

/** A WebSocket whose reader reads nothing until told: what it is sent stays queued. */
class StuckSocket {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: Record<string, unknown>[] = [];
  closed: [number, string] | null = null;

  send(m: string): void {
    this.sent.push(JSON.parse(m) as Record<string, unknown>);
    this.bufferedAmount += m.length;
  }

  close(code: number, reason: string): void {
    this.closed = [code, reason];
    this.readyState = 3;
  }

  on(): this {
    return this;
  }

  /** The reader catches up. */
  drain(): void {
    this.bufferedAmount = 0;
  }
}

function feedWithLink(): { feed: LiveFeed; events: () => LinkEvents } {
  let events: LinkEvents = {};
  const link = { listen: (e: LinkEvents) => (events = e) } as unknown as EngineLink;
  return { feed: new LiveFeed(link, () => undefined), events: () => events };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function packet(n: number): PacketView {
  const buf = frameOf(n, 200);
  return { linkType: 1, interfaceId: 0, tsSec: 1_700_000_000 + n, tsNsec: 0, capLen: buf.length, origLen: buf.length, buf, offset: 0 };
}

const linesIn = (sent: Record<string, unknown>[]) => sent.filter((m) => m.t === 'lines').reduce((a, m) => a + (m.lines as unknown[]).length, 0);
const lostIn = (sent: Record<string, unknown>[]) => sent.filter((m) => m.t === 'lost').reduce((a, m) => a + (m.count as number), 0);

describe('the live channel of a page that does not keep up', () => {
  it('drops brief lines past its limit, counts each one, and says how many once it reads again', async () => {
    const { feed, events } = feedWithLink();
    const ws = new StuckSocket();
    feed.add(new LivePage(ws as unknown as WebSocket));
    let total = 0;
    for (let batch = 0; batch < 40; batch++) {
      for (let i = 0; i < 100; i++) events().packet?.('eth1', packet(total++));
      await turn();
    }
    const queued = ws.bufferedAmount;
    expect(queued).toBeLessThanOrEqual(LINES_LIMIT);
    const delivered = linesIn(ws.sent);
    expect(delivered).toBeGreaterThan(0);
    expect(delivered).toBeLessThan(total);
    expect(lostIn(ws.sent)).toBe(0);
    ws.drain();
    events().packet?.('eth1', packet(total++));
    await turn();
    expect(linesIn(ws.sent) + lostIn(ws.sent)).toBe(total);
    expect(ws.sent.at(-2)).toEqual({ t: 'lost', count: total - 1 - delivered });
    expect(ws.closed).toBeNull();
  });

  it('keeps at most one burst of lines per turn of the event loop; the rest of the burst is counted', async () => {
    const { feed, events } = feedWithLink();
    const ws = new StuckSocket();
    feed.add(new LivePage(ws as unknown as WebSocket));
    const burst = MAX_BATCH_LINES + 500;
    for (let i = 0; i < burst; i++) events().packet?.('eth1', packet(i));
    await turn();
    ws.drain();
    feed.flush();
    await turn();
    events().packet?.('eth1', packet(burst));
    await turn();
    expect(linesIn(ws.sent)).toBeLessThanOrEqual(MAX_BATCH_LINES + 1);
    expect(linesIn(ws.sent) + lostIn(ws.sent)).toBe(burst + 1);
  });

  it('counts the lines of a session with no page open, and tells the next page that opens', async () => {
    const { feed, events } = feedWithLink();
    for (let i = 0; i < 7; i++) events().packet?.('eth1', packet(i));
    const ws = new StuckSocket();
    feed.add(new LivePage(ws as unknown as WebSocket));
    expect(ws.sent).toEqual([{ t: 'lost', count: 7 }]);
  });

  it('cuts off a page that reads nothing at all, rather than queue its news without end', () => {
    const ws = new StuckSocket();
    const page = new LivePage(ws as unknown as WebSocket);
    ws.bufferedAmount = HARD_LIMIT + 1;
    page.send({ t: 'names', names: ['eth0'] });
    expect(ws.closed).toEqual([CLOSE_TOO_SLOW, 'this page does not read what it is sent']);
    expect(ws.sent).toEqual([]);
  });
});
