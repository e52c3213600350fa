import { connect } from 'node:net';
import type { EngineAccess, EngineLink, SessionInfo } from '../console/link.js';
import { RemoteLink } from './remote-link.js';
import { ServiceUnavailable } from './errors.js';

export { RemoteLink } from './remote-link.js';
export { ServiceUnavailable } from './errors.js';

function unavailable(path: string, err: NodeJS.ErrnoException): ServiceUnavailable {
  if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED') {
    return new ServiceUnavailable(`no pcapdump service is running at ${path} (start it: systemctl start pcapdump, or pcapdump service)`, 'absent');
  }
  if (err.code === 'EACCES' || err.code === 'EPERM') {
    return new ServiceUnavailable(`the pcapdump service at ${path} is for root and group pcapdump: permission denied`, 'denied');
  }
  return new ServiceUnavailable(`cannot reach the pcapdump service at ${path}: ${err.code ?? err.message}`, 'other');
}

/** Opens a session with the service on its socket: connect, hello, and the link. */
export async function connectService(path: string, info: SessionInfo): Promise<RemoteLink> {
  const socket = connect(path);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', (err: NodeJS.ErrnoException) => reject(unavailable(path, err)));
  });
  socket.removeAllListeners('error');
  const link = new RemoteLink(socket, path);
  await link.hello(info);
  return link;
}

/** Sessions with the service, for a face that opens many (the SSH gateway). */
export class ServiceAccess implements EngineAccess {
  private constructor(
    readonly socketPath: string,
    readonly captureDir: string,
  ) {}

  /** Checks that the service answers, and learns its capture directory. */
  static async open(path: string, info: SessionInfo): Promise<ServiceAccess> {
    const link = await connectService(path, info);
    const dir = link.captureDir;
    await link.close();
    return new ServiceAccess(path, dir);
  }

  open(info: SessionInfo): Promise<EngineLink> {
    return connectService(this.socketPath, info);
  }
}

