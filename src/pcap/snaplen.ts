/**
 * libpcap's notion of a sane capture length, mirrored so that we accept and
 * refuse the same records as tcpdump does (pcap-common.c max_snaplen_for_dlt).
 */
export const MAXIMUM_SNAPLEN = 262144;

export function maxSnapLenFor(linkType: number): number {
  switch (linkType) {
    case 231: // D-Bus messages can be up to 128 MiB
      return 128 * 1024 * 1024;
    case 279: // EBHSCR
      return 8 * 1024 * 1024;
    case 249: // USBPcap
      return 1024 * 1024;
    default:
      return MAXIMUM_SNAPLEN;
  }
}

/** A header snaplen of 0 or above the sane maximum means "the maximum", as libpcap reads it. */
export function adjustSnapLen(linkType: number, snapLen: number): number {
  const max = maxSnapLenFor(linkType);
  return snapLen === 0 || snapLen > max ? max : snapLen;
}
