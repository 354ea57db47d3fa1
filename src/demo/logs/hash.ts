/**
 * Deterministic integer hashing for generated log content: every choice a log line makes (which path, which
 * status code, how much jitter) comes from hashing the run's seed with the line's coordinates, so any line can be
 * produced on its own, in any order, without a random-number generator carrying state from line to line.
 */

const TWO_32 = 4294967296;

/** A well-mixed unsigned 32-bit hash of up to three integers: murmur3's block step per input, then its finaliser. */
export function mix(a: number, b: number, c = 0): number {
  let h = 0x9e3779b9;
  // Numbers beyond 2^32 (line indices of a firehose that has run for days) keep their high bits as a fourth word.
  for (const word of [a >>> 0, b >>> 0, Math.floor(b / TWO_32) >>> 0, c >>> 0]) {
    let k = Math.imul(word, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A hash mapped to [0, 1). */
export function unit(hash: number): number {
  return hash / TWO_32;
}

/** An integer in [min, max], chosen by the hash. */
export function between(hash: number, min: number, max: number): number {
  return min + (hash % (max - min + 1));
}

/** One element of a non-empty list, chosen by the hash. */
export function pick<T>(hash: number, items: readonly T[]): T {
  return items[hash % items.length]!;
}

/** One element of a non-empty list of `[weight, value]` pairs, chosen by the hash in proportion to the weights. */
export function weighted<T>(hash: number, items: readonly (readonly [number, T])[]): T {
  let total = 0;
  for (const [w] of items) total += w;
  let x = unit(hash) * total;
  for (const [w, value] of items) {
    if (x < w) return value;
    x -= w;
  }
  return items[items.length - 1]![1];
}
