/**
 * Scores of a simulated API response against the real one (one `{"error": …, "response": …}` string
 * each), the reference's way and two JSON-aware ways:
 *
 * - `em`: Word2World's exact match, `pred.strip() == gt.strip()` on the whole output string;
 * - `emCanonical`: exact match after canonicalisation (below), so key order, spacing and JSON versus
 *   Python-repr quoting stop mattering while every value still must match;
 * - `f1`: SQuAD word F1 on the whole output string (the paper's "word-level F1"; it releases no code,
 *   SQuAD's is the natural reading — see eval/word-f1.ts);
 * - `f1Json`: the same bag-of-words F1 over the canonical forms, with words = runs of letters and digits
 *   (lowercased), so punctuation separates tokens instead of gluing them ("2023-04-15" is three words,
 *   where SQuAD's normalisation makes it one);
 * - `errorMatch`: whether the `error` fields agree (both empty, or equal after stripping); null when the
 *   truth itself does not parse (some recorded bodies are cut), so such items do not count either way.
 *
 * Canonical form: the output is parsed as JSON, else as a Python literal; a string `response` that itself
 * parses (JSON, else Python repr — the usual form of a recorded body) is replaced by its value; the
 * result is serialised with sorted keys and no whitespace. An output that does not parse keeps its
 * stripped text.
 */
import { exactMatch } from "../../eval/exact-match.js";
import { tokenF1, wordF1 } from "../../eval/word-f1.js";
import { pyStrip } from "../../util/pystr.js";
import { canonicalJson, parseJsonOrPy, type PyValue } from "./py-literal.js";

export interface ApiScore {
  em: boolean;
  emCanonical: boolean;
  f1: number;
  f1Json: number;
  errorMatch: boolean | null;
}

/** The parsed output with a parsable string `response` expanded; undefined when the output does not parse. */
function parsedOutput(text: string): PyValue | undefined {
  const v = parseJsonOrPy(text);
  if (!(v instanceof Map)) return v;
  const r = v.get("response");
  if (typeof r !== "string") return v;
  const inner = parseJsonOrPy(r);
  return inner === undefined ? v : new Map(v).set("response", inner);
}

/** The canonical text of an output (see the module comment). */
export function canonicalOutput(text: string): string {
  const v = parsedOutput(text);
  return v === undefined ? pyStrip(text) : canonicalJson(v);
}

function errorField(text: string): string | undefined {
  const v = parseJsonOrPy(text);
  if (!(v instanceof Map)) return undefined;
  const e = v.get("error");
  return typeof e === "string" ? pyStrip(e) : e === null || e === undefined ? "" : canonicalJson(e);
}

const JSON_WORD = /[\p{L}\p{N}]+/gu;

export function jsonWords(canonical: string): string[] {
  return (canonical.toLowerCase().match(JSON_WORD) ?? []) as string[];
}

export function scoreApiOutput(pred: string, truth: string): ApiScore {
  const cp = canonicalOutput(pred);
  const ct = canonicalOutput(truth);
  const et = errorField(truth);
  return {
    em: exactMatch(pred, truth),
    emCanonical: cp === ct,
    f1: wordF1(pred, truth),
    f1Json: tokenF1(jsonWords(cp), jsonWords(ct)),
    errorMatch: et === undefined ? null : errorField(pred) === et,
  };
}

export interface ApiMetrics {
  count: number;
  /** Percentages, as the paper reports them. */
  em: number;
  emCanonical: number;
  f1: number;
  f1Json: number;
  errorAccuracy: number;
  /** Items whose truth has an error field (the base of errorAccuracy). */
  errorScored: number;
}

const pct = (n: number, d: number) => (d === 0 ? 0 : (100 * n) / d);

export function aggregateApiScores(scores: readonly ApiScore[]): ApiMetrics {
  const n = scores.length;
  const sum = (f: (s: ApiScore) => number) => scores.reduce((a, s) => a + f(s), 0);
  return {
    count: n,
    em: pct(
      sum((s) => (s.em ? 1 : 0)),
      n,
    ),
    emCanonical: pct(
      sum((s) => (s.emCanonical ? 1 : 0)),
      n,
    ),
    f1: pct(
      sum((s) => s.f1),
      n,
    ),
    f1Json: pct(
      sum((s) => s.f1Json),
      n,
    ),
    errorAccuracy: pct(
      sum((s) => (s.errorMatch ? 1 : 0)),
      scores.filter((s) => s.errorMatch !== null).length,
    ),
    errorScored: scores.filter((s) => s.errorMatch !== null).length,
  };
}
