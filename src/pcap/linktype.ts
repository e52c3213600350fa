/** Link-layer header types (tcpdump.org/linktypes.html) that pcapdump decodes and filters. */
export const LinkType = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/** pcap files of some systems write DLT_RAW as 12 or 14; libpcap maps them to 101. */
export function normalizeLinkType(raw: number): number {
  if (raw === 12 || raw === 14) return LinkType.RAW;
  return raw;
}

const names: Record<number, string> = {
  0: 'NULL',
  1: 'EN10MB',
  101: 'RAW',
  108: 'LOOP',
  113: 'LINUX_SLL',
  228: 'IPV4',
  229: 'IPV6',
  276: 'LINUX_SLL2',
};

export function linkTypeName(linkType: number): string {
  return names[linkType] ?? `LINKTYPE_${linkType}`;
}
