import { readFileSync } from 'node:fs';

/** ARPHRD_ETHER in /sys/class/net/DEV/type. */
const ARPHRD_ETHER = 1;

function sysNet(device: string, file: string): string | null {
  if (!/^[A-Za-z0-9_.:@-]{1,15}$/.test(device)) return null;
  try {
    return readFileSync(`/sys/class/net/${device}/${file}`, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Whether the interface is still there (a capture's end tells "disappeared" from other deaths). */
export function interfaceExists(device: string): boolean {
  return sysNet(device, 'ifindex') !== null;
}

/** The interface's MAC when it is Ethernet-like (not loopback, not `any`, not a tunnel). */
export function ethernetAddress(device: string): string | null {
  if (Number(sysNet(device, 'type')) !== ARPHRD_ETHER) return null;
  const mac = sysNet(device, 'address');
  return mac && /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(mac) && mac !== '00:00:00:00:00:00' ? mac : null;
}

/**
 * The kernel filter for a request. cap always opens promiscuous, so without -p we keep
 * only what this host's NIC would have accepted: unicast to or from its MAC, broadcast,
 * multicast. The MAC test comes first so that a `vlan` in the user's filter, which shifts
 * every later offset, cannot shift it.
 */
export function kernelFilter(device: string, bpf: string, promiscuous: boolean, mac = ethernetAddress(device)): string {
  if (promiscuous || mac === null) return bpf;
  const own = `(ether dst ${mac} or ether src ${mac} or ether broadcast or ether multicast)`;
  return bpf === '' ? own : `${own} and (${bpf})`;
}
