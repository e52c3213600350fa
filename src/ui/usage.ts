/** Console commands: `help` in the console, and part of `pcapdump --help`. */
export const help = `commands (the leading word "pcapdump" is optional):
  [OPTION...] [FILTER...] start IFACE
                     capture on IFACE: a device, "any", an alias, a replay
  stop [IFACE]       stop one capture, or every running one
  status             a table of every capture
  show [IFACE]       brief lines of the packets in memory, oldest first
  write IFACE FILE   save IFACE's packets in the capture directory as FILE
                     (.cap or .pcap: classic pcap; .pcapng: pcapng);
                     %Y%m%d-%H%M%S in FILE becomes the date and time
  files              the capture directory's files: size, packets, times
  delete FILE        delete one file that pcapdump wrote
  wipe [IFACE]       stop and free one buffer, or all
  cleanup | clean    stop everything, free every buffer, delete pcapdump's files
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
`;

export const usage = `usage:
  pcapdump [--config FILE] [--dir DIR] [--replay NAME=FILE]...
           [--replay-speed N]
      the console (on a terminal) or line mode (from a pipe)
  pcapdump [same flags] -e 'CMD' [-e 'CMD']...
      run the commands, then exit
  pcapdump [same flags] gateway --listen HOST:PORT --host-key FILE
           --authorized-keys FILE
      the console over SSH (shell, exec) and the capture directory over
      read-only SFTP, for fwctl
  pcapdump read FILE [FILTER...] [--count]
      brief lines of the packets of a capture file that match FILTER
  pcapdump bpf FILTER...
      the libpcap filter text that FILTER compiles to

${help}`;
