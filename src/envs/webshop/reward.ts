/**
 * WebShop's purchase reward, as `web_agent_site/engine/goal.py::get_reward` computes it (princeton-nlp
 * and AgentGym carry the same function):
 *
 *   total = (attribute matches + option matches + [price <= price_upper]) / (n_attr + n_opt + 1) × r_type
 *
 * - r_type: 1.0, but 0.5 when neither the query, nor ≥ 2 `›`-levels of product_category (as sets), nor
 *   a title score > 0.2 match; 0.1 when the title score is < 0.1; 0.0 when it is 0. The title score is
 *   |set(nouns(purchased name)) ∩ set(nouns(goal name))| / len(nouns(goal name)) (0.2 when the goal
 *   name has no nouns); nouns come from a POS tagger (see pos.ts — the only approximate part).
 * - attributes: a goal attribute matches when some purchased `Attributes` entry has
 *   token_set_ratio > 85, else when it is a substring of the lower-cased Title, joined BulletPoints or
 *   Description.
 * - options: upstream's lenient match, kept as is. Purchased values and goal options go through
 *   `normalize_color` (the first COLOR_SET word contained in the value); for synthetic goals (a dict) the
 *   goal side is the `(name, value)` *tuple*, so `in` is tuple membership and thefuzz then scores the
 *   tuple's Python repr (`"('size', 'x-large')"` → tokens `size x large`). A goal option counts when some
 *   purchased option scores > 85; token_set_ratio is 100 whenever one token set contains the other.
 *
 * token_set_ratio is TheFuzz 0.19's (with python-Levenshtein): its default processing is reproduced
 * here (delete U+0080–U+00FF, every non-word character to a space, lower-case, strip) and fuzzball
 * computes the ratio on the processed strings (InDel distance, code points; its half-up rounding
 * differs from Python's half-even only at x.5, which cannot flip a > 85 decision).
 */
import { token_set_ratio } from "fuzzball";
import { pyStrip } from "../../util/pystr.js";
import { winkNouns, type NounTagger } from "./pos.js";

/** The purchased product: the fields of upstream's processed product dict that the reward reads. */
export interface RewardProduct {
  asin?: string;
  /** Raw product name (== Title); upstream's r_type reads `name`. Defaults to `Title`. */
  name?: string;
  Title: string;
  query: string;
  category?: string;
  product_category: string;
  Attributes: readonly string[];
  BulletPoints: readonly string[];
  Description: string;
}

/** A goal as upstream's goal dict: `goal_options` is a dict for synthetic goals, a list for human ones. */
export interface RewardGoal {
  asin?: string;
  query: string;
  category?: string;
  product_category: string;
  name: string;
  attributes: readonly string[];
  goal_options: Readonly<Record<string, string>> | readonly string[];
  price_upper: number;
  instruction_text?: string;
}

export interface RewardOptions {
  /** The NOUN/PROPN tagger for r_type's title score; defaults to wink-nlp (pos.ts). */
  nouns?: NounTagger;
}

export interface TypeReward {
  r_type: number;
  query_match: boolean;
  category_match: boolean;
  title_score: number;
}

/** Upstream's verbose info dict, keys in upstream's insertion order. */
export interface RewardInfo {
  r_type: number;
  r_att: number;
  w_att: number;
  query_match: boolean;
  category_match: boolean;
  title_score: number;
  /** Absent when the goal has no options (upstream's r_option is None). */
  r_option?: number;
  w_option?: number;
  /** A bool upstream (added to the match count as 0/1). */
  r_price?: boolean;
  w_price?: number;
}

export interface RewardResult {
  reward: number;
  info: RewardInfo;
}

