/**
 * The one part of WebShop's reward that needs a part-of-speech tagger: r_type's title overlap
 * (goal.py `get_type_reward`) keeps, of a spaCy parse of the product name, the tokens whose `pos_` is
 * NOUN or PROPN (upstream also lists 'PNOUN', which spaCy never emits) and lower-cases their text.
 * Upstream loads `en_core_web_lg` (AgentGym) or `en_core_web_sm` (princeton-nlp); neither runs in
 * Node, so this module approximates it with wink-nlp's English lite model (UD tags, so the same two
 * labels). Tokenisation and tags differ from spaCy in places (wink splits `4K` into `4` + `K`, and
 * `921ORB` into `921` + `ORB`), so r_type is an approximation; callers can substitute an exact tagger
 * (say, a noun table precomputed with spaCy for the catalogue titles) through `NounTagger`.
 */
import winkNLP, { type WinkMethods } from "wink-nlp";
import model from "wink-eng-lite-web-model";

/** Returns the lower-cased texts, in order and with repeats, of the tokens tagged NOUN or PROPN. */
export type NounTagger = (text: string) => readonly string[];

const NOUN_TAGS: ReadonlySet<string> = new Set(["NOUN", "PROPN"]);
const CACHE_LIMIT = 20_000;

let nlp: WinkMethods | undefined;
const cache = new Map<string, readonly string[]>();

/** wink-nlp's NOUN/PROPN tokens of `text`, lower-cased (memoised: only catalogue titles recur). */
export const winkNouns: NounTagger = (text) => {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  nlp ??= winkNLP(model);
  const tokens = nlp.readDoc(text).tokens();
  const values = tokens.out(nlp.its.value);
  const tags = tokens.out(nlp.its.pos);
  const nouns: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const tag = tags[i];
    const value = values[i];
    if (tag !== undefined && value !== undefined && NOUN_TAGS.has(tag)) nouns.push(value.toLowerCase());
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const frozen = Object.freeze(nouns);
  cache.set(text, frozen);
  return frozen;
};
