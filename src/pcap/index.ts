export { openCapture, type CaptureReader, type OpenOptions } from './reader.js';
export { bufferSource } from './bytes.js';
export { PcapWriter, pcapFileHeader, writeRecordHeader, PCAP_FILE_HEADER, PCAP_RECORD_HEADER, type PcapHeaderOptions } from './writer.js';
export { PcapngWriter, pcapngPreamble, type PcapngWriterOptions } from './pcapng-writer.js';
export { adjustSnapLen, maxSnapLenFor, MAXIMUM_SNAPLEN } from './snaplen.js';
export { forEachRecord } from './records.js';
export { CaptureFileError, type PacketView, type InterfaceInfo, type ByteSource } from './types.js';
export { LinkType, linkTypeName, normalizeLinkType } from './linktype.js';
