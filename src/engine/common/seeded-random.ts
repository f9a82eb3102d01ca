/**
 * Seeded pseudo-random numbers for demo data, simulations and lotteries: the same seed always gives
 * the same sequence, on every platform, so a run can be replayed and audited from its recorded seed.
 *
 * Generator: sfc32 ("Small Fast Counting", Chris Doty-Humphrey, PractRand), 128-bit state, 32-bit
 * output, passes PractRand and BigCrush. The seed is spread over the state with splitmix32, and the
 * first 15 outputs are discarded, so neighbouring seeds (1, 2, 3) give unrelated streams.
 * Not cryptographically secure: a lottery must publish or record its seed, never rely on secrecy.
 */

const UINT32_RANGE = 0x1_0000_0000;
// Module-level aliases: hot loops then do no global lookups, which are slow in sandboxed contexts
// such as jest's vm (there the sampling below ran about 8x slower with Math.* and Number.*).
const { PI, cos, exp, floor, imul, log, min, sqrt } = Math;
const { isFinite: isFiniteNumber, isSafeInteger } = Number;

/** splitmix32 finaliser: a bijective 32-bit mix (every input bit affects every output bit). */
function mix32(value: number): number {
  let t = (value + 0x9e3779b9) | 0;
  t = imul(t ^ (t >>> 16), 0x21f0aaad);
  t = imul(t ^ (t >>> 15), 0x735a2d97);
  return (t ^ (t >>> 15)) >>> 0;
}

/** FNV-1a over UTF-16 code units, from a chosen offset basis (two bases give two independent words). */
function fnv1a(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = imul(h, 0x01000193);
  }
  return h >>> 0;
}

type SeedKey = readonly [number, number];

export class SeededRandom {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  private key: SeedKey = [0, 0];

  /**
   * @param seed any safe integer (negative and above 2^32 included: all 53 bits count).
   * @throws RangeError for NaN, infinities and fractions, which would silently collide.
   */
  constructor(seed: number) {
    if (!isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
    this.reseed([seed >>> 0, floor(seed / UINT32_RANGE) >>> 0]);
  }

  /**
   * An independent stream named `label`, derived from this generator's seed (and the labels of its own
   * ancestors), not from its current position: it does not advance this generator, and the same label
   * always gives the same stream. Use one label per purpose ("applicants", "lottery:VAC-0001") so that
   * adding draws in one part of a run does not shift the numbers of another.
   */
  fork(label: string): SeededRandom {
    const child = new SeededRandom(0);
    const k0 = mix32(this.key[0] ^ fnv1a(label, 0x811c9dc5));
    const k1 = mix32(this.key[1] ^ fnv1a(label, 0x050c5d1f) ^ k0);
    child.reseed([k0, k1]);
    return child;
  }

  /** Next raw output, an integer in [0, 2^32). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1) with 32-bit resolution. */
  next(): number {
    return this.nextUint32() / UINT32_RANGE;
  }

  /** Uniform float in [min, max). */
  float(min: number, max: number): number {
    if (!(isFiniteNumber(min) && isFiniteNumber(max) && min <= max)) {
      throw new RangeError(`float(${min}, ${max}): need finite min <= max`);
    }
    return min + (max - min) * this.next();
  }

  /**
   * Uniform integer in [min, max], both inclusive. Unbiased (rejection sampling), which matters for
   * lotteries: every ticket has exactly the same chance. The span may be at most 2^32 values.
   */
  int(min: number, max: number): number {
    if (!(isSafeInteger(min) && isSafeInteger(max) && min <= max)) {
      throw new RangeError(`int(${min}, ${max}): need integers min <= max`);
    }
    const span = max - min + 1;
    if (span > UINT32_RANGE) throw new RangeError(`int(${min}, ${max}): span above 2^32`);
    const limit = UINT32_RANGE - (UINT32_RANGE % span); // largest multiple of span that fits
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return min + (x % span);
  }

  /** True with the given probability (0..1). */
  bool(probability = 0.5): boolean {
    if (!(probability >= 0 && probability <= 1)) throw new RangeError(`bool(${probability}): need 0..1`);
    return this.next() < probability;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(0, items.length - 1)];
  }

  /** An index drawn with probability proportional to its weight (weights finite, >= 0, sum > 0). */
  weightedIndex(weights: readonly number[]): number {
    return this.drawIndex(weights.length, (i) => weights[i]);
  }

  /** A value from [value, weight] entries, with probability proportional to its weight. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    return entries[this.drawIndex(entries.length, (i) => entries[i][1])][0];
  }

  /** Normally distributed number (Box-Muller; uses two draws, keeps no spare, so state stays simple). */
  normal(mean = 0, sd = 1): number {
    const u1 = 1 - this.next(); // (0, 1]: log(0) is excluded
    const u2 = this.next();
    return mean + sd * sqrt(-2 * log(u1)) * cos(2 * PI * u2);
  }

