/**
 * ROUGE as `rouge_chinese` 1.0.3 (`Rouge().get_scores(hyp, ref)`) computes it on space-joined jieba tokens,
 * which is how LLaMA-Factory's `ComputeSimilarity` and the MirrorAPI-Bench metric script call it.
 *
 * Behaviour reproduced:
 * - Sentences: `cut_sent` breaks after 。！？? (unless a closing quote ” ’ follows), after six dots, after
 *   two "…", and after such a mark plus a closing quote; then right-strips and splits on "\n". Sentences
 *   that are empty are dropped, each other one is whitespace-normalised (`" ".join(s.split())`), so a
 *   sentence of blanks survives as "" and later counts as one empty word.
 * - Words are the sentences' `split(" ")` chained, so n-grams run across sentence boundaries.
 * - ROUGE-1/2 count *distinct* n-grams (sets: the default `exclusive=True`); ROUGE-L is the plain LCS of
 *   the two whole word lists (1.0.3 replaced the summary-level union LCS with this), over all words.
 * - F = 2·(P·R)/(P+R+1e-8), with P (R) = 0 when the hypothesis (reference) has no n-gram.
 * - An empty sentence list raises "Hypothesis is empty." / "Reference is empty." (ROUGE-1 runs first).
 */
import { jiebaCut } from "./jieba-ascii.js";

export interface RougeScores {
  "rouge-1": number;
  "rouge-2": number;
  "rouge-l": number;
}

/** Python's `str.isspace()` set, which is also what `\s` and `split()` use for str in Python 3. */
export const PY_WHITESPACE =
  "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PY_WS_RUN = new RegExp(`[${PY_WHITESPACE}]+`, "u");
const PY_TRAILING_WS = new RegExp(`[${PY_WHITESPACE}]+$`, "u");

/** Python's `s.split()`: runs of whitespace separate, leading/trailing whitespace gives no empty field. */
export function pySplitWhitespace(s: string): string[] {
  return s.split(PY_WS_RUN).filter((w) => w.length > 0);
}

/** rouge_chinese's `Rouge.cut_sent`. */
export function cutSentences(para: string): string[] {
  return para
    .replace(/([。！？?])([^”’])/gu, "$1\n$2")
    .replace(/(\.{6})([^”’])/gu, "$1\n$2")
    .replace(/(…{2})([^”’])/gu, "$1\n$2")
    .replace(/([。！？?][”’])([^，。！？?])/gu, "$1\n$2")
    .replace(PY_TRAILING_WS, "")
    .split("\n");
}

function toWords(text: string): string[] {
  const sentences = cutSentences(text)
    .filter((s) => s.length > 0)
    .map((s) => pySplitWhitespace(s).join(" "));
  return sentences.flatMap((s) => s.split(" "));
}

/** Distinct n-grams; words never contain whitespace, so "\n" joins them unambiguously. */
function ngramSet(words: string[], n: number): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) set.add(words.slice(i, i + n).join("\n"));
  return set;
}

function fScore(precision: number, recall: number): number {
  return 2.0 * ((precision * recall) / (precision + recall + 1e-8));
}

function rougeN(hyp: string[], ref: string[], n: number): number {
  const hypSet = ngramSet(hyp, n);
  const refSet = ngramSet(ref, n);
  let overlap = 0;
  for (const g of hypSet) if (refSet.has(g)) overlap++;
  const precision = hypSet.size === 0 ? 0.0 : overlap / hypSet.size;
  const recall = refSet.size === 0 ? 0.0 : overlap / refSet.size;
  return fScore(precision, recall);
}

/** Length of the longest common subsequence, one DP row at a time over interned words. */
function lcsLength(a: string[], b: string[]): number {
  const ids = new Map<string, number>();
  const intern = (w: string): number => {
    let id = ids.get(w);
    if (id === undefined) ids.set(w, (id = ids.size));
    return id;
  };
  const x = a.map(intern);
  const y = b.map(intern);
  let prev = new Int32Array(y.length + 1);
  let cur = new Int32Array(y.length + 1);
  for (const xi of x) {
    for (let j = 1; j <= y.length; j++) {
      cur[j] = xi === y[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length]!;
}

/** `Rouge().get_scores(hyp, ref)[0][m]["f"]` for the three default metrics; throws as rouge_chinese does. */
export function rougeChineseScores(hyp: string, ref: string): RougeScores {
  const hypWords = toWords(hyp);
  const refWords = toWords(ref);
  // toWords yields no word exactly when cut_sent leaves no non-empty sentence.
  if (hypWords.length === 0) throw new Error("Hypothesis is empty.");
  if (refWords.length === 0) throw new Error("Reference is empty.");
  const llcs = lcsLength(refWords, hypWords);
  return {
    "rouge-1": rougeN(hypWords, refWords, 1),
    "rouge-2": rougeN(hypWords, refWords, 2),
    "rouge-l": fScore(llcs / hypWords.length, llcs / refWords.length),
  };
}

/**
 * ROUGE-1/2/L F (0–1) of `pred` against `label` over jieba tokens, as LLaMA-Factory's `ComputeSimilarity`
 * does: the tokens are space-joined for rouge_chinese, and a side with no non-blank token scores 0 instead
 * of raising.
 */
export function rougeF(pred: string, label: string): RougeScores {
  const hyp = jiebaCut(pred).join(" ");
  const ref = jiebaCut(label).join(" ");
  if (pySplitWhitespace(hyp).length === 0 || pySplitWhitespace(ref).length === 0) {
    return { "rouge-1": 0.0, "rouge-2": 0.0, "rouge-l": 0.0 };
  }
  return rougeChineseScores(hyp, ref);
}
