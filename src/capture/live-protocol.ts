/** What the parent asks of a live worker (argv[2], JSON). */
export interface WorkerRequest {
  device: string;
  /** Kernel filter text, already composed with the -p rule. */
  bpf: string;
  /** Bytes kept of each packet; 0 for all. */
  snapLen: number;
  /** Kernel receive buffer (libpcap's ring), bytes. */
  bufferBytes: number;
}

/** Messages from the worker over the IPC channel; packets travel on fd 3 instead. */
export type WorkerMessage =
  | { type: 'ready'; linkType: string }
  | { type: 'error'; message: string }
  /** Cumulative counts; kernel is null when they cannot be read. */
  | { type: 'drops'; kernel: number | null; pipe: number };

/** fd of the worker's record stream (after stdin, stdout, stderr). */
export const RECORD_FD = 3;

/** libpcap's warning for a device without IPv4, printed by cap to stderr: harmless, swallowed. */
export const NO_IPV4_WARNING = /^Warning: .*(no IPv4 address assigned|This may not actually work)/;
