import { isIP } from 'node:net';
import type { CaptureStatus } from '../console/status.js';
import type { Result } from '../console/engine.js';
import type { SshEndpoints } from '../console/stream.js';
import type { PrintOptions } from '../console/detail.js';

/** The protocol's version: a hello with another is turned away with one line. */
export const PROTOCOL_VERSION = 1;

/** What a client sends (JSON frames). */
export type ClientMessage =
  | { t: 'hello'; v: number; face: string; user: string; from: string; ssh?: SshEndpoints }
  | { t: 'run'; id: number; words: string[] }
  | { t: 'status'; id: number }
  | { t: 'names'; id: number }
  | { t: 'stop-streams'; id: number }
  /** The next batch of section `section` of the show answering request `id`. */
  | { t: 'next'; id: number; section: number }
  /** The face stopped reading a show, or a stream: the service lets go of it (a stream's capture stops). */
  | { t: 'cancel'; id: number };

/** A `show` result as it crosses the socket: the sections without their packets, which follow on request. */
export interface ShowHead {
  kind: 'show';
  sections: { iface: string; device: string; linkType: number; packets: number; shown: number }[];
  print: PrintOptions;
  count: number;
  filter: string;
}

/** A `stream` as it crosses the socket: what it is; its bytes follow in data frames, then stream-end. */
export interface StreamHead {
  kind: 'stream';
  stream: { iface: string; device: string; linkType: number; snapLen: number; bpf: string };
}

export type WireResult = Exclude<Result, { kind: 'show' } | { kind: 'stream' }> | ShowHead | StreamHead;

/** What the service sends (JSON frames). */
export type ServiceMessage =
  | { t: 'hello'; v: number; pid: number; session: number; captureDir: string }
  | { t: 'result'; id: number; result: WireResult }
  | { t: 'error'; id: number; kind: 'usage' | 'command'; message: string }
  | { t: 'status'; id: number; captures: CaptureStatus[] }
  | { t: 'names'; id: number; names: string[] }
  | { t: 'stopped-streams'; id: number; captures: CaptureStatus[] }
  | { t: 'section-end'; id: number; section: number }
  /** The stream answering request `id` has ended; every data frame of it came before. */
  | { t: 'stream-end'; id: number; status: CaptureStatus }
  | { t: 'change'; status: CaptureStatus; mine: boolean }
  | { t: 'lost'; count: number }
  /** The connection broke the protocol: this one line says how, then the service closes it. */
  | { t: 'fatal'; message: string }
  /** The service is stopping. */
  | { t: 'bye'; reason: string };

/** Limits on what a client may say; past them the connection is closed with one line. */
export const MAX_WORDS = 256;
export const MAX_COMMAND_CHARS = 8192;
const MAX_NAME_CHARS = 256;

export class MessageError extends Error {}

function isId(x: unknown): x is number {
  return Number.isSafeInteger(x) && (x as number) >= 0 && (x as number) < 2 ** 31;
}

function shortString(x: unknown, what: string): string {
  if (typeof x !== 'string') throw new MessageError(`${what} must be a string`);
  if (x.length > MAX_NAME_CHARS) throw new MessageError(`${what} is longer than ${MAX_NAME_CHARS} characters`);
  return x;
}

const isPort = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 1 && (x as number) <= 65535;

/** The SSH connection of a hello: addresses as libpcap's filter takes them (they go into one), ports. */
function endpoints(x: unknown): SshEndpoints {
  const o = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
  const address = (a: unknown, what: string) => {
    if (typeof a !== 'string' || isIP(a.replace(/^::ffff:/i, '')) === 0) throw new MessageError(`ssh.${what} must be an IP address`);
    return a;
  };
  if (!isPort(o.clientPort) || !isPort(o.serverPort)) throw new MessageError('ssh ports must be whole numbers from 1 to 65535');
  return { clientAddress: address(o.clientAddress, 'clientAddress'), clientPort: o.clientPort, serverAddress: address(o.serverAddress, 'serverAddress'), serverPort: o.serverPort };
}

/** Parses and checks one client JSON frame; throws MessageError saying what is wrong. */
export function parseClientMessage(payload: Buffer): ClientMessage {
  let m: unknown;
  try {
    m = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new MessageError('a frame that is not JSON');
  }
  if (typeof m !== 'object' || m === null || Array.isArray(m)) throw new MessageError('a message that is not a JSON object');
  const o = m as Record<string, unknown>;
  const t = o.t;
  if (t === 'hello') {
    if (o.v !== PROTOCOL_VERSION) throw new MessageError(`protocol version ${JSON.stringify(o.v)}; this service speaks ${PROTOCOL_VERSION}`);
    const hello: ClientMessage = { t, v: PROTOCOL_VERSION, face: shortString(o.face, 'face'), user: shortString(o.user, 'user'), from: shortString(o.from, 'from') };
    if (o.ssh !== undefined) hello.ssh = endpoints(o.ssh);
    return hello;
  }
  if (!isId(o.id)) throw new MessageError(`message "${String(t).slice(0, 20)}" without a valid id`);
  const id = o.id;
  switch (t) {
    case 'run': {
      const w = o.words;
      if (!Array.isArray(w) || !w.every((x) => typeof x === 'string')) throw new MessageError('run needs words: an array of strings');
      if (w.length > MAX_WORDS) throw new MessageError(`a command of ${w.length} words (at most ${MAX_WORDS})`);
      const chars = (w as string[]).reduce((a, x) => a + x.length + 1, 0);
      if (chars > MAX_COMMAND_CHARS) throw new MessageError(`a command of ${chars} characters (at most ${MAX_COMMAND_CHARS})`);
      return { t, id, words: w as string[] };
    }
    case 'status':
    case 'names':
    case 'stop-streams':
    case 'cancel':
      return { t, id };
    case 'next':
      if (!isId(o.section)) throw new MessageError('next needs a section number');
      return { t, id, section: o.section };
    default:
      throw new MessageError(`unknown message ${JSON.stringify(t)?.slice(0, 40)}`);
  }
}
