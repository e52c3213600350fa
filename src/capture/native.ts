import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** What `new Capture(...)` asks of libpcap (src/capture/native/, built by node-gyp from binding.gyp). */
export interface NativeOpenOptions {
  device: string;
  /** libpcap filter text; '' for everything. */
  filter: string;
  /** Bytes kept of each packet; 0 for libpcap's maximum (262144). */
  snaplen: number;
  promiscuous: boolean;
  /** Kernel ring (pcap_set_buffer_size). */
  bufferBytes: number;
  /** TPACKET_V3 block timeout (pcap_set_timeout): the longest a packet waits in a partly filled block. */
  timeoutMs: number;
  /** The native queue between the capture thread and JavaScript, in 512 KiB chunks (at least 2). */
  queueBytes: number;
}

export interface NativeStats {
  /** pcap_stats ps_drop: the kernel ring was full. */
  kernelDrops: number;
  /** pcap_stats ps_ifdrop: dropped by the interface before the packet tap. */
  ifDrops: number;
  /** pcap_stats ps_recv. */
  kernelSeen: number;
  /** Records lost between the capture thread and JavaScript (only if a record could not be held back). */
  queueDrops: number;
}

export interface NativeCapture {
  /** LINKTYPE_ value for capture files. */
  readonly linkType: number;
  /** Whether the kernel gives nanosecond timestamps (else microseconds, stored as ns). */
  readonly nanosecond: boolean;
  /** The snap length libpcap settled on. */
  readonly snapshot: number;
  /** Joins the capture thread and closes the handle; idempotent; no callback after it returns. */
  stop(): void;
  /** Refreshed by the capture thread four times a second; final after stop(). */
  stats(): NativeStats;
}

export interface NativeDevice {
  name: string;
  description: string;
  /** PCAP_IF_* flags. */
  flags: number;
}

export interface NativeModule {
  /**
   * Opens and activates the device and starts its capture thread; throws libpcap's message on one line.
   * onRecords gets classic-pcap records (16-byte little-endian header, seconds and nanoseconds) in
   * buf[0, end): valid only during the call (the thread refills it after; never transfer or detach
   * its ArrayBuffer). onEnd comes once, only when the capture ends by itself.
   */
  Capture: new (options: NativeOpenOptions, onRecords: (buf: Buffer, end: number) => void, onEnd: (error: string) => void) => NativeCapture;
  devices(): NativeDevice[];
  libraryVersion(): string;
}

export const PCAP_IF_LOOPBACK = 0x1;
export const PCAP_IF_UP = 0x2;
export const PCAP_IF_RUNNING = 0x4;

const NAME = 'pcapdump_capture.node';

/** build/Release at the package root, seen from src/capture (vitest) or dist/src/capture (built). */
function bindingPath(): string {
  for (const up of ['../../build/Release/', '../../../build/Release/']) {
    const path = fileURLToPath(new URL(up + NAME, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`the libpcap binding (${NAME}) is not built: run npm ci or bash scripts/setup.sh`);
}

let loaded: NativeModule | undefined;

/** Loads the binding on first use, so that offline commands and replays never need it. */
export function nativeModule(): NativeModule {
  loaded ??= createRequire(import.meta.url)(bindingPath()) as NativeModule;
  return loaded;
}
