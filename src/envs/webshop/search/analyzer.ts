/**
 * The analyzer WebShop's Lucene index uses: Anserini `DefaultEnglishAnalyzer.newDefaultInstance()` =
 * `StandardTokenizer` → `EnglishPossessiveFilter` → `LowerCaseFilter` → `StopFilter(Lucene's
 * ENGLISH_STOP_WORDS_SET)` → `PorterStemFilter`, in that order (possessives are stripped before case
 * folding, so `'S` goes too). Same chain at index and query time.
 */
import { porterStem } from "./porter.js";
import { standardTokenize } from "./tokenizer.js";

export { standardTokenize } from "./tokenizer.js";
export { porterStem } from "./porter.js";

/** Lucene `EnglishAnalyzer.ENGLISH_STOP_WORDS_SET` (33 words). */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an and are as at be but by for if in into is it no not of on or such that the their then there " +
    "these they this to was will with"
  ).split(" "),
);

/** `EnglishPossessiveFilter`: drops a trailing `'s` / `’s` / `＇s` (either case of `s`). */
export function stripPossessive(term: string): string {
  const n = term.length;
  if (n >= 2) {
    const q = term.charCodeAt(n - 2);
    const s = term.charCodeAt(n - 1);
    if ((q === 0x27 || q === 0x2019 || q === 0xff07) && (s === 0x73 || s === 0x53))
      return term.slice(0, n - 2);
  }
  return term;
}

/**
 * `LowerCaseFilter`: Java `Character.toLowerCase(int)` per code point — the simple (1:1) Unicode
 * mapping, so `İ` → `i` (String.prototype.toLowerCase would give `i̇`).
 */
export function lowerCase(term: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(term)) return term.toLowerCase();
  let out = "";
  for (const ch of term) {
    const l = ch.toLowerCase();
    out += l.length === ch.length || [...l].length === 1 ? l : ch === "\u0130" ? "i" : ch;
  }
  return out;
}

/** Token → analyzed term ("" for a stop word); bounded, cleared when full. */
const termCache = new Map<string, string>();
const TERM_CACHE_MAX = 200_000;

/** The filter chain after the tokenizer for one token; "" when the stop filter drops it. */
export function analyzeToken(tok: string): string {
  let t = termCache.get(tok);
  if (t === undefined) {
    const lower = lowerCase(stripPossessive(tok));
    t = ENGLISH_STOP_WORDS.has(lower) ? "" : porterStem(lower);
    if (termCache.size >= TERM_CACHE_MAX) termCache.clear();
    termCache.set(tok, t);
  }
  return t;
}

/** The analyzed terms of `text`, in order, duplicates kept. */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const tok of standardTokenize(text)) {
    const t = analyzeToken(tok);
    if (t !== "") out.push(t);
  }
  return out;
}
