/**
 * What the first IP layer of a `tcpdump -q -nn -tt` line says: protocol, addresses
 * and ports. -q makes TCP print "tcp N" and UDP "UDP, length N" whatever the port,
 * so the protocol can be read off the text.
 */
export interface IpClaim {
  /** 'TCP' | 'UDP', or '-' for any other IP payload. */
  proto: string;
  src: string;
  dst: string;
  /** -1 when tcpdump printed no ports (truncated before them). */
  sport: number;
  dport: number;
}

const head = /^\d+\.\d+ (IP6?) (?:truncated-ip - \d+ bytes missing! )?(\S+) > (\S+?):(?: (.*))?$/;
// IPv6 extension headers tcpdump prints between the addresses and the transport's ports.
const ext = /^(?:(?:HBH|DSTOPT) |RT6 \([^)]*\) |srcrt \([^)]*\) |frag \([^)]*\) |truncated-ip6 - \d+ bytes missing! ?)+(\d+) > (\d+): ?(.*)$/;

function splitPort(addr: string, v6: boolean): [string, number] {
  const dots = addr.split('.').length - 1;
  const hasPort = v6 ? dots === 1 || dots === 4 : dots === 4;
  if (!hasPort) return [addr, -1];
  const i = addr.lastIndexOf('.');
  return [addr.slice(0, i), Number(addr.slice(i + 1))];
}

function protoOf(rest: string): string {
  if (rest.startsWith('tcp ') || rest.startsWith('[|tcp]') || rest.startsWith('tcp,')) return 'TCP';
  if (rest.startsWith('UDP') || rest.startsWith('[|udp]') || rest.startsWith('truncated-udp')) return 'UDP';
  return '-';
}

/** null when the line does not begin with an IP layer (another link payload, or tcpdump gave up). */
export function parseTcpdumpLine(line: string): IpClaim | null {
  const m = head.exec(line);
  if (!m) return null;
  const v6 = m[1] === 'IP6';
  const [src, sport] = splitPort(m[2], v6);
  const [dst, dport] = splitPort(m[3], v6);
  const rest = (m[4] ?? '').trimStart();
  if (sport >= 0) return { proto: protoOf(rest), src, dst, sport, dport };
  const e = ext.exec(rest);
  if (e) return { proto: protoOf(e[3]), src, dst, sport: Number(e[1]), dport: Number(e[2]) };
  return { proto: protoOf(rest), src, dst, sport: -1, dport: -1 };
}
