import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { EngineAccess, SessionInfo } from '../console/link.js';
import { faceAuditLine } from '../service/audit.js';
import { importMapHash, staticDir, vendorFiles } from './assets.js';
import { authRoutes } from './auth-routes.js';
import { engineRoutes } from './engine-routes.js';
import { liveRoute } from './live-route.js';
import type { WebSession, Sessions } from './sessions.js';
import type { UserFile } from './users.js';

/** Bounds on what one client may make the service hold. */
export interface WebLimits {
  /** Bytes of a request body (a command's words, a login). */
  bodyBytes: number;
  /** TCP connections at once (pages, downloads, live channels); more are refused at once. */
  connections: number;
  /** Login attempts per address per minute. */
  loginsPerMinute: number;
  /** Open pages (live channels) per session. */
  pagesPerSession: number;
  /** A request's headers, and the whole request, must have arrived by then (slow clients hold nothing long). */
  headersMs: number;
  requestMs: number;
}

export const DEFAULT_LIMITS: WebLimits = { bodyBytes: 16 * 1024, connections: 64, loginsPerMinute: 10, pagesPerSession: 4, headersMs: 15_000, requestMs: 30_000 };

export interface WebContext {
  access: EngineAccess;
  users: UserFile;
  sessions: Sessions;
  limits: WebLimits;
  /** Served over TLS: cookies are Secure and __Host- named. */
  tls: boolean;
  /** The service's log (stderr, the journal). */
  log: (line: string) => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in session the request's cookie names, if any. */
    webSession: WebSession | null;
  }
}

/** Who did it, for the audit log: the face, the user (or the name typed at a failed login), the address. */
export function who(user: string, address: string): SessionInfo {
  return { face: 'web', user, from: `web ${address}` };
}

export function audit(ctx: WebContext, info: SessionInfo, event: string, fields: Record<string, string | number> = {}): void {
  ctx.log(faceAuditLine(info, event, fields));
}

/** What a CSRF token is bound to: the session, or, before a login, the login form (never empty: the library refuses that). */
export function csrfUser(s: WebSession | null): string {
  return s ? `session ${s.id}` : 'login';
}

export const cookieNames = (tls: boolean) => ({
  // __Host-: the browser takes it only with Secure, Path=/ and no Domain, from this very host.
  session: tls ? '__Host-pcapdump' : 'pcapdump',
  csrf: tls ? '__Host-pcapdump-csrf' : 'pcapdump-csrf',
});

/** The one line a failed request gets, by what failed. */
function errorLine(err: FastifyError, limits: WebLimits): string {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `request body too large (at most ${limits.bodyBytes} bytes)`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'send the body as JSON (Content-Type: application/json)';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'bad request: the body is not valid JSON';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'an empty body where JSON was expected';
    case 'FST_CSRF_MISSING_SECRET':
    case 'FST_CSRF_INVALID_TOKEN':
      return 'missing or stale CSRF token: reload the page';
    case 'FST_ERR_VALIDATION':
      return `bad request: ${err.message}`;
  }
  return err.message;
}

/** The page's HTTP server: plugins, limits, hooks and routes; listening is the caller's. */
export async function buildApp(ctx: WebContext, tlsFiles: { cert: Buffer; key: Buffer } | null): Promise<FastifyInstance> {
  const names = cookieNames(ctx.tls);
  const app = Fastify({
    // The server made here: Fastify's own takes no TLS handshake limit nor how often Node
    // looks for requests past their time (a tenth of the shortest limit).
    serverFactory: (handler) => {
      const checks = { connectionsCheckingInterval: Math.max(100, Math.floor(ctx.limits.headersMs / 10)) };
      const server = tlsFiles
        ? createHttpsServer({ cert: tlsFiles.cert, key: tlsFiles.key, minVersion: 'TLSv1.2', handshakeTimeout: 10_000, ...checks }, handler)
        : createHttpServer(checks, handler);
      server.keepAliveTimeout = 5_000;
      server.requestTimeout = ctx.limits.requestMs;
      server.headersTimeout = ctx.limits.headersMs;
      server.maxConnections = ctx.limits.connections;
      return server;
    },
    logger: false,
    bodyLimit: ctx.limits.bodyBytes,
    routerOptions: { maxParamLength: 300 },
    forceCloseConnections: true,
    return503OnClosing: true,
    trustProxy: false,
    // A URL that does not decode (`/api/files/%zz`): the same one-line shape as every other error.
    frameworkErrors: (err, _req, reply) => void (reply as FastifyReply).code(400).send({ error: `bad request: ${err.message}` }),
    // Types as sent: a string where an array of words is expected is an error, not a word.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  });
  // JSON only: a form or text body is refused (415) before any route sees it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: ctx.limits.bodyBytes }, app.getDefaultJsonParser('error', 'error'));

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) ctx.log(`web: internal error on ${req.method} ${req.url.slice(0, 200)}: ${err.stack ?? err.message}`);
    return reply.code(status).type('application/json').send({ error: status >= 500 ? `internal error: ${err.message}` : errorLine(err, ctx.limits) });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: `no such page: ${req.method} ${req.url.slice(0, 100)}` }));

  const index = readFileSync(join(staticDir(), 'index.html'), 'utf8');
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", importMapHash(index)],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: ctx.tls ? { maxAge: 180 * 86400, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: names.csrf,
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: ctx.tls },
    // Tokens are bound to the session: one from another login, or from before it, fails.
    csrfOpts: { hmacKey: randomBytes(32) },
    getUserInfo: (req) => csrfUser(req.webSession),
    getToken: (req) => {
      const t = req.headers['x-csrf-token'];
      return typeof t === 'string' ? t : undefined;
    },
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyWebsocket, { options: { maxPayload: 4096 } });

  app.decorateRequest('webSession', null);
  app.addHook('onRequest', async (req) => {
    req.webSession = ctx.sessions.get(req.cookies[names.session]) ?? null;
  });

  await app.register(fastifyStatic, { root: staticDir(), wildcard: false, index: 'index.html', serveDotFiles: false, cacheControl: false, setHeaders: (res) => res.setHeader('cache-control', 'no-cache') });
  const vendor = vendorFiles();
  for (const [name, body] of vendor) {
    app.get(`/vendor/${name}`, (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(body));
  }

  await app.register(authRoutes(ctx, names));
  await app.register(engineRoutes(ctx));
  await app.register(liveRoute(ctx));
  return app;
}
