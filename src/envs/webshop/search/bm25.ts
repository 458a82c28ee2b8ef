/**
 * Lucene 8 `BM25Similarity` arithmetic, float32 (`Math.fround`) at every step in Lucene's order:
 * one-byte length norms (`SmallFloat.intToByte4` / `byte4ToInt`), `idf = (float) ln(1 + (N − n + 0.5)/(n + 0.5))`
 * (double inside), `avgdl = (float)(sumTotalTermFreq / (double) docCount)`,
 * `cache[b] = 1f / (k1 * ((1 − b) + b * LENGTH_TABLE[b] / avgdl))`, term score
 * `w − w / (1f + freq * cache[norm])` with `w = boost * idf` (no `(k1 + 1)` factor since Lucene 8).
 */
const f = Math.fround;

export const K1 = f(0.9);
export const B = f(0.4);

/** `SmallFloat.longToInt4`: 4-bit-mantissa float encoding of a non-negative integer. */
function longToInt4(i: number): number {
  const numBits = 32 - Math.clz32(i);
  if (numBits < 4) return i; // subnormal
  const shift = numBits - 4;
  // keep the 4 most significant bits, drop the implicit leading one, store shift + 1 above them
  return ((i >>> shift) & 0x07) | ((shift + 1) << 3);
}
function int4ToLong(i: number): number {
  const bits = i & 0x07;
  const shift = (i >>> 3) - 1;
  return shift === -1 ? bits : (bits | 0x08) * 2 ** shift;
}
const MAX_INT4 = longToInt4(0x7fffffff);
const NUM_FREE_VALUES = 255 - MAX_INT4; // 24

/** `SmallFloat.intToByte4` (unsigned byte value 0..255). */
export function intToByte4(i: number): number {
  if (i < 0 || !Number.isInteger(i)) throw new RangeError(`bad length ${i}`);
  return i < NUM_FREE_VALUES ? i : NUM_FREE_VALUES + longToInt4(i - NUM_FREE_VALUES);
}

/** `SmallFloat.byte4ToInt`. */
export function byte4ToInt(b: number): number {
  return b < NUM_FREE_VALUES ? b : NUM_FREE_VALUES + int4ToLong(b - NUM_FREE_VALUES);
}

/** `BM25Similarity.LENGTH_TABLE`: decoded doc length per norm byte. */
export const LENGTH_TABLE: readonly number[] = Array.from({ length: 256 }, (_, b) => byte4ToInt(b));

/** `BM25Similarity.idf` (float). */
export function idf(docFreq: number, docCount: number): number {
  return f(Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5)));
}

/** `avgFieldLength` (float). */
export function avgFieldLength(sumTotalTermFreq: number, docCount: number): number {
  return f(sumTotalTermFreq / docCount);
}

/** The per-norm-byte `1 / (k1 * ((1 - b) + b * dl / avgdl))` cache, float. */
export function normInverseCache(avgdl: number, k1 = K1, b = B): Float32Array {
  const cache = new Float32Array(256);
  const oneMinusB = f(1 - b);
  for (let i = 0; i < 256; i++) cache[i] = f(1 / f(k1 * f(oneMinusB + f(f(b * LENGTH_TABLE[i]!) / avgdl))));
  return cache;
}

/** One term's score in one doc: `weight - weight / (1f + freq * normInverse)`, float. */
export function termScore(weight: number, freq: number, normInverse: number): number {
  return f(weight - f(weight / f(1 + f(freq * normInverse))));
}
