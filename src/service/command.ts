import { mkdirSync } from 'node:fs';
import type { Engine } from '../console/engine.js';
import { UsageError } from '../console/errors.js';
import { LocalAccess } from '../console/link.js';
import { auditLine } from './audit.js';
import { autosave, recovered } from './autosave.js';
import { startService, type RunningService } from './server.js';
import { ServiceError, socketPath } from './socket-file.js';
import { isWebFlag, WebFlags, type WebOptions } from '../web/options.js';

export const serviceUsage = 'service [--socket PATH] [--http HOST:PORT [--http-users FILE] [--http-cert FILE --http-key FILE | --http-plain]]';

export interface ServiceArgs {
  socket?: string;
  /** The web page's settings; absent: no page. */
  web: WebOptions | null;
}

/** `service [--socket PATH] [--http ...]` (--socket may also stand before the word service). */
export function parseServiceArgs(argv: string[], socketFlag: string | undefined): ServiceArgs {
  let socket = socketFlag;
  const web = new WebFlags();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--http-plain') {
      if (eq > 0) throw new UsageError('service: --http-plain takes no value');
      web.set(name, '');
      continue;
    }
    if (name !== '--socket' && !isWebFlag(name)) throw new UsageError(`service: unknown argument "${arg}" (usage: pcapdump [flags] ${serviceUsage})`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`service: ${name} needs a ${name === '--http' ? 'HOST:PORT' : 'path'}`);
    if (name === '--socket') {
      if (socket !== undefined && socket !== value) throw new UsageError('service: --socket given twice');
      socket = value;
    } else {
      web.set(name, value);
    }
  }
  return { socket, web: web.options() };
}

/**
 * The service in the foreground (systemd runs it so): the Engine, its socket, an audit line
 * per session and command on stderr (the journal). SIGTERM or SIGINT: every buffer holding
 * unwritten packets is saved to an autosave file, clients are told, exit 0.
 */
/** A face the service carries beside its socket (the support tunnel): made once the Engine has its sessions; returns how to end it. */
export type ServiceFace = (access: LocalAccess) => Promise<() => void>;

export async function runService(engine: Engine, args: ServiceArgs, log: (line: string) => void, faces: ServiceFace[] = []): Promise<number> {
  const { path } = socketPath(args.socket);
  const dir = engine.config.captureDir;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o750 });
  } catch (err) {
    log(`pcapdump: capture dir ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return 1;
  }
  const access = new LocalAccess(engine, { shared: true, audit: (e) => log(auditLine(e)) });
  const closers: (() => void)[] = [];
  for (const face of faces) closers.push(await face(access));
  let service: RunningService;
  try {
    service = await startService({ access, socketPath: path, log });
  } catch (err) {
    if (!(err instanceof ServiceError)) throw err;
    log(`pcapdump: ${err.message}`);
    return 1;
  }
  // What the last stop saved is said before "listening": whoever waits for that line has it all.
  for (const r of recovered(dir)) log(`service: recovered from the last stop: ${r.file} (${r.packets} packets of ${r.iface === r.device ? r.iface : `${r.iface} (${r.device})`}, autosaved)`);
  log(`service: pid ${process.pid} listening on ${path} (mode 0660, root and ${service.group}), capture dir ${dir}`);
  let web: { close(reason: string): Promise<void> } | null = null;
  if (args.web) {
    const { startWeb, WebError } = await import('../web/server.js');
    try {
      web = await startWeb({ access, options: args.web, log });
    } catch (err) {
      if (!(err instanceof WebError)) throw err;
      log(`pcapdump: ${err.message}`);
      for (const close of closers) close();
      await service.close('the service could not start its web page');
      return 1;
    }
  }
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`service: ${signal}: stopping captures, saving unwritten buffers`);
      try {
        const { saved, failed } = await autosave(engine);
        for (const s of saved) log(`service: autosaved ${s.iface === s.device ? s.iface : `${s.iface} (${s.device})`}: ${s.packets} packets to ${dir}/${s.file}`);
        for (const f of failed) log(`service: could not autosave ${f}`);
        if (saved.length === 0 && failed.length === 0) log('service: no unwritten packets to save');
        await web?.close(`${signal}: the service is stopping`);
        for (const close of closers) close();
        await service.close(`${signal}: the service is stopping`);
        resolve(failed.length > 0 ? 1 : 0);
      } catch (err) {
        log(`service: stopping failed: ${(err as Error).stack ?? String(err)}`);
        resolve(1);
      }
    };
    // `on`, not `once`: see gateway/command.ts (ink's signal-exit and a spent listener).
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGHUP', () => log('service: SIGHUP ignored (restart the service to change its flags)'));
  });
}
