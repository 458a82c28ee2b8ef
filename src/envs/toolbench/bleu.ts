/**
 * NLTK's `sentence_bleu([list(label)], list(pred), smoothing_function=SmoothingFunction().method3)`: BLEU-4
 * over characters (Python code points), as LLaMA-Factory and the MirrorAPI-Bench metric script call it.
 *
 * Behaviour reproduced (nltk.translate.bleu_score, 3.8):
 * - modified precision p_n = Σ min(count_hyp, count_ref) / max(1, Σ count_hyp), kept as an exact fraction;
 * - no matching unigram → the score is 0;
 * - method3: the k-th zero p_n (k = 1, 2, …) becomes 1 / (2^k · denominator);
 * - score = BP · exp(fsum(0.25 · log p_n)), BP = 1 if |hyp| > |ref| else exp(1 − |ref|/|hyp|).
 * Float operations follow Python's order, with `math.fsum`'s exactly rounded sum.
 */

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  // A run of n whole code points is a unique key for that n-gram.
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join("");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Python's `math.fsum`: Shewchuk's exact partials, then a correctly rounded total (finite inputs). */
export function fsum(values: readonly number[]): number {
  const partials: number[] = [];
  for (let x of values) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  let n = partials.length;
  if (n === 0) return 0.0;
  let hi = partials[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n]!;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // Round half-even across the remaining partials, as CPython's fsum does.
  if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/** Character-level BLEU-4 (0–1) of `pred` against the single reference `label`. */
export function charBleu4(pred: string, label: string): number {
  const hyp = Array.from(pred);
  const ref = Array.from(label);
  const numerators: number[] = [];
  const denominators: number[] = [];
  for (let n = 1; n <= 4; n++) {
    const counts = ngramCounts(hyp, n);
    const refCounts = ngramCounts(ref, n);
    let numerator = 0;
    let total = 0;
    for (const [g, c] of counts) {
      numerator += Math.min(c, refCounts.get(g) ?? 0);
      total += c;
    }
    numerators.push(numerator);
    denominators.push(Math.max(1, total));
  }
  if (numerators[0] === 0) return 0;
  let k = 1;
  const logs = numerators.map((num, i) => {
    const p = num === 0 ? 1 / (2 ** k++ * denominators[i]!) : num / denominators[i]!;
    return 0.25 * Math.log(p);
  });
  const bp = hyp.length > ref.length ? 1 : Math.exp(1 - ref.length / hyp.length);
  return bp * Math.exp(fsum(logs));
}
