import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebContext } from './app.js';
import { requireSession, sessionOf } from './auth-routes.js';
import { CLOSE_TOO_MANY, LivePage, type LiveMessage } from './live.js';

/** How often open pages hear the captures' counters, the interface names, and a ping. */
const STATUS_MS = 1000;
const NAMES_EVERY = 5;
const PING_EVERY = 30;

/**
 * A WebSocket from another site's page would carry the cookie of a logged-in technician
 * (SameSite=Strict already keeps it back); the Origin must be this page's own.
 */
async function sameOrigin(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const origin = req.headers.origin;
  const own = `${req.protocol}://${req.headers.host ?? ''}`;
  if (origin !== own) return reply.code(403).send({ error: `the live channel is for this page's own origin (${own}), not ${String(origin ?? 'none').slice(0, 100)}` });
  return undefined;
}

/**
 * The live channel (GET /api/live, a WebSocket): every open page gets the captures' status
 * each second while anything changes, the interface names, news of captures ending, and the
 * brief lines of its session's -o/-ou captures.
 */
export function liveRoute(ctx: WebContext) {
  return async (app: FastifyInstance) => {
    let tick = 0;
    let lastStatus = '';
    let lastNames = '';
    const timer = setInterval(() => void everySecond().catch((err: unknown) => ctx.log(`web: live status failed: ${(err as Error)?.stack ?? String(err)}`)), STATUS_MS);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));

    const pages = () => [...ctx.sessions.all()].flatMap((s) => [...s.feed.pages]);

    async function everySecond(): Promise<void> {
      tick++;
      const open = [...ctx.sessions.all()].filter((s) => s.feed.pages.size > 0);
      if (open.length === 0) return;
      const link = open[0].link;
      const status = JSON.stringify({ t: 'status', captures: await link.status() } satisfies LiveMessage);
      const names = tick % NAMES_EVERY === 0 ? JSON.stringify({ t: 'names', names: (await link.interfaceNames()).sort() } satisfies LiveMessage) : lastNames;
      for (const page of pages()) {
        if (status !== lastStatus) page.send(status);
        if (names !== lastNames) page.send(names);
        page.sayLost();
        if (tick % PING_EVERY === 0 && page.ws.readyState === page.ws.OPEN) {
          // A page that did not answer the last ping is gone without a word (a laptop lid, a cut cable).
          if (!page.alive) page.ws.terminate();
          page.alive = false;
          page.ws.ping();
        }
      }
      lastStatus = status;
      lastNames = names;
    }

    app.get('/api/live', { websocket: true, preHandler: [requireSession, sameOrigin] }, async (socket, req) => {
      const s = sessionOf(req);
      if (s.feed.pages.size >= ctx.limits.pagesPerSession) {
        socket.close(CLOSE_TOO_MANY, `at most ${ctx.limits.pagesPerSession} open pages per login`);
        return;
      }
      const page = new LivePage(socket);
      socket.on('close', () => s.feed.pages.delete(page));
      socket.on('error', () => undefined);
      // The page says nothing on this channel; what it would say is bounded by maxPayload.
      socket.on('message', () => undefined);
      const [names, captures] = await Promise.all([s.link.interfaceNames(), s.link.status()]);
      if (socket.readyState !== socket.OPEN) return;
      page.send({ t: 'hello', user: s.user, names: names.sort(), captures, captureDir: ctx.access.captureDir });
      s.feed.add(page);
    });
  };
}
