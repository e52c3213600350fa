/** Console commands: `help` in the console, and part of `pcapdump --help`. */
export const help = `commands (the leading word "pcapdump" is optional):
  [OPTION...] [FILTER...] start IFACE
                     capture on IFACE: a device, "any", an alias, a replay
  stream [OPTION...] [FILTER...] IFACE or [OPTION...] [FILTER...] stream IFACE
                     pcap to stdout as packets arrive, nothing stored, until
                     the reader goes or -c/-t ends it; a command of its own:
                     pcapdump stream udp int | wireshark -k -i -
                     ssh gw pcapdump stream udp int | tshark -r -
                     (takes -s -c -t -p, and -force to write to a terminal)
  stop [IFACE]       stop one capture, or every running one
  status             a table of every capture
  show [DETAIL...] [IFACE] [FILTER...]
                     the packets in memory as tcpdump -nn prints them, oldest
                     first: every interface's, or IFACE's; FILTER and -c N
                     choose which (show int tcp destport 80; DETAIL below)
  write IFACE FILE   save IFACE's packets in the capture directory as FILE
                     (.cap or .pcap: classic pcap; .pcapng: pcapng);
                     %Y%m%d-%H%M%S in FILE becomes the date and time
  files              the capture directory's files: size, packets, times
  delete FILE        delete one file that pcapdump wrote
  wipe [IFACE]       stop and free one buffer, or all
  cleanup | clean    stop everything, free every buffer, delete pcapdump's files
  tunnel enable --host HOST --port PORT [--days N] [--host-key SHA256:...]
                     the support tunnel: this service logs in to HOST and
                     support reaches the console through it for N days (7)
  tunnel status | tunnel disable
  help | exit

OPTION  -size KB     ring buffer size (default 512)
        -s SNAPLEN   bytes kept of each packet (the wire length is recorded)
        -c COUNT     stop after COUNT packets
        -t SECONDS   stop after that long
        -o           brief lines to the console as packets arrive, and stored
        -ou          brief lines to the console, not stored
        -p           promiscuous: all on the wire, not only this host's traffic

FILTER  eth MAC | ethsrc MAC | ethdest MAC
        ip ADDR | ipsrc ADDR | ipdest ADDR    (IPv4 or IPv6, optionally /PREFIX)
        port N | srcport N | destport N       (N or a range N-M)
        proto ID | proto tcp|udp|icmp | tcp | udp | icmp | icmp6 | arp
        vlan N
        Different keys are ANDed; the same key given twice is ORed.

DETAIL  show and read print packets as tcpdump -nn does, and take its options:
        -v -vv -vvv  more of each header     -e       the link-level header
        -x -xx       hex (-xx: from the link header)   -X -XX  hex and ASCII
        -A           the payload as text     -c N     show: the last N packets,
                                                      read: the first N
`;

export const usage = `usage:
  pcapdump [--socket PATH] COMMAND...
      one command to the running service, as typed in the console:
      pcapdump -size 1024 ipsrc 192.168.0.1 tcp start int
      (exit 0 done, 1 cannot be done, 2 usage; -o streams until Ctrl-C)
  pcapdump [--socket PATH] [-e 'CMD']...
      the console (on a terminal), line mode (from a pipe) or the -e commands,
      on the service when one runs, else on an Engine of their own
  pcapdump [--standalone] [--config FILE] [--dir DIR] [--replay NAME=FILE]...
           [--replay-speed N] [-e 'CMD']...
      the same on an Engine of its own, even when a service runs: its
      captures end with it
  pcapdump [--config FILE] [--dir DIR] [--replay NAME=FILE]... service
           [--socket PATH] [--http HOST:PORT [--http-users FILE]
           [--http-cert FILE --http-key FILE | --http-plain]]
      the service: holds the captures and listens on PATH (default
      /run/pcapdump/pcapdump.sock, or $PCAPDUMP_SOCKET); --http: the
      capture page too, over TLS (a PORT alone: on 127.0.0.1)
  pcapdump passwd [--file FILE] [--delete] USER
      add a user of the capture page or change their password (scrypt,
      in /etc/pcapdump/web-users unless --file), or remove them
  pcapdump [flags] gateway --listen HOST:PORT --host-key FILE
           --authorized-keys FILE [--user NAME]... [--login-grace-time S]
           [--max-startups START:RATE:FULL] [--per-source-max-startups N]
           [--max-auth-tries N] [--max-sessions N]
      the console over SSH (shell, exec) and the capture directory over
      read-only SFTP, for fwctl; on the service's captures when one runs;
      --user: the login names let in (default: the account it runs as);
      the limits are sshd_config's, with its defaults
  pcapdump [--socket PATH] --ssh-command
      OpenSSH's ForceCommand: the console, or the command sshd passes in
      SSH_ORIGINAL_COMMAND, on the service
  pcapdump read FILE [DETAIL...] [FILTER...] [--count]
      the packets of a capture file that match FILTER, as tcpdump -nn -r
      prints them (DETAIL below, -c N: the first N); --count: how many
  pcapdump bpf FILTER...
      the libpcap filter text that FILTER compiles to

${help}`;
