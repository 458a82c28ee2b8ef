/**
 * Word-level F1 as in the SQuAD evaluation script (`normalize_answer` + `f1_score`), the metric the paper
 * reports beside exact match for StableToolBench.
 *
 * Normalisation, in the script's order:
 *   1. lowercase (full Unicode lowercasing, like Python's str.lower());
 *   2. remove punctuation: the 32 ASCII characters of Python's string.punctuation
 *      !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~ (non-ASCII punctuation is kept, as upstream);
 *   3. remove the articles "a", "an", "the" as whole words (word boundaries as Python's Unicode `\b`:
 *      letters, digits and "_" are word characters), each replaced by a space;
 *   4. collapse whitespace: split on Python's whitespace set (str.split()) and rejoin with single spaces.
 * Tokens are the whitespace-separated words of the result. F1 uses the multiset (bag) overlap of the two
 * token lists: P = overlap / |pred|, R = overlap / |truth|, F1 = 2PR / (P + R). When either side has no
 * tokens, F1 is 1 if both have none and 0 otherwise; no overlap gives 0. The result lies in [0, 1].
 */

// Python's str.isspace() set, the same one util/pystr.ts strips (a test checks that they agree).
// eslint-disable-next-line no-control-regex -- U+001C–U+001F are whitespace to Python
const PY_SPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;
const ASCII_PUNCT = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/gu;
// Python's `\b(a|an|the)\b` on str patterns: a word character is alphanumeric (str.isalnum()) or "_".
// "_" never reaches this step (it is punctuation), so letters and numbers suffice.
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/** The SQuAD `normalize_answer` of a string. */
export function normalizeAnswer(s: string): string {
  return wordTokens(s).join(" ");
}

/** The tokens of the normalised string (empty for a string with no words). */
export function wordTokens(s: string): string[] {
  const text = s.toLowerCase().replace(ASCII_PUNCT, "").replace(ARTICLES, " ");
  return text.split(PY_SPACE).filter((t) => t !== "");
}

/** SQuAD word F1 of a prediction against the truth, in [0, 1]. */
export function wordF1(pred: string, truth: string): number {
  return tokenF1(wordTokens(pred), wordTokens(truth));
}

/** F1 of two token lists by multiset overlap (both empty: 1; one empty: 0). */
export function tokenF1(pred: readonly string[], truth: readonly string[]): number {
  if (pred.length === 0 || truth.length === 0) return pred.length === truth.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of truth) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of pred) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      same++;
      counts.set(t, c - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / pred.length;
  const recall = same / truth.length;
  return (2 * precision * recall) / (precision + recall);
}
