/**
 * The text-similarity metrics reported for MirrorAPI-Bench (StableToolBench-MirrorAPI, Table 3), reproduced
 * so that our numbers for the same prediction files equal the published ones:
 * - the benchmark's own scripts: `convert_format.py` turns predict and label into
 *   "ERROR: <error>\nRESPONSE: <response>", then `compute_metrics.py` scores character BLEU-4 and jieba
 *   ROUGE-1/2/L per sample (×100, rounded to 4 places), averages them and prints them rounded to 2 places;
 * - LLaMA-Factory's `ComputeSimilarity` (`predict_bleu-4`, `predict_rouge-*`): the same per-sample scores on
 *   the raw strings, averaged without the final rounding.
 */
import { charBleu4 } from "./bleu.js";
import { parseJson, PyLiteralError, pyStr, type PyValue } from "./py-literal.js";
import { PY_WHITESPACE, rougeF } from "./rouge.js";

export { charBleu4 } from "./bleu.js";
export { rougeF } from "./rouge.js";

export interface SimilarityMetrics {
  "bleu-4": number;
  "rouge-1": number;
  "rouge-2": number;
  "rouge-l": number;
}

export interface PredictionRow {
  predict: string;
  label: string;
}

// StableToolBench's MirrorAPI server salvages non-JSON output with this regex (re.DOTALL); the benchmark's
// conversion gives the same strings for all 600 published SFT predictions, including "None" when it fails.
const SALVAGE = new RegExp(
  `"error":[${PY_WHITESPACE}]*"([^"]*)",[${PY_WHITESPACE}]*"response":[${PY_WHITESPACE}]*"([\\s\\S]*)`,
  "u",
);

/**
 * The official conversion of one model output (or label). Valid JSON (as Python's `json.loads` reads it)
 * gives `str()` of its "error" and "response"; otherwise the salvage regex captures the error up to the
 * next quote and the response to the end of the text; with no match both are "None". A JSON value that is
 * not an object with both keys throws, as the Python script does.
 */
export function convertMirrorApiOutput(output: string): string {
  let parsed: PyValue | undefined;
  try {
    parsed = parseJson(output);
  } catch (e) {
    if (!(e instanceof PyLiteralError)) throw e;
  }
  if (parsed === undefined) {
    const m = SALVAGE.exec(output);
    return m ? `ERROR: ${m[1]}\nRESPONSE: ${m[2]}` : "ERROR: None\nRESPONSE: None";
  }
  if (!(parsed instanceof Map) || !parsed.has("error") || !parsed.has("response")) {
    throw new Error('MirrorAPI output is JSON but not an object with "error" and "response"');
  }
  return `ERROR: ${pyStr(parsed.get("error")!)}\nRESPONSE: ${pyStr(parsed.get("response")!)}`;
}

/**
 * Python's `round(x, ndigits)` for a float: the exact binary value rounded half-even to `ndigits`
 * decimals, then read back as the nearest double.
 */
export function pyRound(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biasedExp = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  // |x| = mantissa · 2^exp exactly.
  const mantissa = biasedExp === 0 ? fraction : fraction | (1n << 52n);
  const exp = (biasedExp === 0 ? 1 : biasedExp) - 1075;
  if (exp >= 0) return x;
  const num = mantissa * 10n ** BigInt(ndigits);
  const den = 1n << BigInt(-exp);
  let q = num / den;
  const twiceRem = 2n * (num % den);
  if (twiceRem > den || (twiceRem === den && q % 2n === 1n)) q += 1n;
  const rounded = Number(`${q}e-${ndigits}`);
  return x < 0 ? -rounded : rounded;
}

/**
 * `float(np.mean(values))` for float64: numpy sums a contiguous array pairwise (8 accumulators up to 128
 * elements, halves above), then divides by the count.
 */
export function npMean(values: readonly number[]): number {
  return pairwiseSum(values, 0, values.length) / values.length;
}

function pairwiseSum(a: readonly number[], start: number, n: number): number {
  if (n < 8) {
    let res = 0.0;
    for (let i = start; i < start + n; i++) res += a[i]!;
    return res;
  }
  if (n <= 128) {
    const r = a.slice(start, start + 8);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j]! += a[start + i + j]!;
    let res = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

/** One sample's scores ×100, each rounded to 4 decimals (LLaMA-Factory and ChatGLM's metric code). */
function sampleScores(pred: string, label: string): SimilarityMetrics {
  const rouge = rougeF(pred, label);
  return {
    "bleu-4": pyRound(charBleu4(pred, label) * 100, 4),
    "rouge-1": pyRound(rouge["rouge-1"] * 100, 4),
    "rouge-2": pyRound(rouge["rouge-2"] * 100, 4),
    "rouge-l": pyRound(rouge["rouge-l"] * 100, 4),
  };
}

function meanScores(pairs: readonly PredictionRow[]): SimilarityMetrics {
  const scores = pairs.map((r) => sampleScores(r.predict, r.label));
  const mean = (k: keyof SimilarityMetrics): number => npMean(scores.map((s) => s[k]));
  return {
    "bleu-4": mean("bleu-4"),
    "rouge-1": mean("rouge-1"),
    "rouge-2": mean("rouge-2"),
    "rouge-l": mean("rouge-l"),
  };
}

/** LLaMA-Factory's `predict_bleu-4` / `predict_rouge-*` on the raw predict/label strings (percent). */
export function llamaFactoryMetrics(rows: readonly PredictionRow[]): SimilarityMetrics {
  return meanScores(rows);
}

/** MirrorAPI-Bench's `convert_format.py` + `compute_metrics.py` output (percent, 2 decimals). */
export function mirrorApiOfficialMetrics(rows: readonly PredictionRow[]): SimilarityMetrics {
  const converted = rows.map((r) => ({
    predict: convertMirrorApiOutput(r.predict),
    label: convertMirrorApiOutput(r.label),
  }));
  const m = meanScores(converted);
  return {
    "bleu-4": pyRound(m["bleu-4"], 2),
    "rouge-1": pyRound(m["rouge-1"], 2),
    "rouge-2": pyRound(m["rouge-2"], 2),
    "rouge-l": pyRound(m["rouge-l"], 2),
  };
}
