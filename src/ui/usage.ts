export const usage = `usage:
  pcapdump read FILE [FILTER...] [--count]   brief lines of the packets of a capture file that match FILTER
  pcapdump bpf FILTER...                     the libpcap filter text that FILTER compiles to

FILTER  eth MAC | ethsrc MAC | ethdest MAC
        ip ADDR | ipsrc ADDR | ipdest ADDR       (IPv4 or IPv6, optionally /PREFIX)
        port N | srcport N | destport N          (N or a range N-M)
        proto ID | proto tcp|udp|icmp | tcp | udp | icmp | icmp6 | arp
        vlan N
        Different keys are ANDed; the same key given twice is ORed.
`;