// normalize.py COLOR_SET, in its order (the first contained word wins).
const COLOR_SET: readonly string[] = [
  "alabaster",
  "apricot",
  "aqua",
  "ash",
  "asphalt",
  "azure",
  "banana",
  "beige",
  "black",
  "blue",
  "blush",
  "bordeaux",
  "bronze",
  "brown",
  "burgundy",
  "camel",
  "camo",
  "caramel",
  "champagne",
  "charcoal",
  "cheetah",
  "chestnut",
  "chocolate",
  "christmas",
  "coffee",
  "cognac",
  "copper",
  "coral",
  "cranberry",
  "cream",
  "crystal",
  "dark",
  "denim",
  "eggplant",
  "elephant",
  "espresso",
  "fuchsia",
  "gold",
  "granite",
  "grape",
  "graphite",
  "grass",
  "gray",
  "green",
  "grey",
  "heather",
  "indigo",
  "ivory",
  "ivy",
  "khaki",
  "lavender",
  "lemon",
  "leopard",
  "light",
  "lilac",
  "lime",
  "magenta",
  "maroon",
  "mauve",
  "merlot",
  "midnight",
  "mint",
  "mocha",
  "multicolor",
  "mushroom",
  "mustard",
  "natural",
  "navy",
  "nude",
  "olive",
  "orange",
  "peach",
  "pewter",
  "pink",
  "plum",
  "purple",
  "rainbow",
  "red",
  "rose",
  "royal",
  "rust",
  "sand",
  "sapphire",
  "seashell",
  "silver",
  "skull",
  "slate",
  "steel",
  "stone",
  "stonewash",
  "sunflower",
  "tan",
  "taupe",
  "teal",
  "tiger",
  "turquoise",
  "violet",
  "walnut",
  "wheat",
  "white",
  "wine",
  "yellow",
];

/** A Python value the option reward handles: a str, or a synthetic goal's `(name, value)` tuple. */
export type PyOption = string | readonly [string, string];

/**
 * normalize.py `normalize_color`: the first COLOR_SET word `in` the value — a substring test for a
 * string, element equality for a tuple — else the value unchanged.
 */
export function normalizeColor(value: PyOption): PyOption {
  for (const color of COLOR_SET) {
    if (typeof value === "string" ? value.includes(color) : value[0] === color || value[1] === color) {
      return color;
    }
  }
  return value;
}

// Characters Python's str.isprintable() rejects (besides ASCII space): categories Cc, Cf, Cs, Co, Cn,
// Zl, Zp, Zs. repr() writes them as \x.., \u.... or \U........ escapes.
const PY_NONPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's repr() of a str (quote choice as CPython; quotes become spaces in processing anyway). */
export function pyReprStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp < 0x7f) out += ch;
    else if (PY_NONPRINTABLE.test(ch)) {
      if (cp <= 0xff) out += "\\x" + cp.toString(16).padStart(2, "0");
      else if (cp <= 0xffff) out += "\\u" + cp.toString(16).padStart(4, "0");
      else out += "\\U" + cp.toString(16).padStart(8, "0");
    } else out += ch;
  }
  return out + quote;
}

/** Python's str() of a value: a str itself, a 2-tuple as `(repr, repr)`. */
function pyStr(value: PyOption): string {
  return typeof value === "string" ? value : `(${pyReprStr(value[0])}, ${pyReprStr(value[1])})`;
}

// thefuzz's asciidammit deletes exactly U+0080–U+00FF; `(?ui)\W` is "not a letter, number or _".
const LATIN1_HIGH = /[\u0080-\u00ff]/g;
const PY_NON_WORD = /[^\p{L}\p{N}_]/gu;

/** thefuzz 0.19 `utils.full_process(s, force_ascii=True)` (non-str values go through str() first). */
export function fuzzFullProcess(value: PyOption): string {
  return pyStrip(pyStr(value).replace(LATIN1_HIGH, "").replace(PY_NON_WORD, " ").toLowerCase());
}

const FUZZBALL_RAW = { full_process: false, astral: true, normalize: false } as const;

/** thefuzz 0.19 `fuzz.token_set_ratio(a, b)` with its defaults (force_ascii, full_process). */
export function tokenSetRatio(a: PyOption, b: PyOption): number {
  const p1 = fuzzFullProcess(a);
  const p2 = fuzzFullProcess(b);
  if (p1.length === 0 || p2.length === 0) return 0;
  return token_set_ratio(p1, p2, FUZZBALL_RAW);
}

function categoryLevels(productCategory: string): Set<string> {
  return new Set(productCategory.split("\u203a").map(pyStrip));
}

