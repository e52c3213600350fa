import { createServer, type Server, type Socket } from 'node:net';
import { unlinkSync } from 'node:fs';
import type { LocalAccess } from '../console/link.js';
import { ServiceConnection } from './connection.js';
import { listenOnSocket } from './socket-file.js';

/** More clients than this at once are turned away with one line (a runaway script, or worse). */
export const MAX_CONNECTIONS = 64;

export interface ServiceOptions {
  access: LocalAccess;
  socketPath: string;
  log: (line: string) => void;
  maxConnections?: number;
  /** How long a client has to say hello (tests shorten it). */
  helloMs?: number;
}

export interface RunningService {
  socketPath: string;
  /** Who may connect besides root: the socket's group. */
  group: string;
  connections(): number;
  /** Tells every client the service is stopping, closes them, stops listening, removes the socket. */
  close(reason: string): Promise<void>;
}

/** The service's local socket: one ServiceConnection (one session on the Engine) per client. */
export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const conns = new Set<ServiceConnection>();
  const sockets = new Set<Socket>();
  const max = opts.maxConnections ?? MAX_CONNECTIONS;
  const server: Server = createServer((socket) => {
    if (sockets.size >= max) {
      opts.log(`service: refused a connection: ${max} clients already connected`);
      socket.on('error', () => undefined);
      socket.end(`pcapdump service: too many clients (${max}); try again later\n`);
      // Read (and drop) what it sends, or its end is never seen and the socket never closes.
      socket.resume();
      setTimeout(() => socket.destroy(), 1000).unref();
      return;
    }
    sockets.add(socket);
    const conn = new ServiceConnection(socket, {
      access: opts.access,
      log: opts.log,
      helloMs: opts.helloMs,
      onClose: () => {
        sockets.delete(socket);
        conns.delete(conn);
      },
    });
    conns.add(conn);
  });
  const { group } = await listenOnSocket(server, opts.socketPath);
  return {
    socketPath: opts.socketPath,
    group,
    connections: () => sockets.size,
    close: (reason) =>
      new Promise<void>((resolve) => {
        for (const c of conns) c.bye(reason);
        server.close(() => resolve());
        // Clients that never read their goodbye must not hold the shutdown.
        setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, 1000).unref();
        try {
          unlinkSync(opts.socketPath);
        } catch {
          // Already gone.
        }
      }),
  };
}