  /** Log-normal number given its median and the sd of its logarithm (incomes, durations). */
  logNormal(median: number, sigma: number): number {
    if (!(median > 0 && sigma >= 0)) throw new RangeError(`logNormal(${median}, ${sigma}): need median > 0, sigma >= 0`);
    return median * exp(this.normal(0, sigma));
  }

  /** Exponentially distributed waiting time for an event with the given rate (mean 1 / rate). */
  exponential(rate: number): number {
    if (!(rate > 0 && isFiniteNumber(rate))) throw new RangeError(`exponential(${rate}): need rate > 0`);
    return -log(1 - this.next()) / rate;
  }

  /** A shuffled copy (Fisher-Yates); the input is not changed. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** `count` distinct elements in random order (partial Fisher-Yates); all of them if count >= length. */
  sample<T>(items: readonly T[], count: number): T[] {
    if (!(isSafeInteger(count) && count >= 0)) throw new RangeError(`sample count must be >= 0, got ${count}`);
    const out = items.slice();
    const n = min(count, out.length);
    for (let i = 0; i < n; i += 1) {
      const j = this.int(i, out.length - 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out.slice(0, n);
  }

  /**
   * Up to `count` distinct elements drawn without replacement with probability proportional to
   * `weightOf` (Efraimidis-Spirakis A-ES: key = ln(u) / w, keep the largest keys), returned in draw
   * order. Elements with weight 0 are never drawn. Uses exactly one draw per element, in input order.
   */
  weightedSample<T>(items: readonly T[], weightOf: (item: T, index: number) => number, count: number): T[] {
    if (!(isSafeInteger(count) && count >= 0)) throw new RangeError(`sample count must be >= 0, got ${count}`);
    // Keep the `count` best (key, index) pairs in a binary min-heap: O(n log count), no per-item objects.
    // "Better" means a larger key, ties going to the lower index, so the result is fully determined.
    const capacity = min(count, items.length);
    const keys = new Float64Array(capacity);
    const idx = new Int32Array(capacity);
    let size = 0;
    const worse = (i: number, j: number): boolean => keys[i] < keys[j] || (keys[i] === keys[j] && idx[i] > idx[j]);
    const swap = (i: number, j: number): void => {
      const k = keys[i];
      keys[i] = keys[j];
      keys[j] = k;
      const x = idx[i];
      idx[i] = idx[j];
      idx[j] = x;
    };
    const siftDown = (from: number): void => {
      for (let i = from; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < size && worse(l, m)) m = l;
        if (r < size && worse(r, m)) m = r;
        if (m === i) return;
        swap(i, m);
        i = m;
      }
    };
    for (let i = 0; i < items.length; i += 1) {
      const u = 1 - this.next(); // (0, 1]
      const w = weightOf(items[i], i);
      if (!(isFiniteNumber(w) && w >= 0)) throw new RangeError(`weight must be finite and >= 0, got ${w}`);
      if (w === 0 || capacity === 0) continue;
      const key = log(u) / w;
      if (size < capacity) {
        keys[size] = key;
        idx[size] = i;
        for (let c = size++; c > 0;) {
          const parent = (c - 1) >> 1;
          if (!worse(c, parent)) break;
          swap(c, parent);
          c = parent;
        }
      } else if (key > keys[0]) {
        // equal keys keep the earlier (lower) index already in the heap
        keys[0] = key;
        idx[0] = i;
        siftDown(0);
      }
    }
    const order = Array.from(idx.subarray(0, size).keys()).map((h) => ({ key: keys[h], index: idx[h] }));
    order.sort((x, y) => y.key - x.key || x.index - y.index);
    return order.map(({ index }) => items[index]);
  }

  /** One draw; walks the cumulative weights. */
  private drawIndex(length: number, weightAt: (index: number) => number): number {
    let total = 0;
    for (let i = 0; i < length; i += 1) {
      const w = weightAt(i);
      if (!(isFiniteNumber(w) && w >= 0)) throw new RangeError(`weight must be finite and >= 0, got ${w}`);
      total += w;
    }
    if (!(total > 0)) throw new RangeError('weights must have a positive sum');
    let r = this.next() * total;
    let last = -1;
    for (let i = 0; i < length; i += 1) {
      const w = weightAt(i);
      if (w === 0) continue;
      last = i;
      r -= w;
      if (r < 0) return i;
    }
    return last; // rounding can leave r a hair above zero: the last positive weight takes it
  }

  private reseed(key: SeedKey): void {
    this.key = key;
    // splitmix32 stream from the first key word; the second word is folded into c, so all 64 seed
    // bits reach the state; then warm up so the first outputs are already well mixed.
    let s = key[0];
    const nextSplit = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      return mix32(s);
    };
    this.a = nextSplit() | 0;
    this.b = nextSplit() | 0;
    this.c = (nextSplit() ^ mix32(key[1] ^ 0x6a09e667)) | 0;
    this.d = 1;
    for (let i = 0; i < 15; i += 1) this.nextUint32();
  }
}
