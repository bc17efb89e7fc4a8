export type { ListEncodingOptions } from './bitstring.ts';
export {
  decodeList,
  encodeList,
  MAX_LIST_BYTES,
  MIN_LIST_BITS,
  parseStatusListIndex,
  readStatus,
  writeStatus,
} from './bitstring.ts';
