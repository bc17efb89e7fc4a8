/** Bits per key and probes: about 0.3 % false "maybe" answers per layer. */
const BITS_PER_KEY = 12;
const PROBES = 8;
/** Keys the first layer is sized for; each further layer holds twice as many. */
const FIRST_LAYER_KEYS = 1 << 16;

/** 32-bit hash of a string's UTF-16 code units (murmur3-style mixing), seeded. */
function hash(key: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < key.length; i++) {
    let k = Math.imul(key.charCodeAt(i), 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  }
  h ^= key.length;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

interface Layer {
  bits: Uint32Array;
  /** Number of bits (a power of two). */
  size: number;
  capacity: number;
  count: number;
}

function newLayer(capacity: number): Layer {
  let size = 32;
  while (size < capacity * BITS_PER_KEY) size *= 2;
  return { bits: new Uint32Array(size / 32), size, capacity, count: 0 };
}

/** A set of strings that answers "certainly absent" or "maybe present". */
export interface KeyFilter {
  add(key: string): void;
  /** False: `key` was never added. True: it may have been (rarely when it was not). */
  mayHave(key: string): boolean;
}

/**
 * A Bloom filter that grows (a new layer of twice the size when the last is full), so it needs no
 * size up front: memory ~1.5 bytes a key, false "maybe" answers well under 1 % (a few tenths of a
 * percent per layer), never a false "absent".
 *
 * @example
 * const seen = keyFilter();
 * seen.add('rec!urn:uuid:1');
 * seen.mayHave('rec!urn:uuid:2'); // false (almost always)
 */
export function keyFilter(): KeyFilter {
  const layers: Layer[] = [newLayer(FIRST_LAYER_KEYS)];
  const probe = (layer: Layer, h1: number, h2: number, set: boolean): boolean => {
    const mask = layer.size - 1;
    for (let i = 0; i < PROBES; i++) {
      const bit = (h1 + Math.imul(i, h2)) & mask;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      if (set) layer.bits[word]! |= flag;
      else if ((layer.bits[word]! & flag) === 0) return false;
    }
    return true;
  };
  return {
    add(key) {
      let last = layers[layers.length - 1]!;
      if (last.count >= last.capacity) {
        last = newLayer(last.capacity * 2);
        layers.push(last);
      }
      probe(last, hash(key, 0x9747b28c), hash(key, 0x5bd1e995) | 1, true);
      last.count++;
    },
    mayHave(key) {
      const h1 = hash(key, 0x9747b28c);
      const h2 = hash(key, 0x5bd1e995) | 1;
      return layers.some((layer) => probe(layer, h1, h2, false));
    },
  };
}