/** goal.py `get_type_reward`. */
export function getTypeReward(
  purchased: RewardProduct,
  goal: RewardGoal,
  nouns: NounTagger = winkNouns,
): TypeReward {
  const query_match = purchased.query === goal.query;
  const goalLevels = categoryLevels(goal.product_category);
  let common = 0;
  for (const level of categoryLevels(purchased.product_category)) if (goalLevels.has(level)) common++;
  const category_match = common >= 2;

  const purchasedNouns = new Set(nouns(purchased.name ?? purchased.Title));
  const desiredNouns = nouns(goal.name);
  let intersect = 0;
  for (const noun of new Set(desiredNouns)) if (purchasedNouns.has(noun)) intersect++;
  const title_score = desiredNouns.length === 0 ? 0.2 : intersect / desiredNouns.length;

  let r_type = 1.0;
  if (!(query_match || category_match || title_score > 0.2)) r_type = 0.5;
  if (title_score < 0.1) r_type = 0.1;
  if (title_score === 0) r_type = 0.0;
  return { r_type, query_match, category_match, title_score };
}

/** goal.py `get_attribute_reward`: [r_attr, num_attr_matches]. */
export function getAttributeReward(purchased: RewardProduct, goal: RewardGoal): [number, number] {
  const title = purchased.Title.toLowerCase();
  const bullets = purchased.BulletPoints.join(" ").toLowerCase();
  const description = purchased.Description.toLowerCase();
  // Python raises ZeroDivisionError on a goal without attributes; synthetic goals always have some.
  if (goal.attributes.length === 0) throw new Error("webshop reward: goal has no attributes");
  let matches = 0;
  for (const gAttr of goal.attributes) {
    if (purchased.Attributes.some((pAttr) => tokenSetRatio(pAttr, gAttr) > 85)) matches++;
    else if (title.includes(gAttr) || bullets.includes(gAttr) || description.includes(gAttr)) matches++;
  }
  return [matches / goal.attributes.length, matches];
}

/** goal.py `get_option_reward`: [r_option (null without goal options), num_option_matches]. */
export function getOptionReward(
  purchasedOptions: readonly string[],
  goalOptions: readonly PyOption[],
): [number | null, number] {
  const purchased = purchasedOptions.map(normalizeColor);
  const wanted = goalOptions.map(normalizeColor);
  let matches = 0;
  for (const g of wanted) if (purchased.some((p) => tokenSetRatio(p, g) > 85)) matches++;
  return [wanted.length > 0 ? matches / wanted.length : null, matches];
}

/** The goal's options as upstream passes them: a dict's `.items()` tuples, or a list's strings. */
function goalOptionValues(goal: RewardGoal): PyOption[] {
  const g = goal.goal_options;
  if (isStringList(g)) return [...g];
  return Object.entries(g).map(([k, v]): readonly [string, string] => [k, v]);
}

function isStringList(g: RewardGoal["goal_options"]): g is readonly string[] {
  return Array.isArray(g);
}

/**
 * goal.py `get_reward(purchased_product, goal, price, options, verbose=True)`. `options` is the
 * session's {name: value} selection (only its values are compared); `price` is the purchased product's
 * price as the session drew it.
 */
export function getReward(
  purchased: RewardProduct,
  goal: RewardGoal,
  price: number,
  options: Readonly<Record<string, string>>,
  opts: RewardOptions = {},
): RewardResult {
  const type = getTypeReward(purchased, goal, opts.nouns ?? winkNouns);
  // Upstream sets r_price to None when price_upper <= 0 and then fails adding None to an int.
  if (!(goal.price_upper > 0)) throw new Error("webshop reward: price_upper must be > 0");
  const r_price = price <= goal.price_upper;
  const [r_att, numAttr] = getAttributeReward(purchased, goal);
  const [r_option, numOpt] = getOptionReward(Object.values(options), goalOptionValues(goal));

  const nAttr = goal.attributes.length;
  const nOpt = isStringList(goal.goal_options)
    ? goal.goal_options.length
    : Object.keys(goal.goal_options).length;
  const denom = nAttr + nOpt + 1;
  const reward = ((numAttr + numOpt + (r_price ? 1 : 0)) / denom) * type.r_type;

  const info: RewardInfo = {
    r_type: type.r_type,
    r_att,
    w_att: nAttr / denom,
    query_match: type.query_match,
    category_match: type.category_match,
    title_score: type.title_score,
  };
  if (r_option !== null) {
    info.r_option = r_option;
    info.w_option = nOpt / denom;
  }
  info.r_price = r_price;
  info.w_price = 1 / denom;
  return { reward, info };
}
