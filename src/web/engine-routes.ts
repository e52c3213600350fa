import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CommandError, UsageError } from '../console/errors.js';
import { parseCommand, type Command } from '../console/grammar.js';
import { tokenize } from '../console/tokens.js';
import { renderResult } from '../ui/render.js';
import { audit, who, type WebContext } from './app.js';
import { requireSession, sessionOf } from './auth-routes.js';
import { DownloadError, sendFile } from './download.js';

/** What the page may ask of the Engine by words; `show` streams on its own route, help and exit are the console's. */
const PAGE_VERBS: ReadonlySet<Command['verb']> = new Set(['start', 'stop', 'status', 'write', 'wipe', 'files', 'delete', 'cleanup']);

const runSchema = {
  body: {
    type: 'object',
    required: ['words'],
    additionalProperties: false,
    properties: { words: { type: 'array', minItems: 1, maxItems: 64, items: { type: 'string', maxLength: 256 } } },
  },
} as const;

/** A command that failed: 400 for one typed wrong, 409 for one that cannot be done now; the message is the console's. */
function failed(reply: FastifyReply, err: unknown): FastifyReply {
  if (err instanceof UsageError) return reply.code(400).send({ error: err.message, kind: 'usage' });
  if (err instanceof CommandError) return reply.code(409).send({ error: err.message, kind: 'command' });
  throw err;
}

/**
 * The Engine's verbs for the page: the form's command words go to the Engine's own grammar
 * (so the page's errors are the console's, word for word), `show` as streamed text, and the
 * capture directory's files for download.
 */
export function engineRoutes(ctx: WebContext) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: { words: string[] } }>('/api/run', { schema: runSchema, preHandler: [requireSession, app.csrfProtection] }, async (req, reply) => {
      const s = sessionOf(req);
      let cmd: Command | null | undefined;
      try {
        cmd = parseCommand(req.body.words);
      } catch {
        // Typed wrong: the Engine below says the same, and the audit log hears of it through the link.
      }
      if (cmd === null) return reply.code(400).send({ error: 'no command', kind: 'usage' });
      if (cmd && !PAGE_VERBS.has(cmd.verb)) {
        const why = cmd.verb === 'show' ? 'show has its own place on the page (GET /api/show)' : `${cmd.verb} is a console command`;
        return reply.code(400).send({ error: why, kind: 'usage' });
      }
      try {
        return { result: await s.link.run(req.body.words) };
      } catch (err) {
        return failed(reply, err);
      }
    });

    app.get<{ Querystring: { iface?: string; detail?: string } }>(
      '/api/show',
      {
        schema: {
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: { iface: { type: 'string', minLength: 1, maxLength: 64 }, detail: { type: 'string', maxLength: 256 } },
          },
        },
        preHandler: requireSession,
      },
      async (req, reply) => {
        const s = sessionOf(req);
        let result;
        try {
          // show's options and filter as typed at the console (`-v -c 20 tcp port 80`); the
          // interface first, so that a filter word is never taken for it.
          const detail = tokenize(req.query.detail ?? '');
          result = await s.link.run(['show', ...(req.query.iface === undefined ? [] : [req.query.iface]), ...detail]);
        } catch (err) {
          return failed(reply, err);
        }
        // The console's text, paced by the browser's reading: a full ring is never all in memory.
        const out = new PassThrough();
        let gone = false;
        out.once('close', () => (gone = true));
        const pace = () =>
          new Promise<void>((resolve, reject) => {
            if (gone) return reject(new Error('the reader went away'));
            if (!out.writableNeedDrain) return resolve();
            const onDrain = () => (out.off('close', onClose), resolve());
            const onClose = () => (out.off('drain', onDrain), reject(new Error('the reader went away')));
            out.once('drain', onDrain);
            out.once('close', onClose);
          });
        void renderResult(result, (line) => void (gone || out.write(line + '\n')), pace).then(
          () => out.end(),
          () => out.destroy(),
        );
        return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(out);
      },
    );

    // HEAD by hand: fastify's own would read the whole file to throw it away.
    app.route<{ Params: { name: string } }>({
      method: ['GET', 'HEAD'],
      url: '/api/files/:name',
      preHandler: requireSession,
      handler: async (req, reply) => {
        const s = sessionOf(req);
        const name = req.params.name;
        const info = who(s.user, req.ip);
        try {
          return await sendFile(req, reply, ctx.access.captureDir, name, (sent, bytes, complete) => {
            const range = sent.range ? `${sent.range.start}-${sent.range.end}` : sent.status === 416 ? `${req.headers.range ?? ''}`.slice(0, 64) : 'all';
            audit(ctx, info, 'download', { file: name, status: sent.status, range, size: sent.size, bytes, result: complete ? 'ok' : 'cut off' });
          });
        } catch (err) {
          if (!(err instanceof DownloadError)) throw err;
          audit(ctx, info, 'download', { file: name, result: 'refused', detail: err.message });
          return reply.code(err.statusCode).send({ error: err.message });
        }
      },
    });
  };
}
