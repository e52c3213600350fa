/**
 * Every printer module, imported for the tables it adds itself to (see registry.ts).
 * A new printer adds one line here, in alphabetical order.
 */
import './ahcp.js';
import './arp.js';
import './babel.js';
import './bfd.js';
import './bgp.js';
import './bootp.js';
import './dccp.js';
import './dns.js';
import './egp.js';
import './eigrp.js';
import './ether.js';
import './ether-in-ip.js';
import './gre.js';
import './hncp.js';
import './hsrp.js';
import './icmp.js';
import './icmp6.js';
import './igmp.js';
import './igrp.js';
import './ip.js';
import './ipcomp.js';
import './ipsec.js';
import './ip6.js';
import './ldp.js';
import './llc.js';
import './mobile.js';
import './mobility.js';
import './mptcp.js';
import './null.js';
import './olsr.js';
import './ospf.js';
import './pgm.js';
import './pim.js';
import './pimv1.js';
import './raw.js';
import './rip.js';
import './ripng.js';
import './rpl.js';
import './rsvp.js';
import './sctp.js';
import './sll.js';
import './tcp.js';
import './udp.js';
import './vrrp.js';
