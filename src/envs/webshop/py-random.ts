/**
 * CPython's `random.Random` (Lib/random.py over Modules/_randommodule.c), reproduced call for call so that
 * WebShop's goal order (`random.seed(233); random.shuffle(goals)`) and `price_upper` draws
 * (`random.sample(price_range, 2)`) come out exactly as AgentGym serves them. The MT19937 core is the
 * reference algorithm (Matsumoto & Nishimura); the layers above follow Python 3.8–3.13, which agree on
 * every method here (AgentGym pins Python 3.8; its `shuffle` without `random=` already used `_randbelow`).
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** Mersenne prime 2**61 - 1: the modulus of CPython's numeric hash on 64-bit builds. */
const HASH_MODULUS = (1n << 61n) - 1n;
const HASH_BITS = 61n;

/** A snapshot of the generator (what `getstate()` carries, minus the gauss cache, which nothing here uses). */
export interface PyRandomState {
  mt: number[];
  index: number;
}

export class PyRandom {
  private readonly mt = new Uint32Array(N);
  private index = N + 1;

  /** `random.Random(seed)`. A seed is required: seeding from the clock would make runs irreproducible. */
  constructor(seed: number | bigint) {
    this.seed(seed);
  }

  /**
   * `seed(a)`. A bigint, or a number that is an integer, is seeded as a Python int (its absolute value, all
   * bits). Any other number is seeded as a Python float (`seedFloat`), as `random.seed(time.time())` does.
   */
  seed(a: number | bigint): void {
    if (typeof a === "bigint") return this.initByInt(a < 0n ? -a : a);
    if (!Number.isFinite(a)) throw new RangeError(`PyRandom.seed: ${a} is not a finite number`);
    if (Number.isInteger(a)) return this.initByInt(BigInt(Math.abs(a)));
    this.seedFloat(a);
  }

  /**
   * `seed(x)` for a Python float x: CPython seeds with `(size_t)hash(x)`, not `abs(x)`, so a negative float
   * seeds with 2**64 + hash(x) and an integral float (e.g. `-5.0`) differs from the int `-5`.
   */
  seedFloat(x: number): void {
    if (!Number.isFinite(x)) throw new RangeError(`PyRandom.seedFloat: ${x} is not a finite number`);
    const h = pyFloatHash(x);
    this.initByInt(h < 0n ? (1n << 64n) + h : h);
  }

