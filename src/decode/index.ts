import type { PacketView } from '../pcap/types.js';
import { decodeSummary } from './decode.js';
import { formatBrief } from './format.js';
import { createSummary } from './summary.js';

export { decodeSummary } from './decode.js';
export { formatBrief } from './format.js';
export { formatTime } from './time.js';
export { createSummary, resetSummary, Ip6Ext, TcpFlag } from './summary.js';
export type { NetKind, Summary, TransportKind } from './summary.js';

const shared = createSummary();

/** The brief line of one packet (decodes into one module-wide Summary: copy nothing out of it). */
export function brief(p: PacketView): string {
  return formatBrief(decodeSummary(p, shared));
}
