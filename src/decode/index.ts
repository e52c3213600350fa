export { Decoder, StreamDecoders, brief, invalidHeader } from './decoder.js';
export type { DecodeOptions } from './dissector.js';
export { formatTime } from './time.js';