  /** The value as Python's init_by_array sees it: 32-bit words, least significant first, at least one. */
  private initByInt(n: bigint): void {
    const key: number[] = [];
    let v = n;
    do {
      key.push(Number(v & 0xffffffffn));
      v >>= 32n;
    } while (v > 0n);
    this.initByArray(key);
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]!;
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.index = N;
  }

  private initByArray(key: readonly number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = ((mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = ((mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000; // MSB is 1, assuring a non-zero initial array
  }

  /** genrand_uint32: the next raw 32-bit output. */
  private next32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
        mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = (mt[N - 1]! & UPPER_MASK) | (mt[0]! & LOWER_MASK);
      mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.index = 0;
    }
    let y = mt[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `random()`: 53 bits from two outputs, (a*2**26 + b) / 2**53 with a = 27 bits, b = 26 bits. */
  random(): number {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864 + b) * (1 / 9007199254740992);
  }

  /** `getrandbits(k)`: one output per 32 bits, least significant word first, the last word's low bits dropped. */
  getrandbits(k: number): bigint {
    if (!Number.isSafeInteger(k) || k < 0) throw new RangeError(`getrandbits: bad bit count ${k}`);
    if (k === 0) return 0n;
    if (k <= 32) return BigInt(this.next32() >>> (32 - k));
    let result = 0n;
    let shift = 0n;
    for (let left = k; left > 0; left -= 32) {
      let r = this.next32();
      if (left < 32) r >>>= 32 - left;
      result |= BigInt(r) << shift;
      shift += 32n;
    }
    return result;
  }

  /** `_randbelow(n)` = `_randbelow_with_getrandbits`: draw bit_length(n) bits until the value is below n. */
  randbelow(n: number): number {
    if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`randbelow: bad bound ${n}`);
    if (n <= 0xffffffff) {
      const k = 32 - Math.clz32(n); // n.bit_length(), n itself (not n-1): n can be 1
      let r = this.next32() >>> (32 - k);
      while (r >= n) r = this.next32() >>> (32 - k);
      return r;
    }
    const big = BigInt(n);
    const k = big.toString(2).length;
    let r = this.getrandbits(k);
    while (r >= big) r = this.getrandbits(k);
    return Number(r);
  }

  /** `randrange(stop)` / `randrange(start, stop[, step])` over safe integers, Python's error cases. */
  randrange(start: number, stop?: number, step = 1): number {
    for (const [name, v] of [
      ["start", start],
      ["stop", stop],
      ["step", step],
    ] as const) {
      if (v !== undefined && !Number.isSafeInteger(v))
        throw new TypeError(`randrange: ${name} ${v} is not an int`);
    }
    if (stop === undefined) {
      if (step !== 1) throw new TypeError("randrange: missing a non-None stop argument");
      if (start > 0) return this.randbelow(start);
      throw new RangeError("empty range for randrange()");
    }
    const width = stop - start;
    if (step === 1) {
      if (width > 0) return start + this.randbelow(width);
      throw new RangeError(`empty range for randrange() (${start}, ${stop}, ${width})`);
    }
    let n: number;
    if (step > 0) n = Math.floor((width + step - 1) / step);
    else if (step < 0) n = Math.floor((width + step + 1) / step);
    else throw new RangeError("zero step for randrange()");
    if (n <= 0) throw new RangeError("empty range for randrange()");
    return start + step * this.randbelow(n);
  }

  /** `randint(a, b)` = `randrange(a, b + 1)`. */
  randint(a: number, b: number): number {
    return this.randrange(a, b + 1);
  }

  /** `choice(seq)`. */
  choice<T>(seq: readonly T[]): T {
    if (seq.length === 0) throw new RangeError("Cannot choose from an empty sequence");
    return seq[this.randbelow(seq.length)]!;
  }

  /** `shuffle(x)` in place: Fisher–Yates from the end, j = _randbelow(i + 1). */
  shuffle<T>(x: T[]): void {
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.randbelow(i + 1);
      const t = x[i]!;
      x[i] = x[j]!;
      x[j] = t;
    }
  }

  /**
   * `sample(population, k)`: the pool branch (swap-removal from a copy) when the population is no larger
   * than Python's estimate of a k-element set's size, else the set branch (redraw on repeats). The branch
   * changes which outputs are consumed, so the threshold is Python's exactly.
   */
  sample<T>(population: readonly T[], k: number): T[] {
    const n = population.length;
    if (!Number.isSafeInteger(k) || k < 0 || k > n)
      throw new RangeError("Sample larger than population or is negative");
    const result: T[] = new Array<T>(k);
    let setsize = 21; // size of a small set minus size of an empty list
    if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4)); // Python's math.log(k*3, 4)
    if (n <= setsize) {
      const pool = population.slice();
      for (let i = 0; i < k; i++) {
        const j = this.randbelow(n - i);
        result[i] = pool[j]!;
        pool[j] = pool[n - i - 1]!;
      }
    } else {
      const selected = new Set<number>();
      for (let i = 0; i < k; i++) {
        let j = this.randbelow(n);
        while (selected.has(j)) j = this.randbelow(n);
        selected.add(j);
        result[i] = population[j]!;
      }
    }
    return result;
  }

  /** `uniform(a, b)` = `a + (b - a) * random()` (same double operations as Python). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.random();
  }

  getState(): PyRandomState {
    return { mt: Array.from(this.mt), index: this.index };
  }

  setState(state: PyRandomState): void {
    if (state.mt.length !== N || !Number.isInteger(state.index) || state.index < 0 || state.index > N)
      throw new RangeError("PyRandom.setState: invalid state");
    this.mt.set(state.mt);
    this.index = state.index;
  }
}

/**
 * CPython's `hash(float)` (Python/pyhash.c, 64-bit): for x = ±m·2**e exactly, ±(m · 2**e mod P) with
 * P = 2**61 - 1 (2**61 ≡ 1, so 2**e mod P = 2**(e mod 61) for negative e too), and -1 mapped to -2.
 */
export function pyFloatHash(x: number): bigint {
  if (!Number.isFinite(x)) throw new RangeError(`pyFloatHash: ${x} is not finite`);
  if (x === 0) return 0n;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // Subnormals have no implicit bit and exponent 1 - 1075.
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = BigInt((biased === 0 ? 1 : biased) - 1075);
  const e = ((exponent % HASH_BITS) + HASH_BITS) % HASH_BITS;
  let h = ((mantissa % HASH_MODULUS) << e) % HASH_MODULUS;
  if (negative) h = -h;
  return h === -1n ? -2n : h;
}
