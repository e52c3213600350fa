import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit, csrfUser, who, type cookieNames, type WebContext } from './app.js';
import { MAX_PASSWORD } from './users.js';
import type { WebSession } from './sessions.js';

/** For routes that need a login: 401 and one line otherwise. */
export async function requireSession(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (!req.webSession) return reply.code(401).send({ error: 'not logged in (or the session ended): log in again' });
  return undefined;
}

/** The session of a request that passed requireSession. */
export function sessionOf(req: FastifyRequest): WebSession {
  const s = req.webSession;
  if (!s) throw new Error('a route that needs a session ran without one');
  return s;
}

interface LoginBody {
  user: string;
  password: string;
}

const loginSchema = {
  body: {
    type: 'object',
    required: ['user', 'password'],
    additionalProperties: false,
    properties: {
      user: { type: 'string', minLength: 1, maxLength: 64 },
      password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD },
    },
  },
} as const;

/** Addresses already logged as over the login limit this minute: one line each, not one per attempt. */
const told = new Map<string, number>();

/** Log in (a user of the users file, scrypt), log out, and who is logged in (with a CSRF token for what follows). */
export function authRoutes(ctx: WebContext, names: ReturnType<typeof cookieNames>) {
  const cookie = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: ctx.tls };
  return async (app: FastifyInstance) => {
    app.get('/api/session', async (req, reply) => {
      const s = req.webSession;
      // Not an error: the page asks this to know whether to show the login form.
      if (!s) return { user: null, csrfToken: reply.generateCsrf({ userInfo: csrfUser(null) }) };
      return { user: s.user, csrfToken: reply.generateCsrf({ userInfo: csrfUser(s) }), captureDir: ctx.access.captureDir };
    });

    app.post<{ Body: LoginBody }>(
      '/api/login',
      {
        schema: loginSchema,
        preHandler: app.csrfProtection,
        config: {
          rateLimit: {
            max: ctx.limits.loginsPerMinute,
            timeWindow: 60_000,
            onExceeded: (req: FastifyRequest) => {
              const t = Date.now();
              if ((told.get(req.ip) ?? 0) > t) return;
              if (told.size > 1000) told.clear();
              told.set(req.ip, t + 60_000);
              audit(ctx, who('-', req.ip), 'login', { result: 'refused', detail: `more than ${ctx.limits.loginsPerMinute} attempts a minute` });
            },
            errorResponseBuilder: (req: FastifyRequest, rc: { after: string }) =>
              Object.assign(new Error(`too many login attempts from ${req.ip}: try again in ${rc.after}`), { statusCode: 429 }),
          },
        },
      },
      async (req, reply) => {
        const { user, password } = req.body;
        const check = await ctx.users.check(user, password);
        if (!check.ok) {
          if (check.why === 'users file') {
            ctx.log(`web: ${check.message}`);
            audit(ctx, who(user, req.ip), 'login', { result: 'failed', detail: 'the users file is broken' });
            return reply.code(503).send({ error: 'no one can log in now: the users file is broken (the service log says how)' });
          }
          audit(ctx, who(user, req.ip), 'login', { result: 'failed', detail: check.why });
          return reply.code(401).send({ error: 'wrong user name or password' });
        }
        // Always a fresh session id at login: one planted before it is worth nothing.
        if (req.webSession) await ctx.sessions.end(req.webSession.id, 'logged in again');
        audit(ctx, who(user, req.ip), 'login', { result: 'ok' });
        const link = await ctx.access.open(who(user, req.ip));
        const s = ctx.sessions.create(user, req.ip, link);
        req.webSession = s;
        reply.setCookie(names.session, s.id, cookie);
        return { user, csrfToken: reply.generateCsrf({ userInfo: csrfUser(s) }), captureDir: ctx.access.captureDir };
      },
    );

    app.post('/api/logout', { preHandler: [requireSession, app.csrfProtection] }, async (req, reply) => {
      const s = sessionOf(req);
      audit(ctx, who(s.user, req.ip), 'logout');
      await ctx.sessions.end(s.id, 'logged out');
      reply.clearCookie(names.session, cookie);
      return { done: true };
    });
  };
}
