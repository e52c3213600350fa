import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * Kernel drops of libpcap's packet socket. cap has no pcap_stats, and on Linux 6.x the
 * packet ring's drops (tp_drops) show nowhere outside the socket: not in sk_drops
 * (`ss -0 -m` says d0 while tcpdump reports thousands), not in /proc/net/packet. So we
 * ask the socket itself: getsockopt(SOL_PACKET, PACKET_STATISTICS) on the very fd,
 * handed to a tiny perl (perl-base is in every Debian) that reads it four times a
 * second. The kernel zeroes the counters on each read, so perl prints the running sum.
 */
const PERL = `
$| = 1;
open(my $s, "+<&=3") or exit 2;
my $sum = 0; my $last = -1;
while (1) {
  my $v = getsockopt($s, 263, 6);
  exit 3 unless defined $v;
  my ($p, $d) = unpack("LL", $v);
  $sum += $d;
  if ($sum != $last) { print "$sum\\n"; $last = $sum; }
  my $r = ''; vec($r, 0, 1) = 1;
  if (select($r, undef, undef, 0.25)) { my $b; exit 0 if sysread(STDIN, $b, 64) <= 0; }
}`;

/** The fd of this process's AF_PACKET socket (libpcap's), or -1. */
export function packetSocketFd(): number {
  let inodes: Set<string>;
  try {
    const lines = readFileSync('/proc/net/packet', 'utf8').trim().split('\n').slice(1);
    inodes = new Set(lines.map((l) => l.trim().split(/\s+/)[8]));
  } catch {
    return -1;
  }
  for (const name of readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${name}`));
      if (m && inodes.has(m[1])) return Number(name);
    } catch {
      // fds come and go while we look (readdir's own among them)
    }
  }
  return -1;
}

/** Reports the cumulative kernel drops of the socket at fd; null once they cannot be read. */
export function watchKernelDrops(fd: number, report: (drops: number | null) => void): ChildProcess | null {
  if (fd < 0) {
    report(null);
    return null;
  }
  const perl = spawn('perl', ['-e', PERL], { stdio: ['pipe', 'pipe', 'ignore', fd] });
  let text = '';
  perl.stdout?.setEncoding('utf8').on('data', (d: string) => {
    text += d;
    const lines = text.split('\n');
    text = lines.pop() ?? '';
    const last = lines.pop();
    if (last !== undefined && /^\d+$/.test(last)) report(Number(last));
  });
  perl.on('error', () => report(null));
  perl.on('exit', (code) => {
    if (code !== 0) report(null);
  });
  return perl;
}
