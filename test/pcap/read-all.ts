import { bufferSource } from '../../src/pcap/bytes.js';
import { openCapture, type CaptureReader } from '../../src/pcap/reader.js';
import { CaptureFileError } from '../../src/pcap/types.js';

export interface Got {
  linkType: number;
  interfaceId: number;
  tsSec: number;
  tsNsec: number;
  capLen: number;
  origLen: number;
  data: Buffer;
}

/** Reads everything, copying each reused view; returns the packets and the error that ended it, if any. */
export function readAll(data: Buffer, name = 'test.pcap', chunkSize?: number): { reader?: CaptureReader; packets: Got[]; error?: CaptureFileError } {
  const packets: Got[] = [];
  let reader: CaptureReader | undefined;
  try {
    reader = openCapture(bufferSource(data), name, { chunkSize });
    for (let p = reader.next(); p; p = reader.next()) {
      packets.push({ ...p, data: Buffer.from(p.buf.subarray(p.offset, p.offset + p.capLen)) });
    }
    return { reader, packets };
  } catch (e) {
    if (e instanceof CaptureFileError) return { reader, packets, error: e };
    throw e;
  }
}
